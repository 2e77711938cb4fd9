"""The programme view of the funding calls (spec sections 8 and 9): what can be called per half-year, and
the federal funds at risk at the programme's end. Pure Python, no Qt, no session.

``programm_stand(records, settings, today)`` takes the measures outside the Papierkorb with their budget
years (``finanzen``) and calls (``mittelabrufe``) loaded. Like the Übersicht's sums (spec section 8), it
leaves out the measures abgelehnt or abgebrochen and names them in ``ProgrammStand.left_out``.

Per half-year ("2024/I", "2024/II"), from the first one with a budget year or a call of a counted measure
to the Programmende's (later ones only while a call or budget year lies there):

- **förderfähig** (up to then): per measure its Förderquote (spec section 8) × its Ist-Kosten so far,
  rounded to the cent and at most its Bundesmittel. Ist-Kosten are kept per year: the year's Ist counts
  from the year's first half-year on, as the payments made so far (funds may be called for payments due
  within about two months, so a year's Ist can be called from its start).
- **abgerufen** (up to then): per measure the calls abgerufen or ausgezahlt of its half-years so far
  (the call's Halbjahr, else its date's). A measure without such calls has called what spec section 8
  says: its budget years' Abgerufen, each from the year's first half-year on; a stored Mittel abgerufen
  that differs from their sum counts, undated, from the first half-year of the view.
- **geplant** (in that half-year only): the calls still geplant of that half-year.
- **abrufbar** = förderfähig − abgerufen, per measure and not below 0, then summed: a measure that
  called more than its Ist allows does not lessen what another may call. The half-year's sum may
  therefore exceed its förderfähig − abgerufen.

Funds at risk, per measure: effective Bundesmittel − called (effective Mittel abgerufen, spec section 8)
− calls geplant dated up to the Programmende, not below 0; ``ProgrammStand.gefaehrdet`` lists the measures
with an amount at risk, in the order of ``records``. Amounts are exact ``Decimal`` cents throughout.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from gera_desktop.domain import council, rules
from gera_desktop.domain.enums import Abrufstatus
from gera_desktop.domain.funding import HUNDRED, ZERO, round_cent
from gera_desktop.domain.records import MassnahmeData, MittelabrufData
from gera_desktop.domain.settings import ProgrammEinstellungen

ROMAN = {1: "I", 2: "II"}


@dataclass(frozen=True, order=True)
class Halbjahr:
    """A half-year of the calls: ``teil`` 1 (January to June) or 2 (July to December)."""

    jahr: int
    teil: int

    @classmethod
    def of(cls, day: date) -> Halbjahr:
        """The half-year of a date."""
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def parse(cls, text: str | None) -> Halbjahr | None:
        """``"2024/II"`` -> ``Halbjahr(2024, 2)``; ``None`` for anything else."""
        match = council.HALBJAHR.fullmatch((text or "").strip())
        if match is None:
            return None
        return cls(int(match["jahr"]), 2 if match[0].strip().endswith("II") else 1)

    @property
    def label(self) -> str:
        """``2024/I`` or ``2024/II``, as the calls name it."""
        return f"{self.jahr}/{ROMAN[self.teil]}"

    @property
    def index(self) -> int:
        """A running number: consecutive half-years differ by one."""
        return self.jahr * 2 + self.teil - 1

    @classmethod
    def at(cls, index: int) -> Halbjahr:
        """The half-year with this running number."""
        return cls(index // 2, index % 2 + 1)


@dataclass(frozen=True)
class HalbjahrStand:
    """One half-year's row: förderfähig and abgerufen up to its end, geplant in it, and abrufbar."""

    halbjahr: Halbjahr
    foerderfaehig: Decimal
    abgerufen: Decimal
    geplant: Decimal
    abrufbar: Decimal
    aktuell: bool
    """True for the half-year of ``today``."""
    nach_programmende: bool
    """True for a half-year after the Programmende's (shown only while calls or budget years lie there)."""


@dataclass(frozen=True)
class GefaehrdeteMittel:
    """A measure's federal funds at risk: Bundesmittel − abgerufen − geplant up to the Programmende."""

    id: int | None
    nr: str
    titel: str
    bundesmittel: Decimal
    abgerufen: Decimal
    geplant: Decimal
    gefaehrdet: Decimal


@dataclass(frozen=True)
class Summen:
    """The sums of the measures with funds at risk."""

    bundesmittel: Decimal
    abgerufen: Decimal
    geplant: Decimal
    gefaehrdet: Decimal


@dataclass(frozen=True)
class ProgrammStand:
    """What the programme view shows at ``stichtag``."""

    stichtag: date
    programmende: date
    halbjahre: tuple[HalbjahrStand, ...]
    gefaehrdet: tuple[GefaehrdeteMittel, ...]
    left_out: tuple[str, ...]
    """The Nr. of the measures abgelehnt or abgebrochen: in no figure."""

    @property
    def aktuell(self) -> HalbjahrStand | None:
        """The row of the current half-year (``None`` when it lies outside the view)."""
        return next((row for row in self.halbjahre if row.aktuell), None)

    @property
    def summen(self) -> Summen:
        """The totals of the funds at risk (over the measures listed; the others have none at risk)."""
        rows = self.gefaehrdet
        return Summen(
            sum((r.bundesmittel for r in rows), ZERO),
            sum((r.abgerufen for r in rows), ZERO),
            sum((r.geplant for r in rows), ZERO),
            sum((r.gefaehrdet for r in rows), ZERO),
        )


