"""Start probe: a process that measures itself from its start to a painted window, then ends.

``python start_probe.py leer T0`` paints an empty ``QMainWindow`` (the floor); ``python start_probe.py
programm T0`` starts the real program (``gera_desktop.__main__.main``, the database named by
``GERA_DESKTOP_DB``). ``T0`` is the parent's ``time.monotonic()`` just before it started this process
(the clock is system-wide), so interpreter start and every import count.

The probe creates the ``QApplication`` itself (the program reuses an existing one) and watches the paint
events through an event filter; it never sleeps. It prints one line and ends the process at once:

    START fenster=<s> liste=<s> rss=<MB>

``fenster``: the main window painted for the first time. ``liste``: a table showing rows and a status-bar
label showing sums (``€``) have both been painted (for the floor: the same as ``fenster``). The clock
stops in a zero-timer after those paint events, i.e. once that paint round is over. Loading the list in
the background later on will not fool it: it waits for rows and sums, however late they come.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStatusBar, QTableView


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MB (0 where it cannot be read).

    Linux: ``VmHWM`` of ``/proc/self/status``, which belongs to this program image. ``getrusage``'s
    ``ru_maxrss`` would do elsewhere, but on Linux it survives ``execve`` and so starts at the size of
    the parent that started this process."""
    try:
        with open("/proc/self/status", encoding="ascii") as file:
            status = file.read()
    except OSError:
        return _maxrss_mb()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def _maxrss_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kilobytes / 1024 / (1024 if sys.platform == "darwin" else 1)


class Probe(QObject):
    """Notes the first paint of a main window, and of rows and sums when ``wants_list``."""

    def __init__(self, started: float, wants_list: bool) -> None:
        super().__init__()
        self.started = started
        self.wants_list = wants_list
        self.window_at: float | None = None
        self.rows_painted = self.sums_painted = False
        self._finishing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self._painting(watched)
        return False

    def _painting(self, widget: QObject) -> None:
        if self.window_at is None and isinstance(widget, QMainWindow):
            QTimer.singleShot(0, self._window_painted)
        parent = widget.parent()
        if isinstance(parent, QTableView) and parent.model() is not None and parent.model().rowCount() > 0:
            self.rows_painted = True
        if isinstance(widget, QLabel) and isinstance(parent, QStatusBar) and "€" in widget.text():
            self.sums_painted = True
        if self.window_at is not None and self._list_done() and not self._finishing:
            self._finishing = True
            QTimer.singleShot(0, self._finish)

    def _window_painted(self) -> None:
        if self.window_at is None:
            self.window_at = time.monotonic()
        if self._list_done() and not self._finishing:
            self._finishing = True
            self._finish()

    def _list_done(self) -> bool:
        return not self.wants_list or (self.rows_painted and self.sums_painted)

    def _finish(self) -> None:
        listed = time.monotonic()
        assert self.window_at is not None
        window, listed = self.window_at - self.started, listed - self.started
        print(f"START fenster={window:.4f} liste={listed:.4f} rss={peak_rss_mb():.1f}", flush=True)
        os._exit(0)


def main() -> None:
    """Run the floor or the program under the probe."""
    mode, started = sys.argv[1], float(sys.argv[2])
    app = QApplication([sys.argv[0]])
    probe = Probe(started, wants_list=mode == "programm")
    app.installEventFilter(probe)
    if mode == "leer":
        window = QMainWindow()
        window.show()
        app.exec()
        return
    from gera_desktop.__main__ import main as program

    code = program([])
    print(f"FEHLER: das Programm endete (Exit-Code {code}), bevor es gezeichnet war", flush=True)
    os._exit(1)


if __name__ == "__main__":
    main()
