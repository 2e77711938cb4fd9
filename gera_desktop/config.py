"""Where the program keeps its files (platformdirs), which database it opens, who the user is.

``init()`` lets tests redirect every directory into a temporary folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "gera-desktop"
APP_TITLE = "Smart City Gera – Maßnahmenverwaltung"
ORGANISATION = "Stadt Gera"
DB_ENV = "GERA_DESKTOP_DB"
DB_FILENAME = "gera-desktop.sqlite"


@dataclass(frozen=True)
class Paths:
    """The user directories of the program."""

    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def backup_dir(self) -> Path:
        """Automatic and manual backups of the default database."""
        return self.data_dir / "Sicherungen"

    @property
    def default_database(self) -> Path:
        """The SQLite file opened when no other database is named."""
        return self.data_dir / DB_FILENAME


_paths: Paths | None = None


def init(base: Path | None = None) -> Paths:
    """Set the directories: the platform's user directories, or all below ``base`` (tests)."""
    global _paths
    if base is None:
        dirs = PlatformDirs(APP_NAME, appauthor=False)
        _paths = Paths(Path(dirs.user_data_dir), Path(dirs.user_config_dir), Path(dirs.user_log_dir))
    else:
        _paths = Paths(base / "data", base / "config", base / "log")
    return _paths


def paths() -> Paths:
    """The current directories (initialised on first use)."""
    return _paths or init()


def database_url(name: str | None = None) -> str:
    """The SQLAlchemy URL of the database to open.

    ``name`` (from ``--db``) wins over the environment variable ``GERA_DESKTOP_DB``, which wins over the
    default file. A value with ``://`` is a URL, anything else a file path.
    """
    chosen = name or os.environ.get(DB_ENV) or str(paths().default_database)
    if "://" in chosen:
        return chosen
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"


def current_user() -> str:
    """The operating-system user, as written into the audit log."""
    try:
        import getpass  # not before the first paint (it brings ``termios``)

        return getpass.getuser()
    except (OSError, KeyError):
        return "unbekannt"
