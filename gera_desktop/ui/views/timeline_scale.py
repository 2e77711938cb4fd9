"""The time axis of the Zeitplan: dates as x positions (one scene unit per day) and the German scale
labels (years "2025", quarters "Q1 2025", months "Jan 25") chosen by how many pixels a day gets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from gera_desktop.domain.records import MassnahmeData

MONATE = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")
"""German month abbreviations as office staff write them."""

MIN_LABEL_PX = {"years": 44.0, "quarters": 68.0, "months": 52.0}
"""Room a label needs (the widest text plus some air), in pixels."""


class Tier(Enum):
    """What one section of the scale stands for."""

    YEARS = "years"
    QUARTERS = "quarters"
    MONTHS = "months"


@dataclass(frozen=True)
class Period:
    """One section of the scale: from ``start`` up to (not including) ``end``, with its label."""

    start: date
    end: date
    label: str


@dataclass(frozen=True)
class TimeAxis:
    """Whole years from ``first`` (1 January) up to ``last`` (1 January after the last date)."""

    first: date
    last: date

    @classmethod
    def covering(cls, dates: Iterable[date]) -> TimeAxis:
        """The smallest run of whole years that holds all dates (the current year when there are none)."""
        years = [d.year for d in dates] or [date.today().year]
        return cls(date(min(years), 1, 1), date(max(years) + 1, 1, 1))

    @property
    def days(self) -> int:
        """The width of the axis in scene units (days)."""
        return (self.last - self.first).days

    def x(self, day: date) -> float:
        """The scene x of the start of ``day``."""
        return float((day - self.first).days)

    def date_at(self, x: float) -> date:
        """The day at scene x (clamped to the axis)."""
        return self.first + timedelta(days=int(min(max(x, 0.0), self.days - 1)))

    def contains(self, day: date) -> bool:
        return self.first <= day < self.last


def record_dates(records: list[MassnahmeData]) -> list[date]:
    """The earliest and the latest date the timeline draws for these measures (Beginn, Ende and
    milestone dates); none without measures."""
    if not records:
        return []
    termine = [m.termin for record in records for m in record.meilensteine]
    first = min(record.beginn for record in records)
    last = max(record.ende for record in records)
    return [min(first, min(termine, default=first)), max(last, max(termine, default=last))]


def tier_for(px_per_day: float) -> Tier:
    """The finest scale whose labels still fit side by side."""
    if px_per_day * 30.4 >= MIN_LABEL_PX["months"]:
        return Tier.MONTHS
    if px_per_day * 91.3 >= MIN_LABEL_PX["quarters"]:
        return Tier.QUARTERS
    return Tier.YEARS


def label_step(tier: Tier, px_per_day: float) -> int:
    """Label every n-th period so that labels do not overlap (only years ever need more than 1)."""
    if tier is not Tier.YEARS:
        return 1
    for step in (1, 2, 5, 10, 20, 50):
        if step * 365.25 * px_per_day >= MIN_LABEL_PX["years"]:
            return step
    return 100


def periods(tier: Tier, start: date, end: date) -> list[Period]:
    """The periods of ``tier`` that overlap ``start`` .. ``end`` (exclusive), in order."""
    months = {Tier.YEARS: 12, Tier.QUARTERS: 3, Tier.MONTHS: 1}[tier]
    month = (start.month - 1) // months * months + 1
    current = date(start.year, month, 1)
    found: list[Period] = []
    while current < end:
        following = _add_months(current, months)
        found.append(Period(current, following, period_label(tier, current)))
        current = following
    return found


def period_label(tier: Tier, start: date) -> str:
    """``'2025'``, ``'Q1 2025'`` or ``'Mär 25'``."""
    if tier is Tier.YEARS:
        return str(start.year)
    if tier is Tier.QUARTERS:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return f"{MONATE[start.month - 1]} {start.year % 100:02d}"


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
