"""The Qt application: German locale and Qt's German texts, name and organisation, the first window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from gera_desktop import __version__
from gera_desktop.config import APP_NAME, APP_TITLE, ORGANISATION
from gera_desktop.domain.errors import GeraError
from gera_desktop.persistence.opening import open_database
from gera_desktop.ui.main_window import MainWindow

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, set up for German users (reused when it exists, as in tests)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    QLocale.setDefault(GERMAN)
    _install_qt_translation(app)
    return app


def _install_qt_translation(app: QApplication) -> None:
    """Qt's own texts (buttons of standard dialogs, context menus) in German."""
    translator = QTranslator(app)
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(GERMAN, "qtbase", "_", directory):
        app.installTranslator(translator)


def run(database_url: str) -> int:
    """Open the database and show the main window until the user closes it; the exit code."""
    app = create_application()
    try:
        database = open_database(database_url)
    except GeraError as error:
        QMessageBox.critical(None, APP_TITLE, error.message)
        return 1
    window = MainWindow(database)
    window.show()
    if database.read_only_reason:
        QMessageBox.warning(window, APP_TITLE, database.read_only_reason)
    try:
        return app.exec()
    finally:
        database.dispose()
