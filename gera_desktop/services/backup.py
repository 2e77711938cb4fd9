"""Backups for the user: make one, list them, restore one (SQLite files only).

Automatic backups (before an import, a migration, a restore) keep the last 20 per database; manual
ones are never deleted. A shared PostgreSQL database is backed up by IT with the server's own tools,
so every method says so and does nothing.
"""

from __future__ import annotations

import builtins
from pathlib import Path

from gera_desktop import config
from gera_desktop.domain.errors import DatabaseError, GeraError, ReadOnlyError
from gera_desktop.domain.oplog import logged_operation
from gera_desktop.domain.progress import Cancelled, Checkpoints, Progress
from gera_desktop.persistence.backup import (
    DamagedDatabaseError,
    backup_sqlite,
    preserve_damaged,
    restore_sqlite,
    verify_backup_file,
)
from gera_desktop.persistence.backup_store import (
    BackupInfo,
    describe,
    list_backups,
    new_backup_path,
    newest_good_backup,
    take_backup,
)
from gera_desktop.persistence.database import READ_ONLY_MESSAGE, Database
from gera_desktop.persistence.integrity import quick_check_file
from gera_desktop.persistence.location import network_message, on_network_drive

SERVER_TOOLS_MESSAGE = (
    "Diese Datenbank liegt auf einem PostgreSQL-Server. Sicherungen einer gemeinsamen PostgreSQL-Datenbank "
    "erstellt und spielt die IT mit den Werkzeugen des Servers ein (pg_dump / pg_restore). "
    "gera-desktop hat nichts gesichert und nichts verändert."
)
CANCELLED_MESSAGE = "Die Sicherung wurde abgebrochen. Es wurde keine Sicherung angelegt."

__all__ = [
    "CANCELLED_MESSAGE",
    "SERVER_TOOLS_MESSAGE",
    "BackupInfo",
    "BackupNotAvailableError",
    "BackupService",
]


class BackupNotAvailableError(GeraError):
    """Backups of this database are not the program's business (PostgreSQL)."""

    def __init__(self) -> None:
        super().__init__(SERVER_TOOLS_MESSAGE)


class BackupService:
    """Backups of one open database; ``folder`` defaults to the user's backup folder."""

    def __init__(self, db: Database, folder: Path | None = None) -> None:
        self.db = db
        self._folder = folder

    @property
    def available(self) -> bool:
        """True when the program makes the backups itself (a SQLite file)."""
        return self.db.is_sqlite and self.db.file is not None

    @property
    def folder(self) -> Path:
        """Where automatic backups go and where ``list()`` looks."""
        return self._folder or config.paths().backup_dir

    @logged_operation("Sicherung", result=lambda info: {"MB": info.size / 1e6})
    def create(
        self,
        dest: Path | None = None,
        reason: str = "manuell",
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> BackupInfo:
        """A manual backup: into ``dest`` (a file, or a folder for a generated name) or the backup folder.

        ``progress(done, total)`` hears how far it is; once ``cancelled()`` is true the backup stops with
        ``WorkCancelled`` and no backup file is left."""
        live = self._live_file()
        checkpoints = Checkpoints(progress, cancelled, message=CANCELLED_MESSAGE)
        if dest is None or dest.is_dir():
            target = new_backup_path(dest or self.folder, live, reason, automatic=False)
            return describe(backup_sqlite(self.db, target, checkpoints))
        return describe(backup_sqlite(self.db, dest, checkpoints), reason)

    @logged_operation("Automatische Sicherung", result=lambda info: {"MB": info.size / 1e6})
    def auto_backup(self, reason: str) -> BackupInfo:
        """An automatic backup into the backup folder; only the newest 20 automatic ones are kept."""
        self._live_file()
        return take_backup(self.db, self.folder, reason, automatic=True)

    def list(self) -> builtins.list[BackupInfo]:
        """The backups of this database in the backup folder, newest first."""
        return list_backups(self.folder, self._live_file())

    def newest_good(self) -> BackupInfo | None:
        """The newest backup that passes ``quick_check`` (offered when the database is damaged)."""
        return newest_good_backup(self.folder, self._live_file())

    @logged_operation("Wiederherstellung", result=lambda safety: {"MB zuvor gesichert": safety.size / 1e6})
    def restore(self, path: Path) -> BackupInfo:
        """Replace the database by the backup ``path``; returns the backup of the state before.

        The backup is checked first (a damaged one is refused and nothing changes), then the current
        state is backed up, then the backup is copied into the live database and migrated if older.
        A damaged database is kept as a plain copy instead (the backup API would refuse it); a database
        opened read-only because it was damaged must be opened again (``open_database``) afterwards.
        A database on a network drive, or read-only for another reason than damage (a write-protected
        file), is never written (``ReadOnlyError``).
        """
        live = self._live_file()
        if on_network_drive(live):
            raise ReadOnlyError(network_message(live))
        if self.db.read_only and not self.db.damaged:
            raise ReadOnlyError(self.db.read_only_reason or READ_ONLY_MESSAGE)
        verify_backup_file(path)
        safety = self._safety_backup(live)
        restore_sqlite(self.db, path)
        return safety

    def _safety_backup(self, live: Path) -> BackupInfo:
        """The state before: a backup, or a plain copy of a damaged database (found now or earlier)."""
        if not self.db.damaged and not quick_check_file(live):
            try:
                return take_backup(self.db, self.folder, "vor-Wiederherstellung", automatic=True)
            except DamagedDatabaseError:
                pass  # damage that only the full check sees (an index): keep the bytes instead
        target = new_backup_path(self.folder, live, "beschaedigt-vor-Wiederherstellung", automatic=False)
        return describe(preserve_damaged(live, target))

    def _live_file(self) -> Path:
        if not self.db.is_sqlite:
            raise BackupNotAvailableError()
        if self.db.file is None:
            raise DatabaseError("Eine Datenbank im Arbeitsspeicher kann nicht gesichert werden.")
        return self.db.file
