"""Texts that never widen the window: a label shortened with "…" when there is no room, and the short form
of a command's text for the toolbar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QWidget

MIN_CHARS = 12
"""The fewest characters (of average width) an elided label asks for."""
TOOLBAR_CHARS = 22
"""The most characters (of average width) a toolbar button's text takes."""


class ElidedLabel(QLabel):
    """A one-line label that shows as much of its text as fits, ending in "…"; hovering it then shows the
    whole text above its own tooltip. ``text()`` stays the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        margins = self.contentsMargins()
        least = self.fontMetrics().averageCharWidth() * MIN_CHARS + margins.left() + margins.right()
        return QSize(min(hint.width(), least), hint.height())

    def is_elided(self) -> bool:
        """Whether the text is shortened now."""
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self.is_elided():
            super().paintEvent(event)
            return
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            rect,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent) and self.is_elided():
            whole = "\n\n".join(text for text in (self.text(), self.toolTip()) if text)
            QToolTip.showText(event.globalPos(), whole, self)
            return True
        return super().event(event)


def toolbar_text(text: str) -> str:
    """``text`` shortened with "…" to what a toolbar button shows without growing (menus show it all)."""
    metrics = QFontMetrics(QApplication.font())
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, metrics.averageCharWidth() * TOOLBAR_CHARS)
