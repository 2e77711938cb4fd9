"""Look and print setup of the council annex: named styles, title block, A4 landscape, header and footer,
and how wide text is in Arial 10 (the annex's font, also its default font, so that Excel and LibreOffice
measure column widths alike)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.excel.columns import MONEY_FORMAT as MONEY
from gera_desktop.excel.columns import PERCENT_FORMAT
from gera_desktop.excel.escapes import encode_text
from gera_desktop.excel.writing import CellTextError, ExportError, set_text, text_problem

HEADER_ROW = 5
FIRST_DATA_ROW = HEADER_ROW + 1
LINE_HEIGHT = 13.0
FONT = "Arial"
FONT_SIZE = 10
BOLD_WIDTH = 1.08
"""Bold letters of Arial are this much wider (digits are not: amounts need no allowance)."""
PADDING = 1.0
"""Column-width units a cell needs beside its text."""
A4_LONG_SIDE_PT = 841.89
SIDE_MARGIN_IN = 0.4

Results = dict[str, dict[str, Decimal | int]]
"""Sheet title -> cell -> the result of the formula in that cell."""

_GRID = Side(style="thin", color="A6A6A6")
_BOX = Border(left=_GRID, right=_GRID, top=_GRID, bottom=_GRID)
_TOTAL_BOX = Border(left=_GRID, right=_GRID, top=Side(style="thin"), bottom=Side(style="double"))
_HEADER_FILL = PatternFill("solid", start_color="D9E1F2")
_GROUP_FILL = PatternFill("solid", start_color="EDEDED")
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)
_TOP = Alignment(vertical="top")


class Titled(Protocol):
    """What the print setup needs of the annex options."""

    @property
    def title(self) -> str: ...

    @property
    def stand(self) -> Any: ...


def printable_width_pt() -> float:
    """The width between the side margins of an A4 page in landscape, in points."""
    return A4_LONG_SIDE_PT - 2 * SIDE_MARGIN_IN * 72


def add_styles(workbook: Workbook) -> None:
    """Arial 10 as the default font, and the annex's named styles (also in Excel's cell-style gallery)."""
    _default_font(workbook, Font(name=FONT, size=FONT_SIZE, family=2))
    bold = Font(name=FONT, size=FONT_SIZE, bold=True)
    plain = Font(name=FONT, size=FONT_SIZE)
    styles = [
        NamedStyle("Anlage Titel", font=Font(name=FONT, bold=True, size=14)),
        NamedStyle("Anlage Betreff", font=Font(name=FONT, bold=True, size=11), alignment=_TOP_WRAP),
        NamedStyle("Anlage Stand", font=plain),
        NamedStyle("Anlage Kopf", font=bold, fill=_HEADER_FILL, border=_BOX, alignment=_header_alignment()),
        NamedStyle("Anlage Text", font=plain, border=_BOX, alignment=_TOP_WRAP),
        NamedStyle("Anlage Kurztext", font=plain, border=_BOX, alignment=_TOP),
        NamedStyle("Anlage Betrag", font=plain, border=_BOX, alignment=_TOP, number_format=MONEY),
        NamedStyle("Anlage Anzahl", font=plain, border=_BOX, alignment=_TOP, number_format="0"),
        NamedStyle("Anlage Prozent", font=plain, border=_BOX, alignment=_TOP, number_format=PERCENT_FORMAT),
        NamedStyle("Anlage Gruppe", font=bold, fill=_GROUP_FILL, border=_BOX, alignment=_TOP),
        NamedStyle("Anlage Summe Text", font=bold, border=_BOX, alignment=_TOP_WRAP),
        NamedStyle("Anlage Summe Betrag", font=bold, border=_BOX, number_format=MONEY),
        NamedStyle("Anlage Summe Anzahl", font=bold, border=_BOX, number_format="0"),
        NamedStyle("Anlage Gesamt Text", font=bold, fill=_HEADER_FILL, border=_TOTAL_BOX),
        NamedStyle(
            "Anlage Gesamt Betrag", font=bold, fill=_HEADER_FILL, border=_TOTAL_BOX, number_format=MONEY
        ),
        NamedStyle(
            "Anlage Gesamt Anzahl", font=bold, fill=_HEADER_FILL, border=_TOTAL_BOX, number_format="0"
        ),
    ]
    for style in styles:
        workbook.add_named_style(style)


def _default_font(workbook: Workbook, font: Font) -> None:
    """Column widths count digits of the default font: LibreOffice would otherwise measure them in a
    substitute for Calibri (wider on machines without it) and print the annex smaller than Excel.
    openpyxl has no public setting for it: the first font and the "Normal" style's font are replaced."""
    workbook._fonts = IndexedList([font])
    workbook._named_styles["Normal"].font = font


def _header_alignment() -> Alignment:
    return Alignment(vertical="center", wrap_text=True)


def put_text(cell: Any, text: str) -> None:
    """Text into a cell, never as a formula (``CellTextError`` if no cell can hold it)."""
    if text_problem(text):
        raise CellTextError(text)
    set_text(cell, text)


