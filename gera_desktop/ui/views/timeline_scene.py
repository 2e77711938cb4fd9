"""The graphics scene of the Zeitplan: one item paints the bars, group summaries, milestones and the today
line of the rows it is asked for. One scene unit is one day wide and the view zooms by scaling x only,
so zooming never rebuilds the scene."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPaintEngine, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from gera_desktop.domain.formatting import format_percent
from gera_desktop.domain.records import MassnahmeData, MeilensteinData
from gera_desktop.ui.views.timeline_paint import today_x, visible_rows
from gera_desktop.ui.views.timeline_rows import Group, RowLayout
from gera_desktop.ui.views.timeline_scale import TimeAxis
from gera_desktop.ui.views.timeline_style import (
    BAR_HEIGHT,
    ROW_HEIGHT,
    SPRITE_HALF,
    SUMMARY_HEIGHT,
    ColourMode,
    Palette,
    Scheme,
)

MARGIN_DAYS = 3650.0
"""How far the item reaches beyond the axis on either side: a diamond keeps its pixel size at any zoom."""


class Bar(NamedTuple):
    """A measure's bar as drawn: its scene rectangle, its fill and its edge (the selection's is wider)."""

    rect: QRectF
    brush: QBrush
    pen: QPen


class Mark(NamedTuple):
    """A milestone as drawn: where (scene x, row index) and how (a tuple: cheap to make)."""

    milestone: MeilensteinData
    x: float
    row: int
    done: bool
    overdue: bool


class ChartItem(QGraphicsItem):
    """The bars, group summaries and milestones of every row, and the today line, in one item.

    Nothing is made per measure in advance: ``paint`` works out what the exposed rows show, so that
    building costs next to nothing at any number of measures and scrolling paints only what is visible.
    ``paint_rows`` paints any run of rows (a printed page, say) the same way, in another scheme's colours
    (paper's) if asked."""

    def __init__(
        self, layout: RowLayout, axis: TimeAxis, today: date, mode: ColourMode, scheme: Scheme
    ) -> None:
        super().__init__()
        self.axis = axis
        self.today = today
        self.mode = mode
        self.scheme = scheme
        self.selected: str | None = None
        self.preview: MassnahmeData | None = None
        """A measure drawn with other dates than its row's (while it is being dragged)."""
        self.palette = Palette()
        self._no_pen = QPen(Qt.PenStyle.NoPen)
        self._today_x = today_x(axis, today)
        self.layout = layout
        self._bounds = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.set_layout(layout)

    def set_layout(self, layout: RowLayout) -> None:
        """Paint the rows of ``layout`` (after a group folded, say)."""
        self.prepareGeometryChange()
        self.layout = layout
        height = len(layout.rows) * ROW_HEIGHT
        self._bounds = QRectF(-MARGIN_DAYS, 0.0, self.axis.days + 2 * MARGIN_DAYS, height)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None):
        exposed = option.exposedRect
        rows = visible_rows(self.layout, exposed.top(), exposed.bottom())
        self.paint_rows(painter, rows, exposed.left(), exposed.right())

    def paint_rows(
        self, painter: QPainter, rows: range, left: float, right: float, scheme: Scheme | None = None
    ) -> None:
        """Paint ``rows`` between scene x ``left`` and ``right`` (the painter in scene coordinates), in
        the colours of ``scheme`` (None: the item's own)."""
        scheme = scheme or self.scheme
        for index in rows:
            self._paint_row(painter, index, left, right, scheme)
        self._paint_progress(painter, rows, left, right, scheme)
        self._paint_marks(painter, rows, left, right, scheme)
        if self._today_x is not None and rows:
            painter.setPen(self.palette.pen(scheme.today, 2.0))
            top, bottom = rows.start * ROW_HEIGHT, rows.stop * ROW_HEIGHT
            painter.drawLine(QPointF(self._today_x, top), QPointF(self._today_x, bottom))

    def _paint_row(self, painter: QPainter, index: int, left: float, right: float, scheme: Scheme) -> None:
        row = self.layout.rows[index]
        if row.record is None:
            rect = self._summary_rect(row.group, index)
            pen, brush = self._no_pen, self.palette.brush(scheme.summary)
        else:
            rect, brush, pen = self._bar(index, scheme)
        if rect.right() >= left and rect.left() <= right:
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawRect(rect)

    def _paint_progress(
        self, painter: QPainter, rows: range, left: float, right: float, scheme: Scheme
    ) -> None:
        """The Fortschritt ("45 %") in the middle of the visible part of each bar wide enough for it,
        in device pixels (sharp at any zoom), in the palette's colour that reads best on the bar."""
        transform = painter.worldTransform()
        painter.save()
        painter.setWorldTransform(QTransform())
        font = QFont(painter.font())
        for index in rows:
            record = self.shown(index)
            if record is None or record.fortschritt is None:
                continue
            rect = self._bar_rect(index, record)
            visible = QRectF(
                QPointF(max(rect.left(), left), rect.top()), QPointF(min(rect.right(), right), rect.bottom())
            )
            box = transform.mapRect(visible)
            font.setPixelSize(max(round(box.height()) - 3, 6))
            text = format_percent(record.fortschritt)
            if QFontMetricsF(font).horizontalAdvance(text) + 6 > box.width():
                continue
            painter.setFont(font)
            painter.setPen(self.palette.text_on(scheme.bar(record, self.mode), scheme))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def _summary_rect(self, group: Group, index: int) -> QRectF:
        start, end = group.span
        left = self.axis.x(start)
        top = index * ROW_HEIGHT + (ROW_HEIGHT - SUMMARY_HEIGHT) / 2
        return QRectF(left, top, self.axis.x(end) + 1.0 - left, SUMMARY_HEIGHT)

    def _paint_marks(self, painter: QPainter, rows: range, left: float, right: float, scheme: Scheme) -> None:
        """The diamonds of ``rows``, always the same pixel size (painted in device pixels): copied as
        images on a screen or into a PNG, drawn as shapes into a PDF (sharp at any print size)."""
        transform = painter.worldTransform()
        margin = SPRITE_HALF / max(transform.m11(), 1e-6)
        raster = painter.paintEngine().type() == QPaintEngine.Type.Raster
        ratio = painter.device().devicePixelRatioF()
        painter.save()
        painter.setWorldTransform(QTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index in rows:
            for mark in self.marks_in_row(index):
                if not left - margin <= mark.x <= right + margin:
                    continue
                centre = transform.map(QPointF(mark.x, (index + 0.5) * ROW_HEIGHT))
                look = scheme.mark(mark.done, mark.overdue)
                if raster:
                    corner = QPointF(round(centre.x()) - SPRITE_HALF, round(centre.y()) - SPRITE_HALF)
                    painter.drawPixmap(corner, self.palette.diamond_sprite(look, ratio))
                else:
                    self.palette.paint_diamond(painter, centre, look)
        painter.restore()

    def bar(self, index: int) -> Bar | None:
        """The bar in row ``index``; None for a group header or beyond the rows."""
        row = self.layout.row_at(index)
        return None if row is None or row.record is None else self._bar(index, self.scheme)

    def _bar(self, index: int, scheme: Scheme) -> Bar:
        record = self.shown(index)
        assert record is not None
        rect = self._bar_rect(index, record)
        fill = scheme.bar(record, self.mode)
        if record.nr == self.selected:
            return Bar(rect, self.palette.brush(fill), self.palette.pen(scheme.selection, 3.0))
        return Bar(rect, self.palette.brush(fill), self.palette.outline(fill, scheme))

    def _bar_rect(self, index: int, record: MassnahmeData) -> QRectF:
        left = self.axis.x(record.beginn)
        top = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        return QRectF(left, top, self.axis.x(record.ende) + 1.0 - left, BAR_HEIGHT)

    def shown(self, index: int) -> MassnahmeData | None:
        """The measure of row ``index`` as drawn: the preview while it is dragged (None: a header)."""
        record = self.layout.rows[index].record
        preview = self.preview
        return preview if record is not None and preview is not None and preview.nr == record.nr else record

    def marks_in_row(self, index: int) -> list[Mark]:
        """The milestones of the measure in row ``index`` as drawn (none for a group header)."""
        record = self.shown(index) if 0 <= index < len(self.layout.rows) else None
        if record is None:
            return []
        return [
            Mark(m, self.axis.x(m.termin) + 0.5, index, m.erledigt_am is not None, _overdue(m, self.today))
            for m in record.meilensteine
        ]


class TimelineScene(QGraphicsScene):
    """The chart of one set of measures: a single ``ChartItem`` (the row bands and the grid are the
    view's background). A new scene is made for every new set of measures; it costs next to nothing."""

    def __init__(
        self, layout: RowLayout, axis: TimeAxis, mode: ColourMode, today: date, scheme: Scheme, parent=None
    ) -> None:
        super().__init__(parent)
        self.axis = axis
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # one item: nothing to look up
        self.chart = ChartItem(layout, axis, today, mode, scheme)
        self.addItem(self.chart)
        self.place(layout)

    @property
    def today_x(self) -> float | None:
        """The scene x of the today line, None when today lies outside the axis."""
        return today_x(self.axis, self.chart.today)

    def place(self, layout: RowLayout) -> None:
        """Show the rows as ``layout`` folds them; the scene ends below the last row."""
        self.chart.set_layout(layout)
        height = max(len(layout.rows), 1) * ROW_HEIGHT
        self.setSceneRect(QRectF(0.0, 0.0, float(self.axis.days), height))

    def set_colour_mode(self, mode: ColourMode) -> None:
        """Colour every bar by Ampel or by Umsetzungsstand."""
        self.chart.mode = mode
        self.chart.update()

    def set_scheme(self, scheme: Scheme) -> None:
        """Paint in ``scheme``'s colours (the palette changed)."""
        self.chart.scheme = scheme
        self.chart.update()

    def set_selected(self, nr: str | None) -> None:
        """Outline the bar of ``nr`` (None: no bar)."""
        self.chart.selected = nr
        self.chart.update()

    def set_preview(self, record: MassnahmeData | None) -> None:
        """Draw ``record`` (a dragged copy) in place of the measure of its Nr. (None: as stored)."""
        self.chart.preview = record
        self.chart.update()

    def bar(self, nr: str) -> Bar | None:
        """The bar of the measure ``nr``; None when it is not shown (not given, or its group folded)."""
        index = self.chart.layout.index_of(nr)
        return None if index is None else self.chart.bar(index)

    def bar_scene_rect(self, nr: str) -> QRectF | None:
        bar = self.bar(nr)
        return None if bar is None else bar.rect

    def marks_in_row(self, index: int) -> list[Mark]:
        """The milestone marks of row ``index``."""
        return self.chart.marks_in_row(index)

    def marks(self) -> list[Mark]:
        """Every milestone mark of the rows shown."""
        return [mark for index in range(len(self.chart.layout.rows)) for mark in self.marks_in_row(index)]


def _overdue(milestone: MeilensteinData, today: date) -> bool:
    return milestone.erledigt_am is None and milestone.termin < today
