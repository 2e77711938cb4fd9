"""Backups and restore (SQLite backup API), rotation, refusal on PostgreSQL, the integrity report."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gera_desktop.domain.errors import DatabaseError
from gera_desktop.persistence import backup as backup_module
from gera_desktop.persistence.backup import PAGES_PER_STEP
from gera_desktop.persistence.backup_store import AUTO_KEEP
from gera_desktop.persistence.database import Database, make_engine
from gera_desktop.persistence.integrity import check_database
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.backup import BackupNotAvailableError, BackupService
from tests.unit.sample_data import add_measures, damage, measure_numbers, new_measure


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    db = open_database(sqlite_url)
    yield db
    db.dispose()


def numbers_in(path: Path) -> list[str]:
    """The measure numbers stored in a backup file, read with plain sqlite3."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(row[0] for row in connection.execute("SELECT nr FROM massnahme"))
    finally:
        connection.close()


def destroy_header(path: Path) -> None:
    """Overwrite the SQLite header: not even recognisable as a database any more."""
    path.write_bytes(b"\0" * 100 + path.read_bytes()[100:])


def is_sound(path: Path) -> bool:
    """Whether ``check_database`` finds a backup file sound (opened read-only, not changed)."""
    url = f"sqlite:///{path}"
    reader = Database(url, make_engine(url, read_only=True))
    try:
        return check_database(reader).ok
    finally:
        reader.dispose()


def test_a_backup_is_a_sound_copy_with_a_readable_name(sqlite_db: Database, user_dirs) -> None:
    add_measures(sqlite_db, "A-1", "A-2")

    info = BackupService(sqlite_db).create(reason="vor Import")

    assert info.path.parent == user_dirs.backup_dir
    assert info.path.name.startswith("test_")
    assert info.path.name.endswith("_vor-Import.sqlite")
    assert (info.reason, info.automatic, info.size) == ("vor-Import", False, info.path.stat().st_size)
    assert numbers_in(info.path) == ["A-1", "A-2"]
    assert is_sound(info.path)


def test_a_backup_to_a_chosen_file(sqlite_db: Database, tmp_path: Path) -> None:
    add_measures(sqlite_db, "A-1")
    dest = tmp_path / "usb" / "sicherung.sqlite"

    info = BackupService(sqlite_db).create(dest)

    assert info.path == dest
    assert numbers_in(dest) == ["A-1"]
    assert not [p for p in dest.parent.iterdir() if p.name.endswith(".tmp")]


