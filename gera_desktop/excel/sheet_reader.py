"""One sheet of the Maßnahmenliste: find the header row, then parse every data row (spec sections 2–5)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import MISSING, dataclass, field, fields
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple, TypeGuard

from openpyxl.utils.cell import get_column_letter

from gera_desktop.domain.records import MassnahmeData
from gera_desktop.excel.cells import CellParser, parser_for
from gera_desktop.excel.columns import SHEET_MASSNAHMEN, SheetSpec
from gera_desktop.excel.errors import CellError
from gera_desktop.excel.headers import HEADER_SEARCH_ROWS, SHEET_HEADERS, HeaderMatch, fold, header_text
from gera_desktop.excel.parsed import ParsedRow, Problem, Severity, TotalRow
from gera_desktop.excel.sheet_notes import HiddenData, missing_column_message, rate_doubt, title_stand
from gera_desktop.excel.sheet_xml import HiddenParts, Row
from gera_desktop.excel.values import (
    FORMULA_WITHOUT_VALUE,
    ErrorValue,
    PercentNumber,
    line_breaks,
    shown,
    text_cell_problem,
)

END_AFTER_EMPTY_ROWS = 5
LOOK_BELOW_ROWS = 1_000
"""How far below the table's end empty rows are scanned for forgotten entries (to warn about them)."""
MAX_DATA_ROWS = 200_000
TOTAL_STARTS = ("summe", "gesamt", "insgesamt", "zwischensumme")
"""How the first text of a total row begins, also as part of a longer word: "Gesamtkosten Programm"."""
FORMULA_MESSAGE = "Formel ohne berechneten Wert – bitte in Excel öffnen und speichern."
REQUIRED_MESSAGE = "Pflichtfeld – bitte ausfüllen."

DEFAULTS: dict[str, dict[str, Any]] = {
    SHEET_MASSNAHMEN.key: {
        f.name: f.default for f in fields(MassnahmeData) if f.default is not MISSING and f.default is not None
    }
}
"""What an empty cell means where it is not "nothing": Projektart, Freigabe, Bürgerbeteiligung."""


class _Column(NamedTuple):
    position: int
    key: str
    parse: CellParser
    default: Any


@dataclass(frozen=True)
class _Layout:
    """What the header row says about every data row: parsers by position, extras, cells without header."""

    columns: list[_Column]
    letters: dict[str, str]
    headers: dict[str, str]
    required: list[str]
    nr_index: int
    rate_index: int
    extras: list[tuple[int, str]]
    width: int
    unnamed: list[int]


def _layout(spec: SheetSpec, match: HeaderMatch, values: Row, epoch: datetime) -> _Layout:
    defaults = DEFAULTS.get(spec.key, {})
    extras = sorted([*match.extras, *((index, header) for index, header, _ in match.duplicates)])
    return _Layout(
        columns=[
            _Column(index, column.key, parser_for(column, epoch), defaults.get(column.key))
            for index, column in match.columns
        ],
        letters={column.key: get_column_letter(index + 1) for index, column in match.columns},
        headers={column.key: header_text(values[index]) for index, column in match.columns},
        required=[column.key for _, column in match.columns if column.required],
        nr_index=next((index for index, column in match.columns if column.key == "nr"), -1),
        rate_index=next((index for index, column in match.columns if column.key == "foerderquote"), -1),
        extras=_unique_headers(extras),
        width=len(values),
        unnamed=[index for index, value in enumerate(values) if not header_text(value)],
    )


