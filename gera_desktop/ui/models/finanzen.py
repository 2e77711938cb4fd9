"""The Jahresscheiben of a measure (Haushaltsjahr, Plan, Ist, Abgerufen) with a sum row below them.

While the measure has calls that count as called (spec section 9), the column Abgerufen shows their sums
per year and cannot be edited: the calls win over entered values (``set_called``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from gera_desktop.domain.columns import FINANZEN, Column
from gera_desktop.domain.formatting import format_euro
from gera_desktop.domain.records import FinanzjahrData
from gera_desktop.ui.colours import Shade, shade
from gera_desktop.ui.models.children import RIGHT, ChildTableModel, DisplayRole, ModelIndex

SUM_LABEL = "Summe"
CALLED_KEY = "abgerufen"
CALLED_TIP = (
    "Aus den Mittelabrufen berechnet (abgerufen und ausgezahlt, nach dem Jahr ihres Datums); "
    "ändern lässt sich das auf dem Reiter „Mittelabrufe“."
)


class FinanzenModel(ChildTableModel):
    """Budget years (Haushaltsjahr, Plan, Ist, Abgerufen) with a sum row below them."""

    MONEY_KEYS = ("plan", "ist", "abgerufen")

    def __init__(self, parent: Any = None) -> None:
        super().__init__("finanzen", FINANZEN, _new_finanzjahr, parent)
        self._called: dict[int, Decimal] | None = None

    def set_called(self, sums: dict[int, Decimal] | None) -> None:
        """The called calls' sums per year (``None``: the measure has none, Abgerufen is entered)."""
        if sums == self._called:
            return
        self._called = dict(sums) if sums is not None else None
        column = self.column_of(CALLED_KEY)
        self.dataChanged.emit(self.index(0, column), self.index(len(self._rows), column), [DisplayRole])

    def calls_win(self) -> bool:
        """True while Abgerufen follows the calls."""
        return self._called is not None

    def total(self, key: str) -> Decimal:
        """The sum of one money column over all years (Abgerufen: of the calls, while they win)."""
        if key == CALLED_KEY and self._called is not None:
            return sum(self._called.values(), Decimal("0.00"))
        return sum((getattr(r, key) for r in self._rows if getattr(r, key) is not None), Decimal("0.00"))

    def is_sum_row(self, row: int) -> bool:
        """True for the last row, which shows the sums."""
        return row == len(self._rows)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows) + 1

    def data(self, index: ModelIndex, role: int = DisplayRole) -> Any:
        if index.isValid() and self.is_sum_row(index.row()):
            return self._sum_data(self.columns[index.column()], role)
        if index.isValid() and self._is_called(index):
            return self._called_data(self._rows[index.row()], role)
        return super().data(index, role)

    def _is_called(self, index: ModelIndex) -> bool:
        return self._called is not None and self.columns[index.column()].key == CALLED_KEY

    def _called_data(self, row: FinanzjahrData, role: int) -> Any:
        assert self._called is not None
        value = self._called.get(row.jahr)
        if role == DisplayRole:
            return "" if value is None else format_euro(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return CALLED_TIP
        if role == Qt.ItemDataRole.ForegroundRole:
            return shade(Shade.COMPUTED)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        return None

    def _sum_data(self, column: Column, role: int) -> Any:
        if role == DisplayRole:
            return format_euro(self.total(column.key)) if column.key in self.MONEY_KEYS else SUM_LABEL
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return shade(Shade.BAND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.key in self.MONEY_KEYS:
            return RIGHT
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if index.isValid() and self.is_sum_row(index.row()):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        if index.isValid() and self._is_called(index):
            return super().flags(index) & ~Qt.ItemFlag.ItemIsEditable
        return super().flags(index)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical and role == DisplayRole and self.is_sum_row(section):
            return ""
        return super().headerData(section, orientation, role)

    def _cell_changed(self, index: ModelIndex) -> None:
        self._changed_outside_cells()

    def _changed_outside_cells(self) -> None:
        row = len(self._rows)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1), [DisplayRole])


def _new_finanzjahr(rows: list[FinanzjahrData]) -> FinanzjahrData:
    years = [r.jahr for r in rows if r.jahr is not None]
    return FinanzjahrData(jahr=max(years) + 1 if years else date.today().year)
