"""How a cell of the list of measures shows its value: German text, alignment, the look of a computed
default, and the roles Qt asks for all at once."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any, cast

from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtGui import QFont

from gera_desktop.domain.columns import MASSNAHMEN, Column, Kind
from gera_desktop.domain.formatting import format_date, format_euro, format_percent
from gera_desktop.ui.colours import Shade, shade

NUMBER_KINDS = (Kind.MONEY, Kind.PERCENT, Kind.INTEGER, Kind.YEAR)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
ALIGNMENTS = tuple(RIGHT if c.kind in NUMBER_KINDS else LEFT for c in MASSNAHMEN)
"""Per column of the spec: numbers to the right, everything else to the left."""
LONG_TEXT = 160
COMPUTED_TIP = "Berechneter Standardwert (Feld ist leer)"


def display_text(column: Column, value: Any, limit: int | None = LONG_TEXT) -> str:
    """A value in German notation: ``1.234,56 €``, ``90 %``, ``31.12.2025``, ``ja``; text on one line,
    shortened past ``limit`` characters (``None``: whole)."""
    if value is None:
        return ""
    if column.kind is Kind.MONEY:
        return format_euro(value)
    if column.kind is Kind.PERCENT:
        return format_percent(value)
    if column.kind is Kind.DATE:
        return format_date(value)
    if column.kind is Kind.BOOL:
        return "ja" if value else "nein"
    if isinstance(value, Enum):
        return str(value.value)
    return _one_line(str(value), limit)


def _one_line(text: str, limit: int | None) -> str:
    line = " ".join(text.split())
    return line if limit is None or len(line) <= limit else line[: limit - 1].rstrip() + "…"


def role_entries(span: QModelRoleDataSpan | QModelRoleData) -> Iterable[QModelRoleData]:
    """The entries of a ``multiData`` span (PySide6 iterates it, its type stubs do not say so), or the
    one entry given."""
    return (span,) if isinstance(span, QModelRoleData) else cast(Iterable[QModelRoleData], span)


def header_data(title: str, role: int) -> Any:
    """What a group's header row shows in a role: its title, bold, on a light band (the row is disabled,
    so its colour is set here and not greyed out)."""
    if role == Qt.ItemDataRole.DisplayRole:
        return title
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.BackgroundRole:
        return shade(Shade.BAND)
    if role == Qt.ItemDataRole.ForegroundRole:
        return shade(Shade.BAND_TEXT)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return LEFT
    return None
