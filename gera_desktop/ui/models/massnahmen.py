"""The list of measures as a read-only table model; headers from the column spec, German formats."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from gera_desktop.domain.formatting import format_date, format_euro
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.excel.columns import SHEET_MASSNAHMEN
from gera_desktop.services.queries import natural_key

ModelIndex = QModelIndex | QPersistentModelIndex

COLUMN_KEYS = ("nr", "titel", "innovationsfeld", "status", "gesamtkosten")
COL_NR, COL_TITEL, COL_INNOVATIONSFELD, COL_STATUS, COL_GESAMTKOSTEN = range(len(COLUMN_KEYS))
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _display(value: Any) -> str:
    if isinstance(value, Decimal):
        return format_euro(value)
    if isinstance(value, Enum):
        return str(value.value)
    return format_date(value) if hasattr(value, "strftime") else str(value or "")


def sort_value(value: Any) -> Any:
    """What a column sorts by: numbers and dates by value, enums in their order, Nr. naturally."""
    if isinstance(value, Enum):
        return list(type(value)).index(value)
    if isinstance(value, str):
        return natural_key(value)
    return value


def sort_rows(rows: list[MassnahmeData], key: str, *, descending: bool) -> None:
    """Sort in place by the field ``key``; empty values last in either direction."""
    present = [m for m in rows if getattr(m, key) is not None]
    present.sort(key=lambda m: sort_value(getattr(m, key)), reverse=descending)
    rows[:] = present + [m for m in rows if getattr(m, key) is None]


class MassnahmenTableModel(QAbstractTableModel):
    """One row per measure: Maßnahmen-Nr., Maßnahme, Innovationsfeld, Umsetzungsstand, Gesamtkosten."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MassnahmeData] = []
        self._columns = [SHEET_MASSNAHMEN.column(key) for key in COLUMN_KEYS]

    def set_rows(self, rows: Sequence[MassnahmeData]) -> None:
        """Show these measures instead of the current ones."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_data(self, row: int) -> MassnahmeData:
        """The measure shown in ``row``."""
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        measure = self._rows[index.row()]
        value = getattr(measure, COLUMN_KEYS[index.column()])
        return self._role_data(measure, value, index.column(), role)

    def _role_data(self, measure: MassnahmeData, value: Any, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _display(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_GESAMTKOSTEN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return measure.id
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header if 0 <= section < len(self._columns) else None
        return section + 1

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the row list in Python by value (fast), keeping selections on their measures."""
        if not 0 <= column < len(COLUMN_KEYS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._rearrange(lambda rows: sort_rows(rows, COLUMN_KEYS[column], descending=descending))

    def _rearrange(self, reorder: Callable[[list[MassnahmeData]], None]) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        measures = [self._rows[index.row()] for index in persistent]
        reorder(self._rows)
        new_row = {id(measure): row for row, measure in enumerate(self._rows)}
        moved = [self.index(new_row[id(m)], i.column()) for m, i in zip(measures, persistent, strict=True)]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
