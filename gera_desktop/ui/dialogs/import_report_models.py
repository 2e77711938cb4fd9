"""Models over an import's report for the import dialog's views: the new and changed measures as a tree
(measure → field: old → new) and the warnings or errors as a table.

A model costs nothing until its rows are shown, so a report of 10,000 measures opens at once; a widget
item per row (``QTreeWidgetItem``) took 0.15–0.35 s on the GUI thread for as many.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from gera_desktop.excel.parsed import Problem
from gera_desktop.services.import_report import EMPTY, ChangedMeasure, ImportReport

ModelIndex = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
TOP = 0
"""The internal id of a measure's row; a field's row carries its measure's row + 1."""
CHANGE_HEADERS = ("Maßnahme / Feld", "Bisher", "Neu")
SHOWN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
LEAF = SHOWN | Qt.ItemFlag.ItemNeverHasChildren
"""Flags made once: the tree asks for them twice per row when it lays out 10,000 rows."""
PROBLEM_HEADERS = ("Zelle", "Spalte", "Meldung", "Gefunden")


def german_count(n: int) -> str:
    """``1.250``."""
    return f"{n:,}".replace(",", ".")


def changed_summary(count: int) -> str:
    """``1 Feld geändert``, ``3 Felder geändert``."""
    return "1 Feld geändert" if count == 1 else f"{german_count(count)} Felder geändert"


class ChangesModel(QAbstractItemModel):
    """The new measures, then the changed ones with their changed fields as children."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._new: list[str] = []
        self._changed: list[ChangedMeasure] = []

    def set_report(self, report: ImportReport | None) -> None:
        """Show the new and changed measures of ``report`` (``None``: nothing)."""
        self.beginResetModel()
        self._new = list(report.new) if report else []
        self._changed = list(report.changed) if report else []
        self.endResetModel()

    def changed_count(self) -> int:
        """How many changed measures the model shows."""
        return len(self._changed)

    def first_changed_row(self) -> int:
        """The top-level row of the first changed measure."""
        return len(self._new)

    def _measure(self, row: int) -> ChangedMeasure | None:
        """The changed measure in top-level ``row`` (``None`` for a new one)."""
        position = row - len(self._new)
        return self._changed[position] if position >= 0 else None

    # --- Qt's model interface ---------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        inside = 0 <= row < self.rowCount(parent) and 0 <= column < len(CHANGE_HEADERS)
        if not inside:
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1 if parent.isValid() else TOP)

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, TOP)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._new) + len(self._changed)
        if parent.internalId() != TOP or parent.column() != 0:
            return 0
        measure = self._measure(parent.row())
        return len(measure.changes) if measure else 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return len(CHANGE_HEADERS)

    def data(self, index: ModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or role not in (Role.DisplayRole, Role.ToolTipRole):
            return None
        return self._cells(index)[index.column()]

    def _cells(self, index: ModelIndex) -> tuple[str, str, str]:
        if index.internalId() != TOP:
            measure = self._measure(index.internalId() - 1)
            assert measure is not None
            change = measure.changes[index.row()]
            return change.feld, change.alt or EMPTY, change.neu or EMPTY
        measure = self._measure(index.row())
        if measure is None:
            return self._new[index.row()], "", "neue Maßnahme"
        return measure.nr, "", changed_summary(len(measure.changes))

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return CHANGE_HEADERS[section] if 0 <= section < len(CHANGE_HEADERS) else None
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == TOP and index.row() >= len(self._new) and index.column() == 0:
            return SHOWN  # a changed measure: its fields below it
        return LEAF


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
