"""The JSON format of spec section 7: its keys, and writing (every key, ISO dates, amounts with two
decimals). Reading back: ``json_reading``.

The funding keys hold the stored values (``null`` = computed); ``effektiv`` adds the effective figures of
spec section 8.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from gera_desktop.domain.funding import DEFAULT_FOERDERQUOTE, round_cent
from gera_desktop.domain.progress import Checkpoints
from gera_desktop.domain.records import (
    BeschlussData,
    BeteiligungData,
    FinanzjahrData,
    MassnahmeData,
    MeilensteinData,
    MittelabrufData,
)
from gera_desktop.domain.rules import effective_amounts
from gera_desktop.excel.columns import LIST_COLUMNS, SHEET_MASSNAHMEN, Column, Kind
from gera_desktop.excel.writing import atomic_target

EXTRA = "zusatzspalten"
EFFECTIVE = "effektiv"
CHILDREN: tuple[tuple[str, tuple[Column, ...], type[Any]], ...] = (
    ("meilensteine", LIST_COLUMNS["meilensteine"], MeilensteinData),
    ("finanzen", LIST_COLUMNS["finanzen"], FinanzjahrData),
    ("beteiligungen", LIST_COLUMNS["beteiligungen"], BeteiligungData),
    ("mittelabrufe", LIST_COLUMNS["mittelabrufe"], MittelabrufData),
    ("beschluesse", LIST_COLUMNS["beschluesse"], BeschlussData),
)
STORED_KEYS = (*(c.key for c in SHEET_MASSNAHMEN.columns), EXTRA, *(name for name, _, _ in CHILDREN))
"""The keys of a measure that reading takes."""
LATER_KEYS: dict[str, Any] = {"cluster": None, "mittelabrufe": [], "beschluesse": []}
"""Keys that files written before the council cycle (issue 13) lack, with the value they stand for."""
MEASURE_KEYS = (*STORED_KEYS, EFFECTIVE)
"""The keys of a measure as written."""


# --- writing -------------------------------------------------------------------------------------------


def to_json(
    records: Sequence[MassnahmeData],
    stand: date,
    checkpoints: Checkpoints | None = None,
    programme_rate: Decimal = DEFAULT_FOERDERQUOTE,
) -> dict[str, Any]:
    """The JSON document as Python values; amounts are ``Decimal`` with two places (see ``dumps``).

    ``programme_rate`` is the Förderquote behind the effective figures of measures without their own."""
    measures = (checkpoints or Checkpoints()).each(records)
    return {"stand": stand.isoformat(), "massnahmen": [_measure_json(r, programme_rate) for r in measures]}


def write_json(
    path: str | os.PathLike[str],
    records: Sequence[MassnahmeData],
    stand: date,
    checkpoints: Checkpoints | None = None,
    programme_rate: Decimal = DEFAULT_FOERDERQUOTE,
) -> None:
    """Write the JSON document (UTF-8, indented) to ``path``, atomically (``checkpoints``: per measure)."""
    checkpoints = checkpoints or Checkpoints()
    checkpoints.plan(len(records) + 1)
    text = dumps(to_json(records, stand, checkpoints, programme_rate))
    with atomic_target(path, checkpoints) as temp:
        temp.write_text(text + "\n", encoding="utf-8")
        checkpoints.finish()


def dumps(value: Any, indent: int = 2, level: int = 0) -> str:
    """JSON text in which a ``Decimal`` is written as the number it holds (``52000.00`` stays so)."""
    if isinstance(value, dict):
        items = [f"{_STRING(str(k))}: {dumps(v, indent, level + 1)}" for k, v in value.items()]
        return _block("{", items, "}", indent, level)
    if isinstance(value, list):
        return _block("[", [dumps(v, indent, level + 1) for v in value], "]", indent, level)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} ist kein JSON-Zahlwert")
        return format(value, "f")
    return _SCALAR(value)


_STRING: Callable[[str], str] = json.JSONEncoder(ensure_ascii=False).encode
_SCALAR: Callable[[Any], str] = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


def _block(opening: str, items: list[str], closing: str, indent: int, level: int) -> str:
    if not items:
        return opening + closing
    inner = "\n" + " " * (indent * (level + 1))
    return opening + inner + ("," + inner).join(items) + "\n" + " " * (indent * level) + closing


def _measure_json(record: MassnahmeData, programme_rate: Decimal) -> dict[str, Any]:
    result = {c.key: _value_json(c.kind, getattr(record, c.key)) for c in SHEET_MASSNAHMEN.columns}
    result[EXTRA] = {header: _extra_json(v) for header, v in record.zusatzspalten.items()}
    for name, columns, _ in CHILDREN:
        result[name] = [_child_json(child, columns) for child in getattr(record, name)]
    effective = effective_amounts(record, programme_rate)
    result[EFFECTIVE] = {
        key: _value_json(SHEET_MASSNAHMEN.column(key).kind, value) for key, value in effective.items()
    }
    return result


def _child_json(child: Any, columns: Sequence[Column]) -> dict[str, Any]:
    return {c.key: _value_json(c.kind, getattr(child, c.key)) for c in columns}


def _value_json(kind: Kind, value: Any) -> Any:
    if value is None:
        return None
    if kind is Kind.DATE:
        return value.isoformat()
    if kind is Kind.MONEY:
        return round_cent(value)
    if kind is Kind.ENUM:
        return str(value)
    return value


def _extra_json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | Decimal):
        return value
    return str(value)
