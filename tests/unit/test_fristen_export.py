"""The Fristen workbook: the list as the view shows it, read back with python-calamine (dates as dates,
German texts), the overdue rows bold, A4 landscape with the header row on every page; written atomically."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gera_desktop.domain.fristen import HEADERS, fristen
from gera_desktop.domain.records import MeilensteinData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.excel.fristen import write_fristen
from gera_desktop.excel.writing import ExportError
from tests.records import measure
from tests.unit.test_anlage import rows_of

TODAY = date(2025, 3, 10)
SETTINGS = ProgrammEinstellungen(programmende=date(2026, 12, 31), verwendungsnachweis=date(2025, 3, 1))


@pytest.fixture
def written(tmp_path: Path) -> Path:
    record = measure(
        "P-01",
        meilensteine=[MeilensteinData("Abnahme", date(2025, 3, 20))],
        ende=date(2027, 6, 30),
    )
    return write_fristen(tmp_path / "Fristen.xlsx", fristen([record], SETTINGS, TODAY), TODAY)


def test_the_rows_read_back_with_a_second_reader(written: Path) -> None:
    rows = rows_of(written, "Fristen")

    assert rows[0][0] == "Fristen am 10.03.2025"
    assert rows[1][0] == "1 überfällig, 1 fällig, 1 demnächst"
    assert rows[2][0] == "Stand: 10.03.2025"
    assert tuple(rows[4]) == HEADERS
    assert rows[5:] == [
        [date(2025, 3, 1), "seit 9 Tagen überfällig", "Programmfrist", "", "", "Verwendungsnachweis"],
        [
            date(2025, 3, 20),
            "in 10 Tagen",
            "Meilenstein",
            "P-01",
            "Bürger-Serviceportal und digitale Bürgerdienste",
            "Meilenstein „Abnahme“",
        ],
        [date(2026, 12, 31), "in 661 Tagen", "Programmfrist", "", "", "Programmende"],
    ]


def test_overdue_rows_are_bold_and_the_page_is_a4_landscape(written: Path) -> None:
    sheet = load_workbook(written)["Fristen"]

    assert [sheet.cell(6, column).font.b for column in (1, 6)] == [True, True]
    assert not sheet.cell(7, 6).font.b
    assert sheet.cell(6, 1).number_format == "DD.MM.YYYY"
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)  # 9: A4
    assert sheet.print_title_rows == "$5:$5"
    assert sheet.oddFooter.center.text == "Seite &P von &N"


def test_no_fristen_writes_a_line_saying_so(tmp_path: Path) -> None:
    path = write_fristen(tmp_path / "leer.xlsx", [], TODAY)

    rows = rows_of(path, "Fristen")
    assert rows[1][0] == "0 überfällig, 0 fällig, 0 demnächst"
    assert rows[5][0] == "Keine Fristen."


def test_a_locked_target_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "Fristen.xlsx"
    target.write_bytes(b"alt")
    (tmp_path / "~$Fristen.xlsx").write_bytes(b"lock")

    with pytest.raises(ExportError, match=r"Fristen\.xlsx"):
        write_fristen(target, [], TODAY)

    assert target.read_bytes() == b"alt"
