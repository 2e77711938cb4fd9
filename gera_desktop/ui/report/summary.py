"""The summary page of the Sachstandsbericht: the programme's sums (effective amounts, as the Übersicht
computes them), the measures by Ampel, Umsetzungsstand and Innovationsfeld, the funds called and at risk
at the programme's end (``domain.programm``), and the most urgent Fristen (``domain.fristen``).

Long lists are cut to their first rows and the rest counted, so that the summary stays one page; the
measures' own pages follow with everything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gera_desktop.domain.formatting import format_count, format_date, format_euro, format_percent, short_list
from gera_desktop.domain.fristen import Frist, counts
from gera_desktop.domain.funding import HUNDRED
from gera_desktop.services.bericht_data import ReportData
from gera_desktop.services.overview import Group, OverviewFigures
from gera_desktop.ui.report.blocks import (
    Align,
    Block,
    Column,
    Fields,
    Heading,
    PageBreak,
    Paragraph,
    Style,
    Table,
)

SHOWN_AT_RISK = 5
SHOWN_FRISTEN = 5
"""How many measures at risk and Fristen the summary names; the rest are counted."""
MONEY = Align.RIGHT


def summary_blocks(data: ReportData) -> list[Block]:
    """The blocks of the summary page."""
    figures = data.figures
    return [
        PageBreak("Zusammenfassung"),
        Heading("Sachstandsbericht", Style.TITLE),
        Paragraph(f"{data.settings.programmbuero} – Stand {format_date(data.stand)}"),
        Paragraph(_counted(figures)),
        Heading("Kosten und Förderung"),
        _sums(figures),
        Heading("Stand der Umsetzung"),
        Fields(
            [
                ("Ampel", _counts(figures.by_ampel, "ohne Ampel")),
                ("Umsetzungsstand", _counts(figures.by_status)),
            ]
        ),
        Heading("Nach Innovationsfeld"),
        _by_feld(figures),
        *_calls(data),
        *_deadlines(data.fristen),
    ]


def _counted(figures: OverviewFigures) -> str:
    text = f"{_measures(figures.count)} außerhalb des Papierkorbs."
    if figures.left_out:
        text += f" Abgelehnt oder abgebrochen und in keiner Summe: {short_list(list(figures.left_out))}."
    return text


def _measures(count: int) -> str:
    return f"{format_count(count)} {'Maßnahme' if count == 1 else 'Maßnahmen'}"


def _share(share: Any) -> str:
    return format_percent(round(share * HUNDRED, 1))


def _sums(figures: OverviewFigures) -> Fields:
    totals = figures.total.totals
    envelope = figures.envelope
    volumen = "nicht festgelegt"
    if envelope.envelope is not None:
        planned = f" – davon verplant: {_share(envelope.share)}" if envelope.share is not None else ""
        volumen = format_euro(envelope.envelope) + planned
    return Fields(
        [
            ("Gesamtkosten", format_euro(totals.gesamtkosten)),
            ("Bundesmittel", format_euro(totals.bundesmittel)),
            ("Eigenanteil", format_euro(totals.eigenanteil)),
            ("Mittel abgerufen", format_euro(totals.abgerufen)),
            ("Fördervolumen", volumen),
        ]
    )


def _counts(groups: Mapping[Any, Group], none: str = "") -> str:
    """``grün: 4 · gelb: 3 · ohne Ampel: 17`` (values without measures left out)."""
    return (
        " · ".join(f"{key or none}: {format_count(g.count)}" for key, g in groups.items() if g.count) or "–"
    )


def _by_feld(figures: OverviewFigures) -> Table:
    columns = [Column("Innovationsfeld", 3.0), Column("Anzahl", 0.7, MONEY)]
    columns += [Column("Gesamtkosten", 1.4, MONEY), Column("Bundesmittel", 1.4, MONEY)]
    columns.append(Column("Abgerufen", 1.4, MONEY))
    rows = [[str(feld), *_money_cells(group)] for feld, group in figures.by_feld.items() if group.count]
    return Table(columns, rows, ["Summe", *_money_cells(figures.total)])


def _money_cells(group: Group) -> list[str]:
    totals = group.totals
    return [
        format_count(group.count),
        *map(format_euro, (totals.gesamtkosten, totals.bundesmittel, totals.abgerufen)),
    ]


def _calls(data: ReportData) -> list[Block]:
    """Funds bewilligt and called, callable now, and at risk at the Programmende (with the largest)."""
    calls, stand = data.figures.calls, data.programm
    called = format_euro(calls.abgerufen)
    if calls.share is not None:
        called += f" ({_share(calls.share)} der bewilligten Mittel)"
    rows = [
        ("Bewilligt", f"{format_euro(calls.bewilligt)} ({_measures(len(calls.nrs))} freigegeben)"),
        ("Abgerufen", called),
    ]
    if stand.aktuell is not None:
        rows.append((f"Abrufbar {stand.aktuell.halbjahr.label}", format_euro(stand.aktuell.abrufbar)))
    at_risk = stand.summen.gefaehrdet
    rows.append(
        (f"Gefährdet bis {format_date(stand.programmende)}", _at_risk_text(at_risk, len(stand.gefaehrdet)))
    )
    blocks: list[Block] = [Heading("Mittelabruf und gefährdete Mittel"), Fields(rows)]
    if not stand.gefaehrdet:
        return blocks
    columns = [Column("Nr.", 0.8), Column("Maßnahme", 3.2), Column("Bundesmittel", 1.4, MONEY)]
    columns.append(Column("Gefährdet", 1.4, MONEY))
    largest = sorted(stand.gefaehrdet, key=lambda m: m.gefaehrdet, reverse=True)[:SHOWN_AT_RISK]
    table = [[m.nr, m.titel, format_euro(m.bundesmittel), format_euro(m.gefaehrdet)] for m in largest]
    return [*blocks, Table(columns, table), *_rest(stand.gefaehrdet, SHOWN_AT_RISK)]


def _at_risk_text(amount: Any, count: int) -> str:
    if not count:
        return "nichts – alle Bundesmittel sind abgerufen oder bis dahin zum Abruf geplant"
    return (
        f"{format_euro(amount)} bei {_measures(count)} (Bundesmittel weder abgerufen noch bis zum "
        "Programmende zum Abruf geplant)"
    )


def _deadlines(found: list[Frist]) -> list[Block]:
    """The Fristen, the overdue first: what is due in the programme and its measures."""
    states = ", ".join(f"{format_count(n)} {state}" for state, n in counts(found).items() if n)
    heading = Heading(f"Fristen ({states})" if found else "Fristen")
    if not found:
        return [heading, Paragraph("Keine Fristen offen.")]
    columns = [Column("Datum", 1.0), Column("Nr.", 0.8), Column("Was", 4.3), Column("Fällig", 2.2)]
    rows = [[format_date(f.datum), f.nr or "", f.text, f.faelligkeit] for f in found[:SHOWN_FRISTEN]]
    return [heading, Table(columns, rows), *_rest(found, SHOWN_FRISTEN)]


def _rest(listed: Sequence[object], shown: int) -> list[Block]:
    rest = len(listed) - shown
    return [Paragraph(f"… und {format_count(rest)} weitere.", Style.SMALL)] if rest > 0 else []
