"""The printed Liste: the measures as filtered and sorted, the shown columns in the shown order, on A4
landscape pages with the title and the filter on top, the column header on every page and "Seite n von m"
below. Texts are read from the list's model while a page is painted, so that 10,000 rows cost no
widgets and no copies; a text too wide for its column ends in "…".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPagedPaintDevice, QPainter, QPen

from gera_desktop.domain.formatting import format_count, format_date
from gera_desktop.ui.report.blocks import Style
from gera_desktop.ui.report.metrics import Metrics
from gera_desktop.ui.report.painting import PaintError

MARGIN = 28.0  # 10 mm, in points
TITLE_GAP, HEADER_GAP = 4.0, 6.0
CELL_PAD = 3.0
ROW_PAD = 2.0
MEASURED_ROWS = 200
"""The widths of the columns follow the texts of this many rows (and the headers)."""
HEADER_FILL, GROUP_FILL, RULE, TEXT = "#e9ecef", "#f1f3f5", "#adb5bd", "#212529"
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

RowTexts = Callable[[int], tuple[list[str], bool]]
"""The texts of a row by its number, and whether it is a group's header row (one text across)."""


@dataclass(frozen=True)
class ListPrintout:
    """What the printed list shows: its title lines, the columns (header, width on screen, numbers to
    the right) and ``count`` rows whose texts ``row`` gives when a page is painted."""

    title: str
    subtitle: str
    stand: date
    headers: Sequence[str]
    widths: Sequence[float]
    right: Sequence[bool]
    count: int
    row: RowTexts


