"""The Zeitplan as a PDF (A4 landscape, as many pages as the rows need, the whole time range across the
page, title, Stand and "Seite n von m" on every page) and as a PNG image of the whole chart."""

from __future__ import annotations

import math
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QImageWriter,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from gera_desktop.domain.formatting import format_date, format_number
from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.excel.writing import ExportError, atomic_target
from gera_desktop.ui.views.timeline_pages import (
    LEGEND_LINE,
    Block,
    ChartSource,
    legend_height,
    paginate,
    paint_block,
    paint_legend,
)
from gera_desktop.ui.views.timeline_paint import SCALE_HEIGHT
from gera_desktop.ui.views.timeline_paper import PAPER, SUBTLE_TEXT
from gera_desktop.ui.views.timeline_style import ROW_HEIGHT

RESOLUTION = 96
"""Device pixels per inch of the PDF: one pixel of the screen layout is one pixel on paper."""
MARGIN = 38.0  # 10 mm
PDF_LABEL_WIDTH = 330.0
PDF_ROW_HEIGHT = 19.0  # 5 mm
TITLE_HEIGHT = 30.0
INFO_HEIGHT = 22.0
FOOTER_GAP = 8.0
FOOTER_HEIGHT = FOOTER_GAP + 2 * LEGEND_LINE
PAGE_NUMBER_WIDTH = 110.0
PNG_LABEL_WIDTH = 320.0
PNG_PADDING = 8.0
PNG_MAX_WIDTH = 16000
PNG_MAX_HEIGHT = 30000


