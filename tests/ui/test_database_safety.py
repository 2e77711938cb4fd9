"""The window when the database cannot be trusted with a write: write-protected (read-only bar with the
reason), damaged only in an index (found by the full check after the start), a full disk on saving (a
German message, the typed values stay) – and no password in the log, the About dialog or an error box."""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

from gera_desktop.__main__ import main
from gera_desktop.persistence import opening
from gera_desktop.persistence.database import Database, make_engine
from gera_desktop.persistence.opening import open_database
from gera_desktop.resources import demo_data
from gera_desktop.services import logfile
from gera_desktop.services.core import Anwendung
from gera_desktop.services.demo import load_demo
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui import app
from gera_desktop.ui.dialogs.about import AboutDialog
from gera_desktop.ui.main_window import MainWindow
from tests.ui.main_window_support import open_main_window
from tests.unit.sample_data import damage_index_entry

SECRET = "Geheim-42"
PROTECTED = "die Datei „massnahmen.sqlite“ ist schreibgeschützt"


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "massnahmen.sqlite"
    db = open_database(f"sqlite:///{path}")
    load_demo(db, demo_data(), user="test")
    db.dispose()
    return path


@pytest.fixture
def opened(demo_file: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{demo_file}")
    yield db
    db.dispose()


@pytest.fixture
def program_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The program's log file; its handlers are removed and the excepthook restored afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root = logging.getLogger()
    before = set(root.handlers)
    yield logfile.start_log()
    for handler in set(root.handlers) - before:
        handler.close()
        root.removeHandler(handler)


def title_text(window: MainWindow) -> str:
    editor: Any = window.detail.form.fields["titel"].editor
    return str(editor.text())


def type_title(qtbot, window: MainWindow, nr: str, title: str) -> None:
    window.list_view.select(nr)
    qtbot.waitUntil(lambda: window.detail.current_nr() == nr)
    line: Any = window.detail.form.fields["titel"].editor
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    line.insert(title)  # as typed (QTest cannot type umlauts)


# --- write-protected ------------------------------------------------------------------------------------


def test_a_write_protected_database_opens_read_only_and_says_why(
    qapp, demo_file: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[str], program_log: Path
) -> None:
    """The one decision point (trying to write the file and its folder) answers as on a protected share."""
    monkeypatch.setattr(opening, "write_problem", lambda _path: PROTECTED)
    monkeypatch.setenv(app.AUTOQUIT_ENV, "0")
    seen: list[tuple[bool, str, bool]] = []

    def find_the_window() -> None:
        (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        window.loaded.connect(lambda: look_at_the_window(window))

    def look_at_the_window(window: MainWindow) -> None:
        bar = window.read_only_bar
        seen.append((bar.isVisible(), bar.text(), window.commands.new.isEnabled()))

    QTimer.singleShot(0, find_the_window)
    before = sorted(p.name for p in demo_file.parent.iterdir())

    assert main(["--db", str(demo_file)]) == 0

    ((visible, text, can_add),) = seen
    assert visible
    assert PROTECTED in text
    assert "nur zum Lesen geöffnet" in text
    assert not can_add
    assert len(warnings) == 1
    assert PROTECTED in warnings[0]
    assert sorted(p.name for p in demo_file.parent.iterdir()) == before  # no -wal, no -shm


# --- damage only the full check sees ----------------------------------------------------------------


def test_the_full_check_after_the_start_makes_the_window_read_only(
    qtbot, demo_file: Path, warnings: list[str]
) -> None:
    damage_index_entry(demo_file, "sqlite_autoindex_massnahme_1", b"p-01", b"p-00")
    db = open_database(f"sqlite:///{demo_file}")
    try:
        window = open_main_window(qtbot, db)
        assert not window.read_only_bar.isVisible()
        type_title(qtbot, window, "P-02", "Während der Prüfung getippt")

        window.start_full_check()
        assert window.detail.save()  # waits for the check, then is refused
        qtbot.waitUntil(lambda: len(warnings) == 2 and not window.operations.busy)

        assert window.read_only_bar.isVisible()
        assert "ist beschädigt" in window.read_only_bar.text()
        assert not window.commands.new.isEnabled()
        assert len(warnings) == 2
        assert warnings[0] == warnings[1] == db.read_only_reason
        assert title_text(window) == "Während der Prüfung getippt"
        assert MassnahmenService(db).get("P-02").titel != "Während der Prüfung getippt"
        window.detail.discard()  # so that closing the window does not ask
    finally:
        db.dispose()


def test_a_sound_database_stays_writable_after_the_full_check(
    qtbot, opened: Database, warnings: list[str]
) -> None:
    window = open_main_window(qtbot, opened)

    window.start_full_check()
    qtbot.waitUntil(lambda: not window.operations.busy)

    assert not window.read_only_bar.isVisible()
    assert window.commands.new.isEnabled()
    assert warnings == []


# --- a full disk on saving --------------------------------------------------------------------------


def sqlite_full(*_args: object) -> None:
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = sqlite3.SQLITE_FULL
    raise error


def test_a_save_on_a_full_disk_is_refused_in_german_and_keeps_the_typed_values(
    qtbot, opened: Database, warnings: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_main_window(qtbot, opened)
    type_title(qtbot, window, "P-03", "Neuer Titel auf vollem Datenträger")
    monkeypatch.setattr(SQLiteDialect_pysqlite, "do_commit", lambda _self, _connection: sqlite_full())

    assert window.detail.save()
    qtbot.waitUntil(lambda: bool(warnings))

    assert len(warnings) == 1
    assert "kein Speicherplatz mehr frei" in warnings[0]
    assert "Es wurde nichts gespeichert" in warnings[0]
    assert title_text(window) == "Neuer Titel auf vollem Datenträger"
    assert window.detail.has_unsaved_changes()
    monkeypatch.undo()  # space freed: the same values can be saved now
    with qtbot.waitSignal(window.detail.saved):
        assert window.detail.save()
    assert MassnahmenService(opened).get("P-03").titel == "Neuer Titel auf vollem Datenträger"


# --- passwords ----------------------------------------------------------------------------------------


def server_database() -> Database:
    url = f"postgresql+psycopg://anna@server/smartcity?sslmode=prefer&password={SECRET}"
    return Database(url, make_engine(url))  # never connected


def test_the_log_masks_passwords_in_messages_and_tracebacks(program_log: Path) -> None:
    log = logging.getLogger("gera_desktop.test")
    log.info("Verbunden mit %s", f"postgresql://anna@server/db?password={SECRET}")
    try:
        raise RuntimeError(f"kaputt bei postgresql://anna:{SECRET}@server/db")
    except RuntimeError:
        log.exception("Fehler beim Öffnen")

    text = program_log.read_text(encoding="utf-8")
    assert SECRET not in text
    assert "?password=***" in text
    assert "RuntimeError: kaputt bei postgresql://anna:***@server/db" in text


def test_the_about_dialog_names_the_server_without_the_password(qtbot) -> None:
    db = server_database()
    try:
        dialog = AboutDialog(Anwendung.on(db).facts())
        qtbot.addWidget(dialog)
        assert "server/smartcity" in dialog.facts.text()
        assert SECRET not in dialog.facts.text()
    finally:
        db.dispose()


def test_an_unexpected_error_box_masks_the_password(
    qapp, monkeypatch: pytest.MonkeyPatch, program_log: Path
) -> None:
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box))
    try:
        raise RuntimeError(f"kaputt bei postgresql://anna@server/db?password={SECRET}")
    except RuntimeError:
        app.show_unexpected_error(*sys.exc_info())

    (box,) = boxes
    assert "password=***" in box.detailedText()
    assert SECRET not in box.detailedText()
    assert SECRET not in program_log.read_text(encoding="utf-8")
