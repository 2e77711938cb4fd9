"""Where the program's own files (demo data, icons, templates) are: the source tree or the bundle.

PyInstaller unpacks the bundle's data files below ``sys._MEIPASS``; ``installer.spec`` copies the
``resources`` folder there under the same name.
"""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The ``resources`` folder: inside the PyInstaller bundle, or next to the package in the source tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else SOURCE_ROOT
    return base / "resources"


def resource_path(*parts: str) -> Path:
    """A file below ``resources``, e.g. ``resource_path("demo", "massnahmenliste-beispiel.json")``."""
    return resources_dir().joinpath(*parts)


def demo_data() -> Path:
    """The demo Maßnahmenliste (JSON) that ``gera_desktop.services.demo.load_demo`` loads."""
    return resource_path("demo", "massnahmenliste-beispiel.json")
