"""The main window (minimal until the GUI issue lands): the measures of the open database in a table."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QMainWindow, QTableView, QWidget

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.formatting import format_number
from gera_desktop.persistence.database import Database
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.models.massnahmen import COL_NR, COL_TITEL, MassnahmenTableModel


def count_text(count: int) -> str:
    """``'1.250 Maßnahmen'``, ``'1 Maßnahme'``, ``'Keine Maßnahmen'``."""
    if count == 0:
        return "Keine Maßnahmen"
    return f"{format_number(Decimal(count), 0)} {'Maßnahme' if count == 1 else 'Maßnahmen'}"


class MainWindow(QMainWindow):
    """Title with the database name, the list of measures, their number in the status bar."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._measures = MassnahmenService(database)
        self.model = MassnahmenTableModel(self)
        self.setWindowTitle(f"{APP_TITLE} – {database.display_name}")
        self._build_ui(database.read_only_reason)
        self.refresh()

    def _build_ui(self, read_only_reason: str | None) -> None:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSortIndicator(COL_NR, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITEL, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.setCentralWidget(self.table)
        self.count_label = QLabel(self)
        self.statusBar().addWidget(self.count_label)
        if read_only_reason:
            self.statusBar().addPermanentWidget(QLabel(f"Nur lesen: {read_only_reason}", self))
        self.resize(1100, 650)

    def refresh(self) -> None:
        """Load the measures again and show their number."""
        self.model.set_rows(self._measures.list(with_children=False))
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.count_label.setText(count_text(self.model.rowCount()))
