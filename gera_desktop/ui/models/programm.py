"""The programme view as two tables: per half-year what can be called, and the measures with federal funds
at risk with their total (``domain.programm``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from gera_desktop.domain.formatting import format_euro
from gera_desktop.domain.programm import GefaehrdeteMittel, HalbjahrStand, ProgrammStand
from gera_desktop.ui.models.rows import DisplayRole, ModelIndex, RowsTableModel

RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
NR_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""The measure's Nr. of a row of the funds at risk (``None`` for the total)."""
AKTUELL, NACH_ENDE = "aktuelles Halbjahr", "nach dem Programmende"
TOTAL = "Summe"


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class HalbjahreTableModel(RowsTableModel):
    """One row per half-year: Halbjahr, förderfähig and abgerufen up to then, geplant in it, abrufbar;
    the current half-year in bold."""

    HEADERS = ("Halbjahr", "Förderfähig bis dahin", "Abgerufen bis dahin", "Geplant im Halbjahr", "Abrufbar")
    NUMBERED = False

    def set_stand(self, stand: ProgrammStand | None) -> None:
        """Show the half-years of ``stand`` (``None``: none)."""
        self.set_rows([] if stand is None else stand.halbjahre)

    def halbjahr(self, row: int) -> HalbjahrStand:
        """The half-year shown in ``row``."""
        shown: HalbjahrStand = self._rows[row]
        return shown

    def data(self, index: ModelIndex, role: int = DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.halbjahr(index.row()), index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column else None
        if role == Qt.ItemDataRole.FontRole:
            return _bold() if row.aktuell else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return AKTUELL if row.aktuell else NACH_ENDE if row.nach_programmende else None
        if role != DisplayRole:
            return None
        if column == 0:
            return halbjahr_text(row)
        return format_euro((row.foerderfaehig, row.abgerufen, row.geplant, row.abrufbar)[column - 1])


def halbjahr_text(row: HalbjahrStand) -> str:
    """``2025/I (aktuelles Halbjahr)``, ``2027/I (nach dem Programmende)`` or just the label."""
    note = AKTUELL if row.aktuell else NACH_ENDE if row.nach_programmende else ""
    return f"{row.halbjahr.label} ({note})" if note else row.halbjahr.label


class GefaehrdetTableModel(RowsTableModel):
    """One row per measure with funds at risk, then their total (in bold)."""

    HEADERS = ("Nr.", "Maßnahme", "Bundesmittel", "Abgerufen", "Geplant bis Programmende", "Gefährdet")
    NUMBERED = False

    def set_stand(self, stand: ProgrammStand | None) -> None:
        """Show the funds at risk of ``stand`` and their total (``None`` or nothing at risk: no rows)."""
        if stand is None or not stand.gefaehrdet:
            self.set_rows([])
            return
        summen = stand.summen
        total = GefaehrdeteMittel(
            None, "", TOTAL, summen.bundesmittel, summen.abgerufen, summen.geplant, summen.gefaehrdet
        )
        self.set_rows([*stand.gefaehrdet, total])

    def nr(self, row: int) -> str | None:
        """The Nr. of the measure in ``row`` (``None`` for the total)."""
        return None if self._is_total(row) else self._rows[row].nr

    def _is_total(self, row: int) -> bool:
        return row == len(self._rows) - 1

    def data(self, index: ModelIndex, role: int = DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == NR_ROLE:
            return self.nr(index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column >= 2 else None
        if role == Qt.ItemDataRole.FontRole:
            return _bold() if self._is_total(index.row()) else None
        if role not in (DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        values: tuple[str | Decimal, ...] = (
            row.nr,
            row.titel,
            row.bundesmittel,
            row.abgerufen,
            row.geplant,
            row.gefaehrdet,
        )
        value = values[column]
        return format_euro(value) if isinstance(value, Decimal) else value
