"""The list's table: Nr. and Maßnahme stay in place when it scrolls right, Enter opens, Strg+C copies,
search hits are marked.

The frozen columns follow Qt's "frozen column" example: a second table over the same model and
selection model lies over the left edge and shows only those columns; it follows the table's rows,
widths, sort order and group header rows, and the two columns stay first in the table underneath.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget

from gera_desktop.services.listing_index import SEARCH_KEYS
from gera_desktop.ui.models.massnahmen import COL_NR, COL_TITEL, COLUMN_KEYS
from gera_desktop.ui.views.list_highlight import HitDelegate

ModelIndex = QModelIndex | QPersistentModelIndex
FROZEN = (COL_NR, COL_TITEL)
"""The columns that stay in place at the table's left edge."""
SCROLL_ROOM = 150
"""How many pixels beside the frozen columns the list needs to keep them in place; in a narrower list
they scroll away like the other columns, so that every column can be reached."""
SEARCHED_COLUMNS = tuple(COLUMN_KEYS.index(key) for key in SEARCH_KEYS)
OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
ScrollHint = QAbstractItemView.ScrollHint
VIEWPORT_NAME = "qt_scrollarea_viewport"
"""The object name Qt gives the viewport it makes for a scroll area."""


class ListTable(QTableView):
    """The table of measures with Nr. and Maßnahme frozen at its left edge."""

    open_current = Signal()
    copy_requested = Signal()

    frozen: FrozenColumns | None = None
    """The frozen columns (made with the model)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits = HitDelegate(self)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        """Show ``model``; the frozen columns over the same model and selection."""
        super().setModel(model)
        if self.frozen is not None:
            self.frozen.deleteLater()
        self.frozen = FrozenColumns(self)
        self._connect_header()
        self.keep_frozen_first()
        self.follow_columns()

    def _connect_header(self) -> None:
        assert self.frozen is not None
        header, frozen_header = self.horizontalHeader(), self.frozen.horizontalHeader()
        frozen_header.customContextMenuRequested.connect(header.customContextMenuRequested)
        self.frozen.doubleClicked.connect(self.doubleClicked)
        header.sectionResized.connect(self._on_header_section_resized)
        header.sectionMoved.connect(self.keep_frozen_first)
        header.sortIndicatorChanged.connect(self.frozen.show_sort)
        frozen_header.sortIndicatorChanged.connect(self._on_frozen_header_sort_indicator_changed)
        frozen_header.sectionResized.connect(self._on_frozen_header_section_resized)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)

    # --- what the table shows ---------------------------------------------------------------------------

    def set_row_height(self, height: int) -> None:
        """Every row ``height`` pixels high, in both tables."""
        for table in self._tables():
            rows = table.verticalHeader()
            rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            rows.setDefaultSectionSize(height)

    def set_search(self, text: str) -> None:
        """Mark what the search text ``text`` finds in the searched columns (their cells paint through
        Python only while there is a search: without one, Qt's own delegate paints them)."""
        if self.hits.set_search(text):
            delegate = self.hits if self.hits.searching() else None  # None: the view's own
            for table in self._tables():
                for column in SEARCHED_COLUMNS:
                    table.setItemDelegateForColumn(column, delegate)  # type: ignore[arg-type]
                table.viewport().update()

    def span_rows(self, rows: Sequence[int], first: int) -> None:
        """Each of ``rows`` (a group's header row) as one cell from column ``first`` over the width."""
        width = self.model().columnCount()
        for table in self._tables():
            table.clearSpans()
            for row in rows:
                table.setSpan(row, first, 1, width)

    def follow_columns(self) -> None:
        """The frozen table shows the frozen columns the table shows, at their widths."""
        if self.frozen is None:
            return
        frozen = self.frozen
        for column in range(self.model().columnCount()):  # only what differs: each change lays out anew
            hidden = column not in FROZEN or self.isColumnHidden(column) or not self.columnWidth(column)
            if frozen.isColumnHidden(column) != hidden:
                frozen.setColumnHidden(column, hidden)
            if not hidden and frozen.columnWidth(column) != self.columnWidth(column):
                frozen.setColumnWidth(column, self.columnWidth(column))
        frozen.show_sort(self.horizontalHeader().sortIndicatorSection())
        frozen.place()

    def keep_frozen_first(self) -> None:
        """Nr. and Maßnahme back at the left edge (in the order the user gave them) when another column
        was moved before them; the frozen table shows them in that order."""
        header = self.horizontalHeader()
        for visual, column in enumerate(self._frozen_order()):
            if header.visualIndex(column) != visual:
                header.moveSection(header.visualIndex(column), visual)
        if self.frozen is not None:
            theirs = self.frozen.horizontalHeader()
            for visual, column in enumerate(self._frozen_order()):
                theirs.moveSection(theirs.visualIndex(column), visual)

    def _frozen_order(self) -> list[int]:
        return sorted(FROZEN, key=self.horizontalHeader().visualIndex)

    def _tables(self) -> list[QTableView]:
        return [self] if self.frozen is None else [self, self.frozen]

    # --- Qt's table interface ---------------------------------------------------------------------------

    def viewport(self) -> QWidget:
        """The viewport, found by its object name. Asked through ``viewport()``, PySide wraps that plain
        ``QWidget`` only after building every QtWidgets class (about 7 ms, once per process); the window's
        first paint does without that."""
        found = self.findChild(QObject, VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
        return found if isinstance(found, QWidget) else super().viewport()

    def updateGeometries(self) -> None:  # noqa: N802
        super().updateGeometries()
        if self.frozen is not None:
            self.frozen.place()

    def scrollTo(self, index: ModelIndex, hint: ScrollHint = ScrollHint.EnsureVisible) -> None:  # noqa: N802
        """Show ``index`` beside the frozen columns, not under them (a frozen column is always shown:
        only the rows scroll)."""
        bar = self.horizontalScrollBar()
        kept = bar.value()
        super().scrollTo(index, hint)
        if not index.isValid() or self.frozen is None or self.frozen.isHidden():
            return
        if index.column() in FROZEN:
            bar.setValue(kept)
            return
        covered = self.frozen.width() - self.visualRect(index).left()
        if covered > 0:
            bar.setValue(bar.value() - covered)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in OPEN_KEYS and self.currentIndex().isValid():
            self.open_current.emit()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- slots ------------------------------------------------------------------------------------------

    def _on_header_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column in FROZEN:
            self.follow_columns()  # hidden, shown or resized

    def _on_frozen_header_sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        self.horizontalHeader().setSortIndicator(column, order)  # the table sorts

    def _on_frozen_header_section_resized(self, column: int, _old: int, new: int) -> None:
        if column in FROZEN and new > 0:
            self.setColumnWidth(column, new)


class FrozenColumns(QTableView):
    """The frozen columns: a table without frame and scroll bars over the left edge of ``table``."""

    def __init__(self, table: ListTable) -> None:
        super().__init__(table)
        self._table = table
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys go to the table underneath
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(table.verticalScrollMode())
        self.setEditTriggers(table.editTriggers())
        self.setSelectionBehavior(table.selectionBehavior())
        self.setSelectionMode(table.selectionMode())
        self.setAlternatingRowColors(table.alternatingRowColors())
        self.setWordWrap(table.wordWrap())
        self.setTextElideMode(table.textElideMode())
        self.setAccessibleName("Maßnahmenliste, feste Spalten Nr. und Maßnahme")
        self.verticalHeader().hide()
        self._set_up_header()
        self.show()

    def _set_up_header(self) -> None:
        header, theirs = self.horizontalHeader(), self._table.horizontalHeader()
        header.setSectionsMovable(False)
        header.setHighlightSections(False)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setDefaultAlignment(theirs.defaultAlignment())
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show_sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        """The table's sort indicator, shown here too (without sorting again)."""
        theirs = self._table.horizontalHeader()
        header = self.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, theirs.sortIndicatorOrder() if order is None else order)
        header.blockSignals(False)

    def place(self) -> None:
        """Over the table's left edge: as wide as the frozen columns, as high as header and rows."""
        table = self._table
        viewport = table.viewport().geometry()
        width = sum(table.columnWidth(c) for c in FROZEN if not table.isColumnHidden(c))  # 0 when hidden
        header_height = table.horizontalHeader().height()
        self.horizontalHeader().setFixedHeight(header_height)
        top, height = viewport.top() - header_height, viewport.height() + header_height
        self.setGeometry(viewport.left(), top, min(width, viewport.width()), height)
        self.verticalScrollBar().setValue(table.verticalScrollBar().value())
        # a list too narrow to show more than the frozen columns scrolls them away like the others
        self.setHidden(width + SCROLL_ROOM > viewport.width())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._table.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)
