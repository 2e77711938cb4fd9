"""The ``liste`` export: the full Maßnahmenliste (spec section 7), which imports again unchanged."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from contextlib import suppress
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any

from openpyxl import Workbook

from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.funding import AMOUNT_KEYS, DEFAULT_FOERDERQUOTE, compute
from gera_desktop.domain.progress import Checkpoints
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.rules import funding_input
from gera_desktop.excel.columns import (
    BETEILIGUNG_FORMATE,
    SHEET_BETEILIGUNGEN,
    SHEET_FINANZEN,
    SHEET_MASSNAHMEN,
    SHEET_MEILENSTEINE,
    Column,
    Kind,
    SheetSpec,
)
from gera_desktop.excel.sheet_table import Table, TableColumn, write_tables
from gera_desktop.excel.writing import atomic_target, save_workbook

TITLE = "Stadt Gera – Smart City Modellprojekt"
SUBTITLE = "Maßnahmenliste"
YES_NO = ("ja", "nein")
SAVE_SHARE = 20
"""Saving the streamed workbook takes about a twentieth of the time its rows take."""


def write_liste(
    path: str | os.PathLike[str],
    records: Sequence[MassnahmeData],
    stand: date,
    checkpoints: Checkpoints | None = None,
    *,
    programme_rate: Decimal = DEFAULT_FOERDERQUOTE,
) -> None:
    """Write the four sheets (plus the hidden drop-down lists) to ``path``, atomically.

    The funding amounts are the effective ones (computed with ``programme_rate`` where the Förderquote
    is empty); ``checkpoints`` hear of every row; cancelled, the old file stays as it was."""
    checkpoints = checkpoints or Checkpoints()
    with atomic_target(path, checkpoints) as temp:
        workbook = build_liste(records, stand, checkpoints, programme_rate=programme_rate)
        try:
            save_workbook(workbook, temp)
        except BaseException:
            _close_sheets(workbook)
            raise
        checkpoints.finish()


def build_liste(
    records: Sequence[MassnahmeData],
    stand: date,
    checkpoints: Checkpoints | None = None,
    *,
    programme_rate: Decimal = DEFAULT_FOERDERQUOTE,
) -> Workbook:
    """The write-only workbook, rows already streamed; ``save()`` finishes it."""
    tables = liste_tables(records, stand, programme_rate)
    rows = sum(len(table.rows) for table in tables)
    checkpoints = checkpoints or Checkpoints()
    checkpoints.plan(rows + rows // SAVE_SHARE + 1)
    workbook = Workbook(write_only=True)
    try:
        write_tables(workbook, tables, checkpoints)
    except BaseException:
        _close_sheets(workbook)
        raise
    return workbook


def liste_tables(
    records: Sequence[MassnahmeData], stand: date, programme_rate: Decimal = DEFAULT_FOERDERQUOTE
) -> list[Table]:
    """The four sheets' tables: Maßnahmen (with the extra columns) and the three child sheets.

    Funding amounts are written as their effective values (spec section 8), the Förderquote as stored:
    amounts equal to the computed value import again as computed, so the round trip changes nothing."""
    extras = extra_headers(records)
    columns = [*(table_column(c) for c in SHEET_MASSNAHMEN.columns), *(TableColumn(h, None) for h in extras)]
    rows = _rows(records, extras, programme_rate)
    tables = [Table(SHEET_MASSNAHMEN.title, _title(SUBTITLE, stand), columns, rows)]
    for spec, attribute in (
        (SHEET_MEILENSTEINE, "meilensteine"),
        (SHEET_FINANZEN, "finanzen"),
        (SHEET_BETEILIGUNGEN, "beteiligungen"),
    ):
        title = _title(f"{SUBTITLE} – {spec.title}", stand)
        rows = _child_rows(records, spec, attribute)
        tables.append(Table(spec.title, title, [table_column(c) for c in spec.columns], rows))
    return tables


def _close_sheets(workbook: Workbook) -> None:
    """After a failed save: end the sheets' row streams now, not when the garbage collector finds them."""
    for sheet in workbook.worksheets:
        with suppress(Exception):
            sheet.close()


def extra_headers(records: Iterable[MassnahmeData]) -> list[str]:
    """The union of every record's extra-column headers, in the order first seen."""
    seen: dict[str, None] = {}
    for record in records:
        seen.update(dict.fromkeys(record.zusatzspalten))
    return list(seen)


def table_column(column: Column) -> TableColumn:
    """How a column of the spec is written, with its drop-down values."""
    if column.choices is not None:
        return TableColumn(column.header, column.kind, tuple(str(m) for m in column.choices))
    if column.kind is Kind.BOOL:
        return TableColumn(column.header, column.kind, YES_NO)
    if column.key == "format":
        return TableColumn(column.header, column.kind, BETEILIGUNG_FORMATE, strict_choices=False)
    return TableColumn(column.header, column.kind)


def _title(subtitle: str, stand: date) -> tuple[str, str, str]:
    return TITLE, subtitle, f"Stand: {format_date(stand)}"


def _rows(records: Sequence[MassnahmeData], extras: list[str], rate: Decimal) -> list[tuple[Any, ...]]:
    keys = [c.key for c in SHEET_MASSNAHMEN.columns]
    values = attrgetter(*keys)
    amounts = [(index, key) for index, key in enumerate(keys) if key in AMOUNT_KEYS]
    rows = []
    for record in records:
        row = list(values(record))
        if record.gesamtkosten is not None:
            effective = compute(funding_input(record), rate)
            for index, key in amounts:
                row[index] = getattr(effective, key)
        rows.append(tuple(row) + tuple(map(record.zusatzspalten.get, extras)))
    return rows


def _child_rows(records: Sequence[MassnahmeData], spec: SheetSpec, attribute: str) -> list[tuple[Any, ...]]:
    values = attrgetter(*(c.key for c in spec.columns[1:]))
    return [(r.nr, *values(child)) for r in records for child in getattr(r, attribute)]
