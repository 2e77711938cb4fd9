"""Is a SQLite file on a network drive? There it is opened read-only, with a pointer to PostgreSQL.

SQLite's locking is unreliable on network file systems (SMB, NFS, …): two people writing one file on a
share can destroy it. So a database file on a Windows share (``\\\\server\\share\\…``, also as
``\\\\?\\UNC\\…``), on a mapped network drive letter, or on Linux on a network file system (read from
``/proc/self/mountinfo``) is never written: ``open_network_file`` opens it read-only and says why.
``is_network_location`` is a pure function; the platform, the mount table and the drive-type query
can be passed in (tests).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from gera_desktop.domain.errors import DatabaseError

if TYPE_CHECKING:  # ``on_network_drive`` needs no SQLAlchemy: the start's first look asks it
    from gera_desktop.persistence.database import Database

DRIVE_UNKNOWN = 0
DRIVE_REMOTE = 4
"""``GetDriveTypeW`` result for a network drive."""

NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "sshfs", "fuse.sshfs", "9p", "afs", "coda",
        "ceph", "fuse.ceph-fuse", "glusterfs", "fuse.glusterfs", "davfs", "fuse.davfs", "fuse.rclone",
        "lustre", "gpfs", "beegfs", "orangefs",
    }
)  # fmt: skip
"""Linux file-system types (third-to-last mountinfo field) that live on another computer."""

MOUNTINFO = Path("/proc/self/mountinfo")
_OCTAL_ESCAPE = re.compile(r"\\([0-7]{3})")
_UNC_PREFIXES = ("\\\\?\\UNC\\", "\\\\.\\UNC\\")
_DEVICE_PREFIXES = ("\\\\?\\", "\\\\.\\")
DriveType = Callable[[str], int]


def is_network_location(
    path: str | os.PathLike[str],
    *,
    platform: str = sys.platform,
    mountinfo: str | None = None,
    drive_type: DriveType | None = None,
) -> bool:
    """True when the absolute ``path`` lies on a network share or network file system.

    Windows: UNC paths (either slash), ``\\\\?\\UNC\\…``, and drive letters whose ``drive_type``
    (default: ``GetDriveTypeW``) is ``DRIVE_REMOTE``. Linux: the file system of the longest mount point
    containing ``path`` in ``mountinfo`` (default: ``/proc/self/mountinfo``). Elsewhere: ``False``.
    """
    text = os.fspath(path)
    if platform == "win32":
        return _windows_is_network(text, drive_type or windows_drive_type)
    if platform.startswith("linux"):
        table = read_mountinfo() if mountinfo is None else mountinfo
        return filesystem_of(text, table) in NETWORK_FILESYSTEMS
    return False


# --- Windows ------------------------------------------------------------------------------------------


def _windows_is_network(text: str, drive_type: DriveType) -> bool:
    path = text.replace("/", "\\")
    if path.upper().startswith(_UNC_PREFIXES):
        return True
    if path.startswith(_DEVICE_PREFIXES):
        path = path[len("\\\\?\\") :]
    elif path.startswith("\\\\"):
        return True
    if len(path) >= 2 and path[1] == ":" and path[0].isalpha():
        return drive_type(f"{path[0].upper()}:\\") == DRIVE_REMOTE
    return False


def windows_drive_type(root: str) -> int:
    """``GetDriveTypeW`` of a drive root such as ``Z:\\`` (``DRIVE_UNKNOWN`` off Windows)."""
    if sys.platform == "win32":
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root))
    return DRIVE_UNKNOWN


# --- Linux --------------------------------------------------------------------------------------------


def read_mountinfo() -> str:
    """The mount table of this process (empty when there is none, e.g. outside Linux)."""
    try:
        return MOUNTINFO.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return ""


def filesystem_of(path: str, mountinfo: str) -> str | None:
    """The file-system type of the longest mount point containing ``path`` (later mounts win ties)."""
    target = PurePosixPath(path)
    best: tuple[int, str] | None = None
    for mount_point, fstype in _mounts(mountinfo):
        if target == mount_point or mount_point in target.parents:
            depth = len(mount_point.parts)
            if best is None or depth >= best[0]:
                best = (depth, fstype)
    return best[1] if best else None


def _mounts(mountinfo: str) -> list[tuple[PurePosixPath, str]]:
    """(mount point, fs type) per line: ``id parent dev root MOUNTPOINT opts [tags…] - FSTYPE src opts``."""
    mounts = []
    for line in mountinfo.splitlines():
        before, separator, after = line.partition(" - ")
        fields, rest = before.split(), after.split()
        if separator and len(fields) >= 5 and rest:
            mounts.append((PurePosixPath(_unescape(fields[4])), rest[0]))
    return mounts


def _unescape(field: str) -> str:
    """The kernel writes space, tab, newline and backslash in mount points as ``\\040`` etc."""
    return _OCTAL_ESCAPE.sub(lambda match: chr(int(match.group(1), 8)), field)


# --- opening ------------------------------------------------------------------------------------------


def network_message(path: Path) -> str:
    """German text: the file is on a network drive, so it is read-only; what to do instead."""
    return (
        f"Die Datenbank „{path.name}“ liegt auf einem Netzlaufwerk ({path.parent}). Dort kann eine "
        "Datenbankdatei beschädigt werden, wenn mehrere Personen gleichzeitig damit arbeiten. Deshalb ist "
        "sie nur zum Lesen geöffnet; Änderungen werden nicht gespeichert.\n"
        "Für die gemeinsame Arbeit mehrerer Personen richtet die IT eine PostgreSQL-Datenbank ein (siehe "
        "„Gemeinsame Nutzung mit PostgreSQL“ in der Anleitung). Wer allein arbeitet, kopiert die Datei auf "
        "den eigenen Rechner und öffnet sie dort."
    )


def open_network_file(url: str, path: Path) -> Database:
    """Open a SQLite file on a network drive read-only; a missing or outdated one is refused."""
    if not path.is_file() or path.stat().st_size == 0:
        raise DatabaseError(
            f"Die Datenbank „{path.name}“ würde auf einem Netzlaufwerk ({path.parent}) angelegt. Dort "
            "kann sie beschädigt werden, wenn mehrere Personen gleichzeitig damit arbeiten; es wurde "
            "nichts angelegt. Bitte eine Datei auf dem eigenen Rechner wählen, oder – für die gemeinsame "
            "Arbeit – die PostgreSQL-Datenbank der IT (siehe „Gemeinsame Nutzung mit PostgreSQL“)."
        )
    outdated = (
        f"Die Datenbank „{path.name}“ auf dem Netzlaufwerk ({path.parent}) hat einen älteren "
        "Aufbau und müsste umgestellt werden; auf einem Netzlaufwerk schreibt gera-desktop nicht. "
        "Bitte die Datei auf den eigenen Rechner kopieren und dort öffnen."
    )
    from gera_desktop.persistence.read_only import open_read_only

    return open_read_only(url, path, network_message(path), outdated)


def on_network_drive(path: Path) -> bool:
    """``is_network_location`` of ``path`` with symbolic links resolved (as far as they exist)."""
    try:
        absolute = path.resolve()
    except OSError:
        absolute = path.absolute()
    return is_network_location(absolute)
