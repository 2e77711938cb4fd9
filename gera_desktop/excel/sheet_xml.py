"""Streaming the cells of one worksheet part with expat: no element objects, values converted on the fly.

Text (inline strings run by run, and a formula's text result) arrives with Excel's ``_xHHHH_`` escapes
decoded (``escapes``).

Entity declarations and external references are refused as defusedxml refuses them (its exceptions are
raised), so a billion-laughs sheet stops at its first declaration.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any
from xml.parsers import expat

from defusedxml.common import EntitiesForbidden, ExternalReferenceForbidden
from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601

from gera_desktop.excel.escapes import decode_text
from gera_desktop.excel.values import FORMULA_WITHOUT_VALUE, ErrorValue, PercentNumber

Row = list[Any]
MAX_COLUMNS = 16_384
CHUNK_BYTES = 1 << 16
COLUMN_INDEX = {get_column_letter(i): i for i in range(1, MAX_COLUMNS + 1)}
_DIGITS = "0123456789"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CELL, _VALUE, _ROW, _FORMULA = f"{_MAIN} c", f"{_MAIN} v", f"{_MAIN} row", f"{_MAIN} f"
_INLINE, _TEXT, _PHONETIC = f"{_MAIN} is", f"{_MAIN} t", f"{_MAIN} rPh"
_COLUMN = f"{_MAIN} col"
_TRUE = ("1", "true")


@dataclass
class Styles:
    """What the reader needs of the workbook's cell styles: which are dates, durations and percentages."""

    epoch: datetime
    dates: set[int]
    durations: set[int]
    percents: set[int]


@dataclass
class HiddenParts:
    """The rows (numbers from 1) and columns (indexes from 0) a sheet hides, filled while it is streamed.

    The columns are known before the first row is handed out (``<cols>`` precedes ``<sheetData>``)."""

    rows: set[int] = field(default_factory=set)
    columns: set[int] = field(default_factory=set)


