"""The Änderungsprotokoll of every measure through the application core: filters, the newest lines first
with a note on what is left out, audited programme settings, and the workbook read back by a second
reader."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import update

from gera_desktop.domain.errors import ValidationError
from gera_desktop.domain.models import Aenderung
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.persistence.database import Database
from gera_desktop.resources import demo_data
from gera_desktop.services.audit import NO_MEASURE
from gera_desktop.services.audit_query import ProtokollFilter
from gera_desktop.services.core import Anwendung

ALL = ProtokollFilter()


@pytest.fixture
def core(database: Database) -> Anwendung:
    core = Anwendung.on(database, user="Import")
    core.load_demo(demo_data())
    editor = Anwendung.on(database, user="Frau Schmidt")
    editor.update(replace(editor.get("UM-01"), titel="Digitaler Zwilling Gera"))
    editor.update(replace(editor.get("UM-06"), gesamtkosten=Decimal("999000.00")))
    return core


def test_the_newest_change_comes_first_and_creations_are_one_line_per_field(core: Anwendung) -> None:
    page = core.protokoll(ALL)

    first = page.lines[0]
    assert (first.massnahme_nr, first.benutzer, first.feld) == ("UM-06", "Frau Schmidt", "Gesamtkosten")
    assert (first.alter_wert, first.neuer_wert, first.quelle) == (
        "420.000,00 €",
        "999.000,00 €",
        "Bearbeitung",
    )
    assert page.lines[1].feld == "Maßnahme"
    assert "angelegt" not in {line.feld for line in page.lines}
    assert not page.limited
    assert page.total == page.entries == 25 + 2
    assert page.count_text() == f"{len(page.lines)} Zeilen"


def test_every_filter_narrows_the_lines(core: Anwendung) -> None:
    by_nr = core.protokoll(ProtokollFilter(nr="UM-01")).lines
    assert {line.massnahme_nr for line in by_nr} == {"UM-01"}
    assert by_nr[0].neuer_wert == "Digitaler Zwilling Gera"

    by_user = core.protokoll(ProtokollFilter(benutzer="Frau Schmidt")).lines
    assert [line.massnahme_nr for line in by_user] == ["UM-06", "UM-01"]

    by_source = core.protokoll(ProtokollFilter(quelle="Import")).lines
    assert by_source
    assert all(line.quelle.startswith("Import ") for line in by_source)
    assert core.protokoll(ProtokollFilter(quelle="Wiederherstellung")).lines == []


def test_a_field_filter_finds_the_value_a_measure_was_created_with(core: Anwendung) -> None:
    lines = core.protokoll(ProtokollFilter(nr="UM-06", feld="Gesamtkosten")).lines

    assert [(line.alter_wert, line.neuer_wert) for line in lines] == [
        ("420.000,00 €", "999.000,00 €"),
        (None, "420.000,00 €"),
    ]


def test_the_time_span_takes_whole_days(core: Anwendung, database: Database) -> None:
    with database.write_session() as session:
        session.execute(
            update(Aenderung)
            .where(Aenderung.benutzer == "Import")
            .values(zeitpunkt=datetime(2024, 3, 1, 23, 59))
        )
    today = date.today()

    assert core.protokoll(ProtokollFilter(von=today, bis=today)).total == 2
    assert core.protokoll(ProtokollFilter(von=date(2024, 3, 1), bis=date(2024, 3, 1))).total == 25
    assert core.protokoll(ProtokollFilter(bis=date(2024, 2, 29))).lines == []


def test_a_time_span_backwards_is_refused_in_german(core: Anwendung) -> None:
    with pytest.raises(ValidationError) as caught:
        core.protokoll(ProtokollFilter(von=date(2025, 2, 1), bis=date(2025, 1, 1)))
    assert "„von“ (01.02.2025) liegt nach „bis“ (01.01.2025)" in caught.value.message


def test_only_the_newest_lines_are_read_and_the_note_says_so(core: Anwendung) -> None:
    page = core.protokoll(ALL, limit=10)

    assert len(page.lines) == 10
    assert page.limited
    assert page.entries < page.total == 27
    assert page.count_text().startswith("Gezeigt werden die neuesten 10 Zeilen (")
    assert "von 27 Einträgen" in page.count_text()


def test_saving_the_settings_is_audited_without_a_measure(database: Database) -> None:
    core = Anwendung.on(database, user="Herr Kämmerer")
    core.save_settings(ProgrammEinstellungen(foerderquote=Decimal("85"), foerdervolumen=Decimal("1234.5")))
    core.save_settings(ProgrammEinstellungen(foerderquote=Decimal("85"), foerdervolumen=Decimal("1234.5")))

    lines = core.protokoll(ProtokollFilter(nr=NO_MEASURE)).lines

    assert [(line.feld, line.alter_wert, line.neuer_wert) for line in lines] == [
        ("Einstellung: Fördervolumen", None, "1.234,50 €"),
        ("Einstellung: Förderquote", "90 %", "85 %"),
    ]
    assert {(line.benutzer, line.massnahme_nr, line.quelle) for line in lines} == {
        ("Herr Kämmerer", "", "Bearbeitung")
    }
    assert datetime.now() - lines[0].zeitpunkt < timedelta(minutes=5)


def test_the_choices_are_what_the_log_holds(core: Anwendung) -> None:
    core.save_settings(ProgrammEinstellungen(programmende=date(2027, 6, 30)))
    choices = core.protokoll_choices()

    assert choices.nrs[:3] == ["P-01", "P-02", "P-03"]
    assert "" not in choices.nrs
    assert choices.benutzer == ["Frau Schmidt", "Import"]
    assert {"Gesamtkosten", "Maßnahme", "Einstellung: Programmende"} <= set(choices.felder)
    assert "angelegt" not in choices.felder
    assert choices.quellen == ("Bearbeitung", "Import", "Wiederherstellung")


def test_the_workbook_holds_every_line_in_german_formats(core: Anwendung, tmp_path: Path) -> None:
    target = tmp_path / "protokoll.xlsx"
    f = ProtokollFilter(nr="UM-06")
    lines = core.protokoll(f).lines

    core.write_protokoll(target, f)

    rows = CalamineWorkbook.from_path(str(target)).get_sheet_by_name("Änderungsprotokoll").to_python()
    assert rows[0][0] == "Änderungsprotokoll"
    assert rows[1][0] == "Auswahl: Nr. UM-06"
    assert rows[4] == ["Zeitpunkt", "Nr.", "Benutzer", "Feld", "Alter Wert", "Neuer Wert", "Quelle"]
    body = rows[5:]
    assert len(body) == len(lines)
    assert body[0][1:] == [
        "UM-06",
        "Frau Schmidt",
        "Gesamtkosten",
        "420.000,00 €",
        "999.000,00 €",
        "Bearbeitung",
    ]
    written = body[0][0]
    assert isinstance(written, datetime)
    assert abs(written - lines[0].zeitpunkt) < timedelta(seconds=1)
    sheet = openpyxl.load_workbook(target)["Änderungsprotokoll"]
    assert sheet["A6"].number_format == "DD.MM.YYYY hh:mm"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.print_title_rows == "$5:$5"


def test_a_cancelled_export_leaves_no_file(core: Anwendung, tmp_path: Path) -> None:
    from gera_desktop.domain.progress import WorkCancelled

    folder = tmp_path / "export"
    folder.mkdir()
    with pytest.raises(WorkCancelled):
        core.write_protokoll(folder / "protokoll.xlsx", ALL, cancelled=lambda: True)
    assert list(folder.iterdir()) == []
