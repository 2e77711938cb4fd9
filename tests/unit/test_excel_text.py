"""Text cells as Excel stores them (spec section 5): ``_xHHHH_`` escapes, line breaks, control
characters and over-long text, each reported at its own cell and quoted briefly."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from gera_desktop.excel.parsed import ParsedWorkbook
from gera_desktop.excel.reader import read_workbook
from tests.workbooks import (
    TITLE_BLOCK,
    Sheet,
    excel_like,
    header_and_measure,
    inline,
    measure,
    raw_workbook,
    table,
)

EXCEL_LINE_BREAK = "Zeile 1\r\nZeile 2"
"""A line break typed into a cell (Alt+Enter) or pasted from Outlook or Word: Excel keeps the CR."""


def measures_sheet(*records: dict[str, object]) -> Sheet:
    return Sheet("Maßnahmen", [*TITLE_BLOCK, *table(*records)])


def shared_strings(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/sharedStrings.xml").decode("utf-8")


def calamine_cell(path: Path, sheet: str, row: int, column: int) -> object:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()[row][column]


def cells(book: ParsedWorkbook) -> list[str]:
    return [p.cell for p in book.problems]


def test_a_line_break_from_excel_arrives_as_a_line_break_not_as_its_escape(tmp_path: Path) -> None:
    record = measure(Kurzbeschreibung=EXCEL_LINE_BREAK, Notiz=f"Notiz: {EXCEL_LINE_BREAK}")
    path = excel_like(tmp_path / "outlook.xlsx", measures_sheet(record))
    assert "Zeile 1_x000D_\nZeile 2" in shared_strings(path)  # what Excel writes for a typed line break

    book = read_workbook(path)

    assert book.problems == []
    assert book.massnahmen[0].values["kurzbeschreibung"] == "Zeile 1\nZeile 2"
    assert book.massnahmen[0].extras["Notiz"] == "Notiz: Zeile 1\nZeile 2"
    assert calamine_cell(path, "Maßnahmen", 5, 8) == EXCEL_LINE_BREAK  # the independent reader agrees


def test_text_that_spells_an_escape_stays_as_typed(tmp_path: Path) -> None:
    typed = "Vorlage _x0041_ und _x005F_ bleiben so"
    record = measure(Bemerkungen=typed, **{"Spalte _x0042_": 1})
    path = excel_like(tmp_path / "l.xlsx", measures_sheet(record))
    assert "_x005F_x0041_" in shared_strings(path)

    book = read_workbook(path)

    assert book.problems == []
    assert book.massnahmen[0].values["bemerkung"] == typed
    assert book.massnahmen[0].extras == {"Spalte _x0042_": 1}
    assert calamine_cell(path, "Maßnahmen", 5, 8) == typed


RUNS = '<r><t>Zeile_x000D_</t></r><r><t xml:space="preserve">\nZwei</t></r>'
"""A line break at the end of a formatted run, as Excel writes rich text."""
TITLE_CELLS = {
    "inline": inline("B2", "Zeile_x000D_\nZwei"),
    "inline-runs": f'<c r="B2" t="inlineStr"><is>{RUNS}</is></c>',
    "shared": '<c r="B2" t="s"><v>0</v></c>',
    "shared-runs": '<c r="B2" t="s"><v>1</v></c>',
    "formula-result": '<c r="B2" t="str"><f>A9</f><v>Zeile_x000d_\nZwei</v></c>',
}


@pytest.mark.parametrize("kind", TITLE_CELLS)
def test_escapes_are_decoded_in_every_kind_of_string(tmp_path: Path, kind: str) -> None:
    strings = ("Zeile_x000D_\nZwei", RUNS)
    path = raw_workbook(tmp_path / "l.xlsx", header_and_measure(B=TITLE_CELLS[kind]), strings=strings)

    book = read_workbook(path)

    assert book.problems == []
    assert book.massnahmen[0].values["titel"] == "Zeile\nZwei"
    assert calamine_cell(path, "Maßnahmen", 1, 1) == "Zeile\r\nZwei"


def test_a_carriage_return_alone_is_a_line_break(tmp_path: Path) -> None:
    path = raw_workbook(tmp_path / "l.xlsx", header_and_measure(B=inline("B2", "Alt_x000D_Neu")))
    assert read_workbook(path).massnahmen[0].values["titel"] == "Alt\nNeu"


def test_an_escaped_control_character_is_an_error_at_its_cell_on_every_sheet(tmp_path: Path) -> None:
    record = measure(Maßnahme="Glocke\x07", Notiz="Escape\x1b[31m", **{"Spalte\x01": "x"})
    milestones = Sheet(
        "Meilensteine", [["Maßnahmen-Nr.", "Meilenstein", "Termin"], ["T-01", "Start\x02", date(2024, 3, 1)]]
    )
    path = excel_like(tmp_path / "l.xlsx", measures_sheet(record), milestones)
    assert "Glocke_x0007_" in shared_strings(path)

    book = read_workbook(path)

    assert cells(book) == ["Maßnahmen!J5", "Maßnahmen!B6", "Maßnahmen!I6", "Meilensteine!B2"]
    assert all("unzulässiges Steuerzeichen" in p.message and p.is_error for p in book.problems)
    assert [p.value for p in book.problems] == ["Spalte\\x01", "Glocke\\x07", "Escape\\x1b[31m", "Start\\x02"]


def test_a_40000_character_cell_is_reported_at_its_own_cell_and_quoted_briefly(tmp_path: Path) -> None:
    """Excel and openpyxl cut text at 32,767 characters; a file from elsewhere may hold more."""
    huge = "y" * 40_000
    row = header_and_measure(
        {"I": "Stadtteil", "J": "Notiz", "K": huge, "L": "E-Mail"},
        E=inline("E2", huge),
        G=inline("G2", huge),
        I=inline("I2", huge),
        J=inline("J2", huge),
        L=inline("L2", huge[:30_000]),
    )

    book = read_workbook(raw_workbook(tmp_path / "l.xlsx", row))

    assert sorted(cells(book)) == [f"Maßnahmen!{cell}" for cell in ("E2", "G2", "I2", "J2", "K1", "L2")]
    for problem in book.problems:
        assert max(map(len, re.findall("y+", str(problem)))) <= 80, problem.cell
        assert len(str(problem)) < 400, problem.cell
    too_long = {p.cell: p.message for p in book.problems if "zu lang" in p.message}
    assert set(too_long) == {"Maßnahmen!I2", "Maßnahmen!J2", "Maßnahmen!K1"}
    assert "40.000 Zeichen; eine Excel-Zelle fasst höchstens 32.767" in too_long["Maßnahmen!I2"]
    assert "E-Mail-Adresse" in next(p.message for p in book.problems if p.cell == "Maßnahmen!L2")
