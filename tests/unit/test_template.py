"""The empty import template: it imports as it is, and with its own examples typed in; drop-downs and hints
come from the column spec."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from gera_desktop.__main__ import main
from gera_desktop.excel.columns import SHEET_MASSNAHMEN, SHEETS, Kind
from gera_desktop.excel.template import HINT_HEADERS, HINTS_TITLE
from gera_desktop.persistence.database import Database
from gera_desktop.services.importer import ImportService
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.template import save_template

HEADER_ROW, FIRST_ROW = 5, 6
STAND = date(2025, 3, 14)


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return save_template(tmp_path / "Vorlage.xlsx", STAND)


def hints(path: Path) -> list[dict[str, str]]:
    """The rows of the sheet Ausfüllhinweise below its header, keyed by its column titles."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(HINTS_TITLE).to_python()
    start = next(i for i, row in enumerate(rows) if tuple(row[: len(HINT_HEADERS)]) == HINT_HEADERS)
    return [dict(zip(HINT_HEADERS, map(str, row), strict=False)) for row in rows[start + 1 :] if any(row)]


def fill_with_examples(template: Path, target: Path) -> None:
    """Type the hints' example of every column into the first data row of its sheet, as text."""
    examples = hints(template)
    workbook = load_workbook(template)
    for spec in SHEETS:
        sheet = workbook[spec.title]
        headers = [cell.value for cell in sheet[HEADER_ROW]]
        for row in examples:
            if row["Blatt"] == spec.title and row["Beispiel"]:
                sheet.cell(FIRST_ROW, headers.index(row["Spalte"]) + 1, row["Beispiel"])
    workbook.save(target)


def test_the_empty_template_imports_with_no_measure_and_no_problem(
    template: Path, database: Database
) -> None:
    report = ImportService(database).run(template, dry_run=True)

    assert report.ok
    assert (report.new, report.changed, report.warnings, report.errors) == ([], [], [], [])
    assert HINTS_TITLE in report.ignored_sheets


def test_the_template_filled_with_its_own_examples_imports_one_measure(
    template: Path, tmp_path: Path, database: Database
) -> None:
    filled = tmp_path / "ausgefuellt.xlsx"
    fill_with_examples(template, filled)

    dry = ImportService(database).run(filled, dry_run=True)
    real = ImportService(database).run(filled)

    assert dry.errors == []
    assert dry.new == ["UM-12"]
    assert real.written
    stored = MassnahmenService(database).get("UM-12")
    assert (stored.titel, stored.beginn, stored.gesamtkosten) == (
        "Digitale Parkraumsteuerung Innenstadt",
        date(2025, 3, 1),
        Decimal("450000.00"),
    )
    assert [len(stored.meilensteine), len(stored.finanzen), len(stored.beteiligungen)] == [1, 1, 1]


def test_every_column_of_every_sheet_is_explained(template: Path) -> None:
    rows = hints(template)

    assert [(r["Blatt"], r["Spalte"]) for r in rows] == [
        (s.title, c.header) for s in SHEETS for c in s.columns
    ]
    required = {(s.title, c.header) for s in SHEETS for c in s.columns if c.required}
    assert {(r["Blatt"], r["Spalte"]) for r in rows if r["Pflicht"] == "ja"} == required
    assert all(r["Beispiel"] for r in rows if r["Spalte"] != "Stand"), "ein Beispiel fehlt"


def test_the_hints_name_the_allowed_values_and_the_rules(template: Path) -> None:
    rows = {(r["Blatt"], r["Spalte"]): r for r in hints(template)}

    feld = rows["Maßnahmen", "Innovationsfeld"]
    assert feld["Erlaubte Werte"].splitlines() == [
        "Bauen, Wohnen und Lebensraum",
        "Energie",
        "Mobilität und Infrastruktur",
        "Tourismus, Kultur und Freizeit",
        "Umwelt",
        "Wirtschaft und Innovationskraft",
    ]
    assert feld["Typ"] == "Auswahl"
    assert rows["Maßnahmen", "Ende"]["Regel"] == "nicht vor Beginn"
    assert rows["Maßnahmen", "Maßnahme"]["Typ"] == "Text, höchstens 200 Zeichen"
    assert rows["Finanzen", "Haushaltsjahr"]["Regel"] == "2019 bis 2035"
    assert "Blatt „Maßnahmen“" in rows["Meilensteine", "Maßnahmen-Nr."]["Regel"]


def test_every_choice_column_offers_its_values_as_a_drop_down(template: Path) -> None:
    workbook = load_workbook(template)
    sheet, lists = workbook["Maßnahmen"], workbook["Auswahllisten"]
    validations = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}

    for index, column in enumerate(SHEET_MASSNAHMEN.columns, start=1):
        if column.kind is not Kind.ENUM:
            continue
        assert column.choices is not None
        validation = validations.pop(f"{get_column_letter(index)}{FIRST_ROW}")
        assert str(validation.sqref).endswith(str(FIRST_ROW + 999))  # rows typed in by hand too
        source = validation.formula1.split("!")[1].replace("$", "")
        assert [c.value for (c,) in lists[source]] == [str(m) for m in column.choices]
    beteiligung = SHEET_MASSNAHMEN.columns.index(SHEET_MASSNAHMEN.column("beteiligung")) + 1
    assert list(validations) == [f"{get_column_letter(beteiligung)}{FIRST_ROW}"]  # ja/nein
    assert lists.sheet_state == "hidden"


def test_the_title_points_at_the_hints_and_the_data_rows_are_empty(template: Path) -> None:
    sheet = load_workbook(template)["Maßnahmen"]

    assert sheet["B2"].value is None
    assert sheet["A2"].value == "Maßnahmenliste – Vorlage zum Ausfüllen (Stand der Vorlage: 14.03.2025)"
    assert sheet["A3"].value == "Hinweise zu jeder Spalte: Blatt „Ausfüllhinweise“"
    assert sheet.max_row == HEADER_ROW


def test_the_command_line_saves_the_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "Vorlage Umweltamt"

    assert main(["vorlage", str(target)]) == 0

    written = target.with_name("Vorlage Umweltamt.xlsx")
    assert f"Vorlage gespeichert: {written}" in capsys.readouterr().out
    assert load_workbook(written).sheetnames[:5] == [
        "Maßnahmen",
        "Meilensteine",
        "Finanzen",
        "Beteiligung",
        HINTS_TITLE,
    ]


def test_a_missing_folder_is_refused_in_german(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vorlage", str(tmp_path / "fehlt" / "Vorlage.xlsx")]) == 1

    assert "Der Ordner" in capsys.readouterr().err
    assert not (tmp_path / "fehlt").exists()
