"""A SQLite file that may not be written (a write-protected file, folder or share) is opened read-only.

Whether it may be written is decided by trying, as the operating system decides it (on a Windows share
its access rules, not the file's attribute): the file and any ``-wal``/``-shm`` next to it are opened for
writing, and a file is created and removed again in its folder, where SQLite keeps its ``-wal`` and
``-shm`` files. The probe changes nothing. ``open_read_only`` then opens the file with ``mode=ro`` (and
``immutable`` when there is no ``-wal``), so that nothing is created next to it either.
"""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import suppress
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from gera_desktop.domain.errors import DatabaseError
from gera_desktop.persistence.database import Database, make_engine
from gera_desktop.persistence.migrate import check_schema_matches, read_schema_state
from gera_desktop.persistence.sqlite_files import side_files, wal_file
from gera_desktop.persistence.storage_errors import storage_reason

PROBE_PREFIX = ".gera-desktop-schreibprobe-"
READ_ONLY_MEDIUM = "der Datenträger ist schreibgeschützt"


def write_problem(path: Path) -> str | None:
    """Why the SQLite file ``path`` (existing or new) cannot be written, in German; ``None`` if it can."""
    for existing in (path, *side_files(path)):
        problem = _file_problem(existing)
        if problem is not None:
            return problem
    return _folder_problem(path.parent)


def _file_problem(path: Path) -> str | None:
    try:
        with path.open("r+b"):
            return None
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.EROFS:
            return READ_ONLY_MEDIUM
        if isinstance(exc, PermissionError):
            return f"die Datei „{path.name}“ ist schreibgeschützt"
        return storage_reason(exc)


def _folder_problem(folder: Path) -> str | None:
    try:
        handle, name = tempfile.mkstemp(prefix=PROBE_PREFIX, dir=folder)
    except OSError as exc:
        if exc.errno == errno.EROFS:
            return READ_ONLY_MEDIUM
        if isinstance(exc, PermissionError):
            return f"im Ordner {folder} dürfen keine Dateien angelegt werden"
        return storage_reason(exc)
    os.close(handle)
    with suppress(OSError):
        os.unlink(name)
    return None


def read_only_message(path: Path, problem: str) -> str:
    """German text: the file cannot be written and why, that it is read-only now, and what to do."""
    return (
        f"Die Datenbank „{path.name}“ kann nicht geändert werden: {problem}. Sie wurde nur zum Lesen "
        "geöffnet; Änderungen werden nicht gespeichert.\n"
        f"Wer Änderungen eintragen muss, bittet die IT um Schreibrechte für die Datei und ihren Ordner "
        f"({path.parent}) oder kopiert die Datei in einen eigenen Ordner und öffnet sie dort."
    )


def not_created_message(path: Path, problem: str) -> str:
    """German text: a new database cannot be created there."""
    return (
        f"Die Datenbank „{path.name}“ kann im Ordner {path.parent} nicht angelegt werden: {problem}. "
        "Es wurde nichts angelegt. Bitte einen Ordner wählen, in dem Sie Dateien anlegen dürfen."
    )


def open_write_protected(url: str, path: Path, problem: str) -> Database:
    """Open an intact file that cannot be written read-only; one that would need a migration is refused."""
    outdated = (
        f"Die Datenbank „{path.name}“ hat einen älteren Aufbau und müsste umgestellt werden, kann aber "
        f"nicht geändert werden ({problem}). Bitte die IT um Schreibrechte bitten oder die Datei in einen "
        "eigenen Ordner kopieren und dort öffnen."
    )
    return open_read_only(url, path, read_only_message(path, problem), outdated)


def open_read_only(url: str, path: Path, reason: str, outdated: str) -> Database:
    """Open ``path`` read-only with ``reason``; a file needing a migration raises ``outdated``."""
    engine = make_engine(url, read_only=True, immutable=not wal_file(path).exists())
    try:
        _refuse_outdated(engine, path, outdated)
    except BaseException:
        engine.dispose()
        raise
    return Database(url, engine, read_only=True, read_only_reason=reason)


def _refuse_outdated(engine: Engine, path: Path, outdated: str) -> None:
    """A file that would need a migration cannot be used read-only (migrating means writing)."""
    try:
        with engine.connect() as connection:
            state = read_schema_state(connection)
            if not state.is_head:
                raise DatabaseError(outdated)
            check_schema_matches(connection)
    except OperationalError as exc:
        cause = str(exc.orig or exc).splitlines()[0]
        raise DatabaseError(f"Die Datenbank „{path.name}“ kann nicht gelesen werden ({cause}).") from exc
