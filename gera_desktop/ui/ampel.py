"""The traffic light as the user sees it everywhere in the list: a coloured dot next to the word."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from gera_desktop.domain.enums import Ampel
from gera_desktop.ui.colours import AMPEL_HUES, Role, app_palette

DOT_SIZE = 14


def ampel_icon(ampel: Ampel) -> QIcon:
    """A filled circle in the colour of ``ampel`` with a rim in the palette's text colour (so the dot
    stands out on a light, a dark or a high-contrast background); the word always stands beside it."""
    return _icon(ampel, app_palette().cacheKey())


@cache
def _icon(ampel: Ampel, _palette_key: int) -> QIcon:
    """Drawn once per Ampel and palette (the list asks for it in every painted row)."""
    rim = app_palette().color(Role.Text)
    icon = QIcon()
    for scale in (1, 2):
        dot = _dot(AMPEL_HUES[ampel], rim, DOT_SIZE * scale, scale)
        icon.addPixmap(dot)
        icon.addPixmap(dot, QIcon.Mode.Selected)  # keep its colour on the selected row
    return icon


def _dot(color: QColor, rim: QColor, size: int, scale: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(rim, scale))
    painter.setBrush(color)
    margin = 1.5 * scale
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.end()
    return pixmap
