"""The loaded measures and what the list derives from them, each computed once per data change (no Qt).

The list filters, sorts and sums up to 100,000 measures on every key press and header click. A lookup
per record during a sort (a memo keyed by record) costs about as much as the key it saves, so every
derived value lives in an array with one entry per measure, made at its first use and kept until the
data changes: the folded search text, a column's values and sort keys, the order by a column, and the
amounts the sums add. A filter then tests one array, keeps the current order and adds whole cents.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal
from itertools import compress
from operator import attrgetter
from typing import Any, overload

from gera_desktop.domain.enums import NOT_PURSUED
from gera_desktop.domain.funding import (
    DEFAULT_FOERDERQUOTE,
    DEFAULTED_KEYS,
    HUNDRED,
    ZERO,
    Funding,
    compute,
    round_cent,
)
from gera_desktop.domain.records import CALLED, CLUSTER, ListRecord, MassnahmeData
from gera_desktop.domain.rules import funding_input
from gera_desktop.services.listing_text import haystack, sort_key

FUNDING_KEYS = DEFAULTED_KEYS
"""Fields whose empty value stands for a computed default (``domain.funding``; Mittel abgerufen: the
budget years' sum)."""
SEARCH = "suche"
"""The array of folded search texts: the fields ``SEARCH_KEYS`` (``listing_text.haystack``)."""
SEARCH_KEYS = ("nr", "titel", "federfuehrung", "kurzbeschreibung", "cluster", "stadtteil")
"""The fields the search looks into: Nr., Maßnahme, Federführung, Kurzbeschreibung, Cluster, Stadtteil."""
SUMMED = ("gesamtkosten", "bundesmittel", "eigenanteil", "abgerufen")
AMOUNTS = "betraege"
"""The array of each measure's summed amounts (``SUMMED``) in cents, made in one pass for the sums."""
LEFT_OUT = "nicht_weiterverfolgt"
FUNDING_INPUT = frozenset({"gesamtkosten", *DEFAULTED_KEYS, CALLED})
"""The fields a funding figure with its computed default is made of (for a list record)."""
FIRST_KEYS = frozenset(
    {"id", "nr", "titel", "innovationsfeld", CLUSTER, "federfuehrung", "beginn", "ende", "status", "ampel"}
    | {*SEARCH_KEYS, *FUNDING_INPUT}
)
"""What the list reads first at the start (``first_look``): its default columns, the filter bar's fields,
the search, both groupings and the sums; the other fields follow once the database is open."""

Criterion = tuple[str, Callable[[Any], bool]]
"""One test of a filter: the name of the array it looks at (``SEARCH`` or ``value_array(key)``), and
the test of one entry."""


def value_array(key: str) -> str:
    """The name of the array of a field's values as the list shows them (funding with its default)."""
    return f"wert:{key}"


@dataclass(frozen=True)
class Totals:
    """Sums of the shown measures that count in the programme, each with its effective values; how many
    shown measures were left out (abgelehnt or abgebrochen, spec section 8)."""

    gesamtkosten: Decimal = ZERO
    bundesmittel: Decimal = ZERO
    eigenanteil: Decimal = ZERO
    abgerufen: Decimal = ZERO
    left_out: int = 0


class Picked(Sequence[MassnahmeData]):
    """The measures at some positions of a list, in the order of the positions, read when asked for
    (handing 100,000 shown measures around costs nothing until someone reads them)."""

    def __init__(self, records: Sequence[MassnahmeData], positions: Sequence[int]) -> None:
        self._records = records
        self._positions = positions

    def __len__(self) -> int:
        return len(self._positions)

    def __iter__(self) -> Iterator[MassnahmeData]:
        return map(self._records.__getitem__, self._positions)

    @overload
    def __getitem__(self, item: int) -> MassnahmeData: ...
    @overload
    def __getitem__(self, item: slice) -> list[MassnahmeData]: ...
    def __getitem__(self, item: int | slice) -> MassnahmeData | list[MassnahmeData]:
        if isinstance(item, slice):
            return [self._records[p] for p in self._positions[item]]
        return self._records[self._positions[item]]


class ListIndex:
    """The measures in the order given, and per field an array of what the list needs of each."""

    def __init__(
        self,
        records: Sequence[MassnahmeData],
        programme_rate: Decimal = DEFAULT_FOERDERQUOTE,
        read: Collection[str] | None = None,
    ):
        self.records = list(records)
        self.programme_rate = programme_rate
        self.read = None if read is None else frozenset(read)
        """The fields the records hold (``None``: all; else ``PartialListRecord``s of the first look)."""
        self._funding: list[Funding | None] = [None] * len(self.records)
        self._arrays: dict[str, list[Any]] = {}
        self._orders: dict[tuple[str | None, bool], list[int]] = {}
        self._all_totals: Totals | None = None

    def __len__(self) -> int:
        return len(self.records)

    @property
    def complete(self) -> bool:
        """The records hold every field (not only those of the first look)."""
        return self.read is None

    def reads(self, key: str) -> bool:
        """True when the list shows the field ``key`` from what the records hold."""
        if self.read is None:
            return True
        return key in self.read and (key not in FUNDING_KEYS or self.read.issuperset(FUNDING_INPUT))

    def makes(self, name: str) -> bool:
        """True when the array ``name`` can be made from what the records hold."""
        if self.read is None:
            return True
        if name == SEARCH:
            return self.read.issuperset(SEARCH_KEYS)
        if name == LEFT_OUT:
            return "status" in self.read
        if name == AMOUNTS or name.startswith("summe:"):
            return "status" in self.read and self.read.issuperset(FUNDING_INPUT)
        return self.reads(name.partition(":")[2])

    # --- values -----------------------------------------------------------------------------------------

    def value(self, position: int, key: str) -> Any:
        """The field's value as the list shows it: funding fields with their computed default."""
        stored = getattr(self.records[position], key)
        if stored is not None or key not in FUNDING_KEYS:
            return stored
        return getattr(self.funding(position), key)

    def funding(self, position: int) -> Funding:
        """Every funding figure of the measure with the computed defaults."""
        found = self._funding[position]
        if found is None:
            found = compute(funding_input(self.records[position]), self.programme_rate)
            self._funding[position] = found
        return found

    def array(self, name: str) -> list[Any]:
        """The array ``name``: one entry per measure, made at the first use after a data change."""
        found = self._arrays.get(name)
        if found is None:
            entry = self._entry_maker(name)
            found = self._arrays[name] = [entry(position) for position in range(len(self.records))]
        return found

    def _entry_maker(self, name: str) -> Callable[[int], Any]:
        """What array ``name`` holds for the measure at a position (derived arrays read the arrays they
        derive from, which are made first and so also updated first by ``replace``)."""
        kind, _, key = name.partition(":")
        records = self.records
        if name == SEARCH:
            return lambda p: _searched(records[p])
        if name == LEFT_OUT:
            return lambda p: records[p].status in NOT_PURSUED
        if name == AMOUNTS:
            return lambda p: self._amounts(p)
        if kind == "summe":
            left_out, amounts, at = self.array(LEFT_OUT), self.array(AMOUNTS), SUMMED.index(key)
            return lambda p: 0 if left_out[p] else amounts[p][at]
        if kind == "wert":
            return lambda p: self.value(p, key)
        values = self.array(value_array(key))
        if kind == "sortiert":
            return lambda p: None if values[p] is None or values[p] == "" else sort_key(values[p])
        raise KeyError(name)

    def _amounts(self, position: int) -> tuple[int | Decimal, ...]:
        """The measure's summed amounts in cents, as ``value`` gives them; a list record (no children
        loaded) without the whole funding computation, whose defaults these follow step by step."""
        r = self.records[position]
        if not isinstance(r, ListRecord) or r.finanzen or r.mittelabrufe:
            return tuple(_cents(self.value(position, key)) for key in SUMMED)
        gesamt = r.gesamtkosten
        bund = r.bundesmittel
        if bund is None:
            rate = self.programme_rate if r.foerderquote is None else r.foerderquote
            bund = round_cent((gesamt if r.foerderfaehig is None else r.foerderfaehig) * rate / HUNDRED)
        eigen = r.eigenanteil
        if eigen is None:
            eigen = gesamt - bund - (ZERO if r.drittmittel is None else r.drittmittel)
        called = r.abgerufen_jahresscheiben if r.abgerufen is None else r.abgerufen
        return _cents(gesamt), _cents(bund), _cents(eigen), _cents(called)

    # --- filter, order, sums ----------------------------------------------------------------------------

    def matching(self, criteria: Sequence[Criterion]) -> list[bool] | None:
        """Per measure whether it passes every criterion; ``None`` when there is none (all pass)."""
        mask: list[bool] | None = None
        for name, test in criteria:
            values = self.array(name)
            if mask is None:
                mask = list(map(test, values))
            else:
                mask = [passed and test(value) for passed, value in zip(mask, values, strict=True)]
        return mask

    def passes(self, position: int, criteria: Sequence[Criterion]) -> bool:
        """True when the measure at ``position`` passes every criterion."""
        return all(test(self.array(name)[position]) for name, test in criteria)

    def order(self, key: str | None, descending: bool = False) -> list[int]:
        """Positions of all measures sorted by the field ``key`` (``None``: as given): empty values last
        in either direction, equal values in the order given. Kept until the data changes (shared: the
        caller must not change it)."""
        found = self._orders.get((key, descending))
        if found is None and key is None:
            found = self._orders[(key, descending)] = list(range(len(self.records)))
        elif found is None:
            keys = self.array(f"sortiert:{key}")
            present = [position for position, k in enumerate(keys) if k is not None]
            present.sort(key=keys.__getitem__, reverse=descending)
            found = present + [position for position, k in enumerate(keys) if k is None]
            self._orders[(key, descending)] = found
        return found

    def shown(self, mask: list[bool] | None, key: str | None, descending: bool = False) -> list[int]:
        """The positions the mask lets through, in the order of ``key``: a filter keeps the order made
        once and only picks from it, instead of sorting again. Without a mask the kept order itself
        (shared: the caller must not change it)."""
        order = self.order(key, descending)
        return order if mask is None else [position for position in order if mask[position]]

    def totals(self, mask: list[bool] | None = None) -> Totals:
        """The sums of the measures the mask lets through (``None``: all of them)."""
        if mask is None:
            if self._all_totals is None:
                self._all_totals = self.totals([True] * len(self.records))
            return self._all_totals
        gesamt, bund, eigen, called = (self._sum(f"summe:{key}", mask) for key in SUMMED)
        return Totals(gesamt, bund, eigen, called, left_out=sum(compress(self.array(LEFT_OUT), mask)))

    def _sum(self, name: str, mask: list[bool]) -> Decimal:
        total: int | Decimal = sum(compress(self.array(name), mask))
        return Decimal(total).scaleb(-2)

    # --- changes ----------------------------------------------------------------------------------------

    def position_of(self, record: MassnahmeData) -> int | None:
        """Where the index holds the same measure as ``record`` (by id, else by Nr.), or ``None``."""
        if record.id is not None:
            with suppress(ValueError):
                return self.array(value_array("id")).index(record.id)
        return self.position_of_nr(record.nr)

    def position_of_nr(self, nr: str) -> int | None:
        """Where the index holds the measure ``nr``, or ``None``."""
        with suppress(ValueError):
            return self.array(value_array("nr")).index(nr)
        return None

    def append(self, records: Sequence[MassnahmeData]) -> None:
        """Take new measures at the end: their entries are added to every array made so far."""
        start = len(self.records)
        self.records.extend(records)
        self._funding.extend([None] * len(records))
        for name, values in self._arrays.items():
            entry = self._entry_maker(name)
            values.extend(entry(position) for position in range(start, len(self.records)))
        self._changed()

    def remove(self, positions: Collection[int]) -> None:
        """Let go of the measures at these positions; the others move up, keeping their order."""
        gone = set(positions)
        kept = [p for p in range(len(self.records)) if p not in gone]
        self.records = [self.records[p] for p in kept]
        self._funding = [self._funding[p] for p in kept]
        for name, values in self._arrays.items():
            self._arrays[name] = [values[p] for p in kept]
        self._changed()

    def _changed(self) -> None:
        self._orders.clear()
        self._all_totals = None

    def replace(self, position: int, record: MassnahmeData) -> None:
        """Take the saved state of the measure at ``position``: its entries are made again, the orders
        are sorted again at their next use."""
        self.records[position] = record
        self._funding[position] = None
        for name, values in self._arrays.items():
            values[position] = self._entry_maker(name)(position)
        self._changed()


_search_fields = attrgetter(*SEARCH_KEYS)


def _searched(r: MassnahmeData) -> str:
    return haystack(*_search_fields(r))


def _cents(amount: Decimal) -> int | Decimal:
    """An amount in cents: a whole number (quick to add) unless it is finer than a cent."""
    cents = amount.scaleb(2)
    whole = int(cents)
    return whole if whole == cents else cents
