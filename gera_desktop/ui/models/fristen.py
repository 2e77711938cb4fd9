"""The Fristen as a table: Datum, Fälligkeit, Art, Nr., Maßnahme, Frist; the overdue rows bold and marked
with the style's warning icon (no colour of our own: it follows the user's theme)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.fristen import HEADERS, Frist, Zustand, row_texts
from gera_desktop.ui.models.rows import DisplayRole, ModelIndex, RowsTableModel

COL_DATUM, COL_FAELLIGKEIT, COL_ART, COL_NR, COL_MASSNAHME, COL_FRIST = range(len(HEADERS))
NR_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""The Nr. of the row's measure (``None`` for a programme deadline)."""
STATE_ROLE = int(Qt.ItemDataRole.UserRole) + 2
"""The row's ``Zustand``."""


class FristenTableModel(RowsTableModel):
    """One row per Frist, in the order given (overdue first, then by date)."""

    HEADERS = HEADERS
    NUMBERED = False

    def frist(self, row: int) -> Frist:
        """The Frist shown in ``row``."""
        frist: Frist = self._rows[row]
        return frist

    def data(self, index: ModelIndex, role: int = DisplayRole) -> Any:
        if not index.isValid():
            return None
        frist = self.frist(index.row())
        if role == DisplayRole:
            return (format_date(frist.datum), *row_texts(frist))[index.column()]
        if role == NR_ROLE:
            return frist.nr
        if role == STATE_ROLE:
            return frist.zustand
        if frist.zustand is not Zustand.UEBERFAELLIG:
            return None
        return self._overdue(index.column(), role)

    def _overdue(self, column: int, role: int) -> Any:
        """Bold, the warning icon beside the Fälligkeit, and the state said in the tooltip."""
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == COL_FAELLIGKEIT:
            style = QApplication.style()
            return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning) if style else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Überfällig"
        return None
