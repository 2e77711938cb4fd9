"""Background work (after Anki's task manager): a function on ``QThreadPool``, its news in the GUI thread.

``run_task(fn, on_done=..., on_failed=..., on_progress=...)`` calls ``fn(progress=..., cancelled=...)`` on a
worker thread. ``progress(done, total)`` reports how far it is; ``cancelled()`` turns true once the user
asked to stop (``Task.cancel()``), and ``fn`` then ends by raising (for example ``ImportCancelled``).
Everything the worker reports travels as a plain Python value through the signal of one relay object that
lives in the GUI thread, so the ``Task``'s signals and the callbacks always run in the GUI thread. The
worker never sees a widget, nor the ``Task`` object itself.

The window stays responsive while a worker computes: Python hands the GIL to the waiting GUI thread after
``SWITCH_INTERVAL_S`` (not its default 5 ms), and no full cycle collection runs while work runs
(``services.collector``).
"""

from __future__ import annotations

import itertools
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.masking import mask_passwords
from gera_desktop.services import collector

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
SHOW_PROGRESS_AFTER_MS = 400
SWITCH_INTERVAL_S = 0.001
"""How long a thread may keep the GIL while another one waits for it. The GUI thread needs it for every
call from Qt into Python (a timer, each cell a repaint asks the model for) and at Python's default of
5 ms a busy worker made each of them wait that long: a repaint of the list took 0.1–0.3 s."""

_DONE, _FAILED, _PROGRESS = "done", "failed", "progress"


class Task(QObject):
    """A function running in the background; its signals arrive in the GUI thread.

    Exactly one of ``succeeded(result)``, ``failed(error)`` or ``cancelled()`` is emitted at the end,
    then ``ended()``. An exception raised after ``cancel()`` counts as cancelled; a result returned
    after ``cancel()`` still counts (the work was done).
    """

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    ended = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._stop = threading.Event()
        self._running = True

    @property
    def running(self) -> bool:
        """True until the function has returned or raised."""
        return self._running

    @property
    def cancel_requested(self) -> bool:
        """True once ``cancel()`` was called."""
        return self._stop.is_set()

    def cancel(self) -> None:
        """Ask the function to stop (it notices at its next ``cancelled()`` check)."""
        if self._running:
            self._stop.set()

    def _deliver(self, kind: str, payload: Any) -> None:
        if kind == _PROGRESS:
            self.progress.emit(*payload)
            return
        self._running = False
        if kind == _DONE:
            self.succeeded.emit(payload)
        elif self._stop.is_set():
            log.info("Hintergrundarbeit abgebrochen: %s", payload)
            self.cancelled.emit()
        else:
            self.failed.emit(payload)
        self.ended.emit()


