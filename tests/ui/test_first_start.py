"""The very first start on an office PC: no database yet, nothing configured."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gera_desktop import config
from gera_desktop.__main__ import main
from gera_desktop.services import logfile
from gera_desktop.ui import app
from gera_desktop.ui.main_window import MainWindow


@pytest.fixture
def program_log_handlers(monkeypatch: pytest.MonkeyPatch):
    """Close and remove the log handlers the program adds to the root logger; restore the excepthook."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    root = logging.getLogger()
    before = set(root.handlers)
    yield
    for handler in set(root.handlers) - before:
        handler.close()
        root.removeHandler(handler)


def test_the_first_start_creates_the_database_and_welcomes(
    qapp, user_dirs: config.Paths, monkeypatch: pytest.MonkeyPatch, program_log_handlers
) -> None:
    monkeypatch.setenv(app.AUTOQUIT_ENV, "0")
    seen: list[tuple[str, bool]] = []

    def find_the_window() -> None:
        (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        window.loaded.connect(lambda: look_at_the_window(window))

    def look_at_the_window(window: MainWindow) -> None:
        seen.append((window.windowTitle(), window.pages.currentWidget() is window.welcome))

    QTimer.singleShot(0, find_the_window)
    assert not user_dirs.default_database.exists()

    assert main([]) == 0

    assert user_dirs.default_database.is_file()
    assert seen == [("Smart City Gera – Maßnahmenverwaltung – gera-desktop.sqlite", True)]
    log_file = user_dirs.log_dir / logfile.LOG_FILE
    assert "gestartet mit der Datenbank gera-desktop.sqlite" in log_file.read_text(encoding="utf-8")


def test_the_log_rotates_in_the_user_log_directory(user_dirs: config.Paths, program_log_handlers) -> None:
    path = logfile.start_log()
    assert path.parent == user_dirs.log_dir
    assert not path.exists()  # opened with its first line

    line = "x" * 10_000
    for _ in range(700):  # 7 MB: more than the file and its five older generations hold
        logging.getLogger("gera_desktop.test").info(line)

    kept = sorted(file.name for file in user_dirs.log_dir.iterdir())
    assert kept == [logfile.LOG_FILE] + [f"{logfile.LOG_FILE}.{n}" for n in range(1, 6)]
    assert all(file.stat().st_size <= 1_000_000 for file in user_dirs.log_dir.iterdir())


def test_a_database_that_cannot_be_opened_is_named_in_german_and_the_program_ends(
    qapp, monkeypatch: pytest.MonkeyPatch, program_log_handlers
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    unreachable = "postgresql+psycopg://gera:geheim@127.0.0.1:1/gera"

    assert main(["--db", unreachable]) == 1

    (message,) = shown
    assert "nicht erreichbar" in message
    assert "geheim" not in message
