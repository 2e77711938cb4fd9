"""ImportService: dry run, all-or-nothing, merge rules, backup and audit, races, faults, cancellation."""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from gera_desktop.domain.enums import Ampel
from gera_desktop.domain.errors import ReadOnlyError
from gera_desktop.domain.models import Aenderung
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.excel.parsed import Problem, Severity, TotalRow
from gera_desktop.persistence import bulk
from gera_desktop.persistence.database import Database
from gera_desktop.services import import_write
from gera_desktop.services.audit import CREATED, Change, diff_records
from gera_desktop.services.backup import BackupService
from gera_desktop.services.import_errors import ImportCancelled, ImportConflictError, ImportWriteError
from gera_desktop.services.import_report import ChangedMeasure, ImportReport
from gera_desktop.services.importer import CHECK_DONE, PROGRESS_TOTAL, ImportService
from gera_desktop.services.massnahmen import MassnahmenService
from tests.conftest import EXAMPLES
from tests.workbooks import TITLE_BLOCK, Sheet, measure, measures_file, save, table

LISTE = EXAMPLES / "massnahmenliste-2024-06.xlsx"
UMWELTAMT = EXAMPLES / "zulieferung-umweltamt.xlsx"
NR, TITEL, KOSTEN = "Maßnahmen-Nr.", "Maßnahme", "Gesamtkosten (€)"
UM06_TITLE = "Sensorik für Hochwasserprävention und Bewässerung von Naturdenkmälern"
UM06_ALL_COLUMNS: dict[str, object] = {
    TITEL: UM06_TITLE,
    "Innovationsfeld": "Umwelt",
    "Federführung": "Umweltamt",
    "Beginn": date(2023, 5, 1),
    "Ende": date(2026, 6, 30),
    "Umsetzungsstand": "in Umsetzung",
    "Eigenanteil (€)": 46_000,
}
"""UM-06 as stored, in the columns of a new measure (``measure()`` fills them for the others)."""


@pytest.fixture
def imported(importer: ImportService) -> ImportService:
    """The database holds the 25 measures of the example list."""
    importer.run(LISTE)
    return importer


def state(database: Database) -> tuple[list[MassnahmeData], int]:
    """Everything a user could see: every measure with its children, and the number of audit rows."""
    with database.read_session() as session:
        audit = session.scalar(select(func.count()).select_from(Aenderung))
    return MassnahmenService(database).list(), audit or 0


def backups(database: Database) -> list[Path]:
    service = BackupService(database)
    return [info.path for info in service.list()] if service.available else []


def um06_update(**cells: object) -> dict[str, object]:
    """A row for the stored UM-06 with the cells given (by header)."""
    return {NR: "UM-06", TITEL: UM06_TITLE, **cells}


# --- dry run and errors ------------------------------------------------------------------------------


def test_a_dry_run_writes_nothing_but_reports_what_the_real_run_does(database, imported) -> None:
    before, backups_before = state(database), backups(database)

    dry = imported.run(UMWELTAMT, dry_run=True)

    assert state(database) == before
    assert backups(database) == backups_before
    assert (dry.dry_run, dry.written, dry.backup_path) == (True, False, None)
    assert "Probelauf" in dry.as_text()
    assert "nichts gespeichert" in dry.as_text()
    real = imported.run(UMWELTAMT)
    assert replace(dry, dry_run=False, written=True, backup_path=real.backup_path) == real


def test_a_file_with_one_error_writes_nothing_and_names_sheet_cell_header_and_value(
    database, imported, tmp_path
) -> None:
    path = measures_file(
        tmp_path / "fehler.xlsx",
        measure("T-01"),
        measure("T-02", **{KOSTEN: "ca. 50.000"}),
        measure("UM-06", **UM06_ALL_COLUMNS, **{KOSTEN: 460_000, "Bundesmittel (€)": 414_000}),
    )
    before = state(database)

    report = imported.run(path)

    assert state(database) == before
    assert not report.ok
    assert not report.written
    assert [(e.sheet, e.cell, e.header, e.value) for e in report.errors] == [
        ("Maßnahmen", "Maßnahmen!H7", KOSTEN, "ca. 50.000")
    ]
    assert "Maßnahmen!H7 (Gesamtkosten (€)): " in report.as_text()
    assert "– gefunden: „ca. 50.000“" in report.as_text()
    assert "Es wurde nichts gespeichert" in report.as_text()


