"""Shared fixtures: offscreen Qt, user directories in tmp_path, one fresh database per test.

``database_url`` (and so ``database``) runs every test on a SQLite file, and a second time on a fresh
PostgreSQL database when ``GERA_TEST_POSTGRES_URL`` names a server (an admin URL; ``.ci/postgres.sh``
starts one on loopback). The test ids show the backend: ``test_x[sqlite]``, ``test_x[postgresql]``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from gera_desktop import config
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.opening import open_database
from gera_desktop.resources import demo_data
from gera_desktop.services.demo import load_demo
from gera_desktop.services.importer import ImportService
from gera_desktop.services.massnahmen import MassnahmenService

EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples"
POSTGRES_ENV = "GERA_TEST_POSTGRES_URL"
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    *(
        [pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres)]
        if os.environ.get(POSTGRES_ENV)
        else []
    ),
]


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[config.Paths]:
    """Every user directory below tmp_path; no database chosen by the environment."""
    monkeypatch.delenv(config.DB_ENV, raising=False)
    yield config.init(tmp_path / "user")
    config.init(None)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """The URL of a fresh SQLite file (for tests of what only SQLite files have: backups, pragmas)."""
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database; skipped without ``GERA_TEST_POSTGRES_URL``."""
    admin_url = os.environ.get(POSTGRES_ENV)
    if not admin_url:
        pytest.skip(f"{POSTGRES_ENV} ist nicht gesetzt")
    yield from _fresh_postgres_database(admin_url)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty database for this test: SQLite, and PostgreSQL when configured."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
    else:
        yield from _fresh_postgres_database(os.environ[POSTGRES_ENV])


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A fresh database, opened as the program opens it."""
    db = open_database(database_url)
    yield db
    db.dispose()


def _fresh_postgres_database(admin_url: str) -> Iterator[str]:
    """Create a database with a unique name, yield its URL, drop it afterwards."""
    name = f"gera_test_{uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                {"name": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture
def importer(database: Database) -> ImportService:
    """Imports into the test's database as user "anna"."""
    return ImportService(database, user="anna")


@pytest.fixture
def measures(database: Database) -> MassnahmenService:
    """The measures of the test's database, changed as user "anna"."""
    return MassnahmenService(database, user="anna")


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    """A closed SQLite file with the 25 sample measures (and nothing left in a ``-wal``)."""
    path = tmp_path / "massnahmen.sqlite"
    db = open_database(f"sqlite:///{path}")
    load_demo(db, demo_data(), user="test")
    db.dispose()
    return path
