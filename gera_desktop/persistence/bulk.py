"""Bulk INSERT of plain rows without SQLAlchemy's per-row parameter handling.

At the 300,000 audit rows of a large import, SQLAlchemy's ``executemany`` spends more time preparing
parameters than the database spends storing them. ``insert_rows`` converts values with the column types'
own bind processors (only the columns that need one; the values common to every row once) and hands the
rows to the driver: ``COPY … FROM STDIN`` on PostgreSQL with psycopg 3 (measured: 300,000 rows in 1.0 s
instead of 2.5 s with ``executemany``), the driver's ``executemany`` elsewhere. It runs on the session's
connection, inside its transaction: a rollback takes the rows back like any other statement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Dialect, Table, insert
from sqlalchemy.orm import Session

Processor = Callable[[Any], Any]
_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def insert_rows(
    session: Session,
    table: Table,
    common: dict[str, Any],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> None:
    """INSERT ``rows`` (values of ``columns`` in that order) with the ``common`` values in every row."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    mark = _MARKS.get(dialect.paramstyle)
    if mark is None:
        session.execute(insert(table), [{**common, **dict(zip(columns, row, strict=True))} for row in rows])
        return
    names = (*common, *columns)
    values = _prepared(table, dialect, common, columns, rows)
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        _copy(connection, table, names, values)
    else:
        _executemany(connection, table, names, values, mark)


def _prepared(
    table: Table,
    dialect: Dialect,
    common: dict[str, Any],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> list[tuple[Any, ...]]:
    fixed = tuple(_convert(table, name, dialect, value) for name, value in common.items())
    converters = [
        (index, process)
        for index, name in enumerate(columns)
        if (process := _processor(table, name, dialect))
    ]
    if not converters:
        return [(*fixed, *row) for row in rows]
    return [(*fixed, *_converted_row(row, converters)) for row in rows]


def _converted_row(row: Sequence[Any], converters: list[tuple[int, Processor]]) -> list[Any]:
    values = list(row)
    for index, process in converters:
        values[index] = process(values[index])
    return values


def _convert(table: Table, name: str, dialect: Dialect, value: Any) -> Any:
    process = _processor(table, name, dialect)
    return process(value) if process else value


def _processor(table: Table, name: str, dialect: Dialect) -> Processor | None:
    processor: Processor | None = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
    return processor


def _quoted(connection: Connection, table: Table, names: Sequence[str]) -> tuple[str, str]:
    preparer = connection.dialect.identifier_preparer
    return preparer.format_table(table), ", ".join(preparer.quote(name) for name in names)


def _executemany(
    connection: Connection, table: Table, names: Sequence[str], rows: list[tuple[Any, ...]], mark: str
) -> None:
    target, columns = _quoted(connection, table, names)
    marks = ", ".join([mark] * len(names))
    connection.exec_driver_sql(f"INSERT INTO {target} ({columns}) VALUES ({marks})", rows)


def _copy(connection: Connection, table: Table, names: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    target, columns = _quoted(connection, table, names)
    driver = connection.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
