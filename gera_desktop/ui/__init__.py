"""Everything PySide6: the application object, the main window, its models. Nothing outside imports Qt."""

from __future__ import annotations

from gera_desktop.ui.app import run

__all__ = ["run"]
