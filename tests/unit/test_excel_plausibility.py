"""Plausibility warnings of the reader: a Förderquote typed as a fraction, hidden rows and columns, and
the title block's "Stand" date; and the German row ranges and short lists the messages use."""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl.utils.datetime import WINDOWS_EPOCH

from gera_desktop.domain.formatting import format_rows, short_list
from gera_desktop.excel.parsed import ParsedWorkbook, Severity
from gera_desktop.excel.reader import read_workbook
from gera_desktop.excel.sheet_xml import HiddenParts, SheetXmlParser, Styles
from tests.conftest import EXAMPLES
from tests.workbooks import NS, TITLE_BLOCK, Sheet, measure, measures_file, save, table

RATE = "Förderquote (%)"
RATE_CELL = "Maßnahmen!I6"
"""``measure(**{RATE: …})`` puts the Förderquote in column I, the first data row is 6."""


def warnings(book: ParsedWorkbook) -> list[tuple[str, str, str]]:
    """(place, header, message) of every warning; the place is the cell, else the sheet."""
    return [(p.cell or p.sheet, p.header, p.message) for p in book.warnings]


# --- German row ranges and short lists ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "text"),
    [
        ([7], "Zeile 7"),
        (range(2, 75), "Zeilen 2–74"),
        ([25, 2, 14, *range(3, 11), 20, 21, 22, 23, 24, 14], "Zeilen 2–10, 14, 20–25"),
        ([4, 5], "Zeilen 4–5"),
        (range(2, 40, 2), "Zeilen 2, 4, 6, 8, 10, 12, 14, 16, 18, 20 und 9 weitere"),
    ],
)
def test_rows_are_named_as_german_ranges(rows: list[int], text: str) -> None:
    assert format_rows(rows) == text


def test_long_lists_show_the_first_five_and_count_the_rest() -> None:
    names = [f"Blatt {n}" for n in range(1, 18)]
    assert short_list(names) == "Blatt 1, Blatt 2, Blatt 3, Blatt 4, Blatt 5 und 12 weitere"
    assert short_list(names[:5]) == "Blatt 1, Blatt 2, Blatt 3, Blatt 4, Blatt 5"
    assert short_list([f"N{n}" for n in range(1005)]).endswith("und 1.000 weitere")


# --- Förderquote typed as a fraction ------------------------------------------------------------------


def test_a_rate_between_0_and_1_without_percent_format_is_kept_but_doubted(tmp_path: Path) -> None:
    book = read_workbook(measures_file(tmp_path / "l.xlsx", measure(**{RATE: 0.9})))
    assert not book.has_errors
    assert book.massnahmen[0].values["foerderquote"] == Decimal("0.90")
    assert warnings(book) == [
        (
            RATE_CELL,
            RATE,
            "0,9 – gemeint 90 %? Die Zelle ist nicht als Prozent formatiert; eingelesen wird 0,9 %. "
            "Sind 90 % gemeint, bitte 90 % eintragen.",
        )
    ]
    assert book.warnings[0].value == "0,9"


@pytest.mark.parametrize(("typed", "meant"), [("0,75", "75 %"), (1, "100 %"), (0.85, "85 %")])
def test_typed_fractions_and_a_plain_one_are_doubted_too(tmp_path: Path, typed: object, meant: str) -> None:
    book = read_workbook(measures_file(tmp_path / "l.xlsx", measure(**{RATE: typed})))
    assert [p.cell for p in book.warnings] == [RATE_CELL]
    assert book.warnings[0].message.startswith(f"{str(typed).replace('.', ',')} – gemeint {meant}?")


@pytest.mark.parametrize(
    ("typed", "formats", "read"),
    [
        (0.9, {"I6": "0%"}, Decimal(90)),
        (0.009, {"I6": "0.0%"}, Decimal("0.90")),
        ("0,9 %", {}, Decimal("0.90")),
        (90, {}, Decimal(90)),
        (0, {}, Decimal(0)),
        (1.5, {}, Decimal("1.50")),
    ],
)
def test_rates_that_say_what_they_mean_get_no_warning(
    tmp_path: Path, typed: object, formats: dict[str, str], read: Decimal
) -> None:
    book = read_workbook(measures_file(tmp_path / "l.xlsx", measure(**{RATE: typed}), formats=formats))
    assert book.problems == []
    assert book.massnahmen[0].values["foerderquote"] == read


def test_fortschritt_as_a_fraction_is_not_doubted(tmp_path: Path) -> None:
    book = read_workbook(measures_file(tmp_path / "l.xlsx", measure(**{"Fortschritt (%)": 0.5})))
    assert book.problems == []


# --- hidden rows and columns --------------------------------------------------------------------------


def five_measures(**options: object) -> Sheet:
    """Title block, header in row 5, measures T-01 … T-05 in rows 6–10 with Bemerkungen in column I."""
    records = [measure(f"T-0{n}", Bemerkungen=f"Hinweis {n}") for n in range(1, 6)]
    return Sheet("Maßnahmen", [*TITLE_BLOCK, *table(*records)], **options)  # type: ignore[arg-type]


def test_hidden_data_rows_are_read_and_named(tmp_path: Path) -> None:
    sheet = five_measures(hidden_rows=[3, 7, 8, 9, 14])
    book = read_workbook(save(tmp_path / "l.xlsx", sheet))
    assert [row.values["nr"] for row in book.massnahmen] == ["T-01", "T-02", "T-03", "T-04", "T-05"]
    assert warnings(book) == [("Maßnahmen", "", "Zeilen 7–9 ausgeblendet – sie werden trotzdem eingelesen.")]
    assert book.warnings[0].severity is Severity.WARNING
    one = read_workbook(save(tmp_path / "one.xlsx", five_measures(hidden_rows=[10])))
    assert warnings(one) == [("Maßnahmen", "", "Zeile 10 ausgeblendet – sie wird trotzdem eingelesen.")]


