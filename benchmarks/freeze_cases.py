"""Nie eingefroren (issue 11): importing, exporting, backing up and restoring 10,000 measures in the main
window, driven through its own dialogs on the offscreen platform, and the window's refresh right after.
The longest gap between two ticks of a 10 ms timer on the GUI thread is the longest time the window could
not react; goal ≤ 100 ms. Floor: the same meter while the window is idle (the tick itself).

The window starts on an empty database, imports the workbook (check, then import), exports the
Maßnahmenliste, makes a backup and restores it. Each action is measured until the window shows its result
and for a moment after it (late repaints and deferred work count too). Questions answer themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from benchmarks import fixtures
from benchmarks.harness import BenchmarkError, Row, Settings, count, emit, heading
from benchmarks.qt_support import (
    StallMeter,
    answer_dialogs,
    application,
    run_events,
    shown_window,
    wait_until,
)
from gera_desktop.persistence.opening import open_database
from gera_desktop.ui.dialogs.backups import BackupsDialog
from gera_desktop.ui.dialogs.import_dialog import ImportDialog
from gera_desktop.ui.main_window import MainWindow

GOAL_MS = 100.0
AFTER_S = 0.3
IDLE_S = 1.0
FLOOR = "10-ms-Takt im Leerlauf"


class Actions:
    """The user's actions on one main window, each returning once the window shows its result."""

    def __init__(self, window: MainWindow, measures: int) -> None:
        self.window = window
        self.measures = measures
        self.dialog: ImportDialog | None = None

    def _listed(self) -> bool:
        return self.window.list_view.model.rowCount() == self.measures

    def check_import(self, workbook: Path) -> None:
        """Choose the workbook: the dialog checks it in a dry run and shows the report."""
        dialog = self.window.dialogs.open_import(workbook)
        assert dialog is not None
        self.dialog = dialog
        wait_until(lambda: not dialog.busy, "Prüfung der Datei")
        if dialog.report is None or not dialog.report.ok:
            raise BenchmarkError(f"Prüfung der Datei: {dialog.headline.text()}")
        run_events(AFTER_S)

    def save_import(self) -> None:
        """ "Importieren": the changes are stored, the window lists the measures."""
        dialog = self.dialog
        assert dialog is not None
        dialog.start_import()
        wait_until(lambda: not dialog.busy, "Import")
        if dialog.report is None or dialog.report.dry_run:
            raise BenchmarkError(f"Import: {dialog.headline.text()}")
        wait_until(self._listed, "Liste nach dem Import")
        run_events(AFTER_S)
        dialog.close()

    def export(self) -> None:
        """Export every measure as Maßnahmenliste (the file name is answered by ``answer_dialogs``)."""
        dialog = self.window.dialogs.open_export("liste")
        written: list[object] = []
        dialog.exported.connect(written.append)
        dialog.export_button.click()
        wait_until(lambda: bool(written), "Export")
        run_events(AFTER_S)

    def backup(self) -> None:
        """ "Jetzt sichern" in the Sicherungen dialog."""
        dialog = self._backups_dialog()
        before = dialog.model.rowCount()
        dialog.backup_button.click()
        wait_until(lambda: dialog.model.rowCount() > before and dialog.backup_button.isEnabled(), "Sicherung")
        run_events(AFTER_S)
        dialog.close()

    def _backups_dialog(self) -> BackupsDialog:
        """The Sicherungen dialog once it lists the backups (it reads the folder in the background)."""
        dialog = self.window.dialogs.open_backups()
        listed: list[bool] = []
        dialog.read.connect(lambda: listed.append(True))
        wait_until(lambda: bool(listed), "Liste der Sicherungen")
        return dialog

    def restore(self) -> None:
        """Restore the newest backup (the one just made); the window reads everything again."""
        dialog = self._backups_dialog()
        restored: list[bool] = []
        dialog.restored.connect(lambda: restored.append(True))
        dialog.select_row(0)
        dialog.restore_button.click()
        wait_until(lambda: bool(restored), "Wiederherstellung")
        wait_until(self._listed, "Liste nach der Wiederherstellung")
        run_events(AFTER_S)
        dialog.close()


def steps(actions: Actions, workbook: Path) -> list[tuple[str, Callable[[], None]]]:
    """(row name, action) in the order a user would take them."""
    n = count(actions.measures)
    return [
        (f"Import prüfen ({n} Maßnahmen, Probelauf)", lambda: actions.check_import(workbook)),
        (f"Import speichern ({n}) + Fenster neu laden", actions.save_import),
        (f"Export Maßnahmenliste ({n})", actions.export),
        (f"Sicherung der Datenbank ({n})", actions.backup),
        (f"Wiederherstellung ({n}) + Fenster neu laden", actions.restore),
    ]


def run(settings: Settings) -> None:
    """The idle floor, then every action with its longest stall."""
    n = settings.measures
    workbook = fixtures.workbook(settings.workdir, n)
    application()
    answer_dialogs(settings.workdir / "export-eingefroren.xlsx")
    db = open_database(fixtures.url(settings.workdir / "eingefroren.sqlite"))
    window = shown_window(db)
    run_events(AFTER_S)
    meter = StallMeter()
    heading(
        "Nie eingefroren",
        "Längste Pause zwischen zwei Takten eines 10-ms-Timers im GUI-Thread, während der Aktion und "
        f"{int(AFTER_S * 1000)} ms danach; Aktionen über die Dialoge des Hauptfensters.",
    )
    floor = meter.longest_ms(lambda: run_events(IDLE_S))
    emit(Row("Leerlauf (Boden)", floor, "ms"))
    for name, action in steps(Actions(window, n), workbook):
        stall = meter.longest_ms(action)
        emit(Row(name, stall, "ms", floor=floor, goal=GOAL_MS, absolute=True, basis=FLOOR))
    window.close()
    db.dispose()
