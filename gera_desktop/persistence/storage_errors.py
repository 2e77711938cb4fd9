"""Why a file could not be written, in German: a full disk, a missing permission, a failing disk.

The operating system's own text (``strerror``) is in the language of the system, often English; the
cases a user can act on get a German reason of ours.
"""

from __future__ import annotations

import errno
import sqlite3

DISK_FULL_ERRNOS = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
DISK_FULL = "auf dem Datenträger ist kein Speicherplatz mehr frei"
NO_PERMISSION = "es fehlt die Berechtigung, dort zu schreiben"
DISK_ERROR = "Schreib- oder Lesefehler auf dem Datenträger"


def storage_reason(exc: BaseException) -> str:
    """The German reason for an ``OSError`` or a SQLite error of a write."""
    if isinstance(exc, PermissionError):
        return NO_PERMISSION
    if isinstance(exc, OSError):
        if exc.errno in DISK_FULL_ERRNOS:
            return DISK_FULL
        if exc.errno == errno.EIO:
            return DISK_ERROR
        return f"Fehler des Betriebssystems: {exc.strerror or exc}"
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF == sqlite3.SQLITE_FULL:
        return DISK_FULL
    if isinstance(code, int) and code & 0xFF == sqlite3.SQLITE_IOERR:
        return DISK_ERROR
    return str(exc)
