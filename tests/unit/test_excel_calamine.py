"""python-calamine reads the values the streaming reader reads, and leaves it every sheet it cannot vouch for.

The import takes a sheet's values from calamine where a cheap scan of its bytes vouches for it
(``excel/calamine_source.py``) and streams the XML itself otherwise: either way the same rows, with the
same types, hidden rows and columns, percent formats and error values.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from gera_desktop.excel.calamine_source import CalamineSheets
from gera_desktop.excel.columns import SHEET_MASSNAHMEN
from gera_desktop.excel.reader import read_workbook
from gera_desktop.excel.sheet_xml import HiddenParts, Row
from gera_desktop.excel.source import open_workbook
from gera_desktop.excel.values import ErrorValue, PercentNumber
from tests.conftest import EXAMPLES
from tests.workbooks import (
    PERCENT_STYLE,
    TITLE_BLOCK,
    Sheet,
    excel_like,
    header_and_measure,
    inline,
    measure,
    number,
    raw_workbook,
    save,
    table,
)

Typed = list[tuple[type, object]]
Read = tuple[dict[int, Typed], HiddenParts]


def both_readers(path: Path) -> dict[str, tuple[Read | None, Read]]:
    """Per sheet: (rows with their types, hidden parts) from calamine and from the streaming reader;
    calamine's side is ``None`` when it left the sheet to the streaming reader."""
    source = open_workbook(path)
    sheets = CalamineSheets(source)
    try:
        found: dict[str, tuple[Read | None, Read]] = {}
        for name in source.worksheets:
            fast_hidden, slow_hidden = HiddenParts(), HiddenParts()
            fast = sheets.rows(name, fast_hidden)
            slow = typed(source.rows(name, slow_hidden))
            found[name] = (None if fast is None else (typed(fast), fast_hidden), (slow, slow_hidden))
        return found
    finally:
        sheets.close()
        source.close()


def typed(rows: Iterable[tuple[int, Row]]) -> dict[int, Typed]:
    """The rows that hold a value, by number, each value with its exact type."""
    return {number: [(type(v), v) for v in row] for number, row in rows if any(v is not None for v in row)}


def assert_same(path: Path) -> None:
    for name, (fast, slow) in both_readers(path).items():
        assert fast is not None, f"calamine liest „{name}“ nicht"
        assert fast == slow, name


@pytest.mark.parametrize("name", ["massnahmenliste-2024-06.xlsx", "zulieferung-umweltamt.xlsx"])
def test_the_example_files_read_the_same_with_calamine(name: str) -> None:
    assert_same(EXAMPLES / name)


def test_every_kind_of_value_reads_the_same(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Text", 5, 2.5, 0.9, datetime(2024, 3, 1), datetime(2024, 3, 1, 12, 30), time(8, 15)],
        [True, False, timedelta(hours=30), -7, 1e-3, "Zeile\r\nZwei", "  Leer  "],
        [None, None, "weit rechts"],
        ["=1/0", "Nr. 3", 12345678901234, 0.25],
    ]
    formats = {"D1": "0%", "G1": "hh:mm", "C2": "[h]:mm:ss", "D4": "0.00%", "E1": "dd.mm.yyyy"}
    sheet = Sheet("Maßnahmen", rows, formats=formats, hidden_rows=[2], hidden_columns=["F:G"])
    path = save(tmp_path / "werte.xlsx", sheet)

    fast, slow = both_readers(path)["Maßnahmen"]

    assert fast is None  # openpyxl stores the formula without a value: the streaming reader reports it
    assert_same(excel_like(tmp_path / "wie-excel.xlsx", Sheet("Maßnahmen", rows[:3])))
    assert_same(save(tmp_path / "ohne-formel.xlsx", Sheet("Maßnahmen", rows[:3], formats=formats)))
    assert slow[1] == HiddenParts(rows={2}, columns={5, 6})


def test_percent_formats_error_values_and_hidden_parts_come_from_the_scan(tmp_path: Path) -> None:
    cells = header_and_measure(
        {"I": "Förderquote (%)", "J": "Notiz"},
        I=number("I2", 0.9, style=PERCENT_STYLE),
        J='<c r="J2" t="e"><v>#DIV/0!</v></c>',
    )
    hidden = cells.replace('<row r="2">', '<row r="2" hidden="1">')
    path = raw_workbook(tmp_path / "markiert.xlsx", hidden)

    fast, slow = both_readers(path)["Maßnahmen"]

    assert fast == slow
    assert fast is not None
    values, parts = fast
    assert values[2][8] == (PercentNumber, 0.9)
    assert values[2][9] == (ErrorValue, "#DIV/0!")
    assert parts == HiddenParts(rows={2})


@pytest.mark.parametrize(
    ("label", "cell"),
    [
        ("far below the last row", inline("A900000", "weit unten")),
        ("far below, widely", inline("ZZ20000", "weit unten")),
        ("text in a number cell", '<c r="J2"><v>1,5</v></c>'),
        ("integer beyond a float", number("J2", 12345678901234567890)),
        ("a control character reference", '<c r="J2" t="inlineStr"><is><t>a&#1;b</t></is></c>'),
    ],
)
def test_a_sheet_calamine_would_read_otherwise_is_streamed(tmp_path: Path, label: str, cell: str) -> None:
    source = open_workbook(raw_workbook(tmp_path / "anders.xlsx", header_and_measure(J=cell)))
    sheets = CalamineSheets(source)

    assert sheets.rows("Maßnahmen", HiddenParts()) is None, label
    sheets.close()
    source.close()


def test_a_sheet_with_a_tab_as_character_reference_stays_with_calamine(tmp_path: Path) -> None:
    cell = '<c r="J2" t="inlineStr"><is><t>a&#9;b</t></is></c>'
    path = raw_workbook(tmp_path / "tab.xlsx", header_and_measure({"J": "Notiz"}, J=cell))

    assert_same(path)


def test_the_import_reads_the_same_rows_either_way(tmp_path: Path) -> None:
    records = [measure(f"T-{n:02}", **{"Förderquote (%)": 0.9}) for n in range(1, 4)]
    sheet = Sheet("Maßnahmen", [*TITLE_BLOCK, *table(*records)], formats={"I6": "0%"}, hidden_rows=[7])
    path = save(tmp_path / "liste.xlsx", sheet)

    book = read_workbook(path)

    assert [row.row for row in book.rows(SHEET_MASSNAHMEN.key)] == [6, 7, 8]
    rates = [row.values["foerderquote"] for row in book.rows(SHEET_MASSNAHMEN.key)]
    assert rates == [90, Decimal("0.9"), Decimal("0.9")]
    assert "Zeile 7 ausgeblendet – sie wird trotzdem eingelesen." in [p.message for p in book.warnings]


def test_a_formatted_empty_row_below_the_values_is_handed_out_as_the_streaming_reader_does(
    tmp_path: Path,
) -> None:
    path = raw_workbook(tmp_path / "formatiert.xlsx", header_and_measure() + '<row r="30" ht="20"/>')
    source = open_workbook(path)
    sheets = CalamineSheets(source)
    fast = sheets.rows("Maßnahmen", HiddenParts())

    assert fast is not None
    assert list(fast)[-1] == list(source.rows("Maßnahmen"))[-1] == (30, [])
    sheets.close()
    source.close()
