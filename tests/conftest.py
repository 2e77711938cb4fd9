"""Shared fixtures: offscreen Qt, user directories in tmp_path, one fresh database per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from gera_desktop import config
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.opening import open_database

EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples"


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[config.Paths]:
    """Every user directory below tmp_path; no database chosen by the environment."""
    monkeypatch.delenv(config.DB_ENV, raising=False)
    yield config.init(tmp_path / "user")
    config.init(None)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """The URL of a fresh, empty database for this test."""
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A fresh database, opened as the program opens it."""
    db = open_database(database_url)
    yield db
    db.dispose()
