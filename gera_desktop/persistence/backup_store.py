"""The backup folder: readable file names, listing, keeping the last automatic backups.

Names carry everything, so the folder stays understandable in the file manager and needs no index:
``gera-desktop_2026-11-26_14-03-22_manuell.sqlite`` (made by the user) and
``gera-desktop_2026-11-26_14-03-22_auto_vor-Import.sqlite`` (made by the program; the last
``AUTO_KEEP`` per database are kept). The database file's stem comes first, so that backups of
different databases in one folder do not mix.
"""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gera_desktop.domain.errors import DatabaseError
from gera_desktop.persistence.backup import backup_sqlite
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.integrity import quick_check_file

AUTO_KEEP = 20
SUFFIX = ".sqlite"
STAMP = "%Y-%m-%d_%H-%M-%S"
_NAME = re.compile(
    r"^(?P<stem>.+)_(?P<stamp>\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d)(?P<auto>_auto)?_(?P<reason>[^_]+?)"
    r"(?: \((?P<n>\d+)\))?\.sqlite$"
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the user sees it in the list."""

    path: Path
    created: datetime
    size: int
    reason: str
    automatic: bool
    sequence: int = 1

    @property
    def label(self) -> str:
        """German one-liner: ``26.11.2026 14:03:22 – vor-Import (automatisch)``."""
        kind = "automatisch" if self.automatic else "manuell"
        return f"{self.created:%d.%m.%Y %H:%M:%S} – {self.reason} ({kind})"


def reason_slug(reason: str) -> str:
    """A reason as it can stand in a file name: words joined by ``-``, no path characters."""
    words = re.findall(r"[^\W_]+", reason)
    return "-".join(words)[:60] or "Sicherung"


def new_backup_path(folder: Path, db_file: Path, reason: str, *, automatic: bool) -> Path:
    """A new name in ``folder``, stamped with the current time.

    Backups within the same second are numbered `` (2)``, `` (3)`` in the order they were made.
    """
    stamp = f"{datetime.now():{STAMP}}"
    base = f"{db_file.stem}_{stamp}{'_auto' if automatic else ''}_{reason_slug(reason)}"
    same_second = [
        describe(path).sequence
        for path in folder.glob(f"{glob.escape(db_file.stem)}_{stamp}_*{SUFFIX}")
        if _NAME.match(path.name)
    ]
    if not same_second:
        return folder / f"{base}{SUFFIX}"
    return folder / f"{base} ({max(same_second) + 1}){SUFFIX}"


def describe(path: Path, reason: str = "", *, automatic: bool = False) -> BackupInfo:
    """The ``BackupInfo`` of a file: from its name when it follows our scheme, else from the file."""
    match = _NAME.match(path.name)
    size = path.stat().st_size
    if match is None:
        created = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
        return BackupInfo(path, created, size, reason or path.stem, automatic)
    created = datetime.strptime(match["stamp"], STAMP)
    return BackupInfo(path, created, size, match["reason"], bool(match["auto"]), int(match["n"] or 1))


def list_backups(folder: Path, db_file: Path) -> list[BackupInfo]:
    """The backups of ``db_file`` in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [
        describe(path)
        for path in folder.glob(f"*{SUFFIX}")
        if (match := _NAME.match(path.name)) is not None and match["stem"] == db_file.stem
    ]
    return sorted(found, key=lambda info: (info.created, info.sequence), reverse=True)


def prune_automatic(folder: Path, db_file: Path, keep: int = AUTO_KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups of ``db_file``; manual ones stay."""
    automatic = [info for info in list_backups(folder, db_file) if info.automatic]
    deleted = [info.path for info in automatic[keep:]]
    for path in deleted:
        path.unlink(missing_ok=True)
    return deleted


def take_backup(db: Database, folder: Path, reason: str, *, automatic: bool) -> BackupInfo:
    """Back the database up into ``folder`` under a new name; automatic backups are then pruned."""
    if db.file is None:
        raise DatabaseError("Nur eine SQLite-Datenbankdatei kann vom Programm gesichert werden.")
    path = backup_sqlite(db, new_backup_path(folder, db.file, reason, automatic=automatic))
    if automatic:
        prune_automatic(folder, db.file)
    return describe(path)


def newest_good_backup(folder: Path, db_file: Path) -> BackupInfo | None:
    """The newest backup of ``db_file`` that passes ``quick_check`` (offered after damage)."""
    for info in list_backups(folder, db_file):
        try:
            if not quick_check_file(info.path):
                return info
        except DatabaseError:
            continue
    return None