def test_hidden_columns_are_named_only_where_they_hold_imported_data(tmp_path: Path) -> None:
    rows = [*TITLE_BLOCK, *table(*(measure(f"T-0{n}", Bemerkungen=f"Hinweis {n}") for n in range(1, 4)))]
    rows[4] += ["Ampel", "Notiz", None]
    rows[5] += [None, "eigene Notiz", "ohne Überschrift"]
    sheet = Sheet("Maßnahmen", rows, hidden_columns=["C", "I", "J:L"])
    book = read_workbook(save(tmp_path / "l.xlsx", sheet))
    assert not book.has_errors
    assert book.massnahmen[0].values["bemerkung"] == "Hinweis 1"
    assert book.massnahmen[0].extras == {"Notiz": "eigene Notiz"}
    hidden = [message for place, _, message in warnings(book) if "ausgeblendet" in message]
    assert hidden == [
        "Spalte C (Innovationsfeld) ausgeblendet – ihre Werte werden trotzdem eingelesen.",
        "Spalte I (Bemerkungen) ausgeblendet – ihre Werte werden trotzdem eingelesen.",
        "Spalte K (Notiz) ausgeblendet – ihre Werte werden trotzdem eingelesen.",
    ]


def test_hidden_rows_that_are_not_imported_are_not_named(tmp_path: Path) -> None:
    rows: list[list[object]] = [*TITLE_BLOCK, *table(measure("T-01"), measure("T-02")), [None, "Summe"]]
    book = read_workbook(save(tmp_path / "l.xlsx", Sheet("Maßnahmen", rows, hidden_rows=[1, 2, 8, 20])))
    assert [t.row for t in book.total_rows] == [8]
    assert book.warnings == []


def test_hidden_parts_of_child_sheets(tmp_path: Path) -> None:
    milestones = [
        {"Maßnahmen-Nr.": "T-01", "Meilenstein": f"Schritt {n}", "Termin": date(2024, n, 1), "Wer": "AB"}
        for n in range(1, 5)
    ]
    sheet = Sheet("Meilensteine", table(*milestones), hidden_rows=[3, 4], hidden_columns=["C", "D"])
    book = read_workbook(save(tmp_path / "l.xlsx", Sheet("Maßnahmen", table(measure())), sheet))
    assert len(book.meilensteine) == 4
    assert [m for p, _, m in warnings(book) if p == "Meilensteine" and "ausgeblendet" in m] == [
        "Zeilen 3–4 ausgeblendet – sie werden trotzdem eingelesen.",
        "Spalte C (Termin) ausgeblendet – ihre Werte werden trotzdem eingelesen.",
    ]


def test_hidden_as_libreoffice_writes_it() -> None:
    xml = (
        f'<worksheet xmlns="{NS}"><cols><col min="2" max="3" width="0" hidden="true"/>'
        '<col min="4" max="4" hidden="false"/></cols><sheetData>'
        '<row r="1" hidden="true"><c r="A1"><v>1</v></c></row>'
        '<row r="2" hidden="0"><c r="A2"><v>2</v></c></row>'
        "</sheetData></worksheet>"
    )
    hidden = HiddenParts()
    parser = SheetXmlParser([], Styles(WINDOWS_EPOCH, set(), set(), set()), hidden)
    assert list(parser.rows(io.BytesIO(xml.encode()))) == [(1, [1]), (2, [2])]
    assert hidden == HiddenParts(rows={1}, columns={1, 2})


def test_the_example_files_hide_nothing_and_doubt_nothing() -> None:
    assert read_workbook(EXAMPLES / "massnahmenliste-2024-06.xlsx").warnings == []


# --- the file's Stand date and modification time -------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "stand", "cell"),
    [
        ([["Stadt Gera"], ["Maßnahmenliste"], ["Stand: 30.06.2024"], []], date(2024, 6, 30), "Maßnahmen!A3"),
        ([["Umweltamt"], ["  STAND 15.05.2024 "], []], date(2024, 5, 15), "Maßnahmen!A2"),
        ([["Liste", None, "Stand:", datetime(2025, 1, 31)], []], date(2025, 1, 31), "Maßnahmen!C1"),
        ([["Stand vom 2.3.25"], []], date(2025, 3, 2), "Maßnahmen!A1"),
        ([["Maßnahmenliste"], ["Stand der Umsetzung: gut"], []], None, ""),
        ([], None, ""),
    ],
)
def test_the_stand_of_the_title_block(
    tmp_path: Path, title: list[list[object]], stand: date | None, cell: str
) -> None:
    sheet = Sheet("Maßnahmen", [*title, *table(measure())])
    book = read_workbook(save(tmp_path / "l.xlsx", sheet))
    assert book.problems == []
    assert (book.stand, book.stand_cell) == (stand, cell)


def test_the_files_modification_time_is_kept(tmp_path: Path) -> None:
    path = measures_file(tmp_path / "l.xlsx", measure())
    saved = datetime(2024, 7, 1, 14, 5)
    os.utime(path, (saved.timestamp(), saved.timestamp()))
    assert read_workbook(path).saved_at == saved


def test_the_umweltamt_delivery_has_its_stand() -> None:
    book = read_workbook(EXAMPLES / "zulieferung-umweltamt.xlsx")
    assert (book.stand, book.stand_cell) == (date(2024, 5, 15), "Projekte!A2")
