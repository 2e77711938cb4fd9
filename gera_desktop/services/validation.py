"""Checking a measure before it is saved: per-field checks driven by the column spec, then the rules.

Every problem is collected; ``validate_massnahme`` raises one ``ValidationError`` naming each field by
its key (children as ``meilensteine[2].termin``) with a German message that starts with the label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import MISSING, fields, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from gera_desktop.domain import council, rules
from gera_desktop.domain.errors import FieldProblem, ValidationError
from gera_desktop.domain.funding import CENT
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.excel.columns import LIST_COLUMNS, MASSNAHMEN, Column, Kind
from gera_desktop.services.labels import column_label

TEXT_LIMIT = 32_767
"""The most characters a spreadsheet cell holds: longer text could never be exported."""
MONEY_LIMIT = Decimal("1000000000000")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
REQUIRED = "Pflichtfeld – bitte ausfüllen."

_DEFAULTS = {f.name: f.default for f in fields(MassnahmeData) if f.default not in (None, MISSING)}
"""Fields that fall back to a default when left empty (Projektart, Freigabe, Bürgerbeteiligung)."""

CHILD_COLUMNS: dict[str, tuple[Column, ...]] = LIST_COLUMNS


def validate_massnahme(data: MassnahmeData, settings: ProgrammEinstellungen | None = None) -> None:
    """Raise ``ValidationError`` with every problem of the measure and its children (none: return)."""
    problems = massnahme_problems(data, settings)
    if problems:
        raise ValidationError(problems)


def prepared(data: MassnahmeData, settings: ProgrammEinstellungen | None = None) -> MassnahmeData:
    """The record as it is stored: ``normalized``, settled by the rules of the council cycle
    (``council.settle``), each funding amount equal to its computed value stored as computed
    (``rules.stored_amounts``), checked (``ValidationError`` with every problem)."""
    settings = settings or ProgrammEinstellungen()
    clean = normalized(data)
    council.settle(clean)
    amounts: dict[str, Any] = rules.stored_amounts(clean, settings.foerderquote)
    clean = replace(clean, **amounts)
    validate_massnahme(clean, settings)
    return clean


def massnahme_problems(
    data: MassnahmeData, settings: ProgrammEinstellungen | None = None
) -> list[FieldProblem]:
    """Every problem of the measure: per-field checks first, then the rules for fields still clean."""
    rate = (settings or ProgrammEinstellungen()).foerderquote
    problems = column_problems(data, MASSNAHMEN)
    problems += _unless_reported(problems, rules.massnahme_problems(data, rate))
    problems += zusatzspalten_problems(data.zusatzspalten)
    child_fields = _child_field_problems(data)
    return problems + child_fields + _unless_reported(child_fields, rules.children_problems(data))


def column_problems(record: object, columns: Iterable[Column]) -> list[FieldProblem]:
    """The per-field checks of one record against its columns: required, type, length, ranges."""
    problems = []
    for column in columns:
        value = getattr(record, column.key, None)
        if value is None and not column.required:  # most fields are empty: no call for them
            continue
        message = value_problem(column, value)
        if message is not None:
            problems.append(FieldProblem(column.key, f"{column_label(column)}: {message}"))
    return problems


def value_problem(column: Column, value: Any) -> str | None:
    """What is wrong with one value of a column (without the label), or ``None``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return REQUIRED if column.required else None
    check = _CHECKS[column.kind]
    return check(column, value)


def zusatzspalten_problems(extra: dict[str, Any]) -> list[FieldProblem]:
    """Extra columns: text without control characters and not longer than a cell; values that the
    database can keep as they are (text, numbers, ja/nein; a date must be passed as text)."""
    problems = []
    for header, value in extra.items():
        message = _extra_problem(header, value)
        if message is not None:
            problems.append(FieldProblem("zusatzspalten", f"Zusatzspalte „{header}“: {message}"))
    return problems


def _extra_problem(header: Any, value: Any) -> str | None:
    if not isinstance(header, str) or not header.strip():
        return "Die Spalte braucht eine Überschrift."
    if value is not None and not isinstance(value, str | int | float | bool):
        return f"Der Wert „{value}“ kann nicht gespeichert werden (bitte als Text oder Zahl angeben)."
    for text in (header, value):
        message = _text_problem(None, text) if isinstance(text, str) else None
        if message is not None:
            return message
    return None


def _child_field_problems(data: MassnahmeData) -> list[FieldProblem]:
    problems = []
    for list_name, columns in CHILD_COLUMNS.items():
        rows: Sequence[object] = getattr(data, list_name)
        for index, row in enumerate(rows):
            for problem in column_problems(row, columns):
                title = rules.child_title(list_name, index, row)
                field = rules.child_field(list_name, index, problem.field)
                problems.append(FieldProblem(field, f"{title}: {problem.message}"))
    return problems


