"""The cells of a workbook, row by row, in one streaming pass per sheet (the one module that knows XML).

openpyxl reads the package parts (content types, workbook, relationships, styles, date system).
The shared strings (defusedxml's ``iterparse``) and the sheets (``sheet_xml``, expat) are streamed here
instead of through ``load_workbook(read_only=True)``: that constructor parses every sheet without a
recorded dimension once just to size it, and builds a cell object per cell. Streaming the sheet XML
directly is about twice as fast as openpyxl's read-only pass and also sees
what openpyxl's ``data_only`` mode hides: a formula cell without a cached value (marked
``FORMULA_WITHOUT_VALUE``), and which numbers are percent-formatted (``PercentNumber``).
The recorded dimension is never read; rows come as the file has them, padded to their last cell.
The import reads most sheets with python-calamine (``calamine_source``); this reader takes every sheet
calamine cannot read as it would, and the shared strings are read only when such a sheet is streamed.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import ExpatError

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

from gera_desktop.excel.errors import DamagedFileError, UnsafeFileError
from gera_desktop.excel.escapes import decode_text
from gera_desktop.excel.safety import entity_message
from gera_desktop.excel.sheet_xml import HiddenParts, Row, SheetXmlParser, Styles

assert openpyxl.DEFUSEDXML, "defusedxml must be installed: openpyxl then parses XML without entities"

_NS = f"{{{SHEET_MAIN_NS}}}"
_TEXT, _RUN, _STRING_ITEM = f"{_NS}t", f"{_NS}r", f"{_NS}si"
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_T = TypeVar("_T")

BROKEN = (
    ParseError,
    ExpatError,
    ValueError,
    KeyError,
    IndexError,
    OverflowError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
)
"""What a damaged sheet raises while it is streamed (anything else would be our own bug)."""


@dataclass
class WorkbookSource:
    """An open workbook: its worksheet names in order, other sheets (charts), and its rows."""

    path: Path
    archive: zipfile.ZipFile
    worksheets: dict[str, str]
    other_sheets: list[str]
    epoch: datetime
    strings_part: str | None
    """The shared strings' member of the archive, if the workbook has one."""
    styles: Styles = field(repr=False)
    _strings: list[str] | None = field(default=None, repr=False)

    def rows(self, sheet: str, hidden: HiddenParts | None = None) -> Iterator[tuple[int, Row]]:
        """(row number, values by column from A) for every row the sheet XML holds, in order.

        ``hidden`` is filled with the rows and columns the sheet hides as they are streamed."""
        strings = self._shared_strings()
        try:
            with self.archive.open(self.worksheets[sheet]) as stream:
                yield from SheetXmlParser(strings, self.styles, hidden).rows(stream)
        except DefusedXmlException:
            raise UnsafeFileError(entity_message(self.path.name)) from None
        except BROKEN as error:
            raise damaged(self.path, f"Blatt „{sheet}“", error) from error

    def close(self) -> None:
        """Release the file."""
        self.archive.close()

    def _shared_strings(self) -> list[str]:
        """The shared strings, read once when the first sheet is streamed (calamine reads its own)."""
        if self._strings is None:
            self._strings = _guarded(self.path, lambda: _shared_strings(self.archive, self.strings_part))
        return self._strings


def open_workbook(path: Path) -> WorkbookSource:
    """Open a checked .xlsx/.xlsm (see ``safety.check_file``); raises our errors for broken files."""
    return _guarded(path, lambda: _open(path))


def _guarded(path: Path, read: Callable[[], _T]) -> _T:
    """``read()`` a package part, its errors as ours."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return read()
    except DefusedXmlException:
        raise UnsafeFileError(entity_message(path.name)) from None
    except Exception as error:  # openpyxl raises a zoo of types for broken package parts
        raise damaged(path, "Aufbau der Arbeitsmappe", error) from error


def damaged(path: Path, where: str, error: BaseException) -> DamagedFileError:
    """The German message for a file whose content is broken; the caller chains ``error`` as its cause."""
    return DamagedFileError(
        f"„{path.name}“ ist beschädigt und kann nicht gelesen werden ({where}: {_damage(error)}). "
        "Bitte öffnen Sie die Datei in Excel, speichern Sie sie neu und versuchen Sie es noch einmal."
    )


def _damage(error: BaseException) -> str:
    """What is broken, in words for the user: never the name of a Python exception."""
    if isinstance(error, ParseError | ExpatError):
        return "der Inhalt ist kein gültiges XML"
    if isinstance(error, zipfile.BadZipFile | zlib.error | EOFError):
        return "die gepackten Daten sind unvollständig"
    if isinstance(error, KeyError):
        return "ein Bestandteil der Datei fehlt"
    if isinstance(error, OSError):
        return "die Datei ließ sich nicht zu Ende lesen"
    return "ein Wert hat eine unerwartete Form"


def _open(path: Path) -> WorkbookSource:
    reader = ExcelReader(str(path), read_only=True, data_only=True, keep_links=False)
    try:
        reader.read_manifest()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        part = reader.package.find(SHARED_STRINGS)
        worksheets, others = _sheets(reader)
    except BaseException:
        reader.archive.close()
        raise
    wb = reader.wb
    styles = Styles(wb.epoch, set(wb._date_formats), set(wb._timedelta_formats), _percent_styles(wb))
    strings = None if part is None else str(part.PartName[1:])
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


def _shared_strings(archive: zipfile.ZipFile, part: str | None) -> list[str]:
    if part is None:
        return []
    strings = []
    with archive.open(part) as stream:
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
    """The text of a string item: plain ``<t>`` and rich-text runs, without phonetic hints, decoded."""
    if len(node) == 1 and node[0].tag == _TEXT:
        return decode_text(node[0].text or "")
    parts = []
    for child in node:
        if child.tag == _TEXT:
            parts.append(decode_text(child.text or ""))
        elif child.tag == _RUN:
            text = child.find(_TEXT)
            if text is not None and text.text:
                parts.append(decode_text(text.text))
    return "".join(parts)
