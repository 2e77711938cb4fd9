"""The CSV export (spec section 7): one row per measure, the public columns, for the open-data portal.

Funding columns hold the effective amounts of spec section 8 (computed defaults filled in).

Semicolon-separated, UTF-8 with BOM (so that Excel shows the umlauts), dates TT.MM.JJJJ, amounts with a
decimal comma and no thousands separator; text a spreadsheet would run as a formula gets a leading ``'``.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.funding import DEFAULT_FOERDERQUOTE
from gera_desktop.domain.progress import Checkpoints
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.rules import effective_amounts
from gera_desktop.excel.columns import MASSNAHMEN, Column, Kind
from gera_desktop.excel.writing import MAX_CELL_TEXT, atomic_target, csv_safe, text_error

PUBLIC_COLUMNS: tuple[Column, ...] = tuple(c for c in MASSNAHMEN if c.public)
DELIMITER = ";"


def write_csv(
    path: str | os.PathLike[str],
    records: Sequence[MassnahmeData],
    checkpoints: Checkpoints | None = None,
    programme_rate: Decimal = DEFAULT_FOERDERQUOTE,
) -> None:
    """Write the header and one row per measure to ``path``, atomically (``checkpoints``: per measure);
    ``programme_rate`` is the Förderquote of measures that leave their own empty."""
    checkpoints = checkpoints or Checkpoints()
    checkpoints.plan(len(records) + 1)
    formatters = [(c.key, _FORMATTERS.get(c.kind, str)) for c in PUBLIC_COLUMNS]
    rows = [[c.header for c in PUBLIC_COLUMNS]]
    rows += [_row(r, formatters, programme_rate) for r in checkpoints.each(records)]
    _refuse_overlong(records)
    with atomic_target(path, checkpoints) as temp, temp.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=DELIMITER, lineterminator="\r\n").writerows(rows)
        checkpoints.finish()


def _refuse_overlong(records: Sequence[MassnahmeData]) -> None:
    """Excel would cut text beyond a cell's limit when it opens the CSV: refuse instead (naming it)."""
    for record in records:
        for column in PUBLIC_COLUMNS:
            value = getattr(record, column.key)
            if isinstance(value, str) and len(value) > MAX_CELL_TEXT:
                raise text_error(record.nr, column.header, value)


def _row(
    record: MassnahmeData, formatters: list[tuple[str, Callable[[Any], str]]], programme_rate: Decimal
) -> list[str]:
    effective = effective_amounts(record, programme_rate)
    return [_field(effective.get(key, getattr(record, key)), show) for key, show in formatters]


def _field(value: Any, show: Callable[[Any], str]) -> str:
    return "" if value is None else show(value)


def decimal_comma(value: Decimal, places: int | None = None) -> str:
    """``Decimal('1234.5')`` -> ``'1234,50'`` (``places=2``) or ``'1234,5'``; no thousands separator."""
    if places is not None:
        text = f"{value:.{places}f}"
    elif value == value.to_integral_value():
        text = f"{value:.0f}"
    else:
        text = format(value.normalize(), "f")
    return text.replace(".", ",")


_FORMATTERS: dict[Kind, Callable[[Any], str]] = {
    Kind.TEXT: csv_safe,
    Kind.DATE: format_date,
    Kind.MONEY: lambda v: decimal_comma(v, 2),
    Kind.PERCENT: decimal_comma,
    Kind.BOOL: lambda v: "ja" if v else "nein",
    Kind.ENUM: str,
}
