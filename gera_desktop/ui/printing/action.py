"""Datei ▸ Drucken … (Strg+P) prints what is shown – the Liste as filtered, the Zeitplan or the Übersicht –
and Datei ▸ Steckbrief drucken … (Strg+Umschalt+P) the selected measure's Steckbrief (the page of the
Sachstandsbericht), each through Qt's print preview. The preview asks for the pages when it needs them
(and once more for the printer); they are painted then, from the views' data, with no widget per row.
The printing modules are loaded at the first use, not at the start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox

from gera_desktop.config import APP_TITLE
from gera_desktop.ui.help_actions import insert_after, menu
from gera_desktop.ui.main_menu import make_action

if TYPE_CHECKING:
    from gera_desktop.ui.workspace import Workspace

PRINT_KEYS, STECKBRIEF_KEYS = "Ctrl+P", "Ctrl+Shift+P"


class PrintActions(QObject):
    """Drucken … and Steckbrief drucken …, connected to the print preview."""

    def __init__(self, window: QMainWindow, workspace: Workspace) -> None:
        super().__init__(window)
        self._window, self._workspace = window, workspace
        self.print_shown = make_action(
            window, "Drucken …", PRINT_KEYS, "Die angezeigte Liste, den Zeitplan oder die Übersicht drucken"
        )
        self.print_steckbrief = make_action(
            window,
            "Steckbrief drucken …",
            STECKBRIEF_KEYS,
            "Den Steckbrief der ausgewählten Maßnahme drucken",
        )
        self.print_steckbrief.setEnabled(False)
        self.print_shown.triggered.connect(self._on_print_shown_triggered)
        self.print_steckbrief.triggered.connect(self._on_print_steckbrief_triggered)
        workspace.list_view.current_changed.connect(self._on_list_view_current_changed)

    def _tell(self, message: str) -> None:
        QMessageBox.information(self._window, APP_TITLE, message)

    def _on_print_shown_triggered(self) -> None:
        from gera_desktop.ui.printing.preview import show_preview
        from gera_desktop.ui.printing.printouts import shown_printout

        printout = shown_printout(self._workspace, self._tell)
        if printout is not None:
            show_preview(self._window, printout)

    def _on_print_steckbrief_triggered(self) -> None:
        from gera_desktop.ui.printing.preview import show_preview
        from gera_desktop.ui.printing.printouts import steckbrief_printout

        printout = steckbrief_printout(self._workspace, self._tell)
        if printout is not None:
            show_preview(self._window, printout)

    def _on_list_view_current_changed(self, nr: str) -> None:
        self.print_steckbrief.setEnabled(bool(nr))


def add_print_actions(window: QMainWindow, workspace: Workspace) -> PrintActions:
    """Put Drucken … and Steckbrief drucken … below the Sachstandsbericht in Datei, their keys working
    everywhere; returns the commands."""
    actions = PrintActions(window, workspace)
    datei = menu(window, "Datei")
    insert_after(datei, actions.print_steckbrief, "Sachstandsbericht")
    insert_after(datei, actions.print_shown, "Sachstandsbericht")
    window.addActions([actions.print_shown, actions.print_steckbrief])
    return actions
