"""The main window's commands: one QAction each, shared by the menus, the toolbar and the shortcuts."""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar, QWidget

from gera_desktop.ui.elided import toolbar_text
from gera_desktop.ui.operations import Operations

SP = QStyle.StandardPixmap
Shortcut = str | QKeySequence.StandardKey | None
Entries = Sequence[QAction | None]


def make_action(parent: QObject, text: str, shortcut: Shortcut = None, tip: str = "") -> QAction:
    """A command with its German text, its shortcut (shown in menu and tooltip) and a status-bar hint."""
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
    return action


class MainActions(QObject):
    """Every command of the main window; the window connects them and offers those it can carry out."""

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack, operations: Operations) -> None:
        super().__init__(window)
        self._window = window
        self._stack = undo_stack
        self._operations = operations
        self._writable = True
        self._file_actions(window)
        self._edit_actions(window)
        self._view_actions(window)
        self._set_icons(window.style())
        self._follow()

    def _file_actions(self, w: QMainWindow) -> None:
        self.new = make_action(w, "Neue Maßnahme", "Ctrl+N", "Eine neue Maßnahme anlegen")
        self.save = make_action(w, "Speichern", "Ctrl+S", "Die Änderungen an der Maßnahme speichern")
        self.import_list = make_action(w, "Importieren …", "Ctrl+I", "Eine Maßnahmenliste (Excel) übernehmen")
        self.export = make_action(w, "Exportieren …", "Ctrl+E", "Maßnahmen als Datei ausgeben")
        self.export_liste = make_action(w, "Maßnahmenliste (Excel) …")
        self.export_anlage = make_action(w, "Anlage zur Beschlussvorlage (Excel) …")
        self.export_csv = make_action(w, "CSV …")
        self.export_json = make_action(w, "JSON …")
        self.report = make_action(
            w, "Sachstandsbericht (PDF) …", tip="Zusammenfassung und ein Steckbrief je Maßnahme als PDF"
        )
        self.backups = make_action(w, "Sicherungen …", tip="Sicherungen anlegen und wiederherstellen")
        self.settings = make_action(w, "Einstellungen …", tip="Förderquote, Fördervolumen und Programmbüro")
        self.quit = make_action(w, "Beenden", QKeySequence.StandardKey.Quit, "Das Programm beenden")

    def _edit_actions(self, w: QMainWindow) -> None:
        self.undo = make_action(w, "Rückgängig", "Ctrl+Z", "Die letzte gespeicherte Änderung zurücknehmen")
        self.redo = make_action(w, "Wiederholen", "Ctrl+Shift+Z", "Die zurückgenommene Änderung wiederholen")
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.copy = make_action(w, "Kopieren", "Ctrl+C", "Die gewählten Zeilen als Tabelle kopieren")
        self.copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # the list's, as Entf
        self.delete = make_action(
            w, "Löschen", QKeySequence.StandardKey.Delete, "In den Papierkorb verschieben"
        )
        # Only while the list (or another view of the measures) has the focus: Entf in a form field
        # or in a table of the detail must never delete the measure.
        self.delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.trash = make_action(w, "Papierkorb …", tip="Gelöschte Maßnahmen ansehen und wiederherstellen")
        self.clusters = make_action(
            w, "Cluster …", tip="Cluster anlegen, umbenennen, beschreiben und löschen"
        )
        self.find = make_action(w, "Suchen", QKeySequence.StandardKey.Find, "In der Liste suchen")
        self.protokoll = make_action(
            w,
            "Änderungsprotokoll …",
            tip="Alle Änderungen an Maßnahmen und Einstellungen ansehen und exportieren",
        )

    def _view_actions(self, w: QMainWindow) -> None:
        self.show_list = make_action(w, "Liste", "Ctrl+1", "Die Maßnahmen als Liste")
        self.show_timeline = make_action(w, "Zeitplan", "Ctrl+2", "Die Maßnahmen als Zeitplan")
        self.show_overview = make_action(w, "Übersicht", "Ctrl+3", "Zahlen und Termine auf einen Blick")
        self.programm = make_action(
            w, "Programm und Mittelabrufe …", tip="Abrufbare Mittel je Halbjahr und gefährdete Bundesmittel"
        )
        self.detail_pane = make_action(
            w, "Detailbereich", "Ctrl+D", "Den Detailbereich neben der Ansicht zeigen oder ausblenden"
        )
        self.detail_pane.setCheckable(True)
        self.detail_pane.setChecked(True)
        self.views = QActionGroup(w)
        for action in self.view_actions():
            action.setCheckable(True)
            self.views.addAction(action)
        self.show_list.setChecked(True)

    def _set_icons(self, style: QStyle) -> None:
        icons = {
            self.new: SP.SP_FileIcon,
            self.save: SP.SP_DialogSaveButton,
            self.import_list: SP.SP_DialogOpenButton,
            self.export: SP.SP_DriveFDIcon,
            self.undo: SP.SP_ArrowBack,
            self.redo: SP.SP_ArrowForward,
            self.delete: SP.SP_TrashIcon,
        }
        for action, pixmap in icons.items():
            action.setIcon(style.standardIcon(pixmap))

    def _follow(self) -> None:
        """Undo and redo are named after what they would do, and on while there is something to undo or
        redo, the database may be written and no write runs."""
        stack = self._stack
        self.update_undo()
        stack.canUndoChanged.connect(self.update_undo)
        stack.canRedoChanged.connect(self.update_undo)
        self._operations.writing_changed.connect(self.update_undo)
        stack.undoTextChanged.connect(lambda text: _name_step(self.undo, "&Rückgängig", text))
        stack.redoTextChanged.connect(lambda text: _name_step(self.redo, "&Wiederholen", text))

    def update_undo(self) -> None:
        """Switch undo and redo on or off as ``_follow`` says."""
        if not shiboken6.isValid(self._stack):
            return  # the window is closing: its stack clears itself while it is destroyed
        free = self._writable and not self._operations.writing
        self.undo.setEnabled(free and self._stack.canUndo())
        self.redo.setEnabled(free and self._stack.canRedo())

    def set_writable(self, writable: bool) -> None:
        """The commands that change data on or off (a read-only database)."""
        self._writable = writable
        for action in self.changing():
            action.setEnabled(writable)
        self.update_undo()

    def view_actions(self) -> list[QAction]:
        """Liste, Zeitplan, Übersicht in the order of the view stack."""
        return [self.show_list, self.show_timeline, self.show_overview]

    def export_actions(self) -> list[QAction]:
        """The entries of Datei ▸ Exportieren."""
        return [self.export_liste, self.export_anlage, self.export_csv, self.export_json]

    def kept_from_fields(self) -> list[QAction]:
        """The commands whose keys a text field must not take (Strg+E is "end of line" on Linux, Strg+D
        "delete a character")."""
        return [self.export, self.detail_pane]

    def left_to_fields(self) -> list[QKeySequence]:
        """Keys of commands that a text field keeps: Strg+Y there redoes typing (Windows), never a save."""
        return [QKeySequence("Ctrl+Y")]

    def changing(self) -> list[QAction]:
        """The commands that change data (disabled on a read-only database)."""
        return [
            self.new,
            self.save,
            self.import_list,
            self.undo,
            self.redo,
            self.delete,
            self.trash,
            self.settings,
        ]


