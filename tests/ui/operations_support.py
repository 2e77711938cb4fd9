"""Helpers of the GUI tests that drive the application core through its operations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel

from gera_desktop.services.core import Anwendung
from gera_desktop.ui.operations import Operations


def cell_texts(model: QAbstractItemModel) -> list[list[str]]:
    """What a table model shows, row by row."""
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def write_and_wait(qtbot: Any, operations: Operations, work: Callable[[Anwendung], object]) -> None:
    """Run a write of the core through the operations and wait until everybody heard of it."""
    with qtbot.waitSignal(operations.changed):
        operations.write(lambda core, _steps: work(core))
