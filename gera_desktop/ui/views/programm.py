"""Ansicht ▸ Programm und Mittelabrufe …: per half-year what can be called (Förderquote × Ist-Kosten minus
what was called), and the federal funds at risk at the Programmende, per measure and in total.

A window beside the main window (not modal). It reads the figures as an operation of the application core
in the background, and again whenever a write changed measures, the programme settings or the whole
database. A double-click on a measure asks the main window to select it (``measure_requested``);
„Als Excel speichern …“ writes the workbook of both tables.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.formatting import format_count, format_date, format_euro, short_list
from gera_desktop.domain.programm import ProgrammStand
from gera_desktop.services.changes import Changes
from gera_desktop.ui.dialogs.export_dialog import FILE_FILTERS, offer_folder
from gera_desktop.ui.models.programm import GefaehrdetTableModel, HalbjahreTableModel, halbjahr_text
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.record_tables import Selection, record_table
from gera_desktop.ui.workers import show_error

TITLE = "Programm und Mittelabrufe"
READING = "Die Zahlen werden gelesen …"
HALBJAHRE_NOTE = (
    "Förderfähig: Förderquote × Ist-Kosten bis zum Ende des Halbjahres (höchstens die Bundesmittel); die "
    "Ist-Kosten eines Jahres zählen ab seinem ersten Halbjahr. Abgerufen: abgerufene und ausgezahlte "
    "Mittelabrufe (ohne Mittelabrufe: das Abgerufen der Jahresscheiben). Abrufbar = förderfähig − "
    "abgerufen, je Maßnahme und nicht unter 0 €."
)
NO_HALF_YEARS = "Noch keine Jahresscheiben mit Ist-Kosten und keine Mittelabrufe."
NO_RISK = "Keine Bundesmittel gefährdet: alles ist abgerufen oder bis zum Programmende geplant."


def summary_text(stand: ProgrammStand) -> str:
    """Stand, Programmende, the current half-year's abrufbar, the funds at risk and who is left out."""
    parts = [f"Stand {format_date(stand.stichtag)} · Programmende {format_date(stand.programmende)}."]
    if stand.aktuell is not None:
        parts.append(
            f"Jetzt abrufbar ({halbjahr_text(stand.aktuell)}): {format_euro(stand.aktuell.abrufbar)}."
        )
    count = len(stand.gefaehrdet)
    measures = "einer Maßnahme" if count == 1 else f"{format_count(count)} Maßnahmen"
    parts.append(f"Gefährdet: {format_euro(stand.summen.gefaehrdet)} bei {measures}.")
    if stand.left_out:
        parts.append(f"Nicht berücksichtigt (abgelehnt oder abgebrochen): {short_list(stand.left_out)}.")
    return " ".join(parts)


