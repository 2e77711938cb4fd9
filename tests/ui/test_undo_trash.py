"""Undo and redo around the Papierkorb in the program window, with the keys a user presses: restoring,
emptying the Papierkorb, and the form's saves and deletions in between (issue 14, point 5)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gera_desktop.domain.records import MassnahmeData
from gera_desktop.persistence.database import Database
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.papierkorb import BROUGHT_BACK
from gera_desktop.ui.dialogs.trash import TrashDialog
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.views.detail_fields import TextField
from tests.ui.main_window_support import save, select

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every question is answered "Ja"; warnings are collected (none is expected)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_: shown.append(text))
    return shown


def _press(qtbot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """Press a key in the list (as the user does after closing a dialog) once the command is on, and
    wait until what it started is written."""
    action = window.commands.redo if modifiers & SHIFT else window.commands.undo
    qtbot.waitUntil(lambda: action.isEnabled() and window.isActiveWindow())
    window.list_view.table.setFocus()
    qtbot.keyClick(window.list_view.table, key, modifiers)
    qtbot.waitUntil(lambda: not window.operations.busy)


def _undo(qtbot, window: MainWindow) -> None:
    _press(qtbot, window, Qt.Key.Key_Z, CTRL)


def _redo(qtbot, window: MainWindow) -> None:
    _press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)


def _delete(qtbot, window: MainWindow, nr: str) -> None:
    """Select the measure and press Entf (the question is answered "Ja")."""
    window.list_view.select(nr)
    window.list_view.table.setFocus()
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.list_view.model.row_of(nr) is None and not window.operations.busy)


def _open_trash(qtbot, window: MainWindow) -> TrashDialog:
    with qtbot.waitSignal(window.commands.trash.triggered):
        window.commands.trash.trigger()
    (dialog,) = window.findChildren(TrashDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
    return dialog


def _close(qtbot, window: MainWindow, dialog: TrashDialog) -> None:
    qtbot.waitUntil(lambda: not window.operations.busy)
    dialog.close()
    window.activateWindow()


def _trash(demo: Database) -> list[str]:
    return sorted(entry.nr for entry in MassnahmenService(demo).trash())


def test_undo_after_restoring_from_the_papierkorb_moves_it_back_and_redo_restores_it(
    qtbot, window: MainWindow, demo: Database, messages: list[str]
) -> None:
    _delete(qtbot, window, "UM-05")
    dialog = _open_trash(qtbot, window)
    dialog.select("UM-05")
    with qtbot.waitSignal(dialog.restored):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    _close(qtbot, window, dialog)
    qtbot.waitUntil(lambda: window.list_view.model.row_of("UM-05") is not None)
    assert window.commands.undo.text() == "&Rückgängig: Wiederherstellen von UM-05"

    _undo(qtbot, window)
    assert _trash(demo) == ["UM-05"]
    qtbot.waitUntil(lambda: window.status.count_label.text() == "24 Maßnahmen")

    _redo(qtbot, window)
    assert _trash(demo) == []
    qtbot.waitUntil(lambda: window.status.count_label.text() == "25 Maßnahmen")

    _undo(qtbot, window)  # the restore, then the deletion before it
    _undo(qtbot, window)
    assert _trash(demo) == []
    assert (window.undo_stack.index(), window.undo_stack.count()) == (0, 2)
    assert messages == []


def _content(record: MassnahmeData) -> MassnahmeData:
    return replace(record, version=None, geaendert_am=None, geaendert_von=None)


def test_undo_of_emptying_the_papierkorb_brings_the_measures_back_unchanged(
    qtbot, window: MainWindow, demo: Database, messages: list[str]
) -> None:
    _delete(qtbot, window, "UM-01")
    _delete(qtbot, window, "P-02")
    before = {entry.nr: entry for entry in MassnahmenService(demo).trash()}
    assert before["UM-01"].massnahme.meilensteine  # children that must come back too
    dialog = _open_trash(qtbot, window)
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.empty_label.isVisibleTo(dialog))
    assert _trash(demo) == []
    _close(qtbot, window, dialog)
    assert window.commands.undo.text() == "&Rückgängig: Leeren des Papierkorbs"

    _undo(qtbot, window)

    after = {entry.nr: entry for entry in MassnahmenService(demo).trash()}
    assert after.keys() == before.keys()
    for nr, entry in after.items():
        assert _content(entry.massnahme) == _content(before[nr].massnahme)
        assert (entry.geloescht_am, entry.geloescht_von) == (
            before[nr].geloescht_am,
            before[nr].geloescht_von,
        )
    history = MassnahmenService(demo).history("UM-01")
    assert [line.neuer_wert for line in history[:2]] == [BROUGHT_BACK, "endgültig gelöscht"]

    _undo(qtbot, window)  # the deletion of P-02: back in the list
    qtbot.waitUntil(lambda: window.list_view.model.row_of("P-02") is not None)
    _redo(qtbot, window)
    _redo(qtbot, window)  # empties the Papierkorb again
    assert _trash(demo) == []
    assert messages == []


def test_saving_after_undo_and_undo_across_deleting_the_open_measure(
    qtbot, window: MainWindow, demo: Database, messages: list[str]
) -> None:
    service = MassnahmenService(demo)
    old_title = service.get("P-01").titel
    select(qtbot, window, "P-01")
    title = window.detail.form.fields["titel"]
    assert isinstance(title, TextField)
    title.edit.setText("Erster Titel")
    save(qtbot, window)
    assert window.detail.delete()  # the open measure, from the form
    qtbot.waitUntil(lambda: window.detail.current_nr() is None and not window.operations.busy)

    _undo(qtbot, window)  # the deletion
    _undo(qtbot, window)  # the save
    assert service.get("P-01").titel == old_title

    select(qtbot, window, "P-01")
    qtbot.waitUntil(lambda: title.edit.text() == old_title)
    title.edit.setText("Zweiter Titel")
    save(qtbot, window)  # on the version the undo wrote: no conflict
    assert service.get("P-01").titel == "Zweiter Titel"
    assert (window.undo_stack.count(), window.commands.redo.isEnabled()) == (1, False)

    _undo(qtbot, window)
    assert service.get("P-01").titel == old_title
    assert messages == []
