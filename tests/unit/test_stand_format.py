"""The frozen format of a Stand (formats 1 and 2): what SQLite and PostgreSQL write reads back alike, and a
part written by an earlier version stays readable."""

from __future__ import annotations

import zlib
from dataclasses import fields, replace
from datetime import date, datetime
from decimal import Decimal

from gera_desktop.domain.enums import (
    Abrufstatus,
    Ampel,
    Beschlussart,
    Beschlussergebnis,
    Freigabe,
    Innovationsfeld,
    Projektart,
    Umsetzungsstand,
)
from gera_desktop.domain.records import (
    FIELD_KEYS,
    BeschlussData,
    FinanzjahrData,
    MassnahmeData,
    MeilensteinData,
    MittelabrufData,
)
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.persistence import frozen

# UM-06 as SQLite's json_array writes it (amounts as floats, a flag as 0/1, the extra columns as text) and
# as PostgreSQL's json_build_array writes it (amounts with their scale, true/false, an object).
SQLITE_FIELDS = (
    '["UM-06","Sensorik","Umwelt","Umweltamt","2023-05-01","2026-06-30","in Umsetzung",420000.0,null,'
    '"Umsetzungsmaßnahme",null,null,null,"D. Exempel",null,null,"gelb",40.0,null,90.0,null,null,null,null,'
    'null,null,"82/2019 7. Ergänzung","2021-12-14","freigegeben",0,null,null,null,null,null,"2024-06-30",'
    '"{\\"Interne Notiz\\": \\"=1+1\\"}","2026-12-01 21:42:47.537381","anna"]'
)
POSTGRES_FIELDS = (
    '["UM-06","Sensorik","Umwelt","Umweltamt","2023-05-01","2026-06-30","in Umsetzung",420000.00,null,'
    '"Umsetzungsmaßnahme",null,null,null,"D. Exempel",null,null,"gelb",40.00,null,90.00,null,null,null,null,'
    'null,null,"82/2019 7. Ergänzung","2021-12-14","freigegeben",false,null,null,null,null,null,"2024-06-30",'
    '{"Interne Notiz": "=1+1"},"2026-12-01T21:42:47.537381","anna"]'
)
CHILDREN = {
    "sqlite": (
        '[["Pegel installiert","2024-04-30","2024-06-12",null]]',
        "[[2024,200000.0,150000.5,90000.0]]",
        None,
    ),
    "postgresql": (
        '[["Pegel installiert", "2024-04-30", "2024-06-12", null]]',
        "[[2024, 200000.00, 150000.50, 90000.00]]",
        None,
    ),
}
EFFECTIVE = [
    Decimal("420000.00"),
    Decimal("90.00"),
    Decimal("378000.00"),
    Decimal(0),
    Decimal("42000.00"),
    Decimal(90000),
]

EXPECTED = MassnahmeData(
    nr="UM-06",
    titel="Sensorik",
    innovationsfeld=Innovationsfeld.UMWELT,
    federfuehrung="Umweltamt",
    beginn=date(2023, 5, 1),
    ende=date(2026, 6, 30),
    status=Umsetzungsstand.IN_UMSETZUNG,
    gesamtkosten=Decimal("420000.00"),
    art=Projektart.UMSETZUNG,
    ansprechpartner="D. Exempel",
    ampel=Ampel.GELB,
    fortschritt=Decimal("40.00"),
    foerderquote=Decimal("90.00"),
    drucksache="82/2019 7. Ergänzung",
    beschlussdatum=date(2021, 12, 14),
    freigabe=Freigabe.FREIGEGEBEN,
    beteiligung=False,
    stand=date(2024, 6, 30),
    zusatzspalten={"Interne Notiz": "=1+1"},
    meilensteine=[MeilensteinData("Pegel installiert", date(2024, 4, 30), date(2024, 6, 12))],
    finanzen=[FinanzjahrData(2024, Decimal("200000.00"), Decimal("150000.50"), Decimal("90000.00"))],
    geaendert_am=datetime(2026, 12, 1, 21, 42, 47, 537381),
    geaendert_von="anna",
)


MIGRATED = BeschlussData(
    Beschlussart.STADTRAT, date(2021, 12, 14), Beschlussergebnis.BESCHLOSSEN, "82/2019", "7. Ergänzung"
)
"""The council decision migration 0004 made of UM-06's Drucksache-Nr./Beschlussdatum."""
EXPECTED_1 = replace(EXPECTED, beschluesse=[MIGRATED])
"""UM-06 read from a Stand of format 1: with the decision its pair became when the database was migrated."""

