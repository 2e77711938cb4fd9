"""The commands that bring measures into the database: demo and import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gera_desktop.cli_commands.common import (
    Command,
    measures_text,
    open_chosen,
    say,
)
from gera_desktop.cli_commands.exits import EXIT_OK, EXIT_REJECTED
from gera_desktop.excel.safety import check_file
from gera_desktop.resources import demo_data


def _demo_arguments(_parser: argparse.ArgumentParser) -> None:
    """``demo`` has no arguments besides ``--db``."""


def run_demo(args: argparse.Namespace) -> int:
    """Fill an empty database with the sample measures; a database with measures is refused."""
    core = open_chosen(args)
    try:
        count = core.load_demo(demo_data()).value
        name = core.facts().name
    finally:
        core.close()
    say(f"{measures_text(count)} angelegt (Beispieldaten) in {name}.")
    return EXIT_OK


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="DATEI", type=Path, help="die Maßnahmenliste (.xlsx oder .xlsm)")
    parser.add_argument(
        "--dry-run",
        "--probelauf",
        action="store_true",
        dest="dry_run",
        help="nur prüfen und berichten, was sich ändern würde; nichts speichern",
    )


def run_import(args: argparse.Namespace) -> int:
    """Check the whole file, then write all of it or nothing; the report goes to standard output."""
    check_file(args.file)  # an unreadable file is refused before a new database would be created
    core = open_chosen(args)
    try:
        report = core.check_import(args.file) if args.dry_run else core.import_file(args.file).value
    finally:
        core.close()
    say(report.as_text())
    if not report.ok:
        print(f"Die Datei {args.file} wurde nicht eingelesen (siehe Fehler).", file=sys.stderr)
        return EXIT_REJECTED
    return EXIT_OK


DEMO = Command(
    name="demo",
    summary="die Beispielmaßnahmen in eine leere Datenbank laden",
    example="gera-desktop demo --db beispiel.sqlite",
    add_arguments=_demo_arguments,
    run=run_demo,
    description=(
        "Lädt die 25 Beispielmaßnahmen (mit Meilensteinen, Jahresscheiben und Bürgerbeteiligung) in eine "
        "leere Datenbank, zum Ausprobieren und Schulen. Eine Datenbank mit Maßnahmen wird abgelehnt."
    ),
)
IMPORT = Command(
    name="import",
    summary="eine Maßnahmenliste (.xlsx) einlesen: erst alles prüfen, dann alles oder nichts speichern",
    example="gera-desktop import zulieferung-umweltamt.xlsx --dry-run",
    add_arguments=_import_arguments,
    run=run_import,
    description=(
        "Liest eine Maßnahmenliste ein. Neue Maßnahmen werden angelegt, vorhandene (gleiche Maßnahmen-Nr.) "
        "mit den Spalten der Datei aktualisiert. Hat die Datei einen Fehler, wird nichts gespeichert. "
        "Vor dem Speichern legt das Programm eine Sicherung an."
    ),
)