def suggested_target(today: date) -> Path:
    """``Programm-und-Mittelabrufe-2025-03-01.xlsx`` in the documents folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home()) / f"Programm-und-Mittelabrufe-{today.isoformat()}.xlsx"


class ProgrammView(QDialog):
    """The two tables and their summary; ``shown`` after each reading, ``measure_requested(nr)`` on a
    double-click on a measure, ``saved(path)`` once the workbook is written."""

    shown = Signal(object)
    measure_requested = Signal(str)
    saved = Signal(object)

    def __init__(
        self, operations: Operations, parent: QWidget | None = None, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self._operations = operations
        self._today = today
        self._reading = 0
        self.stand: ProgrammStand | None = None
        self.halbjahre_model = HalbjahreTableModel(self)
        self.gefaehrdet_model = GefaehrdetTableModel(self)
        self._build_ui()
        self._connect_signals()
        self.read()

    def _build_ui(self) -> None:
        self.setWindowTitle(TITLE)
        layout = QVBoxLayout(self)
        self.summary = QLabel(READING, self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.halbjahre_table = self._table(self.halbjahre_model, stretch=None)
        self.halbjahre_empty = QLabel(NO_HALF_YEARS, self)
        layout.addWidget(self._group("Abrufbar je Halbjahr", self.halbjahre_table, self.halbjahre_empty))
        note = QLabel(HALBJAHRE_NOTE, self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.gefaehrdet_table = self._table(self.gefaehrdet_model, stretch=1)
        self.gefaehrdet_empty = QLabel(NO_RISK, self)
        self.gefaehrdet_box = self._group("", self.gefaehrdet_table, self.gefaehrdet_empty)
        layout.addWidget(self.gefaehrdet_box, 1)
        layout.addLayout(self._buttons())
        self.halbjahre_empty.hide()
        self.gefaehrdet_empty.hide()
        self.resize(1000, 680)

    def _group(self, title: str, table: QTableView, empty: QLabel) -> QGroupBox:
        box = QGroupBox(title, self)
        inner = QVBoxLayout(box)
        inner.addWidget(empty)
        inner.addWidget(table, 1)
        return box

    def _table(self, model: HalbjahreTableModel | GefaehrdetTableModel, stretch: int | None) -> QTableView:
        return record_table(self, model, stretch, selection=Selection.ExtendedSelection)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.save_button = QPushButton("Als Excel speichern …", self)
        self.close_button = QPushButton("Schließen", self)
        row.addWidget(self.save_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.save_button.setEnabled(False)
        return row

    def _connect_signals(self) -> None:
        self.gefaehrdet_table.doubleClicked.connect(self._on_gefaehrdet_table_double_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.close_button.clicked.connect(self.close)
        self._operations.changed.connect(self._on_operations_changed)

    # --- reading ------------------------------------------------------------------------------------

    def read(self) -> None:
        """Read the figures at today in the background; ``shown`` once they are on screen."""
        self._reading += 1
        count, today = self._reading, self._today()
        self._operations.read(
            lambda core, _steps: core.programm_stand(today),
            on_success=lambda stand: self._read(count, stand),
            on_failed=lambda error: self._failed(count, error),
            parent=self,
        )

    def _read(self, count: int, stand: ProgrammStand) -> None:
        if count == self._reading:  # an older reading that ended late is not shown
            self._show(stand)

    def _failed(self, count: int, error: BaseException) -> None:
        if count == self._reading:
            self.summary.setText("Die Zahlen konnten nicht gelesen werden.")
            show_error(self, error)

    def _show(self, stand: ProgrammStand) -> None:
        self.stand = stand
        self.halbjahre_model.set_stand(stand)
        self.gefaehrdet_model.set_stand(stand)
        self.summary.setText(summary_text(stand))
        self.gefaehrdet_box.setTitle(
            f"Gefährdete Bundesmittel (nicht abgerufen und nicht bis zum Programmende "
            f"{format_date(stand.programmende)} geplant)"
        )
        self.halbjahre_empty.setVisible(not stand.halbjahre)
        self.halbjahre_table.setVisible(bool(stand.halbjahre))
        self.gefaehrdet_empty.setVisible(not stand.gefaehrdet)
        self.gefaehrdet_table.setVisible(bool(stand.gefaehrdet))
        self.save_button.setEnabled(True)
        self.shown.emit(stand)

    # --- slots --------------------------------------------------------------------------------------

    def _on_operations_changed(self, changes: Changes) -> None:
        if changes.measures or changes.settings:
            self.read()

    def _on_gefaehrdet_table_double_clicked(self, index: QModelIndex) -> None:
        nr = self.gefaehrdet_model.nr(index.row())
        if nr:
            self.measure_requested.emit(nr)

    def _on_save_button_clicked(self) -> None:
        stand = self.stand
        if stand is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, "Exportieren als", str(suggested_target(stand.stichtag)), FILE_FILTERS[".xlsx"]
        )
        if not name:
            return
        target = Path(name) if name.lower().endswith(".xlsx") else Path(f"{name}.xlsx")
        self.save_button.setEnabled(False)
        self._operations.read(
            lambda core, steps: core.write_programm(target, stand, steps.progress, steps.cancelled),
            on_success=self._on_saved,
            on_failed=self._on_save_ended,
            on_cancelled=self._on_save_ended,
            label="Die Arbeitsmappe wird geschrieben …",
            parent=self,
            cancellable=True,
        )

    def _on_saved(self, target: Path) -> None:
        self.save_button.setEnabled(True)
        self.saved.emit(target)
        if offer_folder(self, f"{TITLE} gespeichert unter „{target.name}“.", target):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))

    def _on_save_ended(self, error: BaseException | None = None) -> None:
        self.save_button.setEnabled(True)
        if error is not None:
            show_error(self, error)
