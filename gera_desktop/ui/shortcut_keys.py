"""Window shortcuts that a text field must not take: Strg+E exports from every field, as on Windows.

On Linux Qt gives text fields the X11 key bindings, and Strg+E there means "end of line": the field claims
the key (ShortcutOverride) and "Exportieren …" never fires. Windows has no such binding, and our users
expect Strg+E to export wherever the cursor is. The other way round, Strg+Y is "redo the typing" in a
Windows text field but means nothing to a Linux one, so there it would redo a saved change of the
window: the guard lets a text field keep it (``left_to_fields``). The guard watches only the widget that
has the focus in the window (never the whole application), and only the keys it was given; every other
key (Strg+Z, Entf, Strg+A, Pos1, Ende …) stays with the field.
"""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

TEXT_FIELDS = (QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit)


class FieldShortcutGuard(QObject):
    """Gives the keys of ``actions`` back to ``window`` whatever field inside it has the focus, and leaves
    the keys ``left_to_fields`` to a text field that has it."""

    def __init__(
        self, window: QWidget, actions: Sequence[QAction], left_to_fields: Sequence[QKeySequence] = ()
    ) -> None:
        super().__init__(window)
        self._window = window
        self._actions = list(actions)
        self._left_to_fields = list(left_to_fields)
        self._watched: QWidget | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_app_focus_changed)
        self._watch(QApplication.focusWidget())

    @Slot(QWidget, QWidget)
    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._watch(new)

    def _watch(self, widget: QWidget | None) -> None:
        """Filter the events of ``widget`` if it lies in the window; stop filtering the previous one."""
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = widget if widget is not None and widget.window() is self._window else None
        if self._watched is not None:
            self._watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Refuse the field's claim on a guarded key, so that the window's shortcut fires; claim a key
        left to text fields for the field, so that it does not."""
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if self._is_guarded(event):
            event.ignore()
            return True
        if _is_text_field(watched) and QKeySequence(event.keyCombination()) in self._left_to_fields:
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def _is_guarded(self, event: QKeyEvent) -> bool:
        pressed = QKeySequence(event.keyCombination())
        return any(action.isEnabled() and pressed in action.shortcuts() for action in self._actions)


def _is_text_field(widget: QObject) -> bool:
    return isinstance(widget, TEXT_FIELDS) or (isinstance(widget, QComboBox) and widget.isEditable())
