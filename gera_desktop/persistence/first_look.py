"""The start's first look at a SQLite file: the list's columns and the stored programme settings read with
plain ``sqlite3``, so that the window lists the measures before SQLAlchemy is loaded (importing it takes
longer than reading 10,000 measures; see architecture.md).

It only looks, read-only, at an existing file on this computer whose schema is the program's own (the
shipped head revision). Anything else gives ``None`` and the list waits for the database to be opened as
usual: a new, outdated, foreign or unreadable file, a file on a network drive, PostgreSQL. The database
is opened right after (checked, and read-only where it must be); this look changes nothing.

The values come back as SQLAlchemy returns them for the same columns (``domain.models``): enums by their
German value, dates and times from ISO text, amounts and percentages as ``Decimal`` with two places.
"""

from __future__ import annotations

import enum
import sqlite3
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from gera_desktop.domain.records import CLUSTER, LIST_KEYS, ListRecord, list_record
from gera_desktop.persistence.location import on_network_drive
from gera_desktop.persistence.revisions import SHIPPED_MIGRATIONS, VERSION_TABLE, head_in
from gera_desktop.persistence.sqlite_files import readonly_uri

PLAIN_SQLITE = "sqlite:///"
LIST_QUERY = (
    f"SELECT {', '.join('c.name' if key == CLUSTER else f'm.{key}' for key in LIST_KEYS)}, s.summe "
    "FROM massnahme AS m LEFT OUTER JOIN cluster AS c ON c.id = m.cluster_id "
    "LEFT OUTER JOIN (SELECT massnahme_id, sum(abgerufen) AS summe FROM finanzjahr "
    "GROUP BY massnahme_id) AS s ON s.massnahme_id = m.id WHERE m.geloescht_am IS NULL"
)
SETTINGS_QUERY = "SELECT schluessel, wert FROM einstellung"
Convert = Callable[[Any], Any]


@dataclass(frozen=True)
class FirstLook:
    """What the first look read: the list's records and the stored settings' rows (key → text)."""

    records: list[ListRecord]
    settings: dict[str, str]


def first_look(url: str) -> FirstLook | None:
    """The list's records and the stored settings of the SQLite file behind ``url``, or ``None`` when
    the database has to be opened first (see the module's description)."""
    path = _local_file(url)
    if path is None:
        return None
    try:
        connection = sqlite3.connect(readonly_uri(path), uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        return _look(connection)
    except (sqlite3.Error, ValueError, TypeError, KeyError):
        return None  # damaged, foreign or odd values: opening it says what is wrong
    finally:
        connection.close()


def _local_file(url: str) -> Path | None:
    """The existing, non-empty file of a plain SQLite URL on this computer (``None`` for anything else)."""
    if not url.startswith(PLAIN_SQLITE) or "?" in url or "%" in url:
        return None
    path = Path(url.removeprefix(PLAIN_SQLITE))
    try:
        if not path.is_file() or path.stat().st_size == 0 or on_network_drive(path):
            return None
    except OSError:
        return None
    return path


def _look(connection: sqlite3.Connection) -> FirstLook | None:
    revisions = [row[0] for row in connection.execute(f"SELECT version_num FROM {VERSION_TABLE}")]
    if revisions != [head_in(SHIPPED_MIGRATIONS / "versions")]:
        return None  # a migration is due, or the schema is not ours
    records = _records(connection.execute(LIST_QUERY).fetchall())
    settings = {str(key): str(value) for key, value in connection.execute(SETTINGS_QUERY)}
    return FirstLook(records, settings)


def _records(rows: Sequence[Sequence[Any]]) -> list[ListRecord]:
    """The rows as list records: each column converted at once, then put together again by row."""
    if not rows:
        return []
    columns = list(zip(*rows, strict=True))
    converted = [_column(convert, values) for convert, values in zip(_converters(), columns, strict=True)]
    return [list_record(row) for row in zip(*converted, strict=True)]


def _column(convert: Converter, values: Sequence[Any]) -> Sequence[Any]:
    """The values converted; where most of them repeat (dates, rates, an import's time) each only once."""
    if convert.how is None:
        return values
    one = _keeping_none(convert.how) if convert.nullable else convert.how
    distinct = set(values)
    if len(distinct) * 2 > len(values):
        return list(map(one, values))
    converted = {value: one(value) for value in distinct}
    return list(map(converted.__getitem__, values))


def _keeping_none(how: Convert) -> Convert:
    return lambda value: None if value is None else how(value)


@dataclass(frozen=True)
class Converter:
    """How a stored value of a column becomes the record's (``how``; ``None``: as stored)."""

    how: Convert | None
    nullable: bool


@cache
def _converters() -> tuple[Converter, ...]:
    """Per column of the list query (``LIST_KEYS``, then the sum of Abgerufen), found from the record's
    field types."""
    hints = typing.get_type_hints(ListRecord)
    return (*(_converter(hints[key]) for key in LIST_KEYS), Converter(_amount, nullable=True))


def _converter(hint: Any) -> Converter:
    kinds = [kind for kind in typing.get_args(hint) or (hint,) if kind is not type(None)]
    kind, nullable = kinds[0], type(None) in typing.get_args(hint)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return Converter({member.value: member for member in kind}.__getitem__, nullable)
    known: dict[type, Convert] = {
        Decimal: _amount,
        date: date.fromisoformat,
        datetime: datetime.fromisoformat,
        bool: bool,
    }
    return Converter(known.get(kind), nullable)


def _amount(value: float | int) -> Decimal:
    """An amount or percentage as SQLAlchemy's ``Numeric(…, 2)`` returns it from SQLite."""
    return Decimal(f"{value:.2f}")
