"""The programme icon (``resources/icons``, built from ``gera-desktop.svg`` by tools/build_icons.py)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from gera_desktop.config import APP_NAME
from gera_desktop.resources import resource_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def application_icon() -> QIcon:
    """The icon in every size it was drawn in, so that title bar and task bar need no scaling."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"{APP_NAME}-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon
