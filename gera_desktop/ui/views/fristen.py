"""The Fristen window (Ansicht ▸ Fristen, Strg+4): what is due, overdue first, beside the main window.

A window of its own rather than a page of the view stack, so that the Fristen stay in sight while the
measures are worked on. It reads the Fristen in the background when shown and, while shown, whenever a
write changed measures or the programme settings (``Operations.changed``); hidden, it only notes that it
has to read again. A double-click on a row of a measure asks for that measure (``measure_requested``);
"Exportieren …" writes the list as a workbook.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.fristen import NONE_DUE, Frist, summary
from gera_desktop.services.changes import Changes
from gera_desktop.ui.models.fristen import COL_FRIST, COL_MASSNAHME, NR_ROLE, FristenTableModel
from gera_desktop.ui.operations import Operations


class FristenWindow(QWidget):
    """The Fristen at today as a table; ``measure_requested(nr)`` on a double-click on a measure's row."""

    measure_requested = Signal(str)
    exported = Signal(object)

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._operations = operations
        self._stale = True
        self.today = date.today()
        self.setWindowTitle(self.tr("Fristen"))
        self.setObjectName("fristen")
        self._build_ui()
        self._connect_signals()
        self.resize(1100, 560)

    def _build_ui(self) -> None:
        self.summary = QLabel(self)
        self.model = FristenTableModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName("Fristen")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_MASSNAHME, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.buttons = QDialogButtonBox(self)
        self.export_button = QPushButton(self.tr("Exportieren …"), self)
        self.export_button.setToolTip(self.tr("Die Fristen als Excel-Arbeitsmappe speichern"))
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self._operations.changed.connect(self._on_operations_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.buttons.rejected.connect(self.close)

    # --- reading ----------------------------------------------------------------------------------------

    def update_fristen(self) -> None:
        """Read the Fristen at today again (in the background) if something changed since."""
        if not self._stale:
            return
        self._stale = False
        today = date.today()
        self.summary.setText(self.tr("Die Fristen werden gelesen …"))
        self._operations.read(
            lambda core, _steps: core.fristen(today),
            on_success=lambda found: self.show_fristen(found, today),
            parent=self,
        )

    def show_fristen(self, found: list[Frist], today: date) -> None:
        """Show these Fristen, counted at ``today``."""
        self.today = today
        self.model.set_rows(found)
        counted = summary(found) if found else self.tr(NONE_DUE)
        self.summary.setText(
            self.tr("Fristen am {day}: {counted}").format(day=format_date(today), counted=counted)
        )
        self.table.resizeColumnToContents(COL_MASSNAHME)
        self.table.setColumnWidth(COL_MASSNAHME, min(self.table.columnWidth(COL_MASSNAHME), 360))
        self.table.resizeColumnToContents(COL_FRIST)

    # --- export -----------------------------------------------------------------------------------------

    def ask_target(self) -> Path | None:
        """The workbook the user chooses (offered: ``Fristen_JJJJ-MM-TT.xlsx`` in the documents folder)."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(folder or Path.home()) / f"Fristen_{self.today:%Y-%m-%d}.xlsx")
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Fristen exportieren"), start, self.tr("Excel-Arbeitsmappe (*.xlsx)")
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")

    def export(self, target: Path) -> None:
        """Write the Fristen at today into ``target`` in the background."""
        today = date.today()
        self.export_button.setEnabled(False)
        self._operations.read(
            lambda core, _steps: core.write_fristen(target, today),
            on_success=self._on_exported,
            on_failed=self._on_export_failed,
            label=self.tr("Die Fristen werden gespeichert …"),
            parent=self,
        )

    def _on_exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.summary.setText(self.tr("Gespeichert unter „{name}“.").format(name=path.name))
        self.exported.emit(path)

    def _on_export_failed(self, error: BaseException) -> None:
        from gera_desktop.ui.workers import show_error

        self.export_button.setEnabled(True)
        show_error(self, error)

    # --- events and slots -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.update_fristen()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._stale = True  # read again when shown next time: the day may have changed
        super().closeEvent(event)

    def _on_operations_changed(self, changes: Changes) -> None:
        if changes.measures or changes.settings or changes.database_replaced:
            self._stale = True
            if self.isVisible():
                self.update_fristen()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        nr = index.data(NR_ROLE)
        if nr:
            self.measure_requested.emit(nr)

    def _on_export_button_clicked(self) -> None:
        target = self.ask_target()
        if target is not None:
            self.export(target)
