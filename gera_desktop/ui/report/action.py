"""Datei ▸ Sachstandsbericht (PDF) …: the user chooses a file, the report is read and written on the
thread pool (a progress window with "Abbrechen" once it takes a moment; the window keeps working), and a
German message says where it went – or why it could not be written (the file then stays as it was)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.formatting import format_count, format_date
from gera_desktop.services.core import Anwendung
from gera_desktop.ui.operations import Operation, Operations, Steps
from gera_desktop.ui.report.writer import write_report

PDF = ".pdf"


def write_report_to_chosen_file(parent: QWidget, operations: Operations) -> Operation | None:
    """Ask for the file, then write the report of today into it; ``None`` when the user chose none."""
    stand = date.today()
    path = ask_path(parent, stand)
    if path is None:
        return None

    def work(core: Anwendung, steps: Steps) -> int:
        data = core.report_data(stand, steps.cancelled)
        return write_report(path, data, steps.progress, steps.cancelled)

    return operations.read(
        work,
        on_success=lambda pages: _tell_written(parent, path, pages),
        label="Der Sachstandsbericht wird geschrieben …",
        parent=parent,
        cancellable=True,
    )


def ask_path(parent: QWidget, stand: date) -> Path | None:
    """The PDF file the user chose (``.pdf`` added when missing), or ``None``."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = f"Sachstandsbericht {format_date(stand)}{PDF}"
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Sachstandsbericht speichern", str(Path(folder) / name), "PDF-Dokument (*.pdf)"
    )
    if not chosen:
        return None
    return Path(chosen if chosen.lower().endswith(PDF) else chosen + PDF)


def _tell_written(parent: QWidget, path: Path, pages: int) -> None:
    count = f"{format_count(pages)} {'Seite' if pages == 1 else 'Seiten'}"
    QMessageBox.information(parent, APP_TITLE, f"Der Sachstandsbericht ({count}) wurde gespeichert:\n{path}")
