"""The full integrity check after the start, as a read operation of the core (``persistence.full_check``).

Writes of the database wait while it runs (the runner's writes queue behind it, the database's own
writes too); when it finds damage, the database is read-only before they go on: the operations announce
``Changes(read_only=True)``, so that the window shows the read-only bar, and ``on_damage(reason)`` runs
in the GUI thread so that it can say why.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from decimal import Decimal

from gera_desktop.domain.formatting import format_number
from gera_desktop.services.changes import Outcome
from gera_desktop.services.core import Anwendung
from gera_desktop.ui.operations import Operation, Operations, Steps

log = logging.getLogger(__name__)


def check_in_background(operations: Operations, on_damage: Callable[[str], None]) -> Operation:
    """Start the full check of the open database (nothing happens on PostgreSQL or a read-only file)."""

    def checked(reason: str | None) -> None:
        if reason:
            on_damage(reason)

    def not_checked(error: BaseException) -> None:
        log.warning("Vollständige Integritätsprüfung nicht möglich: %s", error)

    return operations.read(_check, on_success=checked, on_failed=not_checked)


def _check(core: Anwendung, steps: Steps) -> Outcome[str | None] | None:
    """The check on the worker thread, logged with its time: why the database is read-only now (``None``:
    sound); ``None`` when there is nothing to check."""
    if not core.begin_full_check():
        return None
    started = time.perf_counter()
    outcome = core.full_check(steps.cancelled)
    seconds = format_number(Decimal(time.perf_counter() - started), 2)
    name = core.facts().name
    if not outcome.value:
        log.info("Vollständige Integritätsprüfung von %s: in Ordnung (%s s)", name, seconds)
        return Outcome(None, outcome.changes)
    log.warning("Vollständige Integritätsprüfung von %s: beschädigt (%s)", name, outcome.value[0])
    return Outcome(core.facts().read_only_reason, outcome.changes)
