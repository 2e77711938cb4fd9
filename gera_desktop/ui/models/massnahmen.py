"""The list of measures as a read-only table model: every column of the column spec, German formats.

Sorting and filtering happen on the Python list (``services.listing``) followed by a reset or a layout
change: a ``QSortFilterProxyModel`` calling back into Python for every comparison is 20 times slower.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from gera_desktop.domain.enums import Ampel
from gera_desktop.domain.formatting import format_date, format_euro, format_percent
from gera_desktop.domain.funding import DEFAULT_FOERDERQUOTE
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.excel.columns import MASSNAHMEN, Column, Kind
from gera_desktop.services.listing import FUNDING_KEYS, effective_value, sort_key, sort_records
from gera_desktop.ui.ampel import ampel_icon

ModelIndex = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole

COLUMNS: tuple[Column, ...] = MASSNAHMEN
COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)
COL_NR = COLUMN_KEYS.index("nr")
COL_TITEL = COLUMN_KEYS.index("titel")
COL_KURZBESCHREIBUNG = COLUMN_KEYS.index("kurzbeschreibung")
COL_INNOVATIONSFELD = COLUMN_KEYS.index("innovationsfeld")
COL_FEDERFUEHRUNG = COLUMN_KEYS.index("federfuehrung")
COL_BEGINN = COLUMN_KEYS.index("beginn")
COL_ENDE = COLUMN_KEYS.index("ende")
COL_STATUS = COLUMN_KEYS.index("status")
COL_AMPEL = COLUMN_KEYS.index("ampel")
COL_FORTSCHRITT = COLUMN_KEYS.index("fortschritt")
COL_GESAMTKOSTEN = COLUMN_KEYS.index("gesamtkosten")
COL_BUNDESMITTEL = COLUMN_KEYS.index("bundesmittel")
COL_EIGENANTEIL = COLUMN_KEYS.index("eigenanteil")
DEFAULT_COLUMNS = (
    COL_NR,
    COL_TITEL,
    COL_INNOVATIONSFELD,
    COL_FEDERFUEHRUNG,
    COL_BEGINN,
    COL_ENDE,
    COL_STATUS,
    COL_AMPEL,
    COL_GESAMTKOSTEN,
    COL_BUNDESMITTEL,
)
"""The columns a new user sees; the others are chosen in the header's context menu."""

ID_ROLE = int(Role.UserRole) + 1
"""The measure's Nr. (the key the views talk about)."""
SORT_ROLE = int(Role.UserRole) + 2
"""The value a column sorts by (numbers, dates, enum positions), ``None`` when empty."""

NUMBER_KINDS = (Kind.MONEY, Kind.PERCENT, Kind.INTEGER, Kind.YEAR)
LONG_TEXT = 160
COMPUTED_COLOR = QColor("#5f6b7a")
COMPUTED_TIP = "Berechneter Standardwert (Feld ist leer)"


def display_text(column: Column, value: Any) -> str:
    """A value in German notation: ``1.234,56 €``, ``90 %``, ``31.12.2025``, ``ja``; long text shortened."""
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
    return _one_line(str(value))


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= LONG_TEXT else line[: LONG_TEXT - 1].rstrip() + "…"


