"""The graphics scene of the Zeitplan: one plain rectangle per measure, the milestone diamonds of a group
painted by one item, a summary bar per group and the today line. One scene unit is one day wide and
the view zooms by scaling x only, so zooming never rebuilds the scene."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QStyleOptionGraphicsItem,
    QWidget,
)

from gera_desktop.domain.enums import Ampel, Umsetzungsstand
from gera_desktop.domain.records import MassnahmeData, MeilensteinData
from gera_desktop.ui.views.timeline_rows import Group, RowLayout
from gera_desktop.ui.views.timeline_scale import TimeAxis

ROW_HEIGHT = 24.0
BAR_HEIGHT = 14.0
SUMMARY_HEIGHT = 6.0
DIAMOND = 6.0
"""Half the width of a milestone diamond, in pixels (the same at every zoom level)."""

AMPEL_COLOURS = {Ampel.GRUEN: "#2f9e44", Ampel.GELB: "#f2c200", Ampel.ROT: "#e03131"}
NO_COLOUR = "#adb5bd"
STATUS_COLOURS = {
    Umsetzungsstand.IDEE: "#c5b3e6",
    Umsetzungsstand.GEPLANT: "#a5d0ec",
    Umsetzungsstand.BEANTRAGT: "#3d8bcd",
    Umsetzungsstand.IN_UMSETZUNG: "#1b9e77",
    Umsetzungsstand.VERZOEGERT: "#f08c00",
    Umsetzungsstand.ABGESCHLOSSEN: "#5c6f82",
    Umsetzungsstand.ABGELEHNT: "#d9a3a3",
    Umsetzungsstand.ABGEBROCHEN: "#8d8d8d",
}
SUMMARY_COLOUR = "#5f6b76"
SELECTED_COLOUR = "#1c3f95"
TODAY_COLOUR = "#d6336c"
MILESTONE_COLOUR = "#212529"
OVERDUE_COLOUR = "#c92a2a"


class ColourMode(Enum):
    """What a bar's colour tells (the texts of the "Farbe nach" choice)."""

    AMPEL = "Ampel"
    STATUS = "Umsetzungsstand"


def bar_colour(record: MassnahmeData, mode: ColourMode) -> str:
    """The fill colour of a measure's bar; grey when the measure has no Ampel."""
    if mode is ColourMode.STATUS:
        return STATUS_COLOURS[record.status]
    return AMPEL_COLOURS[record.ampel] if record.ampel else NO_COLOUR


def legend(mode: ColourMode) -> list[tuple[str, str]]:
    """(label, colour) of every bar colour in ``mode``."""
    if mode is ColourMode.STATUS:
        return [(status.value, colour) for status, colour in STATUS_COLOURS.items()]
    return [*((a.value, c) for a, c in AMPEL_COLOURS.items()), ("keine Ampel", NO_COLOUR)]


class Palette:
    """Brushes and pens made once and shared by all items (a bar costs no colour objects)."""

    def __init__(self) -> None:
        self._brushes: dict[str, QBrush] = {}
        self._pens: dict[tuple[str, float], QPen] = {}
        self._outlines: dict[str, QPen] = {}

    def brush(self, colour: str) -> QBrush:
        if colour not in self._brushes:
            self._brushes[colour] = QBrush(QColor(colour))
        return self._brushes[colour]

    def pen(self, colour: str, width: float = 1.0) -> QPen:
        """A cosmetic pen: the same width in pixels at every zoom level."""
        key = (colour, width)
        if key not in self._pens:
            pen = QPen(QColor(colour), width)
            pen.setCosmetic(True)
            self._pens[key] = pen
        return self._pens[key]

    def outline(self, colour: str) -> QPen:
        """The thin, darker edge of a bar of colour ``colour``."""
        if colour not in self._outlines:
            self._outlines[colour] = self.pen(QColor(colour).darker(135).name())
        return self._outlines[colour]


class Mark(NamedTuple):
    """A milestone as drawn: where (scene x, row within its group) and how (a tuple: cheap to make)."""

    milestone: MeilensteinData
    x: float
    row: int
    done: bool
    overdue: bool


