"""Commands for offices and the IT service desk, added to the main window's menus:
Datei ▸ Vorlage speichern …, Hilfe ▸ Support-Paket erstellen … and Hilfe ▸ Über (the full About dialog).

``add_help_actions(window)`` is called once the window has built its menus. Each command asks for the
window's database when it runs, so that it follows a database opened again after a restore.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.errors import GeraError
from gera_desktop.persistence.database import Database
from gera_desktop.services.settings import SettingsService
from gera_desktop.services.support import suggested_name, write_support_package
from gera_desktop.services.template import SUGGESTED_NAME, save_template
from gera_desktop.ui.dialogs.about import AboutDialog, qt_versions
from gera_desktop.ui.main_menu import make_action
from gera_desktop.ui.main_parts import window_settings
from gera_desktop.ui.workers import show_error

EXCEL_FILTER = "Excel-Arbeitsmappe (*.xlsx)"
ZIP_FILTER = "ZIP-Archiv (*.zip)"
TEMPLATE_SAVED = (
    "Die Vorlage wurde gespeichert:\n{path}\n\nGeben Sie sie an die Ämter weiter, die Maßnahmen zuliefern. "
    "Ausgefüllt lesen Sie sie mit Datei ▸ Importieren ein; das Blatt „Ausfüllhinweise“ erklärt jede Spalte."
)
SUPPORT_SAVED = (
    "Das Support-Paket wurde gespeichert:\n{path}\n\nBitte senden Sie diese Datei an den IT-Service. Sie "
    "enthält das Protokoll, die Programmversion und die Einstellungen – keine Maßnahmen und kein Passwort."
)


class WindowWithDatabase(Protocol):
    """What the commands need of the main window."""

    @property
    def database(self) -> Database: ...


class HelpActions(QObject):
    """The three commands, connected to what they do."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
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

    def _database(self) -> Database:
        window: WindowWithDatabase = self._window  # type: ignore[assignment]
        return window.database

    def _on_save_template_triggered(self) -> None:
        path = ask_target(self._window, "Vorlage speichern", SUGGESTED_NAME, EXCEL_FILTER)
        if path is None:
            return
        try:
            written = save_template(path)
        except GeraError as error:
            show_error(self._window, error)
            return
        QMessageBox.information(self._window, APP_TITLE, TEMPLATE_SAVED.format(path=written))

    def _on_support_package_triggered(self) -> None:
        path = ask_target(self._window, "Support-Paket speichern", suggested_name(datetime.now()), ZIP_FILTER)
        if path is None:
            return
        if path.suffix.lower() != ".zip":
            path = path.with_name(path.name + ".zip")
        try:
            written = write_support_package(
                path, self._database(), qt_version=qt_versions(), settings_files=[layout_file()]
            )
        except GeraError as error:
            show_error(self._window, error)
            return
        QMessageBox.information(self._window, APP_TITLE, SUPPORT_SAVED.format(path=written))

    def _on_about_triggered(self) -> None:
        database = self._database()
        try:
            programmbuero = SettingsService(database).load().programmbuero
        except GeraError:
            programmbuero = ""  # a damaged database: the dialog still shows everything else
        AboutDialog(database, self._window, programmbuero).exec()


def ask_target(window: QMainWindow, title: str, name: str, file_filter: str) -> Path | None:
    """The file the user chooses to save to (suggested in the documents folder), or ``None``."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder or Path.home()) / name)
    chosen, _filter = QFileDialog.getSaveFileName(window, title, start, file_filter)
    return Path(chosen) if chosen else None


def layout_file() -> Path:
    """The window settings file (geometry, columns) – for the support package."""
    return Path(window_settings().fileName())


def add_help_actions(window: QMainWindow) -> HelpActions:
    """Put the commands into Datei and Hilfe; the window's own Über entry gives way to the full one."""
    actions = HelpActions(window)
    datei, hilfe = menu(window, "Datei"), menu(window, "Hilfe")
    insert_after(datei, actions.save_template, "Exportieren", "Importieren")
    old_about = next((a for a in hilfe.actions() if a.text().startswith("Über")), None)
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
