"""Dialogs whose fields scroll instead of being cut off: with 200 % text or on a small screen the fields
of a long dialog need more height than there is. The fields go into a ``FittingScrollArea`` (the buttons
stay below it), and ``fit_to_screen`` opens the dialog as large as its content wants, at most as large as
the screen: the scroll bar appears only when the screen is too small."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QVBoxLayout, QWidget

FRAME_ALLOWANCE = 48
"""Logical pixels left for the title bar and the frame, which are not known before the window is shown."""


class FittingScrollArea(QScrollArea):
    """A frameless scroll area that asks for the whole size of its content (a plain one asks for a size
    bounded by its font), so that a dialog with room on the screen shows every field without scrolling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields (which it scrolls into view)
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.setWidget(self.body)

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = self.body.sizeHint()
        if self.body.hasHeightForWidth():  # wrapped text: as high as it is at that width
            hint.setHeight(max(hint.height(), self.body.heightForWidth(hint.width())))
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return QSize(hint.width() + bar, hint.height())


def fit_to_screen(window: QWidget, least_width: int = 0) -> None:
    """Size ``window`` to its content (at least ``least_width`` wide), within its screen's free area."""
    screen = window.screen().availableGeometry()
    hint = window.sizeHint()
    width = min(max(hint.width(), least_width), screen.width())
    window.resize(width, min(hint.height(), screen.height() - FRAME_ALLOWANCE))
