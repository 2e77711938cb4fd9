"""A backup made in steps reports its progress and can be stopped without leaving a file (its consistency
while others commit: ``test_backup.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gera_desktop import config
from gera_desktop.domain.progress import WorkCancelled
from gera_desktop.persistence import backup as backup_module
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.backup import CANCELLED_MESSAGE, BackupService
from tests.unit.sample_data import add_measures, measure_numbers
from tests.unit.stopper import Stopper
from tests.unit.test_backup import numbers_in

NUMBERS = [f"S-{i:03d}" for i in range(1, 301)]


@pytest.fixture(autouse=True)
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two pages per step, so that even a small test database takes many steps."""
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 2)


@pytest.fixture
def filled_db(sqlite_url: str) -> Iterator[Database]:
    db = open_database(sqlite_url)
    add_measures(db, *NUMBERS)
    yield db
    db.dispose()


def _files_in(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*")) if folder.exists() else []


def test_a_backup_reports_its_progress_up_to_the_end(filled_db: Database) -> None:
    stopper = Stopper()

    info = BackupService(filled_db).create(progress=stopper.progress, cancelled=stopper.cancelled)

    assert numbers_in(info.path) == NUMBERS
    done = [d for d, _ in stopper.reports]
    assert len(done) > 3
    assert done == sorted(done)
    assert stopper.reports[-1][0] == stopper.reports[-1][1]


def test_a_stopped_backup_leaves_no_file_and_the_database_as_it_was(filled_db: Database) -> None:
    stopper = Stopper(after=2)

    with pytest.raises(WorkCancelled) as raised:
        BackupService(filled_db).create(progress=stopper.progress, cancelled=stopper.cancelled)

    assert raised.value.message == CANCELLED_MESSAGE
    assert _files_in(config.paths().backup_dir) == []
    assert BackupService(filled_db).list() == []
    assert measure_numbers(filled_db) == NUMBERS
    add_measures(filled_db, "S-999")  # nothing stays locked
    assert BackupService(filled_db).create().path.exists()


def test_a_backup_to_a_chosen_file_stopped_keeps_the_old_file(filled_db: Database, tmp_path: Path) -> None:
    dest = tmp_path / "usb" / "sicherung.sqlite"
    dest.parent.mkdir()
    dest.write_bytes(b"die Sicherung von gestern")

    with pytest.raises(WorkCancelled):
        BackupService(filled_db).create(dest, cancelled=lambda: True)

    assert dest.read_bytes() == b"die Sicherung von gestern"
    assert _files_in(dest.parent) == [dest]
