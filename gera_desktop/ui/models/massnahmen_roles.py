"""What a cell of the list of measures gives for each role Qt asks for: one function per role, of the
``ListIndex`` holding the measures, a measure's position in it and the column (``MassnahmenTableModel``
looks them up once per cell and role, ``multiData`` all of a cell's roles in one call)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont

from gera_desktop.domain.columns import MASSNAHMEN
from gera_desktop.domain.enums import Ampel
from gera_desktop.services.listing import FUNDING_KEYS, ListIndex
from gera_desktop.services.listing_text import sort_key
from gera_desktop.ui.ampel import ampel_icon
from gera_desktop.ui.colours import Shade, shade
from gera_desktop.ui.models.cells import ALIGNMENTS, COMPUTED_TIP, LONG_TEXT, display_text

Role = Qt.ItemDataRole
KEYS: tuple[str, ...] = tuple(c.key for c in MASSNAHMEN)
AMPEL_COLUMN = KEYS.index("ampel")
ID_ROLE = int(Role.UserRole) + 1
"""The measure's Nr. (the key the views talk about)."""
SORT_ROLE = int(Role.UserRole) + 2
"""The value a column sorts by (numbers, dates, enum positions), ``None`` when empty."""
COPY_ROLE = int(Role.UserRole) + 3
"""The text a copy takes: as shown, but long text whole (on one line)."""


def _display(index: ListIndex, position: int, column: int) -> str:
    return display_text(MASSNAHMEN[column], index.value(position, KEYS[column]))


def _copied(index: ListIndex, position: int, column: int) -> str:
    return display_text(MASSNAHMEN[column], index.value(position, KEYS[column]), limit=None)


def _tooltip(index: ListIndex, position: int, column: int) -> str | None:
    if _is_computed(index, position, column):
        return f"{COMPUTED_TIP}: {_display(index, position, column)}"
    value = getattr(index.records[position], KEYS[column])
    if isinstance(value, str) and len(value) > LONG_TEXT:
        return value[:2000]
    return None


def _is_computed(index: ListIndex, position: int, column: int) -> bool:
    key = KEYS[column]
    return key in FUNDING_KEYS and getattr(index.records[position], key) is None


def _alignment(_index: ListIndex, _position: int, column: int) -> int:
    return ALIGNMENTS[column]


def _decoration(index: ListIndex, position: int, column: int) -> Any:
    ampel = index.records[position].ampel
    return ampel_icon(ampel) if column == AMPEL_COLUMN and isinstance(ampel, Ampel) else None


def _foreground(index: ListIndex, position: int, column: int) -> QBrush | None:
    return shade(Shade.COMPUTED) if _is_computed(index, position, column) else None


def _font(index: ListIndex, position: int, column: int) -> QFont | None:
    if not _is_computed(index, position, column):
        return None
    font = QFont()
    font.setItalic(True)
    return font


def _nr(index: ListIndex, position: int, _column: int) -> str:
    return index.records[position].nr


def _sort_value(index: ListIndex, position: int, column: int) -> Any:
    value = index.value(position, KEYS[column])
    return None if value is None or value == "" else sort_key(value)


ROLE_HANDLERS: dict[int, Callable[[ListIndex, int, int], Any]] = {
    int(Role.DisplayRole): _display,
    int(Role.ToolTipRole): _tooltip,
    int(Role.TextAlignmentRole): _alignment,
    int(Role.DecorationRole): _decoration,
    int(Role.ForegroundRole): _foreground,
    int(Role.FontRole): _font,
    ID_ROLE: _nr,
    SORT_ROLE: _sort_value,
    COPY_ROLE: _copied,
}
