"""A full disk or an I/O error at each write step of import, export and backup, injected in turn.

Every case goes through the command line (``main(argv)``): the user gets a German message and exit code
1, never a traceback; the database keeps exactly its state (canonical dump), an existing export target
keeps its bytes, and no half-written backup is listed or left in the backup folder. Besides the injected
``OSError`` there is a real one: SQLite's ``max_page_count`` lets the database file grow only so far, so
the import runs into SQLite's own "database or disk is full" at different points of its transaction.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest
from openpyxl.workbook.workbook import Workbook
from sqlalchemy import event
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

from benchmarks.generate import generate
from gera_desktop import config
from gera_desktop.__main__ import main
from gera_desktop.excel import liste
from gera_desktop.persistence import backup
from gera_desktop.persistence.backup_store import list_backups
from gera_desktop.persistence.integrity import quick_check_file
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.import_errors import ImportWriteError
from gera_desktop.services.import_write import ImportWriter
from gera_desktop.services.importer import ImportService
from tests.faults.conftest import assert_sound, database_state, sqlite_state, sqlite_url

Hits = list[str]


def disk_full(*_args: Any, **_kwargs: Any) -> OSError:
    """The error the operating system raises when the disk is full."""
    return OSError(errno.ENOSPC, "No space left on device")


def io_error(*_args: Any, **_kwargs: Any) -> OSError:
    """The error of a failing disk."""
    return OSError(errno.EIO, "Input/output error")


def sqlite_full(*_args: Any, **_kwargs: Any) -> sqlite3.OperationalError:
    """What SQLite raises when it cannot write for lack of space (``SQLITE_FULL``)."""
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = sqlite3.SQLITE_FULL
    return error


def inject(
    monkeypatch: pytest.MonkeyPatch,
    owner: object,
    name: str,
    error: Callable[..., Exception],
    *,
    after: bool = False,
    armed_by: Hits | None = None,
) -> Hits:
    """Make ``owner.name`` raise ``error(...)``; with ``after`` only once the real step has run (half
    done, as a disk fills up in the middle of a step); with ``armed_by`` only once that list has a hit.
    Returns the list of hits (the fault was reached)."""
    real = getattr(owner, name)
    hits: Hits = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        if armed_by is not None and not armed_by:
            return real(*args, **kwargs)
        hits.append(name)
        if after:
            real(*args, **kwargs)
        raise error(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)
    return hits


def calls_of(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> Hits:
    """Record the calls of ``owner.name`` (which still does its work)."""
    real = getattr(owner, name)
    calls: Hits = []

    def recorded(*args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return calls


def inject_into_import(
    monkeypatch: pytest.MonkeyPatch, owner: object, step: str, error: Callable[..., Exception]
) -> Hits:
    """A fault at an import step: the commit fails only for the import's own write transaction (not
    for the transaction in which the program checks the schema at start); every other step half done."""
    if step == "do_commit":
        return inject(monkeypatch, owner, step, error, armed_by=calls_of(monkeypatch, ImportWriter, "write"))
    return inject(monkeypatch, owner, step, error, after=True)


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str]:
    """``main(argv)``: the exit code and what went to standard error."""
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().err


def assert_refused_in_german(code: int, err: str, *phrases: str) -> None:
    """Exit code 1 and one German message: no traceback, no English text of the operating system."""
    assert code == 1, err
    assert err.startswith("Fehler: "), err
    assert "Traceback" not in err
    assert "No space left" not in err
    assert "Input/output" not in err
    for phrase in phrases:
        assert phrase in err


def assert_no_half_backup_left(folder: Path, db_file: Path, listed_before: list[Path]) -> None:
    """The backups listed are the ones before, plus only complete ones; no stray file in the folder."""
    listed = [info.path for info in list_backups(folder, db_file)]
    for path in set(listed) - set(listed_before):
        assert quick_check_file(path) == []
    stray = [p for p in folder.iterdir() if p not in listed] if folder.exists() else []
    assert stray == []


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A first delivery (30 measures) and a second one that changes them and adds 30 more."""
    folder = tmp_path_factory.mktemp("lieferungen")
    return generate(folder / "erste.xlsx", 30, seed=2), generate(folder / "zweite.xlsx", 60, seed=1)


