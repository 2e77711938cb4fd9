"""The Stände as a table: name, when and by whom each was frozen, how many measures it holds, its remark."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from gera_desktop.domain.formatting import format_count
from gera_desktop.domain.stand import StandInfo
from gera_desktop.ui.models.rows import DisplayRole, ModelIndex, RowsTableModel

HEADERS = ("Name", "Angelegt am", "von", "Maßnahmen", "Bemerkung")
COL_NAME, COL_AM, COL_VON, COL_ANZAHL, COL_BEMERKUNG = range(len(HEADERS))
NAME_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""The Stand's name (the key the dialogs talk about)."""
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def one_line(text: str | None) -> str:
    """A remark on one line."""
    return " ".join((text or "").split())


class StaendeTableModel(RowsTableModel):
    """One row per Stand, in the order given (the newest first)."""

    HEADERS = HEADERS
    NUMBERED = False

    def info(self, row: int) -> StandInfo:
        """The Stand shown in ``row``."""
        info: StandInfo = self._rows[row]
        return info

    def names(self) -> list[str]:
        """The names of the Stände shown, in their order."""
        return [info.name for info in self._rows]

    def data(self, index: ModelIndex, role: int = DisplayRole) -> Any:
        if not index.isValid():
            return None
        info = self.info(index.row())
        if role == NAME_ROLE:
            return info.name
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_ANZAHL:
            return int(RIGHT.value)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_BEMERKUNG:
            return info.bemerkung or None
        if role != DisplayRole:
            return None
        values = (
            info.name,
            f"{info.angelegt_am:%d.%m.%Y %H:%M}",
            info.angelegt_von,
            format_count(info.anzahl),
            one_line(info.bemerkung),
        )
        return values[index.column()]
