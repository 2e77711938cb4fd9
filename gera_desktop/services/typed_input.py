"""What a user types into a field, read by the rules of a workbook cell (spec section 5): amounts
``1.234,56 €``, percentages ``90 %``, dates ``31.12.2025``, counts ``1.250``.

The GUI's input widgets use these, so that a form and an import read the same text the same way; each
parser returns ``None`` for empty text and raises ``InputError`` with a German message otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TypeVar

from gera_desktop.domain.errors import GeraError
from gera_desktop.excel.cells import parse_date, parse_integer, parse_money, parse_percent

T = TypeVar("T")
_TOO_PRECISE = re.compile(r",\d{3,}\s*(?:€|EUR)?\s*$", re.IGNORECASE)


class InputError(ValueError):
    """Typed text that is not a value of the field's kind; ``message`` is German."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _parsed(parse: Callable[[object], T | None], text: str) -> T | None:
    try:
        return parse(text)
    except GeraError as error:
        raise InputError(error.message) from None


def parse_money_text(text: str) -> Decimal | None:
    """``'1.234,56 €'`` -> ``Decimal('1234.56')``; empty -> ``None``."""
    if _TOO_PRECISE.search(text):
        raise InputError("Bitte höchstens zwei Nachkommastellen (Cent) angeben.")
    return _parsed(parse_money, text)


def parse_percent_text(text: str) -> Decimal | None:
    """``'90,5 %'`` -> ``Decimal('90.50')``; empty -> ``None``."""
    return _parsed(parse_percent, text)


def parse_date_text(text: str) -> date | None:
    """``'1.2.25'`` or ``'01.02.2025'`` -> ``date(2025, 2, 1)``; empty -> ``None``."""
    return _parsed(parse_date, text)


def parse_count_text(text: str) -> int | None:
    """A whole number not below zero (``'1.250'`` -> 1250); empty -> ``None``."""
    number = _parsed(parse_integer, text)
    if number is not None and number < 0:
        raise InputError("Die Anzahl darf nicht negativ sein.")
    return number
