"""Fonts and measures of the paint device a report is laid out for: the styles' fonts sized for its
resolution, line heights, and text wrapped to a width (at word boundaries, else anywhere)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication, QPaintDevice, QTextLayout, QTextOption

from gera_desktop.ui.report.blocks import Style


class Metrics:
    """Fonts and measures of one paint device; lengths in points become device units through ``pt``."""

    def __init__(self, device: QPaintDevice, family: str | None = None) -> None:
        self.device = device
        self.unit = device.logicalDpiY() / 72.0
        self._family = family or QGuiApplication.font().family()
        self._fonts: dict[Style, QFont] = {}

    def pt(self, points: float) -> float:
        """``points`` in device units."""
        return points * self.unit

    def font(self, style: Style) -> QFont:
        """The font of a style, sized for the device."""
        if style not in self._fonts:
            font = QFont(self._family)
            font.setPointSizeF(style.points)
            font.setBold(style.bold)
            self._fonts[style] = font
        return self._fonts[style]

    def line(self, style: Style) -> float:
        """The height of one line of a style."""
        return QFontMetricsF(self.font(style), self.device).lineSpacing()

    def elided(self, text: str, style: Style, width: float) -> str:
        """``text`` shortened with "…" to fit ``width`` (for the page header)."""
        metrics = QFontMetricsF(self.font(style), self.device)
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)

    def wrap(self, text: str, style: Style, width: float) -> list[str]:
        """``text`` broken into lines no wider than ``width`` (at word boundaries, else anywhere)."""
        lines: list[str] = []
        for paragraph in text.splitlines() or [""]:
            lines += self._wrap_paragraph(paragraph, style, width) if paragraph.strip() else [""]
        return lines

    def _wrap_paragraph(self, text: str, style: Style, width: float) -> list[str]:
        layout = QTextLayout(text, self.font(style), self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        lines = []
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            lines.append(text[line.textStart() : line.textStart() + line.textLength()].rstrip())
        layout.endLayout()
        return lines
