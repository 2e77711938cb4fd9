"""Models over an import's report for the import dialog's views: the new and changed measures with the
changed fields (measure, then field: old → new) and the warnings or errors, each as a flat table.

A table with rows of one height asks the model only for the rows it shows, so a report of 10,000 measures
opens at once. A tree view lays out every top-level row whenever it is filled (10,000 measures: 0.3–0.5 s
on the GUI thread, asking the model six times per row), and a widget item per row took 0.15–0.35 s; so a
changed measure's fields are rows below it that the model folds in and out (``toggle``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from gera_desktop.excel.parsed import Problem
from gera_desktop.services.import_report import EMPTY, ChangedMeasure, ImportReport

ModelIndex = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
CHANGE_HEADERS = ("Maßnahme / Feld", "Bisher", "Neu")
FOLDED, UNFOLDED = "▸ ", "▾ "
"""Marks before a changed measure's Nr.: its fields are hidden or shown (a click toggles them)."""
FIELD_INDENT = "    "
LEAF = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
PROBLEM_HEADERS = ("Zelle", "Spalte", "Meldung", "Gefunden")


def german_count(n: int) -> str:
    """``1.250``."""
    return f"{n:,}".replace(",", ".")


def changed_summary(count: int) -> str:
    """``1 Feld geändert``, ``3 Felder geändert``."""
    return "1 Feld geändert" if count == 1 else f"{german_count(count)} Felder geändert"


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class ChangesModel(QAbstractTableModel):
    """The new measures, then each changed one followed by its changed fields while it is unfolded."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._new: list[str] = []
        self._changed: list[ChangedMeasure] = []
        self._unfolded: list[bool] = []
        self._marked: list[bool] = []
        """Which measures' rows show the unfolded mark (it follows ``_unfolded`` with its own
        ``dataChanged``, after the rows below it came or went)."""
        self._starts: list[int] = []
        """The row of each changed measure."""
        self._bold = _bold()

    def set_report(self, report: ImportReport | None, unfold_up_to: int = 0) -> None:
        """Show the new and changed measures of ``report`` (``None``: nothing); the changed measures'
        fields are unfolded when there are at most ``unfold_up_to`` of them."""
        self.beginResetModel()
        self._new = list(report.new) if report else []
        self._changed = list(report.changed) if report else []
        self._unfolded = [len(self._changed) <= unfold_up_to] * len(self._changed)
        self._marked = list(self._unfolded)
        self._place()
        self.endResetModel()

    def _place(self) -> None:
        """Where each changed measure's row is, after the new ones and the unfolded fields above it."""
        pairs = zip(self._changed, self._unfolded, strict=True)
        sizes = (1 + (len(measure.changes) if unfolded else 0) for measure, unfolded in pairs)
        self._starts = list(accumulate(sizes, initial=len(self._new)))[:-1]

    def changed_count(self) -> int:
        """How many changed measures the model shows."""
        return len(self._changed)

    def changed_row(self, position: int) -> int:
        """The row of the changed measure at ``position`` (0: the first changed one)."""
        return self._starts[position]

    def _locate(self, row: int) -> tuple[int, int]:
        """(changed measure's position, field's position or -1 for the measure's own row); (-1, -1) for a
        new measure."""
        if row < len(self._new):
            return -1, -1
        position = bisect_right(self._starts, row) - 1
        return position, row - self._starts[position] - 1

    def is_unfolded(self, row: int) -> bool:
        """True when ``row`` is a changed measure whose fields are shown below it."""
        position, field = self._locate(row)
        return position >= 0 and field < 0 and self._unfolded[position]

    def toggle(self, row: int) -> bool:
        """Fold or unfold the fields of the changed measure in ``row``; False for any other row."""
        position, field = self._locate(row)
        if position < 0 or field >= 0:
            return False
        count = len(self._changed[position].changes)
        first, last = row + 1, row + count
        if self._unfolded[position]:
            self.beginRemoveRows(QModelIndex(), first, last)
            self._unfolded[position] = False
            self._place()
            self.endRemoveRows()
        else:
            self.beginInsertRows(QModelIndex(), first, last)
            self._unfolded[position] = True
            self._place()
            self.endInsertRows()
        self._marked[position] = self._unfolded[position]
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
        return True

    # --- Qt's model interface ---------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid():
            return 0
        if not self._changed:
            return len(self._new)
        last = len(self._changed) - 1
        return self._starts[last] + 1 + (len(self._changed[last].changes) if self._unfolded[last] else 0)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(CHANGE_HEADERS)

    def data(self, index: ModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Role.DisplayRole, Role.ToolTipRole):
            return self._cells(index.row())[index.column()]
        if role == Role.FontRole and self._locate(index.row())[1] < 0:
            return self._bold
        return None

    def _cells(self, row: int) -> tuple[str, str, str]:
        position, field = self._locate(row)
        if position < 0:
            return self._new[row], "", "neue Maßnahme"
        measure = self._changed[position]
        if field >= 0:
            change = measure.changes[field]
            return FIELD_INDENT + change.feld, change.alt or EMPTY, change.neu or EMPTY
        mark = UNFOLDED if self._marked[position] else FOLDED
        return mark + measure.nr, "", changed_summary(len(measure.changes))

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return CHANGE_HEADERS[section] if 0 <= section < len(CHANGE_HEADERS) else None
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return LEAF if index.isValid() else Qt.ItemFlag.NoItemFlags


class ProblemsModel(QAbstractTableModel):
    """Warnings or errors, one per row: where (cell or sheet), the column's header, message, value found."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []

    def set_problems(self, problems: Sequence[Problem]) -> None:
        """Show these problems."""
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(PROBLEM_HEADERS)

    def data(self, index: ModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or role not in (Role.DisplayRole, Role.ToolTipRole):
            return None
        problem = self._problems[index.row()]
        return (problem.cell or problem.sheet, problem.header, problem.message, problem.value)[index.column()]

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return PROBLEM_HEADERS[section] if 0 <= section < len(PROBLEM_HEADERS) else None
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return LEAF if index.isValid() else Qt.ItemFlag.NoItemFlags
