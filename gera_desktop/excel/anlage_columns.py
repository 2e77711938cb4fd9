"""The columns of the council annex and their widths.

The internal variant adds one column with the contact (name, telephone and e-mail on their own lines)
and one with the remarks: fourteen columns would not print legibly on one A4 page width.

Columns that hold short values (Nr., Laufzeit on two lines, Umsetzungsstand, the amounts) are as wide as
their widest value or header word; the columns whose text wraps (Maßnahme, Federführung, and contact data
and remarks in the internal variant) share what is left of a width budget chosen so that, printed on A4
landscape at the fit-to-width scale, no text is smaller than ``MIN_PRINTED_PT``. A wrapping column never
gets more than its longest text needs, so that short lists do not print smaller than necessary.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from gera_desktop.domain.enums import NOT_PURSUED
from gera_desktop.domain.formatting import format_date, format_euro
from gera_desktop.domain.funding import Funding
from gera_desktop.domain.grouping import GroupKey
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.excel.anlage_layout import (
    BOLD_WIDTH,
    FIRST_DATA_ROW,
    FONT_SIZE,
    PADDING,
    printable_width_pt,
    text_width,
)
from gera_desktop.excel.columns import SHEET_MASSNAHMEN

MONEY_KEYS = ("gesamtkosten", "bundesmittel", "eigenanteil", "drittmittel", "abgerufen")
MIN_PRINTED_PT = 8.0
SAFETY = 0.93
"""Room left for programs that draw a column a little wider than Excel (LibreOffice, other screens)."""
POINTS_PER_UNIT = 5.25
"""A column-width unit is one digit of the default font: 7 pixels of 0.75 pt."""
MIN_WRAP_WIDTH = 10.0
"""No wrapping column gets narrower than this, however wide the others are."""


@dataclass(frozen=True)
class Entry:
    """One measure of the annex with its effective funding figures."""

    record: MassnahmeData
    funding: Funding

    def amount(self, key: str) -> Decimal:
        """An effective amount (spec section 8)."""
        value: Decimal = getattr(self.funding, key)
        return value

    @property
    def pursued(self) -> bool:
        """False for a measure abgelehnt or abgebrochen: listed apart, in no programme total."""
        return self.record.status not in NOT_PURSUED


@dataclass(frozen=True)
class AnlageColumn:
    """A column of the annex: header, value, whether it holds amounts, its share of the free width if
    its text wraps (0: one line, as wide as its content), and its width once sized."""

    header: str
    value: Callable[[Entry], Any]
    money: bool = False
    share: float = 0.0
    width: float = 0.0

    @property
    def wraps(self) -> bool:
        """True for the columns whose text wraps (and the Laufzeit with its two lines)."""
        return self.share > 0 or self.header == "Laufzeit"


@dataclass
class Layout:
    """Where things landed on the Anlage sheet (the Übersicht refers to these cells)."""

    columns: list[AnlageColumn]
    groups: dict[GroupKey, tuple[int, int, int]] = field(default_factory=dict)
    """Innovationsfeld or Cluster -> (first data row, last data row, subtotal row)."""
    total_row: int = 0
    apart: tuple[int, int, int] | None = None
    """The measures not pursued: (first data row, last data row, sum row), if there are any."""
    first_row: int = FIRST_DATA_ROW
    last_row: int = FIRST_DATA_ROW
    """The last row with a measure (the block of those not pursued included)."""

    def letter(self, header: str) -> str:
        """The column letter of a header."""
        return str(get_column_letter(1 + [c.header for c in self.columns].index(header)))

    @property
    def money_columns(self) -> list[AnlageColumn]:
        """The amount columns in their order."""
        return [c for c in self.columns if c.money]


def _header(key: str) -> str:
    """The spec's header without its unit ("Gesamtkosten (€)" -> "Gesamtkosten")."""
    return SHEET_MASSNAHMEN.column(key).header.removesuffix(" (€)")


def laufzeit(entry: Entry) -> str:
    """Beginn and Ende on two lines: ``01.03.2023 –`` / ``30.06.2026``."""
    return f"{format_date(entry.record.beginn)} –\n{format_date(entry.record.ende)}"


def kontakt(entry: Entry) -> str:
    """Ansprechpartner/in, Telefon and E-Mail, one below the other (the internal variant's contact)."""
    record = entry.record
    return "\n".join(text for text in (record.ansprechpartner, record.telefon, record.email) if text)


