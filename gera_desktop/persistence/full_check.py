"""The full integrity check of an open SQLite file, run in the background after the window shows.

``quick_check`` at opening does not compare the indexes with their tables, so damage that only hits an
index goes unseen; the full ``integrity_check`` does see it but takes seconds on a 100 MB file. It runs
on a connection of its own (``integrity.full_check_file``), so reading goes on meanwhile.

Writes wait for it: ``begin_full_check`` holds every ``write_session`` of the database until the check
has ended. A failed check marks the database damaged – read-only, with the same message as damage found
at opening – *before* the held writes are let go, and they are then refused. So no write ever reaches a
database whose full check failed, and one that comes while the check runs is not lost: it waits for the
check (seconds at most) and then goes ahead or is refused with the damage message. The other choice,
writing at once and blocking only later writes, would let a write land in a damaged file unnoticed.
"""

from __future__ import annotations

from gera_desktop.domain.progress import Cancelled
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.integrity import full_check_file
from gera_desktop.persistence.opening import damaged_message


def begin_full_check(db: Database) -> bool:
    """Hold the writes of ``db`` for ``run_full_check``; ``False`` (nothing held) when there is nothing
    to check: PostgreSQL (the server's business), or a file already read-only (it is never written)."""
    if db.file is None or not db.is_sqlite or db.read_only:
        return False
    db.hold_writes()
    return True


def run_full_check(db: Database, cancelled: Cancelled | None = None) -> list[str]:
    """The full check after ``begin_full_check``: the problems found (``[]``: sound, or stopped).

    A damaged database is marked so (read-only); the held writes are released in any case, also when
    the check cannot run at all (``DatabaseError``)."""
    try:
        assert db.file is not None
        problems = full_check_file(db.file, cancelled)
        if problems:
            db.mark_damaged(damaged_message(db.file, problems))
        return problems
    finally:
        db.release_writes()
