"""The raw values the workbook source hands out, besides str, int, float, bool and datetime.

A cell is passed on as its plain Python value; three cases that need more than the value are marked:
a number shown as a percentage, an Excel error value (``#DIV/0!``), and a formula without a cached value.
Also here: what a text cell may hold (no control characters, at most what a cell holds), and how a
report quotes a value (readable, at most 80 characters).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Final

from gera_desktop.domain.formatting import format_date, format_number, shortened


class PercentNumber(float):
    """A number in a percent-formatted cell: 0.9 is shown (and meant) as 90 %."""

    __slots__ = ()


class ErrorValue(str):
    """An Excel error value such as ``#DIV/0!`` or ``#NV``."""

    __slots__ = ()


class _MissingFormulaValue:
    """A formula cell whose file holds no calculated value (never opened in Excel since)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "FORMULA_WITHOUT_VALUE"


FORMULA_WITHOUT_VALUE: Final = _MissingFormulaValue()

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_CELL_TEXT = 32_767
"""Excel's limit of characters in one cell."""
CONTROL_MESSAGE = "Der Text enthält ein unzulässiges Steuerzeichen. Bitte die Zelle neu eintippen."


def has_control_characters(text: str) -> bool:
    """True for text with control characters other than line breaks and tabs."""
    return _CONTROL.search(text) is not None


def line_breaks(text: str) -> str:
    """Line breaks as stored: a CR LF (Windows) or a lone CR (old Mac, Excel's ``_x000D_``) is an LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def text_cell_problem(text: str, max_length: int = MAX_CELL_TEXT) -> str | None:
    """Why a text read from a cell cannot be taken (German), or ``None``: control characters, length."""
    if has_control_characters(text):
        return CONTROL_MESSAGE
    if len(text) <= max_length:
        return None
    found, limit = format_number(Decimal(len(text)), 0), format_number(Decimal(max_length), 0)
    if max_length == MAX_CELL_TEXT:
        return f"Der Text ist zu lang: {found} Zeichen; eine Excel-Zelle fasst höchstens {limit}."
    return f"Der Text ist zu lang: {found} Zeichen, erlaubt sind höchstens {limit}."


def quoted(text: str) -> str:
    """Text as a message quotes it: trimmed, in German quotes, control characters visible, short."""
    return f"„{shown(text.strip())}“"


def shown(raw: object) -> str:
    """A raw cell value as the report shows it: readable, short, control characters visible."""
    if raw is None:
        return ""
    if raw is FORMULA_WITHOUT_VALUE:
        return "(Formel ohne Wert)"
    if isinstance(raw, bool):
        return "WAHR" if raw else "FALSCH"
    if isinstance(raw, PercentNumber):
        return f"{number_text(raw * 100)} %"
    if isinstance(raw, int | float):
        return number_text(raw)
    if isinstance(raw, datetime):
        return format_date(raw.date()) if raw.time() == time() else raw.strftime("%d.%m.%Y %H:%M")
    if isinstance(raw, date):
        return format_date(raw)
    if isinstance(raw, time):
        return raw.strftime("%H:%M")
    if isinstance(raw, timedelta):
        return str(raw)
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", str(raw))
    return shortened(text)


def number_text(value: float) -> str:
    """A number in German notation without thousands separators: ``1234.5`` -> ``1234,5``."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}".replace(".", ",")
