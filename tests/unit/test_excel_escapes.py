"""Text that spells Excel's ``_xHHHH_`` escapes survives every writer: what Excel shows is what was stored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from gera_desktop.domain.records import MassnahmeData
from gera_desktop.excel.anlage import AnlageOptions, write_anlage
from gera_desktop.excel.escapes import decode_text, encode_text
from gera_desktop.excel.liste import write_liste
from gera_desktop.persistence.database import Database
from gera_desktop.services.importer import ImportService
from gera_desktop.services.massnahmen import MassnahmenService
from tests.records import measure

STAND = date(2024, 6, 30)
LITERAL = "Vorlage _x0041_, Pfad C:\\_x000D_\\ und _x005F_x0041_ wie getippt"
"""Text a person typed that looks like escapes; Excel itself would store it escaped."""


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Zeile 1_x000D_\nZeile 2", "Zeile 1\r\nZeile 2"),
        ("_x0041__x0042_", "AB"),
        ("_x00e4_ und _x00C4_", "ä und Ä"),
        ("_x005F_x0041_", "_x0041_"),
        ("_x005F_x005F_x0041_", "_x005FA"),
        ("_x_x0041_", "_xA"),
        ("_x00410_ _X0041_ _x004g_ _x0041", "_x00410_ _X0041_ _x004g_ _x0041"),
        ("_xD83D_", "_xD83D_"),
    ],
)
def test_escapes_are_decoded_left_to_right_as_excel_and_calamine_do(stored: str, shown: str) -> None:
    assert decode_text(stored) == shown


@given(st.text(alphabet="_x005FfAD1 \n"))
def test_encoded_text_decodes_to_itself(text: str) -> None:
    assert decode_text(encode_text(text)) == text


def test_text_without_escapes_is_written_as_it_is() -> None:
    assert encode_text("Bürgerportal_x für alle") == "Bürgerportal_x für alle"
    assert encode_text("_x0041_") == "_x005F_x0041_"


def calamine_texts(path: Path, sheet: str) -> set[object]:
    """Every cell value of the sheet as python-calamine, an independent reader, sees it."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    return {value for row in rows for value in row}


def escaped_measure() -> MassnahmeData:
    return measure(
        "P-01",
        titel="Portal _x0041_",
        kurzbeschreibung=f"{LITERAL}\nzweite Zeile",
        partner="=_x0042_",
        bemerkung="Glocke _x0007_ (nur der Text)",
        zusatzspalten={"Notiz _x0043_": "Wert _x000D_"},
    )


def test_liste_export_imports_again_without_a_change(database: Database, tmp_path: Path) -> None:
    measures = MassnahmenService(database)
    measures.create(escaped_measure())
    before = measures.list()
    export = tmp_path / "export.xlsx"
    write_liste(export, before, STAND)

    report = ImportService(database, user="anna").run(export)

    assert report.ok, report.as_text()
    assert (report.new, report.changed, report.unchanged_count) == ([], [], 1)
    assert measures.list() == before
    assert measures.get("P-01").zusatzspalten == {"Notiz _x0043_": "Wert _x000D_"}
    written = {"Portal _x0041_", f"{LITERAL}\nzweite Zeile", "=_x0042_", "Notiz _x0043_", "Wert _x000D_"}
    assert written <= calamine_texts(export, "Maßnahmen")


def test_the_annex_shows_the_text_as_stored(tmp_path: Path) -> None:
    path = tmp_path / "anlage.xlsx"
    options = AnlageOptions("12/2024 _x0031_", "1", f"Betreff {LITERAL}", STAND)
    write_anlage(path, [escaped_measure()], options)

    texts = calamine_texts(path, "Anlage")

    assert {"Anlage 1 zur Drucksache Nr. 12/2024 _x0031_", f"Betreff {LITERAL}", "Portal _x0041_"} <= texts
    page_header = openpyxl.load_workbook(path)["Anlage"].oddHeader.right.text
    assert page_header == "Anlage 1 zur Drucksache Nr. 12/2024 _x0031_"
