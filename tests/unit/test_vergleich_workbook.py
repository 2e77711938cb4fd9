"""The ``vergleich`` workbook: title and both dates, groups with SUM subtotals that agree with the comparison
(and so with both annexes), the block of measures dropped out, sheet "Änderungen", public and internal,
"in Mio. €". Printing and LibreOffice's recalculation: ``test_vergleich_print``."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.stand import Snapshot, StandInfo
from gera_desktop.domain.vergleich import Comparison
from gera_desktop.excel.vergleich import APART_HEADING, VergleichOptions, write_vergleich
from gera_desktop.services.vergleich import compare
from tests.unit.test_anlage import Evaluator, row_with, rows_of
from tests.unit.test_vergleich import side_a, side_b, snapshot, umwelt

NAME = "Vorlage Stadtrat 14.12.2021"
TITLE = f"Vergleich {NAME} – heute"
TOTAL = "Gesamtsumme (A: 5, B: 3 Maßnahmen)"
APART_SUM = "Summe entfallene Maßnahmen (3 Maßnahmen)"
GROUPS = {"Gesamtkosten": "D", "Bundesmittel": "H", "Eigenanteil": "L", "Mittel abgerufen": "P"}


def stand(records: list[MassnahmeData], rate: int = 90) -> Snapshot:
    taken = datetime(2021, 12, 14, 9, 30)
    return replace(snapshot(NAME, records, rate), info=StandInfo(NAME, taken, "bmeier", None, len(records)))


def today(records: list[MassnahmeData], rate: int = 90) -> Snapshot:
    return replace(snapshot("heute", records, rate), zeitpunkt=datetime(2026, 12, 1, 10, 0))


def sample() -> Comparison:
    return compare(stand(side_a()), today(side_b()))


def written(tmp_path: Path, comparison: Comparison, **options: bool) -> Path:
    path = tmp_path / "vergleich.xlsx"
    write_vergleich(path, comparison, VergleichOptions(**options))
    return path


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return written(tmp_path, sample())


class Calculator(Evaluator):
    """The annex's evaluator, and Δ % (``=(E7-D7)/D7``)."""

    def formula(self, sheet: str, text: str) -> Decimal:
        ratio = re.fullmatch(r"\((\w+)-(\w+)\)/(\w+)", text)
        if ratio is None:
            return super().formula(sheet, text)
        b, a, _ = (self.number(sheet, ref) for ref in ratio.groups())
        return (b - a) / a


# --- the sheet "Vergleich" ---------------------------------------------------------------------------


def test_title_both_dates_and_the_two_header_rows(workbook: Path) -> None:
    rows = rows_of(workbook, "Vergleich")

    assert rows[0][0] == TITLE
    assert rows[1][0] == f"A: Stand „{NAME}“ vom 14.12.2021 · B: heute, 01.12.2026"
    assert rows[2][0].startswith("Beträge in € (ganze Euro; die Zellen enthalten die genauen Beträge)")
    amounts = ["Gesamtkosten", "Bundesmittel", "Eigenanteil", "Mittel abgerufen"]
    assert rows[4] == [
        "Nr.",
        "Maßnahme",
        "Umsetzungsstand (B)",
        *(x for a in amounts for x in (a, "", "", "")),
        "Änderung",
    ]
    assert rows[5] == ["", "", "", *(["A", "B", "Δ €", "Δ %"] * 4), ""]


def test_measures_are_grouped_by_innovationsfeld_with_the_block_apart_after_the_total(workbook: Path) -> None:
    labels = [row[0] for row in rows_of(workbook, "Vergleich")[6:]]

    assert labels == [
        "Innovationsfeld: Energie",
        "Zwischensumme Energie (A: 1, B: 0 Maßnahmen)",  # only in A: UM-08, abgelehnt since
        "Innovationsfeld: Umwelt", "UM-06", "UM-14",
        "Zwischensumme Umwelt (A: 3, B: 2 Maßnahmen)",
        "Innovationsfeld: Wirtschaft und Innovationskraft", "P-01",
        "Zwischensumme Wirtschaft und Innovationskraft (A: 1, B: 1 Maßnahme)",
        TOTAL, "",
        APART_HEADING,
        "UM-08", "UM-07", "UM-09", APART_SUM,
    ]  # fmt: skip


