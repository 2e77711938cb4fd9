"""Reading the Änderungsprotokoll of every measure: filters, the newest lines first, the choices to filter by.

The filters run in SQL (Nr., user, source, time span: the indexes on ``zeitpunkt`` and ``massnahme_nr``
serve the order and the Nr.); a field filter also takes the rows "angelegt" of new measures, whose lines
exist only once ``audit.expanded`` made them, and keeps their lines of that field. The GUI reads at most
``limit`` lines, the newest; the export streams every line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from gera_desktop.domain.enums import Quelle
from gera_desktop.domain.formatting import format_count, format_date
from gera_desktop.domain.models import Aenderung
from gera_desktop.domain.records import FIELD_KEYS
from gera_desktop.services.audit import CREATED, NO_MEASURE, AenderungData, expanded
from gera_desktop.services.labels import field_label
from gera_desktop.services.queries import natural_key

LIMIT = 2_000
"""The lines the window shows at most (the newest)."""
BATCH = 2_000
_COLUMNS = (
    Aenderung.zeitpunkt,
    Aenderung.benutzer,
    Aenderung.massnahme_nr,
    Aenderung.feld,
    Aenderung.alter_wert,
    Aenderung.neuer_wert,
    Aenderung.quelle,
)
SOURCES = tuple(q.value for q in Quelle)
"""The sources to filter by; "Import" takes every imported file."""


@dataclass(frozen=True)
class ProtokollFilter:
    """Which entries to show (``None``: any). ``nr`` ``NO_MEASURE`` takes the entries of no measure
    (programme settings, Stände); ``von``/``bis`` are whole days."""

    nr: str | None = None
    benutzer: str | None = None
    feld: str | None = None
    quelle: str | None = None
    von: date | None = None
    bis: date | None = None

    def problems(self) -> list[str]:
        """What keeps the filter from making sense, in German."""
        if self.von is not None and self.bis is not None and self.von > self.bis:
            return [
                f"Der Zeitraum ist leer: „von“ ({format_date(self.von)}) liegt nach „bis“ "
                f"({format_date(self.bis)})."
            ]
        return []

    def describe(self) -> str:
        """The filter in words, for the workbook's title block: ``Nr. P-7 · ab 01.01.2025``."""
        parts = []
        if self.nr is not None:
            parts.append(
                "ohne Maßnahme (Einstellungen, Stände)" if self.nr == NO_MEASURE else f"Nr. {self.nr}"
            )
        for label, value in (("Benutzer", self.benutzer), ("Feld", self.feld), ("Quelle", self.quelle)):
            if value:
                parts.append(f"{label}: {value}")
        if self.von is not None:
            parts.append(f"ab {format_date(self.von)}")
        if self.bis is not None:
            parts.append(f"bis {format_date(self.bis)}")
        return " · ".join(parts) or "alle Einträge"


@dataclass(frozen=True)
class ProtokollPage:
    """The newest lines of the entries that match, how many entries they come from and how many match."""

    lines: list[AenderungData]
    entries: int
    total: int

    @property
    def limited(self) -> bool:
        """True when older entries match that are not shown."""
        return self.entries < self.total

    def count_text(self) -> str:
        """``12 Zeilen``, or what is left out: ``die neuesten 2.000 Zeilen (312 von 100.000 Einträgen)``."""
        lines = f"{format_count(len(self.lines))} {'Zeile' if len(self.lines) == 1 else 'Zeilen'}"
        if not self.limited:
            return lines
        return (
            f"Gezeigt werden die neuesten {lines} ({format_count(self.entries)} von "
            f"{format_count(self.total)} Einträgen). Ältere: Filter eingrenzen oder exportieren."
        )


@dataclass(frozen=True)
class ProtokollChoices:
    """What the filters offer: the Nr., users and fields the log holds, and the sources."""

    nrs: list[str]
    benutzer: list[str]
    felder: list[str]
    quellen: tuple[str, ...] = SOURCES


def conditions(f: ProtokollFilter) -> list[ColumnElement[bool]]:
    """The filter as SQL conditions."""
    found: list[ColumnElement[bool]] = []
    if f.nr is not None:
        found.append(Aenderung.massnahme_nr == " ".join(f.nr.split()))
    if f.benutzer:
        found.append(Aenderung.benutzer == f.benutzer)
    if f.feld:
        found.append(or_(Aenderung.feld == f.feld, Aenderung.feld == CREATED))
    if f.quelle:
        found.append(or_(Aenderung.quelle == f.quelle, Aenderung.quelle.startswith(f.quelle + " ")))
    if f.von is not None:
        found.append(Aenderung.zeitpunkt >= datetime.combine(f.von, time.min))
    if f.bis is not None:
        found.append(Aenderung.zeitpunkt < datetime.combine(f.bis + timedelta(days=1), time.min))
    return found


def count_entries(session: Session, f: ProtokollFilter) -> int:
    """How many stored entries match."""
    return session.scalar(select(func.count()).select_from(Aenderung).where(*conditions(f))) or 0


def _entries(session: Session, f: ProtokollFilter) -> Iterator[list[AenderungData]]:
    """The stored entries that match, newest first, in batches."""
    query = (
        select(*_COLUMNS)
        .where(*conditions(f))
        .order_by(Aenderung.zeitpunkt.desc(), Aenderung.id.desc())
        .execution_options(yield_per=BATCH)
    )
    result = session.execute(query)
    try:
        for batch in result.partitions():
            yield [AenderungData(*row) for row in batch]
    finally:
        result.close()


def stream_lines(
    session: Session, f: ProtokollFilter, read: Callable[[int], None] | None = None
) -> Iterator[AenderungData]:
    """Every line that matches, newest first; ``read(n)`` after each batch of ``n`` entries."""
    for batch in _entries(session, f):
        for entry in batch:
            yield from _lines(entry, f.feld)
        if read is not None:
            read(len(batch))


def read_page(session: Session, f: ProtokollFilter, limit: int = LIMIT) -> ProtokollPage:
    """The newest ``limit`` lines that match, from how many entries, of how many."""
    lines: list[AenderungData] = []
    entries = 0
    for batch in _entries(session, f):
        for entry in batch:
            entries += 1
            lines += _lines(entry, f.feld)
            if len(lines) >= limit:
                return ProtokollPage(lines[:limit], entries, count_entries(session, f))
    return ProtokollPage(lines, entries, entries)


def _lines(entry: AenderungData, feld: str | None) -> list[AenderungData]:
    lines = expanded(entry)
    return lines if not feld else [line for line in lines if line.feld == feld]


def choices(session: Session) -> ProtokollChoices:
    """The Nr. (naturally sorted), users and fields the log holds; fields also as a new measure has them."""
    nrs = _distinct(session, Aenderung.massnahme_nr)
    users = _distinct(session, Aenderung.benutzer)
    fields = {*_distinct(session, Aenderung.feld), *(field_label(key) for key in FIELD_KEYS)}
    fields.discard(CREATED)
    return ProtokollChoices(
        sorted((nr for nr in nrs if nr != NO_MEASURE), key=natural_key),
        sorted(users, key=str.casefold),
        sorted(fields, key=str.casefold),
    )


def _distinct(session: Session, column: Any) -> list[str]:
    return [value for value in session.scalars(select(column).distinct()) if value is not None]
