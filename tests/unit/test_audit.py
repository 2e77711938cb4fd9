"""The audit log's German display of values and its field-level differences, children included."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from gera_desktop.domain.enums import Ampel, Innovationsfeld, Quelle, Umsetzungsstand
from gera_desktop.domain.records import BeteiligungData, FinanzjahrData, MassnahmeData, MeilensteinData
from gera_desktop.services.audit import (
    CREATED,
    AenderungData,
    Change,
    audit_rows,
    creation,
    diff_records,
    expanded,
    import_quelle,
    value_text,
)
from tests.records import sample_records


def measure(**changes: object) -> MassnahmeData:
    values: dict[str, object] = {
        "nr": "P-7",
        "titel": "Smarte Straßenbeleuchtung",
        "innovationsfeld": Innovationsfeld.ENERGIE,
        "federfuehrung": "Tiefbauamt",
        "beginn": date(2024, 1, 1),
        "ende": date(2025, 12, 31),
        "status": Umsetzungsstand.GEPLANT,
        "gesamtkosten": Decimal("250000.00"),
    }
    values.update(changes)
    return MassnahmeData(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("key", "value", "text"),
    [
        ("ende", date(2025, 12, 31), "31.12.2025"),
        ("gesamtkosten", Decimal("1234.56"), "1.234,56 €"),
        ("plan", Decimal("1400000"), "1.400.000,00 €"),
        ("foerderquote", Decimal(90), "90 %"),
        ("fortschritt", Decimal("12.5"), "12,5 %"),
        ("ampel", Ampel.GRUEN, "grün"),
        ("status", Umsetzungsstand.IN_UMSETZUNG, "in Umsetzung"),
        ("beteiligung", True, "ja"),
        ("beteiligung", False, "nein"),
        ("jahr", 2024, "2024"),
        ("titel", "City-App", "City-App"),
        ("titel", "  ", None),
        ("titel", None, None),
        ("Eigene Spalte", Decimal("2.5"), "2,5"),
    ],
)
def test_values_are_shown_as_germans_read_them(key: str, value: object, text: str | None) -> None:
    assert value_text(key, value) == text


def test_only_visible_changes_are_logged() -> None:
    old = measure(ampel=Ampel.GELB)
    new = measure(ampel=Ampel.ROT, titel="Smarte Straßenbeleuchtung", gesamtkosten=Decimal("250000.0"))
    assert diff_records(old, new) == [Change("Ampel", "gelb", "rot")]


def test_creation_logs_every_field_that_is_set() -> None:
    changes = diff_records(None, measure())
    by_field = {c.feld: c for c in changes}
    assert by_field["Maßnahmen-Nr."] == Change("Maßnahmen-Nr.", None, "P-7")
    assert by_field["Gesamtkosten"] == Change("Gesamtkosten", None, "250.000,00 €")
    assert by_field["Bürgerbeteiligung"].neu == "nein"
    assert "Ampel" not in by_field
    assert all(c.alt is None for c in changes)


def test_child_changes_name_the_child() -> None:
    old = measure(
        meilensteine=[MeilensteinData("Prototyp City-App", date(2024, 6, 30))],
        finanzen=[FinanzjahrData(2024, plan=Decimal("100000.00"))],
    )
    new = measure(
        meilensteine=[MeilensteinData("Prototyp City-App", date(2024, 9, 30), erledigt_am=date(2024, 9, 1))],
        beteiligungen=[BeteiligungData(date(2024, 3, 12), "Workshop", teilnehmende=25)],
    )
    assert diff_records(old, new) == [
        Change("Meilenstein „Prototyp City-App“: Termin", "30.06.2024", "30.09.2024"),
        Change("Meilenstein „Prototyp City-App“: Erledigt am", None, "01.09.2024"),
        Change("Haushaltsjahr 2024", "Haushaltsjahr: 2024; Plan: 100.000,00 €", None),
        Change(
            "Beteiligung „Workshop“ am 12.03.2024",
            None,
            "Datum: 12.03.2024; Format: Workshop; Teilnehmende: 25",
        ),
    ]


def test_extra_columns_are_compared_by_header() -> None:
    old = measure(zusatzspalten={"Priorität": "hoch", "Notiz": "alt"})
    new = measure(zusatzspalten={"Priorität": "hoch", "Förderaufruf": "2021"})
    assert diff_records(old, new) == [
        Change("Zusatzspalte „Notiz“", "alt", None),
        Change("Zusatzspalte „Förderaufruf“", None, "2021"),
    ]


def test_long_child_names_are_shortened_to_fit_the_log() -> None:
    name = "Ein sehr langer Meilenstein " * 8
    old = measure(meilensteine=[MeilensteinData(name, date(2024, 6, 30))])
    new = measure(meilensteine=[MeilensteinData(name, date(2024, 7, 31))])
    (change,) = diff_records(old, new)
    assert len(change.feld) == 80
    assert change.feld.startswith("Meilenstein „Ein sehr langer")
    assert change.feld.endswith("…“: Termin")


def test_audit_rows_carry_who_when_and_where_from() -> None:
    when = datetime(2025, 3, 1, 9, 30)
    changes = [Change("Ampel", "gelb", "rot"), Change("Maßnahme", "Alt", "Neu")]
    rows = audit_rows(changes, "P-7", "anna", import_quelle("liste.xlsx"), when)
    assert [(r.massnahme_nr, r.benutzer, r.feld, r.alter_wert, r.neuer_wert) for r in rows] == [
        ("P-7", "anna", "Ampel", "gelb", "rot"),
        ("P-7", "anna", "Maßnahme", "Alt", "Neu"),
    ]
    assert {r.quelle for r in rows} == {"Import liste.xlsx"}
    assert {r.zeitpunkt for r in rows} == {when}
    assert (
        audit_rows([("Ampel", None, "rot")], "P-7", "ben", Quelle.WIEDERHERSTELLUNG)[0].quelle
        == "Wiederherstellung"
    )


def entry(feld: str, alt: str | None, neu: str | None) -> AenderungData:
    return AenderungData(datetime(2025, 3, 1, 9, 30), "anna", "P-7", feld, alt, neu, "Bearbeitung")


def test_a_new_measure_is_one_change_that_reads_as_one_line_per_field() -> None:
    record = measure(
        meilensteine=[MeilensteinData("Prototyp City-App", date(2024, 6, 30))],
        zusatzspalten={"Priorität": "hoch"},
        bemerkung="Zeile eins\nZeile zwei „zitiert“",
    )
    change = creation(record)
    assert (change.feld, change.alt) == (CREATED, None)

    lines = expanded(entry(*change))
    assert [(line.feld, line.alter_wert, line.neuer_wert) for line in lines] == [
        tuple(c) for c in diff_records(None, record)
    ]
    assert {(line.zeitpunkt, line.benutzer, line.massnahme_nr, line.quelle) for line in lines} == {
        (datetime(2025, 3, 1, 9, 30), "anna", "P-7", "Bearbeitung")
    }
    by_field = {line.feld: line.neuer_wert for line in lines}
    assert by_field["Gesamtkosten"] == "250.000,00 €"
    assert by_field["Meilenstein „Prototyp City-App“"] == "Meilenstein: Prototyp City-App; Termin: 30.06.2024"
    assert by_field["Zusatzspalte „Priorität“"] == "hoch"
    assert by_field["Bemerkungen"] == "Zeile eins\nZeile zwei „zitiert“"


def test_the_new_value_of_a_creation_is_compact_versioned_json_of_the_stored_values() -> None:
    text = creation(measure(meilensteine=[MeilensteinData("Prototyp", date(2024, 6, 30))])).neu
    assert text is not None
    assert text.startswith('{"v":1,"felder":{"nr":"P-7","titel":"Smarte Straßenbeleuchtung",')
    assert '"gesamtkosten":"250000.00"' in text
    assert '"meilensteine":[{"bezeichnung":"Prototyp","termin":"2024-06-30"}]' in text
    assert "ampel" not in text  # only what is set
    assert ": " not in text


@pytest.mark.parametrize("record", sample_records(), ids=lambda r: r.nr)
def test_every_kind_of_value_reads_back_as_diff_records_words_it(record: MassnahmeData) -> None:
    lines = expanded(entry(*creation(record)))
    assert [(line.feld, line.alter_wert, line.neuer_wert) for line in lines] == [
        tuple(change) for change in diff_records(None, record)
    ]


def test_a_field_this_version_does_not_know_still_reads_as_a_line() -> None:
    stored = '{"v":1,"felder":{"nr":"P-7","ausgemustert":"alter Wert"}}'
    lines = expanded(entry("angelegt", None, stored))
    assert [(line.feld, line.neuer_wert) for line in lines] == [
        ("Maßnahmen-Nr.", "P-7"),
        ("ausgemustert", "alter Wert"),
    ]


@pytest.mark.parametrize(
    "row",
    [
        ("Ampel", "gelb", "rot"),
        ("Maßnahmen-Nr.", None, "P-7"),  # a creation written one row per field (older databases)
        ("angelegt", None, "kein JSON"),
        ("angelegt", None, '{"v":2,"felder":{"nr":"P-7"}}'),
        ("angelegt", None, '{"v":1,"felder":"nr"}'),
        ("angelegt", None, '{"v":1,"felder":{"beginn":"30.06.2024"}}'),
        ("angelegt", None, None),
        ("angelegt", "alt", '{"v":1,"felder":{}}'),
    ],
)
def test_every_other_row_stays_one_line_as_stored(row: tuple[str, str | None, str | None]) -> None:
    assert expanded(entry(*row)) == [entry(*row)]