@pytest.fixture
def db_file(tmp_path: Path, workbooks: tuple[Path, Path]) -> Path:
    """A database with the first delivery imported (and so one backup listed)."""
    path = tmp_path / "massnahmen.sqlite"
    assert main(["import", str(workbooks[0]), "--db", str(path)]) == 0
    return path


@pytest.fixture
def backup_dir(user_dirs: config.Paths) -> Path:
    return user_dirs.backup_dir


# --- import ------------------------------------------------------------------------------------------

IMPORT_STEPS = [
    pytest.param(backup, "_copy_live_database", disk_full, id="Sicherung-vorher"),
    pytest.param(ImportWriter, "insert_measures", disk_full, id="neue-Massnahmen"),
    pytest.param(ImportWriter, "insert_children", disk_full, id="Meilensteine-Finanzen"),
    pytest.param(ImportWriter, "update_measures", disk_full, id="geaenderte-Massnahmen"),
    pytest.param(ImportWriter, "upsert_children", io_error, id="geaenderte-Unterzeilen"),
    pytest.param(ImportWriter, "insert_audit", disk_full, id="Aenderungsprotokoll"),
    pytest.param(SQLiteDialect_pysqlite, "do_commit", sqlite_full, id="Commit"),
]


@pytest.mark.parametrize(("owner", "step", "error"), IMPORT_STEPS)
def test_a_disk_failing_at_an_import_step_leaves_the_database_unchanged(
    owner: object,
    step: str,
    error: Callable[..., Exception],
    db_file: Path,
    workbooks: tuple[Path, Path],
    backup_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = sqlite_state(db_file)
    listed = [info.path for info in list_backups(backup_dir, db_file)]
    hits = inject_into_import(monkeypatch, owner, step, error)

    code, err = run(capsys, "import", workbooks[1], "--db", db_file)

    assert hits
    assert_refused_in_german(code, err, "nicht gespeichert", "unverändert")
    assert sqlite_state(db_file) == before
    assert_sound(db_file)
    assert_no_half_backup_left(backup_dir, db_file, listed)


def pg_disk_full(*_args: Any, **_kwargs: Any) -> psycopg.errors.DiskFull:
    """What the PostgreSQL server answers when its disk is full (SQLSTATE 53100)."""
    return psycopg.errors.DiskFull("could not extend file: No space left on device")


PG_IMPORT_STEPS = [
    pytest.param(ImportWriter, "insert_measures", disk_full, id="neue-Massnahmen"),
    pytest.param(ImportWriter, "upsert_children", io_error, id="geaenderte-Unterzeilen"),
    pytest.param(ImportWriter, "insert_audit", disk_full, id="Aenderungsprotokoll"),
    pytest.param(PGDialect_psycopg, "do_commit", pg_disk_full, id="Commit"),
]


@pytest.mark.postgres
@pytest.mark.parametrize(("owner", "step", "error"), PG_IMPORT_STEPS)
def test_a_failing_import_step_on_postgresql_leaves_the_database_unchanged(
    owner: object,
    step: str,
    error: Callable[..., Exception],
    postgres_url: str,
    workbooks: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["import", str(workbooks[0]), "--db", postgres_url]) == 0
    before = database_state(postgres_url)
    hits = inject_into_import(monkeypatch, owner, step, error)

    code, err = run(capsys, "import", workbooks[1], "--db", postgres_url)

    assert hits
    assert_refused_in_german(code, err, "nicht gespeichert", "unverändert")
    assert database_state(postgres_url) == before


@pytest.mark.parametrize("filled", [0.0, 0.3, 0.7, 0.95])
def test_an_import_that_fills_the_disk_leaves_the_database_unchanged(
    filled: float, db_file: Path, workbooks: tuple[Path, Path], tmp_path: Path
) -> None:
    growth = _pages_the_import_adds(db_file, workbooks[1], tmp_path / "probe.sqlite")
    before = sqlite_state(db_file)
    db = open_database(sqlite_url(db_file))
    limit = _page_count(db_file) + int(growth * filled)
    event.listen(
        db.engine, "connect", lambda connection, _: connection.execute(f"PRAGMA max_page_count={limit}")
    )

    with pytest.raises(ImportWriteError) as raised:
        ImportService(db).run(workbooks[1])

    db.dispose()
    assert "Speicherplatz" in raised.value.message
    assert "unverändert" in raised.value.message
    assert sqlite_state(db_file) == before
    assert_sound(db_file)


def _page_count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("PRAGMA page_count").fetchone()[0])


