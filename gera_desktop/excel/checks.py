"""Checks across rows and sheets of a read workbook: unique numbers and keys, known measures, the rules.

The cross-field rules themselves live in ``gera_desktop.domain.rules``; here each problem they report is
placed on the cell of its field in the row it concerns.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from dataclasses import MISSING, fields
from datetime import date
from decimal import Decimal
from typing import Any

from gera_desktop.domain import rules
from gera_desktop.domain.errors import FieldProblem
from gera_desktop.domain.formatting import format_date, format_number
from gera_desktop.domain.funding import INPUT_KEYS
from gera_desktop.domain.models import nr_key
from gera_desktop.domain.records import BeteiligungData, FinanzjahrData, MassnahmeData, MeilensteinData
from gera_desktop.excel.columns import MASSNAHMEN, SHEET_MASSNAHMEN
from gera_desktop.excel.parsed import ParsedRow, ParsedWorkbook, Problem, Severity
from gera_desktop.excel.sheet_notes import missing_column_message
from gera_desktop.excel.values import shown

FUNDING_KEYS = frozenset(INPUT_KEYS)
_POSITIONAL = [f.name for f in fields(MassnahmeData) if f.default is MISSING and f.default_factory is MISSING]


def check_workbook(book: ParsedWorkbook, known_nrs: Collection[str], programme_rate: Decimal) -> None:
    """Append every cross-row and cross-sheet problem of the book to ``book.problems``."""
    known = {nr_key(nr) for nr in known_nrs}
    measures = _unique_measures(book)
    _missing_required_columns(book, known)
    _measure_rules(book, known, programme_rate)
    valid_nrs = known | measures.keys()
    _child_rows(
        book, "meilensteine", MeilensteinData, rules.meilenstein_problems, rules.meilenstein_key, valid_nrs
    )
    _child_rows(book, "finanzen", FinanzjahrData, rules.finanzjahr_problems, rules.finanzjahr_key, valid_nrs)
    _child_rows(
        book, "beteiligungen", BeteiligungData, rules.beteiligung_problems, rules.beteiligung_key, valid_nrs
    )
    _plan_warnings(book, measures)


def _unique_measures(book: ParsedWorkbook) -> dict[str, ParsedRow]:
    first: dict[str, ParsedRow] = {}
    for row in book.massnahmen:
        if row.nr is None:
            continue
        key = nr_key(row.nr)
        if key in first:
            _add(
                book,
                row,
                "nr",
                f"Die Maßnahmen-Nr. „{row.nr}“ steht mehrfach in der Datei (zuerst in "
                f"Zeile {first[key].row}). Jede Maßnahme darf nur einmal vorkommen.",
            )
        else:
            first[key] = row
    return first


def _missing_required_columns(book: ParsedWorkbook, known: set[str]) -> None:
    """One error per required column the measures sheet lacks, naming the rows of new measures."""
    present = set(book.columns_found.get(SHEET_MASSNAHMEN.key, ()))
    if not book.massnahmen or "nr" not in present:
        return
    rows = frozenset(row.row for row in book.massnahmen if row.nr is not None and nr_key(row.nr) not in known)
    if not rows:
        return
    sheet = book.massnahmen[0].sheet
    for column in MASSNAHMEN:
        if column.required and column.key not in present:
            message = missing_column_message(sheet, column.header, sorted(rows), "neue Maßnahmen")
            book.problems.append(Problem(sheet, "", "", "", message))
            book.missing_columns[(sheet, column.key)] = rows


def _measure_rules(book: ParsedWorkbook, known: set[str], programme_rate: Decimal) -> None:
    for row in book.massnahmen:
        values: dict[str, Any] = dict.fromkeys(_POSITIONAL)
        values.update(row.values)
        known_measure = row.nr is not None and nr_key(row.nr) in known
        if row.invalid & FUNDING_KEYS or known_measure:
            # A stored measure's amounts are checked by the import once merged with the stored values
            # (an amount repeated unchanged from the database stays computed there).
            values["gesamtkosten"] = None
        for problem in rules.massnahme_problems(MassnahmeData(**values), programme_rate):
            if problem.field not in row.invalid:
                field = problem.field if problem.field in row.letters else "gesamtkosten"
                _add(book, row, field, problem.message)


def _child_rows(
    book: ParsedWorkbook,
    sheet_key: str,
    record: type[Any],
    row_rules: Callable[[Any], list[FieldProblem]],
    key_of: Callable[[Any], Hashable],
    valid_nrs: set[str],
) -> None:
    record_fields = [f.name for f in fields(record)]
    seen: dict[tuple[str, Hashable], int] = {}
    for row in book.rows(sheet_key):
        data = record(**{name: row.values.get(name) for name in record_fields})
        found = [p for p in row_rules(data) if p.field in row.letters and p.field not in row.invalid]
        for problem in found:
            _add(book, row, problem.field, problem.message)
        if row.nr is None or "nr" in row.invalid:
            continue
        if nr_key(row.nr) not in valid_nrs:
            _add(
                book,
                row,
                "nr",
                f"Die Maßnahme „{row.nr}“ gibt es weder im Blatt Maßnahmen noch in der Datenbank.",
            )
            continue
        if found or row.invalid:
            continue
        key = (nr_key(row.nr), key_of(data))
        if key in seen:
            _add(
                book,
                row,
                _key_field(sheet_key),
                f"{_title(sheet_key, data)} ist für die Maßnahme „{row.nr}“ "
                f"doppelt eingetragen (auch in Zeile {seen[key]}).",
            )
        else:
            seen[key] = row.row


def _key_field(sheet_key: str) -> str:
    return {"meilensteine": "bezeichnung", "finanzen": "jahr", "beteiligungen": "format"}[sheet_key]


def _title(sheet_key: str, data: Any) -> str:
    if sheet_key == "meilensteine":
        return rules.meilenstein_title(data)
    if sheet_key == "finanzen":
        return rules.finanzjahr_title(data)
    return rules.beteiligung_title(data)


def _plan_warnings(book: ParsedWorkbook, measures: dict[str, ParsedRow]) -> None:
    years: dict[str, list[FinanzjahrData]] = {}
    for row in book.finanzen:
        jahr = row.values.get("jahr")
        if row.nr is not None and jahr is not None and not row.invalid:
            years.setdefault(nr_key(row.nr), []).append(FinanzjahrData(jahr, row.values.get("plan")))
    for key, finanzen in years.items():
        measure = measures.get(key)
        if measure is None or measure.values.get("gesamtkosten") is None:
            continue
        data = MassnahmeData(**{**dict.fromkeys(_POSITIONAL), "gesamtkosten": measure.values["gesamtkosten"]})
        data.finanzen = finanzen
        for problem in rules.plan_warnings(data):
            _add(book, measure, "gesamtkosten", f"{measure.nr}: {problem.message}", Severity.WARNING)


def _add(
    book: ParsedWorkbook, row: ParsedRow, field: str, message: str, severity: Severity = Severity.ERROR
) -> None:
    header = book.headers_found.get(_sheet_key(book, row), {}).get(field, "")
    value = _shown_value(row.values.get(field))
    book.problems.append(Problem(row.sheet, row.cell(field), header, value, message, severity))


def _sheet_key(book: ParsedWorkbook, row: ParsedRow) -> str:
    return next((key for key, name in book.sheet_names.items() if name == row.sheet), "")


def _shown_value(value: object) -> str:
    """A typed value in German notation: 1.234,50 for amounts and percentages, TT.MM.JJJJ for dates;
    text as the report quotes it (at most 80 characters)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, date):
        return format_date(value)
    return shown(str(value))
