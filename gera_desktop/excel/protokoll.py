"""The Änderungsprotokoll as a workbook: one sheet, a title block, then one row per changed field.

Zeitpunkt (a date-time cell shown ``31.12.2025 14:03``), Nr., Benutzer, Feld, Alter Wert, Neuer Wert,
Quelle; long values wrap. Written in openpyxl's write-only mode from a stream of lines (100,000 entries
do not sit in memory twice), atomically: cancelled or failed, the old file stays as it was. Prints on A4
landscape, one page wide, the header on every page.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.progress import Checkpoints
from gera_desktop.excel.anlage_layout import wrapped_lines
from gera_desktop.excel.escapes import encode_text
from gera_desktop.excel.sheet_table import cells_of_row
from gera_desktop.excel.writing import (
    ExportError,
    atomic_target,
    needs_quote_prefix,
    save_workbook,
    text_error,
    text_problem,
)

SHEET_TITLE = "Änderungsprotokoll"
HEADERS = ("Zeitpunkt", "Nr.", "Benutzer", "Feld", "Alter Wert", "Neuer Wert", "Quelle")
WIDTHS = (16.0, 10.0, 16.0, 30.0, 45.0, 45.0, 24.0)
HEADER_ROW = 5
MAX_ROWS = 1_048_576
DATE_TIME_FORMAT = "DD.MM.YYYY hh:mm"
LINE_HEIGHT = 13.0
MAX_LINES = 15
"""A row grows with its text up to this many lines (Excel shows the rest when the row is opened)."""
EXCEL_EPOCH = datetime(1899, 12, 30)
NO_MEASURE_TEXT = "–"
_TOP = Alignment(vertical="top")
_WRAP = Alignment(vertical="top", wrap_text=True)


class Line(Protocol):
    """One line of the log (``services.audit.Line``)."""

    @property
    def zeitpunkt(self) -> datetime: ...
    @property
    def benutzer(self) -> str: ...
    @property
    def massnahme_nr(self) -> str: ...
    @property
    def feld(self) -> str: ...
    @property
    def alter_wert(self) -> str | None: ...
    @property
    def neuer_wert(self) -> str | None: ...
    @property
    def quelle(self) -> str: ...


@dataclass(frozen=True)
class _Styles:
    """The shared style arrays of the sheet."""

    title: Any
    header: Any
    when: Any
    text: Any
    quoted: Any


def write_protokoll(
    path: str | os.PathLike[str],
    lines: Iterable[Line],
    filter_text: str,
    stand: datetime,
    checkpoints: Checkpoints | None = None,
) -> None:
    """Write the lines into ``path``; ``filter_text`` says which entries they are, ``stand`` when."""
    checkpoints = checkpoints or Checkpoints()
    with atomic_target(path, checkpoints) as temp:
        workbook = Workbook(write_only=True)
        try:
            _write_sheet(workbook, lines, filter_text, stand)
            save_workbook(workbook, temp)
        except BaseException:
            for sheet in workbook.worksheets:
                with suppress(Exception):
                    sheet.close()
            raise
        checkpoints.finish()


def _styles(sheet: Any) -> _Styles:
    def make(**attributes: Any) -> Any:
        template = Cell(sheet, 1, 1)
        for name, value in attributes.items():
            setattr(template, name, value)
        return template._style

    fill = PatternFill("solid", start_color="D9E1F2")
    return _Styles(
        title=make(font=Font(bold=True, size=14)),
        header=make(font=Font(bold=True), fill=fill, alignment=_WRAP),
        when=make(number_format=DATE_TIME_FORMAT, alignment=_TOP),
        text=make(alignment=_WRAP),
        quoted=make(alignment=_WRAP, quotePrefix=True),
    )


def _write_sheet(workbook: Workbook, lines: Iterable[Line], filter_text: str, stand: datetime) -> None:
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet._values_to_row = cells_of_row(sheet)
    styles = _styles(sheet)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    _prepare_print(sheet, stand)
    sheet.append([Cell(sheet, 1, 1, SHEET_TITLE, style_array=styles.title)])
    sheet.append([_text(sheet, styles, f"Auswahl: {filter_text}", "", "Auswahl")])
    sheet.append([f"Stand: {stand:%d.%m.%Y %H:%M}"])
    sheet.append([])
    sheet.append([Cell(sheet, 1, 1, header, style_array=styles.header) for header in HEADERS])
    row = HEADER_ROW
    for line in lines:
        row += 1
        if row > MAX_ROWS:
            raise ExportError(
                "Das Änderungsprotokoll hat mehr Zeilen, als ein Excel-Blatt fasst "
                f"({MAX_ROWS:,}). Bitte grenzen Sie es mit den Filtern ein.".replace(",", ".")
            )
        _append(sheet, styles, row, line)


def _append(sheet: Any, styles: _Styles, row: int, line: Line) -> None:
    nr = line.massnahme_nr or NO_MEASURE_TEXT
    texts = (nr, line.benutzer, line.feld, line.alter_wert or "", line.neuer_wert or "", line.quelle)
    height = max(_lines(text, width) for text, width in zip(texts, WIDTHS[1:], strict=True))
    if height > 1:
        sheet.row_dimensions[row].height = LINE_HEIGHT * min(height, MAX_LINES) + 2
    when = Cell(sheet, 1, 1, _serial(line.zeitpunkt), style_array=styles.when)
    cells = [_text(sheet, styles, text, nr, header) for text, header in zip(texts, HEADERS[1:], strict=True)]
    sheet.append([when, *cells])


def _lines(text: str, width: float) -> int:
    """The lines ``text`` wraps into; short text (most of it) without measuring it."""
    return 1 if len(text) < width - 2 and "\n" not in text else wrapped_lines(text, width)


def _serial(moment: datetime) -> float:
    """A date-time as Excel's serial number (days since 30.12.1899, the time as a fraction)."""
    return (moment - EXCEL_EPOCH).total_seconds() / 86_400


def _text(sheet: Any, styles: _Styles, text: str, nr: str, header: str) -> Cell | None:
    """A wrapped text cell, never a formula; text no cell can hold names its measure and field."""
    if not text:
        return None
    if text_problem(text):
        raise text_error(nr, header, text)
    style = styles.quoted if needs_quote_prefix(text) else styles.text
    cell = Cell(sheet, 1, 1, encode_text(text), style_array=style)
    cell.data_type = "s"
    return cell


def _prepare_print(sheet: Any, stand: date) -> None:
    """A4 landscape, one page wide, the header row on every page, page numbers and the date."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.7, header=0.3, footer=0.3)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.oddHeader.right.text = SHEET_TITLE
    sheet.oddFooter.left.text = f"Stand: {format_date(stand)}"
    sheet.oddFooter.center.text = "Seite &P von &N"