def test_a_new_value_that_breaks_a_rule_with_the_stored_values_is_an_error(
    database, imported, measures, tmp_path
) -> None:
    # UM-06 gets Bundesmittel of 350.000 € entered; Gesamtkosten of 100.000 € cannot carry them.
    measures.update(replace(measures.get("UM-06"), bundesmittel=Decimal("350000")))
    path = measures_file(tmp_path / "kosten.xlsx", um06_update(**{KOSTEN: 100_000, "Ampel": "rot"}))
    before = state(database)

    report = imported.run(path)

    assert state(database) == before
    assert not report.ok
    assert report.errors
    assert all(e.sheet == "Maßnahmen" and e.cell.endswith("6") for e in report.errors)
    assert any("Bundesmittel" in e.message for e in report.errors)


def test_a_measure_in_the_trash_is_an_error_until_it_is_restored(database, imported, measures) -> None:
    measures.delete("UM-06", None)
    before = state(database)

    report = imported.run(UMWELTAMT)

    assert state(database) == before
    assert [(e.cell, e.value) for e in report.errors] == [("Projekte!A5", "UM-06")]
    assert "liegt im Papierkorb – bitte zuerst wiederherstellen" in report.errors[0].message
    measures.restore("UM-06")
    assert imported.run(UMWELTAMT).written


def test_a_read_only_database_refuses_the_import_but_allows_a_dry_run(database, imported) -> None:
    read_only = Database(database.url, database.engine, read_only=True, read_only_reason="Nur lesen.")

    with pytest.raises(ReadOnlyError, match="Nur lesen"):
        ImportService(read_only, user="anna").run(UMWELTAMT)

    assert ImportService(read_only, user="anna").run(UMWELTAMT, dry_run=True).new == ["UM-14"]


# --- merging ------------------------------------------------------------------------------------------


def test_a_number_in_other_case_and_spacing_updates_the_stored_measure(imported, measures, tmp_path) -> None:
    path = measures_file(tmp_path / "klein.xlsx", {NR: " um-06 ", TITEL: UM06_TITLE, "Ampel": "rot"})

    report = imported.run(path)

    assert (report.new, [c.nr for c in report.changed]) == ([], ["UM-06"])
    assert (measures.get("UM-06").nr, measures.get("UM-06").ampel) == ("UM-06", Ampel.ROT)


def test_the_stand_column_is_set_by_the_program_not_taken_from_the_file(imported, measures, tmp_path) -> None:
    unchanged = um06_update(Stand=date(2020, 1, 1), Ampel="gelb")
    changed = {NR: "UM-05", TITEL: "Partizipative Stadtplanung", "Stand": date(2020, 1, 1), "Ampel": "rot"}
    path = measures_file(tmp_path / "stand.xlsx", unchanged, changed)

    report = imported.run(path)

    assert (report.unchanged, [c.nr for c in report.changed]) == (["UM-06"], ["UM-05"])
    assert measures.get("UM-05").stand == date.today()
    assert measures.get("UM-06").version == 1


# --- writing ------------------------------------------------------------------------------------------


def test_the_real_run_takes_a_backup_of_the_state_before(database, imported) -> None:
    report = imported.run(UMWELTAMT)

    if not database.is_sqlite:
        assert report.backup_path is None
        return
    assert report.backup_path is not None
    assert report.backup_path in backups(database)
    assert str(report.backup_path) in report.as_text()
    connection = sqlite3.connect(f"file:{report.backup_path}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT nr, gesamtkosten FROM massnahme ORDER BY id").fetchall()
    finally:
        connection.close()
    assert len(rows) == 25
    assert ("UM-06", 420000) in rows


def test_audit_rows_name_the_file_and_match_the_changes(imported, measures) -> None:
    imported.run(UMWELTAMT)

    history = measures.history("UM-06")
    from_import = [(a.feld, a.alter_wert, a.neuer_wert) for a in history if a.quelle.startswith("Import zul")]
    assert {a.quelle for a in history} == {
        "Import massnahmenliste-2024-06.xlsx",
        "Import zulieferung-umweltamt.xlsx",
    }
    assert ("Gesamtkosten", "420.000,00 €", "450.000,00 €") in from_import
    assert ("Zusatzspalte „Interne Notiz“", None, "mit FD Tiefbau abgestimmt") in from_import
    assert all(a.benutzer == "anna" for a in history)


