"""The Zeitplan as a PDF (A4 landscape, as many pages as the rows need, the whole time range across the
page, title, Stand and "Seite n von m" on every page) and as a PNG image of the whole chart."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QImageWriter,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from gera_desktop.domain.formatting import format_date, format_number
from gera_desktop.excel.writing import ExportError, atomic_target
from gera_desktop.ui.views.timeline_paint import (
    TEXT,
    YEAR_GRID,
    paint_grid,
    paint_label_header,
    paint_labels,
    paint_row_bands,
    paint_scale,
    paint_today_tag,
    today_x,
)
from gera_desktop.ui.views.timeline_rows import RowLayout
from gera_desktop.ui.views.timeline_scene import (
    MILESTONE_COLOUR,
    OVERDUE_COLOUR,
    ROW_HEIGHT,
    ColourMode,
    TimelineScene,
    diamond,
    legend,
)

RESOLUTION = 96
"""Device pixels per inch of the PDF: one pixel of the screen layout is one pixel on paper."""
MARGIN = 38.0  # 10 mm
PDF_LABEL_WIDTH = 330.0
PDF_ROW_HEIGHT = 19.0  # 5 mm
TITLE_HEIGHT = 30.0
INFO_HEIGHT = 22.0
SCALE_HEIGHT = 26.0
FOOTER_HEIGHT = 26.0
PNG_LABEL_WIDTH = 320.0
PNG_MAX_WIDTH = 16000
PNG_MAX_HEIGHT = 30000


MILESTONE_LEGEND = (
    ("Meilenstein erledigt", MILESTONE_COLOUR, MILESTONE_COLOUR),
    ("offen", "#ffffff", MILESTONE_COLOUR),
    ("überfällig", "#ffffff", OVERDUE_COLOUR),
)


@dataclass(frozen=True)
class ChartSource:
    """What the export draws: the scene and rows as the view shows them (folding included)."""

    scene: TimelineScene
    layout: RowLayout
    today: date
    mode: ColourMode


@dataclass(frozen=True)
class Block:
    """Where the chart goes on a page or image: label column and chart side by side."""

    left: float
    top: float
    label_width: float
    chart_width: float
    row_height: float

    @property
    def chart_left(self) -> float:
        return self.left + self.label_width


def page_ranges(row_count: int, per_page: int) -> list[range]:
    """The rows on each page, in order; one (empty) page when there are no rows."""
    if row_count == 0:
        return [range(0)]
    return [range(start, min(start + per_page, row_count)) for start in range(0, row_count, per_page)]


def rows_per_page(page_height: float) -> int:
    """How many rows fit between the title block and the footer of a page ``page_height`` high."""
    free = page_height - 2 * MARGIN - TITLE_HEIGHT - INFO_HEIGHT - SCALE_HEIGHT - FOOTER_HEIGHT
    return max(int(free // PDF_ROW_HEIGHT), 1)


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
            raise ExportError(f"Die Datei „{temp.name}“ konnte nicht angelegt werden.")
        try:
            count = _paint_pages(painter, writer, source, title, stand)
        finally:
            painter.end()
    return count


def _paint_pages(painter: QPainter, writer: QPdfWriter, source: ChartSource, title: str, stand: date) -> int:
    width, height = float(writer.width()), float(writer.height())
    pages = page_ranges(len(source.layout.rows), rows_per_page(height))
    painter.setFont(_font(8.5))
    for number, rows in enumerate(pages, start=1):
        if number > 1:
            writer.newPage()
        _paint_title(painter, width, source, title, stand)
        top = MARGIN + TITLE_HEIGHT + INFO_HEIGHT
        chart_width = width - 2 * MARGIN - PDF_LABEL_WIDTH
        paint_block(painter, source, Block(MARGIN, top, PDF_LABEL_WIDTH, chart_width, PDF_ROW_HEIGHT), rows)
        footer_top = height - MARGIN - FOOTER_HEIGHT + 8
        paint_legend(painter, QPointF(MARGIN, footer_top), source.mode)
        _paint_page_number(painter, QRectF(MARGIN, footer_top, width - 2 * MARGIN, 18), number, len(pages))
    return len(pages)


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _paint_title(painter: QPainter, width: float, source: ChartSource, title: str, stand: date) -> None:
    painter.save()
    painter.setPen(QColor(TEXT))
    line = QRectF(MARGIN, MARGIN, width - 2 * MARGIN, TITLE_HEIGHT)
    painter.setFont(_font(14, bold=True))
    painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    painter.setFont(_font(10))
    painter.drawText(
        line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Stand: {format_date(stand)}"
    )
    painter.setFont(_font(8.5))
    painter.setPen(QColor("#495057"))
    info = QRectF(MARGIN, MARGIN + TITLE_HEIGHT, width - 2 * MARGIN, INFO_HEIGHT - 6)
    painter.drawText(info, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _summary(source))
    painter.restore()


def _summary(source: ChartSource) -> str:
    """``'25 Maßnahmen in 6 Innovationsfeldern · Balkenfarbe nach Ampel'``."""
    count = sum(len(g.records) for g in source.layout.groups)
    groups = len(source.layout.groups)
    measures = f"{format_number(Decimal(count), 0)} {'Maßnahme' if count == 1 else 'Maßnahmen'}"
    fields = f"{groups} {'Innovationsfeld' if groups == 1 else 'Innovationsfeldern'}"
    return f"{measures} in {fields} · Balkenfarbe nach {source.mode.value}"


def _paint_page_number(painter: QPainter, rect: QRectF, number: int, count: int) -> None:
    painter.save()
    painter.setPen(QColor(TEXT))
    painter.drawText(
        rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Seite {number} von {count}"
    )
    painter.restore()


def paint_block(painter: QPainter, source: ChartSource, block: Block, rows: range) -> None:
    """Scale, labels and chart for ``rows``, the whole time axis across ``block.chart_width``."""
    axis = source.scene.axis
    px_per_day = block.chart_width / axis.days
    header = QRectF(block.left, block.top, block.label_width, SCALE_HEIGHT)
    paint_label_header(painter, header)
    paint_scale(
        painter, QRectF(block.chart_left, block.top, block.chart_width, SCALE_HEIGHT), axis, px_per_day, 0
    )
    top = block.top + SCALE_HEIGHT
    height = len(rows) * block.row_height
    labels = QRectF(block.left, top, block.label_width, height)
    paint_labels(painter, labels, source.layout, float(rows.start), None, block.row_height)
    _paint_chart(painter, source, block, rows, px_per_day)
    painter.save()
    painter.setPen(QColor(YEAR_GRID))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(
        QRectF(block.left, block.top, block.label_width + block.chart_width, SCALE_HEIGHT + height)
    )
    painter.restore()


def _paint_chart(
    painter: QPainter, source: ChartSource, block: Block, rows: range, px_per_day: float
) -> None:
    top = block.top + SCALE_HEIGHT
    area = QRectF(0, rows.start * ROW_HEIGHT, source.scene.axis.days, len(rows) * ROW_HEIGHT)
    painter.save()
    painter.setClipRect(QRectF(block.chart_left, top, block.chart_width, len(rows) * block.row_height))
    painter.translate(block.chart_left, top)
    painter.scale(px_per_day, block.row_height / ROW_HEIGHT)
    painter.translate(0, -area.top())
    paint_row_bands(painter, source.layout, area, None)
    paint_grid(painter, source.scene.axis, px_per_day, area)
    source.scene.render(painter, area, area, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.restore()
    x = today_x(source.scene.axis, source.today)
    if x is not None and len(rows):
        paint_today_tag(painter, block.chart_left + x * px_per_day, top + 2)


def paint_legend(painter: QPainter, origin: QPointF, mode: ColourMode) -> float:
    """Bar colours, milestone symbols and the today line explained in one line; returns its width."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    x, middle = origin.x(), origin.y() + 9
    painter.setPen(QColor(TEXT))
    x = _legend_text(painter, x, middle, f"Balkenfarbe nach {mode.value}:")
    for label, colour in legend(mode):
        painter.fillRect(QRectF(x, middle - 5, 16, 10), QColor(colour))
        x = _legend_text(painter, x + 20, middle, label)
    x += 12
    for label, fill, edge in MILESTONE_LEGEND:
        painter.setPen(QColor(edge))
        painter.setBrush(QColor(fill))
        painter.drawPolygon(diamond(QPointF(x + 6, middle), 5))
        x = _legend_text(painter, x + 16, middle, label)
    painter.restore()
    return x - origin.x()


