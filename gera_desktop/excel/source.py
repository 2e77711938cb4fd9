"""The cells of a workbook, row by row, in one streaming pass per sheet (the one module that knows XML).

openpyxl reads the package parts (content types, workbook, relationships, styles, date system).
The shared strings and the sheets are streamed here with defusedxml's ``iterparse`` instead of through
``load_workbook(read_only=True)``: that constructor parses every sheet without a recorded dimension
once just to size it, and builds a cell object per cell. Streaming the sheet XML directly also sees
what openpyxl's ``data_only`` mode hides: a formula cell without a cached value (marked
``FORMULA_WITHOUT_VALUE``), and which numbers are percent-formatted (``PercentNumber``).
The recorded dimension is never read; rows come as the file has them, padded to their last cell.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

from gera_desktop.excel.errors import DamagedFileError, UnsafeFileError
from gera_desktop.excel.safety import entity_message
from gera_desktop.excel.values import FORMULA_WITHOUT_VALUE, ErrorValue, PercentNumber

assert openpyxl.DEFUSEDXML, "defusedxml must be installed: openpyxl then parses XML without entities"

Row = list[Any]
MAX_COLUMNS = 16_384
_COLUMN_INDEX = {get_column_letter(i): i for i in range(1, MAX_COLUMNS + 1)}
_DIGITS = "0123456789"
_NS = f"{{{SHEET_MAIN_NS}}}"
_ROW, _CELL, _VALUE, _FORMULA = f"{_NS}row", f"{_NS}c", f"{_NS}v", f"{_NS}f"
_INLINE, _TEXT, _RUN, _STRING_ITEM = f"{_NS}is", f"{_NS}t", f"{_NS}r", f"{_NS}si"
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')

BROKEN = (
    ParseError,
    ValueError,
    KeyError,
    IndexError,
    OverflowError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
)
"""What a damaged sheet raises while it is streamed (anything else would be our own bug)."""


@dataclass
class _Styles:
    epoch: datetime
    dates: set[int]
    durations: set[int]
    percents: set[int]


@dataclass
class WorkbookSource:
    """An open workbook: its worksheet names in order, other sheets (charts), and its rows."""

    path: Path
    archive: zipfile.ZipFile
    worksheets: dict[str, str]
    other_sheets: list[str]
    epoch: datetime
    _strings: list[str] = field(repr=False)
    _styles: _Styles = field(repr=False)

    def rows(self, sheet: str) -> Iterator[tuple[int, Row]]:
        """(row number, values by column from A) for every row the sheet XML holds, in order."""
        try:
            with self.archive.open(self.worksheets[sheet]) as stream:
                yield from _SheetParser(self._strings, self._styles).rows(stream)
        except DefusedXmlException:
            raise UnsafeFileError(entity_message(self.path.name)) from None
        except BROKEN as error:
            raise damaged(self.path, f"Blatt „{sheet}“", error) from error

    def close(self) -> None:
        """Release the file."""
        self.archive.close()


def open_workbook(path: Path) -> WorkbookSource:
    """Open a checked .xlsx/.xlsm (see ``safety.check_file``); raises our errors for broken files."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _open(path)
    except DefusedXmlException:
        raise UnsafeFileError(entity_message(path.name)) from None
    except Exception as error:  # openpyxl raises a zoo of types for broken package parts
        raise damaged(path, "Aufbau der Arbeitsmappe", error) from error


def damaged(path: Path, where: str, error: BaseException) -> DamagedFileError:
    """The German message for a file whose content is broken."""
    return DamagedFileError(
        f"„{path.name}“ ist beschädigt und kann nicht gelesen werden ({where}: {type(error).__name__}). "
        "Bitte öffnen Sie die Datei in Excel, speichern Sie sie neu und versuchen Sie es noch einmal."
    )


def _open(path: Path) -> WorkbookSource:
    reader = ExcelReader(str(path), read_only=True, data_only=True, keep_links=False)
    try:
        reader.read_manifest()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        strings = _shared_strings(reader)
        worksheets, others = _sheets(reader)
    except BaseException:
        reader.archive.close()
        raise
    wb = reader.wb
    styles = _Styles(wb.epoch, set(wb._date_formats), set(wb._timedelta_formats), _percent_styles(wb))
    return WorkbookSource(path, reader.archive, worksheets, others, wb.epoch, strings, styles)


