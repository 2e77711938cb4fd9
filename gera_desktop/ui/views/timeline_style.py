"""The look of the Zeitplan's chart: row and bar sizes, the colours of bars by Ampel or Umsetzungsstand,
milestones and the today line, and the pens, brushes and milestone images made once for them."""

from __future__ import annotations

import math
from enum import Enum

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPainter, QPalette, QPen, QPixmap, QPolygonF

from gera_desktop.domain.enums import Ampel, Umsetzungsstand
from gera_desktop.domain.records import MassnahmeData

ROW_HEIGHT = 24.0
BAR_HEIGHT = 14.0
SUMMARY_HEIGHT = 6.0
DIAMOND = 6.0
"""Half the width of a milestone diamond, in pixels (the same at every zoom level)."""
HALO = 4.0
"""Width of the white edge around a diamond: visible on bars of any colour."""
SPRITE_HALF = DIAMOND + HALO
"""Half the size of a diamond's image: the diamond, its halo and the antialiased edge."""

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
    """Brushes and pens made once and shared by all painting (a bar costs no colour objects)."""

    def __init__(self) -> None:
        self._brushes: dict[str, QBrush] = {}
        self._pens: dict[tuple[str, float], QPen] = {}
        self._outlines: dict[str, QPen] = {}
        self._sprites: dict[tuple[str, str, float], QPixmap] = {}
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

    def outline(self, colour: str) -> QPen:
        """The thin, darker edge of a bar of colour ``colour``."""
        if colour not in self._outlines:
            self._outlines[colour] = self.pen(QColor(colour).darker(135).name())
        return self._outlines[colour]

    def text_on(self, fill: str) -> QPen:
        """The pen for text inside a bar of colour ``fill``: the palette's text or background colour,
        whichever stands out more (so it follows a dark or high-contrast theme)."""
        palette = QGuiApplication.palette()
        dark = palette.color(QPalette.ColorRole.WindowText).name()
        light = palette.color(QPalette.ColorRole.Base).name()
        key = (fill, dark, light)
        if key not in self._texts:
            best = max((dark, light), key=lambda text: contrast(text, fill))
            self._texts[key] = QPen(QColor(best))
        return self._texts[key]

    def paint_diamond(self, painter: QPainter, centre: QPointF, edge: str, fill: str) -> None:
        """A milestone's diamond around ``centre`` (device pixels), with its halo."""
        shape = diamond(centre)
        painter.setPen(self.pen("#ffffff", HALO))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolygon(shape)
        painter.setPen(self.pen(edge, 1.5))
        painter.setBrush(self.brush(fill))
        painter.drawPolygon(shape)

    def diamond_sprite(self, edge: str, fill: str, ratio: float) -> QPixmap:
        """The diamond as an image ``2 * SPRITE_HALF`` pixels wide, centred, for screens with
        ``ratio`` device pixels per pixel: copying it is some 30 times faster than drawing it."""
        key = (edge, fill, ratio)
        if key not in self._sprites:
            size = math.ceil(2 * SPRITE_HALF * ratio)
            sprite = QPixmap(size, size)
            sprite.setDevicePixelRatio(ratio)
            sprite.fill(Qt.GlobalColor.transparent)
            painter = QPainter(sprite)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.paint_diamond(painter, QPointF(SPRITE_HALF, SPRITE_HALF), edge, fill)
            painter.end()
            self._sprites[key] = sprite
        return self._sprites[key]


def contrast(one: str, other: str) -> float:
    """The contrast ratio of two colours after WCAG 2 (1 to 21; 4.5 reads well for small text)."""
    lighter, darker = sorted((_luminance(QColor(one)), _luminance(QColor(other))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def diamond(centre: QPointF, half: float = DIAMOND) -> QPolygonF:
    """A milestone's diamond around ``centre`` (device pixels)."""
    x, y = centre.x(), centre.y()
    return QPolygonF([QPointF(x, y - half), QPointF(x + half, y), QPointF(x, y + half), QPointF(x - half, y)])


def legend_html(mode: ColourMode) -> str:
    """The legend under the chart: the bar colours of ``mode``, the milestones and the today line."""
    items = [
        f"<span style='color:{colour}; font-size:14px'>■</span>&nbsp;{label.replace(' ', '&nbsp;')}"
        for label, colour in legend(mode)
    ]
    items += [
        "◆&nbsp;Meilenstein&nbsp;erledigt",
        "◇&nbsp;Meilenstein&nbsp;offen",
        f"<span style='color:{OVERDUE_COLOUR}'>◇</span>&nbsp;Meilenstein&nbsp;überfällig",
        f"<span style='color:{TODAY_COLOUR}'>┃</span>&nbsp;Heute",
    ]
    title = f"<b>Balkenfarbe nach {mode.value}:</b>"
    return f"{title}&nbsp;&nbsp; " + " &nbsp;&nbsp; ".join(items)
