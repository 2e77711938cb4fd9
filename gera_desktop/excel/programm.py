"""The workbook „Programm und Mittelabrufe“ (issue 13): the programme view of the funding calls.

Sheet "Halbjahre": per half-year förderfähig and abgerufen up to its end, geplant in it and abrufbar, the
current half-year and those after the Programmende named. Sheet "Gefährdete Mittel": per measure with
funds at risk its Bundesmittel, abgerufen, the calls geplant up to the Programmende and what is at risk,
with a total row of SUM formulas (their results stored, so previews and other readers see them). Both
look and print like the council annex: Arial 10, A4 landscape, one page wide, header row repeated on every
page, Stand and "Seite n von m" in the footer.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from gera_desktop.domain.formatting import format_date, short_list
from gera_desktop.domain.programm import GefaehrdeteMittel, HalbjahrStand, ProgrammStand
from gera_desktop.domain.progress import Checkpoints
from gera_desktop.excel.anlage_layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    Results,
    add_styles,
    fit_header_row,
    fit_row,
    fit_subject_row,
    prepare_print,
    put_text,
    wrapped_lines,
    write_title,
)
from gera_desktop.excel.formula_cache import store_results
from gera_desktop.excel.writing import CellTextError, ExportError, atomic_target, save_workbook, text_error

TITLE = "Programm und Mittelabrufe"
HALBJAHRE, GEFAEHRDET = "Halbjahre", "Gefährdete Mittel"
SUFFIX = ".xlsx"
AMOUNT_WIDTH = 19.0
HALBJAHR_HEADERS = (
    ("Halbjahr", 11.0),
    ("Förderfähig bis dahin", AMOUNT_WIDTH),
    ("Abgerufen bis dahin", AMOUNT_WIDTH),
    ("Geplant im Halbjahr", AMOUNT_WIDTH),
    ("Abrufbar", AMOUNT_WIDTH),
    ("Hinweis", 22.0),
)
RISK_HEADERS = (
    ("Nr.", 10.0),
    ("Maßnahme", 48.0),
    ("Bundesmittel", AMOUNT_WIDTH),
    ("Abgerufen", AMOUNT_WIDTH),
    ("Geplant bis Programmende", AMOUNT_WIDTH),
    ("Gefährdet", AMOUNT_WIDTH),
)
AKTUELL, NACH_ENDE = "aktuelles Halbjahr", "nach dem Programmende"
NO_HALF_YEARS = "Noch keine Jahresscheiben mit Ist-Kosten und keine Mittelabrufe."
NO_RISK = "Keine Bundesmittel gefährdet: alles ist abgerufen oder bis zum Programmende geplant."
LEFT_OUT = "Nicht berücksichtigt (abgelehnt oder abgebrochen): "


@dataclass(frozen=True)
class Page:
    """What the header and footer of every page say (``anlage_layout.prepare_print``)."""

    title: str
    stand: date


def write_programm(
    path: str | os.PathLike[str], stand: ProgrammStand, checkpoints: Checkpoints | None = None
) -> None:
    """Write the workbook to ``path``, atomically; cancelled, the old file stays as it was."""
    target = Path(path)
    if target.suffix.lower() != SUFFIX:
        raise ExportError(f"Die Datei „{target.name}“ muss auf {SUFFIX} enden.")
    checkpoints = checkpoints or Checkpoints()
    checkpoints.plan(len(stand.halbjahre) + len(stand.gefaehrdet) + 1)
    with atomic_target(target, checkpoints) as temp:
        workbook, results = build_programm(stand, checkpoints)
        save_workbook(workbook, temp)
        checkpoints.check()
        store_results(temp, results)
        checkpoints.finish()


def build_programm(stand: ProgrammStand, checkpoints: Checkpoints | None = None) -> tuple[Workbook, Results]:
    """The workbook and the results of its formulas (sheet -> cell -> value)."""
    checkpoints = checkpoints or Checkpoints()
    workbook = Workbook()
    add_styles(workbook)
    page = Page(TITLE, stand.stichtag)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = HALBJAHRE
    _write_halbjahre(sheet, stand, page, checkpoints)
    results: Results = {GEFAEHRDET: {}}
    _write_gefaehrdet(workbook.create_sheet(GEFAEHRDET), stand, page, results[GEFAEHRDET], checkpoints)
    return workbook, results


def _lines(stand: ProgrammStand, subject: str) -> list[str]:
    """Title, subject line and the Stand with the Programmende."""
    ende = format_date(stand.programmende)
    return [TITLE, subject, f"Stand: {format_date(stand.stichtag)} · Programmende: {ende}"]


def _start(sheet: Worksheet, lines: list[str], headers: Sequence[tuple[str, float]]) -> None:
    write_title(sheet, lines, [header for header, _width in headers])
    for index, (_header, width) in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(HEADER_ROW, index).column_letter].width = width
    fit_header_row(sheet, HEADER_ROW, headers)
    fit_subject_row(sheet, lines[1], sum(width for _header, width in headers))


def _write_halbjahre(sheet: Worksheet, stand: ProgrammStand, page: Page, checkpoints: Checkpoints) -> None:
    lines = _lines(
        stand,
        "Abrufbar je Halbjahr: Förderquote × Ist-Kosten bis dahin (höchstens die Bundesmittel), abzüglich "
        "der abgerufenen Mittel, je Maßnahme und nicht unter 0 €. Die Ist-Kosten eines Jahres zählen ab "
        "seinem ersten Halbjahr. Abgelehnte und abgebrochene Maßnahmen zählen nicht.",
    )
    _start(sheet, lines, HALBJAHR_HEADERS)
    for number, row in enumerate(checkpoints.each(stand.halbjahre, step=50), start=FIRST_DATA_ROW):
        _halbjahr_row(sheet, number, row)
    if not stand.halbjahre:
        _note(sheet, FIRST_DATA_ROW, NO_HALF_YEARS, len(HALBJAHR_HEADERS))
    prepare_print(sheet, page, f"{HEADER_ROW}:{HEADER_ROW}")


def _halbjahr_row(sheet: Worksheet, number: int, row: HalbjahrStand) -> None:
    hinweis = AKTUELL if row.aktuell else NACH_ENDE if row.nach_programmende else ""
    amounts = (row.foerderfaehig, row.abgerufen, row.geplant, row.abrufbar)
    bold = "Anlage Summe" if row.aktuell else "Anlage"
    _text(sheet.cell(number, 1), row.halbjahr.label, f"{bold} Text")
    for column, amount in enumerate(amounts, start=2):
        _amount(sheet.cell(number, column), amount, f"{bold} Betrag")
    _text(sheet.cell(number, 6), hinweis, f"{bold} Text")


def _write_gefaehrdet(
    sheet: Worksheet,
    stand: ProgrammStand,
    page: Page,
    results: dict[str, Decimal | int],
    checkpoints: Checkpoints,
) -> None:
    lines = _lines(
        stand,
        "Gefährdete Bundesmittel je Maßnahme: Bundesmittel − abgerufene Mittel − Mittelabrufe, die bis zum "
        f"Programmende ({format_date(stand.programmende)}) geplant sind (nicht unter 0 €). Abgelehnte "
        "und abgebrochene Maßnahmen zählen nicht.",
    )
    _start(sheet, lines, RISK_HEADERS)
    number = FIRST_DATA_ROW
    for row in checkpoints.each(stand.gefaehrdet, step=50):
        _risk_row(sheet, number, row)
        number += 1
    if stand.gefaehrdet:
        _total_row(sheet, number, stand, results)
    else:
        _note(sheet, number, NO_RISK, len(RISK_HEADERS))
    if stand.left_out:
        _note(sheet, number + 2, LEFT_OUT + short_list(stand.left_out, 20), len(RISK_HEADERS), boxed=False)
    prepare_print(sheet, page, f"{HEADER_ROW}:{HEADER_ROW}")


def _risk_row(sheet: Worksheet, number: int, row: GefaehrdeteMittel) -> None:
    for column, text in ((1, row.nr), (2, row.titel)):
        try:
            _text(sheet.cell(number, column), text, "Anlage Text")
        except CellTextError as exc:
            raise text_error(row.nr, RISK_HEADERS[column - 1][0], text) from exc
    for column, amount in enumerate((row.bundesmittel, row.abgerufen, row.geplant, row.gefaehrdet), start=3):
        _amount(sheet.cell(number, column), amount, "Anlage Betrag")
    fit_row(sheet, number, wrapped_lines(row.titel, RISK_HEADERS[1][1]))


def _total_row(
    sheet: Worksheet, number: int, stand: ProgrammStand, results: dict[str, Decimal | int]
) -> None:
    """``Summe`` with a SUM formula per amount column, its result stored with it."""
    summen = stand.summen
    _text(sheet.cell(number, 1), "Summe", "Anlage Gesamt Text")
    sheet.cell(number, 2).style = "Anlage Gesamt Text"
    totals = (summen.bundesmittel, summen.abgerufen, summen.geplant, summen.gefaehrdet)
    for column, total in enumerate(totals, start=3):
        cell = sheet.cell(number, column)
        letter = cell.column_letter
        cell.value = f"=SUM({letter}{FIRST_DATA_ROW}:{letter}{number - 1})"
        cell.style = "Anlage Gesamt Betrag"
        results[cell.coordinate] = total


def _note(sheet: Worksheet, number: int, text: str, width: int, boxed: bool = True) -> None:
    cell = sheet.cell(number, 1)
    cell.style = "Anlage Kurztext" if boxed else "Anlage Stand"
    put_text(cell, text)
    sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)


def _text(cell: Any, text: str, style: str) -> None:
    cell.style = style
    if text:
        put_text(cell, text)


def _amount(cell: Any, amount: Decimal, style: str) -> None:
    cell.value = amount
    cell.style = style
