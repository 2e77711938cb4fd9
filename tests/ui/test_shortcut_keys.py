"""Strg+E exports wherever the cursor is in the main window, also in a text field on Linux; the field keeps
its own keys (Strg+Z undoes the typing, Ende goes to the end of the line, Strg+Y never redoes a save)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMessageBox

from gera_desktop.persistence.database import Database
from gera_desktop.ui.dialogs.export_dialog import ExportDialog
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.views.detail_fields import TextField
from tests.ui.main_window_support import open_main_window, save

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_E = QKeyCombination(CTRL, Qt.Key.Key_E)
CTRL_Y = QKeyCombination(CTRL, Qt.Key.Key_Y)


class LinuxBinding(QObject):
    """A line edit's answer to one key as with the X11, KDE and GNOME key bindings: it claims Strg+E ("end
    of line") and leaves Strg+Y alone (its text redo is Strg+Umschalt+Z).

    The offscreen platform of the tests has the Windows bindings, where the field does the opposite.
    """

    def __init__(self, parent: QObject, key: QKeyCombination, *, claimed: bool) -> None:
        super().__init__(parent)
        self._key = key
        self._claimed = claimed

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if event.keyCombination() != self._key:
            return False
        event.setAccepted(self._claimed)
        return True


@pytest.fixture
def window(qtbot, demo: Database, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    discard = QMessageBox.StandardButton.Discard  # a failing test must not hang on "Speichern?" at the end
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: discard)
    main = open_main_window(qtbot, demo)
    first = main.list_view.all_records()[0].nr
    main.list_view.select(first)
    qtbot.waitUntil(lambda: main.detail.current_nr() == first)
    return main


def _search_field(window: MainWindow) -> QLineEdit:
    return window.list_view.filter_bar.search


def _title_field(window: MainWindow) -> QLineEdit:
    field = window.detail.form.fields["titel"]
    assert isinstance(field, TextField)
    return field.edit


def _save_title(qtbot, window: MainWindow, title: str) -> tuple[str, QLineEdit]:
    """Type ``title`` into the open measure's Titel field and save it; the number and the field."""
    nr = window.detail.current_nr()
    assert nr is not None
    field = _title_field(window)
    field.setText(title)
    save(qtbot, window)
    qtbot.waitUntil(window.commands.undo.isEnabled)
    return nr, field


def _titel(window: MainWindow, nr: str) -> str:
    """The title as stored now."""
    return window.operations.core.get(nr).titel


def _focus_as_on_linux(qtbot, window: MainWindow, field: QLineEdit) -> None:
    """Put the cursor into ``field``, which treats Strg+E and Strg+Y as on Linux (by itself on xcb).

    The stand-in goes in before the field gets the focus, so that the window's guard (installed when the
    focus arrives) sees the key first, as it does before Qt's own handling.
    """
    window.list_view.table.setFocus()
    qtbot.waitUntil(lambda: not field.hasFocus())
    end_of_line = QKeySequence.keyBindings(QKeySequence.StandardKey.MoveToEndOfLine)
    if QKeySequence(CTRL_E) not in end_of_line:
        field.installEventFilter(LinuxBinding(field, CTRL_E, claimed=True))
    if QKeySequence(CTRL_Y) in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo):
        field.installEventFilter(LinuxBinding(field, CTRL_Y, claimed=False))
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)


@pytest.mark.parametrize("field_of", [_search_field, _title_field], ids=["suchfeld", "titel"])
def test_ctrl_e_in_a_text_field_opens_the_export(
    qtbot, window: MainWindow, field_of: Callable[[MainWindow], QLineEdit]
) -> None:
    field = field_of(window)
    _focus_as_on_linux(qtbot, window, field)

    qtbot.keyClick(field, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is not None)


def test_the_text_field_keeps_ctrl_z_and_end(qtbot, window: MainWindow) -> None:
    nr, field = _save_title(qtbot, window, "Sensoren")
    assert window.commands.undo.isEnabled()  # Strg+Z could reach the window's Rückgängig
    saved_step = window.undo_stack.index()
    _focus_as_on_linux(qtbot, window, field)

    qtbot.keyClick(field, Qt.Key.Key_Home)
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClicks(field, " am Pegel")
    assert field.text() == "Sensoren am Pegel"
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.text() == "Sensoren"
    assert window.undo_stack.index() == saved_step
    assert _titel(window, nr) == "Sensoren"
    assert not window.detail.has_unsaved_changes()


def test_ctrl_y_in_a_text_field_never_redoes_a_saved_change(qtbot, window: MainWindow) -> None:
    nr, field = _save_title(qtbot, window, "Sensoren")
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: _titel(window, nr) != "Sensoren")
    qtbot.waitUntil(window.commands.redo.isEnabled)  # Strg+Y could reach the window's Wiederholen
    undone_step = window.undo_stack.index()
    _focus_as_on_linux(qtbot, window, field)

    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)

    assert window.undo_stack.index() == undone_step
    assert _titel(window, nr) != "Sensoren"
