"""The list of measures as a read-only table model: every column of the column spec, German formats.

The model holds its measures in a ``ListIndex`` (``services.listing``) and shows a list of positions in
it: filtering tests the index's arrays and keeps the current order, sorting picks from an order the
index made once; then a reset. A ``QSortFilterProxyModel`` calling back into Python for every
comparison is 20 times slower. Painting a cell asks for seven roles; ``multiData`` answers them at once
(``massnahmen_roles``). Grouped by Innovationsfeld or Cluster, each group follows a header row
(``services.listing_groups``), disabled so that selection and the arrow keys pass over it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)

from gera_desktop.domain.columns import MASSNAHMEN, Column
from gera_desktop.domain.funding import DEFAULT_FOERDERQUOTE
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.services.listing import ListFilter, ListIndex, Picked, Totals
from gera_desktop.services.listing_index import value_array
from gera_desktop.ui.models.cells import ALIGNMENTS, header_data, role_entries
from gera_desktop.ui.models.massnahmen_roles import COPY_ROLE as COPY_ROLE
from gera_desktop.ui.models.massnahmen_roles import ID_ROLE as ID_ROLE
from gera_desktop.ui.models.massnahmen_roles import ROLE_HANDLERS
from gera_desktop.ui.models.massnahmen_roles import SORT_ROLE as SORT_ROLE

if TYPE_CHECKING:
    from gera_desktop.domain.grouping import GroupKey, Gruppierung
    from gera_desktop.services.listing_groups import GroupedRows

ModelIndex = QModelIndex | QPersistentModelIndex
MEASURE_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
"""What ``QAbstractTableModel.flags`` gives a cell (without a call into Qt)."""
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


class MassnahmenTableModel(QAbstractTableModel):
    """One row per measure, one column per field of the column spec (the view hides most of them)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._index = ListIndex([], DEFAULT_FOERDERQUOTE)
        self._filter = ListFilter()
        self._mask: list[bool] | None = None
        self._rows: list[int] = []
        """The table rows: positions in the index, negative for group headers (``listing_groups``)."""
        self._shown: list[int] = []
        """The positions of the shown measures in the order shown (``_rows`` without headers)."""
        self._groups: GroupedRows | None = None
        self._by: Gruppierung | None = None
        self._sort_column: int | None = None
        self._descending = False
        self._waiting = False
        """The filter, order or grouping needs fields the first look did not read (``ListIndex.read``)."""
        self._unread: frozenset[int] = frozenset()
        """The columns whose field the records do not hold yet: empty cells until they do."""

    # --- content ----------------------------------------------------------------------------------------

    def set_rows(self, records: Sequence[MassnahmeData]) -> None:
        """Hold these measures instead of the current ones; show those passing the model's filter, in
        its sort order."""
        self._index = ListIndex(records, self._index.programme_rate)
        self._refilter()

    def set_index(self, index: ListIndex) -> None:
        """Hold the measures of an index made elsewhere (on a worker thread, see ``preparation``)."""
        self._refilter(index)

    def preparation(self) -> Callable[[ListIndex], None]:
        """What a new index needs made before this model shows it: the arrays of the current filter and
        the order of the current sort column, and the sums. The returned function touches no Qt object, so
        a worker thread can run it and the GUI thread only swaps the index in."""
        criteria = self._filter.criteria()
        key = None if self._sort_column is None else COLUMN_KEYS[self._sort_column]
        descending = self._descending

        def prepare(index: ListIndex) -> None:
            mask = index.matching(criteria)
            index.order(key, descending)
            index.totals(mask)
            index.totals()

        return prepare

    def set_filter(self, f: ListFilter) -> None:
        """Show the measures passing ``f``, in the current order."""
        self._filter = f
        self._refilter()

    def _refilter(self, index: ListIndex | None = None, change: Callable[[], None] | None = None) -> None:
        """Filter and order again (over a new ``index`` if given, after ``change`` of the index if given:
        both only once the reset has begun, so that whoever looks before the reset, such as the view
        keeping its current measure, still sees the old rows)."""
        self.beginResetModel()
        if index is not None:
            self._index = index
            self._unread = frozenset(c for c, key in enumerate(COLUMN_KEYS) if not index.reads(key))
        if change is not None:
            change()
        self._waiting = True  # the mask is made again by ``_arrange``
        self._arrange()
        self.endResetModel()

    def complete(self) -> bool:
        """The measures hold every field (the start's first look reads only the list's, ``ListIndex``)."""
        return self._index.complete

    def sort_keys(self) -> list[str]:
        """The field the rows are sorted by (none or one)."""
        return [] if self._sort_column is None else [COLUMN_KEYS[self._sort_column]]

    def waiting(self) -> bool:
        """The filter, order or grouping asks for fields not read yet: no rows until they are."""
        return self._waiting

    def _needed(self) -> list[str]:
        """The arrays of the index the filter, the order and the grouping look at."""
        names = [name for name, _test in self._filter.criteria()]
        if self._sort_column is not None:
            names.append(f"sortiert:{COLUMN_KEYS[self._sort_column]}")
        if self._by is not None:
            from gera_desktop.services.listing_groups import GROUP_FIELDS  # grouped lists only

            names.append(value_array(GROUP_FIELDS[self._by]))
        return names

    def rows(self) -> list[MassnahmeData]:
        """The measures in the order shown."""
        return list(self.shown_records())

    def shown_records(self) -> Picked:
        """The measures in the order shown, as they are now, read only when asked for (no copy)."""
        return Picked(self._index.records, self._shown)

    def all_records(self) -> list[MassnahmeData]:
        """Every measure the model holds, shown or not, in the order given."""
        return list(self._index.records)

    def record_count(self) -> int:
        """How many measures the model holds, shown or not."""
        return len(self._index)

    def totals(self) -> Totals:
        """The sums of the shown measures (spec section 8: effective amounts, some left out)."""
        return self._index.totals(self._mask)

    def row_data(self, row: int) -> MassnahmeData:
        """The measure shown in ``row`` (an ``IndexError`` for a group's header row)."""
        position = self._rows[row]
        if position < 0:
            raise IndexError(f"Zeile {row} ist die Überschrift einer Gruppe")
        return self._index.records[position]

    def row_of(self, nr: str) -> int | None:
        """The row showing the measure ``nr``, or ``None``."""
        return self._row_at(self._index.position_of_nr(nr))

    def _row_at(self, position: int | None) -> int | None:
        if position is None or self._waiting or (self._mask is not None and not self._mask[position]):
            return None
        return self._rows.index(position)

    def update_record(self, record: MassnahmeData) -> bool:
        """Take the saved state of a measure the model holds (matched by id, else by Nr.; False for one
        it does not hold): shown in its row when it still passes the filter, else the rows change."""
        position = self._index.position_of(record)
        if position is None:
            return False
        row = self._row_at(position)
        group = self._group_key(position)
        self._index.replace(position, record)
        same_group = group == self._group_key(position)
        if row is not None and same_group and self._index.passes(position, self._filter.criteria()):
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        else:
            self._refilter()  # it enters or leaves what the filter shows, or its group
        return True

    def put(self, records: Sequence[MassnahmeData]) -> None:
        """Take the stored state of these measures: those the model holds (by id) are replaced, the others
        added; then the rows are filtered and sorted again (one measure still shown: just its row)."""
        if len(records) == 1 and self.update_record(records[0]):
            return
        positions = self._positions()
        added = []
        for record in records:
            position = positions.get(record.id)
            if position is None:
                added.append(record)
            else:
                self._index.replace(position, record)
        self._index.append(added)
        self._refilter()

    def remove(self, ids: Collection[int]) -> None:
        """Let go of the measures with these ids (deleted); the rows are filtered again."""
        positions = [p for record_id, p in self._positions().items() if record_id in ids]
        if positions:
            self._refilter(change=lambda: self._index.remove(positions))

    def _positions(self) -> dict[int | None, int]:
        return {record_id: p for p, record_id in enumerate(self._index.array(value_array("id")))}

    def set_programme_rate(self, rate: Decimal) -> None:
        """The Förderquote behind computed Bundesmittel and Eigenanteil (from the programme settings)."""
        if rate != self._index.programme_rate:
            self._index = ListIndex(self._index.records, rate, self._index.read)
            self._refilter()

    # --- Qt's model interface ---------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        """A group's header row is disabled: no click selects it, the arrow keys pass over it (asked for
        every painted cell: one comparison when ungrouped)."""
        if self._groups is not None and index.isValid() and self._rows[index.row()] < 0:
            return Qt.ItemFlag.NoItemFlags
        return MEASURE_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: ModelIndex, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        position = self._rows[index.row()]
        if position < 0:
            return self._header_data(position, int(role))
        handler = ROLE_HANDLERS.get(int(role))
        if handler is None or index.column() in self._unread:
            return None
        return handler(self._index, position, index.column())

    def multiData(  # noqa: N802
        self,
        index: ModelIndex,
        roleDataSpan: QModelRoleDataSpan | QModelRoleData,  # noqa: N803
    ) -> None:
        """Every role the view asks of a cell in one call (painting a cell asks seven: one call from
        Qt into Python each would cost more than the cell's values)."""
        entries = role_entries(roleDataSpan)
        if not index.isValid():
            for role_data in entries:
                role_data.clearData()
            return
        position, column = self._rows[index.row()], index.column()
        if position < 0:
            for role_data in entries:
                role_data.setData(self._header_data(position, role_data.role()))
            return
        if column in self._unread:
            for role_data in entries:
                role_data.clearData()
            return
        for role_data in entries:
            handler = ROLE_HANDLERS.get(role_data.role())
            role_data.setData(handler(self._index, position, column) if handler else None)

    def value(self, position: int, column: int) -> Any:
        """The value a cell of the measure at ``position`` shows: funding fields with their default."""
        return self._index.value(position, COLUMN_KEYS[column])

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
            return ALIGNMENTS[section]
        return None

    # --- sorting ----------------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Show the rows in the order of ``column``'s values (a reset: the view keeps the current
        measure, see ``MassnahmenListView``). A layout change would keep selections by itself, but makes
        the table lay out its scroll bars again and repaint the whole window: twice the time of a sort
        of 1,000 measures."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.beginResetModel()
        self._arrange()
        self.endResetModel()

    def _arrange(self) -> None:
        """The measures passing the filter in the sort order, in their groups if grouped."""
        if not all(map(self._index.makes, self._needed())):
            self._waiting, self._mask, self._shown, self._rows, self._groups = True, None, [], [], None
            return
        if self._waiting:
            self._waiting = False
            self._mask = self._index.matching(self._filter.criteria())
        key = None if self._sort_column is None else COLUMN_KEYS[self._sort_column]
        self._shown = self._index.shown(self._mask, key, self._descending)
        self._groups = None if self._by is None else _grouped(self._index, self._shown, self._by)
        self._rows = self._shown
        if self._groups is not None:
            self._rows = self._groups.rows
            self._shown = [position for position in self._rows if position >= 0]

    # --- grouping ---------------------------------------------------------------------------------------

    def set_grouping(self, by: Gruppierung | None) -> None:
        """Show the measures in groups by Innovationsfeld or Cluster, each under a header row (``None``:
        one list); within a group in the current sort order."""
        if by is not self._by:
            self._by = by
            self.beginResetModel()
            self._arrange()
            self.endResetModel()

    def grouping(self) -> Gruppierung | None:
        return self._by

    def header_rows(self) -> list[int]:
        """The rows that are group headers."""
        return [row for row, value in enumerate(self._rows) if value < 0] if self._groups else []

    def _group_key(self, position: int) -> GroupKey:
        if self._by is None:
            return None
        from gera_desktop.services.listing_groups import group_key

        return group_key(self._index, position, self._by)

    def _header_data(self, value: int, role: int) -> Any:
        assert self._groups is not None
        return header_data(self._groups.header(value).title, role)


def _grouped(index: ListIndex, shown: list[int], by: Gruppierung) -> GroupedRows:
    """The rows of a grouped list (``services.listing_groups``, imported by the first grouped list: the
    window's first paint does without it)."""
    from gera_desktop.services.listing_groups import grouped_rows

    return grouped_rows(index, shown, by)
