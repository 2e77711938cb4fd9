"""A high-contrast palette as Windows' "Kontrast Nr. 1" and the application's font at another size, for the
tests of what a user with a high-contrast theme or 200 % text sees."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from gera_desktop.ui.colours import Role


def high_contrast() -> QPalette:
    """Black background, white text, yellow selection: as Windows' "Kontrast Nr. 1"."""
    palette = QPalette(QColor("black"))
    for role in (Role.Window, Role.Base, Role.Button, Role.AlternateBase):
        palette.setColor(role, QColor("black"))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(role, QColor("white"))
    palette.setColor(Role.Highlight, QColor("yellow"))
    palette.setColor(Role.HighlightedText, QColor("black"))
    return palette


class contrast_and_font:  # noqa: N801 - used as a context manager
    """The application in the high-contrast palette and its font ``scale`` times its size, until the end
    of the ``with`` block."""

    def __init__(self, app: QApplication, scale: float) -> None:
        self._app, self._scale = app, scale

    def __enter__(self) -> None:
        self._palette, self._font = self._app.palette(), self._app.font()
        font = QFont(self._font)
        font.setPointSizeF(self._font.pointSizeF() * self._scale)
        self._app.setPalette(high_contrast())
        self._app.setFont(font)

    def __exit__(self, *_exc: object) -> None:
        self._app.setPalette(self._palette)
        self._app.setFont(self._font)