# Format 2 adds the Cluster's name to the fields and the calls and decisions to the children.
CALLS = {
    "sqlite": '[["2024-03-15",90000.0,"2024/I","ausgezahlt",null]]',
    "postgresql": '[["2024-03-15", 90000.00, "2024/I", "ausgezahlt", null]]',
}
DECISIONS = {
    "sqlite": '[["Stadtrat","82/2019","7. Ergänzung",null,"2021-12-14","beschlossen",0,null]]',
    "postgresql": '[["Stadtrat", "82/2019", "7. Ergänzung", null, "2021-12-14", "beschlossen", false, null]]',
}
EXPECTED_2 = replace(
    EXPECTED,
    cluster="Klimaanpassung",
    mittelabrufe=[MittelabrufData(date(2024, 3, 15), Decimal("90000.00"), "2024/I", Abrufstatus.AUSGEZAHLT)],
    beschluesse=[MIGRATED],
)


def _format_2(backend: str, fields: str) -> bytes:
    text = fields.removesuffix("]") + ',"Klimaanpassung"]'
    children = (*CHILDREN[backend], CALLS[backend], DECISIONS[backend])
    return frozen.encode_part([frozen.measure_text(text, children, EFFECTIVE)])


def test_a_part_as_either_database_writes_it_reads_back_as_the_same_measure() -> None:
    (from_sqlite,) = frozen.decode_part(_format_2("sqlite", SQLITE_FIELDS))
    (from_postgres,) = frozen.decode_part(_format_2("postgresql", POSTGRES_FIELDS))

    assert from_sqlite == from_postgres
    assert from_sqlite.record == EXPECTED_2
    assert from_sqlite.effektiv == {
        "foerderfaehig": Decimal("420000.00"),
        "foerderquote": Decimal("90.00"),
        "bundesmittel": Decimal("378000.00"),
        "drittmittel": Decimal("0.00"),
        "eigenanteil": Decimal("42000.00"),
        "abgerufen": Decimal("90000.00"),
    }
    assert str(from_sqlite.record.finanzen[0].ist) == "150000.50"  # in whole cents, as the live record


# A part of format 1 exactly as this version stored it (zlib, level 1). Later versions must read it.
STORED_PART = zlib.compress(
    (
        "[[" + SQLITE_FIELDS + "," + ",".join(c or "[]" for c in CHILDREN["sqlite"]) + ","
        '["420000.00","90.00","378000.00","0.00","42000.00","90000.00"]]]'
    ).encode(),
    1,
)


def test_a_stored_part_of_format_1_stays_readable_with_its_migrated_decision() -> None:
    (measure,) = frozen.decode_part(STORED_PART, 1)

    assert frozen.FORMAT in frozen.READABLE
    assert 1 in frozen.READABLE
    assert measure.record == EXPECTED_1
    assert measure.record.cluster is None
    assert measure.record.mittelabrufe == []


def test_a_part_of_format_1_without_a_complete_pair_gets_no_decision() -> None:
    fields = SQLITE_FIELDS.replace('"2021-12-14"', "null")
    part = frozen.encode_part([frozen.measure_text(fields, CHILDREN["sqlite"], EFFECTIVE)])

    (measure,) = frozen.decode_part(part, 1)

    assert measure.record == replace(EXPECTED, beschlussdatum=None)


def test_the_format_names_every_field_of_a_measure_and_of_its_children() -> None:
    """A field added to the measures needs a new format (a format's key lists never change)."""
    assert set(frozen.MEASURE_KEYS) == {*FIELD_KEYS, "zusatzspalten", "geaendert_am", "geaendert_von"}
    for attr, record in frozen.CHILD_RECORDS.items():
        assert sorted(frozen.CHILD_KEYS[attr]) == sorted(f.name for f in fields(record))


def test_format_1_keeps_its_key_lists() -> None:
    measure_fields, child_fields = frozen.LAYOUTS[1]

    assert [key for key, _ in measure_fields] == [
        *(key for key in FIELD_KEYS if key != "cluster"),
        "zusatzspalten",
        "geaendert_am",
        "geaendert_von",
    ]
    assert list(child_fields) == ["meilensteine", "finanzen", "beteiligungen"]


def test_the_settings_in_force_read_back() -> None:
    settings = ProgrammEinstellungen(
        Decimal("80.50"),
        Decimal("5000000.00"),
        "Programmbüro",
        programmende=date(2027, 6, 30),
        stichtag_neue_massnahmen=date(2025, 12, 31),
        verwendungsnachweis=date(2028, 6, 30),
    )

    assert frozen.decode_settings(frozen.encode_settings(settings)) == settings
    assert frozen.decode_settings(frozen.encode_settings(ProgrammEinstellungen())) == ProgrammEinstellungen()


def test_the_settings_of_a_stand_before_the_deadlines_read_with_their_defaults() -> None:
    stored = {"foerderquote": "90", "foerdervolumen": None, "programmbuero": "Programmbüro"}

    assert frozen.decode_settings(stored) == ProgrammEinstellungen(programmbuero="Programmbüro")
