"""SQLite backups with SQLite's backup API (never a file copy of a live database), and restoring them.

A backup is written under a temporary name, checked with ``PRAGMA integrity_check`` and only then moved
into place; whatever fails, no temporary file (nor its ``-journal``, ``-wal``, ``-shm``) is left. A damaged
database is not backed up (the copy would be as damaged): the message says so and blames the database.
A restore checks the backup first and copies it *into* the live database with the backup API, so other
open connections simply see the restored content.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from uuid import uuid4

from gera_desktop.domain.errors import DatabaseBusyError, DatabaseError
from gera_desktop.domain.progress import Checkpoints
from gera_desktop.persistence.database import BUSY_MESSAGE, Database, make_engine
from gera_desktop.persistence.integrity import integrity_problems
from gera_desktop.persistence.migrate import head_revision, is_known_revision, upgrade_to_head
from gera_desktop.persistence.revisions import VERSION_TABLE
from gera_desktop.persistence.sqlite_files import readonly_uri, side_files, wal_file
from gera_desktop.persistence.storage_errors import DISK_ERROR, DISK_FULL, disk_short_of, storage_reason

TEMP_SIDE_SUFFIXES = ("-journal", "-wal", "-shm")
"""What SQLite may create next to the temporary copy (rollback journal; WAL until it is switched off)."""
PAGES_PER_STEP = 256
"""Pages copied between two progress reports (1 MB at the default page size); SQLite restarts the copy
by itself when another connection writes in between, so the backup is still one consistent state."""


def backup_sqlite(db: Database, dest: Path, checkpoints: Checkpoints | None = None) -> Path:
    """Copy the live database into ``dest`` (replaced atomically) and verify the copy; returns ``dest``.

    ``checkpoints`` hear of the pages copied (the second half is the check of the copy); when the user
    stops, ``WorkCancelled`` is raised and ``dest`` is left as it was."""
    live = _live_file(db)
    if _same_file(dest, live):
        raise DatabaseError("Eine Sicherung kann nicht über die Datenbank selbst geschrieben werden.")
    if db.damaged:
        raise DamagedDatabaseError(live)
    checkpoints = checkpoints or Checkpoints()
    temp = dest.with_name(f".{dest.name}.{uuid4().hex[:8]}.tmp")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        temp.open("xb").close()  # the operating system's own reason if the folder cannot be written
        _copy_live_database(db, temp, checkpoints)
        _verify_copy(temp, live)
        checkpoints.finish()
        _move_into_place(temp, dest)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(
            f"Die Sicherung {dest} konnte nicht geschrieben werden ({_write_reason(exc, dest, live)}). "
            "Die Datenbank ist unverändert."
        ) from exc
    finally:
        _remove_temp(temp)
    return dest


class DamagedDatabaseError(DatabaseError):
    """The database to back up is damaged; no backup was made (it would be damaged too)."""

    def __init__(self, live: Path, problem: str | None = None) -> None:
        found = f" ({problem})" if problem else ""
        super().__init__(
            f"Die Datenbank „{live.name}“ ist beschädigt{found}. Eine Sicherung davon wäre ebenso beschädigt "
            "und wurde nicht angelegt. Bitte spielen Sie eine frühere, intakte Sicherung ein (Datei ▸ "
            "Sicherungen oder „gera-desktop restore“); „gera-desktop check“ zeigt, was beschädigt ist."
        )


def _write_reason(exc: OSError | sqlite3.Error, dest: Path, live: Path) -> str:
    """``storage_reason``; SQLite's I/O error on a disk without room for the copy is the full disk."""
    reason = storage_reason(exc)
    if reason == DISK_ERROR and disk_short_of(dest.parent, live.stat().st_size):
        return DISK_FULL
    return reason


def _remove_temp(temp: Path) -> None:
    """Remove the temporary copy and whatever SQLite made next to it."""
    for path in (temp, *(temp.with_name(temp.name + suffix) for suffix in TEMP_SIDE_SUFFIXES)):
        path.unlink(missing_ok=True)


def _live_file(db: Database) -> Path:
    if not db.is_sqlite or db.file is None:
        raise DatabaseError("Nur eine SQLite-Datenbankdatei kann vom Programm gesichert werden.")
    return db.file


def _same_file(a: Path, b: Path) -> bool:
    """True when ``a`` is the database file ``b`` or one of its side files."""
    return a.resolve() in {b.resolve(), *(side.resolve() for side in side_files(b))}


def _copy_live_database(db: Database, temp: Path, checkpoints: Checkpoints) -> None:
    """The backup API in steps: a consistent snapshot, even while others write (WAL)."""
    source = db.engine.raw_connection()
    try:
        target = sqlite3.connect(temp, isolation_level=None)
        try:
            source.driver_connection.backup(  # type: ignore[union-attr]
                target, pages=PAGES_PER_STEP, progress=_reporting(checkpoints)
            )
            target.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            target.close()
    finally:
        source.close()


