"""The command Ansicht ▸ Fristen (Strg+4), added below Übersicht once the window has built its menus; the
window connects it to its dialogs (``MainDialogs.open_fristen``). The Fristen window's module is loaded
when it is first opened, not at the start."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from gera_desktop.ui.help_actions import insert_after, menu
from gera_desktop.ui.main_menu import make_action

FRISTEN_KEYS = "Ctrl+4"
TIP = "Was fällig ist: Programmfristen, Meilensteine, Projektenden, Mittelabrufe, Verstetigung"


def add_fristen_action(window: QMainWindow) -> QAction:
    """Ansicht ▸ Fristen (Strg+4) below Übersicht, its key working everywhere; returns the action."""
    action = make_action(window, "Fristen", FRISTEN_KEYS, TIP)
    insert_after(menu(window, "Ansicht"), action, "Übersicht")
    window.addAction(action)
    return action
