"""``bericht``: the Sachstandsbericht as a PDF – the one command that loads Qt.

Qt's PDF writer paints the report, and Qt lives in ``gera_desktop/ui`` only: ``__main__`` hands this
command the ui's writer (``args.pdf_writer``, which starts an offscreen Qt application), so that this
module, like every command module, imports no Qt. Reading the measures and the messages stay here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from gera_desktop.cli_commands.common import Command, measures_text, open_existing, say
from gera_desktop.cli_commands.exits import EXIT_OK, UsageError
from gera_desktop.domain.formatting import format_count

if TYPE_CHECKING:
    from gera_desktop.services.bericht_data import ReportData

NAME = "bericht"
PdfWriter = Callable[[Path, "ReportData"], int]
"""Writes the report's PDF to the path; returns its number of pages."""


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="DATEI", type=Path, help="Zieldatei (.pdf)")


def run_bericht(args: argparse.Namespace) -> int:
    """Read every measure outside the Papierkorb and write the report with ``args.pdf_writer``."""
    target: Path = args.file
    if target.suffix.lower() != ".pdf":
        raise UsageError(
            f"Der Sachstandsbericht wird als PDF geschrieben: Bitte eine Datei mit der Endung .pdf angeben "
            f"(nicht „{target.name}“)."
        )
    core = open_existing(args)
    try:
        data = core.report_data(date.today())
    finally:
        core.close()
    write: PdfWriter = args.pdf_writer
    pages = write(target, data)
    say(
        f"Sachstandsbericht gespeichert: {target} ({format_count(pages)} "
        f"{'Seite' if pages == 1 else 'Seiten'}, {measures_text(len(data.records))})."
    )
    return EXIT_OK


BERICHT = Command(
    name=NAME,
    summary="den Sachstandsbericht als PDF schreiben (Zusammenfassung und ein Steckbrief je Maßnahme)",
    example="gera-desktop bericht Sachstandsbericht-2025-06.pdf",
    add_arguments=_arguments,
    run=run_bericht,
    description=(
        "Schreibt den Sachstandsbericht (A4 hoch): eine Zusammenfassung mit Summen, Ampeln, abgerufenen "
        "und gefährdeten Mitteln und Fristen, danach je Maßnahme außerhalb des Papierkorbs einen "
        "Steckbrief (Daten, Ampel, Finanzierung, Mittelabrufe, Meilensteine, Beteiligung, Beschlüsse, "
        "Verstetigung). Eine vorhandene Datei wird erst ersetzt, wenn der neue Bericht vollständig ist."
    ),
)