class _Relay(QObject):
    """Lives in the GUI thread; carries ``(task id, kind, payload)`` from workers to the tasks."""

    posted = Signal(object)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.tasks: dict[int, Task] = {}
        self.posted.connect(self._on_self_posted, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_self_posted(self, message: tuple[int, str, Any]) -> None:
        task_id, kind, payload = message
        task = self.tasks.get(task_id)
        if task is None:
            return
        if kind != _PROGRESS:
            del self.tasks[task_id]
        task._deliver(kind, payload)


_relay: _Relay | None = None
_ids = itertools.count(1)


def _the_relay() -> _Relay:
    global _relay
    app = QCoreApplication.instance()
    if _relay is None or _relay.parent() is not app:
        _relay = _Relay(app)
    return _relay


def run_task(
    fn: Callable[..., Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_failed: Callable[[BaseException], None] | None = None,
    on_progress: Progress | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> Task:
    """Start ``fn(progress=..., cancelled=...)`` on the thread pool; call from the GUI thread.

    Without ``on_failed`` an error is shown by ``show_error`` (our errors as a message, bugs with details).
    """
    _share_the_gil()
    relay = _the_relay()
    task = Task()
    task_id = next(_ids)
    relay.tasks[task_id] = task
    _connect(task, on_done, on_failed or (lambda error: show_error(None, error)), on_progress, on_cancelled)
    stop = task._stop
    QThreadPool.globalInstance().start(lambda: _work(fn, task_id, stop, relay.posted))
    return task


def _connect(
    task: Task,
    on_done: Callable[[Any], None] | None,
    on_failed: Callable[[BaseException], None],
    on_progress: Progress | None,
    on_cancelled: Callable[[], None] | None,
) -> None:
    if on_done is not None:
        task.succeeded.connect(on_done)
    task.failed.connect(on_failed)
    if on_progress is not None:
        task.progress.connect(on_progress)
    if on_cancelled is not None:
        task.cancelled.connect(on_cancelled)


def _work(fn: Callable[..., Any], task_id: int, stop: threading.Event, posted: Any) -> None:
    """The worker thread's part: run ``fn`` and post what happens; touches no Qt object but the signal."""

    def progress(done: int, total: int) -> None:
        posted.emit((task_id, _PROGRESS, (int(done), int(total))))

    try:
        with collector.held():
            result = fn(progress=progress, cancelled=stop.is_set)
    except Exception as error:
        posted.emit((task_id, _FAILED, error))
    else:
        posted.emit((task_id, _DONE, result))


def _share_the_gil() -> None:
    """Let the GUI thread have the GIL soon whenever a worker holds it (process-wide, set once)."""
    if sys.getswitchinterval() > SWITCH_INTERVAL_S:
        sys.setswitchinterval(SWITCH_INTERVAL_S)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Our own error as a German message box; anything else goes to the program's last resort
    (``sys.excepthook``: logged and shown with copyable details by ``ui.app``)."""
    if isinstance(error, GeraError):
        QMessageBox.warning(parent, APP_TITLE, mask_passwords(error.message))
        return
    sys.excepthook(type(error), error, error.__traceback__)


class TaskProgress(QProgressDialog):
    """A progress window for a task: modal to its window (which keeps repainting), with "Abbrechen".

    It appears only when the work takes longer than a moment and disappears when the task ends. Work
    that cannot stop half-way (restoring a backup) gets no "Abbrechen" button (``cancellable=False``).
    """

    def __init__(self, task: Task, label: str, parent: QWidget, *, cancellable: bool = True) -> None:
        super().__init__(label, self.tr("Abbrechen"), 0, 0, parent)
        self._task: Task | None = task
        if not cancellable:
            self.setCancelButton(None)
        self.setWindowTitle(APP_TITLE)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        self._connect_signals()

    def _connect_signals(self) -> None:
        assert self._task is not None
        self._task.progress.connect(self._on_task_progress)
        self._task.ended.connect(self._on_task_ended)
        self.canceled.connect(self._on_self_canceled)

    @Slot(int, int)
    def _on_task_progress(self, done: int, total: int) -> None:
        if total > 0 and self.maximum() != total:
            self.setRange(0, total)
        self.setValue(min(done, total))

    @Slot()
    def _on_self_canceled(self) -> None:
        if self._task is not None:
            self._task.cancel()

    @Slot()
    def _on_task_ended(self) -> None:
        """Let go of the task here, in the GUI thread's normal flow: a task freed while this
        window is being destroyed would pull its connections away under Qt's feet (a crash)."""
        assert self._task is not None
        self._task.progress.disconnect(self._on_task_progress)
        self._task.ended.disconnect(self._on_task_ended)
        self.canceled.disconnect(self._on_self_canceled)
        self._task = None
        self.reset()
        self.hide()
        self.deleteLater()


def run_with_progress(
    parent: QWidget,
    label: str,
    fn: Callable[..., Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_failed: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    cancellable: bool = True,
) -> Task:
    """``run_task`` with a ``TaskProgress`` window over ``parent``; errors default to a message there."""
    task = run_task(
        fn,
        on_done=on_done,
        on_failed=on_failed or (lambda error: show_error(parent, error)),
        on_cancelled=on_cancelled,
    )
    TaskProgress(task, label, parent, cancellable=cancellable)
    return task
