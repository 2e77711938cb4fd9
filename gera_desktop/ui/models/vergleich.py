"""The comparison as two tables: what happened to the measures (new, dropped out, each changed field
old → new) and the sums per Innovationsfeld on both sides with their difference."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.domain.formatting import format_count, format_euro
from gera_desktop.domain.vergleich import COMPARED_KEYS, Art, Comparison, Row, Totals
from gera_desktop.services.labels import field_label
from gera_desktop.ui.models.rows import DisplayRole, ModelIndex, RowsTableModel

RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
SHOWN_ARTS = (Art.NEU, Art.ENTFALLEN, Art.GEAENDERT)
"""The measures the table lists, in this order (unchanged ones are left out)."""
TOTAL = "Gesamt"
NR_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""The measure's Nr. of a line."""


@dataclass(frozen=True)
class Line:
    """One line of the changes: a new or dropped-out measure, or one changed field of a measure."""

    nr: str
    titel: str
    art: str
    feld: str
    alt: str
    neu: str


def change_lines(comparison: Comparison) -> list[Line]:
    """New measures, then those dropped out, then one line per changed field, each in the order of Nr."""
    lines: list[Line] = []
    for art in SHOWN_ARTS:
        for row in comparison.of(art):
            lines += _lines(row)
    return lines


def _lines(row: Row) -> list[Line]:
    if row.art is Art.GEAENDERT:
        return [Line(row.nr, row.titel, str(row.art), c.feld, c.alt or "", c.neu or "") for c in row.changes]
    costs = field_label("gesamtkosten")
    alt = "" if row.a is None else format_euro(row.a["gesamtkosten"])
    neu = "" if row.b is None else format_euro(row.b["gesamtkosten"])
    return [Line(row.nr, row.titel, row.summary(), costs, alt, neu)]


class ChangesTableModel(RowsTableModel):
    """One line per new or dropped-out measure and per changed field: Nr., Maßnahme, Art, Feld, A, B."""

    HEADERS = ("Nr.", "Maßnahme", "Was", "Feld", "A (vorher)", "B (nachher)")
    NUMBERED = False

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show the lines of ``comparison`` (``None``: none)."""
        self.set_rows([] if comparison is None else change_lines(comparison))

    def line(self, row: int) -> Line:
        """The line shown in ``row``."""
        line: Line = self._rows[row]
        return line

    def data(self, index: ModelIndex, role: int = DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.line(index.row())
        if role == NR_ROLE:
            return line.nr
        if role not in (DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return (line.nr, line.titel, line.art, line.feld, line.alt, line.neu)[index.column()]


def signed_euro(value: Decimal) -> str:
    """``+30.000,00 €``, ``-1.000,00 €``, ``±0``."""
    if not value:
        return "±0"
    return f"{'+' if value > 0 else ''}{format_euro(value)}"


@dataclass(frozen=True)
class SumLine:
    """The sums of one Innovationsfeld (or of all) on both sides."""

    label: str
    sums: Totals


class SumsTableModel(RowsTableModel):
    """Per Innovationsfeld and in all: the number of measures and each compared amount in A, in B and Δ."""

    HEADERS = (
        "Innovationsfeld",
        "Maßnahmen A",
        "Maßnahmen B",
        *(f"{field_label(key)} {side}" for key in COMPARED_KEYS for side in ("A", "B", "Δ")),
    )
    NUMBERED = False

    def set_comparison(self, comparison: Comparison | None) -> None:
        """Show the sums of ``comparison``: the fields with measures on either side, then the total."""
        if comparison is None:
            self.set_rows([])
            return
        felder = [
            SumLine(str(feld), comparison.by_feld[feld])
            for feld in Innovationsfeld
            if comparison.by_feld[feld].count_a or comparison.by_feld[feld].count_b
        ]
        self.set_rows([*felder, SumLine(TOTAL, comparison.total)])

    def data(self, index: ModelIndex, role: int = DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if index.column() > 0 else None
        if role != DisplayRole:
            return None
        line: SumLine = self._rows[index.row()]
        return cell_text(line, index.column())


def cell_text(line: SumLine, column: int) -> str:
    """The text of one cell of the sums."""
    if column == 0:
        return line.label
    if column in (1, 2):
        return format_count(line.sums.count_a if column == 1 else line.sums.count_b)
    key, side = COMPARED_KEYS[(column - 3) // 3], (column - 3) % 3
    if side == 2:
        return signed_euro(line.sums.delta(key))
    return format_euro((line.sums.a if side == 0 else line.sums.b)[key])
