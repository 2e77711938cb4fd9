"""Migrations that fail, and schemas left half migrated, through the command line (``main(argv)``).

A later program version is played by a copy of the shipped migrations with test revisions on top
(``migrations_with_steps``), pointed to by ``migrate.SCRIPT_LOCATION``. A failing step leaves the file
byte for byte as it was, or, when the step committed behind Alembic's back, restores it from the backup
taken before. A schema that is half migrated or unknown is refused with a German message (exit code 1)
by every command, and the file is not touched.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from benchmarks.generate import generate
from gera_desktop import config
from gera_desktop.__main__ import main
from gera_desktop.persistence import migrate
from gera_desktop.persistence.backup_store import list_backups
from gera_desktop.persistence.integrity import quick_check_file
from gera_desktop.persistence.sqlite_files import side_files
from tests.faults.conftest import TRANSFORMING_STEP, assert_sound, migrations_with_steps, sqlite_state

FAILING_STEP = """    op.execute("UPDATE massnahme SET titel = 'überschrieben'")
    raise RuntimeError("Schritt 3 ist kaputt")"""
COMMITTING_THEN_FAILING_STEP = """    op.execute("UPDATE massnahme SET titel = 'überschrieben'")
    op.get_bind().connection.driver_connection.execute("COMMIT")
    raise RuntimeError("Schritt 2 ist kaputt")"""
"""A step that commits on the raw connection: Alembic's transaction can no longer undo it."""
ADD_COLUMN_STEP = """    op.add_column("massnahme", sa.Column("notiz", sa.Text(), nullable=True))
    op.execute("UPDATE massnahme SET notiz = titel")"""


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("lieferung") / "liste.xlsx", 80, seed=4)


@pytest.fixture
def db_file(tmp_path: Path, workbook: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database of the shipped schema with 80 measures (closed, without ``-wal``)."""
    path = tmp_path / "daten" / "massnahmen.sqlite"
    assert main(["import", str(workbook), "--db", str(path)]) == 0
    capsys.readouterr()
    return path


def newer_program(monkeypatch: pytest.MonkeyPatch, folder: Path, *steps: str) -> None:
    """From now on this process is a program version that ships ``steps`` as revisions 0002, 0003, …"""
    monkeypatch.setattr(migrate, "SCRIPT_LOCATION", migrations_with_steps(folder, *steps))


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().err


def assert_refused_in_german(code: int, err: str, *phrases: str) -> None:
    assert code == 1, err
    assert err.startswith("Fehler: "), err
    assert "Traceback" not in err
    for phrase in phrases:
        assert phrase in err, err


def revision_of(path: Path) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return [str(row[0]) for row in connection.execute("SELECT version_num FROM alembic_version")]


# --- a failing step ----------------------------------------------------------------------------------


def test_a_failing_step_after_a_good_one_leaves_the_file_byte_identical(
    db_file: Path,
    tmp_path: Path,
    user_dirs: config.Paths,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = db_file.read_bytes()
    newer_program(monkeypatch, tmp_path / "migrations", TRANSFORMING_STEP, FAILING_STEP)

    code, err = run(capsys, "check", "--db", db_file)

    assert_refused_in_german(code, err, "unverändert", "Schritt 3 ist kaputt", "vor-Migration")
    assert db_file.read_bytes() == before
    assert not any(side.exists() for side in side_files(db_file))
    (backup,) = list_backups(user_dirs.backup_dir, db_file)[:1]
    assert backup.reason == "vor-Migration"
    assert quick_check_file(backup.path) == []


def test_a_failing_step_that_committed_is_undone_from_the_backup_taken_before(
    db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before, shipped = sqlite_state(db_file), migrate.head_revision()
    newer_program(monkeypatch, tmp_path / "migrations", COMMITTING_THEN_FAILING_STEP)

    code, err = run(capsys, "check", "--db", db_file)

    assert_refused_in_german(code, err, "unverändert", "Schritt 2 ist kaputt", "vor-Migration")
    assert_sound(db_file)
    assert sqlite_state(db_file) == before
    assert revision_of(db_file) == [shipped]


def test_after_a_failed_migration_the_old_program_still_works(
    db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sqlite_state(db_file)
    with monkeypatch.context() as newer:
        newer_program(newer, tmp_path / "migrations", TRANSFORMING_STEP, FAILING_STEP)
        assert run(capsys, "check", "--db", db_file)[0] == 1

    code = main(["export", str(tmp_path / "alle.json"), "--db", str(db_file)])

    assert code == 0
    assert sqlite_state(db_file) == before


# --- half-migrated and unknown schemas ---------------------------------------------------------------

HALF_MIGRATED = [
    pytest.param("UPDATE alembic_version SET version_num = '0042'", "0042", id="unbekannte-Revision"),
    pytest.param("DROP TABLE beteiligung", "beteiligung", id="Tabelle-fehlt"),
    pytest.param("ALTER TABLE massnahme DROP COLUMN bemerkung", "bemerkung", id="Spalte-fehlt"),
    pytest.param("DROP TABLE alembic_version", "keiner", id="ohne-Revision"),
    pytest.param("INSERT INTO alembic_version VALUES ('0000')", "0000", id="zwei-Revisionen"),
]


def _tamper(path: Path, statement: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(statement)
    connection.close()


@pytest.mark.parametrize(("statement", "named"), HALF_MIGRATED)
@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["check"], id="check"),
        pytest.param(["export", "{folder}/alle.xlsx"], id="export"),
        pytest.param(["import", "{workbook}"], id="import"),
        pytest.param(["backup"], id="backup"),
    ],
)
def test_the_program_refuses_a_half_migrated_schema(
    statement: str,
    named: str,
    command: list[str],
    db_file: Path,
    workbook: Path,
    tmp_path: Path,
    user_dirs: config.Paths,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _tamper(db_file, statement)
    before = db_file.read_bytes()
    backups = list_backups(user_dirs.backup_dir, db_file)
    argv = [part.format(folder=tmp_path, workbook=workbook) for part in command]

    code, err = run(capsys, *argv, "--db", db_file)

    assert_refused_in_german(code, err, named, "nicht verändert")
    assert db_file.read_bytes() == before
    assert list_backups(user_dirs.backup_dir, db_file) == backups
    assert not (tmp_path / "alle.xlsx").exists()


def test_a_half_applied_revision_without_its_stamp_is_not_migrated_twice(
    db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The new column exists but the revision was never recorded: the step fails on it, nothing changes."""
    _tamper(db_file, "ALTER TABLE massnahme ADD COLUMN notiz TEXT")
    before = db_file.read_bytes()
    newer_program(monkeypatch, tmp_path / "migrations", ADD_COLUMN_STEP)

    code, err = run(capsys, "check", "--db", db_file)

    assert_refused_in_german(code, err, "unverändert", "notiz")
    assert db_file.read_bytes() == before
