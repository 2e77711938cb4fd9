"""The columns of the ``vergleich`` workbook (spec section 9), how its amounts are shown, and their widths.

Nr., Maßnahme, Umsetzungsstand (B), then for each compared amount A, B, Δ € and Δ %, then "Änderung":
twenty columns, sixteen of them amounts. To print them on one A4 width at 8 pt or more, amounts are shown
in whole euros (or, as a display option, in millions with three decimals) and the unit is said once
above the table instead of in every cell: with cents and "€" (or "Mio. €") in each cell, the amounts of a
programme of a few million euros alone would be wider than the page allows. The cells keep the exact
amounts, so sums stay exact, and the sheet "Änderungen" names every changed amount to the cent. Widths
follow the annex: short values on one line, Maßnahme and Änderung share what is left of the width that
prints at 8 pt or more.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from gera_desktop.domain.formatting import format_number
from gera_desktop.domain.funding import HUNDRED
from gera_desktop.domain.vergleich import COMPARED_KEYS
from gera_desktop.excel.anlage_columns import fitted_widths
from gera_desktop.excel.anlage_layout import BOLD_WIDTH, PADDING, text_width
from gera_desktop.excel.columns import SHEET_MASSNAHMEN

EURO_FORMAT = "#,##0"
EURO_DELTA_FORMAT = '+#,##0;-#,##0;"–"'
MIO_FORMAT = "#,##0.000,,"
MIO_DELTA_FORMAT = '+#,##0.000,,;-#,##0.000,,;"–"'
PERCENT_FORMAT = '+0 %;-0 %;"–"'
"""Changes with their sign; no change shows as a dash."""
MILLION = Decimal(1_000_000)
NO_CHANGE = "–"

A, B, DELTA, PERCENT = "A", "B", "Δ €", "Δ %"
"""The sub-headers of each amount's group, and the roles of its columns."""
STATUS_HEADER = "Umsetzungsstand (B)"
CHANGE_HEADER = "Änderung"


@dataclass(frozen=True)
class VergleichOptions:
    """Amounts in millions (a display option only), and the internal variant with personal data."""

    in_mio: bool = False
    intern: bool = False


@dataclass(frozen=True)
class Display:
    """How amounts are shown: in whole euros, or in millions (``in_mio``)."""

    in_mio: bool = False

    @property
    def money_format(self) -> str:
        """The number format of the amounts of A and B."""
        return MIO_FORMAT if self.in_mio else EURO_FORMAT

    @property
    def delta_format(self) -> str:
        """The number format of Δ € (with its sign)."""
        return MIO_DELTA_FORMAT if self.in_mio else EURO_DELTA_FORMAT

    def text(self, value: Decimal, signed: bool = False) -> str:
        """An amount as its number format shows it: ``4.125.000`` (euros) or ``4,125`` (millions)."""
        if signed and not value:
            return NO_CHANGE
        sign = "+" if signed and value > 0 else ""
        return f"{sign}{format_number(value / MILLION, 3) if self.in_mio else format_number(value, 0)}"


def percent_text(value: Decimal) -> str:
    """A change in percent as ``PERCENT_FORMAT`` shows it: ``+7 %``."""
    if not value:
        return NO_CHANGE
    return f"{'+' if value > 0 else ''}{format_number(value, 0)} %"


@dataclass(frozen=True)
class VergleichColumn:
    """One column: its header (for an amount, the amount's name over its group), the sub-header of an
    amount column (A, B, Δ €, Δ %), the amount's key, the share of the free width of a wrapping column,
    and its width once sized."""

    header: str
    sub: str = ""
    key: str = ""
    share: float = 0.0
    width: float = 0.0

    @property
    def is_amount(self) -> bool:
        """True for the columns of the amount groups."""
        return bool(self.sub)


def amount_header(key: str) -> str:
    """The spec's header without its unit (``Mittel abgerufen (€)`` -> ``Mittel abgerufen``)."""
    return SHEET_MASSNAHMEN.column(key).header.removesuffix(" (€)")


def columns() -> list[VergleichColumn]:
    """The twenty columns in their order (not yet sized)."""
    groups = [
        VergleichColumn(amount_header(key), sub, key)
        for key in COMPARED_KEYS
        for sub in (A, B, DELTA, PERCENT)
    ]
    return [
        VergleichColumn("Nr."),
        VergleichColumn("Maßnahme", share=3),
        VergleichColumn(STATUS_HEADER),
        *groups,
        VergleichColumn(CHANGE_HEADER, share=2),
    ]


def sized(cols: Sequence[VergleichColumn], texts: Sequence[Iterable[str]]) -> list[VergleichColumn]:
    """The columns with their widths; ``texts`` are the values each column shows, as shown."""
    needs = [
        max([_header_need(c), *(_text_need(t) for t in shown)]) for c, shown in zip(cols, texts, strict=True)
    ]
    widths = fitted_widths(needs, [c.share for c in cols], [_header_need(c) for c in cols])
    return [replace(c, width=width) for c, width in zip(cols, widths, strict=True)]


def _header_need(column: VergleichColumn) -> float:
    """Each word of a column's header on one line, an amount column's sub-header (``Δ €``) as a whole;
    an amount's name spans the four columns of its group."""
    words = [column.sub] if column.sub else column.header.split()
    return max(text_width(word) for word in words) * BOLD_WIDTH + PADDING


def _text_need(text: str) -> float:
    return max((text_width(line) for line in text.split("\n")), default=0.0) + PADDING


def percent(a: Decimal, b: Decimal) -> Decimal:
    """(B − A) / A in percent (A must not be 0)."""
    return (b - a) * HUNDRED / a