@dataclass
class SheetResult:
    """The rows of one sheet and what was found about its layout."""

    rows: list[ParsedRow] = field(default_factory=list)
    header_row: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    extras: list[str] = field(default_factory=list)
    totals: list[TotalRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    stand: tuple[date, str] | None = None
    """The title block's "Stand" date and its cell, if the sheet has one above the header."""


class SheetReader:
    """Reads the table of one sheet from its row stream (which fills ``hidden``) in a single pass."""

    def __init__(
        self,
        spec: SheetSpec,
        sheet: str,
        rows: Iterator[tuple[int, Row]],
        epoch: datetime,
        hidden: HiddenParts | None = None,
    ) -> None:
        self.spec = spec
        self.sheet = sheet
        self.stream = rows
        self.epoch = epoch
        self.result = SheetResult()
        self.layout: _Layout
        self.first_unnamed: dict[int, str] = {}
        self.hidden = HiddenData(sheet, hidden if hidden is not None else HiddenParts())

    def read(self) -> SheetResult:
        """Find the header, read the data rows, report what could not be read."""
        header = self._find_header()
        if header is None:
            return self.result
        number, values = header
        match = SHEET_HEADERS[self.spec.key].match(values)
        self.layout = _layout(self.spec, match, values, self.epoch)
        self.result.header_row = number
        self.result.headers = self.layout.headers
        self.result.extras = [header for _, header in self.layout.extras]
        self._check_header_cells(number, values)
        self._report_duplicates(match)
        if self._check_columns():
            imported = {column.position: self.layout.headers[column.key] for column in self.layout.columns}
            imported.update(self.layout.extras if self.spec.required else ())  # extras kept there only
            self.hidden.watch(imported)
            self._read_rows(number)
            self._report_unnamed()
            self._report_missing()
            self.result.problems += self.hidden.problems(imported)
        return self.result

    # --- layout -------------------------------------------------------------------------------------

    def _find_header(self) -> tuple[int, Row] | None:
        headers = SHEET_HEADERS[self.spec.key]
        has_content = False
        for number, values in self.stream:
            if number > HEADER_SEARCH_ROWS:
                has_content = True
                break
            if headers.is_header_row(values):
                return number, values
            has_content = has_content or not _is_empty(values)
            if self.result.stand is None:
                self.result.stand = title_stand(values, number, self.sheet)
        if has_content or self.spec.required:
            examples = ", ".join(c.header for c in self.spec.columns[:3])
            self._sheet_problem(
                f"Im Blatt „{self.sheet}“ wurde keine Überschriftenzeile gefunden. In den ersten "
                f"{HEADER_SEARCH_ROWS} Zeilen muss eine Zeile mindestens drei bekannte Spaltenüberschriften "
                f"enthalten, z. B. {examples}."
            )
        return None

    def _check_header_cells(self, number: int, values: Row) -> None:
        """A header with a control character or beyond a cell's length is an error at its cell."""
        for index, value in enumerate(values):
            problem = _text_problem(value)
            if problem:
                self._problem(f"{self.sheet}!{get_column_letter(index + 1)}{number}", "", value, problem)

    def _report_duplicates(self, match: HeaderMatch) -> None:
        for index, header, winner in match.duplicates:
            self._sheet_problem(
                f"Die Spalte „{header}“ ({get_column_letter(index + 1)}) wird nicht als "
                f"„{winner.header}“ gelesen, weil die Spalte „{self.layout.headers[winner.key]}“ das "
                "schon ist; sie wird als Zusatzspalte behandelt.",
                Severity.WARNING,
            )

    def _check_columns(self) -> bool:
        """False when the rows cannot be read at all (no Maßnahmen-Nr.)."""
        if "nr" not in self.layout.headers:
            self._sheet_problem(f"Im Blatt „{self.sheet}“ fehlt die Spalte „Maßnahmen-Nr.“.")
            return False
        if not self.spec.required:  # the measures sheet: required only for new measures (checks.py)
            missing = [c for c in self.spec.columns if c.required and c.key not in self.layout.headers]
            self.result.missing = [column.key for column in missing]
        return True

    # --- rows ---------------------------------------------------------------------------------------

    def _read_rows(self, header_row: int) -> None:
        last_filled = header_row
        count = 0
        for number, values in self.stream:
            if _is_empty(values):
                if number - last_filled > END_AFTER_EMPTY_ROWS + LOOK_BELOW_ROWS:
                    return
                continue
            if number - last_filled > END_AFTER_EMPTY_ROWS:
                self._ignored_below(number)
                return
            last_filled = number
            count += 1
            if count > MAX_DATA_ROWS:
                too_many = f"{MAX_DATA_ROWS:,}".replace(",", ".")
                self._sheet_problem(f"Das Blatt „{self.sheet}“ hat mehr als {too_many} Zeilen.")
                return
            self._row(number, values)

    def _row(self, number: int, values: Row) -> None:
        if self._is_total(number, values):
            return
        self.hidden.note(number, values)
        layout = self.layout
        size = len(values)
        parsed: dict[str, Any] = {}
        row = ParsedRow(self.sheet, number, parsed, {}, layout.letters)
        for index, key, parse, default in layout.columns:  # runs for every cell: no call but the parser
            raw = values[index] if index < size else None
            value = None
            if raw is FORMULA_WITHOUT_VALUE:
                self._cell_problem(row, key, raw, FORMULA_MESSAGE)
            elif raw is not None:
                try:
                    value = parse(raw)
                except CellError as error:
                    self._cell_problem(row, key, raw, error.message)
            parsed[key] = default if value is None else value
        for key in layout.required:
            if parsed[key] is None and key not in row.invalid:
                self._cell_problem(row, key, None, REQUIRED_MESSAGE)
        if 0 <= layout.rate_index < size and values[layout.rate_index] is not None:
            self._check_rate(row, values[layout.rate_index], parsed["foerderquote"])
        if layout.extras:
            row.extras = self._extras(row, values)
        if size > layout.width or layout.unnamed:
            self._note_unnamed(number, values)
        self.result.rows.append(row)

    def _check_rate(self, row: ParsedRow, raw: object, value: object) -> None:
        doubt = rate_doubt(raw, value)
        if doubt is not None:
            header = self.layout.headers["foerderquote"]
            self._problem(row.cell("foerderquote"), header, raw, doubt, Severity.WARNING)

    def _extras(self, row: ParsedRow, values: Row) -> dict[str, Any]:
        size = len(values)
        extras: dict[str, Any] = {}
        for index, header in self.layout.extras:
            raw = values[index] if index < size else None
            if isinstance(raw, str):
                raw = line_breaks(raw)
            message = FORMULA_MESSAGE if raw is FORMULA_WITHOUT_VALUE else _text_problem(raw)
            if message:
                self._problem(f"{self.sheet}!{get_column_letter(index + 1)}{row.row}", header, raw, message)
                raw = None
            extras[header] = json_value(raw)
        return extras

    def _is_total(self, number: int, values: Row) -> bool:
        """A row without Nr. whose first text begins with Summe, Gesamt, … (noted, then skipped)."""
        nr_index = self.layout.nr_index
        nr = values[nr_index] if nr_index < len(values) else None
        if nr is not None and not (isinstance(nr, str) and not nr.strip()):
            return False
        first = next((v for v in values if _is_text(v) and v.strip()), None)
        if first is None or not fold(first).startswith(TOTAL_STARTS):
            return False
        self.result.totals.append(TotalRow(self.sheet, number, shown(first.strip())))
        return True

    def _ignored_below(self, number: int) -> None:
        self._problem(
            f"{self.sheet}!A{number}",
            "",
            None,
            f"Nach {END_AFTER_EMPTY_ROWS} leeren Zeilen endet die Tabelle; die Einträge ab Zeile {number} "
            "wurden nicht eingelesen. Gehören sie dazu, bitte die leeren Zeilen löschen.",
            Severity.WARNING,
        )

    def _note_unnamed(self, number: int, values: Row) -> None:
        size = len(values)
        for index in [*self.layout.unnamed, *range(self.layout.width, size)]:
            if index < size and values[index] is not None and index not in self.first_unnamed:
                self.first_unnamed[index] = f"{get_column_letter(index + 1)}{number}"

    def _report_unnamed(self) -> None:
        for index, first in sorted(self.first_unnamed.items()):
            self._problem(
                f"{self.sheet}!{first}",
                "",
                None,
                f"Die Spalte {get_column_letter(index + 1)} hat keine Überschrift; ihre Werte werden nicht "
                "übernommen. Soll sie erhalten bleiben, bitte eine Überschrift eintragen.",
                Severity.WARNING,
            )

    def _report_missing(self) -> None:
        """One error per missing required column, naming the rows that need it."""
        rows = [row.row for row in self.result.rows]
        for key in self.result.missing:
            self._sheet_problem(missing_column_message(self.sheet, self.spec.column(key).header, rows))

    # --- problems -----------------------------------------------------------------------------------

    def _cell_problem(self, row: ParsedRow, key: str, raw: object, message: str) -> None:
        """An error at the row's cell of ``key``; the value counts as empty (``None``)."""
        row.invalid.add(key)
        self._problem(row.cell(key), self.layout.headers.get(key, ""), raw, message)

    def _sheet_problem(self, message: str, severity: Severity = Severity.ERROR) -> None:
        self._problem("", "", None, message, severity)

    def _problem(
        self, cell: str, header: str, raw: object, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        self.result.problems.append(Problem(self.sheet, cell, header, shown(raw), message, severity))


def _is_empty(values: Row) -> bool:
    return all(value is None or (type(value) is str and not value.strip()) for value in values)


def _is_text(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and not isinstance(value, ErrorValue)


def _text_problem(raw: object) -> str | None:
    return text_cell_problem(raw) if _is_text(raw) else None


def _unique_headers(extras: list[tuple[int, str]]) -> list[tuple[int, str]]:
    seen: set[str] = set()
    unique = []
    for index, header in extras:
        name, counter = header, 2
        while name in seen:
            name, counter = f"{header} ({counter})", counter + 1
        seen.add(name)
        unique.append((index, name))
    return unique


def json_value(raw: object) -> Any:
    """An extra column's cell as JSON can hold it: text, number, truth value, or a date as ``TT.MM.JJJJ``."""
    if raw is None or (isinstance(raw, bool | int | str) and not isinstance(raw, ErrorValue)):
        return raw
    if isinstance(raw, PercentNumber):
        return float(raw)
    if isinstance(raw, float):
        return raw if raw == raw and abs(raw) != float("inf") else None
    if isinstance(raw, datetime | date | time | timedelta | ErrorValue):
        return shown(raw)
    return str(raw)
