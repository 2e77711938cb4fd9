"""Is a database sound? ``quick_check`` of a file before opening it, the full ``integrity_check`` of an
open file (in the background, ``full_check``), and the full report of ``check``."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import ColumnElement, Connection, func, select
from sqlalchemy.exc import SQLAlchemyError

from gera_desktop.domain.errors import DatabaseError
from gera_desktop.domain.formatting import format_number
from gera_desktop.domain.models import Aenderung, Base, Beteiligung, Finanzjahr, Massnahme, Meilenstein
from gera_desktop.persistence.database import Database, is_damage_error
from gera_desktop.persistence.migrate import head_revision, stored_revisions
from gera_desktop.persistence.sqlite_files import readonly_uri

DAMAGE_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
SHOWN_PROBLEMS = 10
STEPS_BETWEEN_LOOKS = 1_000
"""SQLite virtual-machine steps between two looks at whether a check was stopped (some microseconds)."""


def quick_check_file(path: Path) -> list[str]:
    """``PRAGMA quick_check`` on a SQLite file without changing it: the problems found, ``[]`` if sound."""
    try:
        connection = sqlite3.connect(readonly_uri(path), uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise DatabaseError(f"Die Datenbankdatei {path} kann nicht geöffnet werden ({exc}).") from exc
    try:
        return _problems(connection.execute("PRAGMA quick_check").fetchall())
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) not in DAMAGE_CODES:
            raise DatabaseError(f"Die Datenbankdatei {path} kann nicht gelesen werden ({exc}).") from exc
        return [str(exc)]
    finally:
        connection.close()


def full_check_file(path: Path, stopped: Callable[[], bool] | None = None) -> list[str]:
    """``PRAGMA integrity_check`` of a file in use, on a connection of its own: the problems, ``[]`` if sound.

    Opened ``mode=ro`` (never ``immutable``: the program may write it meanwhile), so in WAL mode it
    reads one consistent state without blocking writers. Once ``stopped()`` is true the check ends
    early with ``[]`` (nothing found so far); an error other than damage raises ``DatabaseError``.
    """
    uri = f"file:{quote(path.resolve().as_posix(), safe='/:')}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise DatabaseError(f"Die Datenbankdatei {path} kann nicht geöffnet werden ({exc}).") from exc
    if stopped is not None:
        connection.set_progress_handler(lambda: int(stopped()), STEPS_BETWEEN_LOOKS)
    try:
        return _problems(connection.execute("PRAGMA integrity_check").fetchall())
    except sqlite3.DatabaseError as exc:
        if stopped is not None and stopped():
            return []
        if not is_damage_error(exc):
            raise DatabaseError(f"Die Datenbankdatei {path} kann nicht geprüft werden ({exc}).") from exc
        return [str(exc)]
    finally:
        connection.close()


def integrity_problems(connection: sqlite3.Connection) -> list[str]:
    """``PRAGMA integrity_check`` on an open DBAPI connection: the problems, ``[]`` if sound."""
    try:
        return _problems(connection.execute("PRAGMA integrity_check").fetchall())
    except sqlite3.DatabaseError as exc:
        return [str(exc)]


def _problems(rows: list[tuple[str]]) -> list[str]:
    lines = [line for row in rows for line in str(row[0]).splitlines() if line.strip()]
    return [] if lines == ["ok"] else lines


@dataclass(frozen=True)
class Counts:
    """How many rows the user's data has."""

    measures: int
    in_trash: int
    milestones: int
    budget_years: int
    participations: int
    audit_rows: int


