"""Painting laid-out pages on any paged device (the PDF writer, a printer): each page's items, and the
header (Programmbüro, "Sachstandsbericht", Stand) and footer ("Seite n von m") every page carries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPen

from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.formatting import format_date
from gera_desktop.ui.report.blocks import Align, Style
from gera_desktop.ui.report.layout import (
    FOOTER_HEIGHT,
    HEADER_HEIGHT,
    MARGIN_BOTTOM,
    MARGIN_SIDE,
    MARGIN_TOP,
    RULE,
    Mark,
    Page,
    Shape,
    Text,
)
from gera_desktop.ui.report.metrics import Metrics

TEXT_COLOUR = "#212529"
HEADER_SHARE = 0.6
"""The share of the width the Programmbüro's name may take in the header."""


class PaintError(GeraError):
    """The device could not be painted on (a printer that is gone, a file that cannot be opened)."""


@dataclass(frozen=True)
class Letterhead:
    """What the header of every page names."""

    programme: str
    stand: date
    title: str = "Sachstandsbericht"


def a4_portrait(device: QPagedPaintDevice) -> None:
    """Set the device to A4 portrait without margins of its own (the pages keep theirs)."""
    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF())
    device.setPageLayout(layout)


def add_letterhead(pages: Sequence[Page], metrics: Metrics, letterhead: Letterhead) -> None:
    """Put the header and the footer "Seite n von m" on every page."""
    left, width = metrics.pt(MARGIN_SIDE), metrics.device.width() - 2 * metrics.pt(MARGIN_SIDE)
    line = metrics.line(Style.SMALL)
    top = metrics.pt(MARGIN_TOP + HEADER_HEIGHT) - line - metrics.pt(10)
    bottom = metrics.device.height() - metrics.pt(MARGIN_BOTTOM + FOOTER_HEIGHT) + metrics.pt(8)
    name = metrics.elided(letterhead.programme, Style.SMALL, width * HEADER_SHARE)
    title = f"{letterhead.title} – Stand {format_date(letterhead.stand)}"
    for number, page in enumerate(pages, start=1):
        page.items += [
            Text(left, top, width, line, name, Style.SMALL),
            Text(left, top, width, line, title, Style.SMALL, Align.RIGHT),
            Mark(left, top + line + metrics.pt(3), width, 0.0, Shape.RULE, RULE),
            Text(left, bottom, width, line, f"Seite {number} von {len(pages)}", Style.SMALL, Align.RIGHT),
        ]


def paint_pages(
    device: QPagedPaintDevice,
    pages: Sequence[Page],
    metrics: Metrics,
    each: Callable[[int], None] | None = None,
    what: str = "Der Sachstandsbericht",
) -> None:
    """Paint ``pages`` on ``device``, one after the other; ``each(n)`` after page n (progress, cancel).
    ``what`` names the document in the message when the device cannot be opened."""
    painter = QPainter()
    if not painter.begin(device):
        raise PaintError(f"{what} konnte nicht ausgegeben werden: Das Ziel lässt sich nicht öffnen.")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for number, page in enumerate(pages, start=1):
            if number > 1:
                device.newPage()
            paint_page(painter, page, metrics)
            if each is not None:
                each(number)
    finally:
        painter.end()


def paint_page(painter: QPainter, page: Page, metrics: Metrics) -> None:
    """Paint the items of one page."""
    for item in page.items:
        if isinstance(item, Text):
            _paint_text(painter, item, metrics)
        else:
            _paint_mark(painter, item, metrics)


def _paint_text(painter: QPainter, item: Text, metrics: Metrics) -> None:
    painter.setFont(metrics.font(item.style))
    painter.setPen(QColor(TEXT_COLOUR))
    horizontal = Qt.AlignmentFlag.AlignRight if item.align is Align.RIGHT else Qt.AlignmentFlag.AlignLeft
    rect = QRectF(item.x, item.y, item.width, item.height)
    painter.drawText(rect, horizontal | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine, item.text)


def _paint_mark(painter: QPainter, item: Mark, metrics: Metrics) -> None:
    colour = QColor(item.colour)
    if item.shape is Shape.RULE:
        painter.setPen(QPen(colour, metrics.pt(0.5)))
        painter.drawLine(QPointF(item.x, item.y), QPointF(item.x + item.width, item.y))
        return
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    rect = QRectF(item.x, item.y, item.width, item.height)
    if item.shape is Shape.DOT:
        painter.drawEllipse(rect)
    else:
        painter.drawRect(rect)
    painter.setBrush(Qt.BrushStyle.NoBrush)
