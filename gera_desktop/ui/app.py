"""The Qt application: German locale and Qt's German texts, name and organisation, a log file, a last
resort for bugs (logged, and shown with copyable details), and the first window, which paints before the
database is opened in the background."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QThreadPool, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from gera_desktop import __version__, config
from gera_desktop.config import APP_NAME, APP_TITLE, ORGANISATION
from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.masking import mask_passwords
from gera_desktop.services.core import Anwendung
from gera_desktop.services.logfile import LOG_FILE, start_log
from gera_desktop.ui.app_icon import application_icon
from gera_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from gera_desktop.services.core_results import DatabaseFacts

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)
UNEXPECTED = "Ein unerwarteter Programmfehler ist aufgetreten."
AUTOQUIT_ENV = "GERA_DESKTOP_AUTOQUIT_MS"
"""Smoke tests of the installed program: close the window by itself this many milliseconds after the
measures are listed."""
FINISH_MS = 30_000
"""How long the program waits at its end for work still running in the background (a cancelled check)."""
log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, set up for German users (reused when it exists, as in tests)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(application_icon())
    QLocale.setDefault(GERMAN)
    _install_qt_translation(app)
    return app


def _install_qt_translation(app: QApplication) -> None:
    """Qt's own texts (buttons of standard dialogs, context menus) in German."""
    translator = QTranslator(app)
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(GERMAN, "qtbase", "_", directory):
        app.installTranslator(translator)


def show_unexpected_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """``sys.excepthook`` of the GUI: our errors as a message, bugs logged and shown with details."""
    if isinstance(error, GeraError):
        QMessageBox.warning(QApplication.activeWindow(), APP_TITLE, mask_passwords(error.message))
        return
    details = mask_passwords("".join(traceback.format_exception(kind, error, trace)))
    log.error("Unerwarteter Fehler\n%s", details)
    box = QMessageBox(
        QMessageBox.Icon.Critical, APP_TITLE, "Ein unerwarteter Programmfehler ist aufgetreten."
    )
    box.setInformativeText(
        "Bitte melden Sie ihn dem IT-Service mit den Details unten. "
        f"Sie stehen auch im Protokoll: {config.paths().log_dir / LOG_FILE}"
    )
    box.setDetailedText(details)
    box.exec()


def run(database_url: str) -> int:
    """Show the main window, open the database behind it and run until the user closes the window; the
    exit code (1 when the database cannot be opened)."""
    app = create_application()
    start_log()
    sys.excepthook = show_unexpected_error
    core = Anwendung(database_url)
    window = MainWindow(core)
    program = ProgramRun(window)
    window.show()
    try:
        code = app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone(FINISH_MS)  # reads and writes still on their way
        core.close()
    return 1 if program.failed else code


class ProgramRun(QObject):
    """What one run of the program does around its window: log the start, begin the full check, say why
    a database can only be read or cannot be opened, and close by itself for smoke tests."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._opened = self._closing = self.failed = False
        window.opened.connect(self._on_window_opened)
        window.open_failed.connect(self._on_window_open_failed)
        window.loaded.connect(self._on_window_loaded)

    def _on_window_opened(self, facts: DatabaseFacts) -> None:
        if self._opened:
            return  # opened again after a restore
        self._opened = True
        log.info("%s %s gestartet mit der Datenbank %s", APP_NAME, __version__, facts.name)
        self._window.start_full_check()
        if facts.read_only_reason:
            QMessageBox.warning(self._window, APP_TITLE, facts.read_only_reason)

    def _on_window_open_failed(self, message: str) -> None:
        log.warning("Datenbank nicht geöffnet: %s", mask_passwords(message))
        self.failed = True
        QMessageBox.critical(self._window, APP_TITLE, mask_passwords(message))
        self._window.close()  # the last window: the event loop ends, ``run`` returns 1

    def _on_window_loaded(self) -> None:
        """Smoke tests of the installed program: close the window a while after the measures are listed."""
        if os.environ.get(AUTOQUIT_ENV, "").isdigit() and not self._closing:
            self._closing = True
            QTimer.singleShot(int(os.environ[AUTOQUIT_ENV]), self._window.close)
