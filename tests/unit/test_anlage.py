"""The council annex: grouping, totals that add up when recalculated, public vs. internal, print setup."""

from __future__ import annotations

import math
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
TOTAL = "Gesamtsumme (4 Maßnahmen; ohne 1 nicht weiterverfolgte, siehe unten)"
APART = "Nicht weiterverfolgte Maßnahmen (abgelehnt oder abgebrochen) – in keiner Summe des Programms"
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
        literal = args[1].startswith('"')
        criterion = args[1].strip('"') if literal else self.value(sheet, args[1].replace("$", ""))
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
        "Innovationsfeld: Wirtschaft und Innovationskraft", "P-01",
        "Zwischensumme Wirtschaft und Innovationskraft (1 Maßnahme)",
        TOTAL, "", APART, "UM-11", "Summe nicht weiterverfolgte Maßnahmen (1 Maßnahme)",
    ]  # fmt: skip


def test_rows_show_the_effective_amounts_and_the_laufzeit(annex: Path):
    rows = rows_of(annex, "Anlage")
    empty_funding = rows[row_with(rows, "UM-02") - 1]
    assert empty_funding[3] == "01.02.2021 –\n30.06.2022"
    assert empty_funding[4] == "geplant"
    # 420.000 € at the programme rate of 80 % (the measure leaves its own rate empty)
    assert empty_funding[5:10] == [420000, 336000, 84000, 0, 0]
    refused = rows[row_with(rows, "UM-11") - 1]
    assert refused[5:10] == [1000000, 900000, 100000, 0, 0]


def test_subtotals_and_total_are_sum_formulas_that_add_up(annex: Path):
    evaluator = Evaluator(annex)
    sheet = evaluator.workbook["Anlage"]
    rows = rows_of(annex, "Anlage")
    pursued = [r for r in annex_records() if r.nr != "UM-11"]
    umwelt = row_with(rows, "Zwischensumme Umwelt (2 Maßnahmen)")
    total = row_with(rows, TOTAL)
    assert sheet[f"F{umwelt}"].value == f"=SUM(F{umwelt - 2}:F{umwelt - 1})"
    assert evaluator.value("Anlage", f"F{umwelt}") == Decimal("420000") + Decimal("1234567.89")
    assert evaluator.value("Anlage", f"G{umwelt}") == Decimal("336000") + Decimal("905000")
    assert sheet[f"G{total}"].value.count(",") == 2  # the three subtotals, no data row twice
    assert evaluator.value("Anlage", f"F{total}") == sum((r.gesamtkosten for r in pursued), Decimal(0))
    expected_bund = Decimal("46800") * 2 + Decimal("336000") + Decimal("905000")
    assert evaluator.value("Anlage", f"G{total}") == expected_bund
    assert evaluator.value("Anlage", f"J{total}") == Decimal("46800") * 2


def test_refused_and_aborted_measures_follow_the_grand_total_with_their_own_sum(tmp_path: Path):
    path = tmp_path / "anlage.xlsx"
    aborted = measure("UM-12", status=Umsetzungsstand.ABGEBROCHEN, innovationsfeld=Innovationsfeld.ENERGIE)
    write_anlage(path, [*annex_records(), aborted], OPTIONS, SETTINGS)
    evaluator = Evaluator(path)
    rows = rows_of(path, "Anlage")
    total = row_with(rows, "Gesamtsumme (4 Maßnahmen; ohne 2 nicht weiterverfolgte, siehe unten)")
    apart_sum = row_with(rows, "Summe nicht weiterverfolgte Maßnahmen (2 Maßnahmen)")

    assert [row[0] for row in rows[total : apart_sum - 1]] == ["", APART, "UM-12", "UM-11"]  # Energie first
    assert [row[4] for row in rows[total + 2 : apart_sum - 1]] == ["abgebrochen", "abgelehnt"]
    assert evaluator.workbook["Anlage"][f"G{apart_sum}"].value == f"=SUM(G{apart_sum - 2}:G{apart_sum - 1})"
    assert evaluator.value("Anlage", f"G{apart_sum}") == Decimal("900000") + Decimal("46800")
    assert evaluator.value("Anlage", f"J{apart_sum}") == Decimal("46800")
    assert evaluator.value("Anlage", f"G{total}") == Decimal("46800") * 2 + Decimal("336000") + Decimal(
        "905000"
    )
    subtotals = [i for i, row in enumerate(rows, start=1) if str(row[0]).startswith("Zwischensumme")]
    assert (
        evaluator.workbook["Anlage"][f"G{total}"].value
        == "=SUM(" + ",".join(f"G{r}" for r in subtotals) + ")"
    )


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
    assert formulas == 5 * 5  # three subtotals, the grand total, the sum of the measures not pursued


