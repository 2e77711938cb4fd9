"""A cheap pass over one worksheet part for what python-calamine does not report (``calamine_source``).

calamine hands out the cell values; this pass adds the hidden rows and columns, which numbers are
percent-formatted and which cells hold an Excel error value. It never parses the XML: it searches the
bytes for the few places that matter (``hidden="``, ``s="<percent style>"``, ``t="e"``), so its cost is
about that of unpacking the part.

It also decides whether calamine may read the sheet at all. A sheet takes the streaming reader
(``sheet_xml``) instead when it holds anything calamine reads differently or that needs that reader's
checks: markup declarations (``<!DOCTYPE``, comments, CDATA), namespace prefixes, a cut-off part, cells
or rows without a reference, a formula without a cached value, a value that is no plain number,
escaped surrogate halves, characters XML forbids, or a range far larger than its cells. Whatever
else calamine cannot read (an unknown cell type, a shared string that is not there) it refuses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gera_desktop.excel.sheet_xml import COLUMN_INDEX, MAX_COLUMNS, HiddenParts
from gera_desktop.excel.values import ErrorValue

Cell = tuple[int, int]
"""(row number from 1, column index from 0)."""

_MAIN = b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_DEFAULT_NAMESPACE = b"xmlns=" + _MAIN
_CELL_START = b'<c r="'
_CELL_BELOW = rb'<c(?:[\t\n\r>/]| (?!r="[A-Z]{1,3}[0-9])| r="[A-Z]{1,3}(?:%s))'
"""A cell without reference, or below the last row (``_below`` fills in the row)."""
_ODD = [
    re.compile(rb'<row(?:[\t\n\r>/]| (?!r="[0-9]))'),  # a row without number
    re.compile(rb"<f[\s>/][^<]*+(?:</f>)?+\s*+(?!<v>[^<])"),  # a formula without cached value
    re.compile(rb"<v>(?!(?:-?[0-9]{1,15}(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|#[^<]*)?</v>)"),  # no plain number
]
"""What calamine reads differently from the streaming reader, or what needs that reader's checks. A value
that is no number of at most 15 integer digits and no error code is a formula's text, a broken number or
an integer beyond a float's precision. Each is one search: a single pattern with all of them is slower."""
_SURROGATE = re.compile(rb"_x[dD][89a-fA-F][0-9a-fA-F]{2}_")
_CHARACTER_REFERENCE = re.compile(rb"&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));")
_ALLOWED = bytes(sorted({*range(256)} - {*range(9), 11, 12, *range(14, 32)}))
"""Every byte but the control characters XML forbids (the streaming reader calls a file with one damaged)."""
_WIDE_CELL = re.compile(rb'<c r="([A-Z]{2,})[0-9]')
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_REF = re.compile(rb'<row r="([0-9]+)"')
_COLUMN_SPAN = re.compile(rb'<col\s[^>]*?\bmin="([0-9]+)"[^>]*?\bmax="([0-9]+)"')
_HIDDEN = re.compile(rb' hidden="(?:1|true)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
SPARE_CELLS = 200_000
"""How many more cells than a sheet wider than column Z holds its rectangle may have (calamine fills it)."""
SPARE_ROWS = 10_000
"""How many more rows than the sheet has row elements its last row's number may say."""


@dataclass
class SheetMarks:
    """What the pass found in a sheet that calamine may read."""

    last_row: int = 0
    """The number of the sheet's last row element, also when it holds no value (formatting only)."""
    hidden: HiddenParts = field(default_factory=HiddenParts)
    percents: set[Cell] = field(default_factory=set)
    errors: dict[Cell, ErrorValue] = field(default_factory=dict)


def scan_sheet(data: bytes, percent_styles: set[int]) -> SheetMarks | None:
    """The marks of a worksheet part, or ``None`` when the streaming reader must read it."""
    size = _small_range(data) if _plain(data) else None
    if size is None:
        return None
    if re.search(_CELL_BELOW % _below(size[0]), data) or any(odd.search(data) for odd in _ODD):
        return None
    marks = SheetMarks(last_row=size[0])
    try:
        _hidden(data, marks.hidden)
        for style in percent_styles:
            marks.percents.update(cell for cell, _ in _cells_with(data, b' s="%d"' % style))
        for cell, start in _cells_with(data, b' t="e"'):
            error = _error_value(data, data.find(b">", start) + 1)
            if error is not None:
                marks.errors[cell] = error
    except ValueError:
        return None
    return marks


def _cells_in(data: bytes) -> int:
    return data.count(_CELL_START)


def plain_strings(data: bytes) -> bool:
    """True for a shared-strings part calamine reads as the streaming reader would."""
    return data.rstrip().endswith(b"</sst>") and _plain_text(data)


def _plain(data: bytes) -> bool:
    return data.rstrip().endswith(b"</worksheet>") and _DEFAULT_NAMESPACE in data and _plain_text(data)


def _plain_text(data: bytes) -> bool:
    """No markup declaration (``<!DOCTYPE``: entities; comments, CDATA), no prefix for the main namespace,
    no character XML forbids (also as a character reference or U+FFFE/U+FFFF), no escaped surrogate half."""
    return (
        not _holds(data, b"<!")
        and data.count(_MAIN) == 1
        and not data.translate(None, _ALLOWED)
        and (not _holds(data, b"&#") or _plain_references(data))
        and b"\xef\xbf\xbe" not in data
        and b"\xef\xbf\xbf" not in data
        and (not _holds(data, b"_x") or _SURROGATE.search(data) is None)
    )


def _holds(data: bytes, pair: bytes) -> bool:
    """``pair in data`` for two bytes, found by the rarer one: a byte search runs at memory speed, a pair
    search slows down on a frequent byte (``<`` starts every tag, so ``<!`` is found by its ``!``)."""
    rare = 1 if pair.startswith(b"<") else 0
    at = data.find(pair[rare : rare + 1])
    while at >= 0:
        if at >= rare and data.startswith(pair, at - rare):
            return True
        at = data.find(pair[rare : rare + 1], at + 1)
    return False


def _plain_references(data: bytes) -> bool:
    """Every character reference well-formed and naming a character XML allows (a tab: ``&#9;``)."""
    codes = [
        int(hex_code or "0", 16) or int(code or "0") for hex_code, code in _CHARACTER_REFERENCE.findall(data)
    ]
    allowed = all(code in (9, 10, 13) or 0x20 <= code < 0xD800 or 0xE000 <= code < 0xFFFE for code in codes)
    return allowed and len(codes) == data.count(b"&#")


def _small_range(data: bytes) -> tuple[int, int] | None:
    """The last row's number and the widest column (``None``: the streaming reader must read it).

    calamine fills the rectangle from A1 to the last row and column; this keeps it within twice the
    rows the sheet has (plus ``SPARE_ROWS``) and, for sheets wider than column Z, within the cells it
    holds (plus ``SPARE_CELLS``)."""
    last = data.rfind(b"<row r=")
    row = _ROW_REF.match(data, last) if last >= 0 else None
    height = int(row.group(1)) if row else 0
    if height > data.count(b"<row r=") + SPARE_ROWS:
        return None
    wide = set(_WIDE_CELL.findall(data))
    width = max((COLUMN_INDEX.get(letters.decode(), MAX_COLUMNS + 1) for letters in wide), default=26)
    if width > MAX_COLUMNS or (wide and height * width > _cells_in(data) + SPARE_CELLS):
        return None
    return height, width


def _below(height: int) -> bytes:
    """A cell reference whose row has more digits than ``height`` or begins with a larger digit."""
    digits = str(height)
    more = b"[0-9]{%d}" % (len(digits) + 1)
    if digits[0] == "9":
        return more
    return more + b'|[%d-9][0-9]{%d}"' % (int(digits[0]) + 1, len(digits) - 1)


def _hidden(data: bytes, hidden: HiddenParts) -> None:
    for found in _HIDDEN.finditer(data):
        start = data.rfind(b"<", 0, found.start())
        if data.startswith(b"<row ", start):
            row = _ROW_REF.match(data, start)
            if row is None:
                raise ValueError("hidden row without number")
            hidden.rows.add(int(row.group(1)))
        elif data.startswith(b"<col ", start):
            span = _COLUMN_SPAN.match(data, start)
            if span is None:
                raise ValueError("hidden column without span")
            first, last = max(int(span.group(1)), 1), min(int(span.group(2)), MAX_COLUMNS)
            hidden.columns.update(range(first - 1, last))


def _cells_with(data: bytes, attribute: bytes) -> list[tuple[Cell, int]]:
    """The cells whose start tag holds ``attribute`` (which begins with a space), with where it starts."""
    cells = []
    at = data.find(attribute)
    while at >= 0:
        start = data.rfind(b"<", 0, at)
        if data.startswith(_CELL_START, start):
            ref = _CELL_REF.match(data, start)
            if ref is None:
                raise ValueError("cell reference out of range")
            cells.append(((int(ref.group(2)), COLUMN_INDEX[ref.group(1).decode()] - 1), start))
        at = data.find(attribute, at + 1)
    return cells


def _error_value(data: bytes, content: int) -> ErrorValue | None:
    """The error code of the cell whose content begins at ``content`` (an empty cell holds none)."""
    if data[content - 2 : content] == b"/>":
        return None
    end = data.find(b"</c>", content)
    value = _VALUE.search(data, content, end if end >= 0 else len(data))
    return ErrorValue(value.group(1).decode()) if value and value.group(1) else None
