"""A table of rows set as a whole: the trash, the backups, the audit log, the extra columns of a measure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

ModelIndex = QModelIndex | QPersistentModelIndex
DisplayRole = Qt.ItemDataRole.DisplayRole


class RowsTableModel(QAbstractTableModel):
    """Rows set as a whole (``set_rows``), columns named by ``HEADERS``; selectable.

    Subclasses give ``HEADERS`` and ``data()``; ``NUMBERED`` rows carry their number in the vertical header;
    ``EDITABLE`` ones also need ``setData()``.
    """

    HEADERS: ClassVar[tuple[str, ...]] = ()
    NUMBERED: ClassVar[bool] = True
    EDITABLE: ClassVar[bool] = False

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show these rows, in this order."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsEditable if self.EDITABLE else flags

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = DisplayRole
    ) -> Any:
        if role != DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return str(section + 1) if self.NUMBERED else None
