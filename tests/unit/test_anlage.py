"""The council annex: grouping, totals that add up when recalculated, public vs. internal, print setup."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import range_boundaries
from python_calamine import CalamineWorkbook

from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.excel.anlage import AnlageOptions, write_anlage
from gera_desktop.excel.writing import MAX_CELL_TEXT, ExportError
from tests.records import measure, sample_records

STAND = date(2024, 6, 30)
OPTIONS = AnlageOptions("123/2024", "2", "Fortschreibung der Maßnahmenliste – Sachstand 30.06.2024", STAND)
SETTINGS = ProgrammEinstellungen(foerderquote=Decimal(80), foerdervolumen=Decimal("5000000.00"))
PUBLIC_HEADERS = [
    "Nr.", "Maßnahme", "Federführung", "Laufzeit", "Umsetzungsstand", "Gesamtkosten", "Bundesmittel",
    "Eigenanteil", "Drittmittel", "Mittel abgerufen",
]  # fmt: skip
MONEY = {
    "Gesamtkosten": "F",
    "Bundesmittel": "G",
    "Eigenanteil": "H",
    "Drittmittel": "I",
    "Mittel abgerufen": "J",
}


def annex_records() -> list[MassnahmeData]:
    """The sample records plus a refused measure, spread over three Innovationsfelder."""
    refused = measure(
        "UM-11",
        titel="Forschungsinstitut für angewandte Digitalisierung",
        status=Umsetzungsstand.ABGELEHNT,
        gesamtkosten=Decimal("1000000.00"),
        foerderfaehig=None,
        foerderquote=None,
        bundesmittel=Decimal("900000.00"),
        eigenanteil=Decimal("100000.00"),
        abgerufen=None,
    )
    return [*sample_records(), refused]


@pytest.fixture
def annex(tmp_path: Path) -> Path:
    path = tmp_path / "Anlage 2.xlsx"
    write_anlage(path, annex_records(), OPTIONS, SETTINGS)
    return path


# --- a small evaluator for the formulas the annex writes ----------------------------------------------


class Evaluator:
    """Computes SUM, COUNTA, COUNTIF, SUMIF, references and + / - from the cell values of the file."""

    def __init__(self, path: Path) -> None:
        self.workbook = openpyxl.load_workbook(path)

    def value(self, sheet: str, ref: str) -> Any:
        cell = self.workbook[sheet][ref]
        if cell.data_type == "f":
            return self.formula(sheet, cell.value[1:])
        return cell.value

    def formula(self, sheet: str, text: str) -> Decimal:
        call = re.fullmatch(r"(SUM|COUNTA|COUNTIF|SUMIF)\((.*)\)", text)
        if call is None:
            terms = re.findall(r"([+-]?)([^+-]+)", text)
            return sum((self.number(sheet, t) * (-1 if s == "-" else 1) for s, t in terms), Decimal(0))
        name, args = call.group(1), call.group(2).split(",")
        if name == "SUM":
            return sum((self.number(s, r) for a in args for s, r in self.cells(sheet, a)), Decimal(0))
        if name == "COUNTA":
            return Decimal(sum(self.value(s, r) not in (None, "") for s, r in self.cells(sheet, args[0])))
        criterion = self.value(sheet, args[1].replace("$", ""))
        hits = [self.value(s, r) == criterion for s, r in self.cells(sheet, args[0])]
        if name == "COUNTIF":
            return Decimal(sum(hits))
        summed = self.cells(sheet, args[2])
        return sum((self.number(s, r) for hit, (s, r) in zip(hits, summed, strict=True) if hit), Decimal(0))

    def number(self, sheet: str, ref: str) -> Decimal:
        target_sheet, target = self.split(sheet, ref)
        value = self.value(target_sheet, target)
        return Decimal(0) if value in (None, "") else Decimal(str(value))

    def cells(self, sheet: str, ref: str) -> list[tuple[str, str]]:
        target_sheet, target = self.split(sheet, ref.replace("$", ""))
        low_col, low_row, high_col, high_row = range_boundaries(target)
        letters = [openpyxl.utils.get_column_letter(c) for c in range(low_col, high_col + 1)]
        return [(target_sheet, f"{c}{r}") for r in range(low_row, high_row + 1) for c in letters]

    @staticmethod
    def split(sheet: str, ref: str) -> tuple[str, str]:
        return tuple(ref.split("!")) if "!" in ref else (sheet, ref)  # type: ignore[return-value]


def rows_of(path: Path, sheet: str) -> list[list[Any]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def row_with(rows: list[list[Any]], first: str) -> int:
    """The 1-based row number whose first cell is ``first``."""
    return next(i for i, row in enumerate(rows, start=1) if row[0] == first)


# --- the Anlage sheet ----------------------------------------------------------------------------------


def test_title_block_and_public_header(annex: Path):
    rows = rows_of(annex, "Anlage")
    assert rows[0][0] == "Anlage 2 zur Drucksache Nr. 123/2024"
    assert rows[1][0] == "Fortschreibung der Maßnahmenliste – Sachstand 30.06.2024"
    assert rows[2][0] == "Stand: 30.06.2024"
    assert rows[4] == PUBLIC_HEADERS


def test_measures_are_grouped_by_innovationsfeld_in_enum_order(annex: Path):
    labels = [row[0] for row in rows_of(annex, "Anlage")[5:]]
    assert labels == [
        "Innovationsfeld: Tourismus, Kultur und Freizeit", "UM-01",
        "Zwischensumme Tourismus, Kultur und Freizeit (1 Maßnahme)",
        "Innovationsfeld: Umwelt", "UM-02", "UM-03", "Zwischensumme Umwelt (2 Maßnahmen)",
        "Innovationsfeld: Wirtschaft und Innovationskraft", "P-01", "UM-11",
        "Zwischensumme Wirtschaft und Innovationskraft (2 Maßnahmen)",
        "Gesamtsumme (5 Maßnahmen)",
    ]  # fmt: skip


def test_rows_show_the_effective_amounts_and_the_laufzeit(annex: Path):
    rows = rows_of(annex, "Anlage")
    empty_funding = rows[row_with(rows, "UM-02") - 1]
    assert empty_funding[3] == "01.02.2021 – 30.06.2022"
    assert empty_funding[4] == "geplant"
    # 420.000 € at the programme rate of 80 % (the measure leaves its own rate empty)
    assert empty_funding[5:10] == [420000, 336000, 84000, 0, 0]
    refused = rows[row_with(rows, "UM-11") - 1]
    assert refused[5:10] == [1000000, 900000, 100000, 0, 0]


def test_subtotals_and_total_are_sum_formulas_that_add_up(annex: Path):
    evaluator = Evaluator(annex)
    sheet = evaluator.workbook["Anlage"]
    rows = rows_of(annex, "Anlage")
    records = annex_records()
    umwelt = row_with(rows, "Zwischensumme Umwelt (2 Maßnahmen)")
    total = row_with(rows, "Gesamtsumme (5 Maßnahmen)")
    assert sheet[f"F{umwelt}"].value == f"=SUM(F{umwelt - 2}:F{umwelt - 1})"
    assert evaluator.value("Anlage", f"F{umwelt}") == Decimal("420000") + Decimal("1234567.89")
    assert evaluator.value("Anlage", f"G{umwelt}") == Decimal("336000") + Decimal("905000")
    assert sheet[f"G{total}"].value.count(",") == 2  # the three subtotals, no data row twice
    assert evaluator.value("Anlage", f"F{total}") == sum((r.gesamtkosten for r in records), Decimal(0))
    expected_bund = Decimal("46800") * 2 + Decimal("336000") + Decimal("905000") + Decimal("900000")
    assert evaluator.value("Anlage", f"G{total}") == expected_bund
    assert evaluator.value("Anlage", f"J{total}") == Decimal("46800") * 2


def test_formula_results_are_stored_for_viewers_that_do_not_calculate(annex: Path):
    evaluator = Evaluator(annex)
    stored = rows_of(annex, "Anlage")
    formulas = 0
    for row in evaluator.workbook["Anlage"].iter_rows():
        for cell in row:
            if cell.data_type == "f":
                formulas += 1
                cached = stored[cell.row - 1][cell.column - 1]
                assert Decimal(str(cached)) == evaluator.value("Anlage", cell.coordinate), cell.coordinate
    assert formulas == 4 * 5


def test_amounts_and_totals_carry_the_money_format(annex: Path):
    sheet = openpyxl.load_workbook(annex)["Anlage"]
    rows = rows_of(annex, "Anlage")
    for row in (row_with(rows, "UM-02"), row_with(rows, "Gesamtsumme (5 Maßnahmen)")):
        for letter in MONEY.values():
            assert sheet[f"{letter}{row}"].number_format == '#,##0.00 "€"'
    assert sheet[f"A{row_with(rows, 'Gesamtsumme (5 Maßnahmen)')}"].font.b


def test_public_annex_has_no_personal_data_or_remarks(annex: Path):
    text = repr(rows_of(annex, "Anlage")) + repr(rows_of(annex, "Übersicht"))
    for private in ("A. Muster", "0365 838-1200", "muster@smartcity.example", "Verlängerung geprüft",
                    "Ansprechpartner", "Telefon", "E-Mail", "Bemerkungen"):  # fmt: skip
        assert private not in text


def test_internal_annex_adds_contact_data_and_remarks(tmp_path: Path):
    path = tmp_path / "intern.xlsx"
    options = AnlageOptions("123/2024", "2", "Betreff", STAND, intern=True)
    write_anlage(path, annex_records(), options, SETTINGS)
    rows = rows_of(path, "Anlage")
    assert rows[4] == [*PUBLIC_HEADERS, "Ansprechpartner/in", "Telefon", "E-Mail", "Bemerkungen"]
    first = rows[row_with(rows, "P-01") - 1]
    assert first[10:] == [
        "A. Muster",
        "0365 838-1200",
        "muster@smartcity.example",
        "Intern: Verlängerung geprüft",
    ]


def test_text_is_never_a_formula_in_the_annex(tmp_path: Path):
    path = tmp_path / "anlage.xlsx"
    options = AnlageOptions("=1+1", "+2", "-Betreff", STAND)
    write_anlage(path, [measure(titel='=HYPERLINK("http://x")', federfuehrung="@Amt")], options)
    sheet = openpyxl.load_workbook(path)["Anlage"]
    rows = rows_of(path, "Anlage")
    row = row_with(rows, "P-01")
    for cell in (sheet["A1"], sheet["A2"], sheet[f"B{row}"], sheet[f"C{row}"]):
        assert cell.data_type == "s"
    assert sheet[f"B{row}"].quotePrefix
    assert sheet["A2"].quotePrefix
    assert rows[row - 1][1] == '=HYPERLINK("http://x")'


def test_too_long_text_is_refused_naming_measure_and_field(tmp_path: Path):
    path = tmp_path / "anlage.xlsx"
    long_title = measure("UM-07", titel="x" * (MAX_CELL_TEXT + 1))
    with pytest.raises(ExportError, match="„Maßnahme“ der Maßnahme UM-07"):
        write_anlage(path, [long_title], OPTIONS)
    assert not path.exists()


def test_print_setup_a4_landscape_one_page_wide_with_repeated_header(annex: Path):
    workbook = openpyxl.load_workbook(annex)
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9)
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddFooter.center.text == "Seite &P von &N"
        assert sheet.oddFooter.left.text == "Stand: 30.06.2024"
        assert not sheet.print_options.gridLines
        assert sheet.sheet_view.showGridLines is False
    assert workbook["Anlage"].print_title_rows == "$5:$5"
    assert workbook["Anlage"].freeze_panes == "A6"


def test_ampersand_in_the_title_is_printed_as_such(tmp_path: Path):
    path = tmp_path / "anlage.xlsx"
    write_anlage(path, [measure()], AnlageOptions("12/2024 A&B", "1", "Betreff", STAND))
    assert (
        openpyxl.load_workbook(path)["Anlage"].oddHeader.right.text
        == "Anlage 1 zur Drucksache Nr. 12/2024 A&&B"
    )


def test_long_titles_get_rows_tall_enough_to_show_them(tmp_path: Path):
    path = tmp_path / "anlage.xlsx"
    short, long = measure("A-1", titel="Kurz"), measure("A-2", titel="Sehr langer Titel einer Maßnahme " * 4)
    write_anlage(path, [short, long], OPTIONS)
    sheet = openpyxl.load_workbook(path)["Anlage"]
    rows = rows_of(path, "Anlage")
    assert sheet.row_dimensions[row_with(rows, "A-1")].height is None
    assert sheet.row_dimensions[row_with(rows, "A-2")].height >= 4 * 13


# --- the Übersicht sheet -------------------------------------------------------------------------------


def overview(path: Path) -> dict[str, list[Any]]:
    """Label -> evaluated figures of every Übersicht row (the first table's labels repeat as 'Summe')."""
    evaluator = Evaluator(path)
    sheet = evaluator.workbook["Übersicht"]
    result: dict[str, list[Any]] = {}
    for row in sheet.iter_rows(min_row=6):
        label = row[0].value
        if label and label not in result:
            result[label] = [evaluator.value("Übersicht", c.coordinate) for c in row[1:]]
    return result


def test_overview_per_innovationsfeld(annex: Path):
    figures = overview(annex)
    assert figures["Energie"] == [0, 0, 0, 0, 0, 0]
    umwelt = figures["Umwelt"]
    assert umwelt[:3] == [2, Decimal("1654567.89"), Decimal("1241000")]
    assert [str(f) for f in Innovationsfeld] == [k for k in figures if k in set(map(str, Innovationsfeld))]
    assert figures["Summe"][:2] == [5, Decimal("2758567.89")]


def test_overview_per_umsetzungsstand(annex: Path):
    figures = overview(annex)
    assert figures["geplant"][:3] == [1, Decimal("420000"), Decimal("336000")]
    assert figures["abgeschlossen"][:3] == [2, Decimal("1286567.89"), Decimal("951800")]
    assert figures["abgelehnt"][:3] == [1, Decimal("1000000"), Decimal("900000")]
    assert figures["Idee"] == [0, 0, 0, 0, 0, 0]
    statuses = [str(s) for s in Umsetzungsstand]
    assert sum(figures[s][0] for s in statuses) == 5


def test_programme_figures_against_the_funding_envelope(annex: Path):
    figures = overview(annex)
    all_bund = Decimal("46800") * 2 + Decimal("336000") + Decimal("905000") + Decimal("900000")
    assert Decimal(str(figures["Förderquote des Programms"][1])) == Decimal("0.8")
    assert figures["Fördervolumen des Programms (Bundesmittel)"][1] == Decimal("5000000")
    assert figures["Bundesmittel aller Maßnahmen dieser Anlage"][1] == all_bund
    assert figures["davon für abgelehnte oder abgebrochene Maßnahmen"][1] == Decimal("900000")
    assert figures["Bundesmittel der übrigen Maßnahmen"][1] == all_bund - 900000
    remaining = figures["Noch nicht verplant (Fördervolumen − Bundesmittel der übrigen Maßnahmen)"][1]
    assert remaining == Decimal("5000000") - (all_bund - 900000)


def test_programme_envelope_not_set(tmp_path: Path):
    path = tmp_path / "anlage.xlsx"
    write_anlage(path, annex_records(), OPTIONS, ProgrammEinstellungen())
    figures = overview(path)
    assert figures["Fördervolumen des Programms (Bundesmittel)"][1] == "nicht festgelegt"
    assert (
        figures["Noch nicht verplant (Fördervolumen − Bundesmittel der übrigen Maßnahmen)"][1]
        == "nicht festgelegt"
    )
    assert Decimal(str(figures["Förderquote des Programms"][1])) == Decimal("0.9")


def test_annex_without_measures(tmp_path: Path):
    path = tmp_path / "leer.xlsx"
    write_anlage(path, [], OPTIONS)
    rows = rows_of(path, "Anlage")
    assert rows[5][0] == "Gesamtsumme (0 Maßnahmen)"
    assert rows[5][5:] == [0, 0, 0, 0, 0]
    assert overview(path)["Summe"] == [0, 0, 0, 0, 0, 0]


# --- recalculated by LibreOffice -----------------------------------------------------------------------


def without_cached_results(source: Path, target: Path) -> None:
    """A copy whose formula cells carry no results, so that LibreOffice must calculate them."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1<v />", data)
            new.writestr(info, data)


@pytest.fixture
def soffice() -> str:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        pytest.skip("LibreOffice (soffice) ist nicht installiert")
    return program


def test_libreoffice_calculates_the_same_totals(annex: Path, tmp_path: Path, soffice: str):
    bare = tmp_path / "ohne-ergebnisse.xlsx"
    without_cached_results(annex, bare)
    assert b"</f><v>" not in zipfile.ZipFile(bare).read("xl/worksheets/sheet1.xml")
    out = tmp_path / "lo"
    profile = (tmp_path / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx"]
    subprocess.run([*command, "--outdir", str(out), str(bare)], check=True, capture_output=True, timeout=180)
    calculated = openpyxl.load_workbook(out / bare.name, data_only=True)
    formulas = openpyxl.load_workbook(annex)
    stored = openpyxl.load_workbook(annex, data_only=True)
    checked = 0
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    mine = Decimal(str(stored[sheet.title][cell.coordinate].value))
                    theirs = Decimal(str(calculated[sheet.title][cell.coordinate].value)).quantize(
                        Decimal("0.01")
                    )
                    assert theirs == mine, (sheet.title, cell.coordinate, cell.value)
                    checked += 1
    assert checked > 60
