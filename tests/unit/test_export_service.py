"""ExportService: one request, the right writer, the programme settings in the annex, refusals in German."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from gera_desktop import resources
from gera_desktop.domain.errors import ValidationError
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.excel.writing import ExportError
from gera_desktop.persistence.database import Database
from gera_desktop.services.demo import load_demo
from gera_desktop.services.export import (
    DEFAULT_BETREFF,
    ExportRequest,
    ExportService,
    NothingToExportError,
)
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.settings import SettingsService
from tests.records import sample_records

STAND = date(2026, 11, 26)


def _sheet_values(path: Path, sheet: str) -> list[list[object]]:
    workbook = openpyxl.load_workbook(path, data_only=True)
    return [list(row) for row in workbook[sheet].iter_rows(values_only=True)]


def test_the_annex_has_its_title_and_the_programme_envelope_from_the_database(
    database: Database, tmp_path: Path
) -> None:
    SettingsService(database).save(ProgrammEinstellungen(foerdervolumen=Decimal("12345678.90")))
    request = ExportRequest("anlage", drucksache=" 82/2019 ", anlage_nr="3", betreff="", stand=STAND)

    written = ExportService(database).export(tmp_path / "anlage.xlsx", sample_records(), request)

    rows = _sheet_values(written, "Anlage")
    assert rows[0][0] == "Anlage 3 zur Drucksache Nr. 82/2019"
    assert rows[1][0] == DEFAULT_BETREFF
    assert rows[2][0] == "Stand: 26.11.2026"
    envelope = [
        row for row in _sheet_values(written, "Übersicht") if row[0] and "Fördervolumen" in str(row[0])
    ]
    assert Decimal(str(envelope[0][2])) == Decimal("12345678.90")


def test_the_public_annex_leaves_out_personal_data_the_internal_one_has_it(
    database: Database, tmp_path: Path
) -> None:
    service = ExportService(database)
    public = service.export(
        tmp_path / "a.xlsx", sample_records(), ExportRequest("anlage", drucksache="1/2026")
    )
    internal = service.export(
        tmp_path / "b.xlsx", sample_records(), ExportRequest("anlage", drucksache="1/2026", intern=True)
    )

    assert "Ansprechpartner/in" not in _sheet_values(public, "Anlage")[4]
    assert "Ansprechpartner/in" in _sheet_values(internal, "Anlage")[4]
    assert any("muster@smartcity.example" in str(row) for row in _sheet_values(internal, "Anlage"))


def test_liste_csv_and_json_hold_the_given_records(database: Database, tmp_path: Path) -> None:
    records = sample_records()
    service = ExportService(database)

    liste = service.export(tmp_path / "l.xlsx", records, ExportRequest("liste", stand=STAND))
    table = service.export(tmp_path / "c.csv", records, ExportRequest("csv"))
    document = service.export(tmp_path / "j.json", records, ExportRequest("json", stand=STAND))

    numbers = [row[0] for row in _sheet_values(liste, "Maßnahmen")[5:] if row[0]]
    assert numbers == [r.nr for r in records]
    with table.open(encoding="utf-8-sig", newline="") as handle:
        assert [row[0] for row in csv.reader(handle, delimiter=";")][1:] == [r.nr for r in records]
    assert [m["nr"] for m in json.loads(document.read_text(encoding="utf-8"))["massnahmen"]] == [
        r.nr for r in records
    ]


def test_csv_and_json_compute_empty_amounts_with_the_programme_rate_of_the_database(
    database: Database, tmp_path: Path
) -> None:
    SettingsService(database).save(ProgrammEinstellungen(foerderquote=Decimal(80)))
    service = ExportService(database)

    table = service.export(tmp_path / "c.csv", sample_records(), ExportRequest("csv"))
    document = service.export(tmp_path / "j.json", sample_records(), ExportRequest("json", stand=STAND))

    with table.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["Maßnahmen-Nr."]: row for row in csv.DictReader(handle, delimiter=";")}
    assert rows["UM-02"]["Bundesmittel (€)"] == "336000,00"  # 80 % of 420.000 €
    measures = {m["nr"]: m for m in json.loads(document.read_text(encoding="utf-8"))["massnahmen"]}
    assert (measures["UM-02"]["bundesmittel"], measures["UM-02"]["effektiv"]["bundesmittel"]) == (
        None,
        336000,
    )


def test_the_list_computes_its_amounts_with_the_programme_rate_of_the_database(
    database: Database, tmp_path: Path
) -> None:
    SettingsService(database).save(ProgrammEinstellungen(foerderquote=Decimal(80)))
    um02 = next(record for record in sample_records() if record.nr == "UM-02")  # 420.000 €, all computed

    liste = ExportService(database).export(tmp_path / "l.xlsx", [um02], ExportRequest("liste", stand=STAND))

    header, row = _sheet_values(liste, "Maßnahmen")[4:6]
    cells = dict(zip(header, row, strict=True))
    assert (cells["Förderquote (%)"], cells["Bundesmittel (€)"], cells["Eigenanteil (€)"]) == (
        None,
        336_000,
        84_000,
    )


@pytest.mark.parametrize(
    ("name", "request_", "field", "message"),
    [
        ("a.xlsx", ExportRequest("anlage", drucksache="  "), "drucksache", "bitte die Drucksache angeben"),
        ("a.csv", ExportRequest("liste"), "datei", "„a.csv“ muss für Maßnahmenliste auf .xlsx enden"),
        ("a.xlsx", ExportRequest("json"), "datei", "muss für JSON auf .json enden"),
    ],
)
def test_a_request_that_does_not_fit_writes_nothing(
    database: Database, tmp_path: Path, name: str, request_: ExportRequest, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        ExportService(database).export(tmp_path / name, sample_records(), request_)

    (problem,) = caught.value.for_field(field)
    assert message in problem
    assert not (tmp_path / name).exists()


def test_no_records_no_file(database: Database, tmp_path: Path) -> None:
    with pytest.raises(NothingToExportError, match="keine Maßnahmen zum Exportieren"):
        ExportService(database).export(tmp_path / "x.json", [], ExportRequest("json"))
    assert not (tmp_path / "x.json").exists()


def test_a_file_open_in_excel_is_refused_and_kept(database: Database, tmp_path: Path) -> None:
    target = tmp_path / "Anlage.xlsx"
    target.write_bytes(b"vorher")
    (tmp_path / "~$Anlage.xlsx").write_bytes(b"")

    with pytest.raises(ExportError, match="noch geöffnet, vermutlich in Excel"):
        ExportService(database).export(target, sample_records(), ExportRequest("anlage", drucksache="1"))
    assert target.read_bytes() == b"vorher"


@pytest.mark.parametrize(
    ("request_", "label"),
    [
        (ExportRequest("liste"), "Maßnahmenliste"),
        (ExportRequest("anlage", drucksache="1"), "Anlage zur Beschlussvorlage, öffentlich"),
        (ExportRequest("anlage", drucksache="1", intern=True), "Anlage zur Beschlussvorlage, intern"),
        (ExportRequest("csv"), "CSV"),
        (ExportRequest("json"), "JSON"),
    ],
)
def test_the_label_says_what_was_written(request_: ExportRequest, label: str) -> None:
    assert request_.label == label


def test_the_sample_annex_shows_the_called_funds_and_lists_the_refused_measure_apart(
    database: Database, tmp_path: Path
) -> None:
    load_demo(database, resources.demo_data(), user="test")
    records = MassnahmenService(database).list()
    request = ExportRequest("anlage", drucksache="82/2019", stand=STAND)

    written = ExportService(database).export(tmp_path / "anlage.xlsx", records, request)

    rows = [row for row in _sheet_values(written, "Anlage") if row[0]]
    labels = [str(row[0]) for row in rows]
    total = rows[labels.index("Gesamtsumme (24 Maßnahmen; ohne 1 nicht weiterverfolgte, siehe unten)")]
    assert total[5:10] == [4091000, 3681900, 409100, 0, 391230]  # Gesamtkosten … Mittel abgerufen
    assert rows[labels.index("UM-01")][9] == 233730  # its budget years' calls, the field being empty
    assert labels.index("UM-11") > labels.index(str(total[0]))
    apart = rows[labels.index("Summe nicht weiterverfolgte Maßnahmen (1 Maßnahme)")]
    assert apart[5:7] == [1000000, 900000]
