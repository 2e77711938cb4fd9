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

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMessageBox, QToolBar, QVBoxLayout, QWidget

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.services.changes import Changes, Outcome
from gera_desktop.services.core import Anwendung
from gera_desktop.ui.main_menu import MainActions, fill_menus, fill_toolbar
from gera_desktop.ui.main_pages import WELCOME_PAGE as WELCOME_PAGE
from gera_desktop.ui.main_pages import WORK_PAGE as WORK_PAGE
from gera_desktop.ui.main_pages import MainPages
from gera_desktop.ui.main_parts import (
    PAINT_WAIT_S,
    FirstPaint,
    Later,
    ReadOnlyBar,
    StandBar,
    StatusFigures,
    place_first,
    restore_layout,
    save_layout,
)
from gera_desktop.ui.operations import Operation, Operations
from gera_desktop.ui.views.detail import DetailView
from gera_desktop.ui.workspace import Workspace

if TYPE_CHECKING:
    from gera_desktop.domain.stand import Snapshot
    from gera_desktop.services.core_results import DatabaseFacts
    from gera_desktop.ui.grouping_actions import GroupingActions
    from gera_desktop.ui.help_actions import HelpActions
    from gera_desktop.ui.main_commands import WindowCommands
    from gera_desktop.ui.main_dialogs import MainDialogs
    from gera_desktop.ui.printing.action import PrintActions
    from gera_desktop.ui.stand_actions import StandActions
    from gera_desktop.ui.views.timeline import TimelineView
    from gera_desktop.ui.welcome import WelcomePanel

NOT_OPENED = "Die Datenbank konnte wegen eines Programmfehlers nicht geöffnet werden."


class MainWindow(QMainWindow):
    """Title with the database name; welcome panel or the views of the measures; commands and status.

    Built before the first paint: what is seen then (menus, toolbar, the list saying it is loading, the
    status bar). Right after it the measures are read (``start``); once they are listed, the rest is built
    (or when first needed): the welcome panel and the commands that open dialogs (``ui.main_commands``)."""

    opened = Signal(object)
    open_failed = Signal(str)
    loaded = Signal()

    def __init__(self, core: Anwendung, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts: DatabaseFacts | None = None
        self._listed = False
        self._full_check: Operation | None = None
        self._rest: WindowCommands | None = None
        self.setAcceptDrops(True)
        self.setWindowTitle(APP_TITLE)
        self.undo_stack = QUndoStack(self)
        self.operations = Operations(core, self)
        self.commands = MainActions(self, self.undo_stack, self.operations)
        self._build_ui()
        self._offer_commands()
        self._connect_signals()
        restore_layout(self, self.splitter, self.workspace.detail_pane, self.list_view, self.show_view)
        self._show_writable(False)
        self.installEventFilter(self)

    # --- building ---------------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.workspace = Workspace(DetailView(self.operations, self.undo_stack, self), self.operations, self)
        self.splitter = self.workspace
        self.list_view = self.workspace.list_view
        self.list_view.set_loading(True)
        self.views = self.workspace.views
        a = self.commands
        self.pages = MainPages(self.workspace, self.operations, a.import_list, a.new)
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
        self.workspace.add_view_action(a.delete)
        self.list_view.table.addAction(a.copy)  # Strg+C in the list only, never in a form field
        self.addActions([action for action in offered if action not in (a.delete, a.copy)])

    def _connect_signals(self) -> None:
        a = self.commands
        a.new.triggered.connect(self._on_new_triggered)
        a.save.triggered.connect(lambda: self.detail.save())
        a.undo.triggered.connect(self.undo_stack.undo)
        a.redo.triggered.connect(self.undo_stack.redo)
        a.find.triggered.connect(self._on_find_triggered)
        a.copy.triggered.connect(self.list_view.copy_selection)
        a.quit.triggered.connect(self.close)
        self.stand_bar.back_requested.connect(self.workspace.show_today)
        self.workspace.stand_changed.connect(self._on_workspace_stand_changed)
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

    # --- built after the first paint ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """The first paint of the window: once it is over, the list is read (not sooner: the reading's
        Python would take turns with the paint's), and then the rest is built (``_open``)."""
        if watched is self and event.type() == QEvent.Type.Paint:
            self.removeEventFilter(self)
            QTimer.singleShot(0, self.start)
        return False

    def complete(self) -> WindowCommands:
        """Build what the first paint does not show (once): the welcome panel, the dialogs, the commands
        that open them and Löschen (``ui.main_commands``)."""
        if self._rest is None:
            from gera_desktop.ui.main_commands import WindowCommands

            facts, shown = (lambda: self.facts), self.show_restored
            self._rest = WindowCommands(self, self.commands, self.workspace, self.operations, facts, shown)
            self.pages.welcome  # noqa: B018 – built now, not when an empty database first shows it
        return self._rest

    @property
    def welcome(self) -> WelcomePanel:
        """The panel shown on an empty database (built when first needed)."""
        return self.pages.welcome

    dialogs: Later[MainDialogs] = Later()
    help_actions: Later[HelpActions] = Later()  # Hilfe ▸ Handbuch, Support-Paket, Über; Vorlage speichern
    stand_actions: Later[StandActions] = Later()  # Ansicht ▸ Stände …, Vergleich …
    grouping_actions: Later[GroupingActions] = Later()  # Ansicht ▸ Gruppieren nach
    fristen_action: Later[QAction] = Later()  # Ansicht ▸ Fristen
    print_actions: Later[PrintActions] = Later()  # Datei ▸ Drucken …, Steckbrief drucken …

    # --- the database -----------------------------------------------------------------------------------

    def start(self) -> None:
        """List the measures straight from the file where that can be done, then open the database in
        the background (the views read what they show once it is open)."""
        self.workspace.feed.look_first(then=self._open)

    def _open(self, listed: bool) -> None:
        """Open the database; after the first look only once the list is painted (see ``FirstPaint``).
        The rest of the window is built once the list is painted too."""
        table = self.list_view.table
        painted = FirstPaint(table.viewport(), then=self.complete) if listed and table.isVisible() else None
        latest = 0 if painted is None else int(PAINT_WAIT_S * 1000)  # if the list is never painted
        QTimer.singleShot(latest, self, self.complete)

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
        self.complete()  # a window never painted (started minimised) gets its commands now
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
        from gera_desktop.ui.workers import show_error

        show_error(self, error)  # a bug: logged and shown with its details
        self.open_failed.emit(NOT_OPENED)

    def start_full_check(self) -> Operation:
        """After the start: the full integrity check in the background; damage makes it read-only."""
        from gera_desktop.ui.integrity_check import check_in_background

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
        self.pages.set_writable(writable)
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
        self.pages.show_welcome(not (has_records or stand or self.detail.is_new()))
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

    def _on_find_triggered(self) -> None:
        if self.pages.currentIndex() == WORK_PAGE:
            self.show_view(0)
            self.list_view.focus_search()

    def save_layout(self) -> None:
        """Remember geometry, splitter, columns and view for the next start."""
        pane = self.workspace.detail_pane
        save_layout(self, self.splitter, pane, self.list_view, self.views.currentIndex())
        if self._rest is not None:
            self._rest.save()

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
        from gera_desktop.ui.main_dialogs import dropped_workbook

        return dropped_workbook([Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()])
