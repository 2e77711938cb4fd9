"""The program's log file after each operation: one line with what was done, how much and how long, and
nothing that names a person (user, contact, e-mail), a measure's title, a folder or a password."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from gera_desktop import resources
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.excel.liste import write_liste
from gera_desktop.excel.writing import ExportError
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.backup import BackupService
from gera_desktop.services.demo import load_demo
from gera_desktop.services.export import ExportRequest, ExportService
from gera_desktop.services.import_errors import ImportCancelled
from gera_desktop.services.importer import ImportService
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.settings import SettingsService
from tests.records import measure

USER = "Anna Schmidt"
PRIVATE = (USER, "Anna", "anna.schmidt", "Geheimprojekt Rathaus", "0365 838-4711", "geheim-passwort")
DURATION = r"\d+ ms|\d+,\d s"


class ProgramLog:
    """The log file, read line by line as operations add to it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen = 0

    def new_lines(self) -> list[str]:
        """The operation lines written since the last call, without time stamp, level and logger."""
        lines = self.path.read_text(encoding="utf-8").splitlines()
        fresh, self.seen = lines[self.seen :], len(lines)
        return [line.split(": ", 1)[1] for line in fresh if " gera_desktop.domain.oplog: " in line]


@pytest.fixture
def log(program_log: Path) -> ProgramLog:
    return ProgramLog(program_log)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder whose path names the user, as on an office PC."""
    path = tmp_path / USER / "Dokumente"
    path.mkdir(parents=True)
    return path


def private_records() -> list:
    return [
        measure(
            f"P-0{i}",
            titel=f"Geheimprojekt Rathaus {i}",
            ansprechpartner=USER,
            email="anna.schmidt@gera.example",
            telefon="0365 838-4711",
        )
        for i in (1, 2)
    ]


def assert_one_line(log: ProgramLog, pattern: str) -> str:
    (line,) = log.new_lines()
    assert re.fullmatch(f"{pattern} in ({DURATION})", line), line
    return line


def test_import_export_and_backups_each_log_one_line_with_counts(database: Database, log, folder) -> None:
    if not database.is_sqlite:
        pytest.skip("Sicherungen (auch die vor einem Import) gibt es nur für SQLite-Dateien")
    source = folder / "zulieferung.xlsx"
    write_liste(source, private_records(), date(2025, 6, 30))

    ImportService(database, user=USER).run(source)
    sicherung, importiert = log.new_lines()
    assert re.fullmatch(rf"Automatische Sicherung: \d+,\d MB in ({DURATION})", sicherung)
    counts = "2 neu, 0 geändert, 0 unverändert, 0 Fehler, 0 Warnungen"
    assert re.fullmatch(rf"Import „zulieferung.xlsx“: {counts} in ({DURATION})", importiert)

    ImportService(database, user=USER).run(source, dry_run=True)
    assert_one_line(
        log, r"Probelauf Import „zulieferung.xlsx“: 0 neu, 0 geändert, 2 unverändert, 0 Fehler, 0 Warnungen"
    )

    records = MassnahmenService(database).list()
    ExportService(database).export(
        folder / "Anlage.xlsx", records, ExportRequest("anlage", drucksache="12/2025")
    )
    assert_one_line(log, r"Export Anlage zur Beschlussvorlage, öffentlich „Anlage.xlsx“: 2 Maßnahmen")

    backups = BackupService(database, folder)
    backup = backups.create(folder / "stand.sqlite")
    assert_one_line(log, r"Sicherung: \d+,\d MB")
    backups.restore(backup.path)
    assert_one_line(log, r"Wiederherstellung: \d+,\d MB zuvor gesichert")

    assert_nothing_private(log, folder)


def test_saving_and_deleting_log_one_line_each(database: Database, log, folder) -> None:
    service = MassnahmenService(database, user=USER)
    first, second = private_records()
    service.create(first)
    assert_one_line(log, "Neue Maßnahme: 1 Maßnahme")
    stored = service.create(second)
    log.new_lines()

    service.update(replace(stored, titel="Geheimprojekt Rathaus neu", telefon="0365 1"))
    assert_one_line(log, "Speichern: 2 Felder geändert")
    service.delete("P-02", None)
    assert_one_line(log, "In den Papierkorb: 1 Maßnahme")
    service.restore("P-02")
    assert_one_line(log, "Aus dem Papierkorb: 1 Maßnahme")
    service.delete("P-02", None)
    log.new_lines()
    service.purge("P-02")
    assert_one_line(log, "Endgültig löschen: 1 Maßnahme")
    SettingsService(database).save(ProgrammEinstellungen(programmbuero=USER))
    assert_one_line(log, "Einstellungen speichern: fertig")

    assert_nothing_private(log, folder)


def test_demo_data_and_a_new_database_log_their_lines(tmp_path: Path, log) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'neu.sqlite'}")
    try:
        assert_one_line(log, r"Migration leer → \d{4}: fertig")
        load_demo(db, resources.demo_data(), user=USER)
        assert_one_line(log, "Beispieldaten „massnahmenliste-beispiel.json“: 25 Maßnahmen")
    finally:
        db.dispose()


def test_refused_and_cancelled_operations_are_logged_without_their_message(
    database: Database, log, folder
) -> None:
    target = folder / "Maßnahmenliste.xlsx"
    target.write_bytes(b"alt")
    (folder / "~$Maßnahmenliste.xlsx").write_bytes(USER.encode())
    with pytest.raises(ExportError):
        ExportService(database).export(target, private_records(), ExportRequest("liste"))
    (refused,) = log.new_lines()
    assert re.fullmatch(
        rf"Export Maßnahmenliste „Maßnahmenliste.xlsx“: abgelehnt nach ({DURATION}) \(ExportError\)", refused
    )

    source = folder / "zulieferung.xlsx"
    write_liste(source, private_records(), date(2025, 6, 30))
    with pytest.raises(ImportCancelled):
        ImportService(database, user=USER).run(source, cancelled=lambda: True)
    (cancelled,) = log.new_lines()
    assert re.fullmatch(rf"Import „zulieferung.xlsx“: abgebrochen nach ({DURATION})", cancelled)

    assert_nothing_private(log, folder)


def assert_nothing_private(log: ProgramLog, folder: Path) -> None:
    text = log.path.read_text(encoding="utf-8")
    for private in (*PRIVATE, str(folder), str(folder.parent)):
        assert private not in text
