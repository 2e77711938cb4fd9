"""Damage that only hits an index: ``quick_check`` at opening misses it, the full check after the start
finds it and makes the database read-only before any further write; a backup of it is refused with a
message that blames the database, a restore still repairs it, and an export says the data is damaged."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from gera_desktop import config
from gera_desktop.__main__ import main
from gera_desktop.domain.errors import GeraError, ReadOnlyError
from gera_desktop.persistence.backup import DamagedDatabaseError
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.full_check import begin_full_check, run_full_check
from gera_desktop.persistence.integrity import full_check_file, quick_check_file
from gera_desktop.persistence.opening import damaged_message, open_database
from gera_desktop.services.backup import BackupService
from gera_desktop.services.export import DAMAGED_NOTE
from gera_desktop.services.massnahmen import MassnahmenService
from tests.unit.sample_data import damage, damage_index_entry

NR_INDEX = "sqlite_autoindex_massnahme_1"
"""The unique index on the measures' Nr. key; the demo's ``p-01`` is its first entry."""


@pytest.fixture
def index_damaged(demo_file: Path) -> Path:
    """The sample file whose Nr. index no longer matches the row of P-01."""
    damage_index_entry(demo_file, NR_INDEX, b"p-01", b"p-00")
    return demo_file


@pytest.fixture
def opened(index_damaged: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{index_damaged}")
    yield db
    db.dispose()


def renamed_elsewhere(db: Database, errors: list[BaseException]) -> threading.Thread:
    """A save of P-02 with a new title, started on another thread; its error lands in ``errors``."""
    service = MassnahmenService(db)
    record = service.get("P-02")

    def save() -> None:
        try:
            service.update(replace(record, titel="Geänderter Titel"))
        except GeraError as error:
            errors.append(error)

    thread = threading.Thread(target=save)
    thread.start()
    return thread


def test_only_the_full_check_sees_damage_in_an_index(index_damaged: Path) -> None:
    assert quick_check_file(index_damaged) == []
    problems = full_check_file(index_damaged)
    assert problems
    assert NR_INDEX in problems[0]


def test_the_full_check_makes_the_database_read_only_before_a_waiting_write(
    opened: Database, index_damaged: Path
) -> None:
    assert not opened.read_only  # quick_check let it through
    assert begin_full_check(opened)
    errors: list[BaseException] = []
    writer = renamed_elsewhere(opened, errors)

    problems = run_full_check(opened)
    writer.join()

    assert problems
    assert opened.read_only
    assert opened.damaged
    assert opened.read_only_reason == damaged_message(index_damaged, problems)
    assert "ist beschädigt" in opened.read_only_reason
    assert [type(e) for e in errors] == [ReadOnlyError]
    assert errors[0].args[0] == opened.read_only_reason
    assert MassnahmenService(opened).get("P-02").titel != "Geänderter Titel"


def test_a_sound_database_stays_writable_and_the_held_write_goes_through(demo_file: Path) -> None:
    db = open_database(f"sqlite:///{demo_file}")
    try:
        assert begin_full_check(db)
        errors: list[BaseException] = []
        writer = renamed_elsewhere(db, errors)

        assert run_full_check(db) == []
        writer.join()

        assert not db.read_only
        assert errors == []
        assert MassnahmenService(db).get("P-02").titel == "Geänderter Titel"
    finally:
        db.dispose()


def test_a_stopped_check_reports_nothing_and_lets_writes_go(opened: Database) -> None:
    assert begin_full_check(opened)

    assert run_full_check(opened, cancelled=lambda: True) == []

    assert not opened.read_only
    errors: list[BaseException] = []
    renamed_elsewhere(opened, errors).join()
    assert errors == []


def test_a_database_already_read_only_is_not_checked_again(demo_file: Path) -> None:
    damage(demo_file)
    db = open_database(f"sqlite:///{demo_file}")
    try:
        assert db.damaged
        assert not begin_full_check(db)
    finally:
        db.dispose()


def test_a_backup_of_a_damaged_database_blames_the_database(
    opened: Database, user_dirs: config.Paths
) -> None:
    with pytest.raises(DamagedDatabaseError) as raised:
        BackupService(opened).create()

    message = raised.value.message
    assert message.startswith("Die Datenbank „massnahmen.sqlite“ ist beschädigt (")
    assert NR_INDEX in message
    assert "Die Sicherung ist fehlerhaft" not in message
    assert not user_dirs.backup_dir.exists() or list(user_dirs.backup_dir.iterdir()) == []


def test_the_backup_command_on_a_damaged_database_blames_it_and_leaves_nothing(
    index_damaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()

    code = main(["backup", str(stick), "--db", str(index_damaged)])

    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("Fehler: Die Datenbank „massnahmen.sqlite“ ist beschädigt")
    assert "Traceback" not in err
    assert list(stick.iterdir()) == []


def test_once_known_damaged_a_backup_is_refused_at_once(opened: Database) -> None:
    begin_full_check(opened)
    run_full_check(opened)

    with pytest.raises(DamagedDatabaseError, match=r"ist beschädigt\. Eine Sicherung davon"):
        BackupService(opened).create()


def test_a_restore_repairs_a_database_with_a_damaged_index(demo_file: Path, user_dirs: config.Paths) -> None:
    db = open_database(f"sqlite:///{demo_file}")
    good = BackupService(db).create()
    db.dispose()
    damage_index_entry(demo_file, NR_INDEX, b"p-01", b"p-00")
    db = open_database(f"sqlite:///{demo_file}")
    try:
        before = BackupService(db).restore(good.path)
    finally:
        db.dispose()

    assert before.reason == "beschaedigt-vor-Wiederherstellung"
    assert full_check_file(before.path)  # the damaged bytes are kept as they were
    assert full_check_file(demo_file) == []


def test_an_export_from_a_damaged_database_says_so(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage(demo_file, "ix_aenderung_zeitpunkt")  # the audit trail's index: the measures stay readable

    code = main(["export", str(tmp_path / "rettung.json"), "--db", str(demo_file)])

    out, err = capsys.readouterr()
    assert code == 0, err
    assert "25 Maßnahmen exportiert" in out
    assert DAMAGED_NOTE in err
    assert (tmp_path / "rettung.json").is_file()