@dataclass(frozen=True)
class _Frame:
    """Where things go on a page of a device, in device units."""

    left: float
    width: float
    top: float
    bottom: float
    row: float
    columns: list[tuple[float, float]]

    def per_page(self) -> int:
        return max(int((self.bottom - self.top) // self.row) - 1, 1)  # one row for the header


def page_count(printout: ListPrintout, device: QPagedPaintDevice) -> int:
    """How many pages the list takes on ``device`` (at least one)."""
    return max(math.ceil(printout.count / _frame(printout, Metrics(device)).per_page()), 1)


def paint_list(device: QPagedPaintDevice, printout: ListPrintout, pages: range | None = None) -> int:
    """Paint the list on ``device`` (all pages, or those numbered in ``pages``); the page count."""
    metrics = Metrics(device)
    frame = _frame(printout, metrics)
    total = max(math.ceil(printout.count / frame.per_page()), 1)
    painter = QPainter()
    if not painter.begin(device):
        raise PaintError("Die Liste konnte nicht gedruckt werden: Der Drucker lässt sich nicht öffnen.")
    try:
        painter.setPen(QColor(TEXT))
        pages_painter = _Painter(painter, printout, metrics, frame)
        shown = [n for n in range(1, total + 1) if pages is None or n in pages]
        for index, number in enumerate(shown):
            if index:
                device.newPage()
            pages_painter.page(number, total)
    finally:
        painter.end()
    return total


def _frame(printout: ListPrintout, metrics: Metrics) -> _Frame:
    device = metrics.device
    left, width = metrics.pt(MARGIN), device.width() - 2 * metrics.pt(MARGIN)
    top = metrics.pt(MARGIN) + metrics.line(Style.TITLE) + metrics.line(Style.BODY) + metrics.pt(TITLE_GAP)
    bottom = device.height() - metrics.pt(MARGIN) - metrics.line(Style.SMALL) - metrics.pt(HEADER_GAP)
    columns, x = [], left
    for column_width in column_widths(printout, metrics, width):
        columns.append((x, column_width))
        x += column_width
    row = metrics.line(Style.BODY) + 2 * metrics.pt(ROW_PAD)
    return _Frame(left, width, top + metrics.pt(HEADER_GAP), bottom, row, columns)


def column_widths(printout: ListPrintout, metrics: Metrics, width: float) -> list[float]:
    """The columns' widths across ``width``: each as wide as its header and the texts of the first
    rows need (no date or amount cut off); too wide in all, the widest columns give way first (a long
    Maßnahme ends in "…"); room to spare goes to the columns by their widths on screen."""
    need = _needed(printout, metrics)
    if sum(need) <= width:
        screen = sum(printout.widths) or 1.0
        spare = width - sum(need)
        return [n + spare * w / screen for n, w in zip(need, printout.widths, strict=True)]
    low, high = 0.0, max(need)
    for _step in range(40):  # the cap at which the capped widths fill ``width``
        cap = (low + high) / 2
        low, high = (cap, high) if sum(min(n, cap) for n in need) < width else (low, cap)
    return [min(n, low) for n in need]


def _needed(printout: ListPrintout, metrics: Metrics) -> list[float]:
    bold = QFontMetricsF(metrics.font(Style.STRONG), metrics.device)
    body = QFontMetricsF(metrics.font(Style.BODY), metrics.device)
    need = [bold.horizontalAdvance(h) for h in printout.headers]
    for row in range(min(printout.count, MEASURED_ROWS)):
        texts, is_group = printout.row(row)
        if not is_group:
            need = [max(n, body.horizontalAdvance(t)) for n, t in zip(need, texts, strict=True)]
    return [n + 2 * metrics.pt(CELL_PAD) + 1 for n in need]


class _Painter:
    """Paints the pages of one printout on one device (fonts and their metrics made once)."""

    def __init__(self, painter: QPainter, printout: ListPrintout, metrics: Metrics, frame: _Frame) -> None:
        self.p, self.printout, self.m, self.frame = painter, printout, metrics, frame
        self._measures = {s: QFontMetricsF(metrics.font(s), metrics.device) for s in Style}

    def page(self, number: int, total: int) -> None:
        """Title, header, the page's rows, Stand and page number."""
        frame, m = self.frame, self.m
        self.title()
        y = frame.top
        self.p.fillRect(QRectF(frame.left, y, frame.width, frame.row), QColor(HEADER_FILL))
        self.cells(y, self.printout.headers, Style.STRONG)
        first = (number - 1) * frame.per_page()
        for row in range(first, min(first + frame.per_page(), self.printout.count)):
            y += frame.row
            texts, is_group = self.printout.row(row)
            if is_group:
                band = QRectF(frame.left, y, frame.width, frame.row)
                self.p.fillRect(band, QColor(GROUP_FILL))
                self.text(Style.STRONG, band.adjusted(m.pt(CELL_PAD), 0, 0, 0), texts[0], LEFT)
            else:
                self.cells(y, texts, Style.BODY)
            self.rule(y + frame.row)
        footer = QRectF(frame.left, frame.bottom + m.pt(HEADER_GAP), frame.width, m.line(Style.SMALL))
        self.text(Style.SMALL, footer, f"Stand: {format_date(self.printout.stand)}", LEFT)
        self.text(Style.SMALL, footer, f"Seite {number} von {total}", RIGHT)

    def title(self) -> None:
        frame, m = self.frame, self.m
        title = QRectF(frame.left, m.pt(MARGIN), frame.width, m.line(Style.TITLE))
        self.text(Style.TITLE, title, self.printout.title, LEFT)
        line = QRectF(frame.left, title.bottom(), frame.width, m.line(Style.BODY))
        self.text(Style.BODY, line, self.printout.subtitle, LEFT)

    def cells(self, y: float, texts: Sequence[str], style: Style) -> None:
        pad = self.m.pt(CELL_PAD)
        for (x, width), text, right in zip(self.frame.columns, texts, self.printout.right, strict=True):
            self.text(
                style, QRectF(x + pad, y, width - 2 * pad, self.frame.row), text, RIGHT if right else LEFT
            )

    def text(self, style: Style, box: QRectF, text: str, align: Qt.AlignmentFlag) -> None:
        if not text:
            return
        self.p.setFont(self.m.font(style))
        shown = self._measures[style].elidedText(text, Qt.TextElideMode.ElideRight, box.width())
        self.p.drawText(box, align | Qt.TextFlag.TextSingleLine, shown)

    def rule(self, y: float) -> None:
        self.p.setPen(QPen(QColor(RULE), self.m.pt(0.4)))
        self.p.drawLine(QPointF(self.frame.left, y), QPointF(self.frame.left + self.frame.width, y))
        self.p.setPen(QColor(TEXT))


def measures_text(shown: int, total: int) -> str:
    """``'25 von 80 Maßnahmen'``, ``'80 Maßnahmen'``."""
    noun = "Maßnahme" if total == 1 else "Maßnahmen"
    if shown == total:
        return f"{format_count(total)} {noun}"
    return f"{format_count(shown)} von {format_count(total)} {noun}"
