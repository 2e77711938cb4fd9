"""German labels of fields for messages and the audit log, taken from the column spec."""

from __future__ import annotations

import re

from gera_desktop.excel.columns import LIST_COLUMNS, MASSNAHMEN, SHEETS, Column, Kind

_UNIT = re.compile(r"\s*\((?:€|%)\)$")

MASSNAHME_COLUMNS: dict[str, Column] = {c.key: c for c in MASSNAHMEN}
KINDS: dict[str, Kind] = {
    **{c.key: c.kind for columns in LIST_COLUMNS.values() for c in columns},
    **{c.key: c.kind for sheet in SHEETS for c in sheet.columns},
}
"""The kind of every field key of every sheet and list (a key means the same kind everywhere, as far as
numbers and dates go: the sheets' kinds win where a list's choice of values is text on a sheet)."""


def column_label(column: Column) -> str:
    """The header without its unit: ``Gesamtkosten (€)`` -> ``Gesamtkosten``."""
    return _UNIT.sub("", column.header)


def field_label(key: str) -> str:
    """The label of a measure field by its key (the key itself when the spec does not know it)."""
    column = MASSNAHME_COLUMNS.get(key)
    return column_label(column) if column is not None else key