@dataclass
class _Measure:
    """One counted measure's amounts per half-year (running number -> amount in that half-year)."""

    record: MassnahmeData
    amounts: dict[str, Decimal]
    ist: dict[int, Decimal]
    called: dict[int, Decimal]
    planned: dict[int, Decimal]
    undated_called: Decimal


def programm_stand(
    records: Iterable[MassnahmeData], settings: ProgrammEinstellungen, today: date
) -> ProgrammStand:
    """The programme view of ``records`` (outside the Papierkorb, with budget years and calls) at
    ``today`` under ``settings`` (the Förderquote where a measure has none, the Programmende)."""
    counted, left_out = [], []
    for record in records:
        if record.status.counts_in_programme:
            counted.append(_measure(record, settings.foerderquote))
        else:
            left_out.append(record.nr)
    return ProgrammStand(
        today,
        settings.programmende,
        _half_years(counted, settings.programmende, today),
        _at_risk(counted, settings.programmende),
        tuple(left_out),
    )


def call_halbjahr(call: MittelabrufData) -> Halbjahr:
    """The half-year a call belongs to: its Halbjahr, else its date's."""
    return Halbjahr.parse(call.halbjahr) or Halbjahr.of(call.datum)


def _measure(record: MassnahmeData, rate: Decimal) -> _Measure:
    amounts = rules.effective_amounts(record, rate)
    ist: dict[int, Decimal] = {}
    for year in record.finanzen:
        if year.ist:
            _add(ist, Halbjahr(year.jahr, 1).index, year.ist)
    called, planned = _calls(record.mittelabrufe)
    undated = ZERO
    if not called:
        called, undated = _called_without_calls(record, amounts["abgerufen"])
    return _Measure(record, amounts, ist, called, planned, undated)


def _calls(calls: Sequence[MittelabrufData]) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """The called and the planned calls' sums per half-year."""
    called: dict[int, Decimal] = {}
    planned: dict[int, Decimal] = {}
    for call in calls:
        if council.is_called(call):
            _add(called, call_halbjahr(call).index, call.betrag)
        elif call.status is Abrufstatus.GEPLANT and isinstance(call.betrag, Decimal):
            _add(planned, call_halbjahr(call).index, call.betrag)
    return called, planned


def _called_without_calls(record: MassnahmeData, abgerufen: Decimal) -> tuple[dict[int, Decimal], Decimal]:
    """Mittel abgerufen of a measure without called calls: per budget year from its first half-year on,
    or, when the stored Mittel abgerufen differs from their sum, that value undated."""
    per_year: dict[int, Decimal] = {}
    for year in record.finanzen:
        if year.abgerufen:
            _add(per_year, Halbjahr(year.jahr, 1).index, year.abgerufen)
    if sum(per_year.values(), ZERO) == abgerufen:
        return per_year, ZERO
    return {}, abgerufen


def _add(sums: dict[int, Decimal], index: int, amount: Decimal) -> None:
    sums[index] = sums.get(index, ZERO) + amount


def _half_years(measures: Sequence[_Measure], ende: date, today: date) -> tuple[HalbjahrStand, ...]:
    """One row per half-year from the first with a budget year or call to the Programmende's."""
    dated = [index for m in measures for sums in (m.ist, m.called, m.planned) for index in sums]
    if not dated:
        return ()
    last_regular = Halbjahr.of(ende).index
    first, last = min(dated), max(*dated, last_regular)
    running = [_Running() for _ in measures]
    rows = []
    for index in range(first, last + 1):
        sums = [run.step(m, index, first) for run, m in zip(running, measures, strict=True)]
        rows.append(
            HalbjahrStand(
                Halbjahr.at(index),
                foerderfaehig=sum((s[0] for s in sums), ZERO),
                abgerufen=sum((s[1] for s in sums), ZERO),
                geplant=sum((m.planned.get(index, ZERO) for m in measures), ZERO),
                abrufbar=sum((max(s[0] - s[1], ZERO) for s in sums), ZERO),
                aktuell=index == Halbjahr.of(today).index,
                nach_programmende=index > last_regular,
            )
        )
    return tuple(rows)


class _Running:
    """A measure's Ist-Kosten and called funds summed up to the half-year reached."""

    def __init__(self) -> None:
        self.ist = ZERO
        self.called = ZERO

    def step(self, m: _Measure, index: int, first: int) -> tuple[Decimal, Decimal]:
        """förderfähig and abgerufen up to the end of the half-year ``index``."""
        self.ist += m.ist.get(index, ZERO)
        self.called += m.called.get(index, ZERO) + (m.undated_called if index == first else ZERO)
        eligible = round_cent(self.ist * m.amounts["foerderquote"] / HUNDRED)
        return min(eligible, m.amounts["bundesmittel"]), self.called


def _at_risk(measures: Sequence[_Measure], ende: date) -> tuple[GefaehrdeteMittel, ...]:
    """The measures with Bundesmittel neither called nor planned up to the Programmende."""
    rows = []
    for m in measures:
        planned = sum(
            (
                call.betrag
                for call in m.record.mittelabrufe
                if call.status is Abrufstatus.GEPLANT and isinstance(call.datum, date) and call.datum <= ende
            ),
            ZERO,
        )
        bund, called = m.amounts["bundesmittel"], m.amounts["abgerufen"]
        risk = max(bund - called - planned, ZERO)
        if risk > ZERO:
            record = m.record
            rows.append(GefaehrdeteMittel(record.id, record.nr, record.titel, bund, called, planned, risk))
    return tuple(rows)
