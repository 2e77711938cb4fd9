"""Table models of a measure's own lists: Meilensteine, Beteiligung (editable) and its Verlauf (the audit
log, read-only); the Jahresscheiben are in ``models.finanzen``, the calls and decisions in
``models.council``.

Columns and headers come from the column spec; cells show German formats and are edited as German text
(``1.234,56``, ``31.12.2025``). Text that is no value of the column is refused with a German message
(signal ``input_rejected``); rule problems found while checking the whole measure are shown on their
cells (``set_problems``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from gera_desktop.domain.columns import BETEILIGUNGEN, MEILENSTEINE, Column, Kind
from gera_desktop.domain.formatting import format_date, format_euro, format_number
from gera_desktop.domain.records import BeteiligungData, MeilensteinData
from gera_desktop.services.labels import column_label
from gera_desktop.services.typed_input import InputError, parse_count_text, parse_date_text, parse_money_text
from gera_desktop.ui.colours import Shade, shade
from gera_desktop.ui.inputs import count_text
from gera_desktop.ui.models.rows import RowsTableModel

if TYPE_CHECKING:
    from gera_desktop.services.audit import AenderungData  # with SQLAlchemy: not on the start path

ModelIndex = QModelIndex | QPersistentModelIndex
DisplayRole = Qt.ItemDataRole.DisplayRole
EditRole = Qt.ItemDataRole.EditRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
NUMBER_KINDS = (Kind.MONEY, Kind.INTEGER)


def _own_columns(columns: Sequence[Column]) -> tuple[Column, ...]:
    return tuple(c for c in columns if c.key != "nr")


def display_text(kind: Kind, value: Any) -> str:
    """A cell value as shown: 31.12.2025, 1.234,56 €, 1.250, 2024, text on one line."""
    if value is None:
        return ""
    if kind is Kind.DATE:
        return format_date(value)
    if kind is Kind.MONEY:
        return format_euro(value)
    if kind is Kind.INTEGER:
        return count_text(value)
    return " ".join(str(value).split()) if kind is Kind.TEXT else str(value)


def edit_text(kind: Kind, value: Any) -> str:
    """A cell value as offered for editing: 31.12.2025, 1.234,56 (no €), 2024."""
    if value is None:
        return ""
    if kind is Kind.MONEY:
        return format_number(value)
    if kind is Kind.DATE:
        return format_date(value)
    return str(value)


def parse_cell(column: Column, text: str) -> Any:
    """The value of typed text for a column (``InputError`` with a German message)."""
    kind = column.kind
    if kind is Kind.DATE:
        return parse_date_text(text)
    if kind is Kind.MONEY:
        return parse_money_text(text)
    if kind in (Kind.INTEGER, Kind.YEAR):
        return _parse_whole(column, text)
    stripped = text.strip()
    return stripped if stripped or column.required else None


def _parse_whole(column: Column, text: str) -> int | None:
    number = parse_count_text(text)
    if column.kind is Kind.YEAR and number is None:
        raise InputError(f"{column_label(column)}: Bitte ein Jahr eingeben, z. B. 2025.")
    return number


class ChildTableModel(QAbstractTableModel):
    """The rows of one child list of a measure (plain records), editable cell by cell."""

    input_rejected = Signal(str)

    def __init__(
        self,
        list_name: str,
        columns: Sequence[Column],
        new_row: Callable[[list[Any]], Any],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.list_name = list_name
        self.columns = _own_columns(columns)
        self._new_row = new_row
        self._rows: list[Any] = []
        self._problems: dict[tuple[int, str], str] = {}

    # --- the rows ------------------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[Any]) -> None:
        """Show copies of these rows (the caller's records are never changed)."""
        self.beginResetModel()
        self._rows = [replace(row) for row in rows]
        self._problems = {}
        self.endResetModel()

    def rows(self) -> list[Any]:
        """Copies of the rows as they are now."""
        return [replace(row) for row in self._rows]

    def row_count(self) -> int:
        """How many records there are (without a sum row)."""
        return len(self._rows)

    def add_row(self) -> int:
        """Append a new, empty row; returns its number."""
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(self._new_row(self.rows()))
        self.endInsertRows()
        return position

    def remove_rows(self, rows: Iterable[int]) -> None:
        """Remove these rows (numbers of record rows; others are ignored)."""
        for row in sorted({r for r in rows if 0 <= r < len(self._rows)}, reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        self._changed_outside_cells()

    def column_key(self, column: int) -> str:
        """The field key of a column."""
        return self.columns[column].key

    def column_of(self, key: str) -> int:
        """The column number of a field key."""
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    # --- problems ------------------------------------------------------------------------------------

    def set_problems(self, problems: dict[tuple[int, str], str]) -> None:
        """Mark cells that break a rule: (row, field key) -> German message (shown as tooltip)."""
        if problems == self._problems:
            return
        self._problems = dict(problems)
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.BackgroundRole])

    def problem(self, row: int, key: str) -> str | None:
        """The message shown on a cell, if any."""
        return self._problems.get((row, key))

    # --- Qt ------------------------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ModelIndex, role: int = DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self.columns[index.column()]
        value = getattr(self._rows[index.row()], column.key)
        return self._cell_data(index.row(), column, value, role)

    def _cell_data(self, row: int, column: Column, value: Any, role: int) -> Any:
        problem = self._problems.get((row, column.key))
        if role == DisplayRole:
            return display_text(column.kind, value)
        if role == EditRole:
            return edit_text(column.kind, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return problem or (value if column.kind is Kind.TEXT and value else None)
        if role == Qt.ItemDataRole.BackgroundRole and problem:
            return shade(Shade.PROBLEM)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in NUMBER_KINDS:
            return RIGHT
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = EditRole) -> bool:  # noqa: N802
        if role != EditRole or not index.isValid() or index.row() >= len(self._rows):
            return False
        column = self.columns[index.column()]
        try:
            parsed = self.parse(column, "" if value is None else str(value))
        except InputError as error:
            self.input_rejected.emit(f"{column_label(column)}: {error.message}")
            return False
        record = self._rows[index.row()]
        if getattr(record, column.key) != parsed:
            setattr(record, column.key, parsed)
            self.dataChanged.emit(index, index, [DisplayRole, EditRole])
            self._cell_changed(index)
        return True

    def parse(self, column: Column, text: str) -> Any:
        """The value of text typed into a cell of ``column`` (``InputError``)."""
        return parse_cell(column, text)

    def _cell_changed(self, index: ModelIndex) -> None:
        """Hook for models that show figures depending on a cell."""

    def _changed_outside_cells(self) -> None:
        """Hook for models that show figures depending on the rows."""

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns)
        if role == Qt.ItemDataRole.TextAlignmentRole and horizontal:
            return RIGHT if self.columns[section].kind in NUMBER_KINDS else None
        if role != DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_label(self.columns[section]) if horizontal else None
        return str(section + 1)


