"""The council cycle in the files: the Cluster column of the Maßnahmenliste (also "Projektbündel",
"Bündel") and of CSV, an import against a measure's calls and decisions, and the JSON keys of spec
section 9."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from gera_desktop.domain.enums import Abrufstatus, Beschlussart, Beschlussergebnis
from gera_desktop.domain.records import BeschlussData, MassnahmeData, MittelabrufData
from gera_desktop.excel.csv_export import write_csv
from gera_desktop.excel.json_format import write_json
from gera_desktop.excel.json_reading import JsonFormatError, read_json
from gera_desktop.excel.liste import write_liste
from gera_desktop.services.clusters import ClusterService
from gera_desktop.services.importer import ImportService
from gera_desktop.services.massnahmen import MassnahmenService
from tests.records import measure, sample_records
from tests.workbooks import TITLE_BLOCK, Sheet, measures_file, save, table
from tests.workbooks import measure as row

STAND = date(2024, 6, 30)
NR, TITEL, ABGERUFEN = "Maßnahmen-Nr.", "Maßnahme", "Mittel abgerufen (€)"
CALLS = [
    MittelabrufData(date(2024, 3, 1), Decimal("30000.00"), status=Abrufstatus.ABGERUFEN),
    MittelabrufData(date(2025, 2, 1), Decimal("20000.00"), status=Abrufstatus.AUSGEZAHLT),
    MittelabrufData(date(2025, 9, 1), Decimal("5000.00")),
]


@pytest.fixture
def called(importer: ImportService, measures: MassnahmenService, tmp_path: Path) -> MassnahmenService:
    """T-01 (100.000 €) with 30.000 € called in 2024 and 20.000 € in 2025, 5.000 € planned."""
    assert importer.run(measures_file(tmp_path / "neu.xlsx", row("T-01"))).written
    stored = measures.get("T-01")
    measures.update(replace(stored, mittelabrufe=CALLS))
    return measures


def update_of_t01(tmp_path: Path, name: str, *sheets: Sheet, **cells: object) -> Path:
    first = Sheet("Maßnahmen", [*TITLE_BLOCK, *table({NR: "T-01", TITEL: "Testmaßnahme", **cells})])
    return save(tmp_path / name, first, *sheets)


# --- Cluster ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["Cluster", "Projektbündel", "Bündel"])
def test_an_unknown_cluster_in_an_import_is_created_and_reported(
    importer: ImportService, measures: MassnahmenService, database, tmp_path: Path, header: str
) -> None:
    path = measures_file(tmp_path / "liste.xlsx", row("T-01", **{header: "Smart Mobility"}), row("T-02"))

    dry = importer.run(path, dry_run=True)
    assert ClusterService(database).list() == []
    report = importer.run(path)

    assert dry.new_clusters == report.new_clusters == ["Smart Mobility"]
    assert "Neue Cluster: „Smart Mobility“" in report.as_text()
    assert measures.get("T-01").cluster == "Smart Mobility"
    assert measures.get("T-02").cluster is None
    assert [(c.name, c.anzahl) for c in ClusterService(database).list()] == [("Smart Mobility", 1)]


def test_a_known_cluster_in_another_spelling_is_joined_unchanged(
    importer: ImportService, measures: MassnahmenService, tmp_path: Path
) -> None:
    importer.run(measures_file(tmp_path / "a.xlsx", row("T-01", Cluster="Smart Mobility")))

    report = importer.run(measures_file(tmp_path / "b.xlsx", row("T-01", Cluster=" SMART  mobility")))

    assert report.new_clusters == []
    assert report.unchanged == ["T-01"]
    assert measures.get("T-01").cluster == "Smart Mobility"


def test_the_cluster_column_round_trips_through_the_liste(
    importer: ImportService, measures: MassnahmenService, tmp_path: Path
) -> None:
    importer.run(measures_file(tmp_path / "a.xlsx", row("T-01", Cluster="Smart Mobility"), row("T-02")))
    export = tmp_path / "export.xlsx"
    write_liste(export, measures.list(), STAND)
    sheet = openpyxl.load_workbook(export)["Maßnahmen"]
    headers = [cell.value for cell in sheet[5]]
    column = headers.index("Cluster") + 1

    report = importer.run(export)

    assert headers[headers.index("Zielbild") + 1] == "Cluster"
    assert [sheet.cell(r, column).value for r in (6, 7)] == ["Smart Mobility", None]
    assert report.unchanged == ["T-01", "T-02"]
    assert not report.new_clusters


def test_csv_has_the_cluster_column(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    write_csv(path, [measure(cluster="Klimaanpassung")])

    header, values = path.read_text(encoding="utf-8-sig").splitlines()[:2]

    position = header.split(";").index("Cluster")
    assert values.split(";")[position] == "Klimaanpassung"


# --- calls: the file's Mittel abgerufen and Abgerufen against them ------------------------------------


def test_an_import_differing_from_the_calls_is_an_error_on_that_cell(
    importer: ImportService, called: MassnahmenService, tmp_path: Path
) -> None:
    years = Sheet(
        "Finanzen",
        [
            [NR, "Haushaltsjahr", "Abgerufen (€)"],
            ["T-01", 2024, 30_000],
            ["T-01", 2025, 25_000],
            ["T-01", 2026, 1],
        ],
    )
    before = called.get("T-01")

    report = importer.run(update_of_t01(tmp_path, "falsch.xlsx", years, **{ABGERUFEN: 55_000}))

    assert not report.written
    assert [(p.cell, p.value) for p in report.errors] == [
        ("Maßnahmen!C6", "55.000,00 €"),
        ("Finanzen!C3", "25.000,00 €"),
        ("Finanzen!C4", "1,00 €"),
    ]
    assert report.errors[0].header == ABGERUFEN
    assert report.errors[0].message == (
        "Mittel abgerufen der Maßnahme „T-01“ (55.000,00 €) weicht von ihren Mittelabrufen ab: abgerufen "
        "oder ausgezahlt sind 50.000,00 €. Die Mittelabrufe gelten – bitte den Betrag angleichen oder die "
        "Zelle leer lassen."
    )
    assert "abgerufen oder ausgezahlt sind im Jahr 2025 20.000,00 €" in report.errors[1].message
    assert called.get("T-01") == before


def test_an_import_matching_the_calls_or_leaving_them_empty_changes_nothing(
    importer: ImportService, called: MassnahmenService, tmp_path: Path
) -> None:
    years = Sheet(
        "Finanzen",
        [
            [NR, "Haushaltsjahr", "Abgerufen (€)", "Plan (€)"],
            ["T-01", 2024, 30_000, 60_000],
            ["T-01", 2025, None, 40_000],
        ],
    )
    before = called.get("T-01")

    report = importer.run(update_of_t01(tmp_path, "passt.xlsx", years, **{ABGERUFEN: "50.000,00 €"}))

    assert report.ok, report.as_text()
    after = called.get("T-01")
    assert [(y.jahr, y.plan, y.abgerufen) for y in after.finanzen] == [
        (2024, Decimal("60000.00"), Decimal("30000.00")),
        (2025, Decimal("40000.00"), Decimal("20000.00")),
    ]
    assert after.mittelabrufe == before.mittelabrufe
    assert after.abgerufen is None


# --- decisions: the file's Drucksache-Nr. and Beschlussdatum ------------------------------------------


def test_an_imported_pair_that_matches_no_decision_adds_one_and_an_empty_one_deletes_nothing(
    importer: ImportService, measures: MassnahmenService, tmp_path: Path
) -> None:
    first = {"Drucksache-Nr.": "82/2019 7. Ergänzung", "Beschlussdatum": date(2021, 12, 14)}
    importer.run(measures_file(tmp_path / "a.xlsx", row("T-01", **first)))
    later = {"Drucksache-Nr.": "82/2019 9. Ergänzung", "Beschlussdatum": "07.03.2024"}

    added = importer.run(update_of_t01(tmp_path, "b.xlsx", **later))
    emptied = importer.run(
        update_of_t01(tmp_path, "c.xlsx", **{"Drucksache-Nr.": None, "Beschlussdatum": None})
    )
    again = importer.run(update_of_t01(tmp_path, "d.xlsx", **first))

    stored = measures.get("T-01")
    council = [(b.drucksache, b.ergaenzung, b.datum, b.ergebnis) for b in stored.beschluesse]
    assert council == [
        ("82/2019", "7. Ergänzung", date(2021, 12, 14), Beschlussergebnis.BESCHLOSSEN),
        ("82/2019", "9. Ergänzung", date(2024, 3, 7), Beschlussergebnis.BESCHLOSSEN),
    ]
    assert {c.feld for c in added.changed[0].changes} >= {
        "Drucksache-Nr.",
        "Beschlussdatum",
        "Beschluss Stadtrat „82/2019 9. Ergänzung“ vom 07.03.2024",
    }
    assert emptied.unchanged == again.unchanged == ["T-01"]
    assert (stored.drucksache, stored.beschlussdatum) == ("82/2019 9. Ergänzung", date(2024, 3, 7))


# --- JSON ---------------------------------------------------------------------------------------------


def council_records() -> list[MassnahmeData]:
    records = sample_records()
    records[0] = replace(
        records[0],
        cluster="Digitale Verwaltung",
        mittelabrufe=[
            MittelabrufData(date(2021, 10, 1), Decimal("26550.45"), "2021/II", Abrufstatus.AUSGEZAHLT)
        ],
        beschluesse=[
            BeschlussData(
                Beschlussart.STADTRAT,
                date(2021, 12, 14),
                Beschlussergebnis.BESCHLOSSEN,
                "82/2019",
                "7. Ergänzung",
                "Stadtrat",
                umlaufbeschluss=True,
            ),
            BeschlussData(
                Beschlussart.FOERDERMITTELGEBER,
                date(2022, 1, 20),
                Beschlussergebnis.NACHBESSERUNG,
                begruendung="Kostenplan fehlt",
            ),
        ],
    )
    return records


def test_json_has_the_cluster_calls_and_decisions_and_reads_them_back(tmp_path: Path) -> None:
    path = tmp_path / "liste.json"
    write_json(path, council_records(), STAND)

    first = json.loads(path.read_text(encoding="utf-8"))["massnahmen"][0]

    assert first["cluster"] == "Digitale Verwaltung"
    assert first["mittelabrufe"] == [
        {
            "datum": "2021-10-01",
            "betrag": 26550.45,
            "halbjahr": "2021/II",
            "status": "ausgezahlt",
            "bemerkung": None,
        }
    ]
    assert first["beschluesse"][0] == {
        "art": "Stadtrat",
        "drucksache": "82/2019",
        "ergaenzung": "7. Ergänzung",
        "gremium": "Stadtrat",
        "datum": "2021-12-14",
        "ergebnis": "beschlossen",
        "umlaufbeschluss": True,
        "begruendung": None,
    }
    assert first["beschluesse"][1]["begruendung"] == "Kostenplan fehlt"
    assert read_json(path) == council_records()


def test_json_written_before_the_council_cycle_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "alt.json"
    write_json(path, sample_records(), STAND)
    document = json.loads(path.read_text(encoding="utf-8"))
    for item in document["massnahmen"]:
        for key in ("cluster", "mittelabrufe", "beschluesse"):
            del item[key]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    assert read_json(path) == sample_records()


def test_json_refuses_a_call_with_an_unknown_status(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.json"
    write_json(path, council_records(), STAND)
    path.write_text(path.read_text(encoding="utf-8").replace('"ausgezahlt"', '"bezahlt"'), encoding="utf-8")

    with pytest.raises(JsonFormatError, match='mittelabrufe 1, „status“: "bezahlt" ist nicht erlaubt'):
        read_json(path)
