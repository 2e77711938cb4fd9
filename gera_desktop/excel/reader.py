"""Read the city's Maßnahmenliste (spec sections 1–5): every sheet, every cell, every problem at once.

``read_workbook`` checks the file (``safety``), opens it (``source``), reads the values of each sheet with
python-calamine where it can (``calamine_source``) and streams the others (``source``), reads each table
(``sheet_reader``) and checks rows against each other and the rules (``checks``). It never writes and
never opens a database session: the import service decides what to do with the result.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl

from gera_desktop.domain.formatting import short_list
from gera_desktop.domain.funding import DEFAULT_FOERDERQUOTE
from gera_desktop.excel.calamine_source import CalamineSheets
from gera_desktop.excel.checks import check_workbook
from gera_desktop.excel.columns import SHEET_MASSNAHMEN, SHEETS
from gera_desktop.excel.headers import assign_sheets
from gera_desktop.excel.parsed import ParsedWorkbook, Problem, Severity
from gera_desktop.excel.safety import check_file
from gera_desktop.excel.sheet_reader import SheetReader
from gera_desktop.excel.sheet_xml import HiddenParts
from gera_desktop.excel.source import WorkbookSource, open_workbook
from gera_desktop.excel.values import quoted

__all__ = ["ParsedWorkbook", "read_workbook"]


def read_workbook(
    path: Path, known_nrs: Collection[str] = (), programme_rate: Decimal = DEFAULT_FOERDERQUOTE
) -> ParsedWorkbook:
    """Read and check a workbook; problems in its content are collected in the result, not raised.

    ``known_nrs`` are the Maßnahmen-Nr. already in the database (child rows may name them);
    ``programme_rate`` is the Förderquote where a measure leaves its own empty. Raises a
    ``WorkbookFileError`` (German message) for a file that cannot be read at all.
    """
    assert openpyxl.DEFUSEDXML, "defusedxml must be installed"
    check_file(path)
    saved_at = datetime.fromtimestamp(Path(path).stat().st_mtime)
    source = open_workbook(path)
    sheets = CalamineSheets(source)
    try:
        book = _read_sheets(path, source, sheets)
    finally:
        sheets.close()
        source.close()
    book.saved_at = saved_at
    check_workbook(book, known_nrs, programme_rate)
    return book


def _read_sheets(path: Path, source: WorkbookSource, sheets: CalamineSheets) -> ParsedWorkbook:
    book = ParsedWorkbook(path)
    assignment = assign_sheets(list(source.worksheets))
    book.sheet_names = dict(assignment.sheets)
    book.ignored_sheets = [
        *assignment.ignored,
        *(name for name, _ in assignment.duplicates),
        *source.other_sheets,
    ]
    _report_sheets(book, assignment.duplicates)
    for spec in SHEETS:
        name = assignment.sheets.get(spec.key)
        if name is None:
            continue
        hidden = HiddenParts()
        stream = sheets.rows(name, hidden) or source.rows(name, hidden)
        result = SheetReader(spec, name, stream, source.epoch, hidden).read()
        book.rows(spec.key).extend(result.rows)
        book.columns_found[spec.key] = list(result.headers)
        book.headers_found[spec.key] = result.headers
        book.extra_headers[spec.key] = result.extras
        book.total_rows += result.totals
        book.problems += result.problems
        rows = frozenset(row.row for row in result.rows)
        book.missing_columns.update(((name, key), rows) for key in result.missing)
        if spec.required and result.stand is not None:
            book.stand, book.stand_cell = result.stand
        if result.extras and not spec.required:
            book.problems.append(_dropped_extras(name, result.extras))
    return book


def _report_sheets(book: ParsedWorkbook, duplicates: list[tuple[str, str]]) -> None:
    if SHEET_MASSNAHMEN.key not in book.sheet_names:
        names = ", ".join(SHEET_MASSNAHMEN.names)
        found = short_list(book.ignored_sheets)
        book.problems.append(
            Problem(
                "",
                "",
                "",
                found,
                f"Die Datei hat kein Blatt mit den Maßnahmen. Erwartet wird ein Blatt namens {names}.",
            )
        )
    for name, taken in duplicates:
        book.problems.append(
            Problem(
                name,
                "",
                "",
                "",
                f"Das Blatt „{name}“ wird nicht eingelesen, weil „{taken}“ schon "
                "diesen Teil der Liste enthält.",
                Severity.WARNING,
            )
        )


def _dropped_extras(sheet: str, headers: list[str]) -> Problem:
    names = ", ".join(map(quoted, headers))
    return Problem(
        sheet,
        "",
        "",
        "",
        f"Zusatzspalten werden nur im Blatt Maßnahmen übernommen; im Blatt „{sheet}“ werden {names} "
        "nicht gespeichert.",
        Severity.WARNING,
    )
