"""Opening the main window in a GUI test as a user finds it: shown and active."""

from __future__ import annotations

from gera_desktop.persistence.database import Database
from gera_desktop.ui.main_window import MainWindow


def open_main_window(qtbot, database: Database) -> MainWindow:
    """The main window on ``database``, shown and active (shortcuts reach the active window only)."""
    main = MainWindow(database)
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    return main
