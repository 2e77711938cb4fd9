"""An export killed (SIGKILL) at random moments leaves the previous file or a complete new one.

``gera-desktop export TARGET.xlsx`` of thousands of measures runs in a child process while an older,
valid TARGET.xlsx is in place. The child is killed at random moments and as soon as its temporary file
next to the target has grown to a random size (inside the save). Afterwards TARGET is byte for byte the
old file, or a new file that openpyxl opens and that holds every measure and every milestone, and
nothing but recognisably named temporary files (``.Maßnahmenliste.xlsx.k3j4h5q8.tmp``) is left next to
it; the next export removes those once they are an hour old. (openpyxl's own row buffers of a killed
export stay in the system's temporary folder, ``TMPDIR``/``%TEMP%``, which the system clears.)
"""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from gera_desktop.excel.columns import SHEET_MASSNAHMEN, SHEET_MEILENSTEINE
from gera_desktop.excel.liste import write_liste
from gera_desktop.excel.writing import STALE_TEMP_SECONDS, TEMP_SUFFIX, temp_files
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.massnahmen import MassnahmenService
from tests.faults.conftest import ImportedStates, copy_database, sqlite_url
from tests.faults.killing import (
    Outcome,
    child_env,
    gera,
    kill_plan,
    largest_match,
    run_and_kill,
    run_to_end,
    summary,
    watch,
)

TIMED_KILLS = 5
TRIGGERED_KILLS = 5
SEED = 7_2024


def stored_numbers(path: Path) -> tuple[list[str], int]:
    """The measures' numbers in the database and how many milestones they have."""
    db = open_database(sqlite_url(path))
    try:
        records = MassnahmenService(db).list()
    finally:
        db.dispose()
    return sorted(r.nr for r in records), sum(len(r.meilensteine) for r in records)


def sheet_column(path: Path, title: str, header: str) -> list[str]:
    """The values below ``header`` on sheet ``title``, read with openpyxl."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = workbook[title].iter_rows(values_only=True)
        for row in rows:
            if header in row:
                index = row.index(header)
                return [str(r[index]) for r in rows if len(r) > index and r[index] is not None]
        raise AssertionError(f"{title}: keine Spalte {header}")
    finally:
        workbook.close()


def assert_complete(path: Path, numbers: list[str], milestones: int) -> None:
    """``path`` opens with openpyxl and holds every measure and every milestone."""
    nr = SHEET_MASSNAHMEN.column("nr").header
    assert sorted(sheet_column(path, SHEET_MASSNAHMEN.title, nr)) == numbers
    assert (
        len(sheet_column(path, SHEET_MEILENSTEINE.title, SHEET_MEILENSTEINE.column("nr").header))
        == milestones
    )


@pytest.mark.slow
def test_an_export_killed_at_random_moments_leaves_the_old_file_or_a_complete_new_one(
    imported: ImportedStates, tmp_path: Path
) -> None:
    db = copy_database(imported.after, tmp_path / "massnahmen.sqlite")
    numbers, milestones = stored_numbers(db)
    target = tmp_path / "ablage" / "Maßnahmenliste.xlsx"
    _write_old_export(copy_database(imported.before, tmp_path / "alt.sqlite"), target)
    old = target.read_bytes()
    env = child_env(tmp_path / "kind")
    command = gera("export", target, "--db", db)
    temp = largest_match(target.parent, f".{target.name}.*{TEMP_SUFFIX}")
    reference = watch(command, env, temp)
    assert_complete(target, numbers, milestones)
    outcomes = []

    for kill in kill_plan(reference, timed=TIMED_KILLS, triggered=TRIGGERED_KILLS, seed=SEED):
        target.write_bytes(old)
        known = temp_files(target)
        killed = run_and_kill(command, env, kill, temp)
        state = "alt" if target.read_bytes() == old else "neu"
        if state == "neu":
            assert_complete(target, numbers, milestones)
        assert set(target.parent.iterdir()) == {target, *temp_files(target)}
        saving = any(p.stat().st_size > 0 for p in temp_files(target) if p not in known)
        outcomes.append(Outcome(kill, killed, state, interrupted_write=saving))

    assert any(o.interrupted_write for o in outcomes), "kein Kill traf das Speichern:\n" + summary(outcomes)
    assert_next_export_removes_old_leftovers(command, env, target)
    assert_complete(target, numbers, milestones)


def assert_next_export_removes_old_leftovers(command: list[str], env: dict[str, str], target: Path) -> None:
    """Temporary files of killed exports go with the next export once they are an hour old; younger
    ones could belong to an export running right now and stay."""
    leftovers = temp_files(target)
    assert leftovers
    aged, recent = leftovers[::2], leftovers[1::2]
    an_hour_ago = time.time() - STALE_TEMP_SECONDS - 60
    for path in aged:
        os.utime(path, (an_hour_ago, an_hour_ago))

    run_to_end(command, env)

    assert temp_files(target) == recent


def _write_old_export(db_file: Path, target: Path) -> None:
    target.parent.mkdir()
    db = open_database(sqlite_url(db_file))
    try:
        write_liste(target, MassnahmenService(db).list(), date(2024, 6, 30))
    finally:
        db.dispose()
