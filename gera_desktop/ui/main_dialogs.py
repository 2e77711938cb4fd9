"""The dialogs the main window opens: import, export, the Sachstandsbericht, backups, settings, the
Papierkorb, the Clusters, the Stände, the comparison, and the programme view (the one not modal).

Each opens window-modal (``open()``, so the window keeps painting while background work runs) and deletes
itself when closed. The dialogs get the operations of the application core; what they change reaches the
views through its ``changed`` signal, so nothing here refreshes the window. The dialog modules (and with
them the workbook's reader and writers) are imported when a dialog is first opened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QWidget

from gera_desktop.services.core_results import DatabaseFacts
from gera_desktop.services.listing import ListFilter
from gera_desktop.ui.keyboard import make_keyboard_friendly
from gera_desktop.ui.operations import Operation, Operations
from gera_desktop.ui.views.list_view import MassnahmenListView

if TYPE_CHECKING:
    from gera_desktop.services.export import Layout
    from gera_desktop.ui.dialogs.backups import BackupsDialog
    from gera_desktop.ui.dialogs.clusters import ClustersDialog
    from gera_desktop.ui.dialogs.export_dialog import ExportDialog
    from gera_desktop.ui.dialogs.import_dialog import ImportDialog
    from gera_desktop.ui.dialogs.protokoll import ProtokollDialog
    from gera_desktop.ui.dialogs.settings import SettingsDialog
    from gera_desktop.ui.dialogs.staende import StaendeDialog
    from gera_desktop.ui.dialogs.trash import TrashDialog
    from gera_desktop.ui.dialogs.vergleich import VergleichDialog
    from gera_desktop.ui.views.fristen import FristenWindow
    from gera_desktop.ui.views.programm import ProgrammView

XLSX = ".xlsx"
D = TypeVar("D", bound=QDialog)


class MainDialogs(QObject):
    """Opens the dialogs over ``parent``; ``on_restored(nr)`` when a measure came back from the Papierkorb
    (its restoring, purging and emptying go onto ``undo_stack``); ``stand_requested(name)`` when the user
    asked to see a Stand; ``measure_requested(nr)`` when the user asked to see a measure (a double-click in
    the programme view)."""

    stand_requested = Signal(str)
    measure_requested = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        operations: Operations,
        list_view: MassnahmenListView,
        facts: Callable[[], DatabaseFacts | None],
        on_restored: Callable[[str], None],
        undo_stack: QUndoStack,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._operations = operations
        self._list = list_view
        self._facts = facts
        self._on_restored = on_restored
        self._programm: ProgrammView | None = None
        self._fristen: FristenWindow | None = None
        self._undo_stack = undo_stack
        self._protokoll: ProtokollDialog | None = None

    def _read_only(self) -> bool:
        facts = self._facts()
        return facts is None or facts.read_only

    def open_import(self, path: Path | None = None) -> ImportDialog | None:
        """Check ``path`` (or a file the user chooses) in a dry run, then import on request."""
        from gera_desktop.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self._operations, self._read_only(), path, self._parent)
        if dialog.path is None:  # the user did not choose a file
            dialog.deleteLater()
            return None
        return _show(dialog)

    def open_export(self, layout: Layout | None = None) -> ExportDialog:
        """Export every measure or those the list shows, in the chosen layout."""
        from gera_desktop.ui.dialogs.export_dialog import ExportDialog

        facts = self._facts()
        dialog = ExportDialog(
            self._operations,
            self._list.all_records(),
            self._list.visible_records(),
            self._parent,
            layout,
            damaged=facts is not None and facts.damaged,
            read_only=self._read_only(),
        )
        return _show(dialog)

    def open_report(self) -> Operation | None:
        """The Sachstandsbericht (PDF): a file to write it to, then written in the background."""
        from gera_desktop.ui.report.action import write_report_to_chosen_file

        return write_report_to_chosen_file(self._parent, self._operations)

    def open_backups(self) -> BackupsDialog:
        """The backups of the database; a restore replaces it (the views read everything again)."""
        from gera_desktop.ui.dialogs.backups import BackupsDialog

        return _show(BackupsDialog(self._operations, self._facts(), self._parent))

    def open_trash(self) -> TrashDialog:
        """The deleted measures; a restored one appears in the list again, selected."""
        from gera_desktop.ui.dialogs.trash import TrashDialog

        dialog = TrashDialog(self._operations, self._undo_stack, self._parent)
        dialog.restored.connect(self._on_restored)
        return _show(dialog)

    def open_settings(self) -> SettingsDialog:
        """The programme settings; saved ones change computed amounts and sums at once."""
        from gera_desktop.ui.dialogs.settings import SettingsDialog

        return _show(SettingsDialog(self._operations, self._parent))

    def open_clusters(self) -> ClustersDialog:
        """The Clusters: add, rename, describe, delete an empty one (the list and detail follow)."""
        from gera_desktop.ui.dialogs.clusters import ClustersDialog

        return _show(ClustersDialog(self._operations, self._read_only(), self._parent))

    def open_protokoll(self) -> ProtokollDialog:
        """The Änderungsprotokoll, beside the window (not modal; opened again, it comes to the front)."""
        from gera_desktop.ui.dialogs.protokoll import ProtokollDialog

        if self._protokoll is None or not shiboken6.isValid(self._protokoll):
            self._protokoll = ProtokollDialog(self._operations, self._parent)
            self._protokoll.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            make_keyboard_friendly(self._protokoll)
        self._protokoll.show()
        self._protokoll.raise_()
        self._protokoll.activateWindow()
        return self._protokoll

    def open_staende(self) -> StaendeDialog:
        """The Stände: freeze, show (``stand_requested``), compare, delete."""
        from gera_desktop.ui.dialogs.staende import StaendeDialog

        dialog = StaendeDialog(self._operations, self._read_only(), self._parent)
        dialog.show_requested.connect(self.stand_requested)
        dialog.compare_requested.connect(lambda name: self.open_vergleich(name, over=dialog))
        return _show(dialog)

    def open_vergleich(self, von: str | None = None, over: QWidget | None = None) -> VergleichDialog:
        """The comparison of a Stand (``von``: the newest) with another or with today."""
        from gera_desktop.ui.dialogs.vergleich import VergleichDialog

        return _show(VergleichDialog(self._operations, over or self._parent, von))

    def open_programm(self) -> ProgrammView:
        """The programme view of the funding calls beside the window (not modal; one at a time)."""
        from gera_desktop.ui.views.programm import ProgrammView

        view = self._programm
        if view is not None and shiboken6.isValid(view):
            view.raise_()  # already open: it comes forward
            view.activateWindow()
            return view
        view = ProgrammView(self._operations, self._parent)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        make_keyboard_friendly(view)
        view.measure_requested.connect(self.measure_requested)
        self._programm = view
        view.show()
        return view

    def open_fristen(self) -> FristenWindow:
        """The Fristen beside the main window (one window, kept); a double-click shows the measure in the
        list (its filter cleared when it hides the measure)."""
        from gera_desktop.ui.views.fristen import FristenWindow

        if self._fristen is None:
            self._fristen = FristenWindow(self._operations, self._parent)
            make_keyboard_friendly(self._fristen)
            self._fristen.measure_requested.connect(self._show_measure)
        self._fristen.show()
        self._fristen.activateWindow()
        return self._fristen

    def _show_measure(self, nr: str) -> None:
        if self._list.model.row_of(nr) is None:
            self._list.set_filter(ListFilter())
        self._on_restored(nr)


def dropped_workbook(paths: list[Path]) -> Path | None:
    """The one Excel workbook among dropped files, or ``None``."""
    workbooks = [p for p in paths if p.suffix.lower() == XLSX]
    return workbooks[0] if len(workbooks) == 1 else None


def _show(dialog: D) -> D:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    make_keyboard_friendly(dialog)
    dialog.open()
    return dialog
