"""The main window: menus, toolbar, the views of the measures beside the detail, status bar with sums.

The window gets the application core (not a database) and runs everything through its operations. It
paints first, with a list saying that the measures are being loaded; once shown the list reads its
measures straight from the file where it can, then the database is opened in the background
(``opened(facts)``, or ``open_failed(message)``; without that first look the list reads it then).
``loaded`` says that the measures are listed and the database is open (again after each whole reading).
What a write changes reaches each view through the operations' ``changed`` signal; the window itself
follows a replaced or read-only database (title, read-only bar, commands). While a frozen Stand is shown
(Ansicht ▸ Stände …) a bar names it and every command that changes measures is off.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from gera_desktop import resources
from gera_desktop.config import APP_TITLE
from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.stand import Snapshot
from gera_desktop.services.changes import Changes, Outcome
from gera_desktop.services.core import Anwendung, DatabaseFacts
from gera_desktop.services.export import LAYOUTS
from gera_desktop.ui.fristen_action import add_fristen_action
from gera_desktop.ui.grouping_actions import add_grouping_actions
from gera_desktop.ui.help_actions import add_help_actions
from gera_desktop.ui.integrity_check import check_in_background
from gera_desktop.ui.keyboard import give_menu_mnemonics, make_keyboard_friendly
from gera_desktop.ui.main_dialogs import MainDialogs, dropped_workbook
from gera_desktop.ui.main_menu import MainActions, fill_menus, fill_toolbar
from gera_desktop.ui.main_parts import (
    FirstPaint,
    ReadOnlyBar,
    StandBar,
    StatusFigures,
    place_first,
    restore_layout,
    save_layout,
)
from gera_desktop.ui.operations import Operation, Operations
from gera_desktop.ui.printing.action import add_print_actions
from gera_desktop.ui.shortcut_keys import FieldShortcutGuard
from gera_desktop.ui.stand_actions import add_stand_actions
from gera_desktop.ui.views.detail import DetailView
from gera_desktop.ui.views.detail_controls import confirm_delete
from gera_desktop.ui.welcome import WelcomePanel
from gera_desktop.ui.workers import show_error
from gera_desktop.ui.workspace import Workspace

if TYPE_CHECKING:
    from gera_desktop.ui.views.timeline import TimelineView

WELCOME_PAGE, WORK_PAGE = 0, 1
NOT_OPENED = "Die Datenbank konnte wegen eines Programmfehlers nicht geöffnet werden."


class MainWindow(QMainWindow):
    """Title with the database name; welcome panel or the views of the measures; commands and status."""

    opened = Signal(object)
    open_failed = Signal(str)
    loaded = Signal()

    def __init__(self, core: Anwendung, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts: DatabaseFacts | None = None
        self._started = self._listed = False
        self._full_check: Operation | None = None
        self.setAcceptDrops(True)
        self.setWindowTitle(APP_TITLE)
        self.undo_stack = QUndoStack(self)
        self.operations = Operations(core, self)
        self.commands = MainActions(self, self.undo_stack, self.operations)
        self._shortcut_guard = FieldShortcutGuard(
            self, self.commands.kept_from_fields(), self.commands.left_to_fields()
        )
        self._build_ui()
        self.dialogs = MainDialogs(
            self, self.operations, self.list_view, lambda: self.facts, self.show_restored, self.undo_stack
        )
        self._offer_commands()
        give_menu_mnemonics(self.menuBar())
        make_keyboard_friendly(self)
        self._connect_signals()
        restore_layout(self, self.splitter, self.workspace.detail_pane, self.list_view, self.show_view)
        self._show_writable(False)

    # --- building ---------------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.workspace = Workspace(DetailView(self.operations, self.undo_stack, self), self.operations, self)
        self.splitter = self.workspace
        self.list_view = self.workspace.list_view
        self.list_view.set_loading(True)
        self.views = self.workspace.views
        self.welcome = WelcomePanel(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.workspace)
        self.pages.setCurrentIndex(WORK_PAGE)
        self.read_only_bar = ReadOnlyBar(self)
        self.stand_bar = StandBar(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.read_only_bar)
        layout.addWidget(self.stand_bar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.toolbar = QToolBar("Werkzeugleiste", self)
        self.toolbar.setObjectName("werkzeugleiste")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.status = StatusFigures(self.statusBar())
        self._size_for_screen()

    def _size_for_screen(self) -> None:
        """First start: most of the screen, with the detail beside the list (later: as the user left it)."""
        place_first(self, self.workspace, self.detail.preferred_width() + 60)

    @property
    def detail(self) -> DetailView:
        """The detail of the selected measure."""
        return self.workspace.detail

    @property
    def timeline(self) -> TimelineView:
        """The Zeitplan (built when first shown)."""
        return self.workspace.timeline

    def _offer_commands(self) -> None:
        a = self.commands
        offered = {a.new, a.save, a.delete, a.undo, a.redo, a.find, a.quit, a.import_list, a.export}
        offered |= {*a.export_actions(), a.backups, a.settings, a.trash, *a.view_actions(), a.report}
        offered |= {a.programm, a.clusters, a.protokoll, a.detail_pane, a.copy}
        fill_menus(self, a, offered)
        fill_toolbar(self.toolbar, a, offered)
        self.help_actions = add_help_actions(
            self, self.operations, lambda: self.facts, self.views.currentIndex
        )
        self.stand_actions = add_stand_actions(self)
        self.grouping_actions = add_grouping_actions(self, self.workspace)
        self.fristen_action = add_fristen_action(self)
        self.print_actions = add_print_actions(self, self.workspace)
        self.workspace.add_view_action(a.delete)
        self.list_view.table.addAction(a.copy)  # Strg+C in the list only, never in a form field
        self.addActions([action for action in offered if action not in (a.delete, a.copy)])

    def _connect_signals(self) -> None:
        a, d = self.commands, self.dialogs
        a.new.triggered.connect(self._on_new_triggered)
        a.save.triggered.connect(lambda: self.detail.save())
        a.delete.triggered.connect(self._on_delete_triggered)
        a.undo.triggered.connect(self.undo_stack.undo)
        a.redo.triggered.connect(self.undo_stack.redo)
        a.find.triggered.connect(self._on_find_triggered)
        a.copy.triggered.connect(self.list_view.copy_selection)
        a.quit.triggered.connect(self.close)
        a.import_list.triggered.connect(lambda: d.open_import())
        a.export.triggered.connect(lambda: d.open_export())
        for layout, action in zip(LAYOUTS, a.export_actions(), strict=True):
            action.triggered.connect(lambda _checked=False, layout=layout: d.open_export(layout))
        a.report.triggered.connect(d.open_report)
        a.backups.triggered.connect(d.open_backups)
        a.trash.triggered.connect(d.open_trash)
        a.clusters.triggered.connect(d.open_clusters)
        a.settings.triggered.connect(d.open_settings)
        a.protokoll.triggered.connect(d.open_protokoll)
        self.stand_actions.staende.triggered.connect(d.open_staende)
        self.stand_actions.vergleich.triggered.connect(lambda: d.open_vergleich())
        a.programm.triggered.connect(d.open_programm)
        d.measure_requested.connect(self.show_restored)  # the same: the list, the measure selected
        self.fristen_action.triggered.connect(d.open_fristen)
        d.stand_requested.connect(self.workspace.show_stand)
        self.stand_bar.back_requested.connect(self.workspace.show_today)
        self.workspace.stand_changed.connect(self._on_workspace_stand_changed)
        self.welcome.import_requested.connect(a.import_list.trigger)
        self.welcome.new_requested.connect(a.new.trigger)
        self.welcome.demo_requested.connect(self._on_welcome_demo_requested)
        for page, action in enumerate(a.view_actions()):
            action.triggered.connect(lambda _checked=False, page=page: self.show_view(page))
        self.workspace.view_changed.connect(self._on_workspace_view_changed)
        a.detail_pane.triggered.connect(self.workspace.detail_pane.set_shown)
        self.workspace.detail_pane.shown_changed.connect(a.detail_pane.setChecked)
        self.workspace.feed.loaded.connect(self._on_feed_loaded)
        self.list_view.visible_changed.connect(self._on_list_view_visible_changed)
        self.list_view.current_changed.connect(self._on_list_view_current_changed)
        self.detail.saved.connect(self._on_detail_saved)
        self.operations.changed.connect(self._on_operations_changed)

    # --- the database -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._started:
            self._started = True
            QTimer.singleShot(0, self.start)

    def start(self) -> None:
        """List the measures straight from the file where that can be done, then open the database in
        the background (the views read what they show once it is open)."""
        self.workspace.feed.look_first(then=self._open)

    def _open(self, listed: bool) -> None:
        """Open the database; after the first look only once the list is painted (see ``FirstPaint``)."""
        table = self.list_view.table
        painted = FirstPaint(table.viewport()) if listed and table.isVisible() else None

        def work(core: Anwendung, _steps: object) -> Outcome[DatabaseFacts]:
            if painted is not None:
                painted.wait()
            return core.open(listed)

        self.operations.write(
            work,
            on_success=self._on_opened,
            on_failed=self._on_open_failed,
            parent=self,
        )

    def _on_opened(self, facts: DatabaseFacts) -> None:
        self._show_facts(facts)
        self.workspace.database_opened()
        self.opened.emit(facts)
        if self._listed:
            self.loaded.emit()  # the list came first, from the file

    def _on_open_failed(self, error: BaseException) -> None:
        self.list_view.set_loading(False)
        if isinstance(error, GeraError):
            self.open_failed.emit(error.message)
            return
        show_error(self, error)  # a bug: logged and shown with its details
        self.open_failed.emit(NOT_OPENED)

    def start_full_check(self) -> Operation:
        """After the start: the full integrity check in the background; damage makes it read-only."""
        self._full_check = check_in_background(self.operations, self._on_full_check_damage)
        return self._full_check

    def _on_full_check_damage(self, reason: str) -> None:
        QMessageBox.warning(self, APP_TITLE, reason)

    def _on_operations_changed(self, changes: Changes) -> None:
        if changes.database_replaced:
            self.undo_stack.clear()
        if changes.database_replaced or changes.read_only:
            self.operations.read(lambda core, _steps: core.facts(), on_success=self._show_facts, parent=self)

    def _show_facts(self, facts: DatabaseFacts) -> None:
        """Title, read-only bar, database name and the commands that change data, as the database is."""
        self.facts = facts
        self.setWindowTitle(f"{APP_TITLE} – {facts.name}")
        self.status.show_database(facts.name)
        self.read_only_bar.show_for(facts)
        self._show_writable(self._writable())

    def _show_writable(self, writable: bool) -> None:
        self.commands.set_writable(writable)
        self.commands.delete.setEnabled(writable and bool(self.list_view.current_nr()))
        self.welcome.setEnabled(writable)
        self.detail.set_read_only(not writable)
        self.workspace.set_writable(writable)

    def show_restored(self, nr: str) -> None:
        """A measure came back from the Papierkorb: show it, selected, once the list has it."""
        self.show_view(0)
        self.list_view.select_when_listed(nr)

    def show_view(self, page: int) -> None:
        """Show Liste (0), Zeitplan (1) or Übersicht (2)."""
        self.workspace.show_view(page)

    # --- slots ------------------------------------------------------------------------------------------

    def _on_list_view_visible_changed(self, _records: list[MassnahmeData]) -> None:
        view = self.list_view
        self.status.show(view.visible_count(), view.record_count(), view.visible_totals())
        has_records = view.record_count() > 0
        stand = self.workspace.stand is not None
        self.pages.setCurrentIndex(
            WORK_PAGE if has_records or stand or self.detail.is_new() else WELCOME_PAGE
        )
        for action in (self.commands.export, *self.commands.export_actions(), self.commands.report):
            # the export writes today's measures, whole (not those of the start's first look)
            action.setEnabled(has_records and not stand and view.model.complete())

    def _on_feed_loaded(self) -> None:
        self._listed = True
        if self.facts is not None:
            self.loaded.emit()

    def _on_list_view_current_changed(self, nr: str) -> None:
        self.commands.delete.setEnabled(bool(nr) and self._writable())

    def _on_workspace_stand_changed(self, snapshot: Snapshot | None) -> None:
        self.stand_bar.show_for(snapshot)
        self._show_writable(self._writable())
        self._on_list_view_visible_changed(self.list_view.visible_records())

    def _on_workspace_view_changed(self, page: int) -> None:
        self.commands.view_actions()[page].setChecked(True)

    def _on_new_triggered(self) -> None:
        if self.workspace.new_measure():
            self.pages.setCurrentIndex(WORK_PAGE)

    def _on_detail_saved(self, record: MassnahmeData) -> None:
        self.list_view.select_when_listed(record.nr)

    def _on_delete_triggered(self) -> None:
        nr = self.list_view.current_nr()
        if not nr:
            return
        if self.detail.current_nr() == nr:
            self.detail.delete()
            return
        self.operations.read(lambda core, _steps: core.get(nr), on_success=self._delete, parent=self)

    def _delete(self, record: MassnahmeData) -> None:
        from gera_desktop.ui.undo import DeleteCommand, push_done  # with the column spec: not for the start

        if not confirm_delete(self, record):
            return
        self.operations.write(
            lambda core, _steps: core.delete(record.nr, record.version),
            on_success=lambda trashed: push_done(
                self.undo_stack, DeleteCommand(self.operations, trashed.massnahme)
            ),
            parent=self,
        )

    def _on_find_triggered(self) -> None:
        if self.pages.currentIndex() == WORK_PAGE:
            self.show_view(0)
            self.list_view.focus_search()

    def _on_welcome_demo_requested(self) -> None:
        self.operations.write(lambda core, _steps: core.load_demo(resources.demo_data()), parent=self)

    def save_layout(self) -> None:
        """Remember geometry, splitter, columns and view for the next start."""
        pane = self.workspace.detail_pane
        save_layout(self, self.splitter, pane, self.list_view, self.views.currentIndex())
        self.grouping_actions.save()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.detail.maybe_leave(then=self.close):
            event.ignore()
            return
        self.save_layout()
        if self._full_check is not None:
            self._full_check.cancel()
        super().closeEvent(event)

    # --- dropping a workbook ----------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._dropped_workbook(event.mimeData()) is not None and self._writable():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = self._dropped_workbook(event.mimeData())
        if path is not None and self._writable():
            event.acceptProposedAction()
            self.dialogs.open_import(path)

    def _writable(self) -> bool:
        """Measures may be changed: the database may be written and no Stand is shown."""
        return self.facts is not None and not self.facts.read_only and self.workspace.stand is None

    @staticmethod
    def _dropped_workbook(data: QMimeData) -> Path | None:
        return dropped_workbook([Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()])
