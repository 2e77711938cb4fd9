"""The main window's dialogs as a user reaches them: import (menu, welcome, drop), export, Papierkorb,
Sicherungen; afterwards the list shows what changed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QMimeData, QObject, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gera_desktop.persistence.database import Database
from gera_desktop.services.backup import BackupService
from gera_desktop.services.listing import FUNDING_KEYS
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.dialogs.backups import BackupsDialog
from gera_desktop.ui.dialogs.export_dialog import ExportDialog
from gera_desktop.ui.dialogs.import_dialog import ImportDialog
from gera_desktop.ui.dialogs.settings import SettingsDialog
from gera_desktop.ui.dialogs.trash import TrashDialog
from gera_desktop.ui.main_window import WORK_PAGE, MainWindow
from gera_desktop.ui.models.massnahmen import COL_BUNDESMITTEL, COL_GESAMTKOSTEN
from tests.conftest import EXAMPLES
from tests.records import measure
from tests.ui.main_window_support import open_main_window, select

UMWELTAMT = EXAMPLES / "zulieferung-umweltamt.xlsx"
LISTE = EXAMPLES / "massnahmenliste-2024-06.xlsx"
T = TypeVar("T", bound=QObject)


def _dialog(qtbot, window: MainWindow, kind: type[T]) -> T:
    qtbot.waitUntil(lambda: window.findChild(kind) is not None)
    dialog = window.findChild(kind)
    assert dialog is not None
    return dialog


def _cell(window: MainWindow, nr: str, column: int) -> str:
    row = window.list_view.model.row_of(nr)
    assert row is not None, nr
    return window.list_view.model.index(row, column).data()


def _import(qtbot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy)
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)
    dialog.close()


def _choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(path), ""))


def test_importieren_from_the_menu_shows_the_new_measures_keeping_the_selection(
    qtbot, demo: Database, monkeypatch
) -> None:
    window = open_main_window(qtbot, demo)
    select(qtbot, window, "P-07")
    _choose_file(monkeypatch, UMWELTAMT)

    window.commands.import_list.trigger()
    _import(qtbot, _dialog(qtbot, window, ImportDialog))

    qtbot.waitUntil(lambda: window.status.count_label.text() == "26 Maßnahmen")
    assert window.list_view.model.row_of("UM-14") is not None
    assert _cell(window, "UM-06", COL_GESAMTKOSTEN) == "450.000,00 €"
    assert window.list_view.current_nr() == "P-07"


def test_the_welcome_panel_imports_the_first_list(qtbot, database: Database, monkeypatch) -> None:
    window = open_main_window(qtbot, database)
    _choose_file(monkeypatch, LISTE)

    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    _import(qtbot, _dialog(qtbot, window, ImportDialog))

    qtbot.waitUntil(lambda: window.list_view.model.rowCount() > 0)
    assert window.pages.currentIndex() == WORK_PAGE
    assert window.status.count_label.text().endswith("Maßnahmen")


def test_no_file_chosen_opens_nothing(qtbot, demo: Database, monkeypatch) -> None:
    window = open_main_window(qtbot, demo)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: ("", ""))
    window.commands.import_list.trigger()
    assert not [d for d in window.findChildren(ImportDialog) if d.isVisible()]


def _drop(window: MainWindow, paths: list[Path]) -> QDropEvent:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    return event


def test_a_dropped_workbook_is_checked_in_the_import_dialog(qtbot, demo: Database) -> None:
    window = open_main_window(qtbot, demo)
    event = _drop(window, [UMWELTAMT])
    assert event.isAccepted()
    dialog = _dialog(qtbot, window, ImportDialog)
    assert dialog.path == UMWELTAMT
    qtbot.waitUntil(lambda: not dialog.busy)
    dialog.close()


def test_other_dropped_files_are_ignored(qtbot, demo: Database, tmp_path: Path) -> None:
    window = open_main_window(qtbot, demo)
    text = tmp_path / "notiz.txt"
    text.write_text("x", encoding="utf-8")
    _drop(window, [text])
    _drop(window, [UMWELTAMT, LISTE])  # two at once: which one? none
    assert window.findChild(ImportDialog) is None


def test_ctrl_e_offers_all_or_the_filtered_measures_and_the_menu_picks_the_layout(qtbot, demo) -> None:
    window = open_main_window(qtbot, demo)
    qtbot.keyClicks(window.list_view.filter_bar.search, "digital")
    shown = len(window.list_view.visible_records())

    window.list_view.table.setFocus()
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot, window, ExportDialog)
    assert dialog.scope.all.text() == "Alle Maßnahmen (25)"
    assert dialog.scope.filtered.text() == f"Nur die gefilterten Maßnahmen ({shown})"
    assert 0 < shown < 25
    assert dialog.current_layout() == "liste"
    dialog.close()
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is None)

    window.commands.export_anlage.trigger()
    assert _dialog(qtbot, window, ExportDialog).current_layout() == "anlage"


def test_a_measure_restored_from_the_papierkorb_is_shown_selected(qtbot, demo, monkeypatch) -> None:
    window = open_main_window(qtbot, demo)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    select(qtbot, window, "UM-02")
    window.commands.delete.trigger()
    qtbot.waitUntil(lambda: window.list_view.model.row_of("UM-02") is None)

    window.commands.trash.trigger()
    trash = _dialog(qtbot, window, TrashDialog)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 1)
    trash.select("UM-02")
    trash.restore_selected()

    qtbot.waitUntil(lambda: window.list_view.current_nr() == "UM-02")
    assert window.status.count_label.text() == "25 Maßnahmen"
    qtbot.waitUntil(lambda: window.detail.current_nr() == "UM-02")


def test_after_a_restored_backup_the_list_shows_the_old_state(qtbot, demo: Database, monkeypatch) -> None:
    if not demo.is_sqlite:
        pytest.skip("Sicherungen im Programm gibt es nur für SQLite-Dateien")
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)
    backup = BackupService(demo).create()
    service = MassnahmenService(demo, user="test")
    changed = service.get("UM-01")
    changed.gesamtkosten = Decimal("460000.00")
    changed.bundesmittel, changed.eigenanteil = Decimal("414000.00"), Decimal("46000.00")
    service.update(changed)
    window = open_main_window(qtbot, demo)
    select(qtbot, window, "UM-01")
    assert _cell(window, "UM-01", COL_GESAMTKOSTEN) == "460.000,00 €"
    window.commands.backups.trigger()
    dialog = _dialog(qtbot, window, BackupsDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.model.backup(0).path == backup.path

    dialog.select_row(0)
    with qtbot.waitSignal(window.loaded):
        dialog.restore_button.click()

    assert _cell(window, "UM-01", COL_GESAMTKOSTEN) == "450.000,00 €"
    qtbot.waitUntil(lambda: window.detail.form.fields["gesamtkosten"].value() == Decimal("450000.00"))
    assert window.operations.core.get("UM-01").gesamtkosten == Decimal("450000.00")


def test_a_new_foerderquote_changes_the_computed_amounts_at_once(qtbot, database: Database) -> None:
    service = MassnahmenService(database, user="test")
    empty = dict.fromkeys((*FUNDING_KEYS, "abgerufen"), None)
    service.create(measure("A-1", gesamtkosten=Decimal("1000.00"), **empty))
    window = open_main_window(qtbot, database)
    assert _cell(window, "A-1", COL_BUNDESMITTEL) == "900,00 €"

    window.commands.settings.trigger()
    dialog = _dialog(qtbot, window, SettingsDialog)
    qtbot.waitUntil(dialog.save_button.isEnabled)  # the stored settings are shown
    dialog.foerderquote.selectAll()
    qtbot.keyClicks(dialog.foerderquote, "80")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: _cell(window, "A-1", COL_BUNDESMITTEL) == "800,00 €")
    assert "Bundesmittel 800,00 €" in window.status.sums_label.text()
