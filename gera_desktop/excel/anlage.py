"""The ``anlage`` export: the annex to a Beschlussvorlage for the Stadtrat (spec section 7).

Sheet "Anlage" lists the measures grouped by Innovationsfeld with subtotals and a grand total as SUM
formulas (so the council's own changes add up); sheet "Übersicht" sums by Innovationsfeld and by
Umsetzungsstand and sets the Bundesmittel against the programme's funding envelope. Amounts are the
effective figures (computed defaults filled in). Both sheets print on A4 landscape, one page wide.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.funding import Funding, compute
from gera_desktop.domain.progress import Checkpoints
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.rules import funding_input
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.excel.anlage_layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    Results,
    add_styles,
    fit_row,
    fit_subject_row,
    prepare_print,
    put_text,
    wrapped_lines,
    write_title,
)
from gera_desktop.excel.anlage_uebersicht import write_uebersicht
from gera_desktop.excel.columns import SHEET_MASSNAHMEN
from gera_desktop.excel.formula_cache import store_results
from gera_desktop.excel.writing import CellTextError, atomic_target, save_workbook, text_error

SHEET_TITLE = "Anlage"
MONEY_KEYS = ("gesamtkosten", "bundesmittel", "eigenanteil", "drittmittel", "abgerufen")
SAVE_SHARE = 0.75
"""Saving the annex takes about three quarters of the time its rows take."""


@dataclass(frozen=True)
class AnlageOptions:
    """What the annex is attached to, and whether it is the internal variant with personal data."""

    drucksache: str
    anlage_nr: str
    betreff: str
    stand: date
    intern: bool = False

    @property
    def title(self) -> str:
        """``Anlage 2 zur Drucksache Nr. 123/2024``."""
        return f"Anlage {self.anlage_nr} zur Drucksache Nr. {self.drucksache}"


@dataclass(frozen=True)
class Entry:
    """One measure of the annex with its effective funding figures."""

    record: MassnahmeData
    funding: Funding

    def amount(self, key: str) -> Decimal:
        """An effective amount (spec section 8)."""
        value: Decimal = getattr(self.funding, key)
        return value


@dataclass(frozen=True)
class AnlageColumn:
    """A column of the annex: header, width, whether it holds amounts, and its value."""

    header: str
    width: float
    value: Callable[[Entry], Any]
    money: bool = False


@dataclass
class Layout:
    """Where things landed on the Anlage sheet (the Übersicht refers to these cells)."""

    columns: list[AnlageColumn]
    groups: dict[Innovationsfeld, tuple[int, int, int]] = field(default_factory=dict)
    """Innovationsfeld -> (first data row, last data row, subtotal row)."""
    total_row: int = 0
    first_row: int = FIRST_DATA_ROW
    last_row: int = FIRST_DATA_ROW

    def letter(self, header: str) -> str:
        """The column letter of a header."""
        return str(get_column_letter(1 + [c.header for c in self.columns].index(header)))

    @property
    def money_columns(self) -> list[AnlageColumn]:
        """The amount columns in their order."""
        return [c for c in self.columns if c.money]


def _header(key: str) -> str:
    """The spec's header without its unit ("Gesamtkosten (€)" -> "Gesamtkosten")."""
    return SHEET_MASSNAHMEN.column(key).header.removesuffix(" (€)")


def _laufzeit(entry: Entry) -> str:
    return f"{format_date(entry.record.beginn)} – {format_date(entry.record.ende)}"


def _money_column(key: str) -> AnlageColumn:
    return AnlageColumn(_header(key), 17, lambda e: e.amount(key), money=True)


def _field_column(key: str, width: float) -> AnlageColumn:
    return AnlageColumn(_header(key), width, lambda e: getattr(e.record, key))


def anlage_columns(intern: bool) -> list[AnlageColumn]:
    """The public columns of the annex, plus contact data and remarks for the internal variant."""
    columns = [
        AnlageColumn("Nr.", 9, lambda e: e.record.nr),
        _field_column("titel", 40),
        _field_column("federfuehrung", 24),
        AnlageColumn("Laufzeit", 24, _laufzeit),
        AnlageColumn(_header("status"), 17, lambda e: str(e.record.status)),
        *(_money_column(key) for key in MONEY_KEYS),
    ]
    if intern:
        columns += [
            _field_column("ansprechpartner", 18),
            _field_column("telefon", 15),
            _field_column("email", 26),
            _field_column("bemerkung", 36),
        ]
    return columns


def write_anlage(
    path: str | os.PathLike[str],
    records: Sequence[MassnahmeData],
    options: AnlageOptions,
    settings: ProgrammEinstellungen | None = None,
    checkpoints: Checkpoints | None = None,
) -> None:
    """Write the annex to ``path``, atomically; ``settings`` default to the programme defaults.

    ``checkpoints`` hear of every measure; cancelled, the old file stays as it was."""
    settings = settings or ProgrammEinstellungen()
    checkpoints = checkpoints or Checkpoints()
    with atomic_target(path, checkpoints) as temp:
        workbook, results = build_anlage(records, options, settings, checkpoints)
        save_workbook(workbook, temp)
        checkpoints.check()
        store_results(temp, results)
        checkpoints.finish()


