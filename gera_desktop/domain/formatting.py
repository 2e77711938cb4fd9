"""German display formats for amounts, percentages and dates (1.234,56 €, 90 %, 31.12.2025)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def format_number(value: Decimal, places: int = 2) -> str:
    """``Decimal('1234.5')`` -> ``'1.234,50'``."""
    text = f"{value:,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_euro(value: Decimal | None) -> str:
    """An amount as Germans read it, or an empty string."""
    return "" if value is None else f"{format_number(value)} €"


def format_percent(value: Decimal | None) -> str:
    """``Decimal('90')`` -> ``'90 %'``; ``Decimal('90.5')`` -> ``'90,5 %'``."""
    if value is None:
        return ""
    places = 0 if value == value.to_integral_value() else 2
    text = format_number(value, places)
    return f"{text.rstrip('0').rstrip(',') if places else text} %"


def format_date(value: date | None) -> str:
    """``date(2025, 12, 31)`` -> ``'31.12.2025'``."""
    return "" if value is None else value.strftime("%d.%m.%Y")


QUOTE_MAX = 80
"""A message quotes at most this many characters of a value (spec section 5)."""


def shortened(text: str, limit: int = QUOTE_MAX) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with "…"."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