class MilestoneLayer(QGraphicsItem):
    """The diamonds of one group's measures, always the same pixel size. Nothing is made per milestone
    in advance: ``paint`` works out the diamonds of the exposed rows only."""

    def __init__(
        self, records: list[MassnahmeData], axis: TimeAxis, today: date, palette: Palette, parent=None
    ):
        super().__init__(parent)
        self._records = records
        self._axis = axis
        self._today = today
        self._palette = palette
        self._bounds = QRectF(-3650.0, 0.0, axis.days + 7300.0, len(records) * ROW_HEIGHT)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None):
        transform = painter.worldTransform()
        exposed = option.exposedRect
        if painter.hasClipping():  # scene.render() for an export exposes the whole item
            exposed = exposed.intersected(painter.clipBoundingRect())
        margin = (DIAMOND + 2) / max(transform.m11(), 1e-6)
        left, right = exposed.left() - margin, exposed.right() + margin
        first = max(int(exposed.top() // ROW_HEIGHT) - 1, 0)
        last = min(int(exposed.bottom() // ROW_HEIGHT) + 1, len(self._records) - 1)
        painter.save()
        painter.setWorldTransform(QTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for row in range(first, last + 1):
            for mark in self.marks_in_row(row):
                if left <= mark.x <= right:
                    self._paint_mark(painter, transform.map(QPointF(mark.x, (row + 0.5) * ROW_HEIGHT)), mark)
        painter.restore()

    def _paint_mark(self, painter: QPainter, centre: QPointF, mark: Mark) -> None:
        shape = diamond(centre)
        painter.setPen(self._palette.pen("#ffffff", 4.0))  # a halo: visible on bars of any colour
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolygon(shape)
        colour = OVERDUE_COLOUR if mark.overdue else MILESTONE_COLOUR
        painter.setPen(self._palette.pen(colour, 1.5))
        painter.setBrush(self._palette.brush(MILESTONE_COLOUR if mark.done else "#ffffff"))
        painter.drawPolygon(shape)

    def marks_in_row(self, row: int) -> list[Mark]:
        """The milestones of the group's ``row``-th measure as drawn."""
        if not 0 <= row < len(self._records):
            return []
        return [
            Mark(m, self._axis.x(m.termin) + 0.5, row, m.erledigt_am is not None, _overdue(m, self._today))
            for m in self._records[row].meilensteine
        ]

    def marks(self) -> list[Mark]:
        return [mark for row in range(len(self._records)) for mark in self.marks_in_row(row)]


def diamond(centre: QPointF, half: float = DIAMOND) -> QPolygonF:
    x, y = centre.x(), centre.y()
    return QPolygonF([QPointF(x, y - half), QPointF(x + half, y), QPointF(x, y + half), QPointF(x - half, y)])


@dataclass
class GroupItems:
    """The items of one group; bars and milestones move and hide together when groups fold.

    They are top-level items on purpose: ``QGraphicsScene.render`` (the export) culls top-level items
    only and would paint every child of a container on every page."""

    group: Group
    bars: list[QGraphicsRectItem]
    summary: QGraphicsRectItem
    milestones: MilestoneLayer

    placed: tuple[float, bool] | None = None

    def move(self, y: float, visible: bool) -> None:
        """Put the group's rows at scene y ``y``; only groups that really move cost anything."""
        if self.placed == (y, visible):
            return
        self.placed = (y, visible)
        for item in (*self.bars, self.milestones):
            item.setY(y)
            item.setVisible(visible)


class TimelineScene(QGraphicsScene):
    """Bars, milestones, group summaries and the today line for one set of measures.

    A new scene is made for every new set of measures: ``QGraphicsScene.clear()`` gets slower with
    every call (measured with PySide6 6.11: 60 ms, 170 ms, 260 ms, 390 ms for 10,000 items), while a
    fresh scene costs the same each time."""

    def __init__(self, layout: RowLayout, axis: TimeAxis, mode: ColourMode, today: date, parent=None) -> None:
        super().__init__(parent)
        self.paints = Palette()
        self.axis = axis
        self.mode = mode
        self._bars: dict[str, QGraphicsRectItem] = {}
        self._records: dict[str, MassnahmeData] = {}
        self._selected: str | None = None
        # Adding 10,000 items to the BSP index one by one costs more than building it once at the end.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._groups = [self._build_group(group, today) for group in layout.groups]
        self.today_line = self._build_today_line(today)
        self.place(layout)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)

    def _build_group(self, group: Group, today: date) -> GroupItems:
        bars = [self._build_bar(record, row) for row, record in enumerate(group.records)]
        for record, bar in zip(group.records, bars, strict=True):
            self._bars[record.nr] = bar
            self._records[record.nr] = record
        layer = MilestoneLayer(group.records, self.axis, today, self.paints)
        self.addItem(layer)
        layer.setZValue(2)
        return GroupItems(group, bars, self._build_summary(group), layer)

    def _build_bar(self, record: MassnahmeData, row: int) -> QGraphicsRectItem:
        left = self.axis.x(record.beginn)
        width = self.axis.x(record.ende) + 1.0 - left
        top = row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        colour = bar_colour(record, self.mode)
        return self.addRect(
            left, top, width, BAR_HEIGHT, self.paints.outline(colour), self.paints.brush(colour)
        )

    def _build_summary(self, group: Group) -> QGraphicsRectItem:
        left = self.axis.x(min(r.beginn for r in group.records))
        right = self.axis.x(max(r.ende for r in group.records)) + 1.0
        top = (ROW_HEIGHT - SUMMARY_HEIGHT) / 2
        summary = self.addRect(
            left, top, right - left, SUMMARY_HEIGHT, Qt.PenStyle.NoPen, self.paints.brush(SUMMARY_COLOUR)
        )
        summary.setZValue(1)
        return summary

    def _build_today_line(self, today: date) -> QGraphicsLineItem | None:
        if not self.axis.contains(today):
            return None
        x = self.axis.x(today) + 0.5
        line = self.addLine(x, 0.0, x, 1.0, self.paints.pen(TODAY_COLOUR, 2.0))
        line.setZValue(3)
        return line

    def place(self, layout: RowLayout) -> None:
        """Move and show the groups as ``layout`` folds them; the scene ends below the last row."""
        for items in self._groups:
            header = layout.header_index(items.group)
            items.summary.setY(header * ROW_HEIGHT)
            items.move((header + 1) * ROW_HEIGHT, not items.group.folded)
        height = max(len(layout.rows), 1) * ROW_HEIGHT
        if self.today_line is not None:
            line = self.today_line.line()
            self.today_line.setLine(line.x1(), 0.0, line.x2(), height)
        self.setSceneRect(QRectF(0.0, 0.0, float(self.axis.days), height))

    def set_colour_mode(self, mode: ColourMode) -> None:
        """Colour every bar by Ampel or by Umsetzungsstand."""
        self.mode = mode
        for nr, bar in self._bars.items():
            colour = bar_colour(self._records[nr], mode)
            bar.setBrush(self.paints.brush(colour))
            if nr != self._selected:
                bar.setPen(self.paints.outline(colour))

    def set_selected(self, nr: str | None) -> None:
        """Outline the bar of ``nr`` (None: no bar) and put it above its neighbours."""
        previous = self._bars.get(self._selected or "")
        if previous is not None:
            previous.setPen(self.paints.outline(bar_colour(self._records[self._selected or ""], self.mode)))
            previous.setZValue(0)
        self._selected = nr if nr in self._bars else None
        bar = self._bars.get(nr or "")
        if bar is not None:
            bar.setPen(self.paints.pen(SELECTED_COLOUR, 3.0))
            bar.setZValue(1)

    def bar(self, nr: str) -> QGraphicsRectItem | None:
        """The bar of the measure ``nr``."""
        return self._bars.get(nr)

    def bar_scene_rect(self, nr: str) -> QRectF | None:
        bar = self._bars.get(nr)
        return None if bar is None else bar.sceneBoundingRect()

    def milestone_layer(self, group: Group) -> MilestoneLayer | None:
        return next((g.milestones for g in self._groups if g.group is group), None)

    def marks(self) -> list[Mark]:
        """Every milestone mark, in any group."""
        return [mark for items in self._groups for mark in items.milestones.marks()]


def _overdue(milestone: MeilensteinData, today: date) -> bool:
    return milestone.erledigt_am is None and milestone.termin < today
