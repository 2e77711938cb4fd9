"""Checks across rows and sheets: required values, unique numbers and keys, known measures, the rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from gera_desktop.excel.parsed import ParsedWorkbook, Severity
from gera_desktop.excel.reader import read_workbook
from tests.workbooks import Sheet, measure, measures_file, save, table


def found(book: ParsedWorkbook) -> list[tuple[str, str, str]]:
    """(cell, severity, message) of every problem."""
    return [(p.cell, p.severity.value, p.message) for p in book.problems]


def with_children(path: Path, *sheets: Sheet, measures: tuple[dict[str, object], ...] = ()) -> Path:
    return save(path, Sheet("Maßnahmen", table(*(measures or (measure(),)))), *sheets)


def milestones(*rows: tuple[str, str, object]) -> Sheet:
    return Sheet(
        "Meilensteine", table(*({"Maßnahmen-Nr.": n, "Meilenstein": b, "Termin": t} for n, b, t in rows))
    )


def years(*rows: tuple[str, object, object]) -> Sheet:
    return Sheet(
        "Finanzen", table(*({"Maßnahmen-Nr.": n, "Haushaltsjahr": j, "Plan (€)": p} for n, j, p in rows))
    )


def test_a_required_cell_left_empty(tmp_path: Path) -> None:
    book = read_workbook(measures_file(tmp_path / "l.xlsx", measure(Federführung="  ", Maßnahme=None)))
    assert found(book) == [
        ("Maßnahmen!B6", "Fehler", "Pflichtfeld – bitte ausfüllen."),
        ("Maßnahmen!D6", "Fehler", "Pflichtfeld – bitte ausfüllen."),
    ]
    assert book.problems[0].header == "Maßnahme"


def test_a_missing_required_column_matters_for_new_measures_only(tmp_path: Path) -> None:
    records = [measure(nr) for nr in ("T-09", "T-10", "A-01", "T-11")]
    for record in records:
        del record["Federführung"]
    path = measures_file(tmp_path / "l.xlsx", *records)
    assert read_workbook(path, known_nrs=["t-09", "t-10", "a-01", "t-11"]).problems == []
    book = read_workbook(path, known_nrs=["a-01"])
    assert found(book) == [
        (
            "",
            "Fehler",
            "Im Blatt „Maßnahmen“ fehlt die Pflichtspalte „Federführung“; neue Maßnahmen brauchen sie – "
            "betroffen: Zeilen 6–7, 9.",
        )
    ]
    assert book.problems[0].sheet == "Maßnahmen"


def test_a_missing_required_column_is_one_error_for_all_its_rows(tmp_path: Path) -> None:
    records = [measure(f"T-{n:03}") for n in range(1, 74)]
    for record in records:
        del record["Beginn"]
        del record["Umsetzungsstand"]
    book = read_workbook(measures_file(tmp_path / "l.xlsx", *records))
    assert [p.message for p in book.problems] == [
        "Im Blatt „Maßnahmen“ fehlt die Pflichtspalte „Beginn“; neue Maßnahmen brauchen sie – "
        "betroffen: Zeilen 6–78.",
        "Im Blatt „Maßnahmen“ fehlt die Pflichtspalte „Umsetzungsstand“; neue Maßnahmen brauchen sie – "
        "betroffen: Zeilen 6–78.",
    ]


def test_a_number_twice_in_the_file_ignoring_case(tmp_path: Path) -> None:
    book = read_workbook(measures_file(tmp_path / "l.xlsx", measure("UM-01"), measure("um-01")))
    assert found(book) == [
        (
            "Maßnahmen!A7",
            "Fehler",
            "Die Maßnahmen-Nr. „um-01“ steht mehrfach in der Datei (zuerst in Zeile 6). "
            "Jede Maßnahme darf nur einmal vorkommen.",
        )
    ]


def test_a_number_with_forbidden_characters(tmp_path: Path) -> None:
    book = read_workbook(measures_file(tmp_path / "l.xlsx", measure("UM#01")))
    assert [(p.cell, p.value) for p in book.problems] == [("Maßnahmen!A6", "UM#01")]
    assert "unzulässige Zeichen" in book.problems[0].message


def test_the_end_before_the_beginning_is_marked_at_the_end(tmp_path: Path) -> None:
    book = read_workbook(measures_file(tmp_path / "l.xlsx", measure(Ende=date(2023, 12, 31))))
    assert found(book) == [
        ("Maßnahmen!F6", "Fehler", "Das Ende (31.12.2023) liegt vor dem Beginn (01.01.2024).")
    ]
    assert (book.problems[0].header, book.problems[0].value) == ("Ende", "31.12.2023")


def test_funding_rules_point_at_the_cell_that_breaks_them(tmp_path: Path) -> None:
    record = measure(**{"Gesamtkosten (€)": 100_000, "Bundesmittel (€)": 95_000, "Eigenanteil (€)": 5_000})
    book = read_workbook(measures_file(tmp_path / "l.xlsx", record))
    assert [(p.cell, p.header) for p in book.problems] == [("Maßnahmen!I6", "Bundesmittel (€)")]
    assert "übersteigen 90 % der förderfähigen Kosten (90.000,00 €)" in book.problems[0].message


def test_the_programme_rate_applies_where_the_measure_has_none(tmp_path: Path) -> None:
    record = measure(**{"Gesamtkosten (€)": 100_000, "Bundesmittel (€)": 95_000, "Eigenanteil (€)": 5_000})
    path = measures_file(tmp_path / "l.xlsx", record)
    assert read_workbook(path, programme_rate=Decimal(95)).problems == []


def test_an_eigenanteil_that_does_not_add_up(tmp_path: Path) -> None:
    record = measure(**{"Bundesmittel (€)": 90_000, "Eigenanteil (€)": 9_000})
    book = read_workbook(measures_file(tmp_path / "l.xlsx", record))
    assert [p.cell for p in book.problems] == ["Maßnahmen!J6"]
    assert "ergibt 10.000,00 €" in book.problems[0].message


def test_funding_of_a_known_measure_is_left_to_the_import_when_columns_are_missing(tmp_path: Path) -> None:
    """The stored Förderquote may be 100 %: without that column the file alone cannot tell."""
    record = measure(**{"Bundesmittel (€)": 100_000})
    path = measures_file(tmp_path / "l.xlsx", record)
    assert read_workbook(path, known_nrs=["T-01"]).problems == []
    assert [p.cell for p in read_workbook(path).problems] == ["Maßnahmen!I6"]


def test_an_invalid_email_address(tmp_path: Path) -> None:
    book = read_workbook(measures_file(tmp_path / "l.xlsx", measure(**{"E-Mail": "a.muster(at)gera.de"})))
    assert [(p.cell, p.header) for p in book.problems] == [("Maßnahmen!I6", "E-Mail")]


def test_children_of_known_measures_and_of_the_file_pass(tmp_path: Path) -> None:
    path = with_children(
        tmp_path / "l.xlsx",
        milestones(("T-01", "Start", date(2024, 2, 1)), ("ALT-7", "Ende", date(2024, 3, 1))),
    )
    assert read_workbook(path, known_nrs=["alt-7"]).problems == []


def test_a_child_of_an_unknown_measure(tmp_path: Path) -> None:
    path = with_children(tmp_path / "l.xlsx", milestones(("X-99", "Start", date(2024, 2, 1))))
    assert found(read_workbook(path, known_nrs=["T-02"])) == [
        (
            "Meilensteine!A2",
            "Fehler",
            "Die Maßnahme „X-99“ gibt es weder im Blatt Maßnahmen noch in der Datenbank.",
        )
    ]


def test_a_milestone_twice_for_the_same_measure(tmp_path: Path) -> None:
    sheet = milestones(("T-01", "Start", date(2024, 2, 1)), ("t-01", " start ", date(2024, 5, 1)))
    book = read_workbook(with_children(tmp_path / "l.xlsx", sheet))
    assert [(p.cell, p.header) for p in book.problems] == [("Meilensteine!B3", "Meilenstein")]
    assert "doppelt eingetragen (auch in Zeile 2)" in book.problems[0].message


def test_the_same_milestone_for_two_measures_is_fine(tmp_path: Path) -> None:
    sheet = milestones(("T-01", "Start", date(2024, 2, 1)), ("T-02", "Start", date(2024, 5, 1)))
    path = with_children(tmp_path / "l.xlsx", sheet, measures=(measure("T-01"), measure("T-02")))
    assert read_workbook(path).problems == []


def test_a_budget_year_twice_and_a_year_outside_the_programme(tmp_path: Path) -> None:
    sheet = years(("T-01", 2024, 50_000), ("T-01", "2.024", 50_000), ("T-01", 2040, 0))
    book = read_workbook(with_children(tmp_path / "l.xlsx", sheet))
    assert [(p.cell, p.severity) for p in book.problems] == [
        ("Finanzen!B4", Severity.ERROR),
        ("Finanzen!B3", Severity.ERROR),
    ]
    assert "zwischen 2019 und 2035" in book.problems[0].message
    assert "Haushaltsjahr 2024 ist für die Maßnahme „T-01“ doppelt eingetragen" in book.problems[1].message


def test_plan_years_that_miss_the_total_costs_give_a_warning(tmp_path: Path) -> None:
    sheet = years(("T-01", 2024, 40_000), ("T-01", 2025, 50_000))
    book = read_workbook(with_children(tmp_path / "l.xlsx", sheet))
    assert not book.has_errors
    assert [(p.sheet, p.cell, p.severity) for p in book.warnings] == [
        ("Maßnahmen", "Maßnahmen!H2", Severity.WARNING)
    ]
    assert "ergeben 90.000,00 €, die Gesamtkosten betragen aber 100.000,00 €" in book.warnings[0].message
    matching = years(("T-01", 2024, 40_000), ("T-01", 2025, 60_000))
    assert read_workbook(with_children(tmp_path / "m.xlsx", matching)).problems == []


def test_a_child_sheet_without_its_required_column(tmp_path: Path) -> None:
    sheet = Sheet(
        "Beteiligung", table({"Maßnahmen-Nr.": "T-01", "Datum": date(2024, 1, 9), "Ort": "Rathaus"})
    )
    book = read_workbook(with_children(tmp_path / "l.xlsx", sheet))
    assert [(p.sheet, p.message) for p in book.problems] == [
        ("Beteiligung", "Im Blatt „Beteiligung“ fehlt die Pflichtspalte „Format“ – betroffen: Zeile 2.")
    ]


def test_a_child_sheet_without_its_required_column_names_every_row_once(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"Maßnahmen-Nr.": "T-01", "Meilenstein": f"Schritt {n}", "Bemerkung": "–"} for n in range(9)
    ]
    sheet = Sheet("Meilensteine", [*table(*rows[:4]), [], [], *table(*rows[4:])[1:]])
    book = read_workbook(with_children(tmp_path / "l.xlsx", sheet))
    assert found(book) == [
        (
            "",
            "Fehler",
            "Im Blatt „Meilensteine“ fehlt die Pflichtspalte „Termin“ – betroffen: Zeilen 2–5, 8–12.",
        )
    ]


def test_a_child_row_with_an_empty_required_cell_is_reported_once(tmp_path: Path) -> None:
    book = read_workbook(with_children(tmp_path / "l.xlsx", milestones(("T-01", "Start", None))))
    assert found(book) == [("Meilensteine!C2", "Fehler", "Pflichtfeld – bitte ausfüllen.")]


def test_extra_columns_of_child_sheets_are_named_as_not_kept(tmp_path: Path) -> None:
    sheet = Sheet(
        "Meilensteine",
        table({"Nr.": "T-01", "Meilenstein": "Start", "Termin": date(2024, 2, 1), "Wer": "AB"}),
    )
    book = read_workbook(with_children(tmp_path / "l.xlsx", sheet))
    assert [(p.severity, p.sheet) for p in book.problems] == [(Severity.WARNING, "Meilensteine")]
    assert "„Wer“" in book.problems[0].message
