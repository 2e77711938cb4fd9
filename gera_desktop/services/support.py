"""The support package (Hilfe ▸ Support-Paket erstellen …): one zip for the IT service desk.

It holds what helps to find a fault – the log files, the programme and system versions, where the
database is and which database system it uses, the programme settings and the window settings – and
nothing of the measures themselves: no database file, no query of the measures, no password (URLs are
written without it, also inside the log). It works on a damaged or unreachable database too, because
that is when it is needed most.
"""

from __future__ import annotations

import os
import platform
import sys
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from gera_desktop import __version__, config
from gera_desktop.config import APP_NAME, APP_TITLE, DB_ENV
from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.formatting import format_euro, format_percent
from gera_desktop.domain.masking import mask_passwords
from gera_desktop.domain.oplog import logged_operation
from gera_desktop.excel.writing import atomic_target
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.migrate import read_schema_state
from gera_desktop.services.about import (
    bundled_libraries,
    database_backend,
    database_location,
    python_runtime,
)
from gera_desktop.services.settings import SettingsService

LOG_FOLDER = "protokoll"
SETTINGS_FOLDER = "fenster-einstellungen"
Members = dict[str, str]


def suggested_name(now: datetime) -> str:
    """``gera-desktop-Support_2025-03-14_09-30.zip``."""
    return f"{APP_NAME}-Support_{now:%Y-%m-%d_%H-%M}.zip"


@logged_operation("Support-Paket")
def write_support_package(
    target: Path,
    db: Database,
    *,
    qt_version: str = "",
    settings_files: Sequence[Path] = (),
    now: datetime | None = None,
) -> Path:
    """Write the zip to ``target`` (atomically: an old file stays until the new one is complete).

    ``qt_version`` and ``settings_files`` (the window's layout file) come from the Qt side. A target that
    cannot be written raises ``ExportError`` with a German message.
    """
    members = support_members(db, qt_version, settings_files, now or datetime.now())
    with atomic_target(target) as temp, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return target


def support_members(db: Database, qt_version: str, settings_files: Sequence[Path], now: datetime) -> Members:
    """The files of the package by their name inside the zip."""
    members = {
        "info.txt": system_report(db, qt_version, now),
        "programmeinstellungen.txt": _guarded(lambda: programme_settings(db)),
        "bibliotheken.txt": libraries_report(),
    }
    members.update(_log_files(config.paths().log_dir))
    for path in settings_files:
        if path.is_file():
            members[f"{SETTINGS_FOLDER}/{path.name}"] = mask_passwords(_read_text(path))
    return members


def system_report(db: Database, qt_version: str, now: datetime) -> str:
    """Programme, system and database facts, one ``Name: Wert`` line each."""
    paths = config.paths()
    lines = {
        "Programm": APP_TITLE,
        "Version": __version__,
        "Erstellt am": f"{now:%d.%m.%Y %H:%M:%S}",
        "Betriebssystem": platform.platform(),
        "Python": f"{platform.python_version()} ({platform.python_implementation()}, {platform.machine()})",
        "Qt (PySide6)": qt_version or "nicht geladen",
        "Installiertes Programm": "ja" if getattr(sys, "frozen", False) else "nein (Quelltext)",
        "Programmordner": str(Path(sys.executable).parent),
        "Datenbanksystem": database_backend(db),
        "Datenbank": database_location(db),
        "Schema-Stand": _guarded(lambda: _schema(db)),
        "Nur lesbar": mask_passwords(db.read_only_reason or "nein"),
        f"Umgebungsvariable {DB_ENV}": mask_passwords(os.environ.get(DB_ENV, "nicht gesetzt")),
        "Datenordner": str(paths.data_dir),
        "Sicherungen": str(paths.backup_dir),
        "Einstellungsordner": str(paths.config_dir),
        "Protokollordner": str(paths.log_dir),
    }
    return "".join(f"{name}: {value}\n" for name, value in lines.items())


def programme_settings(db: Database) -> str:
    """The programme settings stored in the database (Einstellungen …)."""
    settings = SettingsService(db).load()
    volumen = (
        format_euro(settings.foerdervolumen) if settings.foerdervolumen is not None else "nicht festgelegt"
    )
    return (
        f"Förderquote: {format_percent(settings.foerderquote)}\n"
        f"Fördervolumen: {volumen}\n"
        f"Programmbüro: {settings.programmbuero}\n"
    )


def libraries_report() -> str:
    """Python and every bundled library with version and licence."""
    return "".join(
        f"{lib.name} {lib.version} ({lib.licence})\n" for lib in [python_runtime(), *bundled_libraries()]
    )


def _schema(db: Database) -> str:
    with db.engine.connect() as connection:
        state = read_schema_state(connection)
    return f"{state.revision or 'leer'} (Programm: {state.head})"


def _guarded(read: Callable[[], str]) -> str:
    """What ``read`` returns, or why the database could not tell it."""
    try:
        return read()
    except GeraError as error:
        return f"nicht lesbar: {mask_passwords(error.message)}"
    except (SQLAlchemyError, OSError) as error:
        return f"nicht lesbar: {type(error).__name__}: {mask_passwords(_first_line(error))}"


def _first_line(error: BaseException) -> str:
    return (str(error).splitlines() or [""])[0]


def _log_files(folder: Path) -> Members:
    if not folder.is_dir():
        return {}
    return {
        f"{LOG_FOLDER}/{path.name}": mask_passwords(_read_text(path))
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return f"nicht lesbar: {error.strerror or error}\n"
