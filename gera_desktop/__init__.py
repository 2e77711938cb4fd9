"""Smart City Gera – Maßnahmenverwaltung: the measures of the Smart City Modellprojekt Gera, offline."""

from __future__ import annotations

import logging

DISTRIBUTION = "gera-desktop"

# Our log lines go to the log file the window sets up; without one (the command line) they go nowhere,
# never to the terminal (Python's last-resort handler would print warnings there).
logging.getLogger(__name__).addHandler(logging.NullHandler())


def _read_version() -> str:
    """The version the build wrote into ``_version.py`` (``uv sync``, the wheel, the bundle); in a source
    tree never built, the installed package's metadata or else pyproject.toml.

    Not ``importlib.metadata`` first: with the email parser it imports, it costs the start ~30 ms.
    """
    try:
        from gera_desktop._version import __version__ as built
    except ImportError:
        return _unbuilt_version()
    return str(built)


def _unbuilt_version() -> str:
    from importlib import metadata  # only needed in a source tree without _version.py

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "0+unbekannt"


__version__ = _read_version()
