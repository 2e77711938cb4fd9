"""The Sicherungen dialog (list, back up now, restore after asking) and the Einstellungen dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import create_engine

from gera_desktop import resources
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.backup import BackupService
from gera_desktop.services.demo import load_demo
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.dialogs.backups import (
    COL_ANLASS,
    COL_AUTOMATISCH,
    COL_DATUM,
    COL_GROESSE,
    BackupsDialog,
    size_text,
)


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    db = open_database(sqlite_url)
    load_demo(db, resources.demo_data(), user="test")
    yield db
    db.dispose()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Questions asked (answered with ``answers['reply']``) and information shown."""
    log: dict[str, list[str]] = {"questions": [], "infos": [], "warnings": [], "reply": ["Yes"]}

    def question(_parent, _title, text, *_args):
        log["questions"].append(text)
        return getattr(QMessageBox.StandardButton, log["reply"][0])

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: log["infos"].append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: log["warnings"].append(text))
    return log


def _dialog(qtbot, db: Database) -> BackupsDialog:
    dialog = BackupsDialog(db)
    qtbot.addWidget(dialog)
    return dialog


def _row(dialog: BackupsDialog, row: int) -> list[str]:
    model = dialog.model
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_the_backups_are_listed_newest_first_in_german(qtbot, qtmodeltester, sqlite_db: Database) -> None:
    service = BackupService(sqlite_db)
    manual = service.create()
    automatic = service.auto_backup("vor Import liste.xlsx")

    dialog = _dialog(qtbot, sqlite_db)

    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 2
    newest, older = _row(dialog, 0), _row(dialog, 1)
    assert newest[COL_DATUM] == f"{automatic.created:%d.%m.%Y %H:%M}"
    assert newest[COL_ANLASS] == "vor Import liste xlsx"
    assert newest[COL_AUTOMATISCH] == "ja"
    assert older[COL_ANLASS] == "manuell"
    assert older[COL_AUTOMATISCH] == "nein"
    assert older[COL_GROESSE] == size_text(manual.size)
    assert older[COL_GROESSE].endswith(" kB")
    assert "test.sqlite" in dialog.intro.text()


@pytest.mark.parametrize(
    ("size", "text"), [(10, "1 kB"), (86_000, "84 kB"), (1_258_291, "1,2 MB"), (52_428_800, "50,0 MB")]
)
def test_sizes_in_german(size: int, text: str) -> None:
    assert size_text(size) == text


def test_jetzt_sichern_adds_a_backup(qtbot, sqlite_db: Database) -> None:
    dialog = _dialog(qtbot, sqlite_db)
    assert dialog.model.rowCount() == 0
    assert not dialog.restore_button.isEnabled()

    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)

    info = dialog.model.backup(0)
    assert info.path.is_file()
    assert not info.automatic
    assert dialog.status.text() == f"Gesichert: {info.created:%d.%m.%Y %H:%M} ({size_text(info.size)})."
    assert dialog.backup_button.isEnabled()


def test_restore_asks_then_brings_back_the_old_state_and_keeps_the_current_one(
    qtbot, sqlite_db: Database, answers: dict[str, list[str]]
) -> None:
    measures = MassnahmenService(sqlite_db, user="test")
    BackupService(sqlite_db).create()
    um06 = measures.get("UM-06")
    measures.delete("UM-06", um06.version)
    dialog = _dialog(qtbot, sqlite_db)
    dialog.select_row(0)

    with qtbot.waitSignal(dialog.restored):
        dialog.restore_button.click()

    (question,) = answers["questions"]
    assert "zurücksetzen" in question
    assert "sichert das Programm den jetzigen Stand automatisch" in question
    assert answers["infos"][0].startswith("Die Datenbank wurde auf den Stand vom")
    reopened = open_database(sqlite_db.url)
    try:
        assert MassnahmenService(reopened).get("UM-06").titel == um06.titel
    finally:
        reopened.dispose()
    reasons = [dialog.model.backup(row).reason for row in range(dialog.model.rowCount())]
    assert "vor-Wiederherstellung" in reasons


def test_restore_answered_no_changes_nothing(
    qtbot, sqlite_db: Database, answers: dict[str, list[str]]
) -> None:
    measures = MassnahmenService(sqlite_db, user="test")
    BackupService(sqlite_db).create()
    measures.delete("UM-06", measures.get("UM-06").version)
    answers["reply"] = ["No"]
    dialog = _dialog(qtbot, sqlite_db)
    dialog.select_row(0)
    restored: list[bool] = []
    dialog.restored.connect(lambda: restored.append(True))

    dialog.restore_button.click()

    assert answers["questions"]
    assert restored == []
    assert dialog.model.rowCount() == 1
    assert "UM-06" not in [m.nr for m in measures.list(with_children=False)]


def test_a_damaged_backup_is_refused_in_german(
    qtbot, sqlite_db: Database, answers: dict[str, list[str]]
) -> None:
    info = BackupService(sqlite_db).create()
    info.path.write_bytes(b"kein SQLite")
    dialog = _dialog(qtbot, sqlite_db)
    dialog.select_row(0)

    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(answers["warnings"]))

    assert "Sicherung" in answers["warnings"][0]
    assert dialog.backup_button.isEnabled()
    assert len(MassnahmenService(sqlite_db).list(with_children=False)) == 25


def test_ordner_oeffnen_opens_the_backup_folder(qtbot, sqlite_db: Database, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    dialog = _dialog(qtbot, sqlite_db)

    dialog.folder_button.click()

    folder = BackupService(sqlite_db).folder
    assert [Path(url.toLocalFile()) for url in opened] == [folder]
    assert folder.is_dir()


def test_postgresql_backups_are_made_by_it(qtbot) -> None:
    url = "postgresql+psycopg://gera@server.example/gera"
    server = Database(url, create_engine(url))
    dialog = _dialog(qtbot, server)

    assert "PostgreSQL-Server" in dialog.intro.text()
    assert "IT" in dialog.intro.text()
    assert not dialog.backup_button.isVisibleTo(dialog)
    assert not dialog.restore_button.isVisibleTo(dialog)
    assert not dialog.table.isVisibleTo(dialog)
