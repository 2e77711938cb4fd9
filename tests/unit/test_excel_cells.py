"""Cell values as people type them (spec section 5), one parser per kind of column."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from gera_desktop.domain.enums import Ampel, Innovationsfeld, Projektart, Umsetzungsstand
from gera_desktop.excel.cells import (
    parse_bool,
    parse_date,
    parse_integer,
    parse_money,
    parse_percent,
    parse_text,
    parser_for,
)
from gera_desktop.excel.columns import BETEILIGUNGEN, FINANZEN, MASSNAHMEN, Column
from gera_desktop.excel.errors import CellError
from gera_desktop.excel.values import ErrorValue, PercentNumber

COLUMN = {c.key: c for c in MASSNAHMEN}
JAHR = next(c for c in FINANZEN if c.key == "jahr")


def parse(column: Column, raw: object) -> object:
    return parser_for(column)(raw)


def error_of(function: object, raw: object) -> str:
    with pytest.raises(CellError) as caught:
        function(raw)  # type: ignore[operator]
    return caught.value.message


# --- dates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (datetime(2024, 3, 1), date(2024, 3, 1)),
        (datetime(2024, 3, 1, 17, 45), date(2024, 3, 1)),
        (date(2030, 12, 31), date(2030, 12, 31)),
        ("01.05.2023", date(2023, 5, 1)),
        ("1.5.2023", date(2023, 5, 1)),
        ("30.06.26", date(2026, 6, 30)),
        ("2024-02-29", date(2024, 2, 29)),
        ("  15.07.2024 ", date(2024, 7, 15)),
        ("'15.07.2024", date(2024, 7, 15)),
        (45000, date(2023, 3, 15)),
        ("", None),
        ("   ", None),
    ],
)
def test_dates_in_every_accepted_form(raw: object, expected: date | None) -> None:
    assert parse_date(raw) == expected


def test_a_day_count_follows_the_workbooks_date_system() -> None:
    assert parse_date(45000, CALENDAR_MAC_1904) == date(2027, 3, 16)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("31.02.2024", "kein gültiges Datum"),
        ("29.02.2023", "kein gültiges Datum"),
        ("1.1.1999", "zwischen den Jahren 2000 und 2100"),
        (datetime(2101, 1, 1), "zwischen den Jahren 2000 und 2100"),
        ("morgen", "„morgen“ ist kein Datum"),
        ("2024/05/01", "kein Datum"),
        ("01.05.2023 12:00", "kein Datum"),
        (2024, "Die Zahl 2024 ist kein Datum"),
        (-3.5, "kein Datum"),
        (float("inf"), "kein Datum"),
        (True, "kein Datum"),
        (time(12, 0), "kein Datum"),
        (ErrorValue("#WERT!"), "Fehlerwert #WERT!"),
    ],
)
def test_impossible_dates_are_rejected(raw: object, fragment: str) -> None:
    assert fragment in error_of(parse_date, raw)


# --- money --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (52000, "52000.00"),
        (1234.5, "1234.50"),
        (0.1 + 0.2, "0.30"),
        (46800.000000000007, "46800.00"),
        ("1.400.000,00 €", "1400000.00"),
        ("1400000", "1400000.00"),
        ("1.400.000", "1400000.00"),
        ("1 400 000,50 EUR", "1400000.50"),
        ("12.345,6", "12345.60"),
        (" \t450.000,00 € ", "450000.00"),
        ("\u00a0450.000,00\u00a0€", "450000.00"),
        ("450\u202f000 Euro", "450000.00"),
        ("€ 99,99", "99.99"),
        ("50.000,- €", "50000.00"),
        ("0", "0.00"),
    ],
)
def test_amounts_become_exact_cents(raw: object, expected: str) -> None:
    amount = parse_money(raw)
    assert amount == Decimal(expected)
    assert amount is not None
    assert amount.as_tuple().exponent == -2


def test_an_empty_amount_is_not_given() -> None:
    assert parse_money("  ") is None


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("ca. 50.000", "ist kein Betrag"),
        ("50.000 ?", "ist kein Betrag"),
        ("1234.56", "ist kein Betrag"),
        ("12,345", "mehr als zwei Nachkommastellen"),
        (1234.565, "mehr als zwei Nachkommastellen"),
        ("-500", "negativ"),
        ("−1.000,00 €", "negativ"),
        (-0.01, "negativ"),
        (1e300, "unplausibel groß"),
        ("9" * 40, "unplausibel groß"),
        (float("nan"), "keine gültige Zahl"),
        (True, "kein Betrag"),
        (datetime(2024, 1, 1), "kein Betrag"),
        (ErrorValue("#DIV/0!"), "#DIV/0!"),
    ],
)
def test_what_is_not_an_amount_is_rejected(raw: object, fragment: str) -> None:
    assert fragment in error_of(parse_money, raw)


# --- percentages --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (PercentNumber(0.9), "90"),
        (PercentNumber(0.905), "90.5"),
        (PercentNumber(1), "100"),
        (90, "90"),
        (0.9, "0.9"),
        (33.33, "33.33"),
        ("90 %", "90"),
        ("90,5%", "90.5"),
        ("90.5", "90.5"),
        ("100", "100"),
    ],
)
def test_percentages_from_0_to_100(raw: object, expected: str) -> None:
    assert parse_percent(raw) == Decimal(expected)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (PercentNumber(1.2), "nicht zwischen 0 % und 100 %"),
        (120, "nicht zwischen 0 % und 100 %"),
        ("-5 %", "nicht zwischen 0 % und 100 %"),
        ("neunzig", "kein Prozentwert"),
        ("%", "kein Prozentwert"),
        (PercentNumber(1 / 3), "zwei Nachkommastellen"),
    ],
)
def test_percentages_outside_the_range_are_rejected(raw: object, fragment: str) -> None:
    assert fragment in error_of(parse_percent, raw)


# --- whole numbers and years --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"), [(34, 34), (34.0, 34), ("212", 212), ("1.200", 1200), (" 7 ", 7)]
)
def test_whole_numbers(raw: object, expected: int) -> None:
    assert parse_integer(raw) == expected


@pytest.mark.parametrize("raw", [2.5, "2,5", "zwölf", "12 Personen", True, float("inf")])
def test_fractions_and_words_are_not_whole_numbers(raw: object) -> None:
    assert "ganze Zahl" in error_of(parse_integer, raw)


@pytest.mark.parametrize(("raw", "expected"), [(2024, 2024), ("2.024", 2024), ("2024", 2024), (2019.0, 2019)])
def test_years_even_with_a_thousands_separator(raw: object, expected: int) -> None:
    assert parse(JAHR, raw) == expected


@pytest.mark.parametrize("raw", [2018, 2036, "24"])
def test_years_outside_the_programme_are_rejected(raw: object) -> None:
    with pytest.raises(CellError, match="zwischen 2019 und 2035"):
        parse(JAHR, raw)


def test_a_negative_count_of_participants_is_rejected() -> None:
    teilnehmende = next(c for c in BETEILIGUNGEN if c.key == "teilnehmende")
    with pytest.raises(CellError, match="zwischen 0 und"):
        parse(teilnehmende, "-3")


# --- choices ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        ("innovationsfeld", "umwelt", Innovationsfeld.UMWELT),
        ("innovationsfeld", "  MOBILITÄT  UND   INFRASTRUKTUR ", Innovationsfeld.MOBILITAET),
        ("innovationsfeld", "Mobilitaet & Infrastruktur", Innovationsfeld.MOBILITAET),
        ("innovationsfeld", "Bauen,Wohnen & Lebensraum", Innovationsfeld.BAUEN),
        ("status", "in Arbeit", Umsetzungsstand.IN_UMSETZUNG),
        ("status", "Verzug", Umsetzungsstand.VERZOEGERT),
        ("status", "verzoegert", Umsetzungsstand.VERZOEGERT),
        ("status", "In Umsetzung", Umsetzungsstand.IN_UMSETZUNG),
        ("ampel", "gruen", Ampel.GRUEN),
        ("ampel", "Grün", Ampel.GRUEN),
        ("art", "Pilot", Projektart.PILOT),
        ("art", "umsetzung", Projektart.UMSETZUNG),
    ],
)
def test_choices_ignore_case_spacing_and_spelling(key: str, raw: str, expected: object) -> None:
    assert parse(COLUMN[key], raw) is expected


def test_an_unknown_choice_lists_the_allowed_values() -> None:
    message = error_of(parser_for(COLUMN["status"]), "fertig")
    assert "„fertig“" in message
    assert (
        "Idee, geplant, beantragt, in Umsetzung, verzögert, abgeschlossen, abgelehnt, abgebrochen" in message
    )


def test_a_number_is_no_choice() -> None:
    assert "Erlaubt: grün, gelb, rot" in error_of(parser_for(COLUMN["ampel"]), 3)


# --- yes/no -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        *[("ja", True), ("Ja", True), ("X", True), ("x", True), (True, True), (1, True)],
        *[("nein", False), ("NEIN", False), (False, False), (0, False), ("", None), (" ", None)],
    ],
)
def test_yes_and_no(raw: object, expected: bool | None) -> None:
    assert parse_bool(raw) is expected


@pytest.mark.parametrize("raw", ["vielleicht", 2, "jein"])
def test_neither_yes_nor_no(raw: object) -> None:
    assert "weder ja noch nein" in error_of(parse_bool, raw)


# --- text ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Umweltamt ", "Umweltamt"),
        ("'=SUMME(A1)", "=SUMME(A1)"),
        ("''zitiert", "'zitiert"),
        ("Zeile 1\r\nZeile 2\tmit Tab", "Zeile 1\nZeile 2\tmit Tab"),
        (3658381200, "3658381200"),
        (1.5, "1,5"),
        (2024.0, "2024"),
        (datetime(2024, 5, 1), "01.05.2024"),
        (True, "ja"),
        ("   ", None),
        ("'", None),
    ],
)
def test_text_is_trimmed_and_keeps_its_content(raw: object, expected: str | None) -> None:
    assert parse_text(raw) == expected


def test_text_over_the_length_limit_is_rejected() -> None:
    assert parse(COLUMN["nr"], "x" * 20) == "x" * 20
    assert "21 Zeichen, erlaubt sind höchstens 20" in error_of(parser_for(COLUMN["nr"]), "x" * 21)


@pytest.mark.parametrize("raw", ["Glocke\x07", "Null\x00Byte", "Seiten\x0cvorschub", "C1\x85Zeichen"])
def test_control_characters_are_rejected(raw: str) -> None:
    assert "Steuerzeichen" in error_of(parse_text, raw)


def test_an_excel_error_value_is_not_taken_as_text() -> None:
    assert "#NV" in error_of(parse_text, ErrorValue("#NV"))
