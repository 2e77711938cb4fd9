"""The Übersicht as a workbook: one sheet "Übersicht" with a title block and one table per card of the
Übersicht, one below the other (``services.overview_sections`` makes them).

Amounts are euro cells, shares percentages, counts numbers and dates date cells (TT.MM.JJJJ); the look
and print setup are the council annex's (``anlage_layout``): A4, one page wide, "Seite n von m".
Written atomically: the target is the old file or the complete new one.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from gera_desktop.domain.formatting import format_date
from gera_desktop.excel.anlage_layout import (
    FONT,
    FONT_SIZE,
    add_styles,
    fit_row,
    prepare_print,
    put_text,
    wrapped_lines,
)
from gera_desktop.excel.columns import DATE_FORMAT
from gera_desktop.excel.writing import CellTextError, ExportError, atomic_target, save_workbook, text_problem

SHEET_TITLE = "Übersicht"
WIDTHS = (34.0, 30.0, 30.0, 18.0, 18.0, 18.0)
SHARE_FORMAT = "0.0 %"
_BOLD = Font(name=FONT, size=FONT_SIZE, bold=True)


class Share(Decimal):
    """A fraction shown as a percentage (``0.51`` is ``51,0 %``)."""


class Card(Protocol):
    """What the workbook needs of one card of the Übersicht."""

    @property
    def title(self) -> str: ...

    @property
    def headers(self) -> tuple[str, ...]: ...

    @property
    def rows(self) -> Sequence[tuple[Any, ...]]: ...

    @property
    def total(self) -> tuple[Any, ...] | None: ...

    @property
    def note(self) -> str: ...


@dataclass(frozen=True)
class Page:
    """What the header and footer of every page say (``anlage_layout.prepare_print``)."""

    title: str
    stand: date


def write_uebersicht(
    path: str | os.PathLike[str], title: str, lines: Sequence[str], cards: Sequence[Card], stand: date
) -> Path:
    """Write the Übersicht (``title``, then ``lines`` of text, then the cards) into ``path``, atomically."""
    with atomic_target(path) as temp:
        save_workbook(build_uebersicht(title, lines, cards, stand), temp)
    return Path(path)


def build_uebersicht(title: str, lines: Sequence[str], cards: Sequence[Card], stand: date) -> Workbook:
    """The workbook of the Übersicht."""
    workbook = Workbook()
    add_styles(workbook)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    row = _title_block(sheet, title, [*lines, f"Stand: {format_date(stand)}"])
    for card in cards:
        row = _card(sheet, row + 1, card)
    prepare_print(sheet, Page(title, stand), None, freeze=False)
    return workbook


def _title_block(sheet: Worksheet, title: str, lines: Sequence[str]) -> int:
    """Title and lines from row 1; returns the last row written."""
    _text(sheet, 1, 1, title, "Anlage Titel")
    sheet.row_dimensions[1].height = 21
    for row, line in enumerate(lines, start=2):
        _text(sheet, row, 1, line, "Anlage Stand")
    return 1 + len(lines)


def _card(sheet: Worksheet, row: int, card: Card) -> int:
    """A card's title, header, rows, sum and note from ``row``; returns the last row written."""
    _text(sheet, row + 1, 1, card.title, "Anlage Betreff")
    row += 2
    for column, header in enumerate(card.headers, start=1):
        _text(sheet, row, column, header, "Anlage Kopf")
    for values in card.rows:
        row += 1
        _values(sheet, row, values)
    if not card.rows:
        row += 1
        _text(sheet, row, 1, "Keine", "Anlage Kurztext")
    if card.total is not None:
        row += 1
        _values(sheet, row, card.total, total=True)
    if card.note:
        row += 1
        _text(sheet, row, 1, card.note, "Anlage Stand")
    return row


def _values(sheet: Worksheet, row: int, values: tuple[Any, ...], total: bool = False) -> None:
    height = 1
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column)
        if isinstance(value, Share):
            cell.style, cell.value = "Anlage Prozent", float(value)
            cell.number_format = SHARE_FORMAT
        elif isinstance(value, Decimal):
            cell.style, cell.value = "Anlage Betrag", value
        elif isinstance(value, int):
            cell.style, cell.value = "Anlage Anzahl", value
        elif isinstance(value, date):
            cell.style, cell.value = "Anlage Kurztext", value
            cell.number_format = DATE_FORMAT
        else:
            _text(sheet, row, column, str(value or ""), "Anlage Text")
            height = max(height, wrapped_lines(str(value or ""), WIDTHS[column - 1]))
        if total:
            cell.font = _BOLD
    fit_row(sheet, row, height)


def _text(sheet: Worksheet, row: int, column: int, text: str, style: str) -> None:
    cell = sheet.cell(row, column)
    cell.style = style
    if not text:
        return
    try:
        put_text(cell, text)
    except CellTextError as exc:
        problem = text_problem(text) or "kann nicht geschrieben werden"
        raise ExportError(f"Der Text in Zelle {cell.coordinate} der Übersicht {problem}.") from exc