def _reporting(checkpoints: Checkpoints) -> Callable[[int, int, int], None]:
    """The backup's progress callback: pages copied count as the first half of the work."""

    def step(status: int, remaining: int, total: int) -> None:
        _give_up_when_busy(status, remaining, total)
        if checkpoints.total != 2 * total:
            checkpoints.plan(2 * total)
        checkpoints.advance_to(total - remaining)

    return step


def _give_up_when_busy(status: int, _remaining: int, _total: int) -> None:
    """Python would retry a busy backup step forever; the busy timeout has already waited."""
    if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        raise DatabaseBusyError(BUSY_MESSAGE)


def _verify_copy(path: Path, live: Path) -> None:
    """The copy must be intact; if it is not because the database itself is damaged, that is said."""
    problems = _integrity_of(path)
    if not problems:
        return
    found = _integrity_of(live)
    if found:
        raise DamagedDatabaseError(live, found[0])
    raise DatabaseError(f"Die Sicherung ist fehlerhaft und wurde verworfen ({problems[0]}).")


def _integrity_of(path: Path) -> list[str]:
    connection = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        return integrity_problems(connection)
    finally:
        connection.close()


def _move_into_place(temp: Path, dest: Path) -> None:
    """Make the bytes durable, then rename over ``dest`` (atomic on the same file system)."""
    with temp.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temp, dest)
    if os.name == "posix":
        folder = os.open(dest.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def verify_backup_file(path: Path) -> str:
    """Check a backup before it is restored: intact and of a known schema; returns its revision."""
    if not path.is_file():
        raise DatabaseError(f"Die Sicherung {path} gibt es nicht.")
    connection = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        problems = integrity_problems(connection)
        revision = None if problems else _stored_revision(connection)
    finally:
        connection.close()
    if problems or revision is None:
        found = problems[0] if problems else "keine Datenbank von gera-desktop"
        raise DatabaseError(
            f"Die Sicherung „{path.name}“ ist beschädigt oder keine Sicherung von gera-desktop ({found}). "
            "Sie wurde nicht eingespielt; die Datenbank ist unverändert. Bitte eine andere Sicherung wählen."
        )
    if not is_known_revision(revision):
        raise DatabaseError(
            f"Die Sicherung „{path.name}“ stammt von einer neueren Programmversion (Schema-Stand "
            f"{revision}) und wurde nicht eingespielt. Bitte die neuere Version von gera-desktop verwenden."
        )
    return revision


def _stored_revision(connection: sqlite3.Connection) -> str | None:
    try:
        rows = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    except sqlite3.DatabaseError:
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def restore_sqlite(db: Database, source: Path, *, upgrade: bool = True) -> None:
    """Replace the content of the live database by a verified backup, then (``upgrade``) migrate it.

    The caller takes a backup of the current state first. Pooled connections are closed; other
    programs' connections see the restored content with their next transaction.
    """
    live = _live_file(db)
    if _same_file(source, live):
        raise DatabaseError("Die Datenbank kann nicht aus sich selbst wiederhergestellt werden.")
    revision = verify_backup_file(source)
    db.dispose()
    try:
        _copy_into_live(source, live)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(
            f"Die Sicherung konnte nicht eingespielt werden ({storage_reason(exc)})."
        ) from exc
    finally:
        db.dispose()
    if upgrade and revision != head_revision():
        _upgrade(db.url)


def _copy_into_live(source: Path, live: Path) -> None:
    backup = sqlite3.connect(readonly_uri(source), uri=True)
    try:
        if not _backup_into(backup, live):
            _replace_unreadable(backup, live)
    finally:
        backup.close()


def _backup_into(backup: sqlite3.Connection, live: Path) -> bool:
    """The backup API into the live file; ``False`` when SQLite cannot read the live file at all."""
    target = sqlite3.connect(live, isolation_level=None, timeout=5)
    try:
        backup.backup(target, progress=_give_up_when_busy)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) != sqlite3.SQLITE_NOTADB:
            raise
        return False
    finally:
        target.close()
    return True


def _replace_unreadable(backup: sqlite3.Connection, live: Path) -> None:
    """For a file whose header is destroyed: write a fresh copy next to it and rename it over it."""
    temp = live.with_name(f".{live.name}.{uuid4().hex[:8]}.tmp")
    try:
        target = sqlite3.connect(temp, isolation_level=None)
        try:
            backup.backup(target)
        finally:
            target.close()
        for side_file in side_files(live):
            side_file.unlink(missing_ok=True)
        _move_into_place(temp, live)
    finally:
        _remove_temp(temp)


def _upgrade(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade_to_head(engine)
    finally:
        engine.dispose()


def preserve_damaged(live: Path, dest: Path) -> Path:
    """Keep the bytes of a damaged database (and its ``-wal``) before it is overwritten by a restore.

    A plain file copy on purpose: the backup API and ``integrity_check`` would reject a damaged file.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copyfile(live, dest)
        if wal_file(live).exists():
            shutil.copyfile(wal_file(live), wal_file(dest))
    except OSError as exc:
        raise DatabaseError(f"Die beschädigte Datenbank konnte nicht aufbewahrt werden ({exc}).") from exc
    return dest