def test_each_row_shows_the_umsetzungsstand_in_b_and_what_changed(workbook: Path) -> None:
    rows = rows_of(workbook, "Vergleich")
    shown = {row[0]: (row[2], row[-1]) for row in rows[6:] if re.fullmatch(r"[A-Z]+-\d+", str(row[0]))}

    assert shown == {
        "UM-06": ("in Umsetzung", "geändert: Gesamtkosten, davon förderfähig, Bundesmittel, Eigenanteil"),
        "UM-14": ("geplant", "neu"),
        "P-01": ("abgeschlossen", ""),
        "UM-08": ("abgelehnt", "entfallen (abgelehnt)"),
        "UM-07": ("", "entfallen (gelöscht)"),
        "UM-09": ("abgebrochen", "entfallen (abgebrochen)"),
    }  # public: the changed Bemerkungen are not named


def test_a_b_and_the_change_of_a_measure(workbook: Path) -> None:
    rows = rows_of(workbook, "Vergleich")
    um06, um14, um07 = (rows[row_with(rows, nr) - 1] for nr in ("UM-06", "UM-14", "UM-07"))

    assert um06[3:7] == [420000, 450000, 30000, pytest.approx(30000 / 420000)]
    assert um06[7:9] == [378000, 405000]
    assert um14[3:7] == ["", 120000, 120000, ""]  # Δ % is empty where A is 0
    assert um07[3:7] == [100000, "", -100000, -1]


def test_subtotals_and_total_are_sum_formulas_that_agree_with_the_comparison(workbook: Path) -> None:
    calculator = Calculator(workbook)
    sheet = calculator.workbook["Vergleich"]
    rows = rows_of(workbook, "Vergleich")
    comparison = sample()
    umwelt_row = row_with(rows, "Zwischensumme Umwelt (A: 3, B: 2 Maßnahmen)")
    first, apart = row_with(rows, "UM-06"), row_with(rows, "UM-07")

    assert sheet[f"D{umwelt_row}"].value == f"=SUM(D{first}:D{first + 1},D{apart}:D{apart + 1})"
    assert sheet[f"E{umwelt_row}"].value == f"=SUM(E{first}:E{first + 1})"
    for feld in (Innovationsfeld.ENERGIE, Innovationsfeld.UMWELT, Innovationsfeld.WIRTSCHAFT):
        number = next(i for i, row in enumerate(rows, start=1) if row[0].startswith(f"Zwischensumme {feld} "))
        sums = comparison.by_feld[feld]
        for header, letter in GROUPS.items():
            key = {
                "Gesamtkosten": "gesamtkosten",
                "Bundesmittel": "bundesmittel",
                "Eigenanteil": "eigenanteil",
            }.get(header, "abgerufen")
            a, b = (calculator.value("Vergleich", f"{chr(ord(letter) + i)}{number}") for i in (0, 1))
            assert (a, b) == (sums.a[key], sums.b[key]), (feld, header)
    total = row_with(rows, TOTAL)
    assert (
        calculator.value("Vergleich", f"D{total}") == comparison.total.a["gesamtkosten"] == Decimal("822000")
    )
    assert (
        calculator.value("Vergleich", f"E{total}") == comparison.total.b["gesamtkosten"] == Decimal("622000")
    )
    assert calculator.value("Vergleich", f"F{total}") == Decimal(-200000)
    assert rows[umwelt_row - 1][-1] == "A enthält auch UM-07 (entfallen), UM-09 (entfallen)"


def test_every_formula_carries_its_result_for_viewers_that_do_not_calculate(workbook: Path) -> None:
    calculator = Calculator(workbook)
    stored = rows_of(workbook, "Vergleich")
    formulas = 0
    for row in calculator.workbook["Vergleich"].iter_rows():
        for cell in row:
            if cell.data_type == "f":
                formulas += 1
                cached = Decimal(str(stored[cell.row - 1][cell.column - 1]))
                assert cached == pytest.approx(calculator.value("Vergleich", cell.coordinate)), (
                    cell.coordinate
                )
    assert formulas > 60


