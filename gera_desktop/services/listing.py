"""What the list shows: filtering, sorting by value and the sums of the shown measures (pure Python).

The list view filters and sorts the loaded records here and resets its model: measured, this takes a few
milliseconds for 10,000 measures, where a ``QSortFilterProxyModel`` calling back into Python for every
comparison needs about 0.6 s.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from gera_desktop.domain.enums import NOT_PURSUED, Ampel, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.funding import DEFAULT_FOERDERQUOTE, DEFAULTED_KEYS, ZERO, Funding, compute
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.rules import funding_input
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services.listing_memo import RecordMemo

FUNDING_KEYS = DEFAULTED_KEYS
"""Fields whose empty value stands for a computed default (``domain.funding``; Mittel abgerufen: the
budget years' sum)."""

_MEMO = RecordMemo()
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class ListFilter:
    """What the list shows: search text (Nr., Maßnahme, Federführung, Kurzbeschreibung, ignoring case),
    one Innovationsfeld, Umsetzungsstand and Ampel, measures whose period overlaps the years, and
    optionally exactly the measures ``nrs`` (a selection from the Übersicht, described by ``label``)."""

    text: str = ""
    innovationsfeld: Innovationsfeld | None = None
    status: Umsetzungsstand | None = None
    ampel: Ampel | None = None
    jahr_von: int | None = None
    jahr_bis: int | None = None
    nrs: frozenset[str] | None = None
    label: str = ""

    @property
    def is_empty(self) -> bool:
        """True when the filter lets every measure through."""
        return self == ListFilter(label=self.label) and self.nrs is None

    def without_selection(self) -> ListFilter:
        """The same filter without the Übersicht's selection of measures and its label."""
        return replace(self, nrs=None, label="")

    def matches(self, record: MassnahmeData) -> bool:
        """True when the measure passes every criterion."""
        return _predicate(self)(record)


def apply_filter(records: Iterable[MassnahmeData], f: ListFilter) -> list[MassnahmeData]:
    """The records that pass the filter, in their order."""
    if f.is_empty:
        return list(records)
    return list(filter(_predicate(f), records))


def _predicate(f: ListFilter) -> Callable[[MassnahmeData], bool]:
    """One function that checks every criterion of ``f`` (the search text folded only once)."""
    checks = _field_checks(f)
    needle = folded(f.text)
    if needle:
        checks.append(lambda r: _contains(r, needle))
    if len(checks) == 1:
        return checks[0]
    return lambda record: all(check(record) for check in checks)


def _field_checks(f: ListFilter) -> list[Callable[[MassnahmeData], bool]]:
    checks: list[Callable[[MassnahmeData], bool]] = []
    if f.nrs is not None:
        nrs = f.nrs
        checks.append(lambda r: r.nr in nrs)
    for key in ("innovationsfeld", "status", "ampel"):
        wanted = getattr(f, key)
        if wanted is not None:
            checks.append(_equals(key, wanted))
    if f.jahr_von is not None:
        first = date(f.jahr_von, 1, 1)
        checks.append(lambda r: r.ende >= first)
    if f.jahr_bis is not None:
        last = date(f.jahr_bis, 12, 31)
        checks.append(lambda r: r.beginn <= last)
    return checks


def _equals(key: str, wanted: object) -> Callable[[MassnahmeData], bool]:
    return lambda record: bool(getattr(record, key) == wanted)


def folded(text: str | None) -> str:
    """Text for comparing without case: composed umlauts, folded case, single spaces."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.casefold().split())


def _contains(record: MassnahmeData, needle: str) -> bool:
    return needle in search_text(record)


def search_text(record: MassnahmeData) -> str:
    """The searched fields, folded and separated so that no match spans two fields (remembered:
    folding is most of the cost of a search, and descriptions run to 4,000 characters)."""
    inputs = (record.nr, record.titel, record.federfuehrung, record.kurzbeschreibung)
    return _MEMO.get(record, "suche", inputs, lambda: "\0".join(folded(text) for text in inputs))


# --- sorting ----------------------------------------------------------------------------------------------


def sort_records(
    records: Iterable[MassnahmeData],
    key: str,
    descending: bool = False,
    *,
    programme_rate: Decimal = DEFAULT_FOERDERQUOTE,
) -> list[MassnahmeData]:
    """The records sorted by the value of field ``key`` (numbers, dates and enum order, not text);
    empty values last in either direction; ties keep their order. Funding fields sort by their
    effective value (computed defaults with ``programme_rate``)."""
    value = _value_getter(key, programme_rate)
    keyed = [(value(r), r) for r in records]
    present = [(_remembered_sort_key(r, key, v), r) for v, r in keyed if v is not None and v != ""]
    present.sort(key=lambda pair: pair[0], reverse=descending)
    return [r for _, r in present] + [r for v, r in keyed if v is None or v == ""]


def _value_getter(key: str, programme_rate: Decimal) -> Callable[[MassnahmeData], Any]:
    if key in FUNDING_KEYS:
        return lambda r: effective_value(r, key, programme_rate)
    return lambda r: getattr(r, key)


def _remembered_sort_key(record: MassnahmeData, key: str, value: Any) -> Any:
    if isinstance(value, str):
        return _MEMO.get(record, key, (value,), lambda: sort_key(value))
    return sort_key(value)


def sort_key(value: Any) -> Any:
    """What a value sorts by: enums in their declared order, Nr.-like text naturally (P-2 before P-10),
    German text alphabetically (ä as a, ß as ss), everything else by itself."""
    if isinstance(value, Enum):
        return _enum_position(value)
    if isinstance(value, str):
        parts: list[str | int] = list(_DIGITS.split(_din_5007(folded(value))))
        parts[1::2] = map(int, parts[1::2])
        return tuple(parts)
    return value


def _din_5007(text: str) -> str:
    """Umlauts filed under their base letter (ß is already "ss" after casefold)."""
    if text.isascii():
        return text
    return text.replace("ä", "a").replace("ö", "o").replace("ü", "u")


def _enum_position(value: Enum) -> int:
    return _enum_positions(type(value))[value]


@cache
def _enum_positions(kind: type[Enum]) -> dict[Enum, int]:
    return {member: position for position, member in enumerate(kind)}


def effective_value(record: MassnahmeData, key: str, programme_rate: Decimal) -> Any:
    """The field's value as the list shows it: funding fields with their computed default."""
    stored = getattr(record, key)
    if stored is not None or key not in FUNDING_KEYS:
        return stored
    return getattr(effective_funding(record, programme_rate), key)


def effective_funding(record: MassnahmeData, programme_rate: Decimal) -> Funding:
    """Every funding figure of the record with the computed defaults (remembered per record)."""
    inputs = funding_input(record)

    def make() -> Funding:
        return compute(inputs, programme_rate)

    return _MEMO.get(record, "foerderung", (inputs, programme_rate), make)


# --- sums -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    """Sums of the shown measures that count in the programme, each with its effective values; how many
    shown measures were left out (abgelehnt or abgebrochen, spec section 8)."""

    gesamtkosten: Decimal = ZERO
    bundesmittel: Decimal = ZERO
    eigenanteil: Decimal = ZERO
    abgerufen: Decimal = ZERO
    left_out: int = 0


def sums(records: Sequence[MassnahmeData], settings: ProgrammEinstellungen) -> Totals:
    """Gesamtkosten, Bundesmittel, Eigenanteil and Mittel abgerufen of the records that count in the
    programme, each measure with its effective values; the others are only counted as left out."""
    gesamt = bund = eigen = called = ZERO
    left_out = 0
    for record in records:
        if record.status in NOT_PURSUED:
            left_out += 1
            continue
        gesamt += record.gesamtkosten
        amounts = _summed_amounts(record, settings.foerderquote)
        bund, eigen, called = bund + amounts[0], eigen + amounts[1], called + amounts[2]
    return Totals(gesamt, bund, eigen, called, left_out)


def _summed_amounts(record: MassnahmeData, programme_rate: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """Bundesmittel, Eigenanteil and Mittel abgerufen: as stored, or effective where one is computed."""
    bund, eigen, called = record.bundesmittel, record.eigenanteil, record.abgerufen
    if bund is None or eigen is None or called is None:
        funding = effective_funding(record, programme_rate)
        return funding.bundesmittel, funding.eigenanteil, funding.abgerufen
    return bund, eigen, called
