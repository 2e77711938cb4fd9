"""Cell values as people type them (spec section 5): one parser per column, built once per sheet.

A parser takes a raw cell value that is not ``None`` and returns the typed value, ``None`` for a cell
that only holds blanks, or raises ``CellError`` with a German message.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from gera_desktop.domain.formatting import format_euro
from gera_desktop.domain.rules import FIRST_YEAR, LAST_YEAR
from gera_desktop.excel.columns import Column, Kind
from gera_desktop.excel.errors import CellError
from gera_desktop.excel.headers import fold
from gera_desktop.excel.values import (
    MAX_CELL_TEXT,
    ErrorValue,
    PercentNumber,
    line_breaks,
    number_text,
    quoted,
    text_cell_problem,
)

CellParser = Callable[[object], object]

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
MAX_AMOUNT = Decimal("999999999999.99")
MAX_INTEGER = 2**31 - 1
SERIAL_RANGE = (30_000, 75_000)
"""Day counts that can be dates between 2000 and 2100 in either date system (checked exactly after)."""
EXCEL_DIGITS = 15
"""Excel keeps 15 significant digits; beyond them a binary float only carries noise (0.1 + 0.2)."""

_TEXT_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_AMOUNT = re.compile(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+|-{1,2}))?")
_CURRENCY = re.compile(r"^(?:€|eur(?:o)?)|(?:€|eur(?:o)?)$", re.IGNORECASE)
_MINUS = ("-", "−", "–")
_PERCENT = re.compile(r"(\d+)(?:[,.](\d+))?")
_INTEGER = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_TRUE = frozenset({"ja", "j", "x", "wahr", "true", "yes", "1"})
_FALSE = frozenset({"nein", "n", "falsch", "false", "no", "0", "-"})


def parser_for(column: Column, epoch: datetime | None = None) -> CellParser:
    """The parser of one column; ``epoch`` is the workbook's date system (default 1900, else 1904)."""
    kind = column.kind
    if kind is Kind.TEXT:
        return _text_parser(column.max_length)
    if kind is Kind.DATE:
        return lambda raw: parse_date(raw, epoch)
    if kind is Kind.MONEY:
        return parse_money
    if kind is Kind.PERCENT:
        return parse_percent
    if kind in (Kind.INTEGER, Kind.YEAR):
        return _integer_parser(column)
    if kind is Kind.ENUM:
        assert column.choices is not None, column.key
        return enum_parser(column.choices, column.aliases)
    return parse_bool


def _reject_errors(raw: object) -> None:
    if isinstance(raw, ErrorValue):
        raise CellError(
            f"Die Zelle enthält den Excel-Fehlerwert {raw}. Bitte die Formel in Excel korrigieren."
        )


# --- text ---------------------------------------------------------------------------------------------


def _text_parser(max_length: int | None) -> CellParser:
    return lambda raw: parse_text(raw, max_length)


def parse_text(raw: object, max_length: int | None = None) -> str | None:
    """Trimmed text; one leading ``'`` removed; CR LF and CR as LF; no other control characters than
    line breaks and tabs; at most ``max_length`` characters (without a limit: what a cell holds)."""
    _reject_errors(raw)
    text = _as_text(raw).strip()
    if text.startswith("'"):
        text = text[1:].strip()
    if not text:
        return None
    text = line_breaks(text)
    problem = text_cell_problem(text, MAX_CELL_TEXT if max_length is None else max_length)
    if problem:
        raise CellError(problem)
    return text


def _as_text(raw: object) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "ja" if raw else "nein"
    if isinstance(raw, int | float):
        return number_text(raw)
    if isinstance(raw, datetime):
        return (
            raw.strftime("%d.%m.%Y") if raw.hour == raw.minute == raw.second == 0 else f"{raw:%d.%m.%Y %H:%M}"
        )
    if isinstance(raw, date):
        return raw.strftime("%d.%m.%Y")
    return str(raw)


# --- dates --------------------------------------------------------------------------------------------


