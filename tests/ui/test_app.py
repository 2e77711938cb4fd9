"""The application object and the last resort for errors that reach the event loop."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QMessageBox

from gera_desktop import __version__, config
from gera_desktop.domain.errors import NotFoundError
from gera_desktop.ui import app


@pytest.fixture
def shown_boxes(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Message boxes the code would show (never left to block the test)."""
    boxes: list[QMessageBox] = []

    def record(box: QMessageBox) -> int:
        boxes.append(box)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    return boxes


def test_the_application_is_german_and_named(qapp) -> None:
    app.create_application()
    assert QCoreApplication.applicationName() == "gera-desktop"
    assert QCoreApplication.organizationName() == "Stadt Gera"
    assert QCoreApplication.applicationVersion() == __version__
    assert QLocale().language() == QLocale.Language.German
    assert QLocale().toString(1234.5, "f", 2) == "1.234,50"


def test_a_bug_is_logged_and_shown_with_copyable_details(qapp, shown_boxes, program_log) -> None:
    try:
        raise RuntimeError("kaputt beim Test")
    except RuntimeError:
        app.show_unexpected_error(*sys.exc_info())

    (box,) = shown_boxes
    assert box.text() == "Ein unerwarteter Programmfehler ist aufgetreten."
    assert "RuntimeError: kaputt beim Test" in box.detailedText()
    assert str(config.paths().log_dir) in box.informativeText()
    assert "RuntimeError: kaputt beim Test" in program_log.read_text(encoding="utf-8")


def test_our_error_reaching_the_event_loop_is_only_a_message(qapp, monkeypatch, program_log) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    error = NotFoundError("Die Maßnahme P-9 gibt es nicht.")

    app.show_unexpected_error(NotFoundError, error, None)

    assert warnings == ["Die Maßnahme P-9 gibt es nicht."]
    assert not program_log.exists()  # the log file is opened with its first line: nothing was logged
