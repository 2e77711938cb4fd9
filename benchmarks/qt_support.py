"""Qt pieces of the GUI sections: the offscreen application, waiting through the event loop (never a
sleep), a meter of how long the GUI thread stood still, and modal questions answered by themselves."""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from benchmarks.harness import BenchmarkError
from gera_desktop.ui.app import create_application
from gera_desktop.ui.dialogs import export_dialog

POLL_MS = 5
TICK_MS = 10
IGNORED_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)


def application() -> QApplication:
    """The program's ``QApplication`` on the offscreen platform; Qt's offscreen chatter is dropped."""
    qInstallMessageHandler(_message_handler)
    return create_application(["gera-desktop-benchmark"])


def _message_handler(kind: QtMsgType, _context: object, message: str) -> None:
    if not message.startswith(IGNORED_QT_MESSAGES):
        print(f"Qt: {message}", flush=True)


def wait_until(predicate: Callable[[], bool], what: str, timeout_s: float = 900.0) -> None:
    """Run the event loop until ``predicate()`` is true (checked every few milliseconds)."""
    if predicate():
        return
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    timer = QTimer()
    timer.setInterval(POLL_MS)

    def check() -> None:
        if predicate() or _problems or time.monotonic() > deadline:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if _problems:
        raise BenchmarkError(f"{what}: {_problems.pop()}")
    if not predicate():
        raise BenchmarkError(f"Zeitüberschreitung: {what}")


def run_events(seconds: float) -> None:
    """Keep the event loop running for ``seconds`` (late repaints and deferred work happen then)."""
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


class StallMeter(QObject):
    """A 10 ms timer on the GUI thread: the longest gap between two of its ticks is the longest time
    the window could not react (a repaint, a click) – the GUI thread was busy or waited for the GIL."""

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._last = self._longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self._longest = max(self._longest, now - self._last)
        self._last = now

    def longest_ms(self, action: Callable[[], object]) -> float:
        """Run ``action`` (which waits through the event loop) and return the longest gap in ms."""
        self._longest, self._last = 0.0, time.perf_counter()
        self._timer.start()
        try:
            action()
        finally:
            self._tick()
            self._timer.stop()
        return self._longest * 1000


def answer_dialogs(save_as: Path) -> None:
    """Modal questions answer themselves: "Ja" to every question, OK to every message, ``save_as`` as
    the file to save, no "Ordner öffnen" after an export (the benchmark drives the dialogs; a modal box
    would stop it). A warning or an unexpected error makes the current wait fail with its text."""
    yes = QMessageBox.StandardButton.Yes
    ok = QMessageBox.StandardButton.Ok
    QMessageBox.question = staticmethod(lambda *_args, **_kw: yes)  # type: ignore[method-assign]
    QMessageBox.information = staticmethod(lambda *_args, **_kw: ok)  # type: ignore[method-assign]
    QMessageBox.warning = staticmethod(_warned)  # type: ignore[method-assign]
    QMessageBox.critical = staticmethod(_warned)  # type: ignore[method-assign]
    QFileDialog.getSaveFileName = staticmethod(  # type: ignore[method-assign]
        lambda *_args, **_kw: (str(save_as), "")
    )
    export_dialog.offer_folder = lambda *_args: False
    sys.excepthook = _unexpected


_problems: list[str] = []


def _unexpected(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    traceback.print_exception(kind, error, trace)
    _problems.append(f"unerwarteter Programmfehler ({kind.__name__}: {error}), siehe Standardfehlerausgabe")


def _warned(
    _parent: object, _title: str, text: str, *_args: object, **_kw: object
) -> QMessageBox.StandardButton:
    _problems.append(f"Das Programm meldete: {text}")
    return QMessageBox.StandardButton.Ok


def shown_window(db: Any) -> Any:
    """The main window on the application core over ``db``, shown, once it has listed its measures."""
    from gera_desktop.services.core import Anwendung
    from gera_desktop.ui.main_window import MainWindow

    window = MainWindow(Anwendung.on(db))
    loaded: list[bool] = []
    window.loaded.connect(lambda: loaded.append(True))
    window.show()
    wait_until(lambda: bool(loaded), "Laden der Liste")
    return window