def test_the_block_apart_has_its_own_sum(workbook: Path) -> None:
    calculator = Calculator(workbook)
    number = row_with(rows_of(workbook, "Vergleich"), APART_SUM)

    assert calculator.value("Vergleich", f"D{number}") == Decimal(350000)  # UM-07, UM-08, UM-09 in A
    assert calculator.value("Vergleich", f"E{number}") == 0


def test_amounts_show_whole_euros_or_millions_and_the_cells_keep_the_exact_amounts(tmp_path: Path) -> None:
    euro = openpyxl.load_workbook(written(tmp_path, sample()))["Vergleich"]
    mio = openpyxl.load_workbook(written(tmp_path, sample(), in_mio=True))["Vergleich"]
    number = next(c.row for c in euro["A"] if c.value == "UM-06")

    assert [euro[f"{x}{number}"].number_format for x in "DEFG"] == [
        "#,##0",
        "#,##0",
        '+#,##0;-#,##0;"–"',
        '+0 %;-0 %;"–"',
    ]
    assert [mio[f"{x}{number}"].number_format for x in "DEF"] == [
        "#,##0.000,,",
        "#,##0.000,,",
        '+#,##0.000,,;-#,##0.000,,;"–"',
    ]
    assert mio[f"D{number}"].value == euro[f"D{number}"].value == Decimal("420000.00")
    assert mio["A3"].value.startswith("Beträge in Mio. €;")


def test_text_is_never_a_formula(tmp_path: Path) -> None:
    hostile = umwelt("UM-06", "1000.00", titel='=HYPERLINK("http://x")')
    path = written(tmp_path, compare(stand([hostile]), today([replace(hostile, nr="@1")])))
    sheet = openpyxl.load_workbook(path)["Vergleich"]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=@"]

    assert {c.value for c in cells if c.data_type == "s"} == {'=HYPERLINK("http://x")', "@1"}
    assert all(c.quotePrefix for c in cells if c.data_type == "s")


# --- the sheet "Änderungen" --------------------------------------------------------------------------


def test_one_row_per_changed_field_public_without_personal_data_or_remarks(workbook: Path) -> None:
    rows = rows_of(workbook, "Änderungen")

    assert rows[4] == ["Nr.", "Maßnahme", "Feld", "A", "B"]
    assert rows[5:] == [
        ["UM-06", "Sensorik für Hochwasserprävention", "Gesamtkosten", "420.000,00 €", "450.000,00 €"],
        ["UM-06", "Sensorik für Hochwasserprävention", "davon förderfähig", "420.000,00 €", "450.000,00 €"],
        ["UM-06", "Sensorik für Hochwasserprävention", "Bundesmittel", "378.000,00 €", "405.000,00 €"],
        ["UM-06", "Sensorik für Hochwasserprävention", "Eigenanteil", "42.000,00 €", "45.000,00 €"],
        [
            "UM-08",
            "Bürger-Serviceportal und digitale Bürgerdienste",
            "Umsetzungsstand",
            "in Umsetzung",
            "abgelehnt",
        ],
        [
            "UM-09",
            "Bürger-Serviceportal und digitale Bürgerdienste",
            "Umsetzungsstand",
            "in Umsetzung",
            "abgebrochen",
        ],
        [
            "UM-11",
            "Forschungsinstitut",
            "Maßnahme",
            "Bürger-Serviceportal und digitale Bürgerdienste",
            "Forschungsinstitut",
        ],
    ]


def test_the_internal_workbook_names_remarks_and_extra_columns(tmp_path: Path) -> None:
    before = umwelt("UM-06", "1000.00", zusatzspalten={"Interne Notiz": "alt"})
    after = replace(before, bemerkung="neu", telefon="0365 1", zusatzspalten={"Interne Notiz": "neu"})
    comparison = compare(stand([before]), today([after]))

    public = rows_of(written(tmp_path, comparison), "Änderungen")
    internal = rows_of(written(tmp_path, comparison, intern=True), "Änderungen")

    assert public[5:] == [["Keine Änderungen zwischen A und B.", "", "", "", ""]]
    assert [row[2] for row in internal[5:]] == ["Telefon", "Bemerkungen", "Zusatzspalte „Interne Notiz“"]
    assert rows_of(written(tmp_path, comparison, intern=True), "Vergleich")[7][-1] == (
        "geändert: Telefon, Bemerkungen, Zusatzspalte „Interne Notiz“"
    )