class SheetXmlParser:
    """Turns a worksheet part into (row number, values by column from A) in one pass."""

    def __init__(self, strings: list[str], styles: Styles, hidden: HiddenParts | None = None) -> None:
        self.strings = strings
        self.styles = styles
        self.hidden = hidden if hidden is not None else HiddenParts()
        self.done: list[tuple[int, Row]] = []
        self.row_number = 0
        self.cells: list[tuple[int, object]] = []
        self.column = 0
        self.buffer: list[str] = []
        self.run_start = 0
        self.collecting = False
        self.in_inline = False
        self.in_phonetic = False
        self.kind = "n"
        self.ref: str | None = None
        self.style: str | None = None
        self.has_value = False
        self.has_formula = False

    def rows(self, stream: IO[bytes]) -> Iterator[tuple[int, Row]]:
        """The rows as the part holds them, in order; raises expat, defusedxml or value errors."""
        parser = _expat_parser(self._start, self._end, self._characters)
        while True:
            chunk = stream.read(CHUNK_BYTES)
            parser.Parse(chunk, not chunk)
            if self.done:
                yield from self.done
                self.done.clear()
            if not chunk:
                return

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        # Ordered by how often each element occurs: one call per element of the sheet.
        if tag == _CELL:
            self.ref = attrs.get("r")
            self.kind = attrs.get("t", "n")
            self.style = attrs.get("s")
            self.has_value = self.has_formula = False
            self.buffer = []
        elif tag == _VALUE:
            self.has_value = self.collecting = True
        elif tag == _TEXT:
            self.collecting = self.in_inline and not self.in_phonetic
            self.run_start = len(self.buffer)
        elif tag == _INLINE:
            self.in_inline = True
        elif tag == _ROW:
            number = attrs.get("r")
            self.row_number = int(float(number)) if number else self.row_number + 1
            self.cells = []
            self.column = 0
            if attrs.get("hidden") in _TRUE:
                self.hidden.rows.add(self.row_number)
        elif tag == _FORMULA:
            self.has_formula = True
        elif tag == _PHONETIC:
            self.in_phonetic = True
        elif tag == _COLUMN and attrs.get("hidden") in _TRUE:
            self._hide_columns(attrs)

    def _hide_columns(self, attrs: dict[str, str]) -> None:
        first = max(int(float(attrs.get("min", "1"))), 1)
        last = min(int(float(attrs.get("max", str(first)))), MAX_COLUMNS)
        self.hidden.columns.update(range(first - 1, last))

    def _end(self, tag: str) -> None:
        if tag == _CELL:
            self._finish_cell()
        elif tag == _VALUE:
            self.collecting = False
        elif tag == _TEXT:
            if self.collecting:
                self._decode_run()
            self.collecting = False
        elif tag == _INLINE:
            self.in_inline = False
        elif tag == _ROW:
            self._finish_row()
        elif tag == _PHONETIC:
            self.in_phonetic = False

    def _characters(self, data: str) -> None:
        if self.collecting:
            self.buffer.append(data)

    def _decode_run(self) -> None:
        """Decode the escapes of one ``<t>`` of an inline string (Excel escapes run by run)."""
        buffer, start = self.buffer, self.run_start
        run = buffer[start] if len(buffer) == start + 1 else "".join(buffer[start:])
        if "_x" in run:
            buffer[start:] = [decode_text(run)]

    def _finish_cell(self) -> None:
        ref = self.ref
        self.column = COLUMN_INDEX.get(ref.rstrip(_DIGITS), 0) if ref else self.column + 1
        if not 0 < self.column <= MAX_COLUMNS:
            raise ValueError(f"cell reference {ref!r} out of range in row {self.row_number}")
        buffer = self.buffer
        value = self._value(buffer[0] if len(buffer) == 1 else "".join(buffer))
        if value is not None:
            self.cells.append((self.column, value))

    def _finish_row(self) -> None:
        cells = self.cells
        values: Row = [None] * max((column for column, _ in cells), default=0)
        for column, value in cells:
            values[column - 1] = value
        self.done.append((self.row_number, values))

    def _value(self, text: str) -> object:
        kind = self.kind
        if kind == "inlineStr":
            return text
        if not text:
            if self.has_formula and (not self.has_value or kind != "str"):
                return FORMULA_WITHOUT_VALUE  # openpyxl writes <f>…</f><v/>, Excel no <v> at all
            return None
        if kind == "n":
            return self._number(text)
        if kind == "s":
            index = int(text)
            if index < 0:
                raise IndexError(index)
            return self.strings[index]
        if kind == "str":
            return decode_text(text)
        if kind == "b":
            return text in ("1", "true")
        if kind == "e":
            return ErrorValue(text)
        if kind == "d":
            return from_ISO8601(text)
        raise ValueError(f"unknown cell type {kind!r}")

    def _number(self, text: str) -> object:
        number = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
        if not self.style:
            return number
        index = int(self.style)
        styles = self.styles
        if index in styles.dates:
            try:
                return from_excel(number, styles.epoch, timedelta=index in styles.durations)
            except (OverflowError, ValueError):
                return number  # far outside any date: the date parser rejects the plain number
        if index in styles.percents:
            return PercentNumber(number)
        return number


def _expat_parser(start: Any, end: Any, characters: Any) -> Any:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.EntityDeclHandler = _forbid_entity
    parser.UnparsedEntityDeclHandler = _forbid_unparsed_entity
    parser.ExternalEntityRefHandler = _forbid_external
    return parser


def _forbid_entity(
    name: str,
    _parameter: bool,
    value: str | None,
    base: str | None,
    sysid: str | None,
    pubid: str | None,
    notation: str | None,
) -> None:
    raise EntitiesForbidden(name, value, base, sysid, pubid, notation)


def _forbid_unparsed_entity(
    name: str, base: str | None, sysid: str | None, pubid: str | None, notation: str | None
) -> None:
    raise EntitiesForbidden(name, None, base, sysid, pubid, notation)


def _forbid_external(context: str, base: str | None, sysid: str | None, pubid: str | None) -> int:
    raise ExternalReferenceForbidden(context, base, sysid, pubid)
