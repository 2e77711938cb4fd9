"""The figures of the Übersicht (pure Python): measures per Umsetzungsstand and Ampel, sums per
Innovationsfeld, Bundesmittel against the programme's envelope, abgerufen against bewilligt, and the
milestones due soon or overdue. Amounts are the effective values (spec section 8); measures abgelehnt or
abgebrochen count in no sum, only in their Umsetzungsstand and Ampel, and are named as left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import compress
from typing import TypeVar

from gera_desktop.domain.enums import NOT_PURSUED, Ampel, Freigabe, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.fristen import MILESTONE_DAYS, Frist
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services.listing_index import LEFT_OUT, ListIndex, Totals, value_array

K = TypeVar("K")
DUE_DAYS = MILESTONE_DAYS


@dataclass(frozen=True)
class Group:
    """Measures sharing one value (an Umsetzungsstand, an Ampel, an Innovationsfeld) and their sums."""

    nrs: tuple[str, ...]
    totals: Totals

    @property
    def count(self) -> int:
        """How many measures."""
        return len(self.nrs)


@dataclass(frozen=True)
class DueMilestone:
    """A milestone not yet done, with its measure."""

    nr: str
    titel: str
    bezeichnung: str
    termin: date


@dataclass(frozen=True)
class Envelope:
    """Bundesmittel of the measures that count (not refused or aborted) against the programme's envelope."""

    planned: Decimal
    envelope: Decimal | None

    @property
    def share(self) -> Decimal | None:
        """``planned / envelope`` as a fraction (``None`` without an envelope, or one of 0 €)."""
        if not self.envelope:
            return None
        return self.planned / self.envelope


@dataclass(frozen=True)
class Calls:
    """Abgerufen against bewilligt: the Bundesmittel of the measures with Freigabe „freigegeben“."""

    nrs: tuple[str, ...]
    bewilligt: Decimal
    abgerufen: Decimal

    @property
    def share(self) -> Decimal | None:
        """``abgerufen / bewilligt`` as a fraction (``None`` when nothing is bewilligt)."""
        return self.abgerufen / self.bewilligt if self.bewilligt else None


@dataclass(frozen=True)
class OverviewFigures:
    """Everything the Übersicht shows, computed from the records at ``today``."""

    today: date
    count: int
    left_out: tuple[str, ...]
    """The measures abgelehnt or abgebrochen: in no sum, in no group by Innovationsfeld, not in the calls."""
    by_status: dict[Umsetzungsstand, Group]
    by_ampel: dict[Ampel | None, Group]
    by_feld: dict[Innovationsfeld, Group]
    total: Group
    envelope: Envelope
    calls: Calls
    due: list[DueMilestone]
    overdue: list[DueMilestone]
    fristen: tuple[Frist, ...] = ()
    """The Fristen at ``today`` (``domain.fristen``), where the core read them."""


def overview_figures(
    records: Sequence[MassnahmeData],
    settings: ProgrammEinstellungen,
    today: date,
    open_milestones: Iterable[DueMilestone] | None = None,
) -> OverviewFigures:
    """The Übersicht's figures; ``records`` carry their budget years (or, as the list's, their sum) and
    their milestones, unless the milestones not done are given as ``open_milestones``."""
    index = ListIndex(records, settings.foerderquote)  # every measure's amounts made once for all sums
    counted = [not left_out for left_out in index.array(LEFT_OUT)]
    due, overdue = split_due(open_of(records) if open_milestones is None else open_milestones, today)
    total = _group(index, counted)
    return OverviewFigures(
        today=today,
        count=len(records),
        left_out=tuple(r.nr for r in records if r.status in NOT_PURSUED),
        by_status=_groups(index, "status", list(Umsetzungsstand)),
        by_ampel=_groups(index, "ampel", [*Ampel, None]),
        by_feld=_groups(index, "innovationsfeld", list(Innovationsfeld), counted),
        total=total,
        envelope=Envelope(total.totals.bundesmittel, settings.foerdervolumen),
        calls=calls(index, counted),
        due=due,
        overdue=overdue,
    )


def _groups(
    index: ListIndex, key: str, values: Sequence[K], within: list[bool] | None = None
) -> dict[K, Group]:
    """One group per value of field ``key`` (of the measures ``within`` lets through, else of all)."""
    column = index.array(value_array(key))
    allowed = [True] * len(index) if within is None else within
    return {
        value: _group(index, [ok and v == value for v, ok in zip(column, allowed, strict=True)])
        for value in values
    }


def _group(index: ListIndex, mask: list[bool]) -> Group:
    return Group(tuple(compress(index.array(value_array("nr")), mask)), index.totals(mask))


def calls(index: ListIndex, counted: list[bool]) -> Calls:
    """Abgerufen (effective: stored, else the budget years' sum) and bewilligt over the measures whose
    Freigabe is „freigegeben“ and that count in the programme (``counted``)."""
    freigaben = index.array(value_array("freigabe"))
    approved = [f is Freigabe.FREIGEGEBEN and ok for f, ok in zip(freigaben, counted, strict=True)]
    group = _group(index, approved)
    return Calls(group.nrs, group.totals.bundesmittel, group.totals.abgerufen)


def milestones(
    records: Sequence[MassnahmeData], today: date
) -> tuple[list[DueMilestone], list[DueMilestone]]:
    """Milestones not done: those due from today within ``DUE_DAYS`` days, and those overdue; by Termin."""
    return split_due(open_of(records), today)


def open_of(records: Iterable[MassnahmeData]) -> Iterator[DueMilestone]:
    """The milestones of the records that are not done yet."""
    return (
        DueMilestone(r.nr, r.titel, m.bezeichnung, m.termin)
        for r in records
        for m in r.meilensteine
        if m.erledigt_am is None
    )


def split_due(
    open_milestones: Iterable[DueMilestone], today: date
) -> tuple[list[DueMilestone], list[DueMilestone]]:
    """Of the milestones not done: those due from today within ``DUE_DAYS`` days, and those overdue; each
    by Termin."""
    last = today + timedelta(days=DUE_DAYS)
    ordered = sorted(open_milestones, key=lambda m: (m.termin, m.nr))
    return [m for m in ordered if today <= m.termin <= last], [m for m in ordered if m.termin < today]