def test_amounts_and_totals_carry_the_money_format(annex: Path):
    sheet = openpyxl.load_workbook(annex)["Anlage"]
    rows = rows_of(annex, "Anlage")
    for row in (row_with(rows, "UM-02"), row_with(rows, TOTAL), row_with(rows, "UM-11")):
        for letter in MONEY.values():
            assert sheet[f"{letter}{row}"].number_format == '#,##0.00 "€"'
    assert sheet[f"A{row_with(rows, TOTAL)}"].font.b


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
    assert rows[4] == [*PUBLIC_HEADERS, "Ansprechpartner/in", "Bemerkungen"]
    first = rows[row_with(rows, "P-01") - 1]
    assert first[10:] == [
        "A. Muster\n0365 838-1200\nmuster@smartcity.example",
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
    assert sheet.row_dimensions[row_with(rows, "A-1")].height == 2 * 13 + 2  # the Laufzeit's two lines
    width = sheet.column_dimensions["B"].width
    # Arial needs at least 0,8 digit widths per character of this text.
    assert sheet.row_dimensions[row_with(rows, "A-2")].height >= 13 * math.ceil(len(long.titel) * 0.8 / width)


# --- printed on paper -------------------------------------------------------------------------------------

A4_LANDSCAPE_WIDTH_PT = 297 / 25.4 * 72
MIN_PT = 8


def fit_to_width_scale(sheet: Any) -> float:
    """The scale Excel prints a fit-to-width sheet at: the printable width over the columns' width (a
    width unit is 7 pixels of 0.75 pt at 96 dpi), in whole percent, never enlarged."""
    margins = sheet.page_margins
    printable = A4_LANDSCAPE_WIDTH_PT - (margins.left + margins.right) * 72
    letters = [openpyxl.utils.get_column_letter(c) for c in range(1, sheet.max_column + 1)]
    pixels = sum(int(7 * (sheet.column_dimensions[letter].width or 8.43) + 0.5) for letter in letters)
    return min(100, math.floor(100 * printable / (pixels * 0.75))) / 100


def wide_records() -> list[MassnahmeData]:
    """Long Nrs., titles, offices and contact data, remarks and amounts in the hundreds of millions."""
    big = measure(
        "INV-2025/0001.A-17",
        titel="Sehr langer Titel einer Maßnahme mit Erläuterung " * 3,
        federfuehrung="Fachdienst Digitalisierung, Informationstechnik und E-Government der Stadtverwaltung",
        gesamtkosten=Decimal("987654321.98"),
        foerderfaehig=None,
        bundesmittel=None,
        eigenanteil=None,
        bemerkung="Bemerkung " * 30,
        email="sehr.lange.adresse.der.ansprechpartnerin@stadtverwaltung-gera.example",
    )
    return [*annex_records(), big]


@pytest.mark.parametrize("intern", [False, True], ids=["öffentlich", "intern"])
def test_printed_on_a4_landscape_no_text_is_smaller_than_8_pt(tmp_path: Path, intern: bool):
    path = tmp_path / "anlage.xlsx"
    write_anlage(
        path, wide_records(), AnlageOptions("1/2025", "1", "Betreff", STAND, intern=intern), SETTINGS
    )
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        scale = fit_to_width_scale(sheet)
        sizes = {cell.font.sz for row in sheet.iter_rows() for cell in row if cell.value not in (None, "")}
        assert min(sizes) * scale >= MIN_PT, (sheet.title, min(sizes), scale)
        assert sheet.HeaderFooter.scaleWithDoc is False  # header and footer keep their own size
        for part in (sheet.oddHeader.right, sheet.oddFooter.left, sheet.oddFooter.center):
            assert part.size >= MIN_PT
    fonts = zipfile.ZipFile(path).read("xl/styles.xml").decode()
    default = re.search(r"<fonts[^>]*><font>(.*?)</font>", fonts)
    assert default is not None
    assert '<name val="Arial"' in default.group(1)  # the unit of column widths, in Excel and LibreOffice
    assert '<sz val="10"' in default.group(1)


def test_the_sample_fills_the_width_it_needs_and_prints_at_8_pt_or_more(annex: Path):
    sheet = openpyxl.load_workbook(annex)["Anlage"]
    scale = fit_to_width_scale(sheet)
    assert 8 / 10 <= scale <= 1
    widths = {c.value: sheet.column_dimensions[c.column_letter].width for c in sheet[5]}
    # Short values on one line: every amount, the total too, fits its column (Arial 10: a digit is 1,06
    # width units, a separator half of that, " €" one and a half, a cell's padding one).
    total = rows_of(annex, "Anlage")[row_with(rows_of(annex, "Anlage"), TOTAL) - 1]
    for header, letter in MONEY.items():
        text = f"{total[ord(letter) - ord('A')]:,.2f}"
        need = 1.06 * (sum(ch.isdigit() for ch in text) + 0.5 * sum(ch in ".," for ch in text) + 1.5) + 1
        assert widths[header] >= need, header


def test_only_long_text_wraps_and_rows_are_as_high_as_their_lines(tmp_path: Path):
    path = tmp_path / "anlage.xlsx"
    write_anlage(path, wide_records(), OPTIONS, SETTINGS)
    sheet = openpyxl.load_workbook(path)["Anlage"]
    headers = [c.value for c in sheet[5]]
    wrapping = {"Maßnahme", "Federführung", "Laufzeit"}
    for nr in [r.nr for r in wide_records()]:
        row = next(c.row for c in sheet["A"] if c.value == nr)
        cells = dict(zip(headers, sheet[row], strict=True))
        assert {h for h, c in cells.items() if c.alignment.wrap_text} == wrapping, nr
        width = {h: sheet.column_dimensions[c.column_letter].width for h, c in cells.items()}
        # At most 1,3 digit widths per character: the lines a text can need at most.
        most = max(
            sum(math.ceil(len(line) * 1.3 / (width[h] - 1)) or 1 for line in str(cells[h].value).split("\n"))
            for h in wrapping
        )
        height = sheet.row_dimensions[row].height
        assert 2 * 13 + 2 <= height <= most * 13 + 2, (nr, height, most)
        short = all(len(str(cells[h].value)) * 1.3 <= width[h] - 1 for h in ("Maßnahme", "Federführung"))
        if short:
            assert height == 2 * 13 + 2, nr  # the Laufzeit's two lines, no more


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
    assert figures["Wirtschaft und Innovationskraft"][:3] == [1, Decimal("52000"), Decimal("46800")]
    assert figures["Summe"][:3] == [4, Decimal("1758567.89"), Decimal("1334600")]
    apart = figures["Nicht weiterverfolgte Maßnahmen (in keiner Summe)"]
    assert apart == [1, Decimal("1000000"), Decimal("900000"), Decimal("100000"), 0, 0]


def test_overview_per_umsetzungsstand(annex: Path):
    figures = overview(annex)
    assert figures["geplant"][:3] == [1, Decimal("420000"), Decimal("336000")]
    assert figures["abgeschlossen"][:3] == [2, Decimal("1286567.89"), Decimal("951800")]
    assert figures["abgelehnt (in keiner Summe)"][:3] == [1, Decimal("1000000"), Decimal("900000")]
    assert figures["abgebrochen (in keiner Summe)"] == [0, 0, 0, 0, 0, 0]
    assert figures["Idee"] == [0, 0, 0, 0, 0, 0]
    sheet = openpyxl.load_workbook(annex)["Übersicht"]
    labels = [row[0].value for row in sheet.iter_rows(min_row=16)]
    summe = labels.index("Summe")
    assert labels[:summe] == [str(s) for s in Umsetzungsstand if s.counts_in_programme]
    assert labels[summe + 1 : summe + 3] == ["abgelehnt (in keiner Summe)", "abgebrochen (in keiner Summe)"]
    evaluator = Evaluator(annex)
    assert evaluator.value("Übersicht", f"B{16 + summe}") == 4
    assert evaluator.value("Übersicht", f"C{16 + summe}") == Decimal("1758567.89")


def test_programme_figures_against_the_funding_envelope(annex: Path):
    figures = overview(annex)
    planned = Decimal("46800") * 2 + Decimal("336000") + Decimal("905000")
    assert Decimal(str(figures["Förderquote des Programms"][1])) == Decimal("0.8")
    assert figures["Fördervolumen des Programms (Bundesmittel)"][1] == Decimal("5000000")
    assert figures["Bundesmittel des Programms (Gesamtsumme der Anlage)"][1] == planned
    remaining = figures["Noch nicht verplant (Fördervolumen − Bundesmittel des Programms)"][1]
    assert remaining == Decimal("5000000") - planned
    called = figures["Bereits abgerufen (Mittel abgerufen des Programms)"][1]
    assert called == Decimal("46800") * 2
    assert figures["Nicht enthalten: Bundesmittel nicht weiterverfolgter Maßnahmen"][1] == Decimal("900000")


def test_programme_envelope_not_set(tmp_path: Path):
    path = tmp_path / "anlage.xlsx"
    write_anlage(path, annex_records(), OPTIONS, ProgrammEinstellungen())
    figures = overview(path)
    assert figures["Fördervolumen des Programms (Bundesmittel)"][1] == "nicht festgelegt"
    assert (
        figures["Noch nicht verplant (Fördervolumen − Bundesmittel des Programms)"][1] == "nicht festgelegt"
    )
    assert Decimal(str(figures["Förderquote des Programms"][1])) == Decimal("0.9")


def test_annex_without_measures(tmp_path: Path):
    path = tmp_path / "leer.xlsx"
    write_anlage(path, [], OPTIONS)
    rows = rows_of(path, "Anlage")
    assert rows[5][0] == "Gesamtsumme (0 Maßnahmen)"
    assert rows[5][5:] == [0, 0, 0, 0, 0]
    assert overview(path)["Summe"] == [0, 0, 0, 0, 0, 0]
    assert overview(path)["Nicht weiterverfolgte Maßnahmen (in keiner Summe)"] == [0, 0, 0, 0, 0, 0]


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
