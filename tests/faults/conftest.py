"""What every fault test needs: the database state as a canonical dump, soundness, test migrations,
the generated workbooks and the states around one big import (child processes: ``killing.py``).

``database_state`` reads every table (the children and the audit trail included, on SQLite also the
schema) in primary-key order, so that "the state before" and "the state after" can be compared exactly.
``assert_sound`` runs SQLite's ``integrity_check`` and ``foreign_key_check``.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, DateTime, create_engine, inspect
from sqlalchemy.pool import NullPool

from benchmarks.generate import generate
from gera_desktop.domain.models import Base
from gera_desktop.persistence.migrate import SCRIPT_LOCATION, head_revision
from gera_desktop.persistence.sqlite_files import side_files
from tests.faults.killing import Reference, child_env, file_size, gera, run_to_end, watch

BIG_MEASURES = 2_000
SMALL_MEASURES = 200
WAL_HEADER = 32
"""Bytes of a ``-wal`` file without any frame: nothing was written into it."""

Rows = tuple[tuple[Any, ...], ...]
TIME_COLUMNS = frozenset(
    (table.name, column.name)
    for table in Base.metadata.sorted_tables
    for column in table.columns
    if isinstance(column.type, DateTime)
)
"""Columns stamped with the wall-clock time of the action (created, changed, deleted, audit time)."""


@dataclass(frozen=True)
class DatabaseState:
    """Every table as (column names, rows in the order of the primary key); on SQLite also the schema."""

    tables: Mapping[str, tuple[tuple[str, ...], Rows]]

    def differences(self, other: DatabaseState) -> list[str]:
        """Short lines naming each table whose content differs (for assertion messages)."""
        lines = []
        for name in sorted(set(self.tables) | set(other.tables)):
            mine, theirs = self.tables.get(name), other.tables.get(name)
            if mine != theirs:
                lines.append(
                    f"{name}: {_describe(mine)} ≠ {_describe(theirs)}{_first_difference(mine, theirs)}"
                )
        return lines


def _describe(table: tuple[tuple[str, ...], Rows] | None) -> str:
    return "fehlt" if table is None else f"{len(table[1])} Zeilen"


def _first_difference(
    mine: tuple[tuple[str, ...], Rows] | None, theirs: tuple[tuple[str, ...], Rows] | None
) -> str:
    if mine is None or theirs is None:
        return ""
    if mine[0] != theirs[0]:
        return f", Spalten {mine[0]} ≠ {theirs[0]}"
    mine_rows, their_rows = set(map(repr, mine[1])), set(map(repr, theirs[1]))
    only_mine = sorted(mine_rows - their_rows)[:1]
    only_theirs = sorted(their_rows - mine_rows)[:1]
    return f", z. B. {only_mine} ≠ {only_theirs}"


def database_state(url: str, *, ignore_times: bool = False) -> DatabaseState:
    """The canonical dump of the database behind ``url`` (read with a plain engine, not the program's).

    On SQLite the plain read-write connection recovers a hot ``-wal`` as any program would.
    ``ignore_times``: the values of ``TIME_COLUMNS`` are replaced by their rank among all distinct
    time stamps of the database. An operation stamps its rows with the time it ran, which necessarily
    differs between a reference run and a killed run; the ranks still show which rows share a stamp
    and in which order the stamps came, so a mix of two runs would still be seen.
    """
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            tables = {
                name: _table_rows(connection, name) for name in sorted(inspect(connection).get_table_names())
            }
            if connection.dialect.name == "sqlite":
                columns, rows = _table_rows(connection, "sqlite_master", "type, name, tbl_name, sql")
                tables["sqlite_master"] = (columns, tuple((*row[:3], _canonical_sql(row[3])) for row in rows))
    finally:
        engine.dispose()
    return DatabaseState(_times_as_ranks(tables) if ignore_times else tables)


def _canonical_sql(sql: str | None) -> str | None:
    """A table's CREATE statement with its constraints in sorted order: when Alembic's batch mode
    recreates a table, it writes the reflected constraints in an order that varies from run to run."""
    if sql is None or "\n\tCONSTRAINT " not in sql:
        return sql
    head, _, body = sql.partition("(\n")
    lines = [line.removesuffix(", ") for line in body.removesuffix("\n)").split("\n")]
    columns = [line for line in lines if not line.startswith("\tCONSTRAINT ")]
    constraints = sorted(line for line in lines if line.startswith("\tCONSTRAINT "))
    return f"{head}(\n" + ", \n".join(columns + constraints) + "\n)"


def sqlite_state(path: Path, *, ignore_times: bool = False) -> DatabaseState:
    """``database_state`` of a SQLite file."""
    return database_state(f"sqlite:///{path}", ignore_times=ignore_times)


def _table_rows(connection: Connection, name: str, columns: str = "*") -> tuple[tuple[str, ...], Rows]:
    """The rows of a table, ordered by its primary key (by every column when it has none)."""
    quote = connection.dialect.identifier_preparer.quote
    key = (
        [] if name == "sqlite_master" else inspect(connection).get_pk_constraint(name)["constrained_columns"]
    )
    order = (
        ", ".join(map(quote, key)) if key else ", ".join(str(i + 1) for i in range(_width(connection, name)))
    )
    result = connection.exec_driver_sql(f"SELECT {columns} FROM {quote(name)} ORDER BY {order}")
    return tuple(result.keys()), tuple(map(tuple, result))


def _width(connection: Connection, name: str) -> int:
    if name == "sqlite_master":
        return 4
    return len(inspect(connection).get_columns(name))


def _times_as_ranks(
    tables: Mapping[str, tuple[tuple[str, ...], Rows]],
) -> dict[str, tuple[tuple[str, ...], Rows]]:
    positions = {
        name: [i for i, column in enumerate(columns) if (name, column) in TIME_COLUMNS]
        for name, (columns, _) in tables.items()
    }
    stamps = {
        row[i]
        for name, (_, rows) in tables.items()
        for row in rows
        for i in positions[name]
        if row[i] is not None
    }
    rank = {stamp: f"Zeitpunkt {n}" for n, stamp in enumerate(sorted(stamps))}

    def ranked(row: tuple[Any, ...], where: list[int]) -> tuple[Any, ...]:
        values = list(row)
        for i in where:
            values[i] = rank.get(values[i], values[i])
        return tuple(values)

    return {
        name: (columns, tuple(ranked(row, positions[name]) for row in rows) if positions[name] else rows)
        for name, (columns, rows) in tables.items()
    }


def state_name(state: DatabaseState, candidates: Mapping[str, DatabaseState]) -> str:
    """Which of the named states ``state`` equals; fails with the differences to each when none."""
    for name, candidate in candidates.items():
        if state == candidate:
            return name
    report = [
        f"verglichen mit „{name}“: " + "; ".join(state.differences(c)) for name, c in candidates.items()
    ]
    raise AssertionError("Die Datenbank ist ein Mischzustand.\n" + "\n".join(report))


def sound_problems(path: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check`` report (``[]``: sound)."""
    connection = sqlite3.connect(path)
    try:
        integrity = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        references = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    problems = [] if integrity == ["ok"] else integrity
    return problems + [f"Verweis ins Leere: {row}" for row in references]


def assert_sound(path: Path) -> None:
    """The SQLite file passes ``integrity_check`` and ``foreign_key_check``."""
    problems = sound_problems(path)
    assert not problems, f"{path.name} ist nicht in Ordnung: {problems[:5]}"


def wal_size(path: Path) -> int:
    """Bytes in the ``-wal`` file of ``path`` (0 without one)."""
    wal = side_files(path)[0]
    return wal.stat().st_size if wal.exists() else 0


def copy_database(source: Path, target: Path) -> Path:
    """Put a copy of a closed SQLite file at ``target``, without stale ``-wal``/``-shm`` files."""
    assert wal_size(source) == 0, f"{source} hat noch ein -wal"
    for side in side_files(target):
        side.unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def sqlite_url(path: Path) -> str:
    """The URL of a SQLite file."""
    return f"sqlite:///{path}"


# --- a second schema revision for migration tests ------------------------------------------------------

REVISION_TEMPLATE = '''"""A later schema revision that exists only in the fault tests."""

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}


def downgrade() -> None:
    pass
'''

TRANSFORMING_STEP = """    with op.batch_alter_table("massnahme", recreate="always") as batch:
        batch.add_column(sa.Column("notiz", sa.Text(), nullable=True))
    op.execute("UPDATE massnahme SET notiz = 'Titel vor der Umstellung: ' || titel")
    op.execute("UPDATE meilenstein SET bezeichnung = bezeichnung || ' (umgestellt)'")"""
"""Rebuilds the measures table (copy, drop, rename) and rewrites data in two tables."""


def migrations_with_steps(folder: Path, *bodies: str) -> Path:
    """A copy of the shipped migrations plus one revision per ``body`` (``0002``, ``0003``, …) on top."""
    shutil.copytree(SCRIPT_LOCATION, folder, ignore=shutil.ignore_patterns("__pycache__"))
    down = head_revision()
    for number, body in enumerate(bodies, start=int(down) + 1):
        revision = f"{number:04d}"
        text = REVISION_TEMPLATE.format(revision=revision, down=down, body=body)
        (folder / "versions" / f"{revision}_test.py").write_text(text)
        down = revision
    return folder


# --- workbooks -----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def big_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A city-format workbook with ``BIG_MEASURES`` measures, 5 milestones and 4 budget years each."""
    return generate(tmp_path_factory.mktemp("mappen") / "gross.xlsx", BIG_MEASURES, seed=1)


@pytest.fixture(scope="session")
def small_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first ``SMALL_MEASURES`` of the same numbers with other values (so the big one changes them)."""
    return generate(tmp_path_factory.mktemp("mappen") / "klein.xlsx", SMALL_MEASURES, seed=2)


@dataclass(frozen=True)
class ImportedStates:
    """The states around one import of the big workbook, made by the command line."""

    before: Path
    """The small workbook imported into an empty file."""
    after: Path
    """``before`` with the big workbook imported in one uninterrupted run."""
    reference: Reference
    """That run, watched by the size of the database's ``-wal``."""


@pytest.fixture(scope="session")
def imported(
    tmp_path_factory: pytest.TempPathFactory, big_workbook: Path, small_workbook: Path
) -> ImportedStates:
    """The states before and after the big import (closed SQLite files: copy them, do not change them)."""
    base = tmp_path_factory.mktemp("import")
    env = child_env(base / "kind")
    before = base / "vorher.sqlite"
    run_to_end(gera("import", small_workbook, "--db", before), env)
    after = copy_database(before, base / "nachher.sqlite")
    reference = watch(gera("import", big_workbook, "--db", after), env, file_size(side_files(after)[0]))
    return ImportedStates(before, after, reference)
