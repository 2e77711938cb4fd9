"""One table sheet of a write-only workbook: title block, styled header, typed cells, drop-down lists.

Speed matters (10,000 measures): every column gets one precomputed cell maker, and every format one
shared style array, so a data cell costs little more than in a bare write-only pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from gera_desktop.domain.formatting import format_euro
from gera_desktop.domain.progress import Checkpoints
from gera_desktop.excel.columns import DATE_FORMAT, MONEY_FORMAT, PERCENT_FORMAT, Kind
from gera_desktop.excel.escapes import encode_text
from gera_desktop.excel.writing import (
    MAX_CELL_TEXT,
    CellTextError,
    ExportError,
    needs_quote_prefix,
    quoted_text_cell,
    text_error,
    text_problem,
)

HEADER_ROW = 5
FIRST_DATA_ROW = HEADER_ROW + 1
HEADER_FILL = PatternFill("solid", start_color="D9E1F2")
MAX_WIDTH = 60
VALIDATION_SPARE_ROWS = 1000
"""Drop-downs reach this many rows below the data, for rows people add by hand."""

EXCEL_EPOCH_ORDINAL = date(1899, 12, 30).toordinal()
"""Day 0 of Excel's 1900 date system (valid for every date after 28.02.1900)."""

Maker = Callable[[Any], Any]


@dataclass(frozen=True)
class TableColumn:
    """A column of a written table: header, cell kind (``None``: by the value's type) and drop-down."""

    header: str
    kind: Kind | None
    choices: tuple[str, ...] = ()
    strict_choices: bool = True


