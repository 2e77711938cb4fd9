"""A migration killed (SIGKILL) at random moments leaves the database sound and at the old or the new
schema, with the old or the migrated data: never half migrated.

The program ships one revision, so the test plays a later program version: a copy of the shipped
migrations plus a revision ``0002`` that rebuilds the measures table and rewrites data in two tables
(``TRANSFORMING_STEP``). The child is the real command line (``gera-desktop check``, which opens the
database through ``open_database`` and so migrates it) started through a two-line wrapper that points
``migrate.SCRIPT_LOCATION`` at that copy. The database is a file of the current schema with thousands of
measures, made by the big import.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gera_desktop.persistence import migrate
from gera_desktop.persistence.opening import open_database
from tests.faults.conftest import (
    TRANSFORMING_STEP,
    WAL_HEADER,
    ImportedStates,
    assert_sound,
    copy_database,
    migrations_with_steps,
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
    kill_plan,
    run_and_kill,
    summary,
    watch,
)
from tests.faults.test_kill_import import assert_no_half_backup

TIMED_KILLS = 5
TRIGGERED_KILLS = 5
SEED = 2_002
MIGRATIONS_ENV = "GERA_TEST_MIGRATIONS"
NEWER_PROGRAM = (
    "import os, sys; from pathlib import Path; from gera_desktop.persistence import migrate; "
    f"migrate.SCRIPT_LOCATION = Path(os.environ['{MIGRATIONS_ENV}']); "
    "from gera_desktop.__main__ import main; sys.exit(main(sys.argv[1:]))"
)
"""``python -c`` wrapper: the real ``main(argv)`` of a program that ships the test's migrations."""


def newer_program(*args: str | Path) -> list[str]:
    """The command line of the program version with revision ``0002``."""
    return [sys.executable, "-c", NEWER_PROGRAM, *map(str, args)]


@pytest.mark.slow
def test_a_migration_killed_at_random_moments_leaves_the_old_or_the_new_schema(
    imported: ImportedStates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripts = migrations_with_steps(tmp_path / "migrations", TRANSFORMING_STEP)
    db = tmp_path / "massnahmen.sqlite"
    child = tmp_path / "kind"
    env = child_env(child) | {MIGRATIONS_ENV: str(scripts)}
    command = newer_program("check", "--db", db)
    wal = file_size(db.with_name(db.name + "-wal"))
    copy_database(imported.after, db)
    reference = watch(command, env, wal)
    states = {"alt": sqlite_state(imported.after), "umgestellt": sqlite_state(db)}
    assert "notiz" in states["umgestellt"].tables["massnahme"][0]
    monkeypatch.setattr(migrate, "SCRIPT_LOCATION", scripts)
    outcomes = []

    for kill in kill_plan(reference, timed=TIMED_KILLS, triggered=TRIGGERED_KILLS, seed=SEED):
        copy_database(imported.after, db)
        killed = run_and_kill(command, env, kill, wal)
        frames_left = wal_size(db) > WAL_HEADER
        assert_sound(db)
        state = state_name(sqlite_state(db), states)
        assert_no_half_backup(child_backup_dir(child), db)
        assert_migrates_on_the_next_start(db, states["umgestellt"])
        outcomes.append(Outcome(kill, killed, state, frames_left and state == "alt"))

    assert any(o.interrupted_write for o in outcomes), "kein Kill traf die Umstellung:\n" + summary(outcomes)


def assert_migrates_on_the_next_start(path: Path, migrated: object) -> None:
    """The next start of the newer program opens the file for writing, migrated if it was not yet."""
    db = open_database(sqlite_url(path))
    try:
        assert not db.read_only, db.read_only_reason
    finally:
        db.dispose()
    assert sqlite_state(path) == migrated
