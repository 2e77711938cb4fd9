"""Results of formula cells, stored next to the formulas in a saved workbook.

openpyxl writes formulas without their results. Excel and LibreOffice calculate them when they open the
file, but previews (mail programs, phones, file managers) and readers such as python-calamine show
empty cells. The annex knows every result (it computed the totals itself), so it stores them.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

Results = Mapping[str, Mapping[str, Decimal | int]]
"""Sheet title -> cell reference (``F12``) -> result of the formula in that cell."""

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_EMPTY_FORMULA_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*)><f>([^<]*)</f><v\s*/>')


def store_results(path: Path, results: Results) -> int:
    """Write ``results`` into the formula cells of the workbook at ``path``; returns how many were stored."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
        sheet_files = _sheet_files(archive)
    stored = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            sheet = sheet_files.get(info.filename)
            if sheet is not None and sheet in results:
                data, count = _fill(data, results[sheet])
                stored += count
            archive.writestr(info, data)
    return stored


def _fill(xml: bytes, values: Mapping[str, Decimal | int]) -> tuple[bytes, int]:
    count = 0

    def put(match: re.Match[str]) -> str:
        nonlocal count
        value = values.get(match.group(1))
        if value is None:
            return match.group(0)
        count += 1
        return f'<c r="{match.group(1)}"{match.group(2)}><f>{match.group(3)}</f><v>{_number(value)}</v>'

    text = _EMPTY_FORMULA_CELL.sub(put, xml.decode("utf-8"))
    return text.encode("utf-8"), count


def _number(value: Decimal | int) -> str:
    return str(value) if isinstance(value, int) else format(value, "f")


def _sheet_files(archive: zipfile.ZipFile) -> dict[str, str]:
    """Member name of each worksheet -> its title."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in relations.iter(f"{_PKG}Relationship")}
    result = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        result[member] = sheet.get("name", "")
    return result
