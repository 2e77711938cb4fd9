"""The Sicherungen dialog (list, back up now, restore after asking) and the Einstellungen dialog."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import create_engine

from gera_desktop import resources
from gera_desktop.domain.settings import (
    DEADLINES,
    PROGRAMMENDE,
    STICHTAG,
    VERWENDUNGSNACHWEIS,
    ProgrammEinstellungen,
)
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.backup import CANCELLED_MESSAGE as BACKUP_CANCELLED
from gera_desktop.services.backup import BackupService
from gera_desktop.services.core import Anwendung
from gera_desktop.services.demo import load_demo
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.settings import SettingsService
from gera_desktop.ui.dialogs.backups import (
    COL_ANLASS,
    COL_AUTOMATISCH,
    COL_DATUM,
    COL_GROESSE,
    BackupsDialog,
    size_text,
)
from gera_desktop.ui.dialogs.settings import SettingsDialog
from gera_desktop.ui.operations import Operations
from tests.ui.task_support import Gate


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


def _operations(qtbot, db: Database) -> Operations:
    return Operations(Anwendung.on(db, user="test"))


def _dialog(qtbot, db: Database) -> BackupsDialog:
    """The Sicherungen dialog, once it has read the backups (a PostgreSQL database has none to read)."""
    operations = _operations(qtbot, db)
    facts = operations.core.facts()
    dialog = BackupsDialog(operations, facts)
    qtbot.addWidget(dialog, before_close_func=lambda _dialog: qtbot.waitUntil(lambda: not operations.busy))
    if facts.backups_available:
        qtbot.waitSignal(dialog.read).wait()
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


def test_abbrechen_stops_the_backup_and_leaves_no_file(
    qtbot, sqlite_db: Database, answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate()
    gate.hold_progress_of(monkeypatch, BackupService, "create")
    dialog = _dialog(qtbot, sqlite_db)
    dialog.show()

    gate.start_then_abbrechen(qtbot, dialog, dialog.backup_button)

    assert dialog.status.text() == BACKUP_CANCELLED
    assert dialog.model.rowCount() == 0
    folder = BackupService(sqlite_db).folder
    assert not folder.exists() or list(folder.iterdir()) == []
    assert answers["warnings"] == []
    assert dialog.isVisible()


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

    def reasons() -> list[str]:
        return [dialog.model.backup(row).reason for row in range(dialog.model.rowCount())]

    qtbot.waitUntil(lambda: "vor-Wiederherstellung" in reasons())


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


# --- Einstellungen ------------------------------------------------------------------------------------


def _settings_dialog(qtbot, db: Database) -> SettingsDialog:
    """The Einstellungen dialog, once it shows the stored settings."""
    operations = _operations(qtbot, db)
    dialog = SettingsDialog(operations)
    qtbot.addWidget(dialog, before_close_func=lambda _dialog: qtbot.waitUntil(lambda: not operations.busy))
    qtbot.waitSignal(dialog.read).wait()
    return dialog


def _problems(dialog: SettingsDialog) -> dict[str, str]:
    return {key: row.problem.text() for key, row in dialog.rows.items() if row.problem.isVisibleTo(dialog)}


def test_the_settings_show_the_stored_values_in_german(qtbot, database: Database) -> None:
    SettingsService(database).save(
        ProgrammEinstellungen(Decimal("80.5"), Decimal("15000000"), "Programmbüro")
    )

    dialog = _settings_dialog(qtbot, database)

    assert dialog.foerderquote.text() == "80,5 %"
    assert dialog.foerdervolumen.text() == "15.000.000,00 €"
    assert dialog.programmbuero.text() == "Programmbüro"


def test_an_unset_envelope_is_empty_with_a_hint(qtbot, database: Database) -> None:
    dialog = _settings_dialog(qtbot, database)

    assert dialog.foerderquote.text() == "90 %"
    assert dialog.foerdervolumen.text() == ""
    assert dialog.foerdervolumen.placeholderText() == "nicht festgelegt"


def test_german_input_is_saved(qtbot, database: Database) -> None:
    dialog = _settings_dialog(qtbot, database)
    dialog.foerderquote.setText("85")
    dialog.foerdervolumen.setText("17.500.000,50")
    dialog.programmbuero.setText("  Smart City Büro Gera ")

    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()

    assert SettingsService(database).load() == ProgrammEinstellungen(
        Decimal("85"), Decimal("17500000.50"), "Smart City Büro Gera"
    )
    assert dialog.result() == SettingsDialog.DialogCode.Accepted


def test_emptying_the_envelope_unsets_it(qtbot, database: Database) -> None:
    SettingsService(database).save(ProgrammEinstellungen(foerdervolumen=Decimal("1000")))
    dialog = _settings_dialog(qtbot, database)
    dialog.foerdervolumen.clear()

    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()

    assert SettingsService(database).load().foerdervolumen is None


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("foerderquote", "120", "120 % liegt nicht zwischen 0 % und 100 %."),
        ("foerderquote", "", "Förderquote: Pflichtfeld – bitte ausfüllen (Gera: 90 %)."),
        ("foerderquote", "viel", "„viel“ ist kein Prozentwert."),
        ("foerdervolumen", "ca. 5 Mio", "„ca. 5 Mio“ ist kein Betrag."),
        ("foerdervolumen", "-5", "Beträge dürfen nicht negativ sein."),
        ("programmbuero", "   ", "Programmbüro: Pflichtfeld – bitte ausfüllen."),
    ],
)
def test_wrong_values_are_explained_next_to_the_field_and_not_saved(
    qtbot, database: Database, field: str, text: str, message: str
) -> None:
    dialog = _settings_dialog(qtbot, database)
    getattr(dialog, field).setText(text)
    saved: list[object] = []
    dialog.saved.connect(saved.append)

    dialog.save_button.click()

    problems = _problems(dialog)
    assert list(problems) == [field]
    assert message in problems[field]
    assert saved == []
    assert SettingsService(database).load() == ProgrammEinstellungen()


def test_a_message_goes_away_when_the_value_is_corrected(qtbot, database: Database) -> None:
    dialog = _settings_dialog(qtbot, database)
    dialog.show()
    dialog.foerderquote.setText("101")
    dialog.save_button.click()
    assert _problems(dialog)

    dialog.foerderquote.setText("100")
    dialog.foerderquote.editingFinished.emit()

    assert _problems(dialog) == {}


def test_the_deadlines_are_shown_and_saved_in_german(qtbot, database: Database) -> None:
    SettingsService(database).save(ProgrammEinstellungen(verwendungsnachweis=date(2027, 6, 30)))
    dialog = _settings_dialog(qtbot, database)
    assert [dialog.deadlines[key].text() for key in DEADLINES] == ["31.12.2026", "", "30.06.2027"]

    dialog.deadlines[STICHTAG].setText("30.6.26")
    dialog.deadlines[VERWENDUNGSNACHWEIS].clear()
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()

    stored = SettingsService(database).load()
    assert (stored.programmende, stored.stichtag_neue_massnahmen, stored.verwendungsnachweis) == (
        date(2026, 12, 31),
        date(2026, 6, 30),
        None,
    )


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        (PROGRAMMENDE, "", "Programmende: Pflichtfeld – bitte ausfüllen."),
        (STICHTAG, "31.01.2027", "liegt nach dem Programmende (31.12.2026)"),
        (VERWENDUNGSNACHWEIS, "bald", "„bald“"),
    ],
)
def test_a_wrong_deadline_is_explained_next_to_it(
    qtbot, database: Database, key: str, text: str, message: str
) -> None:
    dialog = _settings_dialog(qtbot, database)
    dialog.deadlines[key].setText(text)

    dialog.save_button.click()

    problems = _problems(dialog)
    assert list(problems) == [key]
    assert message in problems[key]
    assert SettingsService(database).load() == ProgrammEinstellungen()
