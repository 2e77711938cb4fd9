"""The full integrity check after the start, on the thread pool (``persistence.full_check``).

Writes of the database wait while it runs; when it finds damage, the database is read-only before they
go on, and ``on_damage(db)`` runs in the GUI thread so that the window can show the read-only bar.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from decimal import Decimal

from gera_desktop.domain.formatting import format_number
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.full_check import begin_full_check, run_full_check
from gera_desktop.ui.workers import Task, run_task

log = logging.getLogger(__name__)


def check_in_background(db: Database, on_damage: Callable[[Database], None]) -> Task | None:
    """Start the full check of ``db``; ``None`` when there is nothing to check (PostgreSQL, read-only)."""
    if not begin_full_check(db):
        return None
    started = time.perf_counter()

    def checked(problems: list[str]) -> None:
        seconds = format_number(Decimal(time.perf_counter() - started), 2)
        if not problems:
            log.info("Vollständige Integritätsprüfung von %s: in Ordnung (%s s)", db.display_name, seconds)
            return
        log.warning("Vollständige Integritätsprüfung von %s: beschädigt (%s)", db.display_name, problems[0])
        on_damage(db)

    def not_checked(error: BaseException) -> None:
        log.warning("Vollständige Integritätsprüfung nicht möglich: %s", error)

    return run_task(
        lambda progress, cancelled: run_full_check(db, cancelled), on_done=checked, on_failed=not_checked
    )
