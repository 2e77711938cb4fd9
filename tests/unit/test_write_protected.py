"""A database file or folder that may not be written: opened read-only with the reason, reading commands
work, writing ones end with exit code 1 and a German message, and nothing is left next to the file.

The command-line cases run in a child that the file permissions really bind (``tests.confined``); the
program decides by trying to write, so it sees what the operating system says. The in-process cases
stand in for that one decision (``opening.write_problem``) or let SQLite refuse a write by itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import event

from benchmarks.generate import generate
from gera_desktop.domain.errors import DatabaseError, ReadOnlyError, WriteFailedError
from gera_desktop.persistence import opening
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.opening import open_database
from gera_desktop.persistence.read_only import write_problem
from gera_desktop.resources import demo_data
from gera_desktop.services.backup import BackupService
from gera_desktop.services.demo import load_demo
from gera_desktop.services.importer import ImportService
from gera_desktop.services.massnahmen import MassnahmenService
from tests.confined import run_commands, unprivileged_prefix
from tests.faults.killing import child_env

FILE_NAME = "massnahmen.sqlite"


@dataclass(frozen=True)
class Protected:
    """A database with the sample measures, a backup of it, and a workbook that would change it."""

    file: Path
    backup: Path
    workbook: Path
    out: Path

    def stamp(self) -> tuple[str, list[str]]:
        """The file's bytes (as a hash) and what lies in its folder besides backups made on purpose."""
        digest = hashlib.sha256(self.file.read_bytes()).hexdigest()
        backups = f"{self.file.stem}_"
        return digest, sorted(p.name for p in self.file.parent.iterdir() if not p.name.startswith(backups))


@pytest.fixture
def protected(tmp_path: Path) -> Protected:
    folder = tmp_path / "freigabe"
    folder.mkdir()
    db = open_database(f"sqlite:///{folder / FILE_NAME}")
    load_demo(db, demo_data(), user="test")
    backup = BackupService(db, tmp_path / "sicherungen").create().path
    db.dispose()
    out = tmp_path / "ablage"
    out.mkdir()
    return Protected(folder / FILE_NAME, backup, generate(tmp_path / "lieferung.xlsx", 3, seed=4), out)


# --- the real thing: a child bound by file permissions ------------------------------------------------

READING = {
    "check": ["check"],
    "export-xlsx": ["export", "{out}/liste.xlsx"],
    "export-csv": ["export", "{out}/daten.csv"],
    "backup-liste": ["backup", "--liste"],
    "backup": ["backup"],
    "import-probelauf": ["import", "{workbook}", "--dry-run"],
}
WRITING = {
    "demo": ["demo"],
    "import": ["import", "{workbook}"],
    "restore": ["restore", "{backup}"],
}
PROTECTIONS = {
    "Datei": (0o444, 0o755, f"die Datei „{FILE_NAME}“ ist schreibgeschützt"),
    "Ordner": (0o644, 0o555, "dürfen keine Dateien angelegt werden"),
}


@pytest.fixture(scope="module")
def unprivileged() -> list[str]:
    prefix = unprivileged_prefix()
    if prefix is None:
        pytest.skip("kein Kindprozess ohne Schreibrechte möglich (weder Nicht-root noch unshare --user)")
    return prefix


def protect(target: Protected, file_mode: int, folder_mode: int) -> Iterator[None]:
    """Set the permissions for the block; afterwards the files may be tidied up again."""
    target.file.chmod(file_mode)
    target.file.parent.chmod(folder_mode)
    try:
        yield
    finally:
        target.file.parent.chmod(0o755)
        target.file.chmod(0o644)


@pytest.mark.parametrize("kind", list(PROTECTIONS))
def test_commands_on_a_write_protected_database(
    kind: str, protected: Protected, unprivileged: list[str], tmp_path: Path
) -> None:
    file_mode, folder_mode, reason = PROTECTIONS[kind]
    commands = {**READING, **WRITING, "backup-daneben": ["backup", str(protected.file.parent)]}
    argv = [
        [part.format(**vars(protected)) for part in command] + ["--db", str(protected.file)]
        for command in commands.values()
    ]
    before = protected.stamp()

    with contextlib.contextmanager(protect)(protected, file_mode, folder_mode):
        outcomes = run_commands(unprivileged, argv, child_env(tmp_path / "kind")).outcomes
    by_name = dict(zip(commands, outcomes, strict=True))

    assert protected.stamp() == before
    for name in READING:
        assert by_name[name].code == 0, (name, by_name[name])
    assert reason in by_name["check"].err
    assert "nur zum Lesen geöffnet" in by_name["check"].err
    for name in WRITING:
        outcome = by_name[name]
        assert outcome.code == 1, (name, outcome)
        assert outcome.err.startswith(f"Fehler: Die Datenbank „{FILE_NAME}“ kann nicht geändert werden: ")
        assert reason in outcome.err
    beside = by_name["backup-daneben"]
    if kind == "Ordner":
        assert beside.code == 1
        assert "es fehlt die Berechtigung, dort zu schreiben" in beside.err
    else:
        assert beside.code == 0, beside
    assert not [name for name, o in by_name.items() if "Traceback" in o.out + o.err]


