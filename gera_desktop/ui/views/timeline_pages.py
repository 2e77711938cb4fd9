"""The printed Zeitplan: which rows go on which page, and painting a block of rows (column titles, time
scale, labels, bars) and the legend with a QPainter, for the PDF pages and the PNG image alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from gera_desktop.ui.views.timeline_paint import (
    SCALE_HEIGHT,
    paint_grid,
    paint_label_header,
    paint_labels,
    paint_row_bands,
    paint_scale,
    paint_today_tag,
    today_x,
)
from gera_desktop.ui.views.timeline_paper import PAPER
from gera_desktop.ui.views.timeline_rows import RowLayout
from gera_desktop.ui.views.timeline_scene import TimelineScene
from gera_desktop.ui.views.timeline_style import ROW_HEIGHT, ColourMode, diamond

LEGEND_LINE = 18.0
CONTINUED = " – Forts."


@dataclass(frozen=True)
class ChartSource:
    """What an export draws: the scene and rows as the view shows them (folding included), in the colours
    of paper."""

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


MIN_PER_PAGE = 4
"""The fewest rows a page takes: room for a repeated group header and two measures, so that the rules of
``paginate`` can always be kept."""


def paginate(layout: RowLayout, per_page: int) -> list[list[int]]:
    """The row indexes on each page (at least one, maybe empty). No row is left alone on a page:

    - a group header is never the last row of a page (a folded group's header stands for its group);
    - a group that goes on over a page break keeps at least two of its measures on either side of it
      (no orphan at the bottom, no widow at the top), and each page it goes on to starts with its
      header again.
    A group of two or three measures is therefore never split; a longer one breaks where these hold."""
    per_page = max(per_page, MIN_PER_PAGE)
    pages: list[list[int]] = []
    current: list[int] = []
    for group in layout.groups:
        header = layout.header_index(group)
        rest = [] if group.folded else list(range(header + 1, header + 1 + len(group.records)))
        while len(current) + 1 + len(rest) > per_page:
            take = _split(len(rest), per_page - len(current) - 1, fresh=not current)
            if take:
                current += [header, *rest[:take]]
                rest = rest[take:]
            pages.append(current)
            current = []
        current += [header, *rest]
    return [*pages, current]


def _split(measures: int, room: int, *, fresh: bool) -> int:
    """How many of a group's ``measures`` go on a page with ``room`` rows beside its header: at least
    two, leaving at least two for the next page; 0 to start the group on the next page instead (on a
    fresh page as many as the rules allow)."""
    take = min(room, measures - 2)
    return take if take >= 2 or fresh else 0


def runs(indexes: list[int]) -> list[range]:
    """Consecutive row indexes as ranges: ``[3, 7, 8, 9]`` -> ``[range(3, 4), range(7, 10)]``."""
    found: list[range] = []
    for index in indexes:
        if found and found[-1].stop == index:
            found[-1] = range(found[-1].start, index + 1)
        else:
            found.append(range(index, index + 1))
    return found


def paint_block(painter: QPainter, source: ChartSource, block: Block, rows: list[int]) -> float:
    """Column titles, scale, labels and bars of ``rows`` with the whole time axis across
    ``block.chart_width``; returns the height painted."""
    axis = source.scene.axis
    px_per_day = block.chart_width / axis.days
    paint_label_header(painter, QRectF(block.left, block.top, block.label_width, SCALE_HEIGHT), PAPER)
    scale = QRectF(block.chart_left, block.top, block.chart_width, SCALE_HEIGHT)
    paint_scale(painter, scale, axis, px_per_day, 0, PAPER)
    top = block.top + SCALE_HEIGHT
    parts = runs(rows)
    for number, run in enumerate(parts):
        repeated = (
            number == 0 and len(parts) > 1 and len(run) == 1 and source.layout.rows[run.start].is_header
        )
        _paint_run(painter, source, block, run, top, CONTINUED if repeated else "")
        top += len(run) * block.row_height
    x = today_x(axis, source.today)
    if x is not None and rows:
        line = block.chart_left + x * px_per_day
        right = block.chart_left + block.chart_width
        paint_today_tag(painter, line, block.top + SCALE_HEIGHT + 2, right, PAPER)
    height = top - block.top
    painter.save()
    painter.setPen(QColor(PAPER.year_grid))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(block.left, block.top, block.label_width + block.chart_width, height))
    painter.restore()
    return height


def _paint_run(painter: QPainter, source: ChartSource, block: Block, run: range, top: float, suffix: str):
    """Labels and bars of consecutive rows, starting at device y ``top``."""
    height = len(run) * block.row_height
    labels = QRectF(block.left, top, block.label_width, height)
    paint_labels(painter, labels, source.layout, float(run.start), None, PAPER, block.row_height, suffix)
    axis = source.scene.axis
    px_per_day = block.chart_width / axis.days
    area = QRectF(0, run.start * ROW_HEIGHT, axis.days, len(run) * ROW_HEIGHT)
    painter.save()
    painter.setClipRect(QRectF(block.chart_left, top, block.chart_width, height))
    painter.translate(block.chart_left, top)
    painter.scale(px_per_day, block.row_height / ROW_HEIGHT)
    painter.translate(0, -area.top())
    paint_row_bands(painter, source.layout, area, None, PAPER)
    paint_grid(painter, axis, px_per_day, area, PAPER)
    source.scene.chart.paint_rows(painter, run, 0.0, float(axis.days), PAPER)
    painter.restore()


Symbol = Callable[[QPainter, QPointF], None]


def legend_entries(mode: ColourMode) -> list[tuple[Symbol | None, str]]:
    """What the legend explains, in order: a title, the bar colours, milestones and the today line."""
    entries: list[tuple[Symbol | None, str]] = [(None, f"Balkenfarbe nach {mode.value}:")]
    entries += [(_swatch(colour), label) for label, colour in PAPER.legend(mode)]
    entries += [
        (_diamond(PAPER.milestone, PAPER.milestone), "Meilenstein erledigt"),
        (_diamond(PAPER.background, PAPER.milestone), "Meilenstein offen"),
        (_diamond(PAPER.background, PAPER.overdue), "Meilenstein überfällig"),
        (_today_mark, "Heute"),
    ]
    return entries


def _swatch(colour: str) -> Symbol:
    def draw(painter: QPainter, middle: QPointF) -> None:
        painter.fillRect(QRectF(middle.x() - 8, middle.y() - 5, 16, 10), QColor(colour))

    return draw


def _diamond(fill: str, edge: str) -> Symbol:
    def draw(painter: QPainter, middle: QPointF) -> None:
        painter.setPen(QColor(edge))
        painter.setBrush(QColor(fill))
        painter.drawPolygon(diamond(middle, 5))

    return draw


def _today_mark(painter: QPainter, middle: QPointF) -> None:
    painter.fillRect(QRectF(middle.x() - 1, middle.y() - 7, 2, 14), QColor(PAPER.today))


def legend_layout(
    metrics: QFontMetricsF, rect: QRectF, mode: ColourMode
) -> list[tuple[Symbol | None, str, QRectF]]:
    """Each legend entry with the rectangle it takes in ``rect``, wrapped onto further lines."""
    placed: list[tuple[Symbol | None, str, QRectF]] = []
    x, top = rect.left(), rect.top()
    for symbol, label in legend_entries(mode):
        width = (20 if symbol else 0) + metrics.horizontalAdvance(label) + 14
        if x > rect.left() and x + width > rect.right():
            x, top = rect.left(), top + LEGEND_LINE
        placed.append((symbol, label, QRectF(x, top, width, LEGEND_LINE)))
        x += width
    return placed


def legend_height(metrics: QFontMetricsF, width: float, mode: ColourMode) -> float:
    """How high the legend is when it may be ``width`` wide."""
    placed = legend_layout(metrics, QRectF(0, 0, width, LEGEND_LINE), mode)
    return placed[-1][2].bottom()


def paint_legend(painter: QPainter, rect: QRectF, mode: ColourMode) -> None:
    """The legend in ``rect``, wrapped onto further lines when it does not fit."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for symbol, label, box in legend_layout(QFontMetricsF(painter.font()), rect, mode):
        if symbol:
            symbol(painter, QPointF(box.left() + 8, box.center().y()))
        painter.setPen(QColor(PAPER.text))
        text = box.adjusted(20 if symbol else 0, 0, 0, 0)
        painter.drawText(text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
    painter.restore()
