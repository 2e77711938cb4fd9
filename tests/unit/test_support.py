"""The support package for the IT service desk: log, versions, settings – and nothing of the measures."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from gera_desktop import __version__, config
from gera_desktop.excel.writing import ExportError
from gera_desktop.persistence.database import Database, make_engine
from gera_desktop.persistence.migrate import head_revision
from gera_desktop.resources import demo_data
from gera_desktop.services.about import bundled_libraries, database_location
from gera_desktop.services.demo import load_demo
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.support import suggested_name, write_support_package

NOW = datetime(2025, 3, 14, 9, 30)
LOG_LINE = (
    "2025-03-14 09:29:58,123 INFO gera_desktop.ui.app: gera-desktop gestartet mit der Datenbank test.sqlite\n"
)


def write_log(text: str = LOG_LINE) -> Path:
    """A log file in the user log directory, as the programme writes it."""
    folder = config.paths().log_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "gera-desktop.log"
    path.write_text(text, encoding="utf-8")
    return path


def package_texts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def test_the_package_holds_no_measure_data(database: Database, tmp_path: Path) -> None:
    load_demo(database, demo_data())
    write_log()
    records = MassnahmenService(database).list()
    private = {text for r in records for text in (r.nr, r.titel, r.federfuehrung, r.kurzbeschreibung) if text}

    texts = package_texts(write_support_package(tmp_path / "support.zip", database, now=NOW))

    assert len(records) == 25
    for name, text in texts.items():
        found = sorted(p for p in private if p in text)
        assert not found, f"{name} enthält Maßnahmendaten: {found[:3]}"
    assert not [name for name in texts if name.endswith((".sqlite", ".db"))]


def test_the_package_holds_log_versions_database_and_settings(database: Database, tmp_path: Path) -> None:
    write_log()
    layout = tmp_path / "fenster.ini"
    layout.write_text("[Fenster]\nansicht=1\n", encoding="utf-8")

    texts = package_texts(
        write_support_package(
            tmp_path / "support.zip", database, qt_version="6.11.3", settings_files=[layout], now=NOW
        )
    )

    assert texts["protokoll/gera-desktop.log"] == LOG_LINE
    info = texts["info.txt"]
    assert f"Version: {__version__}\n" in info
    assert "Qt (PySide6): 6.11.3\n" in info
    assert "Erstellt am: 14.03.2025 09:30:00\n" in info
    assert f"Datenbank: {database_location(database)}\n" in info
    assert f"Protokollordner: {config.paths().log_dir}\n" in info
    assert "Förderquote: 90 %\n" in texts["programmeinstellungen.txt"]
    assert "SQLAlchemy " in texts["bibliotheken.txt"]
    assert texts["fenster-einstellungen/fenster.ini"] == "[Fenster]\nansicht=1\n"


def test_the_database_system_and_schema_are_named(database: Database, tmp_path: Path) -> None:
    info = package_texts(write_support_package(tmp_path / "s.zip", database, now=NOW))["info.txt"]

    backend = "SQLite" if database.is_sqlite else "PostgreSQL"
    assert f"Datenbanksystem: {backend}\n" in info
    assert f"Schema-Stand: {head_revision()} (Programm: {head_revision()})\n" in info


def test_no_password_leaves_the_computer(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(config.DB_ENV, "postgresql+psycopg://anna:Geheim%21@server/smartcity")
    write_log(
        LOG_LINE + "Verbindung zu postgresql+psycopg://anna:Geheim!@server:5432/smartcity fehlgeschlagen\n"
    )

    texts = package_texts(write_support_package(tmp_path / "support.zip", database, now=NOW))

    assert not [name for name, text in texts.items() if "Geheim" in text]
    assert "postgresql+psycopg://anna:***@server:5432/smartcity" in texts["protokoll/gera-desktop.log"]
    assert f"{config.DB_ENV}: postgresql+psycopg://anna:***@server/smartcity" in texts["info.txt"]


def test_a_database_that_cannot_be_read_still_gives_a_package(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'leer.sqlite'}"  # a file without the programme's tables
    empty = Database(url, make_engine(url))
    try:
        texts = package_texts(write_support_package(tmp_path / "support.zip", empty, now=NOW))
    finally:
        empty.dispose()

    assert texts["programmeinstellungen.txt"].startswith("nicht lesbar: OperationalError")
    assert "Schema-Stand: leer" in texts["info.txt"]


def test_an_unwritable_target_is_refused_in_german(database: Database, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="existiert nicht"):
        write_support_package(tmp_path / "fehlt" / "support.zip", database, now=NOW)


def test_the_suggested_name_carries_date_and_time() -> None:
    assert suggested_name(NOW) == "gera-desktop-Support_2025-03-14_09-30.zip"


def test_the_libraries_are_those_the_programme_runs_with() -> None:
    libraries = {library.name.lower().replace("_", "-"): library for library in bundled_libraries()}

    assert {"pyside6-essentials", "shiboken6", "sqlalchemy", "alembic", "openpyxl", "psycopg-binary"} <= set(
        libraries
    )
    assert not {"pytest", "hypothesis", "ruff", "pyinstaller"} & set(libraries)  # development tools
    assert libraries["sqlalchemy"].licence == "MIT"
    assert libraries["openpyxl"].licence == "MIT"  # from the classifier / License field
    assert "LGPL-3.0-only" in libraries["pyside6-essentials"].licence
