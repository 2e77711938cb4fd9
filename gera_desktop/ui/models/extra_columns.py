"""The extra columns (Zusatzspalten) of one measure as an editable two-column table: Spalte, Wert.

They are the spreadsheet columns the program does not know, kept per measure so that nobody's own
column is lost; here they can be read, changed, added and removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from gera_desktop.ui.models.rows import DisplayRole, ModelIndex, RowsTableModel

EditRole = Qt.ItemDataRole.EditRole
HEADERS = ("Spalte", "Wert")
COL_HEADER, COL_VALUE = range(len(HEADERS))
_WHOLE = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?\d{1,3}(?:\.\d{3})*,\d+|-?\d+,\d+")
_YES, _NO = ("ja", "x", "wahr"), ("nein", "falsch")


def value_text(value: Any) -> str:
    """An extra value as shown: ja/nein, numbers with a decimal comma, text as it is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def typed_value(text: str, old: Any) -> Any:
    """What typed text becomes: a number or ja/nein where the column held one before, else text."""
    stripped = text.strip()
    if not stripped:
        return None
    if isinstance(old, bool) and stripped.casefold() in (*_YES, *_NO):
        return stripped.casefold() in _YES
    if isinstance(old, int | float) and not isinstance(old, bool):
        if _WHOLE.fullmatch(stripped):
            return int(stripped)
        if _DECIMAL.fullmatch(stripped):
            return float(stripped.replace(".", "").replace(",", "."))
    return stripped


class ZusatzspaltenModel(RowsTableModel):
    """Header and value of each extra column, in their order."""

    HEADERS = HEADERS
    EDITABLE = True

    def set_values(self, values: dict[str, Any]) -> None:
        """Show these extra columns."""
        self.set_rows([[header, value] for header, value in values.items()])

    def values(self) -> dict[str, Any]:
        """The extra columns as they are now; rows without header and value are left out."""
        return {str(header).strip(): value for header, value in self._rows if str(header or "").strip()}

    def state(self) -> list[tuple[str, Any]]:
        """Every row as it is (to tell whether something changed)."""
        return [(header, value) for header, value in self._rows]

    def problems(self) -> list[str]:
        """German messages for rows the program cannot keep: a value without header, a doubled header."""
        messages, seen = [], set()
        for header, value in self._rows:
            name = str(header or "").strip()
            if not name and value is not None:
                messages.append(f"Zusatzspalte mit dem Wert „{value_text(value)}“ braucht eine Überschrift.")
            elif name.casefold() in seen:
                messages.append(f"Die Zusatzspalte „{name}“ ist doppelt eingetragen.")
            seen.add(name.casefold())
        return messages

    def add_row(self) -> int:
        """Append an empty row; returns its number."""
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(["", None])
        self.endInsertRows()
        return position

    def remove_rows(self, rows: Iterable[int]) -> None:
        """Remove these rows."""
        for row in sorted({r for r in rows if 0 <= r < len(self._rows)}, reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def data(self, index: ModelIndex, role: int = DisplayRole) -> Any:
        if not index.isValid() or role not in (DisplayRole, EditRole, Qt.ItemDataRole.ToolTipRole):
            return None
        header, value = self._rows[index.row()]
        if index.column() == COL_HEADER:
            return str(header or "")
        return value_text(value) or (None if role == Qt.ItemDataRole.ToolTipRole else "")

    def setData(self, index: ModelIndex, value: Any, role: int = EditRole) -> bool:  # noqa: N802
        if role != EditRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        text = "" if value is None else str(value)
        new = " ".join(text.split()) if index.column() == COL_HEADER else typed_value(text, row[COL_VALUE])
        if new != row[index.column()]:
            row[index.column()] = new
            self.dataChanged.emit(index, index, [DisplayRole, EditRole])
        return True
