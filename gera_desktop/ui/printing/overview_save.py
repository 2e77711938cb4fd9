"""The Übersicht's buttons "Als PDF speichern …" and "Als Excel speichern …": the user chooses a file,
the Übersicht shown is written on the thread pool (with the Programmbüro read from the settings), and a
German message says where it went – or why it could not be written (the old file then stays)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.formatting import format_date
from gera_desktop.services.core import Anwendung
from gera_desktop.services.overview import OverviewFigures
from gera_desktop.ui.operations import Operation, Operations, Steps
from gera_desktop.ui.views.overview import OverviewView

PDF_FILTER = "PDF-Dokument (*.pdf)"
EXCEL_FILTER = "Excel-Arbeitsmappe (*.xlsx)"
SAVED = "Die Übersicht wurde gespeichert:\n{path}"
Writer = Callable[[Path, OverviewFigures, str], object]


class OverviewSaving(QObject):
    """Connects the Übersicht's save buttons to writing it as PDF or workbook."""

    def __init__(self, view: OverviewView, operations: Operations) -> None:
        super().__init__(view)
        self._view, self._operations = view, operations
        view.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        view.xlsx_button.clicked.connect(self._on_xlsx_button_clicked)

    def save_pdf(self, path: Path) -> Operation | None:
        """Write the Übersicht shown as PDF to ``path`` in the background."""
        from gera_desktop.ui.printing.overview_pages import write_overview_pdf

        return self._write(path, write_overview_pdf)

    def save_xlsx(self, path: Path) -> Operation | None:
        """Write the Übersicht shown as workbook to ``path`` in the background."""
        from gera_desktop.services.overview_sections import write_overview_xlsx

        return self._write(path, write_overview_xlsx)

    def _write(self, path: Path, write: Writer) -> Operation | None:
        figures = self._view.figures
        if figures is None:
            return None

        def work(core: Anwendung, _steps: Steps) -> Path:
            write(path, figures, core.settings().programmbuero)
            return path

        return self._operations.read(work, on_success=self._on_written, parent=self._view)

    def _on_written(self, path: Path) -> None:
        QMessageBox.information(self._view, APP_TITLE, SAVED.format(path=path))

    def _ask(self, suffix: str, file_filter: str) -> Path | None:
        """The file the user chooses (in the documents folder, named with the date), or ``None``."""
        figures = self._view.figures
        name = f"Übersicht {format_date(figures.today) if figures is not None else ''}".strip() + suffix
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(folder or Path.home()) / name)
        chosen, _filter = QFileDialog.getSaveFileName(self._view, "Übersicht speichern", start, file_filter)
        if not chosen:
            return None
        return Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)

    def _on_pdf_button_clicked(self) -> None:
        path = self._ask(".pdf", PDF_FILTER)
        if path is not None:
            self.save_pdf(path)

    def _on_xlsx_button_clicked(self) -> None:
        path = self._ask(".xlsx", EXCEL_FILTER)
        if path is not None:
            self.save_xlsx(path)
