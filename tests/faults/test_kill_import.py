"""An import killed (SIGKILL) at random moments leaves the database sound and as before or as after.

``gera-desktop import`` of a workbook with thousands of measures runs in a child process that is killed
again and again: at random moments over the whole run, and as soon as the database's ``-wal`` has grown to
a random size (inside the write transaction). After every kill the file is opened as the program opens it,
passes ``integrity_check`` and ``foreign_key_check``, and its content equals exactly the state before the
import or the state after one uninterrupted import (time stamps compared by rank, see ``database_state``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gera_desktop.persistence.backup_store import list_backups
from gera_desktop.persistence.integrity import check_database, quick_check_file
from gera_desktop.persistence.opening import open_database
from tests.faults.conftest import (
    WAL_HEADER,
    ImportedStates,
    assert_sound,
    copy_database,
    sqlite_state,
    sqlite_url,
    state_name,
    wal_size,
)
from tests.faults.killing import (
    Outcome,
    child_backup_dir,
    child_env,
    file_size,
    gera,
    kill_plan,
    run_and_kill,
    summary,
)

TIMED_KILLS = 6
TRIGGERED_KILLS = 6
SEED = 20_240_630


def assert_opens_as_usual(path: Path) -> None:
    """The next start of the program opens the file for writing and finds it in order."""
    db = open_database(sqlite_url(path))
    try:
        assert not db.read_only, db.read_only_reason
        report = check_database(db)
        assert report.ok, report.lines()
    finally:
        db.dispose()


def assert_no_half_backup(folder: Path, db_file: Path) -> None:
    """Every backup the program lists is a complete, intact database."""
    for info in list_backups(folder, db_file):
        assert quick_check_file(info.path) == [], info.path


@pytest.mark.slow
def test_an_import_killed_at_random_moments_leaves_the_state_before_or_after(
    imported: ImportedStates, big_workbook: Path, tmp_path: Path
) -> None:
    states = {
        "vorher": sqlite_state(imported.before, ignore_times=True),
        "nachher": sqlite_state(imported.after, ignore_times=True),
    }
    assert states["vorher"] != states["nachher"]
    db = tmp_path / "massnahmen.sqlite"
    child = tmp_path / "kind"
    env = child_env(child)
    command = gera("import", big_workbook, "--db", db)
    outcomes = []

    for kill in kill_plan(imported.reference, timed=TIMED_KILLS, triggered=TRIGGERED_KILLS, seed=SEED):
        copy_database(imported.before, db)
        killed = run_and_kill(command, env, kill, file_size(db.with_name(db.name + "-wal")))
        frames_left = wal_size(db) > WAL_HEADER
        assert_opens_as_usual(db)
        assert_sound(db)
        state = state_name(sqlite_state(db, ignore_times=True), states)
        assert_no_half_backup(child_backup_dir(child), db)
        outcomes.append(Outcome(kill, killed, state, frames_left and state == "vorher"))

    assert any(o.interrupted_write for o in outcomes), "kein Kill traf den Schreibvorgang:\n" + summary(
        outcomes
    )
