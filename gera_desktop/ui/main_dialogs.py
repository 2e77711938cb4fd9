"""The dialogs the main window opens: import, export, backups, settings and the Papierkorb.

Each opens window-modal (``open()``, so the window keeps painting while background work runs), deletes
itself when closed, and makes the window show what it changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from gera_desktop.services.export import Layout
from gera_desktop.ui.dialogs.backups import BackupsDialog
from gera_desktop.ui.dialogs.export_dialog import ExportDialog
from gera_desktop.ui.dialogs.import_dialog import ImportDialog
from gera_desktop.ui.dialogs.settings import SettingsDialog
from gera_desktop.ui.dialogs.trash import TrashDialog

if TYPE_CHECKING:
    from gera_desktop.ui.main_window import MainWindow

XLSX = ".xlsx"
D = TypeVar("D", bound=QDialog)


def open_import(window: MainWindow, path: Path | None = None) -> ImportDialog | None:
    """Check ``path`` (or a file the user chooses) in a dry run, then import on request."""
    dialog = ImportDialog(window.database, path, window)
    if dialog.path is None:  # the user did not choose a file
        dialog.deleteLater()
        return None
    dialog.imported.connect(lambda _report: window.refresh())
    return _show(dialog)


def open_export(window: MainWindow, layout: Layout | None = None) -> ExportDialog:
    """Export every measure or those the list shows, in the chosen layout."""
    all_records = window.list_view.all_records()
    dialog = ExportDialog(window.database, all_records, window.list_view.visible_records(), window, layout)
    return _show(dialog)


def open_backups(window: MainWindow) -> BackupsDialog:
    """The backups of the database; after a restore the window reads everything again."""
    dialog = BackupsDialog(window.database, window)
    dialog.restored.connect(window.database_restored)
    return _show(dialog)


def open_trash(window: MainWindow) -> TrashDialog:
    """The deleted measures; a restored one appears in the list again, selected."""
    dialog = TrashDialog(window.service, window)
    dialog.restored.connect(window.show_restored)
    return _show(dialog)


def open_settings(window: MainWindow) -> SettingsDialog:
    """The programme settings; saved ones change computed amounts and sums at once."""
    dialog = SettingsDialog(window.database, window)
    dialog.saved.connect(lambda _settings: window.refresh())
    return _show(dialog)


def dropped_workbook(paths: list[Path]) -> Path | None:
    """The one Excel workbook among dropped files, or ``None``."""
    workbooks = [p for p in paths if p.suffix.lower() == XLSX]
    return workbooks[0] if len(workbooks) == 1 else None


def _show(dialog: D) -> D:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
