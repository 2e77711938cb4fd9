"""Where the table is (spec sections 1 and 2): sheets, header row, columns, end of table, totals, extras."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from gera_desktop.domain.enums import Ampel, Innovationsfeld, Projektart, Umsetzungsstand
from gera_desktop.excel.columns import SHEETS, SheetSpec
from gera_desktop.excel.errors import DamagedFileError
from gera_desktop.excel.headers import normalise_header, sheet_spec_for
from gera_desktop.excel.parsed import ParsedWorkbook, Severity
from gera_desktop.excel.reader import read_workbook
from tests.workbooks import (
    TITLE_BLOCK,
    Sheet,
    header_and_measure,
    inline,
    measure,
    measures_file,
    raw_workbook,
    replace_in_member,
    save,
    table,
)


def messages(book: ParsedWorkbook) -> list[str]:
    return [p.message for p in book.problems]


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ("Fortschritt (%)", "fortschritt"),
        ("Kosten in €", "kosten"),
        ("Gesamtkosten in EUR*", "gesamtkosten"),
        ("  FOERDERQUOTE   in % ", "forderquote"),
        ("Förderquote [%]:", "forderquote"),
        ("Maßnahmen-\nNr.:", "massnahmen-nr"),
        ("Massnahmen-Nr", "massnahmen-nr"),
        ("Zuständigkeit", "zustandigkeit"),
        ("Zustaendigkeit", "zustandigkeit"),
        ("Beginn (geplant)", "beginn (geplant)"),
    ],
)
def test_headers_are_compared_without_case_units_umlaut_spelling_and_marks(found: str, expected: str) -> None:
    assert normalise_header(found) == expected


@pytest.mark.parametrize("spec", SHEETS, ids=lambda spec: spec.key)
def test_no_two_columns_of_a_sheet_share_a_name(spec: SheetSpec) -> None:
    """Otherwise a header could land in the wrong column; names of other sheets may repeat."""
    owners: dict[str, str] = {}
    for column in spec.columns:
        for name in column.names:
            assert owners.setdefault(normalise_header(name), column.key) == column.key, name


@pytest.mark.parametrize(
    ("name", "sheet"),
    [
        ("MASSNAHMEN", "massnahmen"),
        ("Maßnahmenliste", "massnahmen"),
        ("Uebersicht", "massnahmen"),
        ("Termine", "meilensteine"),
        ("Kosten- und Finanzierungsplan", "finanzen"),
        ("Buergerbeteiligung", "beteiligungen"),
        ("Beteiligungen", "beteiligungen"),
        ("Notizen", None),
    ],
)
def test_sheet_names(name: str, sheet: str | None) -> None:
    spec = sheet_spec_for(name)
    assert (spec.key if spec else None) == sheet


def test_merged_title_cells_above_the_header(tmp_path: Path) -> None:
    path = measures_file(tmp_path / "l.xlsx", measure(), measure("T-02"), merged=["A1:H1", "A2:H2"])
    book = read_workbook(path)
    assert [r.values["nr"] for r in book.massnahmen] == ["T-01", "T-02"]
    assert book.massnahmen[0].cell("nr") == "Maßnahmen!A6"


def test_headers_in_every_spelling(tmp_path: Path) -> None:
    record = {
        "MASSNAHMEN-\nNR.:": "T-01",
        "  maßnahme ": "Test",
        "Handlungsfeld*": "Energie",
        "Federfuehrendes Amt": "Umweltamt",
        "Laufzeit von": date(2024, 1, 1),
        "Laufzeit\nbis": date(2025, 1, 1),
        "Stand der\nUmsetzung": "Idee",
        "Gesamtkosten in EUR": 1000,
        "Foerderquote in %": 80,
        "Fortschritt (%)": 10,
        "Mittel\nabgerufen (€)": None,
        "Ampel:": "rot",
    }
    book = read_workbook(save(tmp_path / "l.xlsx", Sheet("Tabelle1", table(record))))
    assert book.problems == []
    row = book.massnahmen[0].values
    assert (row["nr"], row["titel"], row["innovationsfeld"], row["status"]) == (
        "T-01",
        "Test",
        Innovationsfeld.ENERGIE,
        Umsetzungsstand.IDEE,
    )
    assert (row["ende"], row["foerderquote"], row["fortschritt"], row["ampel"]) == (
        date(2025, 1, 1),
        Decimal(80),
        Decimal(10),
        Ampel.ROT,
    )
    assert "abgerufen" in row


def test_a_header_below_row_25_is_not_found(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Notiz"] for _ in range(25)]
    rows += table(measure())
    book = read_workbook(save(tmp_path / "l.xlsx", Sheet("Maßnahmen", rows)))
    assert book.massnahmen == []
    assert book.has_errors
    assert "keine Überschriftenzeile" in messages(book)[0]


def test_the_exact_header_wins_and_the_other_column_is_kept_as_extra(tmp_path: Path) -> None:
    record = {"Maßnahmen-Nr.": "T-01", "Titel": "Synonym links", **measure(Maßnahme="Header rechts")}
    book = read_workbook(measures_file(tmp_path / "l.xlsx", record))
    assert book.massnahmen[0].values["titel"] == "Header rechts"
    assert book.massnahmen[0].extras == {"Titel": "Synonym links"}
    assert [p.severity for p in book.problems] == [Severity.WARNING]
    assert "„Titel“" in book.problems[0].message


def test_stand_is_the_date_and_not_the_status(tmp_path: Path) -> None:
    path = measures_file(
        tmp_path / "l.xlsx", measure(Stand=date(2024, 6, 30), **{"Beteiligung vorgesehen": "x"})
    )
    row = read_workbook(path).massnahmen[0].values
    assert row["stand"] == date(2024, 6, 30)
    assert row["beteiligung"] is True
    assert row["status"] is Umsetzungsstand.GEPLANT


def test_synonyms_are_matched_per_sheet(tmp_path: Path) -> None:
    """ "Art" is the Projektart on Maßnahmen and the format on Beteiligung; "Termin" differs per sheet."""
    massnahmen = Sheet("Maßnahmen", table(measure(Art="Pilot")))
    termine = Sheet("Termine", table({"Nr.": "T-01", "Titel": "Start", "Termin": date(2024, 2, 1)}))
    beteiligung = Sheet(
        "Bürgerbeteiligung", table({"Nr.": "T-01", "Termin": date(2024, 3, 1), "Art": "Workshop"})
    )
    book = read_workbook(save(tmp_path / "l.xlsx", massnahmen, termine, beteiligung))
    assert book.problems == []
    assert book.massnahmen[0].values["art"] is Projektart.PILOT
    assert book.meilensteine[0].values == {
        "nr": "T-01",
        "bezeichnung": "Start",
        "termin": date(2024, 2, 1),
    }
    assert book.beteiligungen[0].values == {"nr": "T-01", "datum": date(2024, 3, 1), "format": "Workshop"}


def test_one_sheet_only_holds_the_measures_and_other_sheets_are_named(tmp_path: Path) -> None:
    single = read_workbook(save(tmp_path / "a.xlsx", Sheet("Tabelle1", table(measure()))))
    assert single.sheet_names == {"massnahmen": "Tabelle1"}
    several = save(
        tmp_path / "b.xlsx",
        Sheet("Notizen", [["frei"]]),
        Sheet("Projektliste", table(measure())),
        Sheet("Diagramm", []),
    )
    book = read_workbook(several)
    assert book.sheet_names == {"massnahmen": "Projektliste"}
    assert book.ignored_sheets == ["Notizen", "Diagramm"]
    assert len(book.massnahmen) == 1


def test_a_workbook_without_a_measures_sheet_is_an_error(tmp_path: Path) -> None:
    book = read_workbook(save(tmp_path / "l.xlsx", Sheet("Notizen", [["x"]]), Sheet("Kalender", [["y"]])))
    assert book.has_errors
    assert "kein Blatt mit den Maßnahmen" in messages(book)[0]


def test_the_table_ends_after_five_empty_rows(tmp_path: Path) -> None:
    rows = [*TITLE_BLOCK, *table(measure("T-01"), measure("T-02"))]
    rows += [[]] * 4 + table(measure("T-03"))[1:] + [[]] * 5 + table(measure("T-04"))[1:]
    book = read_workbook(save(tmp_path / "l.xlsx", Sheet("Maßnahmen", rows)))
    assert [r.values["nr"] for r in book.massnahmen] == ["T-01", "T-02", "T-03"]
    assert [p.severity for p in book.problems] == [Severity.WARNING]
    assert "ab Zeile 18" in book.problems[0].message


@pytest.mark.parametrize(("entry_row", "warned"), [(600, True), (1_200, False)])
def test_styled_empty_rows_below_the_table_are_scanned_a_thousand_rows_deep(
    tmp_path: Path, entry_row: int, warned: bool
) -> None:
    empty = "".join(f'<row r="{n}" s="1" customFormat="1"/>' for n in range(3, entry_row))
    late = f'<row r="{entry_row}">{inline(f"A{entry_row}", "T-99")}</row>'
    book = read_workbook(raw_workbook(tmp_path / "l.xlsx", header_and_measure() + empty + late))
    assert [r.values["nr"] for r in book.massnahmen] == ["T-01"]
    assert [f"ab Zeile {entry_row}" in p.message for p in book.problems] == ([True] if warned else [])


def test_total_rows_are_skipped_and_reported(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        *table(measure("T-01"), measure("T-02")),
        [None, "Zwischensumme:", None, None, None, None, None, 200_000],
        [None, None, None, None, None, None, "Gesamtsumme", 200_000],
        [None, "INSGESAMT"],
        [None, "Summe Energie", None, None, None, None, None, 100_000],
        [None, "  Gesamtkosten Programm", "Energie", None, None, None, None, 200_000],
        [None, 7, "Summen"],
    ]
    book = read_workbook(save(tmp_path / "l.xlsx", Sheet("Maßnahmen", rows)))
    assert book.problems == []
    assert [r.values["nr"] for r in book.massnahmen] == ["T-01", "T-02"]
    assert [(t.row, t.label) for t in book.total_rows] == [
        (4, "Zwischensumme:"),
        (5, "Gesamtsumme"),
        (6, "INSGESAMT"),
        (7, "Summe Energie"),
        (8, "Gesamtkosten Programm"),
        (9, "Summen"),
    ]


def test_a_row_with_a_nr_is_never_a_total_row(tmp_path: Path) -> None:
    record = measure("T-01", Maßnahme="Gesamtkonzept Mobilität", Partner="Summe aller Ämter")
    book = read_workbook(measures_file(tmp_path / "l.xlsx", record))
    assert book.total_rows == []
    assert book.problems == []
    assert book.massnahmen[0].values["titel"] == "Gesamtkonzept Mobilität"


def test_only_the_first_text_of_a_row_makes_it_a_total_row(tmp_path: Path) -> None:
    rows: list[list[object]] = [*table(measure("T-01")), [None, "Hinweis", None, None, None, None, "Summe"]]
    book = read_workbook(save(tmp_path / "l.xlsx", Sheet("Maßnahmen", rows)))
    assert book.total_rows == []
    assert ("Maßnahmen!A3", "Pflichtfeld – bitte ausfüllen.") in [(p.cell, p.message) for p in book.problems]


def test_the_label_of_a_long_total_row_is_quoted_briefly(tmp_path: Path) -> None:
    rows: list[list[object]] = [*table(measure("T-01")), [None, "Gesamt " + "z" * 1000]]
    book = read_workbook(save(tmp_path / "l.xlsx", Sheet("Maßnahmen", rows)))
    assert [(t.row, len(t.label)) for t in book.total_rows] == [(3, 80)]


def test_extra_columns_are_kept_in_order_as_plain_values(tmp_path: Path) -> None:
    record = measure(
        Notiz="Rückruf", Prüfdatum=datetime(2024, 5, 31), Anzahl=3, Quote=0.5, Erledigt=True, Leer=None
    )
    book = read_workbook(measures_file(tmp_path / "l.xlsx", record, {**record, "Notiz": None}))
    assert book.extra_headers["massnahmen"] == ["Notiz", "Prüfdatum", "Anzahl", "Quote", "Erledigt", "Leer"]
    assert list(book.massnahmen[0].extras.items()) == [
        ("Notiz", "Rückruf"),
        ("Prüfdatum", "31.05.2024"),
        ("Anzahl", 3),
        ("Quote", 0.5),
        ("Erledigt", True),
        ("Leer", None),
    ]
    assert book.massnahmen[1].extras["Notiz"] is None


def test_control_characters_in_an_extra_column_are_an_error(tmp_path: Path) -> None:
    """XML cannot carry C0 control characters at all, but C1 ones (U+0080 to U+009F) it can."""
    book = read_workbook(measures_file(tmp_path / "l.xlsx", measure(Notiz="Klingel\x9fton")))
    assert [(p.cell, p.header, p.value) for p in book.problems] == [
        ("Maßnahmen!I6", "Notiz", "Klingel\\x9fton")
    ]
    assert book.massnahmen[0].extras == {"Notiz": None}


def test_extra_columns_with_the_same_header_are_both_kept(tmp_path: Path) -> None:
    header, values = table(measure())
    rows = [[*header, "Notiz", "notiz", "Notiz"], [*values, "eins", "zwei", "drei"]]
    book = read_workbook(save(tmp_path / "l.xlsx", Sheet("Maßnahmen", rows)))
    assert book.massnahmen[0].extras == {"Notiz": "eins", "notiz": "zwei", "Notiz (2)": "drei"}


def test_values_without_a_header_are_reported(tmp_path: Path) -> None:
    rows = [*table(measure("T-01")), [*table(measure("T-02"))[1], None, "verwaist"]]
    book = read_workbook(save(tmp_path / "l.xlsx", Sheet("Maßnahmen", rows)))
    assert [(p.cell, p.severity) for p in book.problems] == [("Maßnahmen!J3", Severity.WARNING)]
    assert "Spalte J hat keine Überschrift" in book.problems[0].message


def test_the_recorded_dimension_is_ignored(tmp_path: Path) -> None:
    path = measures_file(tmp_path / "l.xlsx", *(measure(f"T-{i:02d}") for i in range(1, 13)))
    replace_in_member(
        path, "xl/worksheets/sheet1.xml", r'<dimension ref="[^"]+"\s*/>', '<dimension ref="A1:B2"/>'
    )
    book = read_workbook(path)
    assert len(book.massnahmen) == 12
    assert book.massnahmen[-1].values["gesamtkosten"] == Decimal("100000.00")


def test_a_broken_sheet_is_a_damaged_file(tmp_path: Path) -> None:
    path = measures_file(tmp_path / "l.xlsx", measure())
    replace_in_member(path, "xl/worksheets/sheet1.xml", r"</sheetData>.*", "<row r=")
    with pytest.raises(DamagedFileError, match="beschädigt"):
        read_workbook(path)
