"""Fixtures of the GUI tests: a database with the sample data and the main window open on it."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox

from gera_desktop import resources
from gera_desktop.persistence.database import Database
from gera_desktop.services import logfile
from gera_desktop.services.core import Anwendung
from gera_desktop.services.demo import load_demo
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.operations import Operations
from tests.ui.main_window_support import open_main_window


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the warning boxes the test brought up (none is shown)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_: shown.append(text))
    return shown


@pytest.fixture
def demo(database: Database) -> Database:
    """The test database with the sample measures."""
    load_demo(database, resources.demo_data(), user="test")
    return database


@pytest.fixture
def operations(qtbot, demo: Database) -> Iterator[Operations]:
    """The operations of a core on the sample data (a module may bring its own)."""
    operations = Operations(Anwendung.on(demo, user="Frau Schmidt"))
    yield operations
    qtbot.waitUntil(lambda: not operations.busy)


@pytest.fixture
def window(qtbot, demo: Database) -> MainWindow:
    """The main window, shown and active, on the sample data."""
    return open_main_window(qtbot, demo)


@pytest.fixture
def program_log():
    """The program's log file (as the program starts it), its handler removed again after the test."""
    root = logging.getLogger()
    before = list(root.handlers)
    path = logfile.start_log()
    yield path
    for handler in set(root.handlers) - set(before):
        handler.close()
        root.removeHandler(handler)