def write_title(sheet: Worksheet, lines: Sequence[str], headers: Sequence[str]) -> None:
    """Rows 1–3 (title, subject line across the table's width, Stand) and the header in row 5."""
    title, subject, stand = lines
    for row, text, style in (
        (1, title, "Anlage Titel"),
        (2, subject, "Anlage Betreff"),
        (3, stand, "Anlage Stand"),
    ):
        cell = sheet.cell(row, 1)
        cell.style = style
        _title_text(cell, text)
    sheet.row_dimensions[1].height = 21
    if len(headers) > 1:
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(HEADER_ROW, index)
        cell.value = header
        cell.style = "Anlage Kopf"


def _title_text(cell: Any, text: str) -> None:
    problem = text_problem(text)
    if problem:
        raise ExportError(f"Der Text „{text[:40]}…“ der Anlage {problem}.")
    set_text(cell, text)


def fit_subject_row(sheet: Worksheet, subject: str, width: float) -> None:
    """Merged cells never grow by themselves: give the (bold) subject line the height its text needs."""
    fit_row(sheet, 2, wrapped_lines(subject, width / 1.2), line_height=15.0)


def fit_header_row(sheet: Worksheet, row: int, headers: Sequence[tuple[str, float]]) -> None:
    """A header row as high as its longest (bold, wrapping) header of ``(text, column width)``."""
    fit_row(sheet, row, max((wrapped_lines(text, width / BOLD_WIDTH) for text, width in headers), default=1))


def fit_row(sheet: Worksheet, row: int, lines: int, line_height: float = LINE_HEIGHT) -> None:
    """Rows with wrapped text get an explicit height (not every program grows rows on opening)."""
    if lines > 1:
        sheet.row_dimensions[row].height = line_height * lines + 2


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` digits wide (estimated on the safe side)."""
    capacity = max(width - PADDING, 1.0)
    return max(1, sum(_paragraph_lines(p.split(), capacity) for p in text.split("\n")))


def _paragraph_lines(words: list[str], capacity: float) -> int:
    lines, used = 1, 0.0
    for word in words:
        size = text_width(word)
        if used and used + SPACE + size > capacity:
            lines, used = lines + 1, 0.0
        used += (SPACE if used else 0.0) + size
        while used > capacity:
            lines, used = lines + 1, used - capacity
    return lines


_WIDTHS = {
    char: width
    for chars, width in (
        ("ijl", 0.4),
        ("I.,:;!'|ft/ ", 0.5),
        ('r-()„“"', 0.6),
        ("cksvxyzJ", 0.9),
        ("FTZLß", 1.1),
        ("ABEKPSVXY&", 1.2),
        ("CDHNRUw", 1.3),
        ("GOQÖ", 1.4),
        ("mM", 1.5),
        ("%", 1.6),
        ("W", 1.7),
        ("@", 1.8),
    )
    for char in chars
}
"""Widths of Arial's characters in widths of its digits; everything else counts as one digit."""
SPACE = _WIDTHS[" "]
ARIAL_PER_UNIT = 1.06
"""A digit of Arial 10 measured in column-width units (a digit of the default Calibri 11)."""


def text_width(word: str) -> float:
    """A word's width in column-width units for Arial 10 (the annex's font), on the generous side."""
    return ARIAL_PER_UNIT * sum(_WIDTHS.get(c, 1.3 if c.isupper() else 1.0) for c in word)


def prepare_print(sheet: Worksheet, options: Titled, title_rows: str | None, freeze: bool = True) -> None:
    """A4 landscape, one page wide, header rows on every page, page numbers and Stand, no gridlines."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.7, header=0.3, footer=0.3)
    sheet.print_options.gridLines = False
    sheet.print_options.horizontalCentered = True
    sheet.sheet_view.showGridLines = False
    if freeze:
        sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    _header_footer(sheet, options)


def _header_footer(sheet: Worksheet, options: Titled) -> None:
    sheet.HeaderFooter.scaleWithDoc = False  # printed at their own size, not shrunk to the page
    sheet.oddHeader.right.text = _escape(encode_text(options.title))
    sheet.oddFooter.left.text = f"Stand: {format_date(options.stand)}"
    sheet.oddFooter.center.text = "Seite &P von &N"
    for part in (sheet.oddHeader.right, sheet.oddFooter.left, sheet.oddFooter.center):
        part.size = 9


def _escape(text: str) -> str:
    """A literal ``&`` in a header or footer is written ``&&``."""
    return text.replace("&", "&&")


@dataclass(frozen=True)
class AnlageOptions:
    """What the annex is attached to, and whether it is the internal variant with personal data."""

    drucksache: str
    anlage_nr: str
    betreff: str
    stand: date
    intern: bool = False
    gruppierung: Gruppierung = Gruppierung.INNOVATIONSFELD
    """What the measures are grouped by, each group with its subtotal (issue 13: also by Cluster)."""

    @property
    def title(self) -> str:
        """``Anlage 2 zur Drucksache Nr. 123/2024``."""
        return f"Anlage {self.anlage_nr} zur Drucksache Nr. {self.drucksache}"
