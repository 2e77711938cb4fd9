"""Operations on the application core (after Anki's ``CollectionOp`` and ``QueryOp``): every read and write
the GUI makes runs on the thread pool, and the ``Changes`` of each write reach every view through one
``changed`` signal, so that each updates only what changed and nobody refreshes by hand.

Writes run one at a time, in the order asked; reads run while no write runs (one asked for during a
write waits for it, and so sees what it did). ``writing`` is true while a write runs; the undo and redo
commands are off meanwhile. Work with a ``label`` shows a progress window over ``parent`` once it takes
longer than a moment (with "Abbrechen" where it can stop). Our own errors become a German message over
``parent`` unless ``on_failed`` takes them; bugs go to the program's last resort (``ui.app``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from gera_desktop.domain.progress import Cancelled, Progress
from gera_desktop.services import collector
from gera_desktop.services.changes import NOTHING, Outcome
from gera_desktop.services.core import Anwendung
from gera_desktop.ui.workers import Task, TaskProgress, run_task, show_error


@dataclass(frozen=True)
class Steps:
    """What the work of an operation gets besides the core: ``progress(done, total)`` and ``cancelled()``."""

    progress: Progress
    cancelled: Cancelled


Then = Callable[[], object] | None
"""What a caller runs once its operation succeeded (``None``: nothing)."""
Work = Callable[[Anwendung, Steps], Any]
"""The work of an operation, run on a worker thread: ``work(core, steps)``; a write returns an
``Outcome``, a read its result (or an ``Outcome`` when it changed what the views show)."""


@dataclass(eq=False)
class Operation:
    """One operation, waiting or running; ``cancel()`` stops it (a waiting one never starts)."""

    work: Work
    writes: bool
    on_success: Callable[[Any], None] | None = None
    on_failed: Callable[[BaseException], None] | None = None
    on_cancelled: Callable[[], None] | None = None
    on_progress: Progress | None = None
    label: str = ""
    parent: QWidget | None = None
    cancellable: bool = False
    task: Task | None = field(default=None, init=False)
    cancel_requested: bool = field(default=False, init=False)

    def cancel(self) -> None:
        """Ask the work to stop (at its next ``cancelled()`` check)."""
        self.cancel_requested = True
        if self.task is not None:
            self.task.cancel()

    @property
    def alive(self) -> bool:
        """False once the widget it belongs to is gone (its callbacks are then skipped)."""
        return self.parent is None or shiboken6.isValid(self.parent)


class Operations(QObject):
    """Runs operations on one application core; ``changed(Changes)`` after each successful write."""

    changed = Signal(object)
    writing_changed = Signal(bool)

    def __init__(self, core: Anwendung, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._waiting: deque[Operation] = deque()
        self._reads = 0
        self._writing = False

    @property
    def core(self) -> Anwendung:
        """The application core the operations work on."""
        return self._core

    @property
    def writing(self) -> bool:
        """True while a write runs."""
        return self._writing

    @property
    def busy(self) -> bool:
        """True while any operation runs or waits."""
        return self._writing or self._reads > 0 or bool(self._waiting)

    def write(self, work: Work, **options: Any) -> Operation:
        """Queue a write: ``work(core, steps)`` returns an ``Outcome``; ``on_success(outcome.value)``, then
        ``changed(outcome.changes)``. Options: ``on_failed``, ``on_cancelled``, ``on_progress``, ``label``,
        ``parent``, ``cancellable``."""
        return self._queue(Operation(work, True, **options))

    def read(self, work: Work, **options: Any) -> Operation:
        """Queue a read: ``on_success(result)``; the options as for ``write``."""
        return self._queue(Operation(work, False, **options))

    def _queue(self, operation: Operation) -> Operation:
        self._waiting.append(operation)
        self._start_what_may_run()
        return operation

    def _start_what_may_run(self) -> None:
        """Start waiting reads unless a write runs; the next write once nothing runs."""
        for operation in list(self._waiting):
            if operation.cancel_requested:
                self._waiting.remove(operation)
                self._report_cancelled(operation)
            elif self._may_start(operation):
                self._waiting.remove(operation)
                self._start(operation)

    def _may_start(self, operation: Operation) -> bool:
        """A read while no write runs; a write while nothing runs."""
        return not self._writing and (not operation.writes or not self._reads)

    def _start(self, operation: Operation) -> None:
        if operation.writes:
            self._set_writing(True)
        else:
            self._reads += 1
        work, core = operation.work, self._core

        def run(progress: Progress, cancelled: Cancelled) -> Any:
            return work(core, Steps(progress, cancelled))

        task = run_task(
            run,
            on_done=lambda result: self._succeeded(operation, result),
            on_failed=lambda error: self._failed(operation, error),
            on_progress=operation.on_progress,
            on_cancelled=lambda: self._cancelled(operation),
        )
        operation.task = task
        if operation.cancel_requested:
            task.cancel()
        if operation.label and operation.parent is not None:
            TaskProgress(task, operation.label, operation.parent, cancellable=operation.cancellable)

    def _ended(self, operation: Operation) -> None:
        if operation.writes:
            self._writing = False
        else:
            self._reads -= 1

    def _succeeded(self, operation: Operation, result: Any) -> None:
        """The caller hears of the result first, then every view of the changes; the next operations
        start even when a callback fails (a bug reaches the last resort from there)."""
        self._ended(operation)
        value, changes = (result.value, result.changes) if isinstance(result, Outcome) else (result, NOTHING)
        try:
            if operation.on_success is not None and operation.alive:
                operation.on_success(value)
        finally:
            if changes != NOTHING:
                self.changed.emit(changes)
            self._after(operation)

    def _failed(self, operation: Operation, error: BaseException) -> None:
        self._ended(operation)
        try:
            if operation.on_failed is not None and operation.alive:
                operation.on_failed(error)
            elif operation.on_failed is None:
                show_error(operation.parent if operation.alive else None, error)
        finally:
            self._after(operation)

    def _cancelled(self, operation: Operation) -> None:
        self._ended(operation)
        try:
            self._report_cancelled(operation)
        finally:
            self._after(operation)

    def _report_cancelled(self, operation: Operation) -> None:
        if operation.on_cancelled is not None and operation.alive:
            operation.on_cancelled()

    def _after(self, operation: Operation) -> None:
        if operation.writes:
            self.writing_changed.emit(False)
        self._start_what_may_run()
        if not self.busy:
            collector.freeze_long_lived()

    def _set_writing(self, writing: bool) -> None:
        self._writing = writing
        self.writing_changed.emit(writing)
