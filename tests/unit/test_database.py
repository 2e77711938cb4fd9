"""Opening a database: pragmas, read-only damaged files, busy and read-only errors."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event, select

from gera_desktop.domain.errors import DatabaseBusyError, DatabaseError, ReadOnlyError
from gera_desktop.domain.models import Massnahme
from gera_desktop.persistence.database import Database, sqlite_file
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.backup import BackupService
from tests.unit.sample_data import add_measures, damage, measure_numbers, new_measure


def side_files(path: Path) -> list[Path]:
    return [p for p in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")) if p.exists()]


@pytest.fixture
def damaged_file(sqlite_url: str, tmp_path: Path) -> Path:
    """A copy of a database with data whose measures table has flipped bytes."""
    db = open_database(sqlite_url)
    add_measures(db, *(f"M-{i}" for i in range(40)))
    db.dispose()
    copy = tmp_path / "kopie" / "beschaedigt.sqlite"
    copy.parent.mkdir()
    shutil.copyfile(db.file, copy)  # type: ignore[arg-type]
    damage(copy)
    return copy


def test_opening_creates_the_folder_and_an_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "neu" / "unter" / "daten.sqlite"

    db = open_database(f"sqlite:///{path}")

    assert path.is_file()
    assert measure_numbers(db) == []
    assert not db.read_only
    db.dispose()


def test_sqlite_connections_use_wal_full_sync_foreign_keys_and_a_busy_timeout(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    with database.engine.connect() as connection:

        def pragma(name: str) -> object:
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2
        assert pragma("busy_timeout") == 5000
    database.dispose()


def test_data_survives_closing_and_opening_again(database_url: str) -> None:
    db = open_database(database_url)
    add_measures(db, "A-1", "A-2")
    db.dispose()

    again = open_database(database_url)

    assert measure_numbers(again) == ["A-1", "A-2"]
    again.dispose()


def test_a_damaged_file_is_opened_read_only_with_a_restore_hint(damaged_file: Path, user_dirs) -> None:
    before = damaged_file.read_bytes()

    db = open_database(f"sqlite:///{damaged_file}")

    assert db.read_only
    reason = db.read_only_reason or ""
    assert "beschädigt" in reason
    assert "gera-desktop restore" in reason
    assert "Datei ▸ Sicherungen" in reason
    assert str(user_dirs.backup_dir) in reason
    assert f'--db "{damaged_file}"' in reason
    db.dispose()
    assert damaged_file.read_bytes() == before
    assert side_files(damaged_file) == []


def test_the_damage_message_offers_the_newest_good_backup(sqlite_url: str, user_dirs) -> None:
    db = open_database(sqlite_url)
    add_measures(db, *(f"M-{i}" for i in range(40)))
    good = BackupService(db).create(reason="vor Urlaub")
    db.dispose()
    damage(sqlite_file(sqlite_url))  # type: ignore[arg-type]

    damaged = open_database(sqlite_url)

    assert good.path.name in (damaged.read_only_reason or "")
    damaged.dispose()


def test_nothing_can_be_written_into_a_damaged_file(damaged_file: Path) -> None:
    before = damaged_file.read_bytes()
    db = open_database(f"sqlite:///{damaged_file}")

    with pytest.raises(ReadOnlyError) as raised, db.write_session() as session:
        session.add(new_measure("X-1"))

    assert "beschädigt" in raised.value.message
    db.dispose()
    assert damaged_file.read_bytes() == before


def test_a_file_that_is_no_database_at_all_is_opened_read_only(tmp_path: Path) -> None:
    path = tmp_path / "liste.sqlite"
    path.write_bytes(b"PK\x03\x04 das ist eine Excel-Datei" * 100)

    db = open_database(f"sqlite:///{path}")

    assert db.read_only
    assert "beschädigt" in (db.read_only_reason or "")
    db.dispose()
    assert path.read_bytes().startswith(b"PK\x03\x04")


def test_a_writer_holding_the_lock_too_long_gives_a_busy_message(sqlite_url: str) -> None:
    db = _with_busy_timeout(open_database(sqlite_url), milliseconds=50)
    blocker = open_database(sqlite_url)

    with blocker.write_session() as holding:
        holding.add(new_measure("B-1"))
        holding.flush()
        with pytest.raises(DatabaseBusyError) as raised, db.write_session() as session:
            session.add(new_measure("A-1"))

    assert "belegt" in raised.value.message
    assert "später erneut" in raised.value.message
    assert measure_numbers(db) == ["B-1"]
    db.dispose()
    blocker.dispose()


def _with_busy_timeout(db: Database, *, milliseconds: int) -> Database:
    """The program's database with a short busy timeout, so that the test does not wait 5 s."""

    @event.listens_for(db.engine, "connect")
    def _short_timeout(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA busy_timeout={milliseconds}")

    db.engine.dispose()
    return db


def test_an_unreachable_postgresql_server_gives_a_german_message() -> None:
    with pytest.raises(DatabaseError) as raised:
        open_database("postgresql+psycopg://niemand@127.0.0.1:9/gera?connect_timeout=2")

    assert "nicht erreichbar" in raised.value.message


def test_measures_written_are_read_back(database: Database) -> None:
    add_measures(database, "Z-9")

    with database.read_session() as session:
        measure = session.scalars(select(Massnahme)).one()
        read_back = (measure.nr, measure.version, measure.gesamtkosten, len(measure.meilensteine))

    assert read_back == ("Z-9", 1, Decimal("12345.67"), 1)
