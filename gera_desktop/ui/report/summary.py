"""The summary page of the Sachstandsbericht: the programme's sums (effective amounts, as the Übersicht
computes them), the measures by Ampel and by Innovationsfeld, the funds called, and what is due."""

from __future__ import annotations

from gera_desktop.domain.formatting import format_count, format_date, format_euro, format_percent, short_list
from gera_desktop.domain.funding import HUNDRED
from gera_desktop.services.core_bericht import ReportData
from gera_desktop.services.overview import DUE_DAYS, DueMilestone, Group, OverviewFigures
from gera_desktop.ui.report.blocks import Align, Block, Column, Fields, Heading, PageBreak, Paragraph, Style, Table

SHOWN_MILESTONES = 12
"""How many due or overdue milestones the summary names; the rest are counted."""


def summary_blocks(data: ReportData) -> list[Block]:
    """The blocks of the summary page (more pages when they need them)."""
    figures = data.figures
    return [
        PageBreak("Zusammenfassung"),
        Heading("Sachstandsbericht", Style.TITLE),
        Paragraph(f"{data.settings.programmbuero} – Stand {format_date(data.stand)}"),
        Paragraph(_counted(figures)),
        Heading("Kosten und Förderung"),
        _sums(figures),
        Heading("Mittelabruf"),
        _calls(figures),
        Heading("Maßnahmen nach Ampel"),
        _by_ampel(figures),
        Heading("Kosten und Förderung nach Innovationsfeld"),
        _by_feld(figures),
        *_milestones("Überfällige Meilensteine", figures.overdue),
        *_milestones(f"Meilensteine in den nächsten {DUE_DAYS} Tagen", figures.due),
    ]


def _counted(figures: OverviewFigures) -> str:
    text = f"{_measures(figures.count)} außerhalb des Papierkorbs."
    if figures.left_out:
        text += (
            f" Abgelehnt oder abgebrochen und in keiner Summe: {short_list(list(figures.left_out))}."
        )
    return text


def _measures(count: int) -> str:
    return f"{format_count(count)} {'Maßnahme' if count == 1 else 'Maßnahmen'}"


def _sums(figures: OverviewFigures) -> Fields:
    totals = figures.total.totals
    rows = [
        ("Gesamtkosten", format_euro(totals.gesamtkosten)),
        ("Bundesmittel", format_euro(totals.bundesmittel)),
        ("Eigenanteil", format_euro(totals.eigenanteil)),
        ("Mittel abgerufen", format_euro(totals.abgerufen)),
    ]
    envelope = figures.envelope
    if envelope.envelope is None:
        rows.append(("Fördervolumen", "nicht festgelegt"))
    else:
        share = envelope.share
        planned = f" – davon verplant: {format_percent(round(share * HUNDRED, 1))}" if share is not None else ""
        rows.append(("Fördervolumen", format_euro(envelope.envelope) + planned))
    return Fields(rows)


def _calls(figures: OverviewFigures) -> Fields:
    calls = figures.calls
    share = calls.share
    called = format_euro(calls.abgerufen)
    if share is not None:
        called += f" ({format_percent(round(share * HUNDRED, 1))} der bewilligten Mittel)"
    return Fields(
        [
            ("Bewilligt", f"{format_euro(calls.bewilligt)} ({_measures(len(calls.nrs))} freigegeben)"),
            ("Abgerufen", called),
            ("Noch abzurufen", format_euro(calls.bewilligt - calls.abgerufen)),
        ]
    )


def _by_ampel(figures: OverviewFigures) -> Table:
    columns = [Column("Ampel", 1.6), Column("Anzahl", 1.0, Align.RIGHT)]
    columns += [Column("Gesamtkosten", 1.6, Align.RIGHT), Column("Bundesmittel", 1.6, Align.RIGHT)]
    rows = [
        [str(ampel) if ampel else "ohne Ampel", *_group_cells(group)]
        for ampel, group in figures.by_ampel.items()
    ]
    return Table(columns, rows, ["Summe", *_group_cells(figures.total)])


def _group_cells(group: Group) -> list[str]:
    return [format_count(group.count), format_euro(group.totals.gesamtkosten), format_euro(group.totals.bundesmittel)]


def _by_feld(figures: OverviewFigures) -> Table:
    columns = [Column("Innovationsfeld", 2.6), Column("Anzahl", 0.8, Align.RIGHT)]
    columns += [Column("Gesamtkosten", 1.5, Align.RIGHT), Column("Bundesmittel", 1.5, Align.RIGHT)]
    columns.append(Column("Abgerufen", 1.5, Align.RIGHT))
    rows = [[str(feld), *_money_cells(group)] for feld, group in figures.by_feld.items() if group.count]
    return Table(columns, rows, ["Summe", *_money_cells(figures.total)])


def _money_cells(group: Group) -> list[str]:
    return [*_group_cells(group), format_euro(group.totals.abgerufen)]


def _milestones(title: str, milestones: list[DueMilestone]) -> list[Block]:
    heading = Heading(f"{title} ({format_count(len(milestones))})")
    if not milestones:
        return [heading, Paragraph("Keine.")]
    columns = [Column("Termin", 1.0), Column("Nr.", 0.9), Column("Maßnahme", 2.6), Column("Meilenstein", 2.6)]
    rows = [[format_date(m.termin), m.nr, m.titel, m.bezeichnung] for m in milestones[:SHOWN_MILESTONES]]
    blocks: list[Block] = [heading, Table(columns, rows)]
    rest = len(milestones) - SHOWN_MILESTONES
    if rest > 0:
        blocks.append(Paragraph(f"… und {format_count(rest)} weitere.", Style.SMALL))
    return blocks
