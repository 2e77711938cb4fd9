"""What a comparison of two snapshots holds (spec section 9): one row per measure of either side, what
happened to it, its amounts on both sides, its changed fields, and the sums per Innovationsfeld.

``services.vergleich.compare`` makes it; the GUI's comparison view and the ``vergleich`` workbook show it.
Amounts are effective amounts (spec section 8). A side's amounts of a measure are given only where the
measure counts in that side's programme (not abgelehnt or abgebrochen), so that the sums agree with the
council annexes of both sides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.funding import HUNDRED, ZERO
from gera_desktop.domain.stand import Snapshot

COMPARED_KEYS = ("gesamtkosten", "bundesmittel", "eigenanteil", "abgerufen")
"""The amounts the comparison sets side by side, in the order of the workbook's column groups."""
DELETED = "gelöscht"
"""Why a measure of A is missing from B: it was moved into the trash (or deleted for good)."""

Amounts = dict[str, Decimal]


class Art(StrEnum):
    """What happened to a measure between A and B."""

    NEU = "neu"
    ENTFALLEN = "entfallen"
    GEAENDERT = "geändert"
    UNVERAENDERT = "unverändert"


@dataclass(frozen=True)
class FieldChange:
    """One changed field: its key (a field of spec section 3, ``zusatzspalten`` or the list of a child
    kind), its German label, the old and the new value as display text, and the name under which the
    change is summed up (the label; for child rows the name of their list)."""

    key: str
    feld: str
    alt: str | None
    neu: str | None
    name: str


@dataclass(frozen=True)
class Row:
    """One measure of the comparison.

    ``a`` and ``b`` are its amounts (``COMPARED_KEYS``) where it counts in that side's programme, else
    ``None``; ``grund`` says why an ``ENTFALLEN`` measure dropped out (gelöscht, abgelehnt, abgebrochen).
    """

    nr: str
    titel: str
    art: Art
    feld_a: Innovationsfeld | None
    feld_b: Innovationsfeld | None
    status_b: Umsetzungsstand | None
    a: Amounts | None
    b: Amounts | None
    changes: tuple[FieldChange, ...] = ()
    grund: str | None = None

    @property
    def innovationsfeld(self) -> Innovationsfeld:
        """The field it is listed under: B's, for a measure only in A its field in A."""
        feld = self.feld_b if self.feld_b is not None else self.feld_a
        assert feld is not None
        return feld

    @property
    def listed(self) -> bool:
        """True when the workbook lists it: new, dropped out, or counted in either programme (a measure
        abgelehnt or abgebrochen on both sides is in no programme; its changes are listed all the same)."""
        return self.art in (Art.NEU, Art.ENTFALLEN) or self.a is not None or self.b is not None

    def summary(self, changes: Iterable[FieldChange] | None = None) -> str:
        """``neu``, ``entfallen (gelöscht)``, ``geändert: Gesamtkosten, Meilensteine`` – of ``changes``
        (default: all of them); empty when nothing of them changed."""
        if self.art is Art.NEU:
            return str(Art.NEU)
        if self.art is Art.ENTFALLEN:
            return f"{Art.ENTFALLEN} ({self.grund})"
        names = list(dict.fromkeys(c.name for c in (self.changes if changes is None else changes)))
        return f"{Art.GEAENDERT}: {', '.join(names)}" if names else ""


@dataclass(frozen=True)
class Totals:
    """Sums of the amounts on both sides (measures counted in that side's programme) and their counts."""

    a: Amounts
    b: Amounts
    count_a: int
    count_b: int

    def delta(self, key: str) -> Decimal:
        """B − A."""
        return self.b[key] - self.a[key]

    def percent(self, key: str) -> Decimal | None:
        """(B − A) / A in percent; ``None`` when A is 0."""
        return None if not self.a[key] else self.delta(key) * HUNDRED / self.a[key]


def totals(rows: Sequence[Row], feld: Innovationsfeld | None = None) -> Totals:
    """The sums over ``rows`` (of one Innovationsfeld, on each side by that side's field, or of all)."""
    side_a = [r.a for r in rows if r.a is not None and feld in (None, r.feld_a)]
    side_b = [r.b for r in rows if r.b is not None and feld in (None, r.feld_b)]
    return Totals(_sums(side_a), _sums(side_b), len(side_a), len(side_b))


def _sums(amounts: Sequence[Amounts]) -> Amounts:
    return {key: sum((a[key] for a in amounts), ZERO) for key in COMPARED_KEYS}


@dataclass(frozen=True)
class Comparison:
    """Snapshot A against snapshot B: every measure of either side in the natural order of its Nr., and
    the sums per Innovationsfeld and in all."""

    a: Snapshot
    b: Snapshot
    rows: tuple[Row, ...]
    by_feld: dict[Innovationsfeld, Totals]
    total: Totals

    def of(self, art: Art) -> list[Row]:
        """The measures that are new, dropped out, changed or unchanged."""
        return [r for r in self.rows if r.art is art]
