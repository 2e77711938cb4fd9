"""Smart City Gera – Maßnahmenverwaltung: the measures of the Smart City Modellprojekt Gera, offline."""

from __future__ import annotations

import logging
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "gera-desktop"

# Our log lines go to the log file the window sets up; without one (the command line) they go nowhere,
# never to the terminal (Python's last-resort handler would print warnings there).
logging.getLogger(__name__).addHandler(logging.NullHandler())


def _read_version() -> str:
    """The installed package's version; in a source tree without metadata the one in pyproject.toml.

    The PyInstaller bundle carries the package metadata (``copy_metadata`` in installer.spec).
    """
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    import tomllib  # only needed in a source tree without installed metadata

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "0+unbekannt"


__version__ = _read_version()
