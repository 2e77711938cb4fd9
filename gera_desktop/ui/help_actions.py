"""Commands for offices and the IT service desk, added to the main window's menus:
Datei ▸ Vorlage speichern …, Hilfe ▸ Handbuch, Hilfe ▸ Support-Paket erstellen … and Hilfe ▸ Über (the
full About dialog).

``add_help_actions(window, operations, facts, view)`` is called once the window has built its menus. The
commands read and write through the operations of the application core, in the background; ``facts()``
says what the About dialog tells about the open database, ``view()`` which view the window shows (F1
opens the manual at its page; in a dialog or a window beside it, at the dialog's page).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut, QWindow
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.errors import GeraError
from gera_desktop.services.core_results import DatabaseFacts
from gera_desktop.ui.main_menu import make_action
from gera_desktop.ui.main_parts import window_settings
from gera_desktop.ui.operations import Operations

if TYPE_CHECKING:
    from gera_desktop.ui.handbuch import HandbuchWindow

EXCEL_FILTER = "Excel-Arbeitsmappe (*.xlsx)"
ZIP_FILTER = "ZIP-Archiv (*.zip)"
TEMPLATE_SAVED = (
    "Die Vorlage wurde gespeichert:\n{path}\n\nGeben Sie sie an die Ämter weiter, die Maßnahmen zuliefern. "
    "Ausgefüllt lesen Sie sie mit Datei ▸ Importieren ein; das Blatt „Ausfüllhinweise“ erklärt jede Spalte."
)
HELP_KEY = "F1"
VIEW_PAGES = ("liste.md", "zeitplan.md", "uebersicht.md")  # Liste, Zeitplan, Übersicht
DIALOG_PAGES = {  # the class of a dialog or window beside the main window -> its page of the manual
    "ImportDialog": "import.md",
    "ExportDialog": "export.md",
    "BackupsDialog": "sicherungen.md",
    "TrashDialog": "papierkorb.md",
    "SettingsDialog": "einstellungen.md",
    "ClustersDialog": "massnahme.md",
    "StaendeDialog": "staende.md",
    "StandFreezeDialog": "staende.md",
    "VergleichDialog": "staende.md",
    "ConflictDialog": "meldungen.md",
    "ProtokollDialog": "protokoll.md",
    "FristenWindow": "uebersicht.md",
    "ProgrammView": "uebersicht.md",
}
SUPPORT_SAVED = (
    "Das Support-Paket wurde gespeichert:\n{path}\n\nBitte senden Sie diese Datei an den IT-Service. Sie "
    "enthält das Protokoll, die Programmversion und die Einstellungen – keine Maßnahmen und kein Passwort."
)


class HelpActions(QObject):
    """The commands, connected to what they do."""

    def __init__(
        self,
        window: QMainWindow,
        operations: Operations,
        facts: Callable[[], DatabaseFacts | None],
        view: Callable[[], int] = lambda: 0,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._operations = operations
        self._facts = facts
        self._view = view
        self._handbuch: HandbuchWindow | None = None
        self.handbuch = make_action(window, "Handbuch", tip="Das Handbuch zum Programm")
        self.context_help = make_action(
            window, "Hilfe zu dieser Ansicht", HELP_KEY, "Das Handbuch bei der Seite zur gezeigten Ansicht"
        )
        self.handbuch.triggered.connect(lambda: self.open_handbuch())
        self.context_help.triggered.connect(lambda: self.open_handbuch(VIEW_PAGES[self._view()]))
        app = QApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._on_app_focus_window_changed)
        self.save_template = make_action(
            window, "Vorlage speichern …", tip="Eine leere Maßnahmenliste zum Ausfüllen speichern"
        )
        self.support_package = make_action(
            window, "Support-Paket erstellen …", tip="Protokoll und Versionen für den IT-Service"
        )
        self.about = make_action(window, "Über die Maßnahmenverwaltung …")
        self.save_template.triggered.connect(self._on_save_template_triggered)
        self.support_package.triggered.connect(self._on_support_package_triggered)
        self.about.triggered.connect(self._on_about_triggered)

    def open_handbuch(self, page: str = "index.md") -> HandbuchWindow:
        """The manual's window (one, kept while the main window lives) at ``page``."""
        from gera_desktop.ui.handbuch import HandbuchWindow  # not on the start path

        if self._handbuch is None:
            self._handbuch = HandbuchWindow()
            self.destroyed.connect(self._handbuch.close)
            self._handbuch.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self._handbuch.destroyed.connect(self._on_handbuch_destroyed)
        self._handbuch.show_page(page)
        return self._handbuch

    def _on_handbuch_destroyed(self) -> None:
        self._handbuch = None

    def _on_app_focus_window_changed(self, window: QWindow | None) -> None:
        """A dialog or a window beside the main window came forward: F1 there opens its page."""
        widget = next((w for w in QApplication.topLevelWidgets() if w.windowHandle() is window), None)
        if widget is None or not self._opened_here(widget):
            return
        page = DIALOG_PAGES.get(type(widget).__name__)
        if page is not None and not widget.property("handbuchF1"):
            widget.setProperty("handbuchF1", True)
            QShortcut(QKeySequence(HELP_KEY), widget, lambda: self.open_handbuch(page))

    def _opened_here(self, widget: QWidget) -> bool:
        """True when ``widget`` belongs to this main window (its parent, or its parent's, and so on)."""
        parent = widget.parentWidget()
        while parent is not None and parent is not self._window:
            parent = parent.parentWidget()
        return parent is not None

    def _on_save_template_triggered(self) -> None:
        from gera_desktop.services.template import SUGGESTED_NAME, save_template  # not on the start path

        path = ask_target(self._window, "Vorlage speichern", SUGGESTED_NAME, EXCEL_FILTER)
        if path is None:
            return

        self._operations.read(
            lambda _core, _steps: save_template(path), on_success=self._on_template_saved, parent=self._window
        )

    def _on_template_saved(self, written: Path) -> None:
        QMessageBox.information(self._window, APP_TITLE, TEMPLATE_SAVED.format(path=written))

    def _on_support_package_triggered(self) -> None:
        from gera_desktop.services.support import suggested_name  # with SQLAlchemy: not on the start path
        from gera_desktop.ui.dialogs.about import qt_versions

        path = ask_target(self._window, "Support-Paket speichern", suggested_name(datetime.now()), ZIP_FILTER)
        if path is None:
            return
        if path.suffix.lower() != ".zip":
            path = path.with_name(path.name + ".zip")
        qt, files = qt_versions(), [layout_file()]
        self._operations.read(
            lambda core, _steps: core.support_package(path, qt, files),
            on_success=self._on_support_package_written,
            parent=self._window,
        )

    def _on_support_package_written(self, written: Path) -> None:
        QMessageBox.information(self._window, APP_TITLE, SUPPORT_SAVED.format(path=written))

    def _on_about_triggered(self) -> None:
        self._operations.read(
            lambda core, _steps: core.settings().programmbuero,
            on_success=self._show_about,
            on_failed=lambda error: self._show_about("" if isinstance(error, GeraError) else None),
            parent=self._window,
        )

    def _show_about(self, programmbuero: str | None) -> None:
        """The About dialog (without the Programmbüro when the settings cannot be read: damaged)."""
        from gera_desktop.ui.dialogs.about import AboutDialog

        facts = self._facts()
        if programmbuero is not None and facts is not None:
            AboutDialog(facts, self._window, programmbuero).exec()


