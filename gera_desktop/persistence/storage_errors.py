"""Why a file could not be written, in German: a full disk, a missing permission, a failing disk.

The operating system's own text (``strerror``) is in the language of the system, often English; the
cases a user can act on get a German reason of ours.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

DISK_FULL_ERRNOS = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
DISK_FULL = "auf dem Datenträger ist kein Speicherplatz mehr frei"
NO_PERMISSION = "es fehlt die Berechtigung, dort zu schreiben"
DISK_ERROR = "Schreib- oder Lesefehler auf dem Datenträger"
WRITE_PROTECTED = "die Datenbankdatei oder ihr Ordner ist schreibgeschützt"
SERVER_FULL = "Speicherplatz voll oder Schreibfehler auf dem Server"
SERVER_READ_ONLY = "der Datenbankserver nimmt zurzeit keine Änderungen an"
_SQLITE_STORAGE = (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR)
_SQLITE_PROTECTED = (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN)


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


def disk_short_of(folder: Path, needed: int) -> bool:
    """True when the disk holding ``folder`` has less than ``needed`` bytes free (unknown: ``False``)."""
    try:
        return shutil.disk_usage(folder).free < needed
    except OSError:
        return False


def write_failure(exc: BaseException) -> str | None:
    """The German reason when the database could not write for lack of space or an I/O error.

    ``exc`` is a SQLAlchemy ``DBAPIError`` (or the driver's error itself); ``None`` for any other cause.
    """
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_STORAGE:
        return storage_reason(orig)
    state = getattr(orig, "sqlstate", None) or ""
    if state.startswith(("53", "58")):
        return SERVER_FULL
    return None


def write_protection(exc: BaseException) -> str | None:
    """The German reason when the database refused a write because it may not be written, else ``None``."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_PROTECTED:
        return WRITE_PROTECTED
    if getattr(orig, "sqlstate", None) == "25006":  # read_only_sql_transaction (a standby server)
        return SERVER_READ_ONLY
    return None
