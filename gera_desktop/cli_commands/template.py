"""``vorlage``: the empty import template for offices that send measures."""

from __future__ import annotations

import argparse
from pathlib import Path

from gera_desktop.cli_commands.common import Command, say
from gera_desktop.cli_commands.exits import EXIT_OK
from gera_desktop.services.template import save_template


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="DATEI", type=Path, help="Zieldatei (.xlsx)")


def run_template(args: argparse.Namespace) -> int:
    """Write the template; an existing file is replaced only once the new one is complete."""
    written = save_template(args.file)
    say(f"Vorlage gespeichert: {written}")
    return EXIT_OK


TEMPLATE = Command(
    name="vorlage",
    summary="eine leere Maßnahmenliste zum Ausfüllen speichern (mit Auswahllisten und Ausfüllhinweisen)",
    example="gera-desktop vorlage Maßnahmenliste-Vorlage.xlsx",
    add_arguments=_arguments,
    run=run_template,
    description=(
        "Speichert eine leere Maßnahmenliste im Format, das der Import liest: die Blätter Maßnahmen, "
        "Meilensteine, Finanzen und Beteiligung mit Auswahllisten sowie das Blatt „Ausfüllhinweise“, das "
        "jede Spalte erklärt (Pflichtfeld, Typ, Regel, erlaubte Werte, Beispiel). Die Datenbank wird dafür "
        "nicht geöffnet."
    ),
)
