"""What the workbook reader hands to the import: typed rows, where they came from, and every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any


class Severity(StrEnum):
    """An error stops the import; a warning is reported and the import may go on."""

    ERROR = "Fehler"
    WARNING = "Warnung"


@dataclass(frozen=True)
class Problem:
    """One finding in the file: where (sheet, cell such as ``Maßnahmen!H7``), which header, what was found."""

    sheet: str
    cell: str
    header: str
    value: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        """True for an error (the file cannot be imported)."""
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = self.cell or self.sheet
        column = f" ({self.header})" if self.header else ""
        found = f" – gefunden: „{self.value}“" if self.value else ""
        place = f"{where}{column}: " if where or column else ""
        return f"{self.severity}: {place}{self.message}{found}"


@dataclass
class ParsedRow:
    """One data row: the typed values of the columns the sheet has, and its extra columns.

    ``values`` holds a key for every recognised column of the sheet, ``None`` for an empty cell (or the
    column's default, e.g. Projektart = Umsetzungsmaßnahme); a cell that could not be parsed is ``None``
    too. ``invalid`` names the columns whose cell in this row already has a problem (unreadable, or a
    required value missing). ``extras`` maps the headers of unrecognised columns to JSON-friendly
    values (str, int, float, bool, ``None``; dates as ``TT.MM.JJJJ``).
    """

    sheet: str
    row: int
    values: dict[str, Any]
    extras: dict[str, Any]
    letters: dict[str, str] = field(repr=False)
    invalid: set[str] = field(default_factory=set)

    @cached_property
    def nr(self) -> str | None:
        """The Maßnahmen-Nr. of the row, if it has a valid one (read once the row is complete: an import
        asks for it about seven times per row)."""
        nr = self.values.get("nr")
        return nr if isinstance(nr, str) else None

    def cell(self, key: str) -> str:
        """The cell of a column in this row, e.g. ``Maßnahmen!H7``; the row's first cell if absent."""
        return f"{self.sheet}!{self.letters.get(key, 'A')}{self.row}"

    @property
    def cells(self) -> dict[str, str]:
        """The cell of every recognised column in this row."""
        return {key: f"{self.sheet}!{letter}{self.row}" for key, letter in self.letters.items()}


@dataclass(frozen=True)
class TotalRow:
    """A total row (Summe, Gesamt, …) that was skipped."""

    sheet: str
    row: int
    label: str


@dataclass
class ParsedWorkbook:
    """The whole file, read and checked; ``has_errors`` means nothing may be written.

    The dicts are keyed by the sheet keys of the column spec (``massnahmen``, ``meilensteine``,
    ``finanzen``, ``beteiligungen``).
    """

    path: Path
    massnahmen: list[ParsedRow] = field(default_factory=list)
    meilensteine: list[ParsedRow] = field(default_factory=list)
    finanzen: list[ParsedRow] = field(default_factory=list)
    beteiligungen: list[ParsedRow] = field(default_factory=list)
    sheet_names: dict[str, str] = field(default_factory=dict)
    columns_found: dict[str, list[str]] = field(default_factory=dict)
    headers_found: dict[str, dict[str, str]] = field(default_factory=dict)
    extra_headers: dict[str, list[str]] = field(default_factory=dict)
    ignored_sheets: list[str] = field(default_factory=list)
    total_rows: list[TotalRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    missing_columns: dict[tuple[str, str], frozenset[int]] = field(default_factory=dict)
    """(sheet name, column key) of each missing required column reported, with the rows concerned:
    one error covers them, so the rows get no error of their own for that column."""
    stand: date | None = None
    stand_cell: str = ""
    """The date of the title block's "Stand: TT.MM.JJJJ" (measures sheet) and its cell, if there is one."""
    saved_at: datetime | None = None
    """The file's modification time when it was read (local time)."""

    @property
    def has_errors(self) -> bool:
        """True when at least one problem is an error."""
        return any(p.is_error for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        """The errors, in the order found."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """The warnings, in the order found."""
        return [p for p in self.problems if not p.is_error]

    def rows(self, sheet_key: str) -> list[ParsedRow]:
        """The rows of one sheet by its key."""
        rows: list[ParsedRow] = getattr(self, sheet_key)
        return rows
