"""A restore killed (SIGKILL) at random moments leaves the database sound and either as it was or as
the backup: never a mix of pages of both.

``gera-desktop restore BACKUP`` first backs up the current state, then copies the backup into the live
file with SQLite's backup API. The child is killed at random moments and as soon as the live file's
``-wal`` has grown to a random size (inside the copy).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gera_desktop.persistence.opening import open_database
from gera_desktop.services.backup import BackupService
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
    watch,
)
from tests.faults.test_kill_import import assert_no_half_backup, assert_opens_as_usual

TIMED_KILLS = 6
TRIGGERED_KILLS = 6
SEED = 1_704


def backup_of(source: Path, dest: Path) -> Path:
    """A backup made by the program of a copy of ``source``."""
    live = copy_database(source, dest.with_name("zu-sichern.sqlite"))
    db = open_database(sqlite_url(live))
    try:
        return BackupService(db).create(dest).path
    finally:
        db.dispose()


@pytest.mark.slow
def test_a_restore_killed_at_random_moments_leaves_the_old_state_or_the_backup(
    imported: ImportedStates, tmp_path: Path
) -> None:
    backup = backup_of(imported.after, tmp_path / "sicherung.sqlite")
    states = {"vorher": sqlite_state(imported.before), "Sicherung": sqlite_state(backup)}
    db = tmp_path / "massnahmen.sqlite"
    child = tmp_path / "kind"
    env = child_env(child)
    command = gera("restore", backup, "--db", db)
    wal = file_size(db.with_name(db.name + "-wal"))
    copy_database(imported.before, db)
    reference = watch(command, env, wal)
    assert state_name(sqlite_state(db), states) == "Sicherung"
    outcomes = []

    for kill in kill_plan(reference, timed=TIMED_KILLS, triggered=TRIGGERED_KILLS, seed=SEED):
        copy_database(imported.before, db)
        killed = run_and_kill(command, env, kill, wal)
        frames_left = wal_size(db) > WAL_HEADER
        assert_opens_as_usual(db)
        assert_sound(db)
        state = state_name(sqlite_state(db), states)
        assert_no_half_backup(child_backup_dir(child), db)
        outcomes.append(Outcome(kill, killed, state, frames_left and state == "vorher"))

    assert any(o.interrupted_write for o in outcomes), "kein Kill traf das Einspielen:\n" + summary(outcomes)
