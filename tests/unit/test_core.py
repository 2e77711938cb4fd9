"""The application core without Qt: each use case says what it changed, the list's records are light and
still carry what the sums need, and a restored backup replaces the database behind the same core."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gera_desktop.domain.errors import DatabaseError, NotFoundError, ReadOnlyError
from gera_desktop.domain.records import FinanzjahrData, ListRecord, MeilensteinData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.persistence.database import Database
from gera_desktop.resources import demo_data
from gera_desktop.services.changes import Changes
from gera_desktop.services.core import Anwendung
from gera_desktop.services.export import ExportRequest
from gera_desktop.services.listing import ListIndex
from tests.records import measure
from tests.workbooks import measure as row
from tests.workbooks import measures_file


@pytest.fixture
def core(database: Database) -> Anwendung:
    return Anwendung.on(database, user="Frau Schmidt")


@pytest.fixture
def demo(core: Anwendung) -> Anwendung:
    core.load_demo(demo_data())
    return core


def _id(core: Anwendung, nr: str) -> int:
    record = core.get(nr)
    assert record.id is not None
    return record.id


# --- what each write changed --------------------------------------------------------------------------


def test_creating_names_the_new_measure(core: Anwendung) -> None:
    outcome = core.create(measure("P-01"))

    assert outcome.value.nr == "P-01"
    assert outcome.changes == Changes.of(created=[_id(core, "P-01")])
    assert outcome.changes.measures
    assert not outcome.changes.trash


def test_saving_names_the_changed_measure_also_under_a_new_nr(core: Anwendung) -> None:
    created = core.create(measure("P-01")).value

    outcome = core.update(replace(created, nr="P-02", titel="Neuer Titel"))

    assert outcome.value.nr == "P-02"
    assert outcome.changes == Changes.of(changed=[created.id or 0])


def test_deleting_and_restoring_change_the_list_and_the_papierkorb(core: Anwendung) -> None:
    created = core.create(measure("P-01")).value

    deleted = core.delete("P-01", created.version)
    restored = core.restore("P-01", deleted.value.massnahme.version)
    core.delete("P-01", None)
    purged = core.purge(core.trash())

    assert deleted.changes == Changes.of(deleted=[created.id or 0], trash=True)
    assert restored.changes == Changes.of(created=[created.id or 0], trash=True)
    assert purged.changes == Changes(trash=True)
    assert [entry.nr for entry in purged.value] == ["P-01"]
    assert core.trash() == []


def test_settings_saved_say_so_and_change_no_measure(core: Anwendung) -> None:
    settings = ProgrammEinstellungen(Decimal(80), Decimal("1000000.00"), "Programmbüro Gera")

    outcome = core.save_settings(settings)

    assert outcome.changes == Changes(settings=True)
    assert not outcome.changes.measures
    assert core.settings() == settings


def test_the_demo_data_name_every_measure_created(core: Anwendung) -> None:
    outcome = core.load_demo(demo_data())

    assert outcome.value == 25
    assert outcome.changes.created == {r.id for r in core.list_records()}
    assert len(outcome.changes.created) == 25


def test_an_import_names_the_measures_it_created_and_changed(demo: Anwendung, tmp_path: Path) -> None:
    path = measures_file(tmp_path / "liste.xlsx", row("UM-01", Maßnahme="Neu benannt"), row("NEU-1"))

    checked = demo.check_import(path)
    outcome = demo.import_file(path)

    assert checked.dry_run
    assert checked.new == ["NEU-1"]
    assert outcome.value.written
    assert outcome.changes == Changes.of(created=[_id(demo, "NEU-1")], changed=[_id(demo, "UM-01")])


def test_an_import_that_changes_nothing_changes_nothing(demo: Anwendung, tmp_path: Path) -> None:
    path = measures_file(tmp_path / "liste.xlsx", row("NEU-1"))
    demo.import_file(path)

    again = demo.import_file(path)

    assert not again.value.written
    assert again.changes == Changes()


def test_a_refused_write_changes_nothing_and_says_why(demo: Anwendung) -> None:
    with pytest.raises(NotFoundError, match="gibt es nicht"):
        demo.delete("GIBT-ES-NICHT", None)


# --- reading ----------------------------------------------------------------------------------------


def test_the_list_holds_no_children_but_the_sums_of_the_budget_years(core: Anwendung) -> None:
    years = [
        FinanzjahrData(2024, Decimal("60000.00"), abgerufen=Decimal("1000.50")),
        FinanzjahrData(2025, Decimal("40000.00"), abgerufen=Decimal("2000.25")),
    ]
    milestones = [MeilensteinData("Start", date(2024, 3, 1))]
    computed = dict.fromkeys(("foerderfaehig", "bundesmittel", "drittmittel", "eigenanteil", "abgerufen"))
    core.create(measure("P-01", **computed, finanzen=years, meilensteine=milestones))

    (listed,) = core.list_records()

    assert isinstance(listed, ListRecord)
    assert listed.finanzen == []
    assert listed.meilensteine == []
    assert listed.zusatzspalten == {}
    assert listed.abgerufen_jahresscheiben == Decimal("3000.75")
    assert ListIndex([listed]).totals().abgerufen == Decimal("3000.75")
    (filled,) = core.with_milestones([listed])
    assert filled is listed  # no copy: the list's record gets its milestones when the Zeitplan needs them
    assert listed.meilensteine == milestones


def test_the_list_and_the_full_records_agree_on_every_sum(demo: Anwendung) -> None:
    light = demo.list_records()
    full = [demo.get(r.nr) for r in light]

    assert len(light) == len(full) == 25
    assert ListIndex(light).totals() == ListIndex(full).totals()


def test_some_records_of_the_list_by_id(demo: Anwendung) -> None:
    wanted = {_id(demo, "UM-01"), _id(demo, "UM-02")}

    assert {r.nr for r in demo.list_records(wanted)} == {"UM-01", "UM-02"}


def test_an_opened_measure_comes_with_its_history_and_the_settings(demo: Anwendung) -> None:
    opened = demo.measure("UM-01")

    assert opened.record.nr == "UM-01"
    assert opened.record.meilensteine
    assert opened.history
    assert opened.history[0].massnahme_nr == "UM-01"
    assert opened.settings == demo.settings()


def test_the_overview_sees_the_milestones(demo: Anwendung) -> None:
    figures = demo.overview(date(2020, 1, 1))

    assert figures.count == 25
    assert (
        figures.due
        or figures.overdue
        or any(r.meilensteine for r in demo.with_milestones(demo.list_records()))
    )


def test_an_export_writes_the_measures_with_their_children(demo: Anwendung, tmp_path: Path) -> None:
    chosen = [r for r in demo.list_records() if r.nr in ("UM-02", "UM-01")]

    written = demo.export(tmp_path / "liste.json", chosen, ExportRequest("json"))

    text = written.read_text(encoding="utf-8")
    assert '"UM-01"' in text
    assert '"UM-03"' not in text
    assert demo.get("UM-01").meilensteine[0].bezeichnung in text


# --- the database -----------------------------------------------------------------------------------


def test_opening_replaces_everything_and_names_the_database(sqlite_url: str) -> None:
    core = Anwendung(sqlite_url)
    assert not core.is_open
    with pytest.raises(DatabaseError, match="noch nicht geöffnet"):
        core.list_records()

    outcome = core.open()

    assert outcome.changes == Changes(database_replaced=True)
    assert outcome.value.name == "test.sqlite"
    assert outcome.value.backend == "SQLite"
    assert outcome.value.backups_available
    assert not outcome.value.read_only
    core.close()


def test_a_restored_backup_replaces_the_database_behind_the_same_core(sqlite_url: str) -> None:
    core = Anwendung(sqlite_url)
    core.open()
    core.create(measure("VORHER"))
    backup = core.backup()
    core.create(measure("NACHHER"))
    before = core.db

    outcome = core.restore_backup(backup.path)

    assert outcome.changes.database_replaced
    assert outcome.changes.trash
    assert outcome.changes.settings
    assert core.db is not before
    assert [r.nr for r in core.list_records()] == ["VORHER"]
    assert outcome.value.path in {b.path for b in core.backups()}
    core.close()


def test_a_read_only_database_refuses_writes_in_german(sqlite_url: str) -> None:
    core = Anwendung(sqlite_url)
    core.open()
    core.db.read_only, core.db.read_only_reason = True, "Die Datei ist schreibgeschützt."

    with pytest.raises(ReadOnlyError, match="schreibgeschützt"):
        core.create(measure("P-01"))
    assert core.facts().read_only_reason == "Die Datei ist schreibgeschützt."
    core.close()