def test_backup_and_restore_while_another_connection_writes(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    other = open_database(sqlite_url)
    add_measures(db, "A-1", "A-2")
    service = BackupService(db)

    with other.write_session() as writing:  # holds the write lock during the backup
        writing.add(new_measure("B-1"))
        writing.flush()
        backup = service.create()
    assert numbers_in(backup.path) == ["A-1", "A-2"]
    assert measure_numbers(db) == ["A-1", "A-2", "B-1"]

    with other.read_session() as reading:  # an open read transaction does not stop the restore
        reading.connection().exec_driver_sql("SELECT count(*) FROM massnahme").scalar()
        safety = service.restore(backup.path)

    assert measure_numbers(other) == ["A-1", "A-2"]
    assert numbers_in(safety.path) == ["A-1", "A-2", "B-1"]
    add_measures(other, "C-1")
    assert measure_numbers(db) == ["A-1", "A-2", "C-1"]
    db.dispose()
    other.dispose()


@pytest.mark.parametrize("pages_per_step", [PAGES_PER_STEP, 2], ids=["normal", "small-steps"])
def test_a_backup_taken_while_a_thread_commits_is_a_consistent_snapshot(
    sqlite_url: str, pages_per_step: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also in small steps, between which SQLite restarts the copy when another connection commits."""
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", pages_per_step)
    db = open_database(sqlite_url)
    writer_db = open_database(sqlite_url)
    halfway = threading.Event()
    numbers = [f"T-{i:03d}" for i in range(120)]

    def write_one_by_one() -> None:
        for index, nr in enumerate(numbers):
            add_measures(writer_db, nr)
            if index == 40:
                halfway.set()

    writer = threading.Thread(target=write_one_by_one)
    writer.start()
    assert halfway.wait(timeout=60)
    backup = BackupService(db).create()
    writer.join(timeout=60)

    saved = numbers_in(backup.path)
    assert saved == numbers[: len(saved)]  # every commit up to some point, nothing half
    assert len(saved) >= 41
    assert is_sound(backup.path)
    assert measure_numbers(db) == numbers
    db.dispose()
    writer_db.dispose()


def test_automatic_backups_keep_the_last_twenty_and_manual_ones_stay(sqlite_db: Database) -> None:
    add_measures(sqlite_db, "A-1")
    service = BackupService(sqlite_db)
    manual = [service.create(reason=f"Handarbeit {i}") for i in range(2)]

    for i in range(AUTO_KEEP + 5):
        service.auto_backup(f"Lauf {i}")

    listed = service.list()
    automatic = [info for info in listed if info.automatic]
    assert [info.reason for info in automatic] == [f"Lauf-{i}" for i in reversed(range(5, AUTO_KEEP + 5))]
    assert {info.path for info in manual} <= {info.path for info in listed}
    assert all(info.path.exists() for info in listed)
    assert len(list(service.folder.iterdir())) == AUTO_KEEP + 2


def test_the_list_shows_only_backups_of_this_database(sqlite_db: Database, tmp_path: Path) -> None:
    other = open_database(f"sqlite:///{tmp_path / 'anderes.sqlite'}")
    BackupService(other).create()
    mine = BackupService(sqlite_db).create()

    assert [info.path for info in BackupService(sqlite_db).list()] == [mine.path]
    other.dispose()


def test_restore_takes_a_backup_of_the_current_state_first(sqlite_db: Database) -> None:
    add_measures(sqlite_db, "A-1")
    service = BackupService(sqlite_db)
    backup = service.create()
    add_measures(sqlite_db, "NEU-1")

    safety = service.restore(backup.path)

    assert safety.automatic
    assert safety.reason == "vor-Wiederherstellung"
    assert numbers_in(safety.path) == ["A-1", "NEU-1"]
    assert measure_numbers(sqlite_db) == ["A-1"]


def test_a_damaged_backup_is_refused_and_nothing_changes(sqlite_db: Database, tmp_path: Path) -> None:
    add_measures(sqlite_db, *(f"A-{i}" for i in range(40)))
    service = BackupService(sqlite_db)
    backup = service.create()
    broken = tmp_path / "kaputt.sqlite"
    shutil.copyfile(backup.path, broken)
    damage(broken)
    add_measures(sqlite_db, "NEU-1")
    before = service.list()

    with pytest.raises(DatabaseError) as raised:
        service.restore(broken)

    assert "beschädigt" in raised.value.message
    assert "nicht eingespielt" in raised.value.message
    assert len(measure_numbers(sqlite_db)) == 41
    assert service.list() == before


def test_a_file_that_is_no_backup_is_refused(sqlite_db: Database, tmp_path: Path) -> None:
    stranger = tmp_path / "fremd.sqlite"
    with sqlite3.connect(stranger) as connection:
        connection.execute("CREATE TABLE x (y)")
    add_measures(sqlite_db, "A-1")

    with pytest.raises(DatabaseError) as raised:
        BackupService(sqlite_db).restore(stranger)

    assert "keine Sicherung von gera-desktop" in raised.value.message
    assert measure_numbers(sqlite_db) == ["A-1"]


def test_a_damaged_database_can_be_restored_and_its_bytes_are_kept(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    add_measures(db, *(f"A-{i}" for i in range(40)))
    backup = BackupService(db).create()
    db.dispose()
    assert db.file is not None
    damage(db.file)
    damaged_bytes = db.file.read_bytes()
    damaged = open_database(sqlite_url)
    assert damaged.read_only

    kept = BackupService(damaged).restore(backup.path)

    assert kept.path.read_bytes() == damaged_bytes
    assert not kept.automatic
    damaged.dispose()
    reopened = open_database(sqlite_url)
    assert not reopened.read_only
    assert len(measure_numbers(reopened)) == 40
    reopened.dispose()


def test_a_database_with_a_destroyed_header_can_be_restored(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    add_measures(db, "A-1")
    backup = BackupService(db).create()
    db.dispose()
    assert db.file is not None
    destroy_header(db.file)
    damaged = open_database(sqlite_url)

    BackupService(damaged).restore(backup.path)

    damaged.dispose()
    reopened = open_database(sqlite_url)
    assert measure_numbers(reopened) == ["A-1"]
    reopened.dispose()


def test_postgresql_backups_are_left_to_the_server_tools(
    postgres_url: str, user_dirs, tmp_path: Path
) -> None:
    db = open_database(postgres_url)
    add_measures(db, "A-1")
    service = BackupService(db)
    backup_file = tmp_path / "sicherung.sqlite"

    attempts = [
        lambda: service.create(),
        lambda: service.create(backup_file),
        lambda: service.auto_backup("vor Import"),
        lambda: service.list(),
        lambda: service.restore(backup_file),
    ]
    for attempt in attempts:
        with pytest.raises(BackupNotAvailableError) as raised:
            attempt()
        assert "pg_dump" in raised.value.message
        assert "nichts verändert" in raised.value.message

    assert not service.available
    assert not user_dirs.backup_dir.exists()
    assert not backup_file.exists()
    assert measure_numbers(db) == ["A-1"]
    db.dispose()


def test_the_report_of_a_sound_database(database: Database) -> None:
    add_measures(database, "A-1", "A-2")

    report = check_database(database)

    assert report.ok
    assert report.is_head
    checked: list[str] | None = [] if database.is_sqlite else None  # PostgreSQL checks itself
    assert (report.integrity, report.foreign_key_problems) == (checked, checked)
    assert report.counts is not None
    assert (report.counts.measures, report.counts.in_trash, report.counts.milestones) == (2, 0, 2)
    assert "Zustand: in Ordnung" in report.lines()
    assert "Maßnahmen: 2 (im Papierkorb: 0)" in report.lines()


@pytest.mark.parametrize("harm", [damage, destroy_header], ids=["flipped-page", "destroyed-header"])
def test_the_report_of_a_damaged_database(sqlite_url: str, harm: Callable[[Path], None]) -> None:
    db = open_database(sqlite_url)
    add_measures(db, *(f"A-{i}" for i in range(40)))
    db.dispose()
    assert db.file is not None
    harm(db.file)
    damaged = open_database(sqlite_url)

    report = check_database(damaged)

    assert not report.ok
    assert report.integrity or report.error
    assert "Zustand: NICHT in Ordnung" in report.lines()
    damaged.dispose()


def test_the_report_finds_rows_that_point_nowhere(sqlite_db: Database) -> None:
    add_measures(sqlite_db, "A-1")
    assert sqlite_db.file is not None
    outside = sqlite3.connect(sqlite_db.file)  # another tool, with foreign keys off (SQLite's default)
    with outside:
        outside.execute("DELETE FROM massnahme")
    outside.close()

    report = check_database(sqlite_db)

    assert not report.ok
    assert report.foreign_key_problems == [
        "Tabelle meilenstein, Zeile 1: verweist auf eine fehlende Zeile in massnahme"
    ]
