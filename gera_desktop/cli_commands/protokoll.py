"""``protokoll``: the Änderungsprotokoll of every measure (and of the programme settings and Stände) as a
table, or every line of it into a workbook."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from gera_desktop.cli_commands.common import Command, open_existing, say, table
from gera_desktop.cli_commands.exits import EXIT_OK
from gera_desktop.domain.formatting import format_count

if TYPE_CHECKING:
    from gera_desktop.services.audit import AenderungData

SHOWN_LENGTH = 50
"""Longer values are shortened in the table (the workbook holds them whole)."""
HEADERS = ("Zeitpunkt", "Nr.", "Benutzer", "Feld", "Alter Wert", "Neuer Wert", "Quelle")


def german_date(text: str) -> date:
    """``--seit``: a date as TT.MM.JJJJ (also T.M.JJ)."""
    from gera_desktop.services.typed_input import InputError, parse_date_text

    try:
        value = parse_date_text(text)
    except InputError as error:
        raise argparse.ArgumentTypeError(error.message) from None
    if value is None:
        raise argparse.ArgumentTypeError("der Wert fehlt")
    return value


def workbook_target(text: str) -> Path:
    """``--datei``: an .xlsx file."""
    path = Path(text)
    if path.suffix.lower() != ".xlsx":
        raise argparse.ArgumentTypeError(f"„{path.name}“: das Protokoll wird als .xlsx-Datei geschrieben")
    return path


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--nr", metavar="NR", help="nur die Änderungen dieser Maßnahme")
    parser.add_argument(
        "--seit", metavar="DATUM", type=german_date, help="nur Änderungen ab diesem Tag (TT.MM.JJJJ)"
    )
    parser.add_argument(
        "--datei",
        metavar="DATEI.xlsx",
        type=workbook_target,
        help="alle Zeilen in diese Arbeitsmappe schreiben",
    )


def run_protokoll(args: argparse.Namespace) -> int:
    """Print the newest changes, or write them all into ``--datei``."""
    from gera_desktop.services.audit_query import ProtokollFilter

    core = open_existing(args)
    try:
        f = ProtokollFilter(nr=args.nr, von=args.seit)
        if args.datei is not None:
            path = core.write_protokoll(args.datei, f)
            say(f"Änderungsprotokoll ({f.describe()}) geschrieben: {path}")
            return EXIT_OK
        page = core.protokoll(f)
    finally:
        core.close()
    if not page.lines:
        say(f"Keine Änderungen ({f.describe()}).")
        return EXIT_OK
    say(table([HEADERS, *(_row(line) for line in page.lines)]))
    say(page.count_text() if page.limited else f"{format_count(len(page.lines))} Zeilen ({f.describe()}).")
    return EXIT_OK


def _row(line: AenderungData) -> tuple[str, ...]:
    return (
        f"{line.zeitpunkt:%d.%m.%Y %H:%M}",
        line.massnahme_nr or "–",
        _shown(line.benutzer),
        _shown(line.feld),
        _shown(line.alter_wert),
        _shown(line.neuer_wert),
        _shown(line.quelle),
    )


def _shown(text: str | None) -> str:
    """One line, shortened with „…“ where it is long."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= SHOWN_LENGTH else flat[: SHOWN_LENGTH - 1] + "…"


PROTOKOLL = Command(
    name="protokoll",
    summary="Änderungsprotokoll: wer wann was geändert hat, als Tabelle oder Excel-Datei",
    example="gera-desktop protokoll --nr P-07 --seit 01.01.2025 --datei protokoll.xlsx",
    add_arguments=_arguments,
    run=run_protokoll,
    description=(
        "Zeigt die Änderungen an allen Maßnahmen, an den Programmeinstellungen und an den Ständen, die "
        "neuesten zuerst (höchstens 2.000 Zeilen; Einträge ohne Maßnahme mit „–“ als Nr.). Mit --datei "
        "werden alle passenden Zeilen in eine Excel-Arbeitsmappe geschrieben."
    ),
)
