"""Sheet "Änderungen" of the ``vergleich`` workbook: one row per changed field – Nr., Maßnahme, Feld, A, B.

The public workbook (the default, like the annex) leaves out personal data, the internal remarks and the
measures' own extra columns, whose content nobody checked for the public; ``intern`` keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.worksheet.worksheet import Worksheet

from gera_desktop.domain.vergleich import Comparison, FieldChange, Row
from gera_desktop.excel.anlage_layout import (
    HEADER_ROW,
    Titled,
    fit_header_row,
    fit_row,
    fit_subject_row,
    prepare_print,
    put_text,
    wrapped_lines,
    write_title,
)
from gera_desktop.excel.columns import MASSNAHMEN
from gera_desktop.excel.vergleich_columns import VergleichColumn, sized
from gera_desktop.excel.writing import CellTextError, text_error

SHEET_TITLE = "Änderungen"
NOTHING_CHANGED = "Keine Änderungen zwischen A und B."
_PUBLIC = {column.key: column.public for column in MASSNAHMEN}


def visible_changes(row: Row, intern: bool) -> list[FieldChange]:
    """The changes of a measure the workbook shows: all of them internally, else the public fields'."""
    return [change for change in row.changes if intern or _is_public(change.key)]


def _is_public(key: str) -> bool:
    """Public fields and child rows; not personal data, remarks or the measures' own extra columns."""
    return key != "zusatzspalten" and _PUBLIC.get(key, True)


def write_aenderungen(
    sheet: Worksheet, comparison: Comparison, intern: bool, title_lines: Sequence[str], page: Titled
) -> None:
    """Title block, header in row 5, then one row per changed field (or a line saying there is none)."""
    lines = [
        [row.nr, row.titel, change.feld, change.alt or "", change.neu or ""]
        for row in comparison.rows
        for change in visible_changes(row, intern)
    ]
    columns = sized(
        [
            VergleichColumn("Nr."),
            VergleichColumn("Maßnahme", share=3),
            VergleichColumn("Feld", share=2),
            VergleichColumn("A", share=3),
            VergleichColumn("B", share=3),
        ],
        [[line[index] for line in lines] for index in range(5)],
    )
    write_title(sheet, title_lines, [c.header for c in columns])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(HEADER_ROW, index).column_letter].width = column.width
    fit_header_row(sheet, HEADER_ROW, [(c.header, c.width) for c in columns])
    for number, line in enumerate(lines, start=HEADER_ROW + 1):
        _write_line(sheet, number, line, columns)
    if not lines:
        sheet.cell(HEADER_ROW + 1, 1).style = "Anlage Kurztext"
        put_text(sheet.cell(HEADER_ROW + 1, 1), NOTHING_CHANGED)
        sheet.merge_cells(start_row=HEADER_ROW + 1, start_column=1, end_row=HEADER_ROW + 1, end_column=5)
    fit_subject_row(sheet, title_lines[1], sum(c.width for c in columns))
    prepare_print(sheet, page, f"{HEADER_ROW}:{HEADER_ROW}")


def _write_line(sheet: Worksheet, number: int, line: list[str], columns: list[VergleichColumn]) -> None:
    height = 1
    for index, (text, column) in enumerate(zip(line, columns, strict=True), start=1):
        cell = sheet.cell(number, index)
        cell.style = "Anlage Text"
        if not text:
            continue
        try:
            put_text(cell, text)
        except CellTextError as exc:
            raise text_error(line[0], column.header, text) from exc
        height = max(height, wrapped_lines(text, column.width))
    fit_row(sheet, number, height)
