"""The table of an audit log (the detail's Verlauf, the Änderungsprotokoll): old and new values readable.

Short columns (Zeitpunkt, Benutzer, Feld, Nr., Quelle) take what their text needs up to a cap; the old
and the new value share the rest of the width and wrap. A row is as high as its wrapped text, at most
``MAX_LINES`` lines (the tooltip holds the whole value). Widths follow the table's width. Rows are
measured as they come into view (sizing 2,000 wrapped rows at once holds the window almost a second).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

MAX_LINES = 6
AHEAD = 40
"""Rows sized beyond the first in view, so that scrolling by a page meets sized rows."""
SAMPLED_ROWS = 200
"""Rows whose text sizes a short column."""
MIN_VALUE_WIDTH = 160
"""Below this width of each value column the table scrolls sideways instead of squeezing them."""


class _CappedRows(QStyledItemDelegate):
    """Wrapped text whose row grows with it, up to ``MAX_LINES`` lines."""

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        most = option.fontMetrics.lineSpacing() * MAX_LINES + 8
        return QSize(size.width(), min(size.height(), most))


class HistoryTable(QTableView):
    """A read-only table of audit lines; ``caps`` maps the short columns to their widest width (logical
    pixels), ``values`` are the columns that share the rest."""

    def __init__(
        self,
        model: QAbstractItemModel,
        caps: Mapping[int, int],
        values: tuple[int, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._caps = dict(caps)
        self._values = values
        self._fitted: set[int] = set()
        self.setModel(model)
        self.setItemDelegate(_CappedRows(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(SAMPLED_ROWS)
        model.modelReset.connect(self.fit_columns)
        self.verticalScrollBar().valueChanged.connect(self._fit_visible_rows)

    def fit_columns(self) -> None:
        """Short columns as wide as their text (capped), the values sharing the rest; rows to their text."""
        for column, most in self._caps.items():
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, min(self.columnWidth(column), self._scaled(most)))
        self._share_the_rest()

    def _scaled(self, pixels: int) -> int:
        """A width given for a 9-point font, grown with larger fonts (150 % text size, 200 %)."""
        return int(pixels * max(1.0, self.fontMetrics().height() / 16))

    def _share_the_rest(self) -> None:
        used = sum(self.columnWidth(column) for column in self._caps)
        rest = self.viewport().width() - used
        each = max(self._scaled(MIN_VALUE_WIDTH), rest // max(len(self._values), 1))
        for column in self._values:
            self.setColumnWidth(column, each)
        self._fitted.clear()
        self._fit_visible_rows()

    def _fit_visible_rows(self) -> None:
        """Size the rows in view (and a few below) to their text, each once per set of widths."""
        first = max(self.rowAt(0), 0)
        row, bottom = first, self.viewport().height()
        while row < self.model().rowCount() and (
            row < first + AHEAD or self.rowViewportPosition(row) < bottom
        ):
            if row not in self._fitted:
                self._fitted.add(row)
                self.resizeRowToContents(row)
            row += 1

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._share_the_rest()
        else:
            self._fit_visible_rows()
