"""The empty import template: the ``liste`` layout without measures, plus the sheet "Ausfüllhinweise".

Offices that send measures fill it in: the four sheets with their headers and drop-down lists (for rows
added by hand too), and one row of hints per column – header, required or not, type, rule, allowed
values and an example – all generated from the column spec, so the template never drifts from what the
import reads.
"""

from __future__ import annotations

import os
from contextlib import suppress
from dataclasses import replace
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from gera_desktop.domain.formatting import format_date
from gera_desktop.excel.columns import (
    BETEILIGUNG_FORMATE,
    SHEET_MASSNAHMEN,
    SHEETS,
    Column,
    Kind,
    SheetSpec,
)
from gera_desktop.excel.liste import TITLE, YES_NO, liste_tables
from gera_desktop.excel.sheet_table import FIRST_DATA_ROW, HEADER_FILL, ChoiceLists, Table, write_tables
from gera_desktop.excel.template_examples import example
from gera_desktop.excel.writing import atomic_target, save_workbook

HINTS_TITLE = "Ausfüllhinweise"
HINT_HEADERS = ("Blatt", "Spalte", "Pflicht", "Typ", "Regel", "Erlaubte Werte", "Beispiel")
HINT_WIDTHS = (14, 28, 8, 30, 44, 40, 36)
LINE_HEIGHT = 15.0
"""Points per line of text (Calibri 11), for rows whose cells wrap."""
CHARS_PER_WIDTH = 1.2
"""Characters of ordinary text per unit of column width (a unit is one digit wide)."""
GENERAL_HINTS = (
    f"Bitte tragen Sie jede Maßnahme in einer Zeile des Blatts „Maßnahmen“ ein, ab Zeile {FIRST_DATA_ROW}. "
    "Die Überschriften in Zeile 5 bitte nicht ändern.",
    "Meilensteine, Finanzen (Jahresscheiben) und Bürgerbeteiligung stehen in ihren eigenen Blättern, eine "
    "Zeile je Eintrag; die Maßnahmen-Nr. ordnet sie der Maßnahme zu.",
    "Beträge in Euro als Zahl (z. B. 450.000,00), Datumsangaben als TT.MM.JJJJ, Prozentwerte als Zahl von "
    "0 bis 100. Spalten mit Auswahlliste nehmen nur die angebotenen Werte.",
    "Pflichtfelder müssen gefüllt sein, sonst wird die Datei nicht eingelesen. Leere Spalten dürfen leer "
    "bleiben; eigene zusätzliche Spalten im Blatt „Maßnahmen“ werden übernommen.",
)
REFERENCE_RULE = "die Nr. einer Maßnahme aus dem Blatt „Maßnahmen“ oder aus dem Programm"
KIND_TEXT = {
    Kind.TEXT: "Text",
    Kind.DATE: "Datum (TT.MM.JJJJ)",
    Kind.MONEY: "Betrag in €",
    Kind.PERCENT: "Prozent (0 bis 100)",
    Kind.INTEGER: "ganze Zahl",
    Kind.YEAR: "Jahr (vierstellig)",
    Kind.ENUM: "Auswahl",
    Kind.BOOL: "ja/nein",
}


def write_template(path: str | os.PathLike[str], stand: date) -> None:
    """Write the empty template to ``path``, atomically (an open target gives the usual message)."""
    with atomic_target(path) as temp:
        workbook = Workbook(write_only=True)
        try:
            build_template(workbook, stand)
            save_workbook(workbook, temp)
        except BaseException:
            for sheet in workbook.worksheets:  # end the row streams now, not in the garbage collector
                with suppress(Exception):
                    sheet.close()
            raise


def build_template(workbook: Workbook, stand: date) -> None:
    """Fill a write-only workbook: the four empty sheets, the drop-down lists and the hints."""
    write_tables(workbook, template_tables(stand))
    _write_hints(workbook)
    names = workbook.sheetnames  # the hints go before the hidden sheet of the drop-down lists
    workbook.move_sheet(HINTS_TITLE, names.index(ChoiceLists.TITLE) - names.index(HINTS_TITLE))


def template_tables(stand: date) -> list[Table]:
    """The sheets of the ``liste`` layout without rows, their title pointing at the hints."""
    return [
        replace(
            table,
            title_lines=(
                TITLE,
                f"Maßnahmenliste – Vorlage zum Ausfüllen (Stand der Vorlage: {format_date(stand)})",
                f"Hinweise zu jeder Spalte: Blatt „{HINTS_TITLE}“",
            ),
        )
        for table in liste_tables([], stand)
    ]


def hint_rows() -> list[tuple[str, ...]]:
    """One row per column of every sheet: sheet, header, required, type, rule, allowed values, example."""
    return [_hint_row(spec, column) for spec in SHEETS for column in spec.columns]


def _hint_row(spec: SheetSpec, column: Column) -> tuple[str, ...]:
    allowed = _allowed_values(column)
    return (
        spec.title,
        column.header,
        "ja" if column.required else "nein",
        _kind_text(column),
        REFERENCE_RULE
        if column.key == "nr" and spec is not SHEET_MASSNAHMEN
        else _rule_text(column, allowed),
        allowed,
        example(spec.key, column.key),
    )


def _kind_text(column: Column) -> str:
    text = KIND_TEXT[column.kind]
    if column.kind is Kind.TEXT and column.max_length:
        return f"{text}, höchstens {column.max_length} Zeichen"
    return text


def _rule_text(column: Column, allowed: str) -> str:
    """The column's rule without what the columns Pflicht and Erlaubte Werte already say."""
    parts = column.rule.split("; ")
    kept = [p for p in parts if p and p != "Pflichtfeld" and not (allowed and p.startswith("z. B."))]
    return "; ".join(kept)


def _allowed_values(column: Column) -> str:
    """The values of a drop-down list, one per line (some contain commas)."""
    if column.choices is not None:
        return "\n".join(str(member) for member in column.choices)
    if column.kind is Kind.BOOL:
        return "\n".join(YES_NO)
    if column.key == "format":
        return "\n".join(("Vorschläge (auch andere Formate möglich):", *BETEILIGUNG_FORMATE))
    return ""


def _write_hints(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(HINTS_TITLE)
    header_row = len(GENERAL_HINTS) + 3
    _prepare_hints_sheet(sheet, header_row)
    sheet.append([_cell(sheet, "Ausfüllhinweise zur Maßnahmenliste", Font(bold=True, size=14))])
    for text in GENERAL_HINTS:
        sheet.append([text])
    sheet.append([])
    sheet.append([_cell(sheet, header, Font(bold=True), HEADER_FILL) for header in HINT_HEADERS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(hint_rows(), start=header_row + 1):
        sheet.row_dimensions[number].height = LINE_HEIGHT * _lines(row)  # rows are streamed: height first
        sheet.append([_cell(sheet, value, alignment=wrap) for value in row])


def _prepare_hints_sheet(sheet: Any, header_row: int) -> None:
    """Column widths, the header frozen on screen and repeated on paper, landscape one page wide."""
    for letter, width in zip("ABCDEFG", HINT_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _lines(row: tuple[str, ...]) -> int:
    """How many lines the tallest cell of a hint row needs at the column widths."""
    return max(
        sum(-(-len(line) // int(width * CHARS_PER_WIDTH)) or 1 for line in value.split("\n"))
        for value, width in zip(row, HINT_WIDTHS, strict=True)
    )


def _cell(
    sheet: Any,
    value: str,
    font: Font | None = None,
    fill: PatternFill | None = None,
    alignment: Alignment | None = None,
) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value or None)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if alignment is not None:
        cell.alignment = alignment
    return cell
