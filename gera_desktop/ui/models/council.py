"""Table models of the council cycle (spec section 9): a measure's calls of federal funds (Datum, Betrag,
Halbjahr, Status, Bemerkung) and its decisions (Art, Drucksache-Nr., Ergänzung, Gremium, Datum, Ergebnis,
Umlaufbeschluss, Begründung), edited cell by cell like the other lists of a measure; and the Clusters.

Choices (Status, Art, Ergebnis) are typed or picked from their values, Umlaufbeschluss is ja/nein; other
text is refused with a German message. A call's Halbjahr follows its date until the user sets another.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from gera_desktop.domain.columns import Column, Kind
from gera_desktop.domain.council import halbjahr_of, is_called
from gera_desktop.domain.council_columns import BESCHLUESSE, MITTELABRUFE
from gera_desktop.domain.enums import ERGEBNISSE, Abrufstatus, Beschlussart, Beschlussergebnis
from gera_desktop.domain.formatting import format_count
from gera_desktop.domain.records import BeschlussData, MittelabrufData
from gera_desktop.services.typed_input import InputError
from gera_desktop.ui.models.children import RIGHT, ChildTableModel, DisplayRole, EditRole, ModelIndex
from gera_desktop.ui.models.rows import RowsTableModel

if TYPE_CHECKING:
    from gera_desktop.services.clusters import ClusterData  # with SQLAlchemy: not on the start path

YES, NO = "ja", "nein"


def parse_choice(column: Column, text: str) -> Any:
    """The value of ``column``'s choices that ``text`` names (ignoring case); empty -> ``None``."""
    assert column.choices is not None
    clean = " ".join(text.split())
    if not clean:
        return None
    for member in column.choices:
        if str(member.value).casefold() == clean.casefold():
            return member
    allowed = ", ".join(str(member.value) for member in column.choices)
    raise InputError(f"„{clean}“ ist kein gültiger Wert. Erlaubt sind: {allowed}.")


def parse_yes_no(text: str) -> bool:
    """``ja`` -> True, ``nein`` or empty -> False."""
    clean = text.strip().casefold()
    if clean in ("", NO):
        return False
    if clean == YES:
        return True
    raise InputError(f"„{text.strip()}“ ist weder „ja“ noch „nein“.")


class CouncilTableModel(ChildTableModel):
    """A list whose columns include choices and ja/nein; ``choices(index)`` names what a cell offers."""

    def parse(self, column: Column, text: str) -> Any:
        if column.kind is Kind.ENUM:
            return parse_choice(column, text)
        if column.kind is Kind.BOOL:
            return parse_yes_no(text)
        return super().parse(column, text)

    def _cell_data(self, row: int, column: Column, value: Any, role: int) -> Any:
        if column.kind is Kind.BOOL and role in (DisplayRole, EditRole):
            return YES if value else NO
        return super()._cell_data(row, column, value, role)

    def choices(self, index: ModelIndex) -> list[str]:
        """The values a cell's editor offers (empty: the cell takes free text)."""
        column = self.columns[index.column()]
        if column.kind is Kind.BOOL:
            return [YES, NO]
        if column.kind is Kind.ENUM and column.choices is not None:
            return [str(member.value) for member in column.choices]
        return []


class MittelabrufeModel(CouncilTableModel):
    """Calls of federal funds: Datum, Betrag, Halbjahr (from the date unless set), Status, Bemerkung."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__("mittelabrufe", MITTELABRUFE, _new_mittelabruf, parent)

    def setData(self, index: ModelIndex, value: Any, role: int = EditRole) -> bool:  # noqa: N802
        """A new date also moves a Halbjahr that was the old date's (or empty) to the new date's."""
        row = index.row() if index.isValid() and index.row() < len(self._rows) else None
        before = self._rows[row] if row is not None else None
        followed = before is not None and before.halbjahr in (None, _halbjahr(before.datum))
        done = super().setData(index, value, role)
        if done and before is not None and followed and self.column_key(index.column()) == "datum":
            self._follow_date(index.row(), before)
        return done

    def _follow_date(self, row: int, call: MittelabrufData) -> None:
        halbjahr = _halbjahr(call.datum)
        if call.halbjahr != halbjahr:
            call.halbjahr = halbjahr
            cell = self.index(row, self.column_of("halbjahr"))
            self.dataChanged.emit(cell, cell, [DisplayRole, EditRole])

    def total(self, called: bool) -> Decimal:
        """The sum of the calls that count as called (abgerufen, ausgezahlt), or of the planned ones."""
        rows = [r for r in self._rows if isinstance(r.betrag, Decimal) and isinstance(r.status, Abrufstatus)]
        if called:
            return sum((r.betrag for r in rows if is_called(r)), Decimal("0.00"))
        return sum((r.betrag for r in rows if r.status is Abrufstatus.GEPLANT), Decimal("0.00"))


class BeschluesseModel(CouncilTableModel):
    """Decisions of the council and the funder; a cell of Ergebnis offers the results of its Art."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__("beschluesse", BESCHLUESSE, _new_beschluss, parent)

    def choices(self, index: ModelIndex) -> list[str]:
        if self.column_key(index.column()) == "ergebnis" and index.row() < len(self._rows):
            art = self._rows[index.row()].art
            if isinstance(art, Beschlussart):
                return [str(result.value) for result in ERGEBNISSE[art]]
        return super().choices(index)


def _halbjahr(day: date | None) -> str | None:
    return halbjahr_of(day) if isinstance(day, date) else None


def _new_mittelabruf(_rows: list[MittelabrufData]) -> MittelabrufData:
    return MittelabrufData(datum=None, betrag=None)  # type: ignore[arg-type]


def _new_beschluss(_rows: list[BeschlussData]) -> BeschlussData:
    return BeschlussData(Beschlussart.STADTRAT, None, Beschlussergebnis.BESCHLOSSEN)  # type: ignore[arg-type]


class ClustersTableModel(RowsTableModel):
    """The Clusters as a table: name, number of measures (outside the Papierkorb), description."""

    HEADERS = ("Name", "Maßnahmen", "Beschreibung")
    NUMBERED = False

    def cluster(self, row: int) -> ClusterData:
        """The Cluster shown in ``row``."""
        found: ClusterData = self._rows[row]
        return found

    def names(self) -> list[str]:
        """The names of the Clusters shown, in their order."""
        return [cluster.name for cluster in self._rows]

    def data(self, index: ModelIndex, role: int = DisplayRole) -> Any:
        if not index.isValid():
            return None
        cluster = self.cluster(index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_ANZAHL:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_BESCHREIBUNG:
            return cluster.beschreibung or None
        if role != DisplayRole:
            return None
        values = (cluster.name, format_count(cluster.anzahl), " ".join((cluster.beschreibung or "").split()))
        return values[index.column()]


COL_NAME, COL_ANZAHL, COL_BESCHREIBUNG = range(len(ClustersTableModel.HEADERS))
