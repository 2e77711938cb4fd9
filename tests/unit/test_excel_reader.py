"""Reading whole workbooks: the example files, and one fixture file per layout and cell rule."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from gera_desktop.domain.enums import Ampel, Freigabe, Innovationsfeld, Projektart, Umsetzungsstand
from gera_desktop.excel.parsed import ParsedRow, ParsedWorkbook, Severity
from gera_desktop.excel.reader import read_workbook
from tests.conftest import EXAMPLES
from tests.workbooks import (
    DATE_STYLE,
    LITERAL_PERCENT_STYLE,
    PERCENT_STYLE,
    Sheet,
    header_and_measure,
    measure,
    measures_file,
    number,
    raw_workbook,
    save,
    table,
)


def by_nr(rows: list[ParsedRow]) -> dict[str, ParsedRow]:
    return {row.values["nr"]: row for row in rows}


def messages(book: ParsedWorkbook) -> list[str]:
    return [p.message for p in book.problems]


# --- the example files --------------------------------------------------------------------------------


def test_the_citys_list_reads_with_all_its_values() -> None:
    book = read_workbook(EXAMPLES / "massnahmenliste-2024-06.xlsx")
    assert book.problems == []
    assert (len(book.massnahmen), len(book.meilensteine), len(book.finanzen), len(book.beteiligungen)) == (
        25,
        8,
        7,
        4,
    )
    p01 = by_nr(book.massnahmen)["P-01"]
    assert p01.values["titel"] == "Bürger-Serviceportal und digitale Bürgerdienste"
    assert p01.values["art"] is Projektart.PILOT
    assert p01.values["innovationsfeld"] is Innovationsfeld.WIRTSCHAFT
    assert p01.values["federfuehrung"] == "Amt für Zentrale Steuerung"
    assert p01.values["telefon"] == "0365 838-1200"
    assert (p01.values["beginn"], p01.values["ende"]) == (date(2021, 2, 1), date(2022, 6, 30))
    assert p01.values["status"] is Umsetzungsstand.ABGESCHLOSSEN
    assert p01.values["gesamtkosten"] == Decimal("52000.00")
    assert p01.values["foerderquote"] == Decimal(90)
    assert (p01.values["bundesmittel"], p01.values["drittmittel"], p01.values["eigenanteil"]) == (
        Decimal("46800.00"),
        Decimal("0.00"),
        Decimal("5200.00"),
    )
    assert p01.values["foerderfaehig"] is None
    assert p01.values["freigabe"] is Freigabe.NICHT_EINGEREICHT
    assert p01.values["beteiligung"] is False
    assert p01.cell("gesamtkosten") == "Maßnahmen!R6"
    assert p01.extras == {}


def test_the_citys_list_reads_its_measures_in_progress_and_children() -> None:
    book = read_workbook(EXAMPLES / "massnahmenliste-2024-06.xlsx")
    um01 = by_nr(book.massnahmen)["UM-01"]
    assert um01.values["ampel"] is Ampel.GRUEN
    assert um01.values["fortschritt"] == Decimal(70)
    assert um01.values["drucksache"] == "82/2019 7. Ergänzung"
    assert um01.values["beschlussdatum"] == date(2021, 12, 14)
    assert um01.values["freigabe"] is Freigabe.FREIGEGEBEN
    assert um01.values["beteiligung"] is True
    pegel = next(r for r in book.meilensteine if r.values["nr"] == "UM-06")
    assert pegel.values == {
        "nr": "UM-06",
        "bezeichnung": "Pegelsensoren Weiße Elster installiert",
        "termin": date(2024, 4, 30),
        "erledigt_am": date(2024, 6, 12),
        "bemerkung": None,
    }
    year = next(r for r in book.finanzen if r.values["nr"] == "UM-01" and r.values["jahr"] == 2024)
    assert (year.values["plan"], year.values["ist"], year.values["abgerufen"]) == (
        Decimal("150000.00"),
        Decimal("141200.00"),
        Decimal("127080.00"),
    )
    survey = next(r for r in book.beteiligungen if r.values["nr"] == "UM-03")
    assert survey.values["format"] == "Online-Umfrage"
    assert survey.values["teilnehmende"] == 212
    assert survey.values["ort"] == "unser.gera.de"
    assert survey.cell("teilnehmende") == "Beteiligung!E5"


def test_the_umweltamt_delivery_reads_its_typed_text() -> None:
    book = read_workbook(EXAMPLES / "zulieferung-umweltamt.xlsx", known_nrs=["UM-06"])
    assert not book.has_errors, [str(p) for p in book.problems]
    assert book.sheet_names == {"massnahmen": "Projekte"}
    um06 = by_nr(book.massnahmen)["UM-06"]
    assert um06.values["beginn"] == date(2023, 5, 1)
    assert um06.values["ende"] == date(2026, 6, 30)
    assert um06.values["gesamtkosten"] == Decimal("450000.00")
    assert um06.values["bundesmittel"] == Decimal("405000.00")
    assert um06.values["eigenanteil"] == Decimal("45000.00")
    assert um06.values["status"] is Umsetzungsstand.IN_UMSETZUNG
    assert um06.values["innovationsfeld"] is Innovationsfeld.UMWELT
    assert um06.values["bemerkung"] == "Mehrkosten durch zusätzliche Pegel"
    assert um06.extras == {"Interne Notiz": "mit FD Tiefbau abgestimmt"}
    um14 = by_nr(book.massnahmen)["UM-14"]
    assert um14.values["innovationsfeld"] is Innovationsfeld.UMWELT
    assert um14.values["beginn"] == date(2024, 9, 1)
    assert um14.values["gesamtkosten"] == Decimal("120000.00")
    assert um14.extras == {"Interne Notiz": "Idee aus AG Umwelt"}


def test_the_umweltamt_delivery_skips_its_total_and_keeps_only_its_columns() -> None:
    book = read_workbook(EXAMPLES / "zulieferung-umweltamt.xlsx")
    assert [(t.sheet, t.row, t.label) for t in book.total_rows] == [("Projekte", 8, "Summe")]
    assert [r.row for r in book.massnahmen] == [5, 7]
    assert book.extra_headers["massnahmen"] == ["Interne Notiz"]
    assert book.headers_found["massnahmen"]["gesamtkosten"] == "Kosten in €"
    assert "art" not in book.columns_found["massnahmen"]
    assert "art" not in book.massnahmen[0].values


# --- cell forms in real files -------------------------------------------------------------------------


def test_dates_of_the_1904_date_system(tmp_path: Path) -> None:
    data = header_and_measure(E=number("E2", 43831, DATE_STYLE), F=number("F2", 44196, DATE_STYLE))
    row = read_workbook(raw_workbook(tmp_path / "mac.xlsx", data, date1904=True)).massnahmen[0].values
    assert (row["beginn"], row["ende"]) == (date(2024, 1, 2), date(2025, 1, 1))
    row = read_workbook(raw_workbook(tmp_path / "win.xlsx", data)).massnahmen[0].values
    assert (row["beginn"], row["ende"]) == (date(2020, 1, 1), date(2020, 12, 31))


def test_dates_written_in_a_1904_workbook_read_back(tmp_path: Path) -> None:
    path = save(
        tmp_path / "l.xlsx",
        Sheet("Maßnahmen", table(measure(Beginn=datetime(2024, 3, 5, 14, 30)))),
        date1904=True,
    )
    assert read_workbook(path).massnahmen[0].values["beginn"] == date(2024, 3, 5)


def test_percent_formatted_cells(tmp_path: Path) -> None:
    record = measure("T-01", **{"Förderquote (%)": 0.9, "Fortschritt": 0.255, "Gesamtkosten (€)": 1000})
    path = measures_file(tmp_path / "l.xlsx", record, formats={"I6": "0%", "J6": "0.0%"})
    row = read_workbook(path).massnahmen[0].values
    assert (row["foerderquote"], row["fortschritt"]) == (Decimal(90), Decimal("25.5"))


def test_a_literal_percent_sign_in_the_format_is_no_percentage(tmp_path: Path) -> None:
    quote = {"I": "Förderquote"}
    literal = header_and_measure(quote, I=number("I2", 90, LITERAL_PERCENT_STYLE))
    assert (
        read_workbook(raw_workbook(tmp_path / "l.xlsx", literal)).massnahmen[0].values["foerderquote"] == 90
    )
    percent = header_and_measure(quote, I=number("I2", 0.9, PERCENT_STYLE))
    assert (
        read_workbook(raw_workbook(tmp_path / "p.xlsx", percent)).massnahmen[0].values["foerderquote"] == 90
    )


def test_inline_rich_and_shared_strings(tmp_path: Path) -> None:
    rich = (
        '<c r="C2" t="inlineStr"><is><r><t>Ener</t></r><r><rPr><b/></rPr><t>gie</t></r>'
        '<rPh sb="0" eb="1"><t>エネ</t></rPh></is></c>'
    )
    shared = '<c r="D2" t="s"><v>1</v></c>'
    strings = ("x", "<r><t>Umwelt</t></r><r><t xml:space='preserve'>amt</t></r><rPh><t>ウ</t></rPh>")
    path = raw_workbook(tmp_path / "l.xlsx", header_and_measure(C=rich, D=shared), strings=strings)
    row = read_workbook(path).massnahmen[0].values
    assert (row["innovationsfeld"], row["federfuehrung"]) == (Innovationsfeld.ENERGIE, "Umweltamt")
    assert (row["beginn"], row["gesamtkosten"]) == (date(2024, 1, 1), Decimal("100000.00"))


def test_a_sheet_written_with_a_namespace_prefix(tmp_path: Path) -> None:
    path = raw_workbook(tmp_path / "sdk.xlsx", header_and_measure(H=number("H2", 2500)), prefixed=True)
    book = read_workbook(path)
    assert book.problems == []
    assert book.massnahmen[0].values["gesamtkosten"] == Decimal("2500.00")


def test_a_formula_takes_its_cached_value(tmp_path: Path) -> None:
    cached = '<c r="H2"><f>SUM(I2:J2)</f><v>1234.5</v></c>'
    cached_text = '<c r="G2" t="str"><f>IF(TRUE,"geplant","")</f><v>geplant</v></c>'
    path = raw_workbook(tmp_path / "l.xlsx", header_and_measure(H=cached, G=cached_text))
    book = read_workbook(path)
    assert book.problems == []
    assert book.massnahmen[0].values["gesamtkosten"] == Decimal("1234.50")


def test_a_formula_without_cached_value_is_an_error(tmp_path: Path) -> None:
    excel_style = '<c r="H2"><f>SUM(I2:J2)</f></c>'
    book = read_workbook(raw_workbook(tmp_path / "excel.xlsx", header_and_measure(H=excel_style)))
    assert [(p.cell, p.header, p.value, p.message) for p in book.problems] == [
        (
            "Maßnahmen!H2",
            "Gesamtkosten (€)",
            "(Formel ohne Wert)",
            "Formel ohne berechneten Wert – bitte in Excel öffnen und speichern.",
        )
    ]
    written = measures_file(tmp_path / "openpyxl.xlsx", measure(**{"Gesamtkosten (€)": "=1000*2"}))
    assert "Formel ohne berechneten Wert" in messages(read_workbook(written))[0]


def test_an_excel_error_value_is_reported(tmp_path: Path) -> None:
    path = raw_workbook(
        tmp_path / "l.xlsx", header_and_measure(H='<c r="H2" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    )
    problem = read_workbook(path).problems[0]
    assert (problem.cell, problem.value) == ("Maßnahmen!H2", "#DIV/0!")
    assert "Fehlerwert #DIV/0!" in problem.message


def test_every_bad_cell_is_reported_with_its_place_and_value(tmp_path: Path) -> None:
    bad = measure("T-02", Beginn="31.02.2024", Umsetzungsstand="fertig", **{"Gesamtkosten (€)": "ca. 50.000"})
    book = read_workbook(measures_file(tmp_path / "l.xlsx", measure(), bad))
    found = [(p.cell, p.header, p.value) for p in book.problems]
    assert found == [
        ("Maßnahmen!E7", "Beginn", "31.02.2024"),
        ("Maßnahmen!G7", "Umsetzungsstand", "fertig"),
        ("Maßnahmen!H7", "Gesamtkosten (€)", "ca. 50.000"),
    ]
    assert all(p.sheet == "Maßnahmen" and p.severity is Severity.ERROR for p in book.problems)
    assert book.massnahmen[1].invalid == {"beginn", "status", "gesamtkosten"}
    assert book.massnahmen[1].values["gesamtkosten"] is None


def test_empty_cells_take_the_columns_default(tmp_path: Path) -> None:
    record = measure(
        Projektart=None, Bürgerbeteiligung=None, **{"Freigabe Fördermittelgeber": None, "Ampel": None}
    )
    row = read_workbook(measures_file(tmp_path / "l.xlsx", record)).massnahmen[0].values
    assert row["art"] is Projektart.UMSETZUNG
    assert row["beteiligung"] is False
    assert row["freigabe"] is Freigabe.NICHT_EINGEREICHT
    assert row["ampel"] is None