def build_anlage(
    records: Sequence[MassnahmeData],
    options: AnlageOptions,
    settings: ProgrammEinstellungen,
    checkpoints: Checkpoints | None = None,
) -> tuple[Workbook, Results]:
    """The workbook and the results of its formulas (sheet -> cell -> value)."""
    checkpoints = checkpoints or Checkpoints()
    checkpoints.plan(len(records) + int(len(records) * SAVE_SHARE) + 1)
    entries = [Entry(r, compute(funding_input(r), settings.foerderquote)) for r in records]
    workbook = Workbook()
    add_styles(workbook)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    results: Results = {SHEET_TITLE: {}}
    layout = write_anlage_sheet(sheet, entries, options, results[SHEET_TITLE], checkpoints)
    write_uebersicht(workbook.create_sheet("Übersicht"), layout, entries, options, settings, results)
    return workbook, results


def groups(entries: Sequence[Entry]) -> list[tuple[Innovationsfeld, list[Entry]]]:
    """The measures by Innovationsfeld, in the enum's order; fields without measures are left out."""
    by_field: dict[Innovationsfeld, list[Entry]] = {f: [] for f in Innovationsfeld}
    for entry in entries:
        by_field[Innovationsfeld(entry.record.innovationsfeld)].append(entry)
    return [(f, rows) for f, rows in by_field.items() if rows]


def write_anlage_sheet(
    sheet: Worksheet,
    entries: Sequence[Entry],
    options: AnlageOptions,
    results: dict[str, Decimal | int],
    checkpoints: Checkpoints,
) -> Layout:
    """Title, header, the groups with subtotals and the grand total; returns where everything is."""
    layout = Layout(anlage_columns(options.intern))
    headers = [c.header for c in layout.columns]
    write_title(sheet, [options.title, options.betreff, f"Stand: {format_date(options.stand)}"], headers)
    for index, column in enumerate(layout.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    row = FIRST_DATA_ROW
    for feld, members in groups(entries):
        row = _write_group(sheet, layout, feld, members, row, results, checkpoints)
    layout.last_row = max(row - 1, FIRST_DATA_ROW)
    layout.total_row = row
    _write_total(sheet, layout, entries, results)
    fit_subject_row(sheet, options.betreff, sum(c.width for c in layout.columns))
    prepare_print(sheet, options, f"{HEADER_ROW}:{HEADER_ROW}")
    return layout


def _write_group(
    sheet: Worksheet,
    layout: Layout,
    feld: Innovationsfeld,
    members: list[Entry],
    row: int,
    results: dict[str, Decimal | int],
    checkpoints: Checkpoints,
) -> int:
    _label_row(sheet, layout, row, f"Innovationsfeld: {feld}", "Anlage Gruppe", span_all=True)
    first = row + 1
    for offset, entry in enumerate(checkpoints.each(members)):
        _write_entry(sheet, layout, first + offset, entry)
    last = first + len(members) - 1
    subtotal = last + 1
    count = "1 Maßnahme" if len(members) == 1 else f"{len(members)} Maßnahmen"
    _label_row(sheet, layout, subtotal, f"Zwischensumme {feld} ({count})", "Anlage Summe Text")
    for column in layout.money_columns:
        letter = layout.letter(column.header)
        cell = sheet[f"{letter}{subtotal}"]
        cell.value = f"=SUM({letter}{first}:{letter}{last})"
        cell.style = "Anlage Summe Betrag"
        results[cell.coordinate] = sum((column.value(e) or Decimal(0) for e in members), Decimal(0))
    layout.groups[feld] = (first, last, subtotal)
    return subtotal + 1


def _write_entry(sheet: Worksheet, layout: Layout, row: int, entry: Entry) -> None:
    lines = 1
    for index, column in enumerate(layout.columns, start=1):
        cell = sheet.cell(row, index)
        value = column.value(entry)
        if column.money:
            cell.value = value
            cell.style = "Anlage Betrag"
            continue
        cell.style = "Anlage Text"
        if value:
            try:
                put_text(cell, str(value))
            except CellTextError as exc:
                raise text_error(entry.record.nr, column.header, str(value)) from exc
            lines = max(lines, wrapped_lines(str(value), column.width))
    fit_row(sheet, row, lines)


def _label_row(
    sheet: Worksheet, layout: Layout, row: int, text: str, style: str, span_all: bool = False
) -> None:
    """A label over the text columns (or the whole width), styled across the row."""
    width = len(layout.columns)
    span = width if span_all else [c.money for c in layout.columns].index(True)
    for index in range(1, width + 1):
        sheet.cell(row, index).style = style
    sheet.cell(row, 1).value = text
    if span > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=span)


def _write_total(
    sheet: Worksheet, layout: Layout, entries: Sequence[Entry], results: dict[str, Decimal | int]
) -> None:
    row = layout.total_row
    count = "1 Maßnahme" if len(entries) == 1 else f"{len(entries)} Maßnahmen"
    _label_row(sheet, layout, row, f"Gesamtsumme ({count})", "Anlage Gesamt Text")
    subtotals = [subtotal for _, _, subtotal in layout.groups.values()]
    for column in layout.money_columns:
        letter = layout.letter(column.header)
        cell = sheet[f"{letter}{row}"]
        cell.style = "Anlage Gesamt Betrag"
        total = sum((column.value(e) or Decimal(0) for e in entries), Decimal(0))
        if not subtotals:
            cell.value = total
            continue
        cell.value = "=SUM(" + ",".join(f"{letter}{r}" for r in subtotals) + ")"
        results[cell.coordinate] = total