def _pages_the_import_adds(db_file: Path, workbook: Path, probe: Path) -> int:
    probe.write_bytes(db_file.read_bytes())
    pages = _page_count(probe)
    db = open_database(sqlite_url(probe))
    ImportService(db).run(workbook)
    db.dispose()
    growth = _page_count(probe) - pages
    assert growth > 10
    return growth


# --- export ------------------------------------------------------------------------------------------


def _half_a_workbook(_workbook: Workbook, path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 halb geschrieben")


EXPORT_STEPS = [
    pytest.param(tempfile, "mkstemp", disk_full, False, id="Zwischendatei-anlegen"),
    pytest.param(liste, "save_workbook", disk_full, "half", id="Zwischendatei-schreiben"),
    pytest.param(os, "fsync", disk_full, True, id="fsync"),
    pytest.param(os, "replace", disk_full, False, id="ersetzen"),
]


@pytest.mark.parametrize(("owner", "step", "error", "after"), EXPORT_STEPS)
def test_a_disk_failing_at_an_export_step_keeps_the_old_file(
    owner: object,
    step: str,
    error: Callable[..., Exception],
    after: bool | str,
    db_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "ablage" / "Maßnahmenliste.xlsx"
    target.parent.mkdir()
    assert main(["export", str(target), "--db", str(db_file)]) == 0
    old = target.read_bytes()
    capsys.readouterr()
    if after == "half":
        monkeypatch.setattr(liste, "save_workbook", _half_a_workbook)
    hits = inject(monkeypatch, owner, step, error, after=bool(after))

    code, err = run(capsys, "export", target, "--db", db_file)

    assert hits
    assert_refused_in_german(code, err, "nicht genug Platz", "unverändert")
    assert target.read_bytes() == old
    assert list(target.parent.iterdir()) == [target]


# --- backup ------------------------------------------------------------------------------------------

BACKUP_STEPS = [
    pytest.param(backup, "_copy_live_database", disk_full, id="kopieren"),
    pytest.param(backup, "_verify_copy", io_error, id="pruefen"),
    pytest.param(os, "fsync", disk_full, id="fsync"),
    pytest.param(os, "replace", disk_full, id="verschieben"),
]


@pytest.mark.parametrize(("owner", "step", "error"), BACKUP_STEPS)
@pytest.mark.parametrize("destination", ["Sicherungsordner", "Datei"])
def test_a_disk_failing_at_a_backup_step_lists_no_half_backup(
    owner: object,
    step: str,
    error: Callable[..., Exception],
    destination: str,
    db_file: Path,
    backup_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = sqlite_state(db_file)
    listed = [info.path for info in list_backups(backup_dir, db_file)]
    dest = [] if destination == "Sicherungsordner" else [tmp_path / "usb" / "sicherung.sqlite"]
    hits = inject(monkeypatch, owner, step, error, after=step != "replace")

    code, err = run(capsys, "backup", *dest, "--db", db_file)

    assert hits
    assert_refused_in_german(code, err, "Sicherung")
    assert sqlite_state(db_file) == before
    assert_no_half_backup_left(backup_dir, db_file, listed)
    if dest:
        assert list(dest[0].parent.iterdir()) == []
