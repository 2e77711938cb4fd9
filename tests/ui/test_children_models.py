"""The table models of a measure's lists: German cells, editing, rows added and removed, the sum row."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gera_desktop.domain.records import BeteiligungData, FinanzjahrData, MeilensteinData
from gera_desktop.persistence.database import Database
from gera_desktop.resources import demo_data
from gera_desktop.services.audit import AenderungData, creation, diff_records
from gera_desktop.services.demo import load_demo
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.models.children import (
    BeteiligungenModel,
    MeilensteineModel,
    VerlaufModel,
)
from gera_desktop.ui.models.extra_columns import ZusatzspaltenModel
from gera_desktop.ui.models.finanzen import FinanzenModel
from tests.records import measure

EDIT = Qt.ItemDataRole.EditRole


def _table(model) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _headers(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


@pytest.fixture
def milestones() -> MeilensteineModel:
    model = MeilensteineModel()
    model.set_rows(
        [
            MeilensteinData("Start Pilotbetrieb", date(2021, 9, 1), date(2021, 9, 3), "pünktlich"),
            MeilensteinData("Abschlussbericht", date(2022, 6, 30)),
        ]
    )
    return model


def test_milestones_show_german_dates_under_the_spec_headers(qtmodeltester, milestones) -> None:
    qtmodeltester.check(milestones)
    assert _headers(milestones) == ["Meilenstein", "Termin", "Erledigt am", "Bemerkung"]
    assert _table(milestones) == [
        ["Start Pilotbetrieb", "01.09.2021", "03.09.2021", "pünktlich"],
        ["Abschlussbericht", "30.06.2022", "", ""],
    ]


def test_a_date_typed_into_a_cell_is_stored_as_a_date(milestones) -> None:
    cell = milestones.index(1, milestones.column_of("erledigt_am"))
    assert milestones.setData(cell, "1.7.22", EDIT)

    assert milestones.rows()[1].erledigt_am == date(2022, 7, 1)
    assert cell.data() == "01.07.2022"


def test_a_wrong_date_is_refused_with_a_german_message(qtbot, milestones) -> None:
    cell = milestones.index(0, milestones.column_of("termin"))
    with qtbot.waitSignal(milestones.input_rejected) as rejected:
        assert not milestones.setData(cell, "31.02.2024", EDIT)

    assert rejected.args == ["Termin: „31.02.2024“ ist kein gültiges Datum (diesen Tag gibt es nicht)."]
    assert milestones.rows()[0].termin == date(2021, 9, 1)


def test_rows_are_added_and_removed(qtmodeltester, milestones) -> None:
    row = milestones.add_row()
    milestones.setData(milestones.index(row, 0), "Evaluation", EDIT)
    milestones.setData(milestones.index(row, 1), "15.12.2022", EDIT)
    milestones.remove_rows([0])
    qtmodeltester.check(milestones)

    assert [(m.bezeichnung, m.termin) for m in milestones.rows()] == [
        ("Abschlussbericht", date(2022, 6, 30)),
        ("Evaluation", date(2022, 12, 15)),
    ]


def test_the_callers_records_stay_untouched(milestones) -> None:
    original = [MeilensteinData("Prototyp", date(2024, 1, 31))]
    milestones.set_rows(original)
    milestones.setData(milestones.index(0, 0), "Prototyp fertig", EDIT)

    assert original[0].bezeichnung == "Prototyp"


def test_problem_cells_are_marked_with_their_message(milestones) -> None:
    milestones.set_problems({(1, "termin"): "Termin: Pflichtfeld – bitte ausfüllen."})
    cell = milestones.index(1, milestones.column_of("termin"))

    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Termin: Pflichtfeld – bitte ausfüllen."
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert milestones.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None


@pytest.fixture
def years() -> FinanzenModel:
    model = FinanzenModel()
    model.set_rows(
        [
            FinanzjahrData(2021, Decimal("30000.00"), Decimal("29500.50"), Decimal("26550.45")),
            FinanzjahrData(2022, Decimal("22000.00")),
        ]
    )
    return model


def test_budget_years_end_with_a_sum_row(qtmodeltester, years) -> None:
    qtmodeltester.check(years)
    assert _headers(years) == ["Haushaltsjahr", "Plan", "Ist", "Abgerufen"]
    assert _table(years) == [
        ["2021", "30.000,00 €", "29.500,50 €", "26.550,45 €"],
        ["2022", "22.000,00 €", "", ""],
        ["Summe", "52.000,00 €", "29.500,50 €", "26.550,45 €"],
    ]
    assert not years.flags(years.index(2, 1)) & Qt.ItemFlag.ItemIsEditable


def test_the_sum_follows_a_german_amount_typed_into_a_year(qtbot, years) -> None:
    with qtbot.waitSignal(years.dataChanged, check_params_cb=lambda top, *_: top.row() == 2):
        years.setData(years.index(1, years.column_of("plan")), "24.500,5", EDIT)

    assert years.rows()[1].plan == Decimal("24500.50")
    assert years.index(2, 1).data() == "54.500,50 €"
    assert years.total("plan") == Decimal("54500.50")


def test_a_new_budget_year_follows_the_last_one(qtmodeltester, years) -> None:
    row = years.add_row()
    qtmodeltester.check(years)

    assert row == 2
    assert _table(years)[2][0] == "2023"
    assert _table(years)[3][0] == "Summe"


def test_an_amount_with_words_is_refused(qtbot, years) -> None:
    with qtbot.waitSignal(years.input_rejected) as rejected:
        years.setData(years.index(0, 1), "ca. 30.000", EDIT)
    assert rejected.args[0].startswith("Plan: „ca. 30.000“ ist kein Betrag.")


def test_participation_counts_with_thousands_separator(qtmodeltester) -> None:
    model = BeteiligungenModel()
    model.set_rows([BeteiligungData(date(2021, 5, 4), "Workshop", "Rathaus", 1250, "Wünsche\ngesammelt")])
    qtmodeltester.check(model)

    assert _headers(model) == ["Datum", "Format", "Ort", "Teilnehmende", "Ergebnis"]
    assert _table(model) == [["04.05.2021", "Workshop", "Rathaus", "1.250", "Wünsche gesammelt"]]
    assert model.index(0, 3).data(EDIT) == "1250"
    assert not model.setData(model.index(0, 3), "-4", EDIT)
    assert model.rows()[0].teilnehmende == 1250


def test_the_history_of_a_demo_measure_newest_first(qtmodeltester, database: Database) -> None:
    load_demo(database, demo_data(), user="Import")
    service = MassnahmenService(database, user="Frau Schmidt")
    record = service.get("UM-01")
    record.titel = "Digitaler Zwilling Gera"
    service.update(record)
    model = VerlaufModel()
    model.set_rows(service.history("UM-01"))
    qtmodeltester.check(model)

    first = _table(model)[0]
    assert first[1:] == [
        "Frau Schmidt",
        "Maßnahme",
        "Digitales Theater „√My“",
        "Digitaler Zwilling Gera",
        "Bearbeitung",
    ]
    assert model.rowCount() > 1
    assert _table(model)[-1][5].startswith("Import")


def test_history_times_are_german(qtmodeltester) -> None:
    model = VerlaufModel()
    entry = AenderungData(
        datetime(2025, 12, 31, 14, 3), "B. Beispiel", "P-01", "Ampel", "grün", "rot", "Bearbeitung"
    )
    model.set_rows([entry])
    qtmodeltester.check(model)

    assert _table(model) == [["31.12.2025 14:03", "B. Beispiel", "Ampel", "grün", "rot", "Bearbeitung"]]
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_a_new_measures_one_audit_row_is_shown_one_line_per_field(qtmodeltester) -> None:
    record = measure(
        titel="City-App",
        gesamtkosten=Decimal("1234.5"),
        meilensteine=[MeilensteinData("Start", date(2025, 1, 2))],
        finanzen=[],
        beteiligungen=[],
    )
    feld, alt, neu = creation(record)
    when = datetime(2025, 12, 31, 14, 3)
    change = AenderungData(when, "B. Beispiel", "P-01", "Ampel", "grün", "rot", "Bearbeitung")
    created = AenderungData(
        datetime(2025, 1, 2, 8, 0), "C. Muster", "P-01", feld, alt, neu, "Import liste.xlsx"
    )
    model = VerlaufModel()
    model.set_rows([created, change])
    qtmodeltester.check(model)

    table = _table(model)
    assert table[0] == ["31.12.2025 14:03", "B. Beispiel", "Ampel", "grün", "rot", "Bearbeitung"]
    assert [row[2:5] for row in table[1:]] == [
        [feld, "", " ".join((neu or "").split())] for feld, _, neu in diff_records(None, record)
    ]
    assert ["Gesamtkosten", "", "1.234,50 €"] in [row[2:5] for row in table]
    assert table[-1][2:5] == ["Meilenstein „Start“", "", "Meilenstein: Start; Termin: 02.01.2025"]
    assert {(row[0], row[1], row[5]) for row in table[1:]} == {
        ("02.01.2025 08:00", "C. Muster", "Import liste.xlsx")
    }
    assert "angelegt" not in [row[2] for row in table]


def test_extra_columns_keep_their_kind_of_value(qtmodeltester) -> None:
    model = ZusatzspaltenModel()
    model.set_values({"Priorität": 2, "Förderaufruf": "2021", "Geprüft": True})
    qtmodeltester.check(model)
    assert _table(model) == [["Priorität", "2"], ["Förderaufruf", "2021"], ["Geprüft", "ja"]]

    model.setData(model.index(0, 1), "3", EDIT)
    model.setData(model.index(2, 1), "nein", EDIT)
    row = model.add_row()
    model.setData(model.index(row, 0), "  Interne   Notiz ", EDIT)
    model.setData(model.index(row, 1), "Rückfrage KfW", EDIT)
    model.remove_rows([1])
    qtmodeltester.check(model)

    assert model.values() == {"Priorität": 3, "Geprüft": False, "Interne Notiz": "Rückfrage KfW"}
    assert model.problems() == []


def test_doubled_or_missing_extra_headers_are_named(qtmodeltester) -> None:
    model = ZusatzspaltenModel()
    model.set_values({"Priorität": 1})
    model.setData(model.index(model.add_row(), 0), "priorität", EDIT)
    row = model.add_row()
    model.setData(model.index(row, 1), "ohne Spalte", EDIT)

    assert model.problems() == [
        "Die Zusatzspalte „priorität“ ist doppelt eingetragen.",
        "Zusatzspalte mit dem Wert „ohne Spalte“ braucht eine Überschrift.",
    ]
