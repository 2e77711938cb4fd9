"""The main window: menus, toolbar, the views of the measures beside the detail, status bar with sums."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gera_desktop import __version__, config, resources
from gera_desktop.config import APP_TITLE
from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.formatting import format_euro, format_number
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.persistence.database import READ_ONLY_MESSAGE, Database
from gera_desktop.services.demo import load_demo
from gera_desktop.services.listing import sums
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.settings import SettingsService
from gera_desktop.ui.main_menu import MainActions, fill_menus, fill_toolbar
from gera_desktop.ui.undo import DeleteCommand, push_done
from gera_desktop.ui.views.list_view import MassnahmenListView
from gera_desktop.ui.welcome import WelcomePanel

SETTINGS_FILE = "gera-desktop.ini"
WELCOME_PAGE, WORK_PAGE = 0, 1


def window_settings() -> QSettings:
    """The window's remembered layout: an INI file in the user's config directory (tests: tmp_path)."""
    return QSettings(str(config.paths().config_dir / SETTINGS_FILE), QSettings.Format.IniFormat)


def count_text(shown: int, total: int | None = None) -> str:
    """``'3 von 25 Maßnahmen'``, ``'1.250 Maßnahmen'``, ``'1 Maßnahme'``, ``'Keine Maßnahmen'``."""
    total = shown if total is None else total
    if total == 0:
        return "Keine Maßnahmen"
    noun = "Maßnahme" if total == 1 else "Maßnahmen"
    if shown == total:
        return f"{_whole(total)} {noun}"
    return f"{_whole(shown)} von {_whole(total)} {noun}"


def _whole(count: int) -> str:
    return format_number(Decimal(count), 0)


class MainWindow(QMainWindow):
    """Title with the database name; welcome panel or the views of the measures; commands and status."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = database
        self._service = MassnahmenService(database)
        self._settings_service = SettingsService(database)
        self._programme = ProgrammEinstellungen()
        self.undo_stack = QUndoStack(self)
        self.commands = MainActions(self, self.undo_stack)
        self.setWindowTitle(f"{APP_TITLE} – {database.display_name}")
        self._build_ui()
        self._offer_commands()
        self._connect_signals()
        self._restore_layout()
        self.refresh()

    # --- building ---------------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.list_view = MassnahmenListView(self)
        self.views = QStackedWidget(self)
        self.views.addWidget(self.list_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.views)
        self.welcome = WelcomePanel(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.splitter)
        self.read_only_bar = _read_only_bar(self, self._db)
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
        self._build_status_bar()
        self.resize(1360, 820)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel(self)
        self.sums_label = QLabel(self)
        self.database_label = QLabel(f"Datenbank: {self._db.display_name}", self)
        for label in (self.count_label, self.sums_label, self.database_label):
            label.setContentsMargins(8, 0, 8, 0)
        bar = self.statusBar()
        bar.addWidget(self.count_label)
        bar.addWidget(self.sums_label)
        bar.addPermanentWidget(self.database_label)

    def _offer_commands(self) -> None:
        a = self.commands
        offered = {a.delete, a.undo, a.redo, a.find, a.show_list, a.quit, a.about}
        fill_menus(self, a, offered)
        fill_toolbar(self.toolbar, a, offered)
        self.views.addAction(a.delete)
        self.addActions([action for action in offered if action is not a.delete])
        self.welcome.import_button.setVisible(a.import_list in offered)
        self.welcome.new_button.setVisible(a.new in offered)
        a.delete.setEnabled(False)
        if self._db.read_only:
            for action in a.changing():
                action.setEnabled(False)
            self.welcome.setEnabled(False)

    def _connect_signals(self) -> None:
        a = self.commands
        a.delete.triggered.connect(self._on_delete_triggered)
        a.undo.triggered.connect(self._on_undo_triggered)
        a.redo.triggered.connect(self._on_redo_triggered)
        a.find.triggered.connect(self._on_find_triggered)
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(self._on_about_triggered)
        for page, action in enumerate(a.view_actions()):
            action.triggered.connect(lambda _checked=False, page=page: self.show_view(page))
        self.list_view.visible_changed.connect(self._on_list_view_visible_changed)
        self.list_view.current_changed.connect(self._on_list_view_current_changed)
        self.welcome.demo_requested.connect(self._on_welcome_demo_requested)

    # --- content ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the measures and the programme settings again; the selection stays where it was."""
        with self._reporting_errors():
            self._programme = self._settings_service.load()
            records = self._service.list()
            self.list_view.set_programme_rate(self._programme.foerderquote)
            self.list_view.set_records(records)
            self.pages.setCurrentIndex(WORK_PAGE if records else WELCOME_PAGE)
            self._update_status()

    def records(self) -> list[MassnahmeData]:
        """Every measure the window has loaded."""
        return self.list_view.all_records()

    def show_view(self, page: int) -> None:
        """Show Liste (0), Zeitplan (1) or Übersicht (2)."""
        if 0 <= page < self.views.count():
            self.views.setCurrentIndex(page)
            self.commands.view_actions()[page].setChecked(True)

    def _update_status(self) -> None:
        shown = self.list_view.visible_records()
        self.count_label.setText(count_text(len(shown), len(self.list_view.all_records())))
        totals = sums(shown, self._programme)
        self.sums_label.setVisible(bool(shown))
        self.sums_label.setText(
            f"Gesamtkosten {format_euro(totals.gesamtkosten)}   ·   "
            f"Bundesmittel {format_euro(totals.bundesmittel)}   ·   "
            f"Eigenanteil {format_euro(totals.eigenanteil)}"
        )

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

    def _on_delete_triggered(self) -> None:
        nr = self.list_view.current_nr()
        if not nr:
            return
        with self._reporting_errors():
            record = self._service.get(nr)
            if not _confirm_delete(self, record):
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

    def _on_about_triggered(self) -> None:
        QMessageBox.about(self, "Über die Maßnahmenverwaltung", _about_text(self._programme))

    # --- remembered layout ------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = window_settings()
        geometry = settings.value("fenster/geometrie", QByteArray())
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        splitter = settings.value("fenster/teiler", QByteArray())
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        columns = settings.value("liste/spalten", QByteArray())
        if isinstance(columns, QByteArray):
            self.list_view.restore_header_state(columns)

    def save_layout(self) -> None:
        """Remember window geometry, splitter and the list's columns for the next start."""
        settings = window_settings()
        settings.setValue("fenster/geometrie", self.saveGeometry())
        settings.setValue("fenster/teiler", self.splitter.saveState())
        settings.setValue("liste/spalten", self.list_view.header_state())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_layout()
        super().closeEvent(event)


