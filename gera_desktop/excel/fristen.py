"""The Fristen workbook (issue 13 point 4): one sheet "Fristen" with the list as the view shows it.

Title block and look as the council annex (``anlage_layout``): A4 landscape, one page wide, the header row
on every page, "Seite n von m". Datum is a date cell (TT.MM.JJJJ); the overdue rows are bold. Written
atomically: the target is the old file or the complete new one.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.fristen import HEADERS, NONE_DUE, Frist, Zustand, row_texts, summary
from gera_desktop.excel.anlage_layout import (
    FIRST_DATA_ROW,
    FONT,
    FONT_SIZE,
    HEADER_ROW,
    add_styles,
    fit_header_row,
    fit_row,
    prepare_print,
    put_text,
    wrapped_lines,
    write_title,
)
from gera_desktop.excel.columns import DATE_FORMAT
from gera_desktop.excel.writing import CellTextError, atomic_target, save_workbook, text_error

SHEET_TITLE = "Fristen"
WIDTHS = (12.0, 22.0, 24.0, 10.0, 40.0, 60.0)
_BOLD = Font(name=FONT, size=FONT_SIZE, bold=True)


@dataclass(frozen=True)
class Page:
    """What the header and footer of every page say (``anlage_layout.prepare_print``)."""

    title: str
    stand: date


def write_fristen(path: str | os.PathLike[str], found: Sequence[Frist], today: date) -> Path:
    """Write the Fristen at ``today`` into ``path``, atomically; returns the path."""
    with atomic_target(path) as temp:
        save_workbook(build_fristen(found, today), temp)
    return Path(path)


def build_fristen(found: Sequence[Frist], today: date) -> Workbook:
    """The workbook of the Fristen at ``today``."""
    workbook = Workbook()
    add_styles(workbook)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    lines = [f"Fristen am {format_date(today)}", summary(found), f"Stand: {format_date(today)}"]
    write_title(sheet, lines, HEADERS)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(HEADER_ROW, index).column_letter].width = width
    fit_header_row(sheet, HEADER_ROW, list(zip(HEADERS, WIDTHS, strict=True)))
    for number, frist in enumerate(found, start=FIRST_DATA_ROW):
        _write_row(sheet, number, frist)
    if not found:
        sheet.cell(FIRST_DATA_ROW, 1).style = "Anlage Kurztext"
        put_text(sheet.cell(FIRST_DATA_ROW, 1), NONE_DUE)
        sheet.merge_cells(
            start_row=FIRST_DATA_ROW, start_column=1, end_row=FIRST_DATA_ROW, end_column=len(HEADERS)
        )
    prepare_print(sheet, Page(lines[0], today), f"{HEADER_ROW}:{HEADER_ROW}")
    return workbook


def _write_row(sheet: Worksheet, number: int, frist: Frist) -> None:
    overdue = frist.zustand is Zustand.UEBERFAELLIG
    day = sheet.cell(number, 1)
    day.style = "Anlage Kurztext"
    day.value = frist.datum
    day.number_format = DATE_FORMAT
    height = 1
    for index, text in enumerate(row_texts(frist), start=2):
        cell = sheet.cell(number, index)
        cell.style = "Anlage Text"
        if text:
            try:
                put_text(cell, text)
            except CellTextError as exc:
                raise text_error(frist.nr or "", HEADERS[index - 1], text) from exc
            height = max(height, wrapped_lines(text, WIDTHS[index - 1]))
    if overdue:
        for index in range(1, len(HEADERS) + 1):
            sheet.cell(number, index).font = _BOLD
    fit_row(sheet, number, height)
