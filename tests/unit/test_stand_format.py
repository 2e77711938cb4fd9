"""The frozen format of a Stand (format 1): what SQLite and PostgreSQL write reads back alike, and a part
written by this version stays readable by later ones."""

from __future__ import annotations

import zlib
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal

from gera_desktop.domain.enums import Ampel, Freigabe, Innovationsfeld, Projektart, Umsetzungsstand
from gera_desktop.domain.records import (
    FIELD_KEYS,
    FinanzjahrData,
    MassnahmeData,
    MeilensteinData,
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


def test_a_part_as_either_database_writes_it_reads_back_as_the_same_measure() -> None:
    sqlite = frozen.encode_part([frozen.measure_text(SQLITE_FIELDS, CHILDREN["sqlite"], EFFECTIVE)])
    postgres = frozen.encode_part([frozen.measure_text(POSTGRES_FIELDS, CHILDREN["postgresql"], EFFECTIVE)])

    (from_sqlite,) = frozen.decode_part(sqlite)
    (from_postgres,) = frozen.decode_part(postgres)

    assert from_sqlite == from_postgres
    assert from_sqlite.record == EXPECTED
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


def test_a_stored_part_of_format_1_stays_readable() -> None:
    (measure,) = frozen.decode_part(STORED_PART)

    assert frozen.FORMAT in frozen.READABLE
    assert 1 in frozen.READABLE
    assert measure.record == EXPECTED


def test_format_1_names_every_field_of_a_measure_and_of_its_children() -> None:
    """A field added to the measures needs a new format (format 1's key lists never change)."""
    assert set(frozen.MEASURE_KEYS) == {*FIELD_KEYS, "zusatzspalten", "geaendert_am", "geaendert_von"}
    for attr, record in frozen.CHILD_RECORDS.items():
        assert frozen.CHILD_KEYS[attr] == tuple(f.name for f in fields(record))


def test_the_settings_in_force_read_back() -> None:
    settings = ProgrammEinstellungen(Decimal("80.50"), Decimal("5000000.00"), "Programmbüro")

    assert frozen.decode_settings(frozen.encode_settings(settings)) == settings
    assert frozen.decode_settings(frozen.encode_settings(ProgrammEinstellungen())) == ProgrammEinstellungen()
