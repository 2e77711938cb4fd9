"""Recognising sheets and column headers however people spell them (spec sections 1 and 2)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from gera_desktop.excel.columns import SHEET_MASSNAHMEN, SHEETS, Column, SheetSpec

HEADER_SEARCH_ROWS = 25
MIN_RECOGNISED_HEADERS = 3

_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})
_DIGRAPHS = re.compile("(?<=[aou])e")
_MARKS = re.compile(r"[\s*:.]+$")
_BROKEN_AFTER_HYPHEN = re.compile(r"-[^\S\n]*\n\s*")
_UNIT = re.compile(r"(?:\s*[(\[](?:in\s*)?(?:€|eur|euro|%)[)\]]|(?:^|\s)(?:in\s*)?(?:€|eur|euro|%))$")


def fold(text: str) -> str:
    """Case, ß/ss, umlauts (ä = a = ae) and whitespace folded away: the form in which names are compared."""
    text = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return _DIGRAPHS.sub("", text.translate(_UMLAUTS))


def normalise_header(text: str, join_hyphenated: bool = False) -> str:
    """A header cell as compared with the column spec: folded, without trailing unit, ``*``, ``:`` or ``.``.

    A line break after a hyphen keeps the hyphen ("Maßnahmen-⏎Nr."), or with ``join_hyphenated``
    joins the word ("Gesamt-⏎kosten").
    """
    name = fold(_BROKEN_AFTER_HYPHEN.sub("" if join_hyphenated else "-", text))
    while True:
        stripped = _MARKS.sub("", _UNIT.sub("", _MARKS.sub("", name)))
        if stripped == name:
            return name
        name = stripped


@dataclass(frozen=True)
class HeaderMatch:
    """What one header row holds: recognised columns, extra columns, and names used twice.

    Indexes are 0-based positions in the row.
    """

    columns: list[tuple[int, Column]]
    extras: list[tuple[int, str]]
    duplicates: list[tuple[int, str, Column]] = field(default_factory=list)


class SheetHeaders:
    """The header names of one sheet; an exact header beats a synonym of another column."""

    def __init__(self, spec: SheetSpec) -> None:
        self.spec = spec
        self._names: dict[str, tuple[int, Column]] = {}
        for column in spec.columns:
            for rank, name in enumerate(column.names):
                priority = 0 if rank == 0 else 1
                key = normalise_header(name)
                known = self._names.get(key)
                if known is None or priority < known[0]:
                    self._names[key] = (priority, column)

    def lookup(self, value: object) -> tuple[int, Column] | None:
        """The column a header cell names (with 0 for its main header, 1 for a synonym), if any."""
        if not isinstance(value, str):
            return None
        found = self._names.get(normalise_header(value))
        if found is None and "\n" in value:
            found = self._names.get(normalise_header(value, join_hyphenated=True))
        return found

    def count(self, row: Sequence[object]) -> int:
        """How many different columns of this sheet a row names."""
        return len({found[1].key for found in map(self.lookup, row) if found is not None})

    def is_header_row(self, row: Sequence[object]) -> bool:
        """At least three recognised headers make the header row."""
        return self.count(row) >= MIN_RECOGNISED_HEADERS

    def match(self, row: Sequence[object]) -> HeaderMatch:
        """Assign each header cell to a column; the better name wins, then the leftmost cell."""
        best: dict[str, tuple[int, int, Column]] = {}
        extras: list[tuple[int, str]] = []
        for index, value in enumerate(row):
            found = self.lookup(value)
            if found is None:
                if header_text(value):
                    extras.append((index, header_text(value)))
                continue
            priority, column = found
            if column.key not in best or priority < best[column.key][0]:
                best[column.key] = (priority, index, column)
        chosen = {index for _, index, _ in best.values()}
        duplicates = []
        for index, value in enumerate(row):
            found = self.lookup(value)
            if found is not None and index not in chosen:
                winner = best[found[1].key][2]
                duplicates.append((index, header_text(value), winner))
        columns = sorted(((index, column) for _, index, column in best.values()), key=lambda item: item[0])
        return HeaderMatch(columns, extras, duplicates)


def header_text(value: object) -> str:
    """A header cell as text for reports and extra-column names ('' for an empty cell)."""
    if value is None:
        return ""
    return " ".join(str(value).split())


SHEET_HEADERS = {spec.key: SheetHeaders(spec) for spec in SHEETS}
_SHEET_NAMES = {fold(name): spec for spec in SHEETS for name in spec.names}


def sheet_spec_for(name: str) -> SheetSpec | None:
    """The sheet of the Maßnahmenliste that a sheet name stands for, if any."""
    return _SHEET_NAMES.get(fold(name))


@dataclass(frozen=True)
class SheetAssignment:
    """Which workbook sheet holds which part of the list; duplicates and others are ignored."""

    sheets: dict[str, str]
    ignored: list[str]
    duplicates: list[tuple[str, str]]


def assign_sheets(names: Sequence[str]) -> SheetAssignment:
    """Recognise the sheets by name; a workbook with one sheet only holds the measures."""
    if len(names) == 1:
        return SheetAssignment({SHEET_MASSNAHMEN.key: names[0]}, [], [])
    sheets: dict[str, str] = {}
    ignored: list[str] = []
    duplicates: list[tuple[str, str]] = []
    for name in names:
        spec = sheet_spec_for(name)
        if spec is None:
            ignored.append(name)
        elif spec.key in sheets:
            duplicates.append((name, sheets[spec.key]))
        else:
            sheets[spec.key] = name
    return SheetAssignment(sheets, ignored, duplicates)
