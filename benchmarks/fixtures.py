"""Files the benchmark sections share, made once per run in its folder: the city-format workbook of n
measures and a database that holds it (imported as a user would), and fresh copies of that database.

The run's user directories (settings, log, backups) lie in the folder too (``config.init``), so a run
never writes into the real ones.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from benchmarks.generate import generate
from gera_desktop import config
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.importer import ImportService


def user_dirs(workdir: Path) -> Path:
    """Point the program's user directories into ``workdir``; the base folder."""
    base = workdir / "benutzer"
    config.init(base)
    return base


def workbook(workdir: Path, measures: int) -> Path:
    """The workbook of ``measures`` measures (written as Excel does, with a ``<dimension>``)."""
    path = workdir / f"massnahmenliste-{measures}.xlsx"
    if not path.exists():
        generate(path, measures, write_only=False)
    return path


def url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"


def import_into(database_url: str, path: Path) -> None:
    """Open the database and import the workbook (a real run, backup included)."""
    db = open_database(database_url)
    try:
        report = ImportService(db, user="benchmark").run(path)
        assert report.ok, report.as_text()
    finally:
        db.dispose()


def filled_database(workdir: Path, measures: int) -> Path:
    """The database file holding the workbook of ``measures`` measures (shared: only read it, or copy)."""
    path = workdir / f"gefuellt-{measures}.sqlite"
    if not path.exists():
        user_dirs(workdir)
        import_into(url(path), workbook(workdir, measures))
    return path


def copy_of(source: Path, target: Path) -> Path:
    """A consistent copy of the SQLite file ``source`` (through SQLite's backup API)."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def child_environment(workdir: Path, **extra: str) -> dict[str, str]:
    """The environment of the run's child processes: offscreen Qt, user directories in ``workdir``, and
    compiled bytecode kept in ``workdir`` (``PYTHONDONTWRITEBYTECODE`` would make every process compile
    SQLAlchemy and openpyxl again, which no installed program does)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    home = workdir / "benutzer-xdg"
    env.update(
        PYTHONPYCACHEPREFIX=str(workdir / "bytecode"),
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    env.pop(config.DB_ENV, None)
    env.update(extra)
    return env
