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
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from gera_desktop.domain.records import (
    CALLED,
    CLUSTER,
    LIST_KEYS,
    LIST_ROW_KEYS,
    ListRecord,
    list_record,
    partial_record,
)
from gera_desktop.persistence.location import on_network_drive
from gera_desktop.persistence.revisions import SHIPPED_MIGRATIONS, VERSION_TABLE, head_in
from gera_desktop.persistence.sqlite_files import readonly_uri

PLAIN_SQLITE = "sqlite:///"
CALLED_QUERY = "SELECT massnahme_id, sum(abgerufen) FROM finanzjahr GROUP BY massnahme_id"
"""The sum of Abgerufen per measure, read apart: the same join in the list query took longer."""
SETTINGS_QUERY = "SELECT schluessel, wert FROM einstellung"
Convert = Callable[[Any], Any]


@dataclass(frozen=True)
class FirstLook:
    """What the first look read: the list's records, the stored settings' rows (key → text), and the
    fields the records hold (``None``: every field)."""

    records: list[ListRecord]
    settings: dict[str, str]
    read: frozenset[str] | None = None


def first_look(url: str, keys: Collection[str] | None = None) -> FirstLook | None:
    """The list's records and the stored settings of the SQLite file behind ``url``, or ``None`` when
    the database has to be opened first (see the module's description).

    ``keys``: only these fields of ``LIST_ROW_KEYS`` (and the id), as ``PartialListRecord``s – at
    10,000 measures a third of the fields is read in half the time; ``None``: every field."""
    read = _read_keys(keys)
    path = _local_file(url)
    if path is None:
        return None
    try:
        connection = sqlite3.connect(readonly_uri(path), uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        return _look(connection, read)
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


def _read_keys(keys: Collection[str] | None) -> tuple[str, ...]:
    """The fields to read, in the order of ``LIST_ROW_KEYS`` (the id always: the sums are found by it)."""
    if keys is None:
        return LIST_ROW_KEYS
    unknown = set(keys) - set(LIST_ROW_KEYS)
    if unknown:
        raise KeyError(f"keine Felder der Liste: {sorted(unknown)}")
    return tuple(key for key in LIST_ROW_KEYS if key in keys or key == "id")


def list_query(keys: Sequence[str]) -> str:
    """The query of the stored fields among ``keys`` (the Cluster by its name) outside the Papierkorb."""
    stored = [key for key in keys if key != CALLED]
    columns = ", ".join("c.name" if key == CLUSTER else f"m.{key}" for key in stored)
    joined = " LEFT OUTER JOIN cluster AS c ON c.id = m.cluster_id" if CLUSTER in stored else ""
    return f"SELECT {columns} FROM massnahme AS m{joined} WHERE m.geloescht_am IS NULL"


def _look(connection: sqlite3.Connection, keys: tuple[str, ...]) -> FirstLook | None:
    revisions = [row[0] for row in connection.execute(f"SELECT version_num FROM {VERSION_TABLE}")]
    if revisions != [head_in(SHIPPED_MIGRATIONS / "versions")]:
        return None  # a migration is due, or the schema is not ours
    rows = connection.execute(list_query(keys)).fetchall()
    called = dict(connection.execute(CALLED_QUERY).fetchall()) if CALLED in keys else None
    records = _records(keys, rows, called)
    settings = {str(key): str(value) for key, value in connection.execute(SETTINGS_QUERY)}
    return FirstLook(records, settings, None if keys == LIST_ROW_KEYS else frozenset(keys))


def _records(
    keys: tuple[str, ...], rows: Sequence[Sequence[Any]], called: dict[int, Any] | None
) -> list[ListRecord]:
    """The rows as list records: each column converted at once (the sum of Abgerufen found by id),
    then put together again by row."""
    if not rows:
        return []
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
    if called is not None:
        columns.append(list(map(called.get, columns[keys.index("id")])))
    converters = _converters()
    converted = [_column(converters[key], values) for key, values in zip(keys, columns, strict=True)]
    if keys == LIST_ROW_KEYS:
        return [list_record(row) for row in zip(*converted, strict=True)]
    return [partial_record(keys, row) for row in zip(*converted, strict=True)]


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
def _converters() -> dict[str, Converter]:
    """Per field of ``LIST_ROW_KEYS`` (the sum of Abgerufen last), found from the record's field types."""
    hints = typing.get_type_hints(ListRecord)
    return {key: _converter(hints[key]) for key in LIST_KEYS} | {CALLED: Converter(_amount, nullable=True)}


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
