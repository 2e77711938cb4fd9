"""The rows of a sheet as python-calamine reads them: about ten times faster than streaming the XML.

calamine (Rust) reads the values, with dates, times, durations, booleans and formulas' cached values,
and decodes Excel's ``_xHHHH_`` escapes. What it leaves out comes from a cheap pass over the sheet's
bytes (``sheet_scan``): hidden rows and columns, percent-formatted numbers, Excel error values. The rows
are then what ``sheet_xml`` hands out for the same sheet: ``None`` for an empty cell, whole numbers as
``int``, dates as ``datetime``, each row cut after its last value. calamine hands out every row from 1
to the last with a value, the streaming reader every row element; both agree where a row holds a value,
and the last row element is handed out even when empty (it tells the sheet goes on below its header
area). One difference remains: a text cell holding the empty string is empty (``None``) here.

Every sheet the pass does not vouch for, and every workbook or sheet calamine cannot read, goes to the
streaming reader (``source``), which reads it as before or reports the damage in German. The file has
passed ``safety.check_file`` (zip bombs, sizes) and openpyxl has read its package parts with defusedxml
before calamine opens it; a part with a ``<!DOCTYPE`` (entities) never reaches calamine.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from python_calamine import CalamineWorkbook

from gera_desktop.excel.sheet_scan import SheetMarks, plain_strings, scan_sheet
from gera_desktop.excel.sheet_xml import HiddenParts, Row
from gera_desktop.excel.source import WorkbookSource
from gera_desktop.excel.values import PercentNumber

_WHOLE = 1e15
"""Below this, a float without fraction is the integer the sheet wrote (``<v>5</v>``)."""


class CalamineSheets:
    """The sheets of an opened workbook as calamine reads them, where it reads them as we would."""

    def __init__(self, source: WorkbookSource) -> None:
        self.source = source
        self.book = _open(source)

    def rows(self, sheet: str, hidden: HiddenParts) -> Iterator[tuple[int, Row]] | None:
        """The sheet's rows from row 1, filling ``hidden``; ``None``: the streaming reader must read it."""
        if self.book is None:
            return None
        try:
            data = self.source.archive.read(self.source.worksheets[sheet])
        except (KeyError, OSError, EOFError, zipfile.BadZipFile, ValueError):
            return None
        marks = scan_sheet(data, self.source.styles.percents)
        values = None if marks is None else self._values(sheet)
        if marks is None or values is None:
            return None
        hidden.rows.update(marks.hidden.rows)
        hidden.columns.update(marks.hidden.columns)
        return _rows(values, marks)

    def close(self) -> None:
        """Release calamine's copy of the file."""
        if self.book is not None:
            self.book.close()
            self.book = None

    def _values(self, sheet: str) -> list[list[Any]] | None:
        assert self.book is not None
        try:
            return self.book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except BaseException as error:
            _reraise_unless_calamine(error)
            return None


def _open(source: WorkbookSource) -> CalamineWorkbook | None:
    """calamine's view of the workbook, or ``None`` if its shared strings need the streaming reader."""
    try:
        if source.strings_part is not None and not plain_strings(source.archive.read(source.strings_part)):
            return None
        return CalamineWorkbook.from_path(str(source.path))
    except BaseException as error:
        _reraise_unless_calamine(error)
        return None


def _reraise_unless_calamine(error: BaseException) -> None:
    """Let interrupts through; any other failure (also a Rust panic) means: read it ourselves."""
    if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
        raise error


def _rows(values: list[list[Any]], marks: SheetMarks) -> Iterator[tuple[int, Row]]:
    marked = _marks_by_row(marks)
    for number, cells in enumerate(values, 1):
        row = [
            None
            if value == ""
            else value
            if (kind := type(value)) is str
            else _number(value)
            if kind is float
            else _datetime(value)
            if kind is date
            else value
            for value in cells
        ]
        while row and row[-1] is None:
            row.pop()
        if number in marked:
            _mark(row, marked[number])
        yield number, row
    if marks.last_row > len(values):
        yield marks.last_row, []  # the streaming reader hands out empty row elements too


def _number(value: float) -> float | int:
    return int(value) if value.is_integer() and -_WHOLE < value < _WHOLE else value


def _datetime(value: date) -> datetime:
    return datetime(value.year, value.month, value.day)


def _marks_by_row(marks: SheetMarks) -> dict[int, list[tuple[int, object]]]:
    """Row number -> (column index, ``PercentNumber`` or the error value) for the marked cells."""
    marked: dict[int, list[tuple[int, object]]] = {}
    for row, column in marks.percents:
        marked.setdefault(row, []).append((column, PercentNumber))
    for (row, column), error in marks.errors.items():
        marked.setdefault(row, []).append((column, error))
    return marked


def _mark(row: Row, cells: list[tuple[int, object]]) -> None:
    for column, mark in cells:
        if mark is PercentNumber:
            if column < len(row) and type(row[column]) in (int, float):
                row[column] = PercentNumber(row[column])
            continue
        if column >= len(row):
            row.extend([None] * (column + 1 - len(row)))
        row[column] = mark
