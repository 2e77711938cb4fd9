"""An import killed (SIGKILL) at random moments leaves the database sound and as before or as after.

``gera-desktop import`` of a workbook with thousands of measures runs in a child process that is killed
again and again: at random moments over the whole run, and as soon as the database's ``-wal`` has grown to
a random size (inside the write transaction). After every kill the file is opened as the program opens it,
passes ``integrity_check`` and ``foreign_key_check``, and its content equals exactly the state before the
import or the state after one uninterrupted import (time stamps compared by rank, see ``database_state``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from gera_desktop.persistence.backup_store import list_backups
from gera_desktop.persistence.integrity import check_database, quick_check_file
from gera_desktop.persistence.opening import open_database
from tests.conftest import POSTGRES_ENV
from tests.faults.conftest import (
    WAL_HEADER,
    ImportedStates,
    assert_sound,
    copy_database,
    database_state,
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
    run_to_end,
    summary,
    watch,
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

    assert any(o.interrupted_write for o in outcomes), (
        f"kein Kill traf den Schreibvorgang:\n{summary(outcomes)}"
    )


# --- PostgreSQL: the server rolls back the transaction of a client that died --------------------------

PG_TIMED_KILLS = 3
PG_TRIGGERED_KILLS = 3


class Copies:
    """Fresh databases on the test server, each a copy of a template database (``CREATE … TEMPLATE``)."""

    def __init__(self, template_url: str) -> None:
        self.template = make_url(template_url)
        admin_url = os.environ[POSTGRES_ENV]
        self.admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.name = f"{self.template.database}_kopie"

    def fresh(self) -> str:
        """Drop the previous copy (ending the sessions of killed clients) and make a new one."""
        self.drop()
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.template.database}"'))
        return self.template.set(database=self.name).render_as_string(hide_password=False)

    def drop(self) -> None:
        """Drop the copy, ending the sessions still attached to it (a killed client's, the probe's)."""
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))


class TableBytes:
    """A probe: how many bytes the tables of a database have grown by, uncommitted rows included
    (PostgreSQL extends a table's files as rows are written, before the commit)."""

    QUERY = text(
        "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
        "WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace"
    )

    def __init__(self, url: str, start: int = 0) -> None:
        self.engine = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=1)
        self.start = start

    def __call__(self) -> int:
        with self.engine.connect() as connection:
            return max(0, int(connection.execute(self.QUERY).scalar_one() or 0) - self.start)

    def close(self) -> None:
        self.engine.dispose()


@pytest.mark.slow
@pytest.mark.postgres
def test_an_import_killed_on_postgresql_leaves_the_state_before_or_after(
    postgres_url: str, small_workbook: Path, big_workbook: Path, tmp_path: Path
) -> None:
    env = child_env(tmp_path / "kind")
    run_to_end(gera("import", small_workbook, "--db", postgres_url), env)
    copies = Copies(postgres_url)
    try:
        url = copies.fresh()
        probe = TableBytes(url)
        start = probe()
        probe.start = start
        reference = watch(gera("import", big_workbook, "--db", url), env, probe)
        probe.close()
        states = {
            "vorher": database_state(postgres_url, ignore_times=True),
            "nachher": database_state(url, ignore_times=True),
        }
        outcomes = []
        for kill in kill_plan(reference, timed=PG_TIMED_KILLS, triggered=PG_TRIGGERED_KILLS, seed=SEED):
            url = copies.fresh()
            probe = TableBytes(url, start)
            killed = run_and_kill(gera("import", big_workbook, "--db", url), env, kill, probe)
            written = probe() > 0
            probe.close()
            state = state_name(database_state(url, ignore_times=True), states)
            open_database(url).dispose()
            outcomes.append(Outcome(kill, killed, state, written and state == "vorher"))
    finally:
        copies.drop()
    assert any(o.interrupted_write for o in outcomes), (
        f"kein Kill traf den Schreibvorgang:\n{summary(outcomes)}"
    )
