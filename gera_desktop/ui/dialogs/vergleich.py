"""The comparison: a Stand („von“, A) against another or today („bis“, B), on effective amounts. It lists
the new measures, those dropped out (gelöscht, abgelehnt, abgebrochen) and every changed field old → new,
and the sums per Innovationsfeld in A, in B and their difference; „Als Excel speichern …“ writes the
``vergleich`` workbook (optionally in Mio. € and the internal version).

Reading, comparing and writing run as operations of the application core, in the background. The Stände
are read again when a write changed them; a comparison with today is made again when measures or the
programme settings changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.stand import TODAY, StandInfo
from gera_desktop.domain.vergleich import Art, Comparison
from gera_desktop.services.changes import Changes
from gera_desktop.services.export import VERGLEICH, ExportRequest
from gera_desktop.ui.dialogs.export_dialog import ask_export_target, offer_folder
from gera_desktop.ui.models.vergleich import ChangesTableModel, SumsTableModel
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.record_tables import Selection, record_table
from gera_desktop.ui.workers import show_error

NO_STAND = (
    "Es gibt noch keinen Stand zum Vergleichen. Frieren Sie unter Ansicht ▸ Stände … einen Stand ein "
    "oder beim Export einer Anlage."
)


def summary_text(comparison: Comparison) -> str:
    """``Stand „A“ vom 01.12.2026 → heute: 1 neu, 0 entfallen, 1 geändert.``"""
    counts = ", ".join(f"{len(comparison.of(art))} {art}" for art in (Art.NEU, Art.ENTFALLEN, Art.GEAENDERT))
    return f"A: {side_text(comparison, a=True)} · B: {side_text(comparison, a=False)} – {counts}."


def side_text(comparison: Comparison, *, a: bool) -> str:
    """``Stand „X“ vom 01.12.2026`` or ``heute`` (side A or B)."""
    snapshot = comparison.a if a else comparison.b
    return TODAY if snapshot.is_today else f"Stand „{snapshot.name}“ vom {snapshot.zeitpunkt:%d.%m.%Y}"


class VergleichDialog(QDialog):
    """Choose A and B, see what changed, write it as a workbook; ``compared`` after each comparison."""

    read = Signal()
    compared = Signal(object)

    def __init__(self, operations: Operations, parent: QWidget | None = None, von: str | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._wanted_von = von
        self._comparing = 0
        self.comparison: Comparison | None = None
        self.changes_model = ChangesTableModel(self)
        self.sums_model = SumsTableModel(self)
        self._build_ui()
        self._connect_signals()
        self._read_staende()

    def _build_ui(self) -> None:
        self.setWindowTitle("Vergleich")
        layout = QVBoxLayout(self)
        layout.addLayout(self._choice())
        self.summary = QLabel("Der Vergleich wird erstellt …", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget(self)
        self.changes_table = self._table(self.changes_model, stretch=1)
        self.sums_table = self._table(self.sums_model, stretch=None)
        self.tabs.addTab(self.changes_table, "Änderungen")
        self.tabs.addTab(self.sums_table, "Summen je Innovationsfeld")
        self.changes_table.setAccessibleName("Änderungen")
        self.sums_table.setAccessibleName("Summen je Innovationsfeld")
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._buttons())
        self.resize(1100, 560)

    def _choice(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.von = QComboBox(self)
        self.von.setAccessibleName("Stand A (von)")
        self.bis = QComboBox(self)
        self.bis.setAccessibleName("Stand B (bis)")
        for label, combo in (("Von (A):", self.von), ("bis (B):", self.bis)):
            caption = QLabel(label, self)
            caption.setBuddy(combo)
            row.addWidget(caption)
            row.addWidget(combo, 1)
        return row

    def _table(self, model: ChangesTableModel | SumsTableModel, stretch: int | None) -> QTableView:
        return record_table(self, model, stretch, selection=Selection.ExtendedSelection)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.in_mio = QCheckBox("in Mio. €", self)
        self.intern = QCheckBox("intern (mit Kontaktdaten und Bemerkungen)", self)
        self.save_button = QPushButton("Als Excel speichern …", self)
        self.close_button = QPushButton("Schließen", self)
        for widget in (self.in_mio, self.intern, self.save_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.save_button.setEnabled(False)
        return row

    def _connect_signals(self) -> None:
        self.von.currentIndexChanged.connect(self._on_choice_changed)
        self.bis.currentIndexChanged.connect(self._on_choice_changed)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.close_button.clicked.connect(self.accept)
        self._operations.changed.connect(self._on_operations_changed)

    # --- the Stände ---------------------------------------------------------------------------------

    def _read_staende(self) -> None:
        self._operations.read(lambda core, _steps: core.staende(), on_success=self._show_staende, parent=self)

    def _show_staende(self, staende: list[StandInfo]) -> None:
        """Fill both choices, keeping what was chosen (A at first: the Stand asked for, else the newest)."""
        names = [info.name for info in staende]
        von = self._wanted_von or self.von.currentText() or (names[0] if names else "")
        bis = self.bis.currentData() or ""
        self._wanted_von = None
        for combo, entries in ((self.von, names), (self.bis, [TODAY, *names])):
            combo.blockSignals(True)
            combo.clear()
            for entry in entries:
                combo.addItem(entry, entry)
            combo.blockSignals(False)
        self.bis.setItemData(0, "")  # "heute": no Stand
        self.von.setCurrentIndex(max(0, self.von.findText(von)))
        self.bis.setCurrentIndex(max(0, self.bis.findData(bis)))
        self.read.emit()
        self.compare()

    def choose(self, von: str, bis: str = "") -> None:
        """Compare Stand ``von`` with Stand ``bis`` (empty: today)."""
        self.von.setCurrentIndex(self.von.findText(von))
        self.bis.setCurrentIndex(max(0, self.bis.findData(bis)))

    # --- comparing ----------------------------------------------------------------------------------

    def compare(self) -> None:
        """Compare what is chosen (in the background); ``compared`` once it is shown."""
        von, bis = self.von.currentText(), self.bis.currentData() or ""
        self._comparing += 1
        if not von:
            self._show(None, NO_STAND)
            return
        count = self._comparing
        self.summary.setText("Der Vergleich wird erstellt …")
        self._operations.read(
            lambda core, _steps: core.compare(von, bis),
            on_success=lambda comparison: self._compared(count, comparison),
            on_failed=lambda error: self._failed(count, error),
            parent=self,
        )

    def _compared(self, count: int, comparison: Comparison) -> None:
        if count == self._comparing:
            self._show(comparison, summary_text(comparison))
            self.compared.emit(comparison)

    def _failed(self, count: int, error: BaseException) -> None:
        if count != self._comparing:
            return
        self._show(None, error.message if isinstance(error, GeraError) else "")
        if not isinstance(error, GeraError):
            show_error(self, error)

    def _show(self, comparison: Comparison | None, text: str) -> None:
        self.comparison = comparison
        self.changes_model.set_comparison(comparison)
        self.sums_model.set_comparison(comparison)
        self.summary.setText(text)
        self.save_button.setEnabled(comparison is not None)

    def request(self) -> ExportRequest:
        """The workbook the dialog's choices ask for."""
        return ExportRequest(
            VERGLEICH,
            von=self.von.currentText(),
            bis=self.bis.currentData() or "",
            in_mio=self.in_mio.isChecked(),
            intern=self.intern.isChecked(),
        )

    # --- slots --------------------------------------------------------------------------------------

    def _on_choice_changed(self) -> None:
        self.compare()

    def _on_operations_changed(self, changes: Changes) -> None:
        if changes.staende or changes.database_replaced:
            self._read_staende()
        elif (changes.measures or changes.settings) and not self.bis.currentData():
            self.compare()

    def _on_save_button_clicked(self) -> None:
        request = self.request()
        target = ask_export_target(self, request)
        if target is None:
            return
        self.save_button.setEnabled(False)
        self._operations.read(
            lambda core, steps: core.write_comparison(target, request, steps.progress, steps.cancelled),
            on_success=lambda _comparison: self._on_saved(target, request),
            on_failed=self._on_save_ended,
            on_cancelled=self._on_save_ended,
            label="Der Vergleich wird geschrieben …",
            parent=self,
            cancellable=True,
        )

    def _on_saved(self, target: Path, request: ExportRequest) -> None:
        self.save_button.setEnabled(True)
        if offer_folder(self, f"{request.label} gespeichert unter „{target.name}“.", target):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))

    def _on_save_ended(self, error: BaseException | None = None) -> None:
        self.save_button.setEnabled(True)
        if error is not None:
            show_error(self, error)
