"""The figures of the Übersicht (pure Python): measures per Umsetzungsstand and Ampel, sums per
Innovationsfeld, Bundesmittel against the programme's envelope, abgerufen against bewilligt, and the
milestones due soon or overdue. Amounts are the effective values (computed defaults filled in).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from gera_desktop.domain.enums import Ampel, Freigabe, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.funding import ZERO
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services.listing import Totals, sums

K = TypeVar("K")
DUE_DAYS = 60
REFUSED = (Umsetzungsstand.ABGELEHNT, Umsetzungsstand.ABGEBROCHEN)
"""Measures whose Bundesmittel do not count against the envelope (as in the council annex)."""


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
    by_status: dict[Umsetzungsstand, Group]
    by_ampel: dict[Ampel | None, Group]
    by_feld: dict[Innovationsfeld, Group]
    total: Group
    envelope: Envelope
    calls: Calls
    due: list[DueMilestone]
    overdue: list[DueMilestone]


def overview_figures(
    records: Sequence[MassnahmeData], settings: ProgrammEinstellungen, today: date
) -> OverviewFigures:
    """The Übersicht's figures; ``records`` must carry their milestones and budget years."""
    counted = [r for r in records if r.status not in REFUSED]
    due, overdue = milestones(records, today)
    return OverviewFigures(
        today=today,
        count=len(records),
        by_status=_groups(records, settings, "status", list(Umsetzungsstand)),
        by_ampel=_groups(records, settings, "ampel", [*Ampel, None]),
        by_feld=_groups(records, settings, "innovationsfeld", list(Innovationsfeld)),
        total=_group(records, settings),
        envelope=Envelope(sums(counted, settings).bundesmittel, settings.foerdervolumen),
        calls=calls(records, settings),
        due=due,
        overdue=overdue,
    )


def _groups(
    records: Sequence[MassnahmeData], settings: ProgrammEinstellungen, key: str, values: Sequence[K]
) -> dict[K, Group]:
    return {value: _group([r for r in records if getattr(r, key) == value], settings) for value in values}


def _group(records: Sequence[MassnahmeData], settings: ProgrammEinstellungen) -> Group:
    return Group(tuple(r.nr for r in records), sums(records, settings))


def calls(records: Sequence[MassnahmeData], settings: ProgrammEinstellungen) -> Calls:
    """Abgerufen and bewilligt over the measures whose Freigabe is „freigegeben“."""
    approved = [r for r in records if r.freigabe is Freigabe.FREIGEGEBEN]
    called = sum((abgerufen(r) for r in approved), ZERO)
    return Calls(tuple(r.nr for r in approved), sums(approved, settings).bundesmittel, called)


def abgerufen(record: MassnahmeData) -> Decimal:
    """The measure's „Mittel abgerufen“; where that is empty, the sum over its budget years."""
    if record.abgerufen is not None:
        return record.abgerufen
    return sum((year.abgerufen for year in record.finanzen if year.abgerufen is not None), ZERO)


def milestones(
    records: Sequence[MassnahmeData], today: date
) -> tuple[list[DueMilestone], list[DueMilestone]]:
    """Milestones not done: those due from today within ``DUE_DAYS`` days, and those overdue; by Termin."""
    last = today + timedelta(days=DUE_DAYS)
    open_ = sorted(
        (
            DueMilestone(r.nr, r.titel, m.bezeichnung, m.termin)
            for r in records
            for m in r.meilensteine
            if m.erledigt_am is None
        ),
        key=lambda m: (m.termin, m.nr),
    )
    return [m for m in open_ if today <= m.termin <= last], [m for m in open_ if m.termin < today]
