"""The ``vergleich`` workbook on paper – A4 landscape, one page wide, no text under 8 pt, every amount
fitting its column, also for a programme of some 30 million euros – and recalculated by LibreOffice."""

from __future__ import annotations

import subprocess
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.domain.vergleich import Comparison
from gera_desktop.services.vergleich import compare
from tests.unit.test_anlage import MIN_PT, fit_to_width_scale, soffice, without_cached_results
from tests.unit.test_vergleich import umwelt
from tests.unit.test_vergleich_workbook import TITLE, Calculator, stand, today, workbook, written

__all__ = ["soffice", "workbook"]  # fixtures shared with test_anlage and test_vergleich_workbook


# --- printed on paper ---------------------------------------------------------------------------------


def large_programme() -> Comparison:
    """Thirty measures of up to 1,9 million euros (about 30 million in all), long titles, many changes."""
    before = [
        umwelt(f"UM-{i:02d}", f"{(i % 10 + 1) * 190000}.55", titel="Sehr langer Titel einer Maßnahme " * 5)
        for i in range(1, 31)
    ]
    after = [
        replace(r, gesamtkosten=r.gesamtkosten * 2, innovationsfeld=Innovationsfeld.ENERGIE)
        for r in before[:20]
    ]
    return compare(stand(before), today(after))


@pytest.mark.parametrize("in_mio", [False, True], ids=["euro", "mio"])
def test_printed_on_a4_landscape_one_page_wide_no_text_is_smaller_than_8_pt(
    tmp_path: Path, in_mio: bool
) -> None:
    workbook = openpyxl.load_workbook(written(tmp_path, large_programme(), in_mio=in_mio))

    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
            "landscape",
            9,
            1,
            0,
        )
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddFooter.center.text == "Seite &P von &N"
        assert sheet.oddFooter.left.text == "Stand: 01.12.2026"
        assert sheet.oddHeader.right.text == TITLE
        scale = fit_to_width_scale(sheet)
        sizes = {cell.font.sz for row in sheet.iter_rows() for cell in row if cell.value not in (None, "")}
        assert min(sizes) * scale >= MIN_PT, (sheet.title, min(sizes), scale)
    assert workbook["Vergleich"].print_title_rows == "$5:$6"
    assert workbook["Änderungen"].print_title_rows == "$5:$5"
    assert workbook["Vergleich"].freeze_panes == "D7"


def test_every_amount_fits_its_column(tmp_path: Path) -> None:
    path = written(tmp_path, large_programme())
    sheet = openpyxl.load_workbook(path)["Vergleich"]
    calculator = Calculator(path)
    checked = 0
    for row in sheet.iter_rows(min_row=7):
        for cell in row[3:19]:
            value = calculator.value("Vergleich", cell.coordinate) if cell.value not in (None, "") else 0
            role = (cell.column - 4) % 4  # A, B, Δ €, Δ %
            if not value or (role == 3 and abs(value) > 100):
                continue
            shown = (
                f"{value * 100:+.0f} %" if role == 3 else f"{value:+,.0f}" if role == 2 else f"{value:,.0f}"
            )
            # Arial 10: a digit is 1,06 width units, a separator, a space half of that, a sign one, "%" 1,6;
            # a cell's padding one
            units = sum(ch.isdigit() for ch in shown) + 0.5 * (shown.count(",") + shown.count(" "))
            need = 1.06 * (units + (shown[0] in "+-") + 1.6 * ("%" in shown)) + 1
            assert sheet.column_dimensions[cell.column_letter].width >= need, (cell.coordinate, shown)
            checked += 1
    assert checked > 300


# --- recalculated by LibreOffice -----------------------------------------------------------------------


def test_libreoffice_calculates_the_same_sums(workbook: Path, tmp_path: Path, soffice: str) -> None:
    bare = tmp_path / "ohne-ergebnisse.xlsx"
    without_cached_results(workbook, bare)
    assert b"</f><v>" not in zipfile.ZipFile(bare).read("xl/worksheets/sheet1.xml")
    out, profile = tmp_path / "lo", (tmp_path / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx"]
    subprocess.run([*command, "--outdir", str(out), str(bare)], check=True, capture_output=True, timeout=180)
    calculated = openpyxl.load_workbook(out / bare.name, data_only=True)["Vergleich"]
    stored = openpyxl.load_workbook(workbook, data_only=True)["Vergleich"]
    checked = 0
    for row in openpyxl.load_workbook(workbook)["Vergleich"].iter_rows():
        for cell in row:
            if cell.data_type == "f":
                theirs: Any = calculated[cell.coordinate].value
                assert Decimal(str(theirs)) == pytest.approx(Decimal(str(stored[cell.coordinate].value))), (
                    cell.coordinate
                )
                checked += 1
    assert checked > 60
