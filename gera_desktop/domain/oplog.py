"""One log line per operation, for support: what was done, how much, how long – and no personal data.

An import, export, backup, restore, save, deletion or migration runs inside ``logged_operation``::

    with logged_operation("Import", datei=path) as operation:
        ...
        operation.counts.update({"neu": 10_000, "geändert": 0, "Warnung|Warnungen": 0})

and leaves one line in the program's log when it ends: ``Import „liste.xlsx“: 10.000 neu, 0 geändert,
0 Warnungen in 4,2 s``; stopped by the user ``…: abgebrochen nach 1,3 s``; refused with a message
``…: abgelehnt nach 0,2 s (ExportError)``; a bug ``…: fehlgeschlagen nach 0,2 s (KeyError)`` (its
traceback is logged by the program's last resort). The line holds counts, the duration, the kind of
error and at most a file's name: never its folder (a path can carry the user's name), a measure's title,
a person, an e-mail address, a message text (it may quote values) or a password. It lives in ``domain``
so that every layer can log its operations (the migration runs in ``persistence``).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import wraps
from pathlib import PurePath
from typing import Any, ParamSpec, TypeVar

from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.formatting import format_count, format_number, format_seconds
from gera_desktop.domain.progress import WorkCancelled

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")
Counts = dict[str, int | float]


class logged_operation:  # noqa: N801 - used like a function: ``with logged_operation(…)``
    """The log line of one operation; ``counts`` (label → number) may be filled while it runs.

    Also a decorator: ``@logged_operation("Sicherung", result=lambda info: {...})`` logs every call,
    with counts taken from the return value.
    """

    def __init__(
        self,
        name: str,
        datei: str | os.PathLike[str] | None = None,
        counts: Mapping[str, int | float] | None = None,
        *,
        result: Callable[[Any], Mapping[str, int | float]] | None = None,
    ) -> None:
        self.name = name
        self.datei = PurePath(datei).name if datei is not None else None
        self.counts: Counts = dict(counts or {})
        self._result = result
        self._start = 0.0

    def __enter__(self) -> logged_operation:
        self._start = time.perf_counter()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _trace: Any) -> None:
        log.log(*_line(self._what(), self.counts, time.perf_counter() - self._start, error))

    def __call__(self, function: Callable[P, R]) -> Callable[P, R]:
        """Log every call of ``function`` (each call gets its own line and counts)."""

        @wraps(function)
        def logged(*args: P.args, **kwargs: P.kwargs) -> R:
            with logged_operation(self.name, self.datei, self.counts) as operation:
                value = function(*args, **kwargs)
                if self._result is not None:
                    operation.counts.update(self._result(value))
                return value

        return logged

    def _what(self) -> str:
        return f"{self.name} „{self.datei}“" if self.datei else self.name


def _line(what: str, counts: Counts, seconds: float, error: BaseException | None) -> tuple[Any, ...]:
    """Level, format and arguments of the log line."""
    duration = format_seconds(seconds)
    if error is None:
        return logging.INFO, "%s: %s in %s", what, _counts_text(counts) or "fertig", duration
    if isinstance(error, WorkCancelled | KeyboardInterrupt):
        return logging.INFO, "%s: abgebrochen nach %s", what, duration
    if isinstance(error, GeraError):
        return logging.WARNING, "%s: abgelehnt nach %s (%s)", what, duration, type(error).__name__
    return logging.ERROR, "%s: fehlgeschlagen nach %s (%s)", what, duration, type(error).__name__


def _counts_text(counts: Counts) -> str:
    """``10.000 neu, 0 geändert, 1 Warnung, 31,5 MB``; a label ``Warnung|Warnungen`` names one and many."""
    return ", ".join(f"{_number(value)} {_label(label, value)}" for label, value in counts.items())


def _label(label: str, value: int | float) -> str:
    one, _, many = label.partition("|")
    return one if value == 1 or not many else many


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return format_count(value)
    return format_number(Decimal(str(round(value, 1))), 1)
