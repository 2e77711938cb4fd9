"""Random cell contents and damaged files: nothing but our own error types ever comes out of the reader."""

from __future__ import annotations

import os
import tempfile
import zipfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from gera_desktop.excel.cells import parser_for
from gera_desktop.excel.columns import SHEETS, Column, Kind
from gera_desktop.excel.errors import CellError, WorkbookFileError
from gera_desktop.excel.parsed import ParsedWorkbook
from gera_desktop.excel.reader import read_workbook
from gera_desktop.excel.values import ErrorValue, PercentNumber
from tests.conftest import EXAMPLES
from tests.workbooks import MEASURE, Sheet, inline, raw_workbook, save, table, write_zip

COLUMNS = [column for spec in SHEETS for column in spec.columns]
FILE_EXAMPLES = int(os.environ.get("GERA_FUZZ_EXAMPLES", "40"))
"""Workbooks per file test; set GERA_FUZZ_EXAMPLES higher for a deeper run."""
FILE_SETTINGS = settings(
    max_examples=FILE_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

typed_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["1.400.000,00 €", "90 %", "31.02.2024", "1.5.2023", "in Arbeit", "x", "2.024", "'=A1"]),
    st.from_regex(r"[-−]?\d{1,4}([.,]\d{1,4}){0,3}\s?(€|%|EUR)?", fullmatch=True),
)
raw_values = st.one_of(
    st.none(),
    typed_text,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(allow_nan=True, allow_infinity=True).map(PercentNumber),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)),
    st.dates(min_value=date(1900, 1, 1)),
    st.times(),
    st.timedeltas(max_value=timedelta(days=10_000)),
    st.sampled_from(["#DIV/0!", "#NV", "#WERT!"]).map(ErrorValue),
)
KIND_TYPES: dict[Kind, type | tuple[type, ...]] = {
    Kind.TEXT: str,
    Kind.DATE: date,
    Kind.MONEY: Decimal,
    Kind.PERCENT: Decimal,
    Kind.INTEGER: int,
    Kind.YEAR: int,
    Kind.ENUM: StrEnum,
    Kind.BOOL: bool,
}


@given(column=st.sampled_from(COLUMNS), raw=raw_values)
def test_a_cell_parser_returns_its_type_or_a_cell_error(column: Column, raw: object) -> None:
    parse = parser_for(column)
    if raw is None:
        return
    try:
        value = parse(raw)
    except CellError as error:
        message = error.message
        assert message.strip()
        return
    assert value is None or isinstance(value, KIND_TYPES[column.kind])
    if isinstance(value, Decimal):
        assert value.is_finite()
        assert value.as_tuple().exponent == -2
        assert value >= 0
    if isinstance(value, date):
        assert 2000 <= value.year <= 2100
    if isinstance(value, str):
        assert value == value.strip()
        assert column.max_length is None or len(value) <= column.max_length


cell_values = st.one_of(
    st.none(),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40),
    typed_text,
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),
)


def read_or_refuse(path: Path) -> ParsedWorkbook | None:
    """Read the file; only our errors may come out. None if the whole file was refused."""
    try:
        book = read_workbook(path)
    except WorkbookFileError as error:
        message = error.message
        assert message.strip()
        return None
    for problem in book.problems:
        assert problem.message.strip()
    return book


@FILE_SETTINGS
@given(rows=st.lists(st.lists(cell_values, min_size=1, max_size=12), min_size=1, max_size=8))
def test_random_cells_under_the_citys_headers_give_rows_or_problems(rows: list[list[object]]) -> None:
    headers: list[object] = [*MEASURE, "Förderquote (%)", "Bürgerbeteiligung", "Notiz", "Stand"]
    with tempfile.TemporaryDirectory() as folder:
        try:
            path = save(Path(folder) / "l.xlsx", Sheet("Maßnahmen", [headers, *rows]))
        except IllegalCharacterError:
            return
        book = read_or_refuse(path)
    assert book is not None
    filled = [row for row in rows if any(v is not None and str(v).strip() for v in row)]
    assert len(book.massnahmen) + len(book.total_rows) <= len(filled)


@FILE_SETTINGS
@given(
    kind=st.sampled_from(["n", "s", "b", "e", "str", "d", "inlineStr", "x"]),
    text=st.text(st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=12),
    style=st.integers(min_value=0, max_value=5),
)
def test_random_raw_cells_give_rows_problems_or_a_damaged_file(kind: str, text: str, style: int) -> None:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    cell = f'<c r="H2" t="{kind}" s="{style}"><v>{escaped}</v></c>'
    with tempfile.TemporaryDirectory() as folder:
        rows = table(MEASURE)
        heads = "".join(inline(f"{chr(65 + i)}1", str(h)) for i, h in enumerate(rows[0]))
        values = "".join(inline(f"{chr(65 + i)}2", str(v)) for i, v in enumerate(rows[1][:7]))
        path = raw_workbook(
            Path(folder) / "l.xlsx", f'<row r="1">{heads}</row><row r="2">{values}{cell}</row>'
        )
        read_or_refuse(path)


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.xlsx"))


@FILE_SETTINGS
@given(data=st.data())
def test_flipped_bytes_give_a_report_or_our_error(data: st.DataObject) -> None:
    original = bytearray(data.draw(st.sampled_from(EXAMPLE_FILES)).read_bytes())
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        position = data.draw(st.integers(min_value=0, max_value=len(original) - 1))
        original[position] = data.draw(st.integers(min_value=0, max_value=255))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kaputt.xlsx"
        path.write_bytes(bytes(original))
        read_or_refuse(path)


@FILE_SETTINGS
@given(data=st.data())
def test_damaged_xml_inside_a_sound_zip_gives_a_report_or_our_error(data: st.DataObject) -> None:
    """Members truncated, swapped or with bytes replaced after unpacking (the zip itself stays sound)."""
    with zipfile.ZipFile(data.draw(st.sampled_from(EXAMPLE_FILES))) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    names = sorted(parts)
    victim = data.draw(st.sampled_from(names))
    how = data.draw(st.sampled_from(["truncate", "swap", "replace"]))
    content = parts[victim]
    if how == "truncate":
        parts[victim] = content[: data.draw(st.integers(min_value=0, max_value=len(content)))]
    elif how == "swap":
        other = data.draw(st.sampled_from(names))
        parts[victim], parts[other] = parts[other], content
    else:
        position = data.draw(st.integers(min_value=0, max_value=max(len(content) - 1, 0)))
        junk = data.draw(st.binary(min_size=1, max_size=6))
        parts[victim] = content[:position] + junk + content[position + len(junk) :]
    with tempfile.TemporaryDirectory() as folder:
        read_or_refuse(write_zip(Path(folder) / "kaputt.xlsx", parts))