def rows_per_page(page_height: float) -> int:
    """How many rows fit between the title block and the footer of a page ``page_height`` high."""
    free = page_height - 2 * MARGIN - TITLE_HEIGHT - INFO_HEIGHT - SCALE_HEIGHT - FOOTER_HEIGHT
    return max(int(free // PDF_ROW_HEIGHT), 2)


def export_pdf(path: str | os.PathLike[str], source: ChartSource, title: str, stand: date) -> int:
    """Write the chart as PDF to ``path``; returns the number of pages."""
    with atomic_target(path) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(
            QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, QMarginsF())
        )
        writer.setTitle(title)
        writer.setCreator("gera-desktop")
        painter = QPainter()
        if not painter.begin(writer):
            raise ExportError(f"Die Datei „{Path(path).name}“ konnte nicht angelegt werden.")
        try:
            count = _paint_pages(painter, writer, source, title, stand)
        finally:
            painter.end()
    return count


def paint_chart(device: QPagedPaintDevice, source: ChartSource, title: str, stand: date) -> int:
    """Paint the PDF's pages on another paged device at ``RESOLUTION`` (a printer of the print
    preview); returns the number of pages."""
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError("Der Zeitplan konnte nicht gedruckt werden: Der Drucker lässt sich nicht öffnen.")
    try:
        return _paint_pages(painter, device, source, title, stand)
    finally:
        painter.end()


def _paint_pages(
    painter: QPainter, writer: QPagedPaintDevice, source: ChartSource, title: str, stand: date
) -> int:
    width, height = float(writer.width()), float(writer.height())
    pages = paginate(source.layout, rows_per_page(height))
    chart_width = width - 2 * MARGIN - PDF_LABEL_WIDTH
    block = Block(MARGIN, MARGIN + TITLE_HEIGHT + INFO_HEIGHT, PDF_LABEL_WIDTH, chart_width, PDF_ROW_HEIGHT)
    footer = QRectF(MARGIN, height - MARGIN - FOOTER_HEIGHT + FOOTER_GAP, width - 2 * MARGIN, LEGEND_LINE)
    for number, rows in enumerate(pages, start=1):
        if number > 1:
            writer.newPage()
        painter.setFont(_font(8.5))
        _paint_title(painter, width, source, title, stand)
        paint_block(painter, source, block, rows)
        paint_legend(painter, footer.adjusted(0, 0, -PAGE_NUMBER_WIDTH, 0), source.mode)
        page_number = f"Seite {number} von {len(pages)}"
        painter.setPen(QColor(PAPER.text))
        painter.drawText(footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, page_number)
    return len(pages)


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _paint_title(painter: QPainter, width: float, source: ChartSource, title: str, stand: date) -> None:
    painter.save()
    painter.setPen(QColor(PAPER.text))
    line = QRectF(MARGIN, MARGIN, width - 2 * MARGIN, TITLE_HEIGHT)
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.setFont(_font(14, bold=True))
    painter.drawText(line, left, title)
    painter.setFont(_font(10))
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(line, right, f"Stand: {format_date(stand)}")
    painter.setFont(_font(8.5))
    painter.setPen(QColor(SUBTLE_TEXT))
    painter.drawText(QRectF(MARGIN, line.bottom(), line.width(), INFO_HEIGHT - 6), left, _summary(source))
    painter.restore()


def _summary(source: ChartSource) -> str:
    """``'25 Maßnahmen in 6 Innovationsfeldern · Balkenfarbe nach Ampel'``, grouped by Cluster
    ``'25 Maßnahmen in 3 Clustern, 4 ohne Cluster · …'``."""
    count = sum(len(g.records) for g in source.layout.groups)
    named = [g for g in source.layout.groups if g.key is not None]
    measures = f"{_number(count)} {'Maßnahme' if count == 1 else 'Maßnahmen'}"
    colour = f"Balkenfarbe nach {source.mode.value}"
    if source.layout.by is Gruppierung.INNOVATIONSFELD:
        fields = f"{_number(len(named))} {'Innovationsfeld' if len(named) == 1 else 'Innovationsfeldern'}"
        return f"{measures} in {fields} · {colour}"
    without = count - sum(len(g.records) for g in named)
    parts = [f"in {_number(len(named))} {'Cluster' if len(named) == 1 else 'Clustern'}"] if named else []
    parts += [f"{_number(without)} ohne Cluster" if named else "ohne Cluster"] if without else []
    return f"{measures} {', '.join(parts)} · {colour}"


def _number(n: int) -> str:
    return format_number(Decimal(n), 0)


def png_size(source: ChartSource, px_per_day: float) -> QSize:
    """The size of the PNG at ``px_per_day`` (the chart no wider than ``PNG_MAX_WIDTH``)."""
    chart = min(source.scene.axis.days * px_per_day, PNG_MAX_WIDTH - PNG_LABEL_WIDTH)
    width = math.ceil(PNG_LABEL_WIDTH + chart)
    legend = legend_height(QFontMetricsF(QGuiApplication.font()), width - 2 * PNG_PADDING, source.mode)
    rows = len(source.layout.rows) * ROW_HEIGHT
    return QSize(width, math.ceil(SCALE_HEIGHT + rows + 2 * PNG_PADDING + legend))


def export_png(path: str | os.PathLike[str], source: ChartSource, px_per_day: float) -> QSize:
    """Write the whole chart (every shown row, the whole time range at ``px_per_day``) as PNG."""
    size = png_size(source, px_per_day)
    if size.height() > PNG_MAX_HEIGHT:
        raise ExportError(
            f"Das Bild wäre mit {len(source.layout.rows)} Zeilen zu groß. Bitte schränken Sie die Maßnahmen "
            "mit dem Filter der Liste ein, klappen Sie Gruppen zu oder speichern Sie als PDF."
        )
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor(PAPER.background))
    painter = QPainter(image)
    painter.setFont(QGuiApplication.font())
    block = Block(0, 0, PNG_LABEL_WIDTH, size.width() - PNG_LABEL_WIDTH - 1, ROW_HEIGHT)
    height = paint_block(painter, source, block, list(range(len(source.layout.rows))))
    legend = QRectF(PNG_PADDING, height + PNG_PADDING, size.width() - 2 * PNG_PADDING, LEGEND_LINE)
    paint_legend(painter, legend, source.mode)
    painter.end()
    with atomic_target(path) as temp:
        writer = QImageWriter(str(temp), b"png")
        if not writer.write(image):
            name = Path(path).name
            raise ExportError(f"Das Bild „{name}“ konnte nicht geschrieben werden ({writer.errorString()}).")
    return size
