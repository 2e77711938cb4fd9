"""The PDF writer of ``gera-desktop bericht``: the one command that loads Qt gets its painting from here
(``__main__`` hands it over), with an offscreen Qt application when the command line has none."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from gera_desktop.config import APP_NAME
from gera_desktop.services.bericht_data import ReportData
from gera_desktop.ui.report.writer import write_report

_application: list[QCoreApplication] = []
"""The application started here, kept alive for the rest of the command."""


def write_pdf(target: Path, data: ReportData) -> int:
    """Write the Sachstandsbericht of ``data`` to ``target``; returns the number of pages."""
    painting_application()
    return write_report(target, data)


def painting_application() -> QCoreApplication:
    """The running Qt application, or a new offscreen one (``QT_QPA_PLATFORM`` as set, else offscreen):
    fonts and the PDF writer need it, a screen they do not."""
    running = QCoreApplication.instance()
    if running is not None:
        return running
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application.append(QGuiApplication([APP_NAME]))
    return _application[0]
