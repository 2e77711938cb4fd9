"""The look of the Zeitplan's chart: row and bar sizes, the colours of bars by Ampel or Umsetzungsstand,
milestones and the today line, and the pens, brushes and milestone images made once for them."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap, QPolygonF

from gera_desktop.domain.enums import Ampel, Umsetzungsstand
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.ui.colours import contrast, readable

ROW_HEIGHT = 24.0
BAR_HEIGHT = 14.0
SUMMARY_HEIGHT = 6.0
DIAMOND = 6.0
"""Half the width of a milestone diamond, in pixels (the same at every zoom level)."""
HALO = 4.0
"""Width of the edge in the background colour around a diamond: visible on bars of any colour."""
SPRITE_HALF = DIAMOND + HALO
"""Half the size of a diamond's image: the diamond, its halo and the antialiased edge."""


class ColourMode(Enum):
    """What a bar's colour tells (the texts of the "Farbe nach" choice)."""

    AMPEL = "Ampel"
    STATUS = "Umsetzungsstand"


@dataclass(frozen=True)
class Scheme:
    """The colours the Zeitplan is painted in (names as ``"#rrggbb"``): on screen made from the palette
    (``timeline_colours``), on paper fixed (``timeline_paper``)."""

    background: str
    stripe: str
    """Every other measure's row."""
    header_band: str
    """A group's header row."""
    scale: str
    """The background of the time scale and the column titles."""
    selected_band: str
    selection: str
    """The edge of the selected measure's bar."""
    text: str
    grid: str
    year_grid: str
    summary: str
    """A group's summary bar."""
    today: str
    today_text: str
    milestone: str
    """A milestone's edge, and its fill once done."""
    overdue: str
    ampel: Mapping[Ampel, str]
    no_ampel: str
    status: Mapping[Umsetzungsstand, str]
    edges: Mapping[str, str] = field(default_factory=dict)
    """The edge of a bar of each fill (a darker or lighter shade that stands out from the background)."""

    def bar(self, record: MassnahmeData, mode: ColourMode) -> str:
        """The fill of a measure's bar; ``no_ampel`` when the measure has no Ampel."""
        if mode is ColourMode.STATUS:
            return self.status[record.status]
        return self.ampel[record.ampel] if record.ampel else self.no_ampel

    def legend(self, mode: ColourMode) -> list[tuple[str, str]]:
        """(label, fill) of every bar colour in ``mode``."""
        if mode is ColourMode.STATUS:
            return [(status.value, colour) for status, colour in self.status.items()]
        return [*((a.value, c) for a, c in self.ampel.items()), ("keine Ampel", self.no_ampel)]

    def fills(self) -> list[str]:
        """Every bar fill of either mode."""
        return [*self.ampel.values(), self.no_ampel, *self.status.values()]

    def edge(self, fill: str) -> str:
        """The edge of a bar filled with ``fill``."""
        return self.edges.get(fill) or QColor(fill).darker(135).name()

    def mark(self, done: bool, overdue: bool) -> Look:
        """How a milestone's diamond looks: filled once done, its edge in ``overdue`` when it is late."""
        edge = self.overdue if overdue else self.milestone
        return Look(edge, self.milestone if done else self.background, self.background)


class Look(NamedTuple):
    """The colours of a milestone's diamond."""

    edge: str
    fill: str
    halo: str


class Palette:
    """Brushes and pens made once and shared by all painting (a bar costs no colour objects)."""

    def __init__(self) -> None:
        self._brushes: dict[str, QBrush] = {}
        self._pens: dict[tuple[str, float], QPen] = {}
        self._outlines: dict[tuple[str, str], QPen] = {}
        self._sprites: dict[tuple[Look, float], QPixmap] = {}
        self._texts: dict[tuple[str, str, str], QPen] = {}

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

    def outline(self, fill: str, scheme: Scheme) -> QPen:
        """The thin edge of a bar filled with ``fill``."""
        key = (fill, scheme.edge(fill))
        if key not in self._outlines:
            self._outlines[key] = self.pen(key[1])
        return self._outlines[key]

    def text_on(self, fill: str, scheme: Scheme) -> QPen:
        """The pen for text inside a bar filled with ``fill``: the scheme's text or background colour,
        whichever stands out more (so it follows a dark or high-contrast theme), made readable on it."""
        key = (fill, scheme.text, scheme.background)
        if key not in self._texts:
            back = QColor(fill)
            best = max(
                (QColor(scheme.text), QColor(scheme.background)), key=lambda text: contrast(text, back)
            )
            self._texts[key] = QPen(readable(best, back))
        return self._texts[key]

    def paint_diamond(self, painter: QPainter, centre: QPointF, mark: Look) -> None:
        """A milestone's diamond around ``centre`` (device pixels), with its halo."""
        shape = diamond(centre)
        painter.setPen(self.pen(mark.halo, HALO))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolygon(shape)
        painter.setPen(self.pen(mark.edge, 1.5))
        painter.setBrush(self.brush(mark.fill))
        painter.drawPolygon(shape)

    def diamond_sprite(self, mark: Look, ratio: float) -> QPixmap:
        """The diamond as an image ``2 * SPRITE_HALF`` pixels wide, centred, for screens with
        ``ratio`` device pixels per pixel: copying it is some 30 times faster than drawing it."""
        key = (mark, ratio)
        if key not in self._sprites:
            size = math.ceil(2 * SPRITE_HALF * ratio)
            sprite = QPixmap(size, size)
            sprite.setDevicePixelRatio(ratio)
            sprite.fill(Qt.GlobalColor.transparent)
            painter = QPainter(sprite)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.paint_diamond(painter, QPointF(SPRITE_HALF, SPRITE_HALF), mark)
            painter.end()
            self._sprites[key] = sprite
        return self._sprites[key]


def diamond(centre: QPointF, half: float = DIAMOND) -> QPolygonF:
    """A milestone's diamond around ``centre`` (device pixels)."""
    x, y = centre.x(), centre.y()
    return QPolygonF([QPointF(x, y - half), QPointF(x + half, y), QPointF(x, y + half), QPointF(x - half, y)])


def legend_html(mode: ColourMode, scheme: Scheme) -> str:
    """The legend under the chart: the bar colours of ``mode``, the milestones and the today line."""
    items = [
        f"<span style='color:{colour}; font-size:14px'>■</span>&nbsp;{label.replace(' ', '&nbsp;')}"
        for label, colour in scheme.legend(mode)
    ]
    items += [
        "◆&nbsp;Meilenstein&nbsp;erledigt",
        "◇&nbsp;Meilenstein&nbsp;offen",
        f"<span style='color:{scheme.overdue}'>◇</span>&nbsp;Meilenstein&nbsp;überfällig",
        f"<span style='color:{scheme.today}'>┃</span>&nbsp;Heute",
    ]
    title = f"<b>Balkenfarbe nach {mode.value}:</b>"
    return f"{title}&nbsp;&nbsp; " + " &nbsp;&nbsp; ".join(items)
