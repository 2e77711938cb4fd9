"""CSV export (open data) and the JSON format: what a reader of the file sees, and the JSON round trip."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gera_desktop.domain.records import FinanzjahrData, MassnahmeData
from gera_desktop.excel.columns import MASSNAHMEN
from gera_desktop.excel.csv_export import write_csv
from gera_desktop.excel.json_format import MEASURE_KEYS, to_json, write_json
from gera_desktop.excel.json_reading import JsonFormatError, read_json
from gera_desktop.excel.writing import MAX_CELL_TEXT, ExportError
from tests.records import measure, sample_records

STAND = date(2024, 6, 30)
PERSONAL_OR_INTERNAL = ("Ansprechpartner/in", "Telefon", "E-Mail", "Bemerkungen")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "massnahmen.csv"
    write_csv(path, sample_records())
    return path


def test_csv_is_utf8_with_bom_and_semicolons(csv_file: Path):
    raw = csv_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    first_line = raw[3:].split(b"\r\n")[0].decode("utf-8")
    assert first_line.startswith("Maßnahmen-Nr.;Maßnahme;Kurzbeschreibung;Projektart;")


def test_csv_has_the_public_columns_only(csv_file: Path):
    header = list(read_csv(csv_file)[0])
    assert header == [c.header for c in MASSNAHMEN if c.header not in PERSONAL_OR_INTERNAL]
    text = csv_file.read_text(encoding="utf-8-sig")
    for private in ("A. Muster", "0365 838-1200", "muster@smartcity.example", "Verlängerung geprüft"):
        assert private not in text


def test_csv_values_in_german_notation(csv_file: Path):
    rows = {row["Maßnahmen-Nr."]: row for row in read_csv(csv_file)}
    first = rows["P-01"]
    assert first["Beginn"] == "01.02.2021"
    assert first["Gesamtkosten (€)"] == "52000,00"
    assert first["Förderquote (%)"] == "90"
    assert first["Bürgerbeteiligung"] == "ja"
    assert first["Innovationsfeld"] == "Wirtschaft und Innovationskraft"
    big = rows["UM-03"]
    assert big["Gesamtkosten (€)"] == "1234567,89"
    assert big["Förderquote (%)"] == "90,5"
    assert big["Maßnahme"] == "Grünflächen-Monitoring „Ökologie“ in Gera-Lusan"
    assert rows["UM-02"]["Fortschritt (%)"] == "33,5"


def test_csv_has_the_effective_amounts_where_the_fields_are_empty(tmp_path: Path):
    path = tmp_path / "massnahmen.csv"
    years = [FinanzjahrData(2023, abgerufen=Decimal("1000.50")), FinanzjahrData(2024, abgerufen=Decimal(20))]
    records = [*sample_records(), measure("UM-09", abgerufen=None, finanzen=years)]
    write_csv(path, records, programme_rate=Decimal(80))
    rows = {row["Maßnahmen-Nr."]: row for row in read_csv(path)}
    empty = rows["UM-02"]  # 420.000 € without any funding field: the programme rate of 80 %
    assert [empty[f"{name} (€)"] for name in ("davon förderfähig", "Bundesmittel", "Drittmittel")] == [
        "420000,00",
        "336000,00",
        "0,00",
    ]
    assert (empty["Förderquote (%)"], empty["Eigenanteil (€)"], empty["Mittel abgerufen (€)"]) == (
        "80",
        "84000,00",
        "0,00",
    )
    assert rows["UM-09"]["Mittel abgerufen (€)"] == "1020,50"
    assert rows["P-01"]["Mittel abgerufen (€)"] == "46800,00"  # as stored, not the budget years' sum


def test_csv_neutralises_text_that_a_spreadsheet_would_run(tmp_path: Path):
    path = tmp_path / "massnahmen.csv"
    records = [*sample_records(), measure("T-1", titel="\tTab", partner="\rWagenrücklauf", zielwert="x=1")]
    write_csv(path, records)
    rows = {row["Maßnahmen-Nr."]: row for row in read_csv(path)}
    assert rows["UM-01"]["Maßnahme"] == "'=SUMME(A1:A9)"
    assert rows["UM-01"]["Kurzbeschreibung"] == "'-5"
    assert rows["UM-01"]["Partner"] == "'@x"
    assert rows["UM-01"]["Stadtteil"] == "'+49 Stadtmitte"
    assert rows["T-1"]["Maßnahme"] == "'\tTab"
    assert rows["T-1"]["Partner"] == "'\rWagenrücklauf"
    assert rows["T-1"]["Zielwert"] == "x=1"


def test_csv_prefixes_error_values_as_excel_and_german_excel_spell_them(tmp_path: Path):
    path = tmp_path / "massnahmen.csv"
    texts = {"titel": "#N/A", "stadtteil": "#nv", "partner": "#DIV/0!", "zielwert": "#WERT!"}
    write_csv(path, [measure(**texts, wirkungsindikator="#Hashtag", verstetigung="Summe #NV")])
    row = read_csv(path)[0]
    assert [row[h] for h in ("Maßnahme", "Stadtteil", "Partner", "Zielwert")] == [
        "'#N/A",
        "'#nv",
        "'#DIV/0!",
        "'#WERT!",
    ]
    assert (row["Wirkungsindikator"], row["Betrieb nach Projektende"]) == ("#Hashtag", "Summe #NV")


def test_csv_numbers_keep_their_sign(tmp_path: Path):
    path = tmp_path / "massnahmen.csv"
    write_csv(path, [measure(drittmittel=Decimal("-5.00"), zielwert="-5")])
    row = read_csv(path)[0]
    assert row["Drittmittel (€)"] == "-5,00"
    assert row["Zielwert"] == "'-5"


def test_csv_refuses_text_longer_than_a_spreadsheet_cell(tmp_path: Path):
    path = tmp_path / "massnahmen.csv"
    with pytest.raises(ExportError, match=r"„Kurzbeschreibung“ der Maßnahme P-01 ist 32\.768 Zeichen lang"):
        write_csv(path, [measure(kurzbeschreibung="x" * (MAX_CELL_TEXT + 1))])
    assert not path.exists()


def test_csv_keeps_line_breaks_inside_a_field(tmp_path: Path):
    path = tmp_path / "massnahmen.csv"
    write_csv(path, [measure(kurzbeschreibung="Zeile eins\nZeile zwei; mit Semikolon")])
    assert read_csv(path)[0]["Kurzbeschreibung"] == "Zeile eins\nZeile zwei; mit Semikolon"


# --- JSON ----------------------------------------------------------------------------------------------


@pytest.fixture
def json_file(tmp_path: Path) -> Path:
    path = tmp_path / "massnahmen.json"
    write_json(path, sample_records(), STAND)
    return path


def test_json_has_every_key_with_null_where_empty(json_file: Path):
    document = json.loads(json_file.read_text(encoding="utf-8"))
    assert list(document) == ["stand", "massnahmen"]
    assert document["stand"] == "2024-06-30"
    for item in document["massnahmen"]:
        assert tuple(item) == MEASURE_KEYS
    empty = document["massnahmen"][2]
    assert empty["nr"] == "UM-02"
    assert empty["bundesmittel"] is None
    assert empty["ampel"] is None
    assert empty["meilensteine"] == empty["finanzen"] == empty["beteiligungen"] == []
    first = document["massnahmen"][0]
    assert first["meilensteine"] == [
        {"bezeichnung": "Start Pilotbetrieb", "termin": "2021-09-01", "erledigt_am": "2021-09-03",
         "bemerkung": "pünktlich"},
        {"bezeichnung": "Abschlussbericht", "termin": "2022-06-30", "erledigt_am": None, "bemerkung": None},
    ]  # fmt: skip
    assert first["finanzen"][1] == {"jahr": 2022, "plan": 22000, "ist": None, "abgerufen": None}
    assert list(first["beteiligungen"][0]) == ["datum", "format", "ort", "teilnehmende", "ergebnis"]


def test_json_types_dates_amounts_percentages_booleans(json_file: Path):
    text = json_file.read_text(encoding="utf-8")
    assert '"gesamtkosten": 52000.00,' in text
    assert '"drittmittel": 0.00,' in text
    assert '"foerderquote": 90.5,' in text
    document = json.loads(text)
    first = document["massnahmen"][0]
    assert first["beginn"] == "2021-02-01"
    assert first["beteiligung"] is True
    assert first["fortschritt"] == 100
    assert first["innovationsfeld"] == "Wirtschaft und Innovationskraft"
    assert document["massnahmen"][1]["zusatzspalten"] == {"Interne Notiz": "=1+1", "Priorität": 2}
    assert document["massnahmen"][1]["titel"] == "=SUMME(A1:A9)"


def test_json_keeps_the_stored_funding_and_adds_the_effective_figures(tmp_path: Path):
    path = tmp_path / "massnahmen.json"
    years = [FinanzjahrData(2023, abgerufen=Decimal("1000.50"))]
    write_json(
        path, [*sample_records(), measure("UM-09", abgerufen=None, finanzen=years)], STAND, None, Decimal(80)
    )
    measures = {m["nr"]: m for m in json.loads(path.read_text(encoding="utf-8"))["massnahmen"]}
    empty = measures["UM-02"]
    assert [empty[key] for key in ("foerderfaehig", "foerderquote", "bundesmittel", "abgerufen")] == [
        None
    ] * 4
    assert empty["effektiv"] == {
        "foerderfaehig": 420000,
        "foerderquote": 80,
        "bundesmittel": 336000,
        "drittmittel": 0,
        "eigenanteil": 84000,
        "abgerufen": 0,
    }
    assert measures["UM-03"]["effektiv"]["foerderquote"] == 90.5
    assert (measures["UM-09"]["abgerufen"], measures["UM-09"]["effektiv"]["abgerufen"]) == (None, 1000.5)
    assert '"eigenanteil": 84000.00' in path.read_text(encoding="utf-8")


def test_reading_json_takes_the_stored_values_and_ignores_the_effective_ones(tmp_path: Path):
    def change(document: dict[str, Any]) -> None:
        document["massnahmen"][2]["effektiv"]["bundesmittel"] = 1
        del document["massnahmen"][3]["effektiv"]

    assert read_json(write_document(tmp_path, change)) == sample_records()


def test_to_json_holds_amounts_as_decimals_with_two_places():
    document = to_json([measure(gesamtkosten=Decimal("52000"))], STAND)
    assert str(document["massnahmen"][0]["gesamtkosten"]) == "52000.00"


def test_json_round_trip_gives_the_same_records(json_file: Path):
    assert read_json(json_file) == sample_records()


def test_json_round_trip_of_fractional_extra_values(tmp_path: Path):
    path = tmp_path / "x.json"
    records = [measure(zusatzspalten={"Gewicht": 0.1, "Kennung": "007", "Leer": None, "Ja": True})]
    write_json(path, records, STAND)
    assert read_json(path) == records


def write_document(tmp_path: Path, change: Any) -> Path:
    """The sample file, loaded as plain JSON, changed, and written again."""
    path = tmp_path / "kaputt.json"
    write_json(path, sample_records(), STAND)
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_json_written_by_another_program_reads_the_same(tmp_path: Path):
    assert read_json(write_document(tmp_path, lambda d: None)) == sample_records()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["massnahmen"][0].pop("titel"), "Maßnahme 1 (P-01): es fehlen „titel“"),
        (lambda d: d["massnahmen"][1].update(farbe="rot"), "Maßnahme 2 (UM-01): unbekannt sind „farbe“"),
        (lambda d: d["massnahmen"][1].update(effektiv=[]), "Maßnahme 2 (UM-01), effektiv: muss ein Objekt"),
        (lambda d: d["massnahmen"][0].update(beginn="01.02.2021"), "„beginn“: muss ein Datum im Format"),
        (lambda d: d["massnahmen"][0].update(ende="2022-02-30"), '„ende“: "2022-02-30" ist kein gültiges'),
        (lambda d: d["massnahmen"][0].update(status="fertig"), '„status“: "fertig" ist nicht erlaubt'),
        (lambda d: d["massnahmen"][0].update(gesamtkosten="52000"), "„gesamtkosten“: muss eine Zahl sein"),
        (lambda d: d["massnahmen"][0].update(gesamtkosten=None), "„gesamtkosten“: Pflichtfeld"),
        (lambda d: d["massnahmen"][0].update(drittmittel=0.001), "0.001 hat mehr als zwei Nachkommastellen"),
        (lambda d: d["massnahmen"][0].update(foerderquote=120), "120 liegt nicht zwischen 0 und 100"),
        (lambda d: d["massnahmen"][0].update(beteiligung="ja"), "„beteiligung“: muss true oder false sein"),
        (
            lambda d: d["massnahmen"][0]["finanzen"][0].update(jahr=2021.5),
            "finanzen 1, „jahr“: muss eine ganze",
        ),
        (lambda d: d.pop("stand"), "genau die Schlüssel „stand“ und „massnahmen“"),
        (lambda d: d.update(massnahmen={}), "„massnahmen“ muss eine Liste sein"),
    ],
)
def test_read_json_refuses_bad_content_in_german(tmp_path: Path, change: Any, expected: str):
    with pytest.raises(JsonFormatError) as caught:
        read_json(write_document(tmp_path, change))
    assert "passt nicht zum Maßnahmen-JSON-Format" in caught.value.message
    assert expected in caught.value.message


def test_read_json_refuses_what_is_not_json(tmp_path: Path):
    path = tmp_path / "liste.json"
    path.write_text('{"stand": "2024-06-30", "massnahmen": [', encoding="utf-8")
    with pytest.raises(JsonFormatError, match=r"keine gültige JSON-Datei \(Zeile 1"):
        read_json(path)
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(JsonFormatError, match="keine UTF-8-Textdatei"):
        read_json(path)
    with pytest.raises(JsonFormatError, match="gibt es nicht"):
        read_json(tmp_path / "fehlt.json")


def test_read_json_names_at_most_twenty_problems(tmp_path: Path):
    records: list[MassnahmeData] = [measure(f"M-{i}") for i in range(30)]
    path = tmp_path / "viele.json"
    write_json(path, records, STAND)
    path.write_text(path.read_text(encoding="utf-8").replace('"status": "abgeschlossen"', '"status": 1'))
    with pytest.raises(JsonFormatError) as caught:
        read_json(path)
    assert caught.value.message.count("• ") == 21
    assert "… und 10 weitere Probleme" in caught.value.message
