"""Parts of the Übersicht: a card with a heading, a table whose rows lead to the list, a share bar."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QIcon, QKeyEvent, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.formatting import format_number
from gera_desktop.services.listing import ListFilter
from gera_desktop.ui.colours import Role, Tone, app_palette, muted, tone_colour

CARD_STYLE = (
    "QFrame#card { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }"
    "QLabel#cardTitle { font-weight: bold; }"
)
SHARE_STEPS = 1000
SHOW_IN_LIST = "In der Liste zeigen"


def german_count(n: int) -> str:
    """``1.250``."""
    return format_number(Decimal(n), 0)


def no_rating_icon(size: int = 14) -> QIcon:
    """A grey ring: no Ampel given (same size as the Ampel dots, so that the words line up)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(muted(app_palette(), Role.Base), 1.5))
    painter.drawEllipse(QRectF(2, 2, size - 4, size - 4))
    painter.end()
    return QIcon(pixmap)


def percent_text(share: Decimal) -> str:
    """A fraction as ``51,0 %``."""
    return f"{format_number(share * 100, 1)} %"


class Card(QFrame):
    """A white box with a bold heading; ``body`` takes the content."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(14, 10, 14, 12)
        self.body.setSpacing(6)
        self.title = QLabel(title, self)
        self.title.setObjectName("cardTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.body.addWidget(self.title)


@dataclass
class Entry:
    """One row: its cells, where it leads (``None``: nowhere) and how it looks."""

    cells: list[str]
    target: ListFilter | None = None
    icon: QIcon | None = None
    bold: bool = False
    tooltip: str = ""
    muted: bool = False


class EntryTable(QTableWidget):
    """A compact, read-only table as tall as its rows; a click (or Enter) on a row emits its target."""

    entry_chosen = Signal(object)

    def __init__(
        self,
        headers: list[str],
        numeric: set[int],
        parent: QWidget | None = None,
        *,
        header: bool = True,
    ) -> None:
        super().__init__(0, len(headers), parent)
        self._targets: list[ListFilter | None] = []
        self._numeric = numeric
        self.setHorizontalHeaderLabels(headers)
        self.horizontalHeader().setVisible(header)
        self._set_up()
        self.cellClicked.connect(self._on_self_cell_clicked)

    def _set_up(self) -> None:
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setShowGrid(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)

    def stretch_column(self, column: int) -> None:
        """Give ``column`` the spare width (the others fit their content)."""
        header = self.horizontalHeader()
        for index in range(self.columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch if index == column else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(index, mode)

    def set_entries(self, entries: list[Entry], empty_text: str = "") -> None:
        """Show these rows (``empty_text`` in grey when there are none)."""
        if not entries and empty_text:
            entries = [Entry([empty_text, *[""] * (self.columnCount() - 1)], muted=True)]
        self.clearContents()
        self.setRowCount(len(entries))
        self._targets = [entry.target for entry in entries]
        for row, entry in enumerate(entries):
            for column, text in enumerate(entry.cells):
                self.setItem(row, column, self._item(entry, column, text))
        self._fit_height()

    def target(self, row: int) -> ListFilter | None:
        """Where row ``row`` leads."""
        return self._targets[row]

    def _item(self, entry: Entry, column: int, text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if column in self._numeric:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == 0 and entry.icon is not None:
            item.setIcon(entry.icon)
        if entry.bold:
            font = QFont(self.font())
            font.setBold(True)
            item.setFont(font)
        if entry.muted or entry.target is None:
            item.setForeground(QBrush(muted(self.palette(), Role.Base)))
        tip = entry.tooltip or (SHOW_IN_LIST if entry.target is not None else "")
        item.setToolTip(tip)
        return item

    def _fit_height(self) -> None:
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(row) for row in range(self.rowCount()))
        header = 0 if self.horizontalHeader().isHidden() else self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(rows + header + 2 * self.frameWidth() + 2)

    def _on_self_cell_clicked(self, row: int, _column: int) -> None:
        self._choose(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self._choose(self.currentRow())
            return
        super().keyPressEvent(event)

    def _choose(self, row: int) -> None:
        target = self._targets[row] if 0 <= row < len(self._targets) else None
        if target is not None:
            self.entry_chosen.emit(target)


class ShareBar(QProgressBar):
    """A share as a bar with its German percentage; red when it exceeds 100 %."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, SHARE_STEPS)
        self.setTextVisible(True)
        self.set_share(None)

    def set_share(self, share: Decimal | None) -> None:
        """Show ``share`` (a fraction; ``None``: an empty bar without text)."""
        if share is None:
            self.setValue(0)
            self.setFormat("")
            self.setPalette(QPalette())
            return
        self.setValue(int(min(share, Decimal(1)) * SHARE_STEPS))
        self.setFormat(percent_text(share))
        self.setPalette(_over_palette(self) if share > 1 else QPalette())


def _over_palette(bar: QProgressBar) -> QPalette:
    """The bar's palette with its filled part in the problem colour (readable on the bar's background)."""
    parent = bar.parentWidget()
    palette = QPalette()
    inherited = parent.palette() if parent is not None else app_palette()
    palette.setColor(Role.Highlight, tone_colour(inherited, Tone.PROBLEM, Role.Base))
    return palette
