"""Strict reading of the JSON format (spec section 7, keys in ``json_format``) back into plain records
(used by the demo data). The stored values are read; ``effektiv`` is derived from them and ignored. A file
written before the council cycle lacks ``cluster``, ``mittelabrufe`` and ``beschluesse``: no Cluster, no
calls, no decisions.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import MISSING, fields
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.excel.columns import SHEET_MASSNAHMEN, Column, Kind
from gera_desktop.excel.json_format import CHILDREN, EFFECTIVE, EXTRA, LATER_KEYS, STORED_KEYS

MAX_SHOWN_PROBLEMS = 20
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class JsonFormatError(GeraError):
    """A JSON file that is not a Maßnahmenliste in our format; the message lists the problems."""


class _BadValueError(ValueError):
    """One value that does not fit; the message is German."""


def read_json(path: str | os.PathLike[str]) -> list[MassnahmeData]:
    """The measures of a JSON file written by ``write_json``; anything else raises ``JsonFormatError``."""
    source = Path(path)
    document = _load(source)
    problems: list[str] = []
    records = _records(document, problems)
    if problems:
        shown = problems[:MAX_SHOWN_PROBLEMS]
        if len(problems) > len(shown):
            shown.append(f"… und {len(problems) - len(shown)} weitere Probleme")
        lines = "\n".join(f"• {p}" for p in shown)
        raise JsonFormatError(f"Die Datei „{source.name}“ passt nicht zum Maßnahmen-JSON-Format:\n{lines}")
    return records


def _load(source: Path) -> Any:
    try:
        text = source.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise JsonFormatError(f"Die Datei „{source}“ gibt es nicht.") from exc
    except UnicodeDecodeError as exc:
        raise JsonFormatError(f"Die Datei „{source.name}“ ist keine UTF-8-Textdatei.") from exc
    except OSError as exc:
        raise JsonFormatError(
            f"Die Datei „{source.name}“ kann nicht gelesen werden: {exc.strerror}."
        ) from exc
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except (json.JSONDecodeError, _BadValueError) as exc:
        where = f" (Zeile {exc.lineno}, Spalte {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise JsonFormatError(f"Die Datei „{source.name}“ ist keine gültige JSON-Datei{where}.") from exc


def _no_constant(name: str) -> Any:
    raise _BadValueError(f"{name} ist kein gültiger Wert")


def _records(document: Any, problems: list[str]) -> list[MassnahmeData]:
    if not isinstance(document, dict) or set(document) != {"stand", "massnahmen"}:
        problems.append("Oben müssen genau die Schlüssel „stand“ und „massnahmen“ stehen.")
        return []
    try:
        _date(document["stand"])
    except _BadValueError as exc:
        problems.append(f"„stand“: {exc}")
    measures = document["massnahmen"]
    if not isinstance(measures, list):
        problems.append("„massnahmen“ muss eine Liste sein.")
        return []
    records = []
    for index, item in enumerate(measures, start=1):
        record = _record(item, f"Maßnahme {index}", problems)
        if record is not None:
            records.append(record)
    return records


def _record(item: Any, where: str, problems: list[str]) -> MassnahmeData | None:
    if isinstance(item, dict) and isinstance(item.get("nr"), str):
        where = f"{where} ({item['nr']})"
    if isinstance(item, dict) and EFFECTIVE in item:
        if not isinstance(item[EFFECTIVE], dict):
            problems.append(f"{where}, {EFFECTIVE}: muss ein Objekt {{Schlüssel: Betrag}} sein.")
            return None
        item = {key: value for key, value in item.items() if key != EFFECTIVE}
    if isinstance(item, dict):
        item = {**LATER_KEYS, **item}
    values = _object(item, SHEET_MASSNAHMEN.columns, MassnahmeData, where, problems, extra=STORED_KEYS)
    if values is None:
        return None
    ok = True
    for name, columns, cls in CHILDREN:
        children = _children(item[name], columns, cls, f"{where}, {name}", problems)
        ok = ok and children is not None
        values[name] = children
    values[EXTRA] = _extras(item[EXTRA], f"{where}, {EXTRA}", problems)
    if not ok or values[EXTRA] is None:
        return None
    return MassnahmeData(**values)


def _children(items: Any, columns: Sequence[Column], cls: type[Any], where: str, problems: list[str]) -> Any:
    if not isinstance(items, list):
        problems.append(f"{where}: muss eine Liste sein.")
        return None
    rows = [_object(item, columns, cls, f"{where} {i}", problems) for i, item in enumerate(items, start=1)]
    if any(row is None for row in rows):
        return None
    return [cls(**row) for row in rows if row is not None]


def _object(
    item: Any,
    columns: Sequence[Column],
    cls: type[Any],
    where: str,
    problems: list[str],
    extra: Sequence[str] | None = None,
) -> dict[str, Any] | None:
    """The checked field values of one JSON object, or ``None`` after noting its problems."""
    if not isinstance(item, dict):
        problems.append(f"{where}: muss ein Objekt {{…}} sein.")
        return None
    expected = list(extra or (c.key for c in columns))
    wrong = _key_problems(item, expected)
    if wrong:
        problems.append(f"{where}: {wrong}")
        return None
    defaults = _defaults(cls)
    values: dict[str, Any] = {}
    before = len(problems)
    for column in columns:
        raw = item[column.key]
        try:
            values[column.key] = _parse_value(column, raw, required=column.key not in defaults)
        except _BadValueError as exc:
            problems.append(f"{where}, „{column.key}“: {exc}")
        if values.get(column.key) is None and column.key in defaults:
            values[column.key] = defaults[column.key]
    return values if len(problems) == before else None


def _key_problems(item: dict[str, Any], expected: Sequence[str]) -> str:
    missing = [k for k in expected if k not in item]
    unknown = [k for k in item if k not in expected]
    parts = []
    if missing:
        parts.append("es fehlen " + ", ".join(f"„{k}“" for k in missing))
    if unknown:
        parts.append("unbekannt sind " + ", ".join(f"„{k}“" for k in unknown))
    return "; ".join(parts)


def _defaults(cls: type[Any]) -> dict[str, Any]:
    """Field name -> default for every field that has one (``None`` included)."""
    return {f.name: f.default for f in fields(cls) if f.default is not MISSING}


def _extras(value: Any, where: str, problems: list[str]) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        problems.append(f"{where}: muss ein Objekt {{Überschrift: Wert}} sein.")
        return None
    result = {}
    for header, item in value.items():
        if isinstance(item, dict | list):
            problems.append(f"{where}, „{header}“: muss ein einfacher Wert sein.")
            return None
        result[header] = float(item) if isinstance(item, Decimal) else item
    return result


def _parse_value(column: Column, value: Any, *, required: bool) -> Any:
    if value is None:
        if required:
            raise _BadValueError("Pflichtfeld, darf nicht null sein.")
        return None
    parser = _enum_parser(column.choices) if column.kind is Kind.ENUM else _PARSERS[column.kind]
    return parser(value)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _BadValueError(f"muss Text sein, nicht {_shown(value)}.")
    return value


def _date(value: Any) -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise _BadValueError(f"muss ein Datum im Format JJJJ-MM-TT sein, nicht {_shown(value)}.")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise _BadValueError(f"{_shown(value)} ist kein gültiges Datum.") from exc


def _number(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise _BadValueError(f"muss eine Zahl sein, nicht {_shown(value)}.")
    return Decimal(value)


def _money(value: Any) -> Decimal:
    amount = _number(value)
    if amount != amount.quantize(Decimal("0.01")):
        raise _BadValueError(f"{amount} hat mehr als zwei Nachkommastellen.")
    return amount


def _percent(value: Any) -> Decimal:
    number = _number(value)
    if not 0 <= number <= 100:
        raise _BadValueError(f"{number} liegt nicht zwischen 0 und 100.")
    return number


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _BadValueError(f"muss eine ganze Zahl sein, nicht {_shown(value)}.")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _BadValueError(f"muss true oder false sein, nicht {_shown(value)}.")
    return value


@cache
def _enum_parser(choices: type[StrEnum] | None) -> Callable[[Any], Any]:
    assert choices is not None
    by_value = {str(member): member for member in choices}

    def parse(value: Any) -> Any:
        if value not in by_value:
            allowed = ", ".join(by_value)
            raise _BadValueError(f"{_shown(value)} ist nicht erlaubt; erlaubt sind: {allowed}.")
        return by_value[value]

    return parse


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


_PARSERS: dict[Kind, Callable[[Any], Any]] = {
    Kind.TEXT: _text,
    Kind.DATE: _date,
    Kind.MONEY: _money,
    Kind.PERCENT: _percent,
    Kind.INTEGER: _integer,
    Kind.YEAR: _integer,
    Kind.BOOL: _bool,
}
