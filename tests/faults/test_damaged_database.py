"""A database with flipped bytes in a table page: detected at start, opened read-only with the newest good
backup offered, never modified (bytes and modification time), and repaired by restoring that backup.

The file has backups: the automatic one before its first import (empty), a good manual one with every
measure, and a newer one that is itself damaged (so "newest good" must skip it).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.generate import generate
from gera_desktop import config
from gera_desktop.__main__ import main
from gera_desktop.domain.errors import DatabaseError
from gera_desktop.persistence.backup_store import list_backups
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.integrity import check_database
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.massnahmen import MassnahmenService
from tests.faults.conftest import DatabaseState, assert_sound, sqlite_state, sqlite_url

FLIPPED_BYTES = 64
TABLE_PAGES = [
    pytest.param(("massnahme", "root"), id="Massnahmen-Wurzelseite"),
    pytest.param(("meilenstein", "leaf"), id="Meilensteine-Blattseite"),
    pytest.param(("aenderung", "leaf"), id="Protokoll-Blattseite"),
]


def flip_bytes(path: Path, table: str, kind: str) -> None:
    """Invert the first bytes of a page of ``table`` (its root, or a leaf from the middle), as a failing
    disk would: the page header and the cell pointers."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
        query = "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno"
        if kind == "root":
            query = "SELECT rootpage FROM sqlite_master WHERE name = ?"
        pages = [int(row[0]) for row in connection.execute(query, (table,))]
    finally:
        connection.close()
    data = bytearray(path.read_bytes())
    start = (pages[len(pages) // 2] - 1) * page_size
    data[start : start + FLIPPED_BYTES] = bytes(b ^ 0xFF for b in data[start : start + FLIPPED_BYTES])
    path.write_bytes(bytes(data))


@dataclass(frozen=True)
class Damaged:
    """The damaged database and its backups."""

    file: Path
    good_backup: Path
    good_state: DatabaseState
    damaged_backup: Path

    def stamp(self) -> tuple[bytes, int, list[str]]:
        """Bytes and modification time of the file, and what lies next to it."""
        return self.file.read_bytes(), self.file.stat().st_mtime_ns, sorted(p.name for p in self.folder())

    def folder(self) -> list[Path]:
        return list(self.file.parent.iterdir())


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("lieferung") / "liste.xlsx", 120, seed=3)


@pytest.fixture(params=TABLE_PAGES)
def damaged(
    request: pytest.FixtureRequest, workbook: Path, tmp_path: Path, user_dirs: config.Paths
) -> Damaged:
    db_file = tmp_path / "daten" / "massnahmen.sqlite"
    assert main(["import", str(workbook), "--db", str(db_file)]) == 0
    assert main(["backup", "--db", str(db_file)]) == 0
    assert main(["backup", "--db", str(db_file)]) == 0
    newest, good, _before_import = list_backups(user_dirs.backup_dir, db_file)
    flip_bytes(newest.path, "massnahme", "root")
    table, kind = request.param
    flip_bytes(db_file, table, kind)
    return Damaged(db_file, good.path, sqlite_state(good.path), newest.path)


def test_a_damaged_database_is_opened_read_only_with_the_newest_good_backup(damaged: Damaged) -> None:
    before = damaged.stamp()

    db = open_database(sqlite_url(damaged.file))
    reason = db.read_only_reason or ""
    report = check_database(db)
    problem = _read_the_list(db)
    db.dispose()

    assert db.read_only
    assert "beschädigt" in reason
    assert damaged.good_backup.name in reason
    assert damaged.damaged_backup.name not in reason
    assert not report.ok
    assert problem is None or "beschädigt" in problem
    assert damaged.stamp() == before


def _read_the_list(db: Database) -> str | None:
    """Read every measure as the list view does; ``None`` if it worked, else our German message."""
    try:
        MassnahmenService(db).list()
    except DatabaseError as error:
        return error.message
    return None


def test_check_reports_the_damage_and_changes_nothing(
    damaged: Damaged, capsys: pytest.CaptureFixture[str]
) -> None:
    before = damaged.stamp()

    code = main(["check", "--db", str(damaged.file)])

    out, err = capsys.readouterr()
    assert code == 1
    assert "Zustand: NICHT in Ordnung" in out
    assert damaged.good_backup.name in err
    assert "Traceback" not in out + err
    assert damaged.stamp() == before


@pytest.mark.parametrize(
    ("command", "writes"),
    [
        pytest.param(["export", "{folder}/alle.json"], False, id="export"),
        pytest.param(["import", "{workbook}", "--dry-run"], False, id="import-probelauf"),
        pytest.param(["import", "{workbook}"], True, id="import"),
        pytest.param(["backup", "{folder}/kopie.sqlite"], True, id="backup"),
    ],
)
def test_other_commands_on_a_damaged_database_change_nothing_and_speak_german(
    command: list[str],
    writes: bool,
    damaged: Damaged,
    workbook: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What needs only intact pages may still be read (an export rescues the data); everything else,
    and every write, is refused with a German message."""
    before = damaged.stamp()
    argv = [part.format(folder=tmp_path, workbook=workbook) for part in command]

    code = main([*argv, "--db", str(damaged.file)])

    err = capsys.readouterr().err
    assert code == 1 if writes else code in (0, 1)
    if code == 1:
        assert err.startswith("Fehler: ")
        assert "beschädigt" in err or "fehlerhaft" in err
    assert "Traceback" not in err
    assert damaged.stamp() == before
    assert not (tmp_path / "kopie.sqlite").exists()


def test_restoring_the_newest_good_backup_repairs_the_database(
    damaged: Damaged, capsys: pytest.CaptureFixture[str], user_dirs: config.Paths
) -> None:
    damaged_bytes = damaged.file.read_bytes()

    code = main(["restore", damaged.good_backup.name, "--db", str(damaged.file)])

    assert code == 0, capsys.readouterr().err
    assert_sound(damaged.file)
    assert sqlite_state(damaged.file) == damaged.good_state
    db = open_database(sqlite_url(damaged.file))
    assert not db.read_only
    assert len(MassnahmenService(db).list()) == 120
    db.dispose()
    kept = [b for b in list_backups(user_dirs.backup_dir, damaged.file) if "beschaedigt" in b.reason]
    assert [b.path.read_bytes() for b in kept] == [damaged_bytes]
