"""The Qt half of the start probe (``start_probe.py``): it watches a process's paint events and ends the
process with the probe's line once the main window, or its list with the sums, has been painted.

Until the first main window is painted, only main windows are watched: ``watch_main_windows`` wraps
``QMainWindow.__init__`` to install the filter on each. An application-wide filter would hand every
event's receiver to Python, and PySide, given an object of a class private to Qt (a combo box's popup,
a view's viewport), first builds the enum types of the whole module: about 30 ms, paid once by the
program and never by an empty window, and by no user either, since the program itself has no
application-wide filter. After the first paint the probe watches the viewports of the window's tables
and the labels of its status bar, for the rows and the sums; what was already shown in the window's
first paint counts as painted then. (Not the whole application there either: every event of the window
would wait in Python for the interpreter lock, which the program's reading of the list holds meanwhile.)
A table or a status bar made after the first paint is not watched: the probe would wait for it until
the benchmark gives up, and say so.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar, QTableView

VIEWPORT = "qt_scrollarea_viewport"
HIGH_EVENT_PRIORITY = 1  # Qt.EventPriority.HighEventPriority, named without building Qt's enum types
WINDOW_PAINTED = QEvent.Type(QEvent.Type.User + 1)
LIST_PAINTED = QEvent.Type(QEvent.Type.User + 2)


class Probe(QObject):
    """Notes the first paint of a main window, and of rows and sums when ``wants_list``."""

    def __init__(self, started: float, wants_list: bool, peak_rss_mb: Callable[[], float]) -> None:
        super().__init__()
        self.started = started
        self.wants_list = wants_list
        self.window: QMainWindow | None = None
        self.window_at: float | None = None
        self.rows_painted = self.sums_painted = False
        self._finishing = False
        self._peak_rss_mb = peak_rss_mb

    def watch_main_windows(self) -> None:
        """Install this filter on every ``QMainWindow`` as it is made."""
        made = QMainWindow.__init__
        probe = self

        def watched_init(window: QMainWindow, *args: Any, **kwargs: Any) -> None:
            made(window, *args, **kwargs)
            window.installEventFilter(probe)

        QMainWindow.__init__ = watched_init  # type: ignore[method-assign]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self._painting(watched)
        return False

    def _painting(self, widget: QObject) -> None:
        if self.window is None and isinstance(widget, QMainWindow):
            self.window = widget
            self._after_this_paint(WINDOW_PAINTED)
        if self.window_at is None:
            return
        parent = widget.parent()
        if isinstance(parent, QTableView) and _has_rows(parent):
            self.rows_painted = True
        if isinstance(widget, QLabel) and isinstance(parent, QStatusBar) and "€" in widget.text():
            self.sums_painted = True
        if self._list_done() and not self._finishing:
            self._finishing = True
            self._after_this_paint(LIST_PAINTED)

    def _after_this_paint(self, step: QEvent.Type) -> None:
        """Take ``step`` once the paint round under way is over: as the first event handled then, ahead
        of whatever the program has queued meanwhile (its own work after the first paint)."""
        QCoreApplication.postEvent(self, QEvent(step), HIGH_EVENT_PRIORITY)

    def event(self, event: QEvent) -> bool:
        if event.type() == WINDOW_PAINTED:
            self._window_painted()
            return True
        if event.type() == LIST_PAINTED:
            self._finish()
            return True
        return super().event(event)

    def _window_painted(self) -> None:
        if self.window_at is not None:
            return
        self.window_at = time.monotonic()
        if self.wants_list:
            self._note_painted_with_window()
            for watched in self._rows_and_sums():
                watched.installEventFilter(self)
        if self._list_done() and not self._finishing:
            self._finishing = True
            self._finish()

    def _note_painted_with_window(self) -> None:
        """Rows and sums that were visible in the window's first paint were painted with it."""
        self.rows_painted = any(table.isVisible() and _has_rows(table) for table in self._tables())
        self.sums_painted = any(label.isVisible() and "€" in label.text() for label in self._labels())

    def _tables(self) -> list[QTableView]:
        assert self.window is not None
        return self.window.findChildren(QTableView)

    def _labels(self) -> list[QLabel]:
        assert self.window is not None
        return [label for bar in self.window.findChildren(QStatusBar) for label in bar.findChildren(QLabel)]

    def _rows_and_sums(self) -> list[QObject]:
        """The tables' viewports (found by the name Qt gives them: PySide's ``viewport()`` would build
        every QtWidgets class first) and the status bars' labels."""
        viewports = [table.findChild(QObject, VIEWPORT) for table in self._tables()]
        return [viewport for viewport in viewports if viewport is not None] + list(self._labels())

    def _list_done(self) -> bool:
        return not self.wants_list or (self.rows_painted and self.sums_painted)

    def _finish(self) -> None:
        listed = time.monotonic()
        assert self.window_at is not None
        window, listed = self.window_at - self.started, listed - self.started
        print(f"START fenster={window:.4f} liste={listed:.4f} rss={self._peak_rss_mb():.1f}", flush=True)
        os._exit(0)


def _has_rows(table: QTableView) -> bool:
    model = table.model()
    return model is not None and model.rowCount() > 0
