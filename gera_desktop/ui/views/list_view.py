"""The list of measures: filter bar, table with user-chosen columns (Nr. and Maßnahme frozen), sorting by
value, search hits marked, open on Enter, the selected rows copied as a table."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.services.listing import ListFilter, ListIndex, Totals
from gera_desktop.ui.models.massnahmen import (
    COL_NR,
    COLUMN_KEYS,
    COLUMNS,
    ID_ROLE,
    MassnahmenTableModel,
)
from gera_desktop.ui.views.filter_bar import FilterBar
from gera_desktop.ui.views.list_columns import column_menu, show_default_columns
from gera_desktop.ui.views.list_copy import copied_rows
from gera_desktop.ui.views.list_table import ListTable

LOADING_TEXT = "Maßnahmen werden geladen …"


class MassnahmenListView(QWidget):
    """The measures passing the filter bar's filter, sorted by the clicked column."""

    open_requested = Signal(str)
    current_changed = Signal(str)
    visible_changed = Signal(object)
    """The shown measures changed (a sequence of them, read when asked for: ``object``, since a ``list``
    signal would convert each)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = ListFilter()
        self._announced_nr = ""
        self._wanted_nr = ""
        self._kept_nr: str | None = None
        self._spanned = False
        self._loading = False
        self.model = MassnahmenTableModel(self)
        self.filter_bar = FilterBar(self)
        self._build_ui()
        self._connect_signals()

    # --- building ---------------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.table = ListTable(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setAccessibleName("Maßnahmenliste")
        self._set_up_rows()
        self._set_up_header()
        self.empty_note = self._build_empty_note()
        self.loading_note = QLabel(LOADING_TEXT, self)
        self.loading_note.setContentsMargins(4, 4, 4, 4)
        self.loading_note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.loading_note)
        layout.addWidget(self.table, 1)

    def _build_empty_note(self) -> QWidget:
        """Shown above the empty table when the filter lets no measure through."""
        note = QWidget(self)
        self.empty_reset = QPushButton("Filter zurücksetzen", note)
        layout = QHBoxLayout(note)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(QLabel("Keine Maßnahme passt zu diesem Filter.", note))
        layout.addWidget(self.empty_reset)
        layout.addStretch(1)
        note.hide()
        return note

    def _set_up_rows(self) -> None:
        self.table.verticalHeader().setVisible(False)
        self.table.set_row_height(self.fontMetrics().height() + 12)

    def _set_up_header(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.setSortIndicator(COL_NR, Qt.SortOrder.AscendingOrder)
        self.model.sort(COL_NR, Qt.SortOrder.AscendingOrder)
        self.show_default_columns()

    def _connect_signals(self) -> None:
        self.filter_bar.changed.connect(self._on_filter_bar_changed)
        self.filter_bar.reset_button.clicked.connect(self.table.setFocus)
        self.empty_reset.clicked.connect(self.filter_bar.reset)
        self.table.open_current.connect(self._on_table_open_current)
        self.table.copy_requested.connect(self.copy_selection)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)
        self.model.modelReset.connect(self._on_model_reset)
        header = self.table.horizontalHeader()
        header.customContextMenuRequested.connect(self._on_header_context_menu_requested)
        header.sectionMoved.connect(self._span_headers)  # after the table kept Nr. and Maßnahme first

    # --- records and filter -----------------------------------------------------------------------------

    def set_records(self, records: Sequence[MassnahmeData]) -> None:
        """Show these measures (through the current filter), keeping the selected measure selected."""
        self.model.set_rows(records)
        self.set_loading(False)
        self._rows_changed()

    def set_index(self, index: ListIndex) -> None:
        """Show the measures of an index prepared in the background (``model.preparation``)."""
        self.model.set_index(index)
        self.set_loading(False)
        self._rows_changed()

    def put_records(self, records: Sequence[MassnahmeData]) -> None:
        """Show the stored state of these measures: known ones (by id) replaced, new ones added."""
        self.model.put(records)
        self._rows_changed()

    def remove_records(self, ids: Collection[int]) -> None:
        """Let go of the measures with these ids (moved into the Papierkorb)."""
        self.model.remove(ids)
        self._rows_changed()

    def set_loading(self, loading: bool) -> None:
        """Say above the (empty) table that the measures are being read."""
        self._loading = loading
        self._show_notes()

    def select_when_listed(self, nr: str) -> None:
        """Select the measure ``nr`` now, or as soon as the list shows it (a new or restored measure)."""
        self._wanted_nr = "" if self.select(nr) else nr

    def all_records(self) -> list[MassnahmeData]:
        """Every measure the list knows, filtered or not."""
        return self.model.all_records()

    def record_count(self) -> int:
        """How many measures the list knows, filtered or not."""
        return self.model.record_count()

    def visible_records(self) -> list[MassnahmeData]:
        """The measures that pass the filter, in the order shown."""
        return self.model.rows()

    def visible_count(self) -> int:
        """How many measures pass the filter."""
        return len(self.model.shown_records())

    def visible_totals(self) -> Totals:
        """The sums of the measures that pass the filter (effective amounts; some left out, spec 8)."""
        return self.model.totals()

    def update_record(self, record: MassnahmeData) -> bool:
        """Show the saved state of a measure the list knows (False for one it does not know)."""
        if not self.model.update_record(record):
            return False
        self._rows_changed()  # same rows with other figures, or it entered or left what is shown
        return True

    def set_filter(self, f: ListFilter) -> None:
        """Show ``f`` in the filter bar and the measures passing it."""
        self.filter_bar.set_filter(f)

    def current_filter(self) -> ListFilter:
        """The filter the list applies."""
        return self._filter

    def set_programme_rate(self, rate: Decimal) -> None:
        """The Förderquote behind computed amounts (from the programme settings)."""
        self.model.set_programme_rate(rate)
        self._rows_changed()  # computed amounts and sums follow the rate

    def set_grouping(self, by: Gruppierung | None) -> None:
        """Show the measures in groups by Innovationsfeld or Cluster under header rows (``None``: one
        list), within a group in the current sort order; the current measure stays current."""
        self.model.set_grouping(by)
        self._rows_changed()

    def grouping(self) -> Gruppierung | None:
        return self.model.grouping()

    def focus_search(self) -> None:
        """Put the cursor into the search field."""
        self.filter_bar.focus_search()

    def _show_filtered(self) -> None:
        self.model.set_filter(self._filter)
        self._rows_changed()

    def _rows_changed(self) -> None:
        """After the rows changed (the current measure kept by ``_on_model_reset``): the note on an empty
        result, the measure waited for selected once it is there, the shown measures announced."""
        self._show_notes()
        if self._wanted_nr and self.model.row_of(self._wanted_nr) is not None:
            nr, self._wanted_nr = self._wanted_nr, ""
            self.select(nr)
        else:
            self._announce_current()
        if not self.model.waiting():  # for fields the start did not read yet: not known
            self.visible_changed.emit(self.model.shown_records())

    def _show_notes(self) -> None:
        """Above the table: that the measures are read (or fields the rows wait for), or that the filter
        lets none through."""
        waiting = self.model.waiting()
        self.loading_note.setVisible(self._loading or waiting)
        self.empty_note.setVisible(
            not waiting and self.model.rowCount() == 0 and self.model.record_count() > 0
        )

    # --- selection --------------------------------------------------------------------------------------

    def select(self, nr: str) -> bool:
        """Make the measure ``nr`` the current row (scrolled into view); False if it is not shown."""
        row = self.model.row_of(nr)
        if row is None:
            return False
        index = self.model.index(row, self._first_visible_column())
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def current_nr(self) -> str | None:
        """The Nr. of the current measure, or ``None``."""
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def copy_selection(self) -> None:
        """Put the selected measures on the clipboard as a table: tab-separated, with the header, the
        shown columns in their order, the values as shown (pasted into Excel as cells)."""
        text = copied_rows(self.table)
        if text:
            QApplication.clipboard().setText(text)

    def _first_visible_column(self) -> int:
        header = self.table.horizontalHeader()
        shown = (header.logicalIndex(v) for v in range(header.count()))
        return next(c for c in shown if not header.isSectionHidden(c))

    def _announce_current(self) -> None:
        nr = self.current_nr() or ""
        if nr != self._announced_nr:
            self._announced_nr = nr
            self.current_changed.emit(nr)

    # --- columns ----------------------------------------------------------------------------------------

    def show_default_columns(self) -> None:
        """The columns and widths a new user sees."""
        show_default_columns(self.table.horizontalHeader())
        self._span_headers()

    def visible_columns(self) -> list[str]:
        """The keys of the shown columns, in the order shown."""
        header = self.table.horizontalHeader()
        logical = [header.logicalIndex(v) for v in range(header.count())]
        return [COLUMN_KEYS[c] for c in logical if not header.isSectionHidden(c)]

    def set_column_visible(self, key: str, visible: bool) -> None:
        """Show or hide the column of field ``key`` (the Nr. always stays)."""
        column = COLUMN_KEYS.index(key)
        if column != COL_NR:
            self.table.horizontalHeader().setSectionHidden(column, not visible)
            self._span_headers()  # the column shown first may have changed

    def header_state(self) -> QByteArray:
        """Shown columns, their order, widths and the sort column (for QSettings)."""
        return self.table.horizontalHeader().saveState()

    def restore_header_state(self, state: QByteArray) -> bool:
        """Take back a saved ``header_state`` (False, and the defaults, when it does not fit)."""
        header = self.table.horizontalHeader()
        if state.isEmpty() or not header.restoreState(state) or header.count() != len(COLUMNS):
            self.show_default_columns()
            return False
        header.setSectionHidden(COL_NR, False)
        self.table.keep_frozen_first()
        self.table.follow_columns()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        return True

    def column_menu(self) -> QMenu:
        """The header's context menu: a check box per column, and the default set."""
        header = self.table.horizontalHeader()
        return column_menu(self, header, self.set_column_visible, self.show_default_columns)

    # --- slots ------------------------------------------------------------------------------------------

    def _on_filter_bar_changed(self, f: ListFilter) -> None:
        self._filter = f
        self.table.set_search(f.text)
        self._show_filtered()

    def _on_model_about_to_be_reset(self) -> None:
        self._kept_nr = self.current_nr()

    def _on_model_reset(self) -> None:
        """The current measure stays current when it is still shown (a sort, a filter, new data)."""
        nr, self._kept_nr = self._kept_nr, None
        self._span_headers()
        self._show_notes()
        if nr and self.select(nr):
            self._announced_nr = nr  # the same measure: nothing to announce

    def _span_headers(self) -> None:
        """Each group's header row as one cell over the whole width, from the column shown first."""
        rows = self.model.header_rows()
        if rows or self._spanned:
            self.table.span_rows(rows, self._first_visible_column())
            self._spanned = bool(rows)

    def _on_table_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._announce_current()

    def _on_table_open_current(self) -> None:
        nr = self.current_nr()
        if nr:
            self.open_requested.emit(nr)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        nr = index.data(ID_ROLE)
        if nr:
            self.open_requested.emit(nr)

    def _on_header_context_menu_requested(self, position: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))
        menu.deleteLater()
