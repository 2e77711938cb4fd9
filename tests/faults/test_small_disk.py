"""A real full disk: the target folder is a small ``tmpfs`` that the child alone sees (``tests.confined``).

The injected ``OSError`` of ``test_disk_full`` stops at the first failing call; a disk that is really
full keeps failing, also when a half-written zip or a SQLite journal is closed or removed afterwards.
An xlsx export then prints the German message and no traceback (not even from the garbage collector);
a backup is complete or not there at all – no temporary file, no ``-journal``, ``-wal`` or ``-shm``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gera_desktop.persistence.opening import open_database
from gera_desktop.resources import demo_data
from gera_desktop.services.demo import load_demo
from tests.confined import run_commands, small_disks_prefix
from tests.faults.killing import child_env

PAGE = 4096
BACKUP_ROOM = [0.1, 0.5, 0.9, 1.0, 1.05, 1.1, 1.15, 1.25, 1.5]
"""Room on the disk for a backup, as a share of the database's size: too little up to a good deal more."""


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "massnahmen.sqlite"
    db = open_database(f"sqlite:///{path}")
    load_demo(db, demo_data(), user="test")
    db.dispose()
    return path


def disks(tmp_path: Path, sizes: list[int]) -> dict[Path, int]:
    """One empty folder per size, to mount a disk of that size on."""
    folders = {}
    for number, size in enumerate(sizes):
        folder = tmp_path / f"platte-{number}"
        folder.mkdir()
        folders[folder] = size
    return folders


def on_small_disks(folders: dict[Path, int]) -> list[str]:
    prefix = small_disks_prefix(folders)
    if prefix is None:
        pytest.skip("kein kleiner Datenträger möglich (unshare --user --mount mit tmpfs)")
    return prefix


@pytest.mark.parametrize("size", [1 * PAGE, 2 * PAGE])
def test_an_xlsx_export_onto_a_full_disk_says_so_in_german(size: int, db_file: Path, tmp_path: Path) -> None:
    folders = disks(tmp_path, [size])
    (folder,) = folders
    anlage = ["--layout", "anlage", "--drucksache", "82/2019"]
    commands = [
        ["export", str(folder / "liste.xlsx"), "--db", str(db_file)],
        ["export", str(folder / "anlage.xlsx"), *anlage, "--db", str(db_file)],
    ]

    run = run_commands(on_small_disks(folders), commands, child_env(tmp_path / "kind"), tuple(folders))

    for outcome in run.outcomes:
        assert outcome.code == 1, outcome
        assert outcome.err.startswith("Fehler: Die Datei „")
        assert "Auf dem Datenträger ist nicht genug Platz." in outcome.err
        assert "Traceback" not in outcome.err
        assert "Exception ignored" not in outcome.err
    assert run.listing == {str(folder): []}


def test_a_backup_onto_a_full_disk_is_complete_or_not_there(db_file: Path, tmp_path: Path) -> None:
    size = db_file.stat().st_size
    folders = disks(tmp_path, [max(PAGE, int(size * room) // PAGE * PAGE) for room in BACKUP_ROOM])
    commands = [["backup", str(folder / "kopie.sqlite"), "--db", str(db_file)] for folder in folders]

    run = run_commands(on_small_disks(folders), commands, child_env(tmp_path / "kind"), tuple(folders))

    failed = 0
    for folder, outcome in zip(folders, run.outcomes, strict=True):
        if outcome.code == 0:
            assert run.listing[str(folder)] == ["kopie.sqlite"], outcome
            continue
        failed += 1
        assert outcome.code == 1, outcome
        assert outcome.err.startswith("Fehler: Die Sicherung ")
        assert "kein Speicherplatz mehr frei" in outcome.err, outcome.err
        assert run.listing[str(folder)] == [], outcome.err
    assert 0 < failed < len(BACKUP_ROOM)
