"""The programme view through the application core, on the sample data: it reads the budget years and
calls as stored, leaves out the Papierkorb and the measures abgelehnt or abgebrochen, and writes the
workbook „Programm und Mittelabrufe“ that python-calamine and openpyxl read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from gera_desktop.domain.enums import Abrufstatus
from gera_desktop.domain.programm import ProgrammStand
from gera_desktop.domain.records import MittelabrufData
from gera_desktop.excel.programm import NO_RISK, build_programm, write_programm
from gera_desktop.excel.writing import ExportError
from gera_desktop.persistence.database import Database
from gera_desktop.resources import demo_data
from gera_desktop.services.core import Anwendung
from tests.unit.test_anlage import MIN_PT, fit_to_width_scale

TODAY = date(2025, 3, 1)


@pytest.fixture
def core(database: Database) -> Anwendung:
    core = Anwendung.on(database, user="Frau Schmidt")
    core.load_demo(demo_data())
    return core


def at_risk(stand: ProgrammStand) -> dict[str, tuple[Decimal, ...]]:
    return {r.nr: (r.bundesmittel, r.abgerufen, r.geplant, r.gefaehrdet) for r in stand.gefaehrdet}


def rows_of(path: Path, sheet: str) -> list[list[Any]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def test_the_sample_measures_budget_years_count_and_the_left_out_are_named(core: Anwendung) -> None:
    stand = core.programm_stand(TODAY)

    # UM-01: Bundesmittel 405.000 €; Abgerufen of its budget years 106.650 € (2023) + 127.080 € (2024).
    assert at_risk(stand)["UM-01"] == (
        Decimal("405000.00"),
        Decimal("233730.00"),
        Decimal("0.00"),
        Decimal("171270.00"),
    )
    assert stand.left_out == ("UM-11",)
    assert "UM-11" not in at_risk(stand)
    nrs = [row.nr for row in stand.gefaehrdet]
    assert nrs.index("P-02") < nrs.index("P-10") < nrs.index("UM-01")  # the natural order of Nr.
    labels = [row.halbjahr.label for row in stand.halbjahre]
    assert labels[0] == "2023/I"
    assert labels[-1] == "2026/II"  # the Programmende 31.12.2026
    first = stand.halbjahre[0]
    # 90 % of the Ist-Kosten 2023 of UM-01 (118.500 €) and UM-04 (80.000 €); their Abgerufen 2023.
    assert first.foerderfaehig == Decimal("178650.00")
    assert first.abgerufen == Decimal("178650.00")


def test_a_call_saved_through_the_core_shows_at_once(core: Anwendung) -> None:
    record = core.get("UM-01")
    planned = MittelabrufData(date(2026, 5, 4), Decimal("100000.00"), status=Abrufstatus.GEPLANT)
    core.update(replace(record, mittelabrufe=[planned]))

    stand = core.programm_stand(TODAY)

    assert at_risk(stand)["UM-01"][2:] == (Decimal("100000.00"), Decimal("71270.00"))
    assert {row.halbjahr.label: row.geplant for row in stand.halbjahre}["2026/I"] == Decimal("100000.00")


def test_measures_in_the_papierkorb_count_nowhere(core: Anwendung) -> None:
    before = core.programm_stand(TODAY)
    core.delete("UM-01", None)

    after = core.programm_stand(TODAY)

    assert "UM-01" not in at_risk(after)
    assert after.summen.gefaehrdet == before.summen.gefaehrdet - Decimal("171270.00")


# --- the workbook -------------------------------------------------------------------------------------


@pytest.fixture
def written(core: Anwendung, tmp_path: Path) -> tuple[Path, ProgrammStand]:
    stand = core.programm_stand(TODAY)
    return core.write_programm(tmp_path / "programm.xlsx", stand), stand


def test_the_half_years_read_back_with_an_independent_reader(written: tuple[Path, ProgrammStand]) -> None:
    path, stand = written

    rows = rows_of(path, "Halbjahre")

    assert rows[0][0] == "Programm und Mittelabrufe"
    assert rows[2][0] == "Stand: 01.03.2025 · Programmende: 31.12.2026"
    assert rows[4] == [
        "Halbjahr",
        "Förderfähig bis dahin",
        "Abgerufen bis dahin",
        "Geplant im Halbjahr",
        "Abrufbar",
        "Hinweis",
    ]
    body = rows[5 : 5 + len(stand.halbjahre)]
    assert [row[0] for row in body] == [row.halbjahr.label for row in stand.halbjahre]
    for line, row in zip(body, stand.halbjahre, strict=True):
        expected = [row.foerderfaehig, row.abgerufen, row.geplant, row.abrufbar]
        assert [Decimal(str(value)).quantize(Decimal("0.01")) for value in line[1:5]] == expected
    assert [row[5] for row in body if row[5]] == ["aktuelles Halbjahr"]
    assert body[4][0] == "2025/I"


def test_the_funds_at_risk_with_their_sums_read_back(written: tuple[Path, ProgrammStand]) -> None:
    path, stand = written

    rows = rows_of(path, "Gefährdete Mittel")

    assert rows[4] == [
        "Nr.",
        "Maßnahme",
        "Bundesmittel",
        "Abgerufen",
        "Geplant bis Programmende",
        "Gefährdet",
    ]
    body = rows[5 : 5 + len(stand.gefaehrdet)]
    assert [row[0] for row in body] == [row.nr for row in stand.gefaehrdet]
    um01 = next(row for row in body if row[0] == "UM-01")
    assert um01[2:] == [405000.0, 233730.0, 0.0, 171270.0]
    total = rows[5 + len(stand.gefaehrdet)]
    summen = stand.summen
    assert total[0] == "Summe"
    assert [Decimal(str(v)).quantize(Decimal("0.01")) for v in total[2:]] == [
        summen.bundesmittel,
        summen.abgerufen,
        summen.geplant,
        summen.gefaehrdet,
    ]
    assert rows[len(stand.gefaehrdet) + 7][0] == "Nicht berücksichtigt (abgelehnt oder abgebrochen): UM-11"
    sheet = openpyxl.load_workbook(path)["Gefährdete Mittel"]
    first, last = 6, 5 + len(stand.gefaehrdet)
    assert sheet.cell(last + 1, 6).value == f"=SUM(F{first}:F{last})"


def test_printed_on_a4_landscape_with_german_formats_and_no_text_below_8_pt(
    written: tuple[Path, ProgrammStand],
) -> None:
    workbook = openpyxl.load_workbook(written[0])

    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
            "landscape",
            9,
            1,
            0,
        )
        assert sheet.print_title_rows == "$5:$5"
        assert sheet.oddFooter.center.text == "Seite &P von &N"
        assert sheet.oddFooter.left.text == "Stand: 01.03.2025"
        sizes = {cell.font.sz for row in sheet.iter_rows() for cell in row if cell.value not in (None, "")}
        assert min(sizes) * fit_to_width_scale(sheet) >= MIN_PT, sheet.title
        assert sheet.cell(6, 3).number_format == '#,##0.00 "€"'


def test_nothing_at_risk_says_so(written: tuple[Path, ProgrammStand]) -> None:
    stand = replace(written[1], gefaehrdet=(), left_out=())

    workbook, results = build_programm(stand)

    assert workbook["Gefährdete Mittel"].cell(6, 1).value == NO_RISK
    assert results == {"Gefährdete Mittel": {}}


def test_a_target_without_xlsx_is_refused_in_german(
    written: tuple[Path, ProgrammStand], tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match=r"„programm.csv“ muss auf \.xlsx enden"):
        write_programm(tmp_path / "programm.csv", written[1])
    assert not (tmp_path / "programm.csv").exists()
