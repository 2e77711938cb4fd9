"""The main window: menus, toolbar, the views of the measures beside the detail, status bar with sums."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gera_desktop import resources
from gera_desktop.config import APP_TITLE
from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.core import Anwendung
from gera_desktop.services.demo import load_demo
from gera_desktop.services.export import LAYOUTS
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.settings import SettingsService
from gera_desktop.ui import main_dialogs
from gera_desktop.ui.help_actions import add_help_actions
from gera_desktop.ui.integrity_check import check_in_background
from gera_desktop.ui.main_menu import MainActions, fill_menus, fill_toolbar
from gera_desktop.ui.main_parts import (
    ReadOnlyBar,
    StatusFigures,
    restore_layout,
    save_layout,
)
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.shortcut_keys import FieldShortcutGuard
from gera_desktop.ui.undo import DeleteCommand, push_done
from gera_desktop.ui.views.detail import DetailView
from gera_desktop.ui.views.detail_controls import confirm_delete
from gera_desktop.ui.welcome import WelcomePanel
from gera_desktop.ui.workers import Task
from gera_desktop.ui.workspace import Workspace

WELCOME_PAGE, WORK_PAGE = 0, 1


class MainWindow(QMainWindow):
    """Title with the database name; welcome panel or the views of the measures; commands and status."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = database
        self._reopened: Database | None = None
        self._full_check: Task | None = None
        self._service = MassnahmenService(database)
        self._settings_service = SettingsService(database)
        self._programme = ProgrammEinstellungen()
        self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        self.operations = Operations(Anwendung.on(database), self)
        self.commands = MainActions(self, self.undo_stack, self.operations)
        self._shortcut_guard = FieldShortcutGuard(
            self, self.commands.kept_from_fields(), self.commands.left_to_fields()
        )
        self.setWindowTitle(f"{APP_TITLE} – {database.display_name}")
        self._build_ui()
        self._offer_commands()
        self._connect_signals()
        restore_layout(self)
        self.refresh()

    # --- building ---------------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.workspace = Workspace(self._make_detail(), self)
        self.splitter = self.workspace
        self.list_view = self.workspace.list_view
        self.timeline = self.workspace.timeline
        self.views = self.workspace.views
        self.welcome = WelcomePanel(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.workspace)
        self.read_only_bar = ReadOnlyBar(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.read_only_bar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.toolbar = QToolBar("Werkzeugleiste", self)
        self.toolbar.setObjectName("werkzeugleiste")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.status = StatusFigures(self.statusBar(), self._db.display_name)
        self._size_for_screen()

    def _size_for_screen(self) -> None:
        """First start: room for the list's default columns beside the detail (later: as the user left it)."""
        screen = self.screen().availableGeometry()
        width, height = min(1840, int(screen.width() * 0.92)), min(1000, int(screen.height() * 0.92))
        self.resize(width, height)
        detail_width = max(self.detail.sizeHint().width() + 60, int(width * 0.36))
        self.workspace.setSizes([width - detail_width, detail_width])

    def _make_detail(self) -> DetailView:
        detail = DetailView(self._service, self._settings_service, self.undo_stack, self)
        detail.set_read_only(self._db.read_only)
        detail.saved.connect(self._on_detail_saved)
        detail.deleted.connect(self._on_detail_deleted)
        return detail

    @property
    def detail(self) -> DetailView:
        """The detail of the selected measure."""
        return self.workspace.detail

    def _offer_commands(self) -> None:
        a = self.commands
        offered = {a.new, a.save, a.delete, a.undo, a.redo, a.find, a.quit, a.import_list, a.export}
        offered |= {*a.export_actions(), a.backups, a.settings, a.trash, *a.view_actions()}
        fill_menus(self, a, offered)
        fill_toolbar(self.toolbar, a, offered)
        self.help_actions = add_help_actions(self)  # Vorlage speichern, Support-Paket, Über
        for view in (self.list_view.table, self.timeline):  # Entf there only, never in a form field
            view.addAction(a.delete)
        self.addActions([action for action in offered if action is not a.delete])
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        """Changing commands are off while the database can only be read; the yellow bar says why."""
        writable = not self._db.read_only
        self.commands.set_writable(writable)
        self.commands.delete.setEnabled(writable and bool(self.list_view.current_nr()))
        self.welcome.setEnabled(writable)
        self.read_only_bar.show_for(self._db)
        self.detail.set_read_only(not writable)

    def _connect_signals(self) -> None:
        a = self.commands
        a.new.triggered.connect(self._on_new_triggered)
        a.save.triggered.connect(lambda: self.detail.save())
        a.delete.triggered.connect(self._on_delete_triggered)
        a.undo.triggered.connect(self._on_undo_triggered)
        a.redo.triggered.connect(self._on_redo_triggered)
        a.find.triggered.connect(self._on_find_triggered)
        a.quit.triggered.connect(self.close)
        a.import_list.triggered.connect(lambda: main_dialogs.open_import(self))
        a.export.triggered.connect(lambda: main_dialogs.open_export(self))
        for layout, action in zip(LAYOUTS, a.export_actions(), strict=True):
            action.triggered.connect(
                lambda _checked=False, layout=layout: main_dialogs.open_export(self, layout)
            )
        a.backups.triggered.connect(lambda: main_dialogs.open_backups(self))
        a.trash.triggered.connect(lambda: main_dialogs.open_trash(self))
        a.settings.triggered.connect(lambda: main_dialogs.open_settings(self))
        self.welcome.import_requested.connect(a.import_list.trigger)
        self.welcome.new_requested.connect(a.new.trigger)
        for page, action in enumerate(a.view_actions()):
            action.triggered.connect(lambda _checked=False, page=page: self.show_view(page))
        self.workspace.view_changed.connect(self._on_workspace_view_changed)
        self.list_view.visible_changed.connect(self._on_list_view_visible_changed)
        self.list_view.current_changed.connect(self._on_list_view_current_changed)
        self.welcome.demo_requested.connect(self._on_welcome_demo_requested)

    # --- content ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the measures and the programme settings again; the selection stays where it was."""
        with self._reporting_errors():
            self._programme = self._settings_service.load()
            records = self._service.list()
            self.workspace.set_records(records, self._programme)
            self.workspace.reload_detail()
            showing_new = self.detail.is_new()
            self.pages.setCurrentIndex(WORK_PAGE if records or showing_new else WELCOME_PAGE)
            for action in (self.commands.export, *self.commands.export_actions()):
                action.setEnabled(bool(records))
            self._update_status()

    @property
    def database(self) -> Database:
        """The open database."""
        return self._db

    @property
    def service(self) -> MassnahmenService:
        """The measures of the open database."""
        return self._service

    def show_restored(self, nr: str) -> None:
        """A measure came back from the Papierkorb: show it, selected."""
        self.refresh()
        self.show_view(0)
        self.list_view.select(nr)

    def database_restored(self) -> None:
        """A backup replaced the database: open it again (it may be writable now) and read everything."""
        with self._reporting_errors():
            fresh = open_database(self._db.url)
            self._db.dispose()
            if self._reopened is not None:
                self._reopened.dispose()
            self._db = self._reopened = fresh
            self._service = MassnahmenService(fresh)
            self._settings_service = SettingsService(fresh)
        self.workspace.replace_detail(self._make_detail())
        self.undo_stack.clear()
        self._apply_read_only()
        self.refresh()

    def start_full_check(self) -> Task | None:
        """After the window shows: the full integrity check in the background; damage makes it read-only."""
        self._full_check = check_in_background(self._db, self._on_full_check_damage)
        return self._full_check

    def _on_full_check_damage(self, db: Database) -> None:
        if db is self._db:
            self._apply_read_only()
            QMessageBox.warning(self, APP_TITLE, db.read_only_reason or "")

    def show_view(self, page: int) -> None:
        """Show Liste (0), Zeitplan (1) or Übersicht (2)."""
        self.workspace.show_view(page)

    def _update_status(self) -> None:
        view = self.list_view
        self.status.show(view.visible_count(), view.record_count(), view.visible_totals())

    @contextmanager
    def _reporting_errors(self) -> Iterator[None]:
        """Our errors become a German message box; the action stops there."""
        try:
            yield
        except GeraError as error:
            QMessageBox.warning(self, APP_TITLE, error.message)

    # --- slots ------------------------------------------------------------------------------------------

    def _on_list_view_visible_changed(self, _records: list[MassnahmeData]) -> None:
        self._update_status()

    def _on_list_view_current_changed(self, nr: str) -> None:
        self.commands.delete.setEnabled(bool(nr) and not self._db.read_only)

    def _on_workspace_view_changed(self, page: int) -> None:
        self.commands.view_actions()[page].setChecked(True)

    def _on_new_triggered(self) -> None:
        if self.workspace.new_measure():
            self.pages.setCurrentIndex(WORK_PAGE)

    def _on_detail_saved(self, record: MassnahmeData) -> None:
        if self.list_view.update_record(record):
            return
        self.refresh()  # a new measure
        self.list_view.select(record.nr)

    def _on_detail_deleted(self, _nr: str) -> None:
        self.refresh()

    def _on_delete_triggered(self) -> None:
        nr = self.list_view.current_nr()
        if not nr:
            return
        if self.detail.current_nr() == nr:
            self.detail.delete()
            return
        with self._reporting_errors():
            record = self._service.get(nr)
            if not confirm_delete(self, record):
                return
            self._service.delete(record.nr, record.version)
            push_done(self.undo_stack, DeleteCommand(self._service, record))
            self.refresh()

    def _on_undo_triggered(self) -> None:
        self.undo_stack.undo()
        self.refresh()

    def _on_redo_triggered(self) -> None:
        self.undo_stack.redo()
        self.refresh()

    def _on_find_triggered(self) -> None:
        if self.pages.currentIndex() == WORK_PAGE:
            self.show_view(0)
            self.list_view.focus_search()

    def _on_welcome_demo_requested(self) -> None:
        with self._reporting_errors():
            load_demo(self._db, resources.demo_data())
        self.refresh()

    def save_layout(self) -> None:
        """Remember geometry, splitter, columns and view for the next start."""
        save_layout(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.detail.maybe_leave():
            event.ignore()
            return
        self.save_layout()
        self.detail.detach()
        if self._full_check is not None:
            self._full_check.cancel()
        super().closeEvent(event)
        if self._reopened is not None:
            self._reopened.dispose()

    # --- dropping a workbook ----------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._dropped_workbook(event.mimeData()) is not None and not self._db.read_only:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = self._dropped_workbook(event.mimeData())
        if path is not None and not self._db.read_only:
            event.acceptProposedAction()
            main_dialogs.open_import(self, path)

    @staticmethod
    def _dropped_workbook(data: QMimeData) -> Path | None:
        return main_dialogs.dropped_workbook(
            [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
        )