class MassnahmenTableModel(QAbstractTableModel):
    """One row per measure, one column per field of the column spec (the view hides most of them)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MassnahmeData] = []
        self._programme_rate = DEFAULT_FOERDERQUOTE
        self._sort_column: int | None = None
        self._descending = False

    # --- content ----------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[MassnahmeData]) -> None:
        """Show these measures instead of the current ones (in the model's current sort order)."""
        self.beginResetModel()
        self._rows = self._sorted(rows)
        self.endResetModel()

    def rows(self) -> list[MassnahmeData]:
        """The measures in the order shown."""
        return list(self._rows)

    def row_data(self, row: int) -> MassnahmeData:
        """The measure shown in ``row``."""
        return self._rows[row]

    def row_of(self, nr: str) -> int | None:
        """The row showing the measure ``nr``, or ``None``."""
        return next((row for row, m in enumerate(self._rows) if m.nr == nr), None)

    def update_record(self, record: MassnahmeData) -> bool:
        """Show the saved state of one measure in its row (matched by id, else by Nr.); False if absent."""
        row = self._row_of_record(record)
        if row is None:
            return False
        self._rows[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def _row_of_record(self, record: MassnahmeData) -> int | None:
        if record.id is not None:
            found = next((row for row, m in enumerate(self._rows) if m.id == record.id), None)
            if found is not None:
                return found
        return self.row_of(record.nr)

    def set_programme_rate(self, rate: Decimal) -> None:
        """The Förderquote behind computed Bundesmittel and Eigenanteil (from the programme settings)."""
        if rate == self._programme_rate:
            return
        self.beginResetModel()
        self._programme_rate = rate
        self._rows = self._sorted(self._rows)
        self.endResetModel()

    # --- Qt's model interface ---------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        measure = self._rows[index.row()]
        handler = _ROLE_HANDLERS.get(int(role))
        return handler(self, measure, index.column()) if handler else None

    def value(self, measure: MassnahmeData, column: int) -> Any:
        """The value a cell shows: funding fields with their computed default."""
        return effective_value(measure, COLUMN_KEYS[column], self._programme_rate)

    def _display(self, measure: MassnahmeData, column: int) -> str:
        return display_text(COLUMNS[column], self.value(measure, column))

    def _tooltip(self, measure: MassnahmeData, column: int) -> str | None:
        if self._is_computed(measure, column):
            return f"{COMPUTED_TIP}: {self._display(measure, column)}"
        value = getattr(measure, COLUMN_KEYS[column])
        if isinstance(value, str) and len(value) > LONG_TEXT:
            return value[:2000]
        return None

    def _is_computed(self, measure: MassnahmeData, column: int) -> bool:
        key = COLUMN_KEYS[column]
        return key in FUNDING_KEYS and getattr(measure, key) is None

    def _alignment(self, _measure: MassnahmeData | None, column: int) -> int:
        if COLUMNS[column].kind in NUMBER_KINDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def _decoration(self, measure: MassnahmeData, column: int) -> Any:
        if column == COL_AMPEL and isinstance(measure.ampel, Ampel):
            return ampel_icon(measure.ampel)
        return None

    def _foreground(self, measure: MassnahmeData, column: int) -> QBrush | None:
        return QBrush(COMPUTED_COLOR) if self._is_computed(measure, column) else None

    def _font(self, measure: MassnahmeData, column: int) -> QFont | None:
        if not self._is_computed(measure, column):
            return None
        font = QFont()
        font.setItalic(True)
        return font

    def _sort_value(self, measure: MassnahmeData, column: int) -> Any:
        value = self.value(measure, column)
        return None if value is None or value == "" else sort_key(value)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Role.DisplayRole else None
        if not 0 <= section < len(COLUMNS):
            return None
        if role == Role.DisplayRole:
            return COLUMNS[section].header
        if role == Role.ToolTipRole:
            return COLUMNS[section].rule or None
        if role == Role.TextAlignmentRole:
            return self._alignment(None, section)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # --- sorting ----------------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the row list in Python by value (fast), keeping selections on their measures."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._rearrange(self._sorted)

    def _sorted(self, rows: Sequence[MassnahmeData]) -> list[MassnahmeData]:
        if self._sort_column is None:
            return list(rows)
        key = COLUMN_KEYS[self._sort_column]
        return sort_records(rows, key, self._descending, programme_rate=self._programme_rate)

    def _rearrange(self, reorder: Callable[[list[MassnahmeData]], list[MassnahmeData]]) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        measures = [self._rows[index.row()] for index in persistent]
        self._rows = reorder(self._rows)
        new_row = {id(measure): row for row, measure in enumerate(self._rows)}
        moved = [self.index(new_row[id(m)], i.column()) for m, i in zip(measures, persistent, strict=True)]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()


_ROLE_HANDLERS: dict[int, Callable[[MassnahmenTableModel, MassnahmeData, int], Any]] = {
    int(Role.DisplayRole): MassnahmenTableModel._display,
    int(Role.ToolTipRole): MassnahmenTableModel._tooltip,
    int(Role.TextAlignmentRole): MassnahmenTableModel._alignment,
    int(Role.DecorationRole): MassnahmenTableModel._decoration,
    int(Role.ForegroundRole): MassnahmenTableModel._foreground,
    int(Role.FontRole): MassnahmenTableModel._font,
    ID_ROLE: lambda _model, measure, _column: measure.nr,
    SORT_ROLE: MassnahmenTableModel._sort_value,
}
