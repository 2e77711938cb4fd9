"""Opening the database named by the user: check it, back it up, migrate it – or open it read-only.

A SQLite file goes through ``PRAGMA quick_check`` first. A damaged file is opened read-only and never
written; so is an intact file that cannot be written (``read_only``: a write-protected file or folder).
Before a migration of a file with data a backup is taken; if the migration fails, the file is left as it
was (checked by its bytes, else restored from that backup). PostgreSQL is migrated the same
way, in one transaction, without a backup (that is the server's business).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from gera_desktop import config
from gera_desktop.domain.errors import DatabaseBusyError, DatabaseError
from gera_desktop.domain.masking import mask_passwords, masked_url
from gera_desktop.persistence.backup import restore_sqlite
from gera_desktop.persistence.backup_store import BackupInfo, newest_good_backup, take_backup
from gera_desktop.persistence.database import BUSY_MESSAGE, Database, is_busy_error, make_engine, sqlite_file
from gera_desktop.persistence.integrity import quick_check_file
from gera_desktop.persistence.location import on_network_drive, open_network_file
from gera_desktop.persistence.migrate import (
    SchemaState,
    check_schema_matches,
    read_schema_state,
    upgrade_to_head,
)
from gera_desktop.persistence.read_only import not_created_message, open_write_protected, write_problem
from gera_desktop.persistence.sqlite_files import wal_file
from gera_desktop.persistence.storage_errors import storage_reason


def open_database(url: str) -> Database:
    """Open (and if needed create or migrate) the database behind ``url``.

    Raises ``DatabaseError`` (German message) when the database cannot be reached, has a schema this
    program does not know, or cannot be migrated. A damaged SQLite file comes back with
    ``read_only=True`` and a ``read_only_reason`` that says how to restore a backup; a file on a
    network drive (``location``) or one that cannot be written (``read_only``) is opened read-only too,
    and never created there.
    """
    path = sqlite_file(url)
    if path is None:
        return _open_server(url)
    if on_network_drive(path):
        return open_network_file(url, path)
    _make_folder(path)
    problem = write_problem(path)
    if path.exists() and path.stat().st_size > 0:
        return _open_existing(url, path, problem)
    if problem is not None:
        raise DatabaseError(not_created_message(path, problem))
    _migrate_file(url)
    return Database(url, make_engine(url))


def _make_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(not_created_message(path, storage_reason(exc))) from exc


def _open_existing(url: str, path: Path, write_problem: str | None) -> Database:
    """An existing file: damaged or write-protected ones read-only, others migrated when needed."""
    problems = quick_check_file(path)
    if problems:
        return open_damaged(url, problems)
    if write_problem is not None:
        return open_write_protected(url, path, write_problem)
    _migrate_existing(url, path)
    return Database(url, make_engine(url))


def _open_server(url: str) -> Database:
    engine = make_engine(url)
    try:
        _migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(url, engine)


def _migrate_file(url: str) -> None:
    engine = make_engine(url)
    try:
        _migrate(engine)
    finally:
        engine.dispose()


def _migrate(engine: Engine) -> None:
    """Migrate in one transaction; any failure leaves the database as it was."""
    try:
        upgrade_to_head(engine)
    except DatabaseError:
        raise
    except OperationalError as exc:
        if is_busy_error(exc):
            raise DatabaseBusyError(BUSY_MESSAGE) from exc
        if engine.dialect.name != "sqlite":
            name = masked_url(engine.url.render_as_string(hide_password=False))
            raise DatabaseError(f"Die Datenbank {name} ist nicht erreichbar ({_cause(exc)}).") from exc
        raise DatabaseError(_failed_message(exc, None)) from exc
    except Exception as exc:
        raise DatabaseError(_failed_message(exc, None)) from exc


def _migrate_existing(url: str, path: Path) -> None:
    """Migrate an intact existing file; with data, a backup comes first and failure restores it."""
    state = _read_state(url)
    if state.is_head:
        return
    backup = _backup_before_migration(url) if state.has_tables else None
    digest = _digest(path)
    try:
        _migrate_file(url)
    except DatabaseError as exc:
        if backup is None:
            raise
        _put_back(url, path, digest, backup)
        raise DatabaseError(_failed_message(exc.__cause__ or exc, backup)) from exc


def _backup_before_migration(url: str) -> BackupInfo:
    reader = Database(url, make_engine(url, read_only=True))
    try:
        return take_backup(reader, _backup_folder(), "vor-Migration", automatic=True)
    finally:
        reader.dispose()


def _read_state(url: str) -> SchemaState:
    """The schema revision, read without writing; an intact schema at head is checked for completeness."""
    engine = make_engine(url, read_only=True)
    try:
        with engine.connect() as connection:
            state = read_schema_state(connection)
            if state.is_head:
                check_schema_matches(connection)
            return state
    finally:
        engine.dispose()


def _put_back(url: str, path: Path, digest: str, backup: BackupInfo) -> None:
    """After a failed migration: if the file's bytes changed after all, restore the backup."""
    if not wal_file(path).exists() and _digest(path) == digest:
        return
    writer = Database(url, make_engine(url))
    try:
        restore_sqlite(writer, backup.path, upgrade=False)
    finally:
        writer.dispose()


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _backup_folder() -> Path:
    return config.paths().backup_dir


def _cause(exc: BaseException) -> str:
    return mask_passwords(str(getattr(exc, "orig", None) or exc).strip().splitlines()[0])


def _failed_message(exc: BaseException, backup: BackupInfo | None) -> str:
    kept = f" Vorher wurde die Sicherung {backup.path} angelegt." if backup else ""
    return (
        f"Die Datenbank konnte nicht auf den Stand dieser Programmversion gebracht werden ({_cause(exc)}). "
        f"Sie ist unverändert geblieben.{kept} Bitte die IT verständigen."
    )


def open_damaged(url: str, problems: list[str]) -> Database:
    """Open a damaged SQLite file read-only, without creating ``-wal``/``-shm`` files if possible."""
    path = sqlite_file(url)
    assert path is not None
    engine = make_engine(url, read_only=True, immutable=not wal_file(path).exists())
    database = Database(url, engine)
    database.mark_damaged(damaged_message(path, problems))
    return database


def damaged_message(path: Path, problems: list[str]) -> str:
    """German text: what is wrong, that nothing is changed, and how to restore a backup."""
    folder = _backup_folder()
    db_option = "" if path.resolve() == config.paths().default_database.resolve() else f' --db "{path}"'
    newest = newest_good_backup(folder, path)
    offer = (
        f" Die neueste intakte Sicherung ist „{newest.path.name}“ vom {newest.created:%d.%m.%Y %H:%M} Uhr."
        if newest
        else ""
    )
    return (
        f"Die Datenbank „{path.name}“ ist beschädigt ({problems[0]}). Sie wurde nur zum Lesen geöffnet "
        "und wird nicht verändert.\n"
        "So spielen Sie eine Sicherung ein: im Programm über Datei ▸ Sicherungen, oder in der "
        f"Eingabeaufforderung mit\n    gera-desktop restore SICHERUNG{db_option}\n"
        f"Die Sicherungen liegen im Ordner {folder}.{offer}"
    )