def test_no_database_is_created_in_a_protected_folder(unprivileged: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "freigabe"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        (outcome,) = run_commands(
            unprivileged, [["demo", "--db", str(folder / "neu.sqlite")]], child_env(tmp_path / "kind")
        ).outcomes
    finally:
        folder.chmod(0o755)

    assert outcome.code == 1
    assert outcome.err.startswith("Fehler: Die Datenbank „neu.sqlite“ kann im Ordner ")
    assert "Es wurde nichts angelegt" in outcome.err
    assert list(folder.iterdir()) == []


def test_the_probe_of_a_writable_file_changes_nothing(protected: Protected) -> None:
    before = protected.stamp()

    assert write_problem(protected.file) is None

    assert protected.stamp() == before


# --- in the test process: the decision point answers "protected" ----------------------------------------


@pytest.fixture
def read_only_db(protected: Protected, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setattr(opening, "write_problem", lambda _path: "die Datei ist schreibgeschützt")
    db = open_database(f"sqlite:///{protected.file}")
    yield db
    db.dispose()


def test_a_protected_file_is_read_but_never_written(read_only_db: Database, protected: Protected) -> None:
    before = protected.stamp()
    service = MassnahmenService(read_only_db)
    record = service.get("P-02")

    assert read_only_db.read_only
    assert not read_only_db.damaged
    assert (read_only_db.read_only_reason or "").startswith(
        f"Die Datenbank „{FILE_NAME}“ kann nicht geändert werden: die Datei ist schreibgeschützt."
    )
    assert len(service.list()) == 25
    assert ImportService(read_only_db).run(protected.workbook, dry_run=True).ok
    with pytest.raises(ReadOnlyError):
        service.update(replace(record, titel="Neu"))
    with pytest.raises(ReadOnlyError):
        ImportService(read_only_db).run(protected.workbook)
    with pytest.raises(ReadOnlyError):
        BackupService(read_only_db).restore(protected.backup)
    assert protected.stamp() == before


def test_a_file_protected_only_after_opening_refuses_the_write_in_german(protected: Protected) -> None:
    """SQLite itself says "attempt to write a readonly database" (``query_only`` stands in for the file
    losing its write permission while the program runs)."""
    db = open_database(f"sqlite:///{protected.file}")
    event.listen(db.engine, "connect", lambda connection, _: connection.execute("PRAGMA query_only=ON"))
    db.dispose()  # new connections from now on
    try:
        service = MassnahmenService(db)
        record = service.get("P-02")
        with pytest.raises(ReadOnlyError, match="Es wurde nichts gespeichert: die Datenbankdatei oder ihr "):
            service.update(replace(record, titel="Neu"))
    finally:
        db.dispose()


def test_a_full_disk_on_a_single_save_is_a_german_error(protected: Protected) -> None:
    db = open_database(f"sqlite:///{protected.file}")
    pages = sqlite3.connect(protected.file).execute("PRAGMA page_count").fetchone()[0]
    event.listen(db.engine, "connect", lambda c, _: c.execute(f"PRAGMA max_page_count={pages}"))
    db.dispose()
    try:
        service = MassnahmenService(db)
        record = service.get("P-02")
        with pytest.raises(WriteFailedError) as raised:
            service.update(replace(record, kurzbeschreibung="x" * 4000, bemerkung="y" * 4000))
        assert raised.value.message == (
            "Es wurde nichts gespeichert (auf dem Datenträger ist kein Speicherplatz mehr frei). "
            "Die Datenbank ist unverändert."
        )
        assert service.get("P-02").kurzbeschreibung == record.kurzbeschreibung
    finally:
        db.dispose()


def test_a_database_folder_that_cannot_be_made_is_a_german_error(tmp_path: Path) -> None:
    blocker = tmp_path / "datei"
    blocker.write_text("kein Ordner")

    with pytest.raises(DatabaseError, match=r"kann im Ordner .* nicht angelegt werden"):
        open_database(f"sqlite:///{blocker / 'unter' / FILE_NAME}")