def test_a_new_measure_leaves_the_same_trail_as_one_created_in_the_form(imported, measures) -> None:
    imported.run(UMWELTAMT)

    trail = sorted((a.feld, a.alter_wert, a.neuer_wert) for a in measures.history("UM-14"))
    assert trail == sorted(diff_records(None, measures.get("UM-14")))
    assert ("Maßnahme", None, "Klimaanpassung: digitales Baumkataster") in trail


def test_each_new_measure_is_stored_as_one_audit_row_angelegt(database, importer, measures) -> None:
    importer.run(LISTE)

    with database.read_session() as session:
        stored = list(session.execute(select(Aenderung.massnahme_nr, Aenderung.feld, Aenderung.alter_wert)))
    assert len(stored) == 25
    assert {(feld, old) for _, feld, old in stored} == {(CREATED, None)}
    assert len({nr for nr, _, _ in stored}) == 25
    history = measures.history("UM-06")
    assert len(history) == len(diff_records(None, measures.get("UM-06")))
    assert ("Maßnahme", None, UM06_TITLE) in [(a.feld, a.alter_wert, a.neuer_wert) for a in history]


def test_importing_the_same_file_again_changes_nothing(database, imported) -> None:
    imported.run(UMWELTAMT)
    before, backups_before = state(database), backups(database)

    report = imported.run(UMWELTAMT)

    assert state(database) == before
    assert backups(database) == backups_before
    assert (report.new, report.changed, report.unchanged) == ([], [], ["UM-06", "UM-14"])
    assert report.ok
    assert not report.written
    assert "Keine Änderungen" in report.as_text()


def test_child_rows_are_upserted_by_their_keys_and_never_deleted(
    database, imported, measures, tmp_path
) -> None:
    path = save(
        tmp_path / "termine.xlsx",
        Sheet("Maßnahmen", [*TITLE_BLOCK, *table(um06_update(Ampel="grün"))]),
        Sheet(
            "Meilensteine",
            [
                [NR, "Meilenstein", "Termin", "Erledigt am"],
                ["UM-06", "pegelsensoren weiße elster installiert", date(2024, 4, 30), date(2024, 6, 20)],
                ["UM-06", "Bewässerung Naturdenkmäler", date(2025, 5, 31), None],
                ["UM-04", "QR-Beschilderung Innenstadt", date(2025, 9, 30), date(2025, 9, 1)],
            ],
        ),
        Sheet("Finanzen", [[NR, "Haushaltsjahr", "Ist (€)"], ["UM-04", 2024, 99_000]]),
    )

    um04_before = measures.get("UM-04")

    report = imported.run(path)

    assert report.ok, report.as_text()
    assert [c.nr for c in report.changed] == ["UM-06", "UM-04"]
    um06, um04 = measures.get("UM-06"), measures.get("UM-04")
    assert [(m.bezeichnung, m.erledigt_am) for m in um06.meilensteine] == [
        ("pegelsensoren weiße elster installiert", date(2024, 6, 20)),
        ("Bewässerung Naturdenkmäler", None),
    ]
    assert [(m.bezeichnung, m.erledigt_am) for m in um04.meilensteine] == [
        ("Prototyp City-App", date(2024, 5, 20)),
        ("QR-Beschilderung Innenstadt", date(2025, 9, 1)),
    ]
    assert [(f.jahr, f.plan, f.ist) for f in um04.finanzen] == [
        (2023, Decimal("150000"), Decimal("80000")),
        (2024, Decimal("200000"), Decimal("99000")),
        (2025, Decimal("250000"), Decimal("0")),
    ]
    assert Change("Haushaltsjahr 2024: Ist", "95.000,00 €", "99.000,00 €") in report.changed[1].changes
    assert (um06.version, um04.version, measures.get("UM-05").version) == (2, 2, 1)
    trail = [
        (a.feld, a.alter_wert, a.neuer_wert)
        for a in measures.history("UM-04")
        if a.quelle.endswith("termine.xlsx")
    ]
    assert sorted(trail) == sorted(diff_records(um04_before, um04))


def test_extra_columns_of_the_file_are_set_and_the_others_kept(imported, measures, tmp_path) -> None:
    imported.run(UMWELTAMT)
    path = measures_file(tmp_path / "vermerk.xlsx", um06_update(Prüfvermerk="geprüft", Ampel="gelb"))

    report = imported.run(path)

    assert report.extra_columns == ["Prüfvermerk"]
    assert measures.get("UM-06").zusatzspalten == {
        "Interne Notiz": "mit FD Tiefbau abgestimmt",
        "Prüfvermerk": "geprüft",
    }