def _unless_reported(reported: list[FieldProblem], more: list[FieldProblem]) -> list[FieldProblem]:
    """The problems of ``more`` on fields that have no problem yet: one basic message per field first."""
    taken = {p.field for p in reported}
    return [p for p in more if p.field not in taken]


# --- one value by kind --------------------------------------------------------------------------------


def _text_problem(column: Column | None, value: Any) -> str | None:
    if not isinstance(value, str):
        return "Bitte Text eingeben."
    limit = column.max_length if column is not None and column.max_length else TEXT_LIMIT
    if len(value) > limit:
        return f"Der Text ist zu lang ({len(value)} Zeichen, höchstens {limit})."
    if CONTROL_CHARACTERS.search(value):
        return "Der Text enthält unsichtbare Steuerzeichen (z. B. aus einer Kopie) – bitte entfernen."
    return None


def _date_problem(_column: Column, value: Any) -> str | None:
    return None if isinstance(value, date) else "Bitte ein Datum im Format TT.MM.JJJJ eingeben."


def _money_problem(_column: Column, value: Any) -> str | None:
    amount = _decimal(value)
    if amount is None:
        return "Bitte einen Betrag in Euro eingeben, z. B. 1.234,56."
    if amount < 0:
        return "Der Betrag darf nicht negativ sein."
    if amount >= MONEY_LIMIT:
        return "Der Betrag ist zu groß."
    if amount != amount.quantize(CENT):
        return "Bitte höchstens zwei Nachkommastellen (Cent) angeben."
    return None


def _percent_problem(_column: Column, value: Any) -> str | None:
    percent = _decimal(value)
    if percent is None or not 0 <= percent <= 100:
        return "Bitte eine Zahl zwischen 0 und 100 (Prozent) eingeben."
    if percent != percent.quantize(CENT):
        return "Bitte höchstens zwei Nachkommastellen angeben."
    return None


def _integer_problem(column: Column, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "Bitte eine ganze Zahl eingeben."
    low, high = column.minimum, column.maximum
    if low is not None and high is not None and not low <= value <= high:
        return f"Der Wert {value} liegt nicht zwischen {low} und {high}."
    if low is not None and value < low:
        return f"Der Wert darf nicht kleiner als {low} sein."
    if high is not None and value > high:
        return f"Der Wert darf nicht größer als {high} sein."
    return None


def _enum_problem(column: Column, value: Any) -> str | None:
    choices = column.choices
    if choices is None or isinstance(value, choices):
        return None
    allowed = ", ".join(member.value for member in choices)
    return f"„{value}“ ist kein zulässiger Wert. Erlaubt sind: {allowed}."


def _bool_problem(_column: Column, value: Any) -> str | None:
    return None if isinstance(value, bool) else "Bitte ja oder nein wählen."


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    amount = Decimal(value)
    return amount if amount.is_finite() else None


_CHECKS = {
    Kind.TEXT: _text_problem,
    Kind.DATE: _date_problem,
    Kind.MONEY: _money_problem,
    Kind.PERCENT: _percent_problem,
    Kind.INTEGER: _integer_problem,
    Kind.YEAR: _integer_problem,
    Kind.ENUM: _enum_problem,
    Kind.BOOL: _bool_problem,
}


# --- normalising what the user typed ------------------------------------------------------------------


def normalized(data: MassnahmeData) -> MassnahmeData:
    """A copy with text trimmed (empty text = ``None``), the Nr. spaced once, enum values as members.

    Child rows and extra columns are copied too, so that the caller's record is never changed.
    """
    values: dict[str, Any] = {c.key: _clean(c, getattr(data, c.key)) for c in MASSNAHMEN}
    values.update({key: default for key, default in _DEFAULTS.items() if values[key] is None})
    nr = values["nr"]
    if isinstance(nr, str):
        values["nr"] = " ".join(nr.split())
    for name, columns in CHILD_COLUMNS.items():
        values[name] = [
            replace(row, **{c.key: _clean(c, getattr(row, c.key)) for c in columns})
            for row in getattr(data, name)
        ]
    return replace(data, **values, zusatzspalten=dict(data.zusatzspalten or {}))


def _clean(column: Column, value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, str) and column.kind is Kind.TEXT:
        return _unix_lines(value.strip())
    if isinstance(value, str) and column.choices is not None:
        return _as_member(column.choices, value)
    return value


def _unix_lines(text: str) -> str:
    """Line breaks as a single line feed (Windows' CR LF would not survive a round trip through Excel)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _as_member(choices: type[StrEnum], value: str) -> Any:
    try:
        return choices(value.strip())
    except ValueError:
        return value
