"""The Fristen: one list of what is due in the programme and its measures (issue 13 point 4; no Qt).

``fristen(records, settings, today)`` gathers, from the measures and the programme settings (spec section 9):

- **Programmfrist**: the deadlines of the settings. Programmende and Stichtag für neue Maßnahmen are listed
  while they lie ahead (once passed there is nothing left to do); the Verwendungsnachweis stays listed,
  overdue once its date has passed, until the setting is cleared.
- **Meilenstein**: milestones not erledigt that are overdue or due within ``MILESTONE_DAYS`` days (the
  window of the Übersicht).
- **Projektende überschritten**: measures whose Ende lies before today and that are not abgeschlossen.
- **Mittelabruf**: calls still geplant in the current half-year (their Halbjahr, else their date's).
- **Verstetigung offen**: measures ending from today within ``VERSTETIGUNG_MONTHS`` months whose „Betrieb
  nach Projektende“ (Verstetigung) or Folgekosten is still empty.

Measures abgelehnt or abgebrochen are left out; the caller passes only measures outside the Papierkorb,
with their milestones and calls. Each ``Frist`` is überfällig (before today), fällig (from today within
``FAELLIG_DAYS`` days) or demnächst (later). The list is sorted by date, the overdue ones first.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from gera_desktop.domain.council import halbjahr_of
from gera_desktop.domain.enums import NOT_PURSUED, Abrufstatus, Umsetzungsstand
from gera_desktop.domain.formatting import format_count, format_date, format_euro
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import DEADLINES, VERWENDUNGSNACHWEIS, ProgrammEinstellungen

MILESTONE_DAYS = 60
"""Milestones due within this many days from today are listed (the Übersicht's window)."""
FAELLIG_DAYS = 30
"""A Frist from today within this many days is „fällig“, a later one „demnächst“."""
VERSTETIGUNG_MONTHS = 12
"""Measures ending within this many months from today need their Verstetigung and Folgekosten."""
HEADERS = ("Datum", "Fälligkeit", "Art", "Nr.", "Maßnahme", "Frist")
"""The columns of the list, as the view, the workbook and the command line name them."""
NONE_DUE = "Keine Fristen."


class Fristart(StrEnum):
    """What kind of deadline a Frist is, in the order Fristen of one day are listed."""

    PROGRAMMFRIST = "Programmfrist"
    MEILENSTEIN = "Meilenstein"
    PROJEKTENDE = "Projektende überschritten"
    MITTELABRUF = "Mittelabruf"
    VERSTETIGUNG = "Verstetigung offen"


class Zustand(StrEnum):
    """How urgent a Frist is."""

    UEBERFAELLIG = "überfällig"
    FAELLIG = "fällig"
    DEMNAECHST = "demnächst"


@dataclass(frozen=True)
class Frist:
    """One deadline: its date, kind, measure (``None`` for programme deadlines), German text and state.

    ``tage`` counts the days from today to ``datum`` (negative when overdue)."""

    datum: date
    art: Fristart
    nr: str | None
    titel: str | None
    text: str
    zustand: Zustand
    tage: int
    massnahme_id: int | None = None

    @property
    def faelligkeit(self) -> str:
        """``seit 3 Tagen überfällig``, ``heute``, ``morgen``, ``in 12 Tagen``."""
        return due_text(self.tage)


def due_text(days: int) -> str:
    """How far a date lies from today, in words: ``seit 1 Tag überfällig``, ``heute``, ``in 5 Tagen``."""
    if days < 0:
        return f"seit {_days(-days)} überfällig"
    if days == 0:
        return "heute"
    return "morgen" if days == 1 else f"in {_days(days)}"


def _days(n: int) -> str:
    return "1 Tag" if n == 1 else f"{format_count(n)} Tagen"


def state_of(datum: date, today: date) -> Zustand:
    """überfällig before today, fällig from today within ``FAELLIG_DAYS`` days, demnächst later."""
    if datum < today:
        return Zustand.UEBERFAELLIG
    return Zustand.FAELLIG if datum <= today + timedelta(days=FAELLIG_DAYS) else Zustand.DEMNAECHST


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where it has fewer: 29.02. + 12 → 28.02.)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def fristen(records: Iterable[MassnahmeData], settings: ProgrammEinstellungen, today: date) -> list[Frist]:
    """Every Frist of the programme and of ``records`` at ``today``, overdue first, then by date (of one
    day by kind and Nr.)."""
    pursued = [r for r in records if r.status not in NOT_PURSUED]
    found = [
        *programme_deadlines(settings, today),
        *(f for r in pursued for f in measure_deadlines(r, today)),
    ]
    return sorted(found, key=_order)


