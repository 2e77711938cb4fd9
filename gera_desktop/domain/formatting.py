"""German display formats: amounts, percentages, dates, counts and row ranges (1.234,56 €, 90 %, 31.12.2025,
Zeilen 2–74)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


def format_seconds(seconds: float) -> str:
    """A duration: ``4,2 s`` from one second on, ``23 ms`` below."""
    if seconds >= 1:
        return f"{format_number(Decimal(str(round(seconds, 1))), 1)} s"
    return f"{round(seconds * 1000)} ms"


def format_count(n: int) -> str:
    """``1250`` -> ``'1.250'``."""
    return format_number(Decimal(n), 0)


def short_list(items: Sequence[str], shown: int = 5) -> str:
    """The first ``shown`` items, then how many more: ``'A, B, C, D, E und 12 weitere'``."""
    head = ", ".join(items[:shown])
    rest = len(items) - shown
    return f"{head} und {format_count(rest)} weitere" if rest > 0 else head


def format_rows(numbers: Iterable[int], shown: int = 10) -> str:
    """Row numbers as ranges: ``'Zeile 7'``, ``'Zeilen 2–74'``, ``'Zeilen 2–10, 14, 20–25'``.

    After ``shown`` ranges the rest is counted: ``'Zeilen 2, 4, … und 37 weitere'``."""
    ordered = sorted(set(numbers))
    ranges: list[list[int]] = []
    for number in ordered:
        if ranges and number == ranges[-1][1] + 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    texts = [str(first) if first == last else f"{first}–{last}" for first, last in ranges]
    rest = sum(last - first + 1 for first, last in ranges[shown:])
    listed = ", ".join(texts[:shown]) + (f" und {format_count(rest)} weitere" if rest else "")
    return f"Zeile {listed}" if len(ordered) == 1 else f"Zeilen {listed}"


QUOTE_MAX = 80
"""A message quotes at most this many characters of a value (spec section 5)."""


def shortened(text: str, limit: int = QUOTE_MAX) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with "…"."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
