"""Opening a database: the engine with its SQLite pragmas, and short transactional sessions."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from gera_desktop.domain.errors import DatabaseBusyError, DatabaseError, ReadOnlyError, WriteFailedError
from gera_desktop.domain.masking import mask_passwords, masked_url
from gera_desktop.persistence.storage_errors import write_failure, write_protection

SQLITE_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA busy_timeout=5000",
)


def parsed_url(url: str) -> URL:
    """``url`` parsed; one that is not a database URL raises ``DatabaseError`` (password masked)."""
    try:
        return make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseError(
            f"„{mask_passwords(url)}“ ist keine gültige Datenbankangabe. "
            "Erwartet wird eine SQLite-Datei oder eine Adresse wie postgresql+psycopg://benutzer@server/datenbank."
        ) from exc


def is_sqlite_url(url: str) -> bool:
    """True for ``sqlite://`` URLs."""
    return parsed_url(url).get_backend_name() == "sqlite"


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL (``None`` for in-memory databases and other backends)."""
    parsed = parsed_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


BUSY_MESSAGE = (
    "Die Datenbank ist belegt: ein anderes Programm oder eine andere Sitzung schreibt gerade. "
    "Es wurde nichts gespeichert; bitte später erneut versuchen."
)
READ_ONLY_MESSAGE = "Die Datenbank ist nur zum Lesen geöffnet; Änderungen sind nicht möglich."
DAMAGED_MESSAGE = (
    "Die Datenbank ist beschädigt. Es wurde nichts verändert. Bitte prüfen Sie sie mit "
    "„gera-desktop check“ und spielen Sie eine Sicherung ein (Datei ▸ Sicherungen)."
)


def make_engine(url: str, *, read_only: bool = False, immutable: bool = False) -> Engine:
    """An engine; for SQLite with WAL, full sync, foreign keys, a busy timeout and real transactions.

    ``read_only`` opens a SQLite file with ``mode=ro``; ``immutable`` in addition promises SQLite that
    nobody changes the file, so that no lock, ``-wal`` or ``-shm`` file is touched (for damaged files).
    """
    if not is_sqlite_url(url):
        return create_engine(url, pool_pre_ping=True)
    connect_args: dict[str, Any] = {"timeout": 5}
    path = sqlite_file(url)
    if read_only and path is not None:
        flags = "mode=ro&immutable=1" if immutable else "mode=ro"
        url = f"sqlite:///file:{path.as_posix()}?{flags}&uri=true"
        connect_args["uri"] = True
    engine = create_engine(url, connect_args=connect_args)
    _install_sqlite_hooks(engine, read_only=read_only)
    return engine


def _install_sqlite_hooks(engine: Engine, *, read_only: bool) -> None:
    """SQLAlchemy's pysqlite recipe: our own BEGIN, so that DDL and reads run in real transactions."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            if read_only and "journal_mode" in pragma:
                continue
            cursor.execute(pragma)
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


@dataclass
class Database:
    """An open database: its URL, engine and session factory, and whether it may be written.

    ``damaged`` marks a SQLite file that failed an integrity check (it is then read-only too). While a
    check runs in the background (``hold_writes`` … ``release_writes``), ``write_session`` waits for it.
    """

    url: str
    engine: Engine
    read_only: bool = False
    read_only_reason: str | None = None
    damaged: bool = False
    sessions: sessionmaker[Session] = field(init=False)
    _writes_allowed: threading.Event = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writes_allowed = threading.Event()
        self._writes_allowed.set()

    @property
    def is_sqlite(self) -> bool:
        """True when this is a SQLite file (backup and restore are ours)."""
        return self.engine.dialect.name == "sqlite"

    @property
    def file(self) -> Path | None:
        """The SQLite file, if any."""
        return sqlite_file(self.url)

    @property
    def display_name(self) -> str:
        """What the window title and the status bar show: the file name or the URL without password."""
        if self.file is not None:
            return self.file.name
        return masked_url(self.url)

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A short session for reading; rolled back at the end. Damaged pages raise ``DatabaseError``."""
        with self.sessions() as session, _damage_as_error(self.read_only_reason):
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A short session for one user action: committed at the end, rolled back on any error.

        On SQLite the write lock is taken at the start (BEGIN IMMEDIATE), so that two writers queue up
        behind the busy timeout instead of failing on a lock upgrade; a lock held longer than that
        raises ``DatabaseBusyError``. A read-only database raises ``ReadOnlyError``, as does a file that
        turns out write-protected only now; a full or failing disk raises ``WriteFailedError``.
        While writes are held (``hold_writes``) it first waits until they are released.
        """
        self._writes_allowed.wait()
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason or READ_ONLY_MESSAGE)
        with self.sessions() as session, _busy_as_error(), _damage_as_error(None), _refused_write_as_error():
            if self.is_sqlite:
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def hold_writes(self) -> None:
        """Let every ``write_session`` wait from now on until ``release_writes``."""
        self._writes_allowed.clear()

    def release_writes(self) -> None:
        """Let writes go again (those waiting, too); they are refused if the database became read-only."""
        self._writes_allowed.set()

    def mark_damaged(self, reason: str) -> None:
        """From now on read-only because damaged; ``reason`` says what is wrong and how to restore."""
        self.read_only_reason = reason
        self.damaged = True
        self.read_only = True

    def dispose(self) -> None:
        """Close every pooled connection (before a restore, and at exit)."""
        self.engine.dispose()


@contextmanager
def _busy_as_error() -> Iterator[None]:
    """Turn SQLite's "database is locked" into the German ``DatabaseBusyError``."""
    try:
        yield
    except OperationalError as exc:
        if not is_busy_error(exc):
            raise
        raise DatabaseBusyError(BUSY_MESSAGE) from exc


@contextmanager
def _refused_write_as_error() -> Iterator[None]:
    """A write-protected file or a full disk found only while writing: our German errors."""
    try:
        yield
    except DBAPIError as exc:
        protected = write_protection(exc)
        if protected is not None:
            raise ReadOnlyError(f"Es wurde nichts gespeichert: {protected}.") from exc
        failure = write_failure(exc)
        if failure is None:
            raise
        raise WriteFailedError(failure) from exc


@contextmanager
def _damage_as_error(reason: str | None) -> Iterator[None]:
    """Turn SQLite's "database disk image is malformed" into the German ``DatabaseError``."""
    try:
        yield
    except DBAPIError as exc:
        if not is_damage_error(exc):
            raise
        raise DatabaseError(f"Diese Daten können nicht gelesen werden. {reason or DAMAGED_MESSAGE}") from exc


def is_damage_error(exc: BaseException) -> bool:
    """True when SQLite found the file damaged (or not a database at all)."""
    code = getattr(getattr(exc, "orig", exc), "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def is_busy_error(exc: BaseException) -> bool:
    """True when SQLite gave up waiting for another connection's lock."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return isinstance(orig, sqlite3.OperationalError) and "locked" in str(orig)