class MeilensteineModel(ChildTableModel):
    """Milestones: Meilenstein, Termin, Erledigt am, Bemerkung."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__("meilensteine", MEILENSTEINE, _new_meilenstein, parent)


class BeteiligungenModel(ChildTableModel):
    """Participation events: Datum, Format, Ort, Teilnehmende, Ergebnis."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__("beteiligungen", BETEILIGUNGEN, _new_beteiligung, parent)


def _new_meilenstein(_rows: list[MeilensteinData]) -> MeilensteinData:
    return MeilensteinData(bezeichnung="", termin=None)  # type: ignore[arg-type]


def _new_beteiligung(_rows: list[BeteiligungData]) -> BeteiligungData:
    return BeteiligungData(datum=None, format="")  # type: ignore[arg-type]


# --- the audit log ------------------------------------------------------------------------------------

VERLAUF_HEADERS = ("Zeitpunkt", "Benutzer", "Feld", "Alter Wert", "Neuer Wert", "Quelle")


class VerlaufModel(RowsTableModel):
    """The audit log of one measure, newest first: when, who, which field, old and new value, source."""

    HEADERS = VERLAUF_HEADERS

    def set_rows(self, rows: Sequence[AenderungData]) -> None:
        """Show these entries, newest first, a new measure's row "angelegt" one line per field."""
        from gera_desktop.services.audit import expanded  # with SQLAlchemy: not on the start path

        lines = [line for row in rows for line in expanded(row)]
        super().set_rows(sorted(lines, key=lambda r: r.zeitpunkt, reverse=True))

    def data(self, index: ModelIndex, role: int = DisplayRole) -> Any:
        if not index.isValid() or role not in (DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self._rows[index.row()]
        values = (
            entry.zeitpunkt.strftime("%d.%m.%Y %H:%M"),
            entry.benutzer,
            entry.feld,
            entry.alter_wert or "",
            entry.neuer_wert or "",
            entry.quelle,
        )
        text = values[index.column()]
        if role == DisplayRole:
            return " ".join(text.split())
        return text or None