def ask_target(window: QMainWindow, title: str, name: str, file_filter: str) -> Path | None:
    """The file the user chooses to save to (suggested in the documents folder), or ``None``."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder or Path.home()) / name)
    chosen, _filter = QFileDialog.getSaveFileName(window, title, start, file_filter)
    return Path(chosen) if chosen else None


def layout_file() -> Path:
    """The window settings file (geometry, columns) – for the support package."""
    return Path(window_settings().fileName())


def add_help_actions(
    window: QMainWindow,
    operations: Operations,
    facts: Callable[[], DatabaseFacts | None],
    view: Callable[[], int] = lambda: 0,
) -> HelpActions:
    """Put the commands into Datei and Hilfe; the window's own Über entry gives way to the full one.
    ``view()`` is the view shown (0 Liste, 1 Zeitplan, 2 Übersicht): F1 opens the manual there."""
    actions = HelpActions(window, operations, facts, view)
    datei, hilfe = menu(window, "Datei"), menu(window, "Hilfe")
    insert_after(datei, actions.save_template, "Exportieren", "Importieren")
    old_about = next((a for a in hilfe.actions() if a.text().startswith("Über")), None)
    insert_before(hilfe, hilfe.actions()[0] if hilfe.actions() else None, actions.handbuch)
    insert_after(hilfe, actions.context_help, "Handbuch")
    window.addActions([actions.handbuch, actions.context_help])
    insert_before(hilfe, old_about, actions.support_package)
    insert_before(hilfe, old_about, actions.about)
    if old_about is not None:
        hilfe.removeAction(old_about)
    return actions


def menu(window: QMainWindow, title: str) -> QMenu:
    """The menu bar's menu with this title (created at the end when missing)."""
    bar = window.menuBar()
    for action in bar.actions():
        if action.menu() is not None and action.text().replace("&", "") == title:
            found = action.menu()
            assert isinstance(found, QMenu)
            return found
    return bar.addMenu(title)


def insert_after(target: QMenu, action: QAction, *anchors: str) -> None:
    """Insert ``action`` below the first entry whose text begins with one of ``anchors`` (else at the top)."""
    entries = target.actions()
    for anchor in anchors:
        for index, entry in enumerate(entries):
            if entry.text().replace("&", "").startswith(anchor):
                insert_before(target, entries[index + 1] if index + 1 < len(entries) else None, action)
                return
    insert_before(target, entries[0] if entries else None, action)


def insert_before(target: QMenu, before: QAction | None, action: QAction) -> None:
    """Insert ``action`` above ``before``, or at the end."""
    if before is None:
        target.addAction(action)
    else:
        target.insertAction(before, action)
