"""Opening the main window in a GUI test as a user finds it: shown, active, its measures listed."""

from __future__ import annotations

from gera_desktop.persistence.database import Database
from gera_desktop.services.core import Anwendung
from gera_desktop.ui.main_window import MainWindow

LOAD_MS = 20_000


def open_main_window(qtbot, database: Database) -> MainWindow:
    """The main window on ``database``, shown and active (shortcuts reach the active window only), once
    it has listed its measures; at the end of the test it closes when its operations are over."""
    main = MainWindow(Anwendung.on(database))
    qtbot.addWidget(main, before_close_func=lambda window: finish_operations(qtbot, window))
    with qtbot.waitSignal(main.loaded, timeout=LOAD_MS):
        main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    return main


def finish_operations(qtbot, window: MainWindow) -> None:
    """Wait until the window's reads and writes are over (the test's database closes after it)."""
    qtbot.waitUntil(lambda: not window.operations.busy, timeout=LOAD_MS)


def select(qtbot, window: MainWindow, nr: str) -> None:
    """Select the measure in the list and wait until the detail shows it."""
    window.list_view.select(nr)
    qtbot.waitUntil(lambda: window.detail.current_nr() == nr)


def save(qtbot, window: MainWindow) -> None:
    """Save the detail and wait until the list shows the stored measure."""
    with qtbot.waitSignal(window.detail.saved) as saved:
        assert window.detail.save()
    nr = saved.args[0].nr
    qtbot.waitUntil(lambda: window.list_view.current_nr() == nr and not window.operations.busy)