def _read_only_bar(parent: QWidget, db: Database) -> QLabel:
    """A yellow note above everything while the database can only be read."""
    reason = db.read_only_reason or READ_ONLY_MESSAGE
    bar = QLabel(f"<b>Nur lesen:</b> {html.escape(reason)}", parent)
    bar.setObjectName("readOnlyBar")
    bar.setWordWrap(True)
    bar.setTextFormat(Qt.TextFormat.RichText)
    bar.setStyleSheet("#readOnlyBar { background: #fff4ce; color: #4a3b00; padding: 8px 12px; }")
    bar.setVisible(db.read_only)
    return bar


def _confirm_delete(parent: QWidget, record: MassnahmeData) -> bool:
    answer = QMessageBox.question(
        parent,
        APP_TITLE,
        f"Die Maßnahme „{record.nr} – {record.titel}“ in den Papierkorb verschieben?\n\n"
        "Sie kann aus dem Papierkorb wiederhergestellt werden.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _about_text(programme: ProgrammEinstellungen) -> str:
    return (
        f"<h3>{APP_TITLE}</h3>"
        f"<p>Version {__version__}</p>"
        "<p>Verwaltung der Maßnahmen des Smart City Modellprojekts Gera: Liste, Zeitplan, Übersicht, "
        "Import und Export der Maßnahmenliste und der Anlage zur Beschlussvorlage.</p>"
        f"<p>{programme.programmbuero}</p>"
    )