def _named(verb: str, what: str) -> str:
    return f"{verb}: {what}" if what else verb


def _name_step(action: QAction, verb: str, what: str) -> None:
    """Name undo or redo after the step: in full in the menu and the tooltip, shortened on the toolbar
    (a long step must not widen the window)."""
    text, plain = _named(verb, what), _named(verb.replace("&", ""), what)  # ``verb`` with its Alt letter
    action.setText(text)
    action.setIconText(toolbar_text(plain))
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{plain} ({keys})" if what else f"{action.statusTip()} ({keys})")


def fill_menus(window: QMainWindow, a: MainActions, offered: set[QAction]) -> None:
    """Datei, Bearbeiten, Ansicht and Hilfe with the offered commands only (no dead entries)."""
    bar = window.menuBar()
    bar.clear()
    datei = bar.addMenu("&Datei")
    _fill(datei, [a.new, a.save, None, a.import_list], offered)
    if offered.intersection(a.export_actions()):
        _fill(datei.addMenu("&Exportieren"), a.export_actions(), offered)
    _fill(datei, [a.report], offered)
    _fill(datei, [None, a.backups, a.settings, None, a.quit], offered)
    bearbeiten = [a.undo, a.redo, None, a.copy, a.delete, a.trash, a.protokoll, None, a.clusters]
    bearbeiten += [None, a.find]
    _fill(bar.addMenu("&Bearbeiten"), bearbeiten, offered)
    _fill(bar.addMenu("&Ansicht"), [*a.view_actions(), None, a.detail_pane, None, a.programm], offered)
    bar.addMenu("&Hilfe")  # filled by help_actions.add_help_actions


def fill_toolbar(toolbar: QToolBar, a: MainActions, offered: set[QAction]) -> None:
    """The everyday commands, with their text beside the icon."""
    toolbar.clear()
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    entries: Entries = [a.new, a.save, a.delete, None, a.undo, a.redo, None, a.import_list, a.export, None]
    _fill(toolbar, [*entries, *a.view_actions()], offered)


def _fill(target: QWidget, entries: Entries, offered: set[QAction]) -> None:
    previous_was_separator = True
    for entry in entries:
        if entry is None:
            if not previous_was_separator:
                _add_separator(target)
            previous_was_separator = True
        elif entry in offered:
            target.addAction(entry)
            previous_was_separator = False


def _add_separator(target: QWidget) -> None:
    if isinstance(target, QMenu | QToolBar):
        target.addSeparator()