def test_the_report_text_gives_counts_changes_and_each_problem_with_its_cell() -> None:
    report = ImportReport(
        "liste.xlsx",
        new=["UM-14"],
        changed=[ChangedMeasure("UM-06", [Change("Bemerkungen", "alt", None)])],
        unchanged=["UM-01", "UM-02"],
        not_in_file=1234,
        total_rows=[TotalRow("Maßnahmen", 30, "Summe")],
        ignored_sheets=["Notizen"],
        warnings=[Problem("Finanzen", "Finanzen!C4", "Plan (€)", "", "Bitte prüfen.", Severity.WARNING)],
        errors=[Problem("Maßnahmen", "Maßnahmen!H7", "Gesamtkosten (€)", "ca. 50.000", "Kein Betrag.")],
    )

    assert report.as_text().splitlines() == [
        "Import liste.xlsx: Die Datei enthält 1 Fehler. Es wurde nichts gespeichert.",
        "Neu: 1 · Geändert: 1 · Unverändert: 2 · Nicht in der Datei: 1.234",
        "Übersprungene Summenzeilen: Maßnahmen Zeile 30 („Summe“)",
        "Nicht eingelesene Blätter: Notizen",
        "Neue Maßnahmen: UM-14",
        "Änderungen:",
        "  UM-06 · Bemerkungen: alt → (leer)",
        "Warnungen (1):",
        "  Finanzen!C4 (Plan (€)): Bitte prüfen.",
        "Fehler (1):",
        "  Maßnahmen!H7 (Gesamtkosten (€)): Kein Betrag. – gefunden: „ca. 50.000“",
    ]


# --- races, faults, cancellation ----------------------------------------------------------------------


def test_a_measure_saved_by_someone_else_meanwhile_stops_the_import(
    database, imported, measures, monkeypatch
) -> None:
    colleague = MassnahmenService(database, user="bernd")

    def colleague_saves_first(self: ImportService, file_name: str) -> None:
        colleague.update(replace(colleague.get("UM-06"), titel="Hochwassersensorik"))

    monkeypatch.setattr(ImportService, "_backup", colleague_saves_first)
    with pytest.raises(ImportConflictError) as caught:
        imported.run(UMWELTAMT)

    assert "UM-06" in caught.value.message
    assert "bernd" in caught.value.message
    assert "nicht gespeichert" in caught.value.message
    um06 = measures.get("UM-06")
    assert (um06.titel, um06.gesamtkosten, um06.version) == ("Hochwassersensorik", Decimal("420000"), 2)
    assert [m.nr for m in measures.list()] == [m.nr for m in state(database)[0]]
    assert "UM-14" not in [m.nr for m in measures.list()]


def test_a_disk_error_while_writing_leaves_the_database_unchanged(database, imported, monkeypatch) -> None:
    before = state(database)
    real_insert = bulk.insert_rows

    def disk_full_at_the_audit(session: Any, table: Any, *args: Any) -> None:
        if table is import_write.AUDIT:
            raise OSError(errno.ENOSPC, "Auf dem Gerät ist kein Speicherplatz mehr verfügbar")
        real_insert(session, table, *args)

    monkeypatch.setattr(import_write, "insert_rows", disk_full_at_the_audit)
    with pytest.raises(ImportWriteError) as caught:
        imported.run(UMWELTAMT)

    assert "konnte nicht gespeichert werden" in caught.value.message
    assert "kein Speicherplatz" in caught.value.message
    assert state(database) == before


def test_cancelling_before_the_file_is_read_writes_nothing(database, imported) -> None:
    before = state(database)

    with pytest.raises(ImportCancelled) as caught:
        imported.run(UMWELTAMT, cancelled=lambda: True)

    assert "abgebrochen" in caught.value.message
    assert state(database) == before


def test_cancelling_while_writing_rolls_everything_back(database, imported) -> None:
    before = state(database)
    seen: list[int] = []

    with pytest.raises(ImportCancelled):
        imported.run(
            UMWELTAMT,
            progress=lambda done, total: seen.append(done),
            cancelled=lambda: bool(seen) and seen[-1] > CHECK_DONE,
        )

    assert seen[-1] > CHECK_DONE
    assert state(database) == before


def test_progress_grows_to_the_end(database, importer) -> None:
    seen: list[tuple[int, int]] = []

    importer.run(LISTE, progress=lambda done, total: seen.append((done, total)))

    assert len(seen) > 5
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1] == (PROGRESS_TOTAL, PROGRESS_TOTAL)