def _sheets(reader: ExcelReader) -> tuple[dict[str, str], list[str]]:
    worksheets: dict[str, str] = {}
    others: list[str] = []
    for sheet, rel in reader.parser.find_sheets():
        if rel.target in reader.valid_files and "worksheet" in rel.Type:
            worksheets[sheet.name] = rel.target
        else:
            others.append(sheet.name)
    return worksheets, others


def _shared_strings(reader: ExcelReader) -> list[str]:
    part = reader.package.find(SHARED_STRINGS)
    if part is None:
        return []
    strings = []
    with reader.archive.open(part.PartName[1:]) as stream:
        for _, element in iterparse(stream):
            if element.tag == _STRING_ITEM:
                strings.append(_text_of(element))
                element.clear()
    return strings


def _percent_styles(wb: Any) -> set[int]:
    percents = set()
    for index, style in enumerate(wb._cell_styles):
        number_format = _number_format(wb, style.numFmtId)
        if "%" in _QUOTED.sub("", number_format):
            percents.add(index)
    return percents


def _number_format(wb: Any, format_id: int) -> str:
    if format_id < BUILTIN_FORMATS_MAX_SIZE:
        return str(BUILTIN_FORMATS.get(format_id, "General"))
    return str(wb._number_formats[format_id - BUILTIN_FORMATS_MAX_SIZE])


def _text_of(node: Element) -> str:
    """The text of a string item: plain ``<t>`` and rich-text runs, without phonetic hints."""
    if len(node) == 1 and node[0].tag == _TEXT:
        return node[0].text or ""
    parts = []
    for child in node:
        if child.tag == _TEXT:
            parts.append(child.text or "")
        elif child.tag == _RUN:
            text = child.find(_TEXT)
            if text is not None and text.text:
                parts.append(text.text)
    return "".join(parts)


class _SheetParser:
    """Turns ``<row>`` elements into lists of Python values."""

    def __init__(self, strings: list[str], styles: _Styles) -> None:
        self.strings = strings
        self.styles = styles
        self.row_number = 0

    def rows(self, stream: Any) -> Iterator[tuple[int, Row]]:
        sheet_data = None
        for event, element in iterparse(stream, events=("start", "end")):
            if event == "start":
                if sheet_data is None and element.tag == f"{_NS}sheetData":
                    sheet_data = element
                continue
            if element.tag == _ROW:
                yield self._row(element)
                if sheet_data is not None:
                    sheet_data.clear()

    def _row(self, element: Element) -> tuple[int, Row]:
        number = element.get("r")
        self.row_number = int(float(number)) if number else self.row_number + 1
        cells: list[tuple[int, object]] = []
        column = 0
        for cell in element:
            if cell.tag != _CELL:
                continue
            ref = cell.get("r")
            column = _COLUMN_INDEX[ref.rstrip(_DIGITS)] if ref else column + 1
            value = self._value(cell)
            if value is not None:
                cells.append((column, value))
        values: Row = [None] * max((c for c, _ in cells), default=0)
        for column, value in cells:
            values[column - 1] = value
        return self.row_number, values

    def _value(self, cell: Element) -> object:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            node = cell.find(_INLINE)
            return None if node is None else _text_of(node)
        node = cell.find(_VALUE)
        text = None if node is None else node.text
        if not text:
            if (node is None or kind != "str") and cell.find(_FORMULA) is not None:
                return FORMULA_WITHOUT_VALUE  # openpyxl writes <f>…</f><v/>, Excel no <v> at all
            return None
        if kind == "n":
            return self._number(text, cell.get("s"))
        if kind == "s":
            index = int(text)
            if index < 0:
                raise IndexError(index)
            return self.strings[index]
        if kind == "str":
            return text
        if kind == "b":
            return text == "1" or text == "true"
        if kind == "e":
            return ErrorValue(text)
        if kind == "d":
            return from_ISO8601(text)
        raise ValueError(f"unknown cell type {kind!r}")

    def _number(self, text: str, style: str | None) -> object:
        number = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
        if not style:
            return number
        index = int(style)
        styles = self.styles
        if index in styles.dates:
            try:
                return from_excel(number, styles.epoch, timedelta=index in styles.durations)
            except (OverflowError, ValueError):
                return number  # far outside any date: the date parser rejects the plain number
        if index in styles.percents:
            return PercentNumber(number)
        return number