def programme_deadlines(settings: ProgrammEinstellungen, today: date) -> Iterator[Frist]:
    """The deadlines of the settings that are set: those ahead, and the Verwendungsnachweis also after."""
    for key, label in DEADLINES.items():
        datum = getattr(settings, key)
        if datum is not None and (datum >= today or key == VERWENDUNGSNACHWEIS):
            yield _frist(datum, Fristart.PROGRAMMFRIST, None, label, today)


def measure_deadlines(record: MassnahmeData, today: date) -> Iterator[Frist]:
    """The Fristen of one measure: milestones, an exceeded Ende, planned calls, an open Verstetigung."""
    yield from _milestones(record, today)
    if record.ende < today and record.status is not Umsetzungsstand.ABGESCHLOSSEN:
        text = f"Ende {format_date(record.ende)} überschritten, Umsetzungsstand „{record.status}“"
        yield _frist(record.ende, Fristart.PROJEKTENDE, record, text, today)
    yield from _calls(record, today)
    missing = _verstetigung_missing(record)
    if missing and today <= record.ende <= add_months(today, VERSTETIGUNG_MONTHS):
        text = f"Endet {format_date(record.ende)}: {missing} noch nicht eingetragen"
        yield _frist(record.ende, Fristart.VERSTETIGUNG, record, text, today)


def _milestones(record: MassnahmeData, today: date) -> Iterator[Frist]:
    last = today + timedelta(days=MILESTONE_DAYS)
    for milestone in record.meilensteine:
        if milestone.erledigt_am is None and milestone.termin <= last:
            text = f"Meilenstein „{milestone.bezeichnung}“"
            yield _frist(milestone.termin, Fristart.MEILENSTEIN, record, text, today)


def _calls(record: MassnahmeData, today: date) -> Iterator[Frist]:
    current = halbjahr_of(today)
    for call in record.mittelabrufe:
        if call.status is Abrufstatus.GEPLANT and (call.halbjahr or halbjahr_of(call.datum)) == current:
            text = f"Mittelabruf über {format_euro(call.betrag)} ({current}) geplant, noch nicht abgerufen"
            yield _frist(call.datum, Fristart.MITTELABRUF, record, text, today)


def _verstetigung_missing(record: MassnahmeData) -> str:
    """What of Verstetigung and Folgekosten is still empty, in words (empty when neither)."""
    missing = []
    if not (record.verstetigung and record.verstetigung.strip()):
        missing.append("Betrieb nach Projektende")
    if record.folgekosten is None:
        missing.append("Folgekosten")
    return " und ".join(missing)


def _frist(datum: date, art: Fristart, record: MassnahmeData | None, text: str, today: date) -> Frist:
    nr, titel, ident = (None, None, None) if record is None else (record.nr, record.titel, record.id)
    return Frist(datum, art, nr, titel, text, state_of(datum, today), (datum - today).days, ident)


_KINDS = list(Fristart)


def _order(frist: Frist) -> tuple[bool, date, int, str]:
    return (
        frist.zustand is not Zustand.UEBERFAELLIG,
        frist.datum,
        _KINDS.index(frist.art),
        frist.nr or "",
    )


def counts(found: Sequence[Frist]) -> dict[Zustand, int]:
    """How many Fristen are in each state."""
    return {state: sum(1 for f in found if f.zustand is state) for state in Zustand}


def summary(found: Sequence[Frist]) -> str:
    """``3 überfällig, 2 fällig, 5 demnächst``."""
    return ", ".join(f"{format_count(n)} {state}" for state, n in counts(found).items())


def row_texts(frist: Frist) -> tuple[str, str, str, str, str]:
    """Fälligkeit, Art, Nr., Maßnahme and Frist of one row, as text (the columns after Datum)."""
    return (frist.faelligkeit, str(frist.art), frist.nr or "", frist.titel or "", frist.text)
