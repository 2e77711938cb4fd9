"""The ``anlage`` export: the annex to a Beschlussvorlage for the Stadtrat (spec section 7).

Sheet "Anlage" lists the measures grouped by Innovationsfeld (as an option: by Cluster, "Ohne Cluster"
last) with subtotals and a grand total as SUM formulas (so the council's own changes add up); the
measures abgelehnt or abgebrochen follow the grand total in their own block with their own sum, counted
in no programme total. Sheet "Übersicht" sums by the groups (grouped by Cluster: also by Innovationsfeld)
and by Umsetzungsstand and sets the Bundesmittel against the programme's funding envelope.
Amounts are the effective figures of spec section 8. Both sheets print on A4 landscape, one page wide.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.funding import compute
from gera_desktop.domain.grouping import GroupKey, Gruppierung, group_name, grouped
from gera_desktop.domain.progress import Checkpoints
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.rules import funding_input
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.excel.anlage_columns import Entry, Layout, anlage_columns
from gera_desktop.excel.anlage_layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    AnlageOptions,
    Results,
    add_styles,
    fit_header_row,
    fit_row,
    fit_subject_row,
    prepare_print,
    put_text,
    wrapped_lines,
    write_title,
)
from gera_desktop.excel.anlage_uebersicht import write_uebersicht
from gera_desktop.excel.formula_cache import store_results
from gera_desktop.excel.writing import CellTextError, atomic_target, save_workbook, text_error

__all__ = ["AnlageOptions", "write_anlage"]

SHEET_TITLE = "Anlage"
SAVE_SHARE = 0.75
"""Saving the annex takes about three quarters of the time its rows take."""
APART_HEADING = "Nicht weiterverfolgte Maßnahmen (abgelehnt oder abgebrochen) – in keiner Summe des Programms"


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


def groups(
    entries: Sequence[Entry], by: Gruppierung = Gruppierung.INNOVATIONSFELD
) -> list[tuple[GroupKey, list[Entry]]]:
    """The measures by Innovationsfeld (in the enum's order) or by Cluster (alphabetically, "Ohne
    Cluster" last); groups without measures are left out."""
    return grouped(entries, by, _record)


def _record(entry: Entry) -> MassnahmeData:
    return entry.record


def _heading(by: Gruppierung, key: GroupKey) -> str:
    """``Innovationsfeld: Energie``, ``Cluster: Digitale Verwaltung`` or ``Ohne Cluster``."""
    return group_name(key) if key is None else f"{by}: {key}"


def write_anlage_sheet(
    sheet: Worksheet,
    entries: Sequence[Entry],
    options: AnlageOptions,
    results: dict[str, Decimal | int],
    checkpoints: Checkpoints,
) -> Layout:
    """Title, header, the groups with subtotals and the grand total; returns where everything is."""
    layout = Layout(anlage_columns(options.intern, entries))
    headers = [c.header for c in layout.columns]
    write_title(sheet, [options.title, options.betreff, f"Stand: {format_date(options.stand)}"], headers)
    for index, column in enumerate(layout.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    fit_header_row(sheet, HEADER_ROW, [(c.header, c.width) for c in layout.columns])
    pursued = [e for e in entries if e.pursued]
    apart = [e for _, members in groups(entries, options.gruppierung) for e in members if not e.pursued]
    layout.total_row = _write_groups(sheet, layout, pursued, options.gruppierung, results, checkpoints)
    layout.last_row = max(layout.total_row - 1, FIRST_DATA_ROW)
    _write_total(sheet, layout, pursued, len(apart), results)
    if apart:
        _write_apart(sheet, layout, apart, results, checkpoints)
    fit_subject_row(sheet, options.betreff, sum(c.width for c in layout.columns))
    prepare_print(sheet, options, f"{HEADER_ROW}:{HEADER_ROW}")
    return layout


def _write_groups(
    sheet: Worksheet,
    layout: Layout,
    entries: Sequence[Entry],
    by: Gruppierung,
    results: dict[str, Decimal | int],
    checkpoints: Checkpoints,
) -> int:
    """One block with a subtotal per Innovationsfeld or Cluster; returns the row after the last block."""
    row = FIRST_DATA_ROW
    for key, members in groups(entries, by):
        rows = _write_block(sheet, layout, _heading(by, key), members, row, checkpoints)
        label = f"Zwischensumme {group_name(key)} ({_count(len(members))})"
        _write_sum_row(sheet, layout, rows, label, members, results)
        layout.groups[key] = rows
        row = rows[2] + 1
    return row


def _write_apart(
    sheet: Worksheet,
    layout: Layout,
    entries: Sequence[Entry],
    results: dict[str, Decimal | int],
    checkpoints: Checkpoints,
) -> None:
    """The measures not pursued, one row below the grand total, with their own sum."""
    layout.apart = _write_block(sheet, layout, APART_HEADING, entries, layout.total_row + 2, checkpoints)
    label = f"Summe nicht weiterverfolgte Maßnahmen ({_count(len(entries))})"
    _write_sum_row(sheet, layout, layout.apart, label, entries, results)
    layout.last_row = layout.apart[1]


def _count(number: int) -> str:
    return "1 Maßnahme" if number == 1 else f"{number} Maßnahmen"


def _write_block(
    sheet: Worksheet,
    layout: Layout,
    heading: str,
    members: Sequence[Entry],
    row: int,
    checkpoints: Checkpoints,
) -> tuple[int, int, int]:
    """A heading over the whole width, then the measures; returns (first, last, the sum row below)."""
    _label_row(sheet, layout, row, heading, "Anlage Gruppe", span_all=True)
    first = row + 1
    for offset, entry in enumerate(checkpoints.each(members)):
        _write_entry(sheet, layout, first + offset, entry)
    last = first + len(members) - 1
    return first, last, last + 1


def _write_sum_row(
    sheet: Worksheet,
    layout: Layout,
    rows: tuple[int, int, int],
    label: str,
    members: Sequence[Entry],
    results: dict[str, Decimal | int],
) -> None:
    """The row below a block: its label and a SUM formula over the block's amounts (results noted)."""
    first, last, row = rows
    _label_row(sheet, layout, row, label, "Anlage Summe Text")
    for column in layout.money_columns:
        letter = layout.letter(column.header)
        cell = sheet[f"{letter}{row}"]
        cell.value = f"=SUM({letter}{first}:{letter}{last})"
        cell.style = "Anlage Summe Betrag"
        results[cell.coordinate] = sum((column.value(e) for e in members), Decimal(0))


def _write_entry(sheet: Worksheet, layout: Layout, row: int, entry: Entry) -> None:
    lines = 1
    for index, column in enumerate(layout.columns, start=1):
        cell = sheet.cell(row, index)
        value = column.value(entry)
        if column.money:
            cell.value = value
            cell.style = "Anlage Betrag"
            continue
        cell.style = "Anlage Text" if column.wraps else "Anlage Kurztext"
        if value:
            try:
                put_text(cell, str(value))
            except CellTextError as exc:
                raise text_error(entry.record.nr, column.header, str(value)) from exc
            if column.wraps:
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
    sheet: Worksheet,
    layout: Layout,
    entries: Sequence[Entry],
    apart: int,
    results: dict[str, Decimal | int],
) -> None:
    row = layout.total_row
    note = f"; ohne {apart} nicht weiterverfolgte, siehe unten" if apart else ""
    _label_row(sheet, layout, row, f"Gesamtsumme ({_count(len(entries))}{note})", "Anlage Gesamt Text")
    subtotals = [subtotal for _, _, subtotal in layout.groups.values()]
    for column in layout.money_columns:
        letter = layout.letter(column.header)
        cell = sheet[f"{letter}{row}"]
        cell.style = "Anlage Gesamt Betrag"
        total = sum((column.value(e) for e in entries), Decimal(0))
        if not subtotals:
            cell.value = total
            continue
        cell.value = "=SUM(" + ",".join(f"{letter}{r}" for r in subtotals) + ")"
        results[cell.coordinate] = total
