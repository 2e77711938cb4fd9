"""The Übersicht as sections of a document: one table per card, in the Übersicht's order, with values
(counts, amounts, shares, dates) rather than texts, so that the printout and the PDF format them in
German and the workbook keeps numbers and dates as cells (``excel.uebersicht``). No Qt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from gera_desktop.domain.formatting import format_count, format_date
from gera_desktop.domain.fristen import Zustand, counts
from gera_desktop.excel.uebersicht import Share as Share
from gera_desktop.excel.uebersicht import write_uebersicht
from gera_desktop.services.overview import DUE_DAYS, DueMilestone, Group, OverviewFigures

Value = str | int | Decimal | date | None
NO_AMPEL = "ohne Bewertung"
NOT_SET = "nicht festgelegt"
MONEY_HEADERS = (
    "Innovationsfeld", "Maßnahmen", "Gesamtkosten", "Bundesmittel", "Eigenanteil", "Mittel abgerufen",
)  # fmt: skip
MILESTONE_HEADERS = ("Nr.", "Maßnahme", "Meilenstein", "Termin")
FRISTEN_HEADERS = ("Datum", "Fälligkeit", "Art", "Nr.", "Frist")
SHOWN_FRISTEN = (Zustand.UEBERFAELLIG, Zustand.FAELLIG)


@dataclass(frozen=True)
class Section:
    """One card of the Übersicht: a title, column headers, rows of values and maybe a sum row."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Value, ...]]
    total: tuple[Value, ...] | None = None
    note: str = ""
    money: frozenset[int] = field(default_factory=frozenset)
    """The columns holding amounts in euros."""


def overview_title(figures: OverviewFigures) -> str:
    """``'Übersicht – 25 Maßnahmen am 31.12.2025'``."""
    noun = "Maßnahme" if figures.count == 1 else "Maßnahmen"
    return f"Übersicht – {format_count(figures.count)} {noun} am {format_date(figures.today)}"


def left_out_note(figures: OverviewFigures) -> str:
    """Which measures count in no sum (abgelehnt or abgebrochen), or ``''``."""
    if not figures.left_out:
        return ""
    return f"Abgelehnt oder abgebrochen und in keiner Summe: {', '.join(figures.left_out)}."


def overview_sections(figures: OverviewFigures) -> list[Section]:
    """The cards of the Übersicht, in its order."""
    return [
        _counted(
            "Maßnahmen nach Umsetzungsstand",
            "Umsetzungsstand",
            {str(k): g for k, g in figures.by_status.items()},
        ),
        _counted(
            "Maßnahmen nach Ampel",
            "Ampel",
            {str(k) if k else NO_AMPEL: g for k, g in figures.by_ampel.items()},
        ),
        _envelope(figures),
        _calls(figures),
        _money(figures),
        _milestones(f"Meilensteine in den nächsten {DUE_DAYS} Tagen", figures.due),
        _milestones("Überfällige Meilensteine", figures.overdue),
        _fristen(figures),
    ]


def _counted(title: str, header: str, groups: dict[str, Group]) -> Section:
    rows: list[tuple[Value, ...]] = [(name, group.count) for name, group in groups.items()]
    return Section(title, (header, "Anzahl"), rows)


def _envelope(figures: OverviewFigures) -> Section:
    envelope = figures.envelope
    rows: list[tuple[Value, ...]] = [("Bundesmittel", envelope.planned)]
    if envelope.envelope is None:
        rows.append(("Fördervolumen", NOT_SET))
    else:
        left = envelope.envelope - envelope.planned
        rows.append(("Fördervolumen", envelope.envelope))
        if envelope.share is not None:
            rows.append(("Anteil verplant", Share(envelope.share)))
        rows.append(("Noch nicht verplant", left) if left >= 0 else ("Überschritten um", -left))
    note = "Bundesmittel aller Maßnahmen außer abgelehnten und abgebrochenen."
    return Section("Bundesmittel und Fördervolumen", ("", "Betrag"), rows, note=note, money=frozenset({1}))


def _calls(figures: OverviewFigures) -> Section:
    calls = figures.calls
    rows: list[tuple[Value, ...]] = [("Bewilligt", calls.bewilligt), ("Abgerufen", calls.abgerufen)]
    if calls.share is not None:
        rows.append(("Anteil abgerufen", Share(calls.share)))
    note = (
        f"Bewilligt: Bundesmittel der Maßnahmen mit Freigabe „freigegeben“ ({format_count(len(calls.nrs))})."
        " Abgerufen: deren „Mittel abgerufen“, wo leer die Summe der Jahresscheiben."
    )
    return Section("Mittelabruf", ("", "Betrag"), rows, note=note, money=frozenset({1}))


def _money(figures: OverviewFigures) -> Section:
    rows = [_money_row(str(feld), group) for feld, group in figures.by_feld.items()]
    return Section(
        "Kosten und Förderung nach Innovationsfeld",
        MONEY_HEADERS,
        rows,
        _money_row("Summe", figures.total),
        money=frozenset({2, 3, 4, 5}),
    )


def _money_row(label: str, group: Group) -> tuple[Value, ...]:
    t = group.totals
    return (label, group.count, t.gesamtkosten, t.bundesmittel, t.eigenanteil, t.abgerufen)


def _milestones(title: str, milestones: list[DueMilestone]) -> Section:
    rows: list[tuple[Value, ...]] = [(m.nr, m.titel, m.bezeichnung, m.termin) for m in milestones]
    return Section(f"{title} ({format_count(len(milestones))})", MILESTONE_HEADERS, rows)


def _fristen(figures: OverviewFigures) -> Section:
    number = counts(figures.fristen)
    title = (
        f"Fristen ({format_count(number[Zustand.UEBERFAELLIG])} überfällig, "
        f"{format_count(number[Zustand.FAELLIG])} fällig)"
    )
    rows: list[tuple[Value, ...]] = [
        (f.datum, f.faelligkeit, str(f.art), f.nr or "", f.text)
        for f in figures.fristen
        if f.zustand in SHOWN_FRISTEN
    ]
    return Section(title, FRISTEN_HEADERS, rows)


def write_overview_xlsx(path: str | os.PathLike[str], figures: OverviewFigures, programme: str) -> Path:
    """Write the Übersicht as a workbook to ``path``, atomically (``excel.uebersicht``)."""
    lines = [programme, *filter(None, [left_out_note(figures)])]
    return write_uebersicht(path, overview_title(figures), lines, overview_sections(figures), figures.today)