def _money_column(key: str) -> AnlageColumn:
    return AnlageColumn(_header(key), lambda e: e.amount(key), money=True)


def _field_column(key: str, share: float = 0.0) -> AnlageColumn:
    return AnlageColumn(_header(key), lambda e: getattr(e.record, key), share=share)


def anlage_columns(intern: bool, entries: Sequence[Entry]) -> list[AnlageColumn]:
    """The public columns of the annex (plus contact data and remarks for the internal variant), sized
    for ``entries``."""
    columns = [
        AnlageColumn("Nr.", lambda e: e.record.nr),
        _field_column("titel", share=5),
        _field_column("federfuehrung", share=3),
        AnlageColumn("Laufzeit", laufzeit),
        AnlageColumn(_header("status"), lambda e: str(e.record.status)),
        *(_money_column(key) for key in MONEY_KEYS),
    ]
    if intern:
        columns += [
            AnlageColumn(_header("ansprechpartner"), kontakt, share=3),
            _field_column("bemerkung", share=4),
        ]
    return sized(columns, entries)


def sized(columns: Sequence[AnlageColumn], entries: Sequence[Entry]) -> list[AnlageColumn]:
    """The columns with their widths: short values fit on one line, wrapping text shares the rest."""
    needs = [max(_header_need(column), _value_need(column, entries)) for column in columns]
    widths = fitted_widths(needs, [column.share for column in columns], [_header_need(c) for c in columns])
    return [replace(column, width=width) for column, width in zip(columns, widths, strict=True)]


def fitted_widths(
    needs: Sequence[float], shares: Sequence[float], header_needs: Sequence[float]
) -> list[float]:
    """Column widths that print at 8 pt or more: a column without a share gets what it needs, the
    wrapping ones (share > 0) divide the rest of the width budget by their shares."""
    fixed = sum(need for need, share in zip(needs, shares, strict=True) if not share)
    wrapping = [
        (need, share, head) for need, share, head in zip(needs, shares, header_needs, strict=True) if share
    ]
    shared = iter(
        share_out(
            [need for need, _, _ in wrapping],
            [share for _, share, _ in wrapping],
            [max(head, MIN_WRAP_WIDTH) for _, _, head in wrapping],
            width_budget(len(needs)) - fixed,
        )
    )
    return [
        math.ceil((next(shared) if share else need) * 10) / 10
        for need, share in zip(needs, shares, strict=True)
    ]


def width_budget(count: int) -> float:
    """The sum of column widths that prints, fitted to the page width, at ``MIN_PRINTED_PT`` or more."""
    scale = MIN_PRINTED_PT / FONT_SIZE
    return printable_width_pt() * SAFETY / scale / POINTS_PER_UNIT - count * 0.1


def _header_need(column: AnlageColumn) -> float:
    """The width that shows each word of the (bold, wrapping) header on one line."""
    return max(text_width(word) for word in column.header.split()) * BOLD_WIDTH + PADDING


def _value_need(column: AnlageColumn, entries: Sequence[Entry]) -> float:
    """The width that shows every value (each line of it) on one line; amounts up to their total."""
    if column.money:
        total = sum((abs(column.value(e)) for e in entries), Decimal(0))
        return max(text_width(format_euro(v)) for v in (total, *(column.value(e) for e in entries))) + PADDING
    texts = (str(column.value(e) or "") for e in entries)
    return max((text_width(line) for text in texts for line in text.split("\n")), default=0.0) + PADDING


def share_out(needs: list[float], shares: list[float], least: list[float], free: float) -> list[float]:
    """``free`` split by ``shares``: a column that needs less gets what it needs, none gets less than
    its ``least`` (its header's words), the others share the rest."""
    widths = list(needs)
    open_ = set(range(len(needs)))
    while open_:
        portion = free / sum(shares[i] for i in open_)
        settled = {i: needs[i] for i in open_ if needs[i] <= max(portion * shares[i], least[i])}
        if not settled:
            settled = {i: least[i] for i in open_ if portion * shares[i] < least[i]}
        if not settled:
            for i in open_:
                widths[i] = portion * shares[i]
            break
        for i, width in settled.items():
            widths[i] = width
        free -= sum(settled.values())
        open_ -= settled.keys()
    return widths
