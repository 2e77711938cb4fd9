"""Helpers for tests that stop background work the way a user does: "Abbrechen" in the progress window."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QPushButton, QWidget

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

    def hold_progress_of(self, monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> None:
        """Make the method ``owner.name`` (which takes ``progress=``) wait at its first progress report."""
        original = getattr(owner, name)

        def held(*args: Any, progress: Progress, **kwargs: Any) -> Any:
            return original(*args, progress=self.hold(progress), **kwargs)

        monkeypatch.setattr(owner, name, held)

    def start_then_abbrechen(self, qtbot: Any, parent: QWidget, start: QAbstractButton) -> None:
        """Click ``start``, press "Abbrechen" while the work is held, and wait until ``start`` works again."""
        start.click()
        assert self.reached.wait(5)
        press_abbrechen(parent)
        self.release.set()
        qtbot.waitUntil(start.isEnabled)


def press_abbrechen(parent: QWidget) -> None:
    """Click "Abbrechen" in the progress window of ``parent`` (shown or still waiting to appear)."""
    (progress_window,) = parent.findChildren(TaskProgress)
    (button,) = progress_window.findChildren(QPushButton)
    assert button.text() == "Abbrechen"
    button.click()