def _legend_text(painter: QPainter, x: float, middle: float, text: str) -> float:
    painter.setPen(QColor(TEXT))
    width = painter.fontMetrics().horizontalAdvance(text)
    painter.drawText(QRectF(x, middle - 9, width + 2, 18), Qt.AlignmentFlag.AlignVCenter, text)
    return x + width + 12


def png_size(source: ChartSource, px_per_day: float) -> QSizeF:
    """The size of the PNG at ``px_per_day`` (the chart no wider than ``PNG_MAX_WIDTH``)."""
    chart = min(source.scene.axis.days * px_per_day, PNG_MAX_WIDTH - PNG_LABEL_WIDTH)
    height = SCALE_HEIGHT + len(source.layout.rows) * ROW_HEIGHT + FOOTER_HEIGHT + 8
    return QSizeF(PNG_LABEL_WIDTH + chart, height)


def export_png(path: str | os.PathLike[str], source: ChartSource, px_per_day: float) -> QSizeF:
    """Write the whole chart (every shown row, the whole time range at ``px_per_day``) as PNG."""
    size = png_size(source, px_per_day)
    if size.height() > PNG_MAX_HEIGHT:
        raise ExportError(
            f"Das Bild wäre mit {len(source.layout.rows)} Zeilen zu groß. Bitte schränken Sie die Maßnahmen "
            "mit dem Filter der Liste ein, klappen Sie Innovationsfelder zu oder speichern Sie als PDF."
        )
    image = QImage(math.ceil(size.width()), math.ceil(size.height()), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    block = Block(0, 0, PNG_LABEL_WIDTH, size.width() - PNG_LABEL_WIDTH - 1, ROW_HEIGHT)
    paint_block(painter, source, block, range(len(source.layout.rows)))
    paint_legend(painter, QPointF(8, size.height() - FOOTER_HEIGHT), source.mode)
    painter.end()
    with atomic_target(path) as temp:
        writer = QImageWriter(str(temp), b"png")
        if not writer.write(image):
            name = Path(path).name
            raise ExportError(f"Das Bild „{name}“ konnte nicht geschrieben werden ({writer.errorString()}).")
    return size