@dataclass(frozen=True)
class DatabaseReport:
    """The result of ``check_database``; ``lines()`` is the German text the ``check`` command prints.

    ``integrity`` and ``foreign_key_problems`` list what SQLite found (``[]``: sound); ``None`` means
    not checked (PostgreSQL, or the file could not be read at all: then ``error`` says why).
    """

    location: str
    backend: str
    head: str
    revision: str | None = None
    integrity: list[str] | None = None
    foreign_key_problems: list[str] | None = None
    counts: Counts | None = None
    error: str | None = None

    @property
    def is_head(self) -> bool:
        """True when the schema is the one this program expects."""
        return self.revision == self.head

    @property
    def ok(self) -> bool:
        """True when the database is readable, intact, consistent and up to date."""
        return self.error is None and not self.integrity and not self.foreign_key_problems and self.is_head

    def lines(self) -> list[str]:
        """A German summary for the user."""
        state = "in Ordnung" if self.ok else "NICHT in Ordnung"
        lines = [f"Datenbank: {self.location} ({self.backend})", f"Zustand: {state}"]
        lines += self._check_lines()
        expected = "aktuell" if self.is_head else f"erwartet: {self.head}"
        lines.append(f"Schema-Stand: {self.revision or 'keiner'} ({expected})")
        lines += _count_lines(self.counts) if self.counts else []
        lines += [f"Fehler beim Lesen: {self.error}"] if self.error else []
        return lines

    def _check_lines(self) -> list[str]:
        if self.backend != "SQLite":
            return ["Integritätsprüfung: Sache des Datenbankservers"]
        return [
            _problem_line("Integritätsprüfung", self.integrity),
            _problem_line("Verweise (Fremdschlüssel)", self.foreign_key_problems),
        ]


def _problem_line(label: str, problems: list[str] | None) -> str:
    if problems is None:
        return f"{label}: nicht möglich"
    if not problems:
        return f"{label}: in Ordnung"
    shown = "\n  ".join(problems[:SHOWN_PROBLEMS])
    more = f"\n  … und {len(problems) - SHOWN_PROBLEMS} weitere" if len(problems) > SHOWN_PROBLEMS else ""
    return f"{label}: {len(problems)} Problem(e)\n  {shown}{more}"


def _count_lines(counts: Counts) -> list[str]:
    def number(value: int) -> str:
        return format_number(Decimal(value), 0)

    return [
        f"Maßnahmen: {number(counts.measures)} (im Papierkorb: {number(counts.in_trash)})",
        f"Meilensteine: {number(counts.milestones)}",
        f"Finanzjahre: {number(counts.budget_years)}",
        f"Beteiligungen: {number(counts.participations)}",
        f"Einträge im Änderungsprotokoll: {number(counts.audit_rows)}",
    ]


def check_database(db: Database) -> DatabaseReport:
    """Integrity, foreign keys, schema revision and counts; never raises for a damaged database.

    Each finding is kept as soon as it is known, so a database that fails half-way still shows what
    was found before.
    """
    report = DatabaseReport(db.display_name, "SQLite" if db.is_sqlite else "PostgreSQL", head_revision())
    try:
        with db.engine.connect() as connection:
            if db.is_sqlite:
                dbapi = connection.connection.driver_connection
                assert isinstance(dbapi, sqlite3.Connection)
                report = replace(report, integrity=integrity_problems(dbapi))
                report = replace(report, foreign_key_problems=_foreign_key_problems(dbapi))
            report = replace(report, revision=_revision(connection))
            report = replace(report, counts=_counts(connection))
    except (SQLAlchemyError, sqlite3.Error) as exc:
        report = replace(report, error=_short(exc))
    return report


def _short(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]


def _revision(connection: Connection) -> str | None:
    return ", ".join(stored_revisions(connection)) or None


def _foreign_key_problems(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute("PRAGMA foreign_key_check").fetchall()
    return [
        f"Tabelle {table}, Zeile {rowid}: verweist auf eine fehlende Zeile in {parent}"
        for table, rowid, parent, _ in rows
    ]


def _count(connection: Connection, model: type[Base], *conditions: ColumnElement[bool]) -> int:
    return int(connection.execute(select(func.count()).select_from(model).where(*conditions)).scalar_one())


def _counts(connection: Connection) -> Counts:
    return Counts(
        measures=_count(connection, Massnahme, Massnahme.geloescht_am.is_(None)),
        in_trash=_count(connection, Massnahme, Massnahme.geloescht_am.is_not(None)),
        milestones=_count(connection, Meilenstein),
        budget_years=_count(connection, Finanzjahr),
        participations=_count(connection, Beteiligung),
        audit_rows=_count(connection, Aenderung),
    )