def parse_date(raw: object, epoch: datetime | None = None) -> date | None:
    """Date cells (time dropped), serial numbers, and text ``TT.MM.JJJJ``, ``T.M.JJ``, ``JJJJ-MM-TT``."""
    _reject_errors(raw)
    if isinstance(raw, datetime):
        return _in_range(raw.date())
    if isinstance(raw, date):
        return _in_range(raw)
    if isinstance(raw, str):
        return _date_from_text(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return _date_from_serial(raw, epoch)
    raise CellError("Das ist kein Datum. Bitte als Datum TT.MM.JJJJ eintragen, z. B. 31.12.2025.")


def _date_from_text(raw: str) -> date | None:
    text = raw.strip().lstrip("'").strip()
    if not text:
        return None
    match = _TEXT_DATE.fullmatch(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        year += 2000 if len(match.group(3)) == 2 else 0
    else:
        match = _ISO_DATE.fullmatch(text)
        if not match:
            raise CellError(
                f"{quoted(text)} ist kein Datum. Bitte als TT.MM.JJJJ eintragen, z. B. 31.12.2025."
            )
        year, month, day = (int(part) for part in match.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        raise CellError(f"{quoted(text)} ist kein gültiges Datum (diesen Tag gibt es nicht).") from None
    return _in_range(value)


def _date_from_serial(raw: float, epoch: datetime | None) -> date:
    """A number in a date column is read as Excel's day count, if that lands between 2000 and 2100.

    openpyxl is imported here, not with the module: typing a date into the program needs no workbook.
    """
    from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

    if math.isfinite(raw) and SERIAL_RANGE[0] <= raw <= SERIAL_RANGE[1]:
        value = from_excel(raw, WINDOWS_EPOCH if epoch is None else epoch)
        if isinstance(value, datetime) and FIRST_YEAR <= value.year <= LAST_YEAR:
            return value.date()
    raise CellError(f"Die Zahl {number_text(raw)} ist kein Datum. Bitte als TT.MM.JJJJ eintragen.")


def _in_range(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise CellError(
            f"Das Datum {value:%d.%m.%Y} liegt nicht zwischen den Jahren {FIRST_YEAR} und {LAST_YEAR}."
        )
    return value


# --- numbers ------------------------------------------------------------------------------------------


def decimal_from_number(raw: float) -> Decimal:
    """A cell number as exact Decimal, cut to Excel's 15 significant digits (no binary noise)."""
    if isinstance(raw, int):
        return Decimal(raw)
    if not math.isfinite(raw):
        raise CellError("Die Zelle enthält keine gültige Zahl.")
    return Decimal(f"{raw:.{EXCEL_DIGITS}g}")


def parse_money(raw: object) -> Decimal | None:
    """An amount in euro with at most two decimals, not negative: numbers or German text."""
    _reject_errors(raw)
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise CellError("Das ist kein Betrag. Bitte eine Zahl eintragen, z. B. 1.234,56.")
    amount = _amount_from_text(raw) if isinstance(raw, str) else decimal_from_number(raw)
    if amount is None:
        return None
    if amount < 0:
        raise CellError("Der Betrag ist negativ; Beträge dürfen nicht negativ sein.")
    if amount > MAX_AMOUNT:
        raise CellError(f"Der Betrag ist unplausibel groß (höchstens {format_euro(MAX_AMOUNT)}).")
    if amount != amount.quantize(CENT):
        raise CellError(
            f"Der Betrag {number_text(float(amount))} hat mehr als zwei Nachkommastellen. Bitte auf "
            "volle Cent runden (in Excel z. B. mit =RUNDEN(…;2))."
        )
    return amount.quantize(CENT)


def _amount_from_text(raw: str) -> Decimal | None:
    text = "".join(raw.split()).lstrip("'")
    if not text:
        return None
    text = _CURRENCY.sub("", text)
    negative = text.startswith(_MINUS)
    match = _AMOUNT.fullmatch(text.lstrip("".join(_MINUS)))
    if not match:
        raise CellError(
            f"{quoted(raw)} ist kein Betrag. Bitte nur die Zahl eintragen, z. B. 1.400.000,00 € oder 1400000."
        )
    whole, fraction = match.group(1).replace(".", ""), match.group(2) or "0"
    amount = Decimal(f"{whole}.{'0' if fraction.startswith('-') else fraction}")
    return -amount if negative else amount


def parse_percent(raw: object) -> Decimal | None:
    """A percentage 0–100: percent-formatted cells (0,9 = 90 %), numbers, text ``90 %`` or ``90,5%``."""
    _reject_errors(raw)
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise CellError("Das ist kein Prozentwert. Bitte eine Zahl von 0 bis 100 eintragen.")
    if isinstance(raw, str):
        value = _percent_from_text(raw)
        if value is None:
            return None
    else:
        value = decimal_from_number(raw)
        if isinstance(raw, PercentNumber):
            value *= HUNDRED
    if not 0 <= value <= HUNDRED:
        raise CellError(f"{number_text(float(value))} % liegt nicht zwischen 0 % und 100 %.")
    if value != value.quantize(CENT):
        raise CellError("Prozentwerte bitte mit höchstens zwei Nachkommastellen angeben.")
    return value.quantize(CENT)


def _percent_from_text(raw: str) -> Decimal | None:
    text = "".join(raw.split()).lstrip("'").removesuffix("%")
    if not text and "%" not in raw:
        return None
    negative = text.startswith(_MINUS)
    match = _PERCENT.fullmatch(text.lstrip("".join(_MINUS)))
    if not match:
        raise CellError(f"{quoted(raw)} ist kein Prozentwert. Bitte z. B. 90 % oder 90,5 % eintragen.")
    value = Decimal(f"{match.group(1)}.{match.group(2) or '0'}")
    return -value if negative else value


def _integer_parser(column: Column) -> CellParser:
    low = column.minimum if column.minimum is not None else 0
    high = column.maximum if column.maximum is not None else MAX_INTEGER
    what = "Jahr" if column.kind is Kind.YEAR else "Anzahl"

    def parse(raw: object) -> int | None:
        number = parse_integer(raw)
        if number is not None and not low <= number <= high:
            raise CellError(f"{what} {number} liegt nicht zwischen {low} und {high}.")
        return number

    return parse


def parse_integer(raw: object) -> int | None:
    """A whole number: number cells without fraction, text digits, ``2.024`` (thousands separator)."""
    _reject_errors(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, float):
        if math.isfinite(raw) and raw.is_integer() and abs(raw) < 1e15:
            return int(raw)
        raise CellError(f"{number_text(raw)} ist keine ganze Zahl.")
    if isinstance(raw, str):
        text = "".join(raw.split()).lstrip("'")
        if not text:
            return None
        negative = text.startswith(_MINUS)
        digits = text.lstrip("".join(_MINUS))
        if _INTEGER.fullmatch(digits) and len(digits) <= 20:
            number = int(digits.replace(".", ""))
            return -number if negative else number
        raise CellError(f"{quoted(raw)} ist keine ganze Zahl.")
    raise CellError("Das ist keine ganze Zahl.")


# --- choices ------------------------------------------------------------------------------------------


def enum_key(text: str) -> str:
    """A choice as compared: no case, spacing or umlaut spelling; ``&`` = ``und``."""
    return "".join(fold(text.replace("&", " und ")).split())


def enum_parser(choices: type[StrEnum], aliases: dict[str, str]) -> CellParser:
    """The parser of an enum column: its values and aliases, case- and spacing-insensitive."""
    table = {enum_key(member.value): member for member in choices}
    table.update({enum_key(alias): choices(target) for alias, target in aliases.items()})
    allowed = ", ".join(member.value for member in choices)

    def parse(raw: object) -> StrEnum | None:
        _reject_errors(raw)
        text = _as_text(raw).strip().lstrip("'")
        if not text.strip():
            return None
        found = table.get(enum_key(text))
        if found is None:
            raise CellError(f"{quoted(text)} ist nicht vorgesehen. Erlaubt: {allowed}.")
        return found

    return parse


def parse_bool(raw: object) -> bool | None:
    """ja/nein: ``ja``, ``x``, WAHR or 1 is yes; ``nein``, FALSCH or 0 is no; blank is not given."""
    _reject_errors(raw)
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        key = fold(raw).lstrip("'").strip()
        if not key:
            return None
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
    raise CellError(
        f"{quoted(_as_text(raw))} ist weder ja noch nein. Erlaubt: ja, nein, x (= ja), leer (= nein)."
    )


__all__ = [
    "CellError",
    "CellParser",
    "decimal_from_number",
    "enum_key",
    "enum_parser",
    "parse_bool",
    "parse_date",
    "parse_integer",
    "parse_money",
    "parse_percent",
    "parse_text",
    "parser_for",
]
