"""Helpers for tests that stop background work the way a user does: "Abbrechen" in the progress window."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QPushButton, QWidget

from gera_desktop.domain.progress import Progress
from gera_desktop.ui.workers import TaskProgress


class Gate:
    """Holds the background work at its first progress report until the test has pressed "Abbrechen"."""

    def __init__(self) -> None:
        self.reached, self.release = threading.Event(), threading.Event()

    def hold(self, progress: Progress) -> Progress:
        """``progress`` that waits at its first call for ``release``."""

        def report(done: int, total: int) -> None:
            if not self.reached.is_set():
                self.reached.set()
                self.release.wait(5)
            progress(done, total)

        return report


def press_abbrechen(parent: QWidget) -> None:
    """Click "Abbrechen" in the progress window of ``parent`` (shown or still waiting to appear)."""
    (progress_window,) = parent.findChildren(TaskProgress)
    (button,) = progress_window.findChildren(QPushButton)
    assert button.text() == "Abbrechen"
    button.click()
