"""Broken workbooks get a German message that says what is broken, never a Python exception's name."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from gera_desktop.excel.errors import WorkbookFileError
from gera_desktop.excel.reader import read_workbook
from tests.workbooks import (
    TITLE_BLOCK,
    Sheet,
    excel_like,
    header_and_measure,
    measure,
    raw_workbook,
    replace_in_member,
    table,
    write_zip,
)

EXCEPTION_NAME = re.compile(r"\w*(?:Error|Exception|BadZipFile|Forbidden)\b")


def members(path: Path) -> dict[str, bytes | str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def truncated_zip(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def without(member: str) -> Callable[[Path], Path]:
    return lambda path: write_zip(path, {n: d for n, d in members(path).items() if n != member})


def cut(member: str) -> Callable[[Path], Path]:
    def damage(path: Path) -> Path:
        parts = members(path)
        parts[member] = parts[member][: len(parts[member]) // 2]
        return write_zip(path, parts)

    return damage


def replaced(member: str, pattern: str, replacement: str) -> Callable[[Path], Path]:
    return lambda path: replace_in_member(path, member, pattern, replacement)


DAMAGE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "truncated zip": (truncated_zip, "Zip-Archiv"),
    "sheet XML broken": (
        replaced("xl/worksheets/sheet1.xml", r"</sheetData>.*", "<row r="),
        "kein gültiges XML",
    ),
    "shared strings cut": (cut("xl/sharedStrings.xml"), "kein gültiges XML"),
    "styles cut": (cut("xl/styles.xml"), "Aufbau der Arbeitsmappe"),
    "shared strings missing": (without("xl/sharedStrings.xml"), "Bestandteil der Datei fehlt"),
    "workbook rels missing": (without("xl/_rels/workbook.xml.rels"), "Bestandteil der Datei fehlt"),
    "bad cell reference": (
        replaced("xl/worksheets/sheet1.xml", r'r="A6"', 'r="ZZZZZ6"'),
        "Blatt „Maßnahmen“",
    ),
    "bad shared string index": (replaced("xl/worksheets/sheet1.xml", r"<v>\d+</v>", "<v>9999</v>"), "Blatt"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_broken_workbook_is_described_in_german_without_exception_names(tmp_path: Path, kind: str) -> None:
    damage, expected = DAMAGE[kind]
    path = damage(excel_like(tmp_path / "kaputt.xlsx", Sheet("Maßnahmen", [*TITLE_BLOCK, *table(measure())])))

    with pytest.raises(WorkbookFileError) as caught:
        read_workbook(path)

    message = caught.value.message
    assert "„kaputt.xlsx“ ist beschädigt" in message
    assert expected in message
    assert EXCEPTION_NAME.search(message) is None, message


def test_an_unknown_cell_type_is_damage_in_the_sheet(tmp_path: Path) -> None:
    path = raw_workbook(tmp_path / "kaputt.xlsx", header_and_measure(C='<c r="C2" t="q"><v>1</v></c>'))
    with pytest.raises(WorkbookFileError) as caught:
        read_workbook(path)
    assert "Blatt „Maßnahmen“: ein Wert hat eine unerwartete Form" in caught.value.message
    assert EXCEPTION_NAME.search(caught.value.message) is None