class Styles:
    """The shared style arrays of one workbook, made once through a template cell."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.money = self._make(number_format=MONEY_FORMAT)
        self.date = self._make(number_format=DATE_FORMAT)
        self.percent = self._make(number_format=PERCENT_FORMAT)
        self.quoted = self._make(quotePrefix=True)
        self.header = self._make(font=Font(bold=True), fill=HEADER_FILL, alignment=Alignment(vertical="top"))
        self.quoted_header = self._make(
            font=Font(bold=True), fill=HEADER_FILL, alignment=Alignment(vertical="top"), quotePrefix=True
        )
        self.title = self._make(font=Font(bold=True, size=14))
        self.subtitle = self._make(font=Font(bold=True, size=12))

    def _make(self, **attributes: Any) -> Any:
        template = Cell(self.sheet, 1, 1)
        for name, value in attributes.items():
            setattr(template, name, value)
        return template._style


class ChoiceLists:
    """The hidden sheet that holds the drop-down values (list items may contain commas)."""

    TITLE = "Auswahllisten"

    def __init__(self) -> None:
        self.lists: dict[tuple[str, ...], int] = {}
        self.headers: list[str] = []

    def range_of(self, header: str, choices: tuple[str, ...]) -> str:
        """The absolute cell range holding ``choices`` (added on first use)."""
        if choices not in self.lists:
            self.lists[choices] = len(self.lists) + 1
            self.headers.append(header)
        letter = get_column_letter(self.lists[choices])
        return f"{self.TITLE}!${letter}$2:${letter}${len(choices) + 1}"

    def write(self, workbook: Workbook) -> None:
        """Append the hidden sheet with one column per list."""
        sheet = workbook.create_sheet(self.TITLE)
        sheet.sheet_state = "hidden"
        sheet.append(self.headers)
        columns = list(self.lists)
        for i in range(max((len(c) for c in columns), default=0)):
            sheet.append([c[i] if i < len(c) else None for c in columns])


@dataclass(frozen=True)
class Table:
    """One sheet to write: its name, title lines, columns and rows (first value: the Maßnahmen-Nr.)."""

    title: str
    title_lines: tuple[str, ...]
    columns: Sequence[TableColumn]
    rows: Sequence[Sequence[Any]]


def write_tables(workbook: Workbook, tables: Sequence[Table], checkpoints: Checkpoints | None = None) -> None:
    """Check every text of every table first (so nothing is half written), then write the sheets.

    ``checkpoints`` advance by one per row written (the caller plans the total)."""
    widths = [check_table(table) for table in tables]
    lists = ChoiceLists()
    checkpoints = checkpoints or Checkpoints()
    for table, table_widths in zip(tables, widths, strict=True):
        _write_table(workbook, table, table_widths, lists, checkpoints)
    lists.write(workbook)


def check_table(table: Table) -> list[float]:
    """The column widths; raises ``ExportError`` for text no cell can hold, naming measure and field."""
    for column in table.columns:
        _check_header(column.header)
    rows = table.rows
    transposed = list(zip(*rows, strict=True)) if rows else [() for _ in table.columns]
    for index, values in enumerate(transposed):
        texts = [v for v in values if isinstance(v, str)]
        if texts and (max(map(len, texts)) > MAX_CELL_TEXT or ILLEGAL_CHARACTERS_RE.search("\n".join(texts))):
            bad = next(r for r in rows if isinstance(r[index], str) and text_problem(r[index]))
            raise text_error(str(bad[0]), table.columns[index].header, bad[index])
    return [column_width(c, v) for c, v in zip(table.columns, transposed, strict=True)]


def _write_table(
    workbook: Workbook, table: Table, widths: list[float], lists: ChoiceLists, checkpoints: Checkpoints
) -> None:
    sheet = workbook.create_sheet(table.title)
    sheet._values_to_row = cells_of_row(sheet)
    styles = Styles(sheet)
    columns = table.columns
    last_row = HEADER_ROW + len(table.rows)
    _prepare_sheet(sheet, widths, last_row)
    _add_validations(sheet, columns, lists, last_row)
    for line, style in zip(table.title_lines, (styles.title, styles.subtitle, None), strict=False):
        sheet.append([Cell(sheet, 1, 1, line, style_array=style) if style else line])
    sheet.append([])
    sheet.append([_header_cell(sheet, styles, c.header) for c in columns])
    makers = [cell_maker(c.kind, sheet, styles) for c in columns]
    for row in checkpoints.each(table.rows):
        try:
            sheet.append([make(value) for make, value in zip(makers, row, strict=True)])
        except (CellTextError, IllegalCharacterError) as exc:  # check_table should have caught it
            raise ExportError(f"Die Maßnahme {row[0]} enthält Text, der nicht in Excel passt.") from exc


def cells_of_row(sheet: Any) -> Callable[[Sequence[Any], int], Iterator[Cell]]:
    """The write-only sheet's conversion of an appended row into cells, for rows of plain values and
    ready-made styled cells.

    openpyxl's own first tries every value as a plain one, and a ``Cell`` fails that through an
    exception whose message formats the cell: at 10,000 measures (300,000 money, date and percent
    cells) about a sixth of the export. A plain value goes into one reused cell, as openpyxl does.
    """
    plain = WriteOnlyCell(sheet)

    def cells(values: Sequence[Any], row: int) -> Iterator[Cell]:
        for column, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                plain.value = value
                cell = plain
            cell.column, cell.row = column, row
            yield cell

    return cells


def _prepare_sheet(sheet: Any, widths: list[float], last_row: int) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(widths))}{last_row}"


def _add_validations(sheet: Any, columns: Sequence[TableColumn], lists: ChoiceLists, last_row: int) -> None:
    end = max(last_row, HEADER_ROW) + VALIDATION_SPARE_ROWS
    for index, column in enumerate(columns, start=1):
        if not column.choices:
            continue
        letter = get_column_letter(index)
        validation = DataValidation(
            type="list",
            formula1=lists.range_of(column.header, column.choices),
            allow_blank=True,
            showErrorMessage=column.strict_choices,
            errorTitle="Ungültiger Wert",
            error=f"Bitte wählen Sie für „{column.header}“ einen Wert aus der Liste.",
            sqref=f"{letter}{FIRST_DATA_ROW}:{letter}{end}",
        )
        sheet.data_validations.append(validation)


def _check_header(header: str) -> None:
    problem = text_problem(header)
    if problem:
        raise ExportError(f"Die Überschrift der Spalte „{header[:40]}…“ {problem}.")


def _header_cell(sheet: Any, styles: Styles, header: str) -> Cell:
    if needs_quote_prefix(header):
        return quoted_text_cell(sheet, header, styles.quoted_header)
    return Cell(sheet, 1, 1, encode_text(header), style_array=styles.header)


# --- cell makers ---------------------------------------------------------------------------------------


def cell_maker(kind: Kind | None, sheet: Any, styles: Styles) -> Maker:
    """The function that turns a stored value of ``kind`` into what ``sheet.append`` gets."""
    if kind is None:
        return _any_maker(sheet, styles)
    factory = _MAKERS.get(kind)
    if factory is None:
        return _plain
    return factory(sheet, styles)


def _plain(value: Any) -> Any:
    return value


def _text_maker(sheet: Any, styles: Styles) -> Maker:
    """Text as text: quoted where Excel would see a formula or an error value, ``_xHHHH_`` escaped."""
    quoted = styles.quoted

    def make(value: str | None) -> Any:
        if not value:
            return None
        if len(value) > MAX_CELL_TEXT:
            raise CellTextError(value)
        if needs_quote_prefix(value):
            return quoted_text_cell(sheet, value, quoted)
        return encode_text(value)

    return make


def _money_maker(sheet: Any, styles: Styles) -> Maker:
    style = styles.money
    return lambda value: None if value is None else Cell(sheet, 1, 1, value, style_array=style)


def _percent_maker(sheet: Any, styles: Styles) -> Maker:
    style = styles.percent
    return lambda value: None if value is None else Cell(sheet, 1, 1, value / 100, style_array=style)


def _date_maker(sheet: Any, styles: Styles) -> Maker:
    style = styles.date
    return lambda value: (
        None
        if value is None
        else Cell(sheet, 1, 1, value.toordinal() - EXCEL_EPOCH_ORDINAL, style_array=style)
    )


def _enum_maker(_sheet: Any, _styles: Styles) -> Maker:
    return lambda value: None if value is None else str(value)


def _bool_maker(_sheet: Any, _styles: Styles) -> Maker:
    return lambda value: None if value is None else ("ja" if value else "nein")


def _any_maker(sheet: Any, styles: Styles) -> Maker:
    """Extra columns keep the type they were read with."""
    text, day = _text_maker(sheet, styles), _date_maker(sheet, styles)

    def make(value: Any) -> Any:
        if value is None or isinstance(value, bool | int | float | Decimal):
            return value
        if isinstance(value, date):
            return day(value.date() if isinstance(value, datetime) else value)
        return text(str(value))

    return make


_MAKERS: dict[Kind, Callable[[Any, Styles], Maker]] = {
    Kind.TEXT: _text_maker,
    Kind.MONEY: _money_maker,
    Kind.PERCENT: _percent_maker,
    Kind.DATE: _date_maker,
    Kind.ENUM: _enum_maker,
    Kind.BOOL: _bool_maker,
}


# --- column widths -------------------------------------------------------------------------------------


def column_width(column: TableColumn, values: Sequence[Any]) -> float:
    """A width that shows the header (with the filter button) and the longest value, capped."""
    content = _content_length(column.kind, [v for v in values if v is not None and v != ""])
    return float(min(MAX_WIDTH, max(len(column.header) + 4, content + 2)))


def _content_length(kind: Kind | None, values: list[Any]) -> int:
    if not values:
        return 0
    if kind is Kind.MONEY:
        return len(format_euro(max(values)))
    if kind is Kind.DATE:
        return 10
    if kind is Kind.PERCENT:
        return 6
    if kind is Kind.BOOL:
        return 4
    if kind in (Kind.INTEGER, Kind.YEAR):
        return len(str(max(values)))
    if kind in (Kind.TEXT, Kind.ENUM):
        return max(map(_longest_line, values))
    return max(len(str(v)) for v in values)


def _longest_line(text: str) -> int:
    return max(map(len, text.split("\n"))) if "\n" in text else len(text)
