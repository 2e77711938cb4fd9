"""The commands that look after the database itself: check, backup, restore."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from gera_desktop.cli_commands.common import (
    Command,
    open_chosen,
    open_existing,
    say,
    table,
)
from gera_desktop.cli_commands.exits import EXIT_OK, EXIT_REJECTED
from gera_desktop.domain.formatting import format_number

if TYPE_CHECKING:
    from gera_desktop.persistence.backup_store import BackupInfo


def _check_arguments(_parser: argparse.ArgumentParser) -> None:
    """``check`` has no arguments besides ``--db``."""


def run_check(args: argparse.Namespace) -> int:
    """Integrity, references, schema version and counts; exit code 1 when anything is wrong."""
    from gera_desktop.persistence.integrity import check_database

    core = open_existing(args)
    try:
        report = check_database(core.db)
        for line in report.lines():
            say(line)
        reason = core.facts().read_only_reason
        if reason:
            print(f"\n{reason}", file=sys.stderr)
        return EXIT_OK if report.ok else EXIT_REJECTED
    finally:
        core.close()


def _backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dest",
        nargs="?",
        metavar="ZIEL",
        type=Path,
        help="Datei oder Ordner für die Sicherung (ohne Angabe: der Sicherungsordner des Programms)",
    )
    parser.add_argument(
        "--liste", action="store_true", help="die vorhandenen Sicherungen dieser Datenbank zeigen"
    )


def run_backup(args: argparse.Namespace) -> int:
    """Back the database up with SQLite's backup API, or list the backups."""
    core = open_existing(args)
    try:
        if args.liste:
            _print_backups(core.backups(), core.backup_folder)
            return EXIT_OK
        info = core.backup(args.dest)
        say(f"Sicherung angelegt: {info.path} ({_size(info.size)})")
        return EXIT_OK
    finally:
        core.close()


def _print_backups(backups: list[BackupInfo], folder: Path) -> None:
    if not backups:
        say(f"Keine Sicherungen im Ordner {folder}.")
        return
    rows = [("Angelegt", "Anlass", "Art", "Größe", "Datei")]
    rows += [
        (
            f"{b.created:%d.%m.%Y %H:%M:%S}",
            b.reason,
            "automatisch" if b.automatic else "manuell",
            _size(b.size),
            b.path.name,
        )
        for b in backups
    ]
    say(table(rows, right_aligned=(3,)))
    say(f"Ordner: {folder}")


def _size(size: int) -> str:
    """``1.536 KB`` – sizes the way a file manager shows them, in kilobytes."""
    return f"{format_number(Decimal(max(1, round(size / 1024))), 0)} KB"


def _restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", metavar="SICHERUNG", type=Path, help="die Sicherungsdatei (.sqlite)")


def run_restore(args: argparse.Namespace) -> int:
    """Replace the database by a checked backup; the state before is backed up first."""
    core = open_chosen(args)
    try:
        backup = _backup_file(args.backup, core.backup_folder)
        before = core.restore_backup(backup).value
    finally:
        core.close()
    say(f"Sicherung „{backup.name}“ eingespielt.")
    say(f"Der Stand davor ist gesichert: {before.path}")
    return EXIT_OK


def _backup_file(given: Path, folder: Path) -> Path:
    """The backup as given, or – given by its name only, as ``backup --liste`` shows it – in the folder."""
    if given.exists() or given.parent != Path():
        return given
    return folder / given


CHECK = Command(
    name="check",
    summary="die Datenbank prüfen (Integrität, Schema-Stand, Anzahl der Einträge)",
    example="gera-desktop check --db massnahmen.sqlite",
    add_arguments=_check_arguments,
    run=run_check,
    description="Prüft die Datenbank und zeigt, was sie enthält. Rückgabewert 1, wenn sie beschädigt ist.",
)
BACKUP = Command(
    name="backup",
    summary="eine Sicherung der Datenbank anlegen (oder mit --liste die Sicherungen zeigen)",
    example="gera-desktop backup D:\\Sicherungen\\massnahmen-2024-06-30.sqlite",
    add_arguments=_backup_arguments,
    run=run_backup,
)
RESTORE = Command(
    name="restore",
    summary="eine Sicherung einspielen (der bisherige Stand wird vorher gesichert)",
    example="gera-desktop restore gera-desktop_2024-06-30_14-03-22_manuell.sqlite",
    add_arguments=_restore_arguments,
    run=run_restore,
)
