"""The traffic light as the user sees it everywhere in the list: a coloured dot next to the word."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from gera_desktop.domain.enums import Ampel

AMPEL_COLORS = {
    Ampel.GRUEN: QColor("#2e7d32"),
    Ampel.GELB: QColor("#f2b600"),
    Ampel.ROT: QColor("#c62828"),
}
DOT_SIZE = 14


@cache
def ampel_icon(ampel: Ampel) -> QIcon:
    """A filled circle in the colour of ``ampel`` with a thin darker rim (readable on white and blue)."""
    icon = QIcon()
    for scale in (1, 2):
        dot = _dot(AMPEL_COLORS[ampel], DOT_SIZE * scale, scale)
        icon.addPixmap(dot)
        icon.addPixmap(dot, QIcon.Mode.Selected)  # keep its colour on the selected row
    return icon


def _dot(color: QColor, size: int, scale: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color.darker(140), scale))
    painter.setBrush(color)
    margin = 1.5 * scale
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.end()
    return pixmap
