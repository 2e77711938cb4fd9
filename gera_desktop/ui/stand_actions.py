"""The commands of the council cycle, added to the main window's Ansicht menu: Stände … (Strg+Umschalt+S)
and Vergleich … (a Stand with another or with today).

``add_stand_actions(window)`` is called once the window has built its menus; the window connects the
commands to its dialogs.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from gera_desktop.ui.help_actions import menu
from gera_desktop.ui.main_menu import make_action

STAENDE_KEYS = "Ctrl+Shift+S"


class StandActions(QObject):
    """Stände … and Vergleich …."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.staende = make_action(
            window, "Stände …", STAENDE_KEYS, "Eingefrorene Stände anlegen, ansehen, vergleichen und löschen"
        )
        self.vergleich = make_action(
            window, "Vergleich …", tip="Einen Stand mit einem anderen oder mit heute vergleichen"
        )


def add_stand_actions(window: QMainWindow) -> StandActions:
    """Put the commands at the end of Ansicht, below a separator, and let their keys work everywhere."""
    actions = StandActions(window)
    ansicht = menu(window, "Ansicht")
    ansicht.addSeparator()
    ansicht.addAction(actions.staende)
    ansicht.addAction(actions.vergleich)
    window.addActions([actions.staende, actions.vergleich])
    return actions
