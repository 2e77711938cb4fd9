"""The Steckbrief of one measure: its data, Ampel, funding (effective amounts, Jahresscheiben), calls,
milestones, participation, latest decisions and Verstetigung, as blocks for the report's pages.

Personal data (Ansprechpartner/in, Telefon, E-Mail) and the internal Bemerkungen are left out: the
report goes to the programme's coordination office too.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gera_desktop.domain.council import drucksache_text, mittelabruf_order
from gera_desktop.domain.enums import Beschlussart
from gera_desktop.domain.formatting import format_count, format_date, format_euro, format_percent
from gera_desktop.domain.funding import ZERO, compute
from gera_desktop.domain.records import BeschlussData, MassnahmeData
from gera_desktop.domain.rules import funding_input
from gera_desktop.ui.colours import AMPEL_HUES
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

LATEST_DECISIONS = 5
"""How many decisions a Steckbrief lists, the latest first."""
MONEY = Align.RIGHT


def steckbrief_blocks(record: MassnahmeData, programme_rate: Decimal, stand: date) -> list[Block]:
    """The blocks of one measure's Steckbrief, starting on a new page (``stand``: what is overdue)."""
    return [
        PageBreak(f"{record.nr} {record.titel}"),
        Heading(f"{record.nr} – {record.titel}", Style.TITLE),
        _data(record),
        Heading("Kurzbeschreibung"),
        Paragraph(record.kurzbeschreibung or "Keine Kurzbeschreibung erfasst."),
        *_funding(record, programme_rate),
        *_calls(record),
        *_milestones(record, stand),
        *_participation(record),
        *_decisions(record),
        Heading("Verstetigung"),
        Fields(
            [
                ("Betrieb nach Projektende", record.verstetigung or "noch nicht festgelegt"),
                ("Folgekosten p. a.", format_euro(record.folgekosten) or "noch nicht festgelegt"),
            ]
        ),
    ]


def _data(record: MassnahmeData) -> Fields:
    rows = [
        ("Nr.", record.nr),
        ("Maßnahme", record.titel),
        ("Innovationsfeld", str(record.innovationsfeld)),
        ("Cluster", record.cluster or "–"),
        ("Federführung", record.federfuehrung),
        ("Laufzeit", f"{format_date(record.beginn)} – {format_date(record.ende)}"),
        ("Umsetzungsstand", str(record.status)),
        ("Fortschritt", format_percent(record.fortschritt) or "–"),
        ("Ampel", str(record.ampel) if record.ampel else "ohne Ampel"),
        ("Freigabe Fördermittelgeber", str(record.freigabe)),
    ]
    marks = {8: AMPEL_HUES[record.ampel].name()} if record.ampel else {}
    return Fields(rows, marks)


def _funding(record: MassnahmeData, programme_rate: Decimal) -> list[Block]:
    f = compute(funding_input(record), programme_rate)
    called = format_euro(f.abgerufen) + (" (Summe der Mittelabrufe)" if f.from_calls else "")
    blocks: list[Block] = [
        Heading("Finanzierung"),
        Fields(
            [
                ("Gesamtkosten", format_euro(f.gesamtkosten)),
                ("davon förderfähig", format_euro(f.foerderfaehig)),
                ("Förderquote", format_percent(f.foerderquote)),
                ("Bundesmittel", format_euro(f.bundesmittel)),
                ("Drittmittel", format_euro(f.drittmittel)),
                ("Eigenanteil", format_euro(f.eigenanteil)),
                ("Mittel abgerufen", called),
            ]
        ),
    ]
    years = sorted(record.finanzen, key=lambda y: y.jahr)
    if not years:
        return [*blocks, Paragraph("Keine Jahresscheiben erfasst.")]
    columns = [Column("Haushaltsjahr", 1.2), Column("Plan", 1.5, MONEY), Column("Ist", 1.5, MONEY)]
    columns.append(Column("Abgerufen", 1.5, MONEY))
    rows = [[str(y.jahr), format_euro(y.plan), format_euro(y.ist), format_euro(y.abgerufen)] for y in years]
    sums = [sum((getattr(y, key) or ZERO for y in years), ZERO) for key in ("plan", "ist", "abgerufen")]
    return [*blocks, Table(columns, rows, ["Summe", *map(format_euro, sums)])]


def _calls(record: MassnahmeData) -> list[Block]:
    calls = sorted(record.mittelabrufe, key=mittelabruf_order)
    if not calls:
        return [Heading("Mittelabrufe"), Paragraph("Keine Mittelabrufe erfasst.")]
    columns = [Column("Datum", 1.1), Column("Halbjahr", 0.9), Column("Betrag", 1.4, MONEY)]
    columns += [Column("Status", 1.0), Column("Bemerkung", 2.6)]
    rows = [
        [format_date(c.datum), c.halbjahr or "", format_euro(c.betrag), str(c.status), c.bemerkung or ""]
        for c in calls
    ]
    return [Heading("Mittelabrufe"), Table(columns, rows)]


def _milestones(record: MassnahmeData, stand: date) -> list[Block]:
    milestones = sorted(record.meilensteine, key=lambda m: (m.termin, m.bezeichnung))
    if not milestones:
        return [Heading("Meilensteine"), Paragraph("Keine Meilensteine erfasst.")]
    columns = [
        Column("Meilenstein", 2.6),
        Column("Termin", 1.0),
        Column("Stand", 1.3),
        Column("Bemerkung", 2.1),
    ]
    rows = [
        [
            m.bezeichnung,
            format_date(m.termin),
            _milestone_state(m.termin, m.erledigt_am, stand),
            m.bemerkung or "",
        ]
        for m in milestones
    ]
    return [Heading("Meilensteine"), Table(columns, rows)]


def _milestone_state(termin: date, erledigt_am: date | None, stand: date) -> str:
    if erledigt_am is not None:
        return f"erledigt am {format_date(erledigt_am)}"
    return "überfällig" if termin < stand else "offen"


def _participation(record: MassnahmeData) -> list[Block]:
    events = sorted(record.beteiligungen, key=lambda b: (b.datum, b.format))
    if not events:
        planned = "vorgesehen" if record.beteiligung else "nicht vorgesehen"
        return [
            Heading("Beteiligung"),
            Paragraph(f"Keine Beteiligung erfasst (Bürgerbeteiligung {planned})."),
        ]
    columns = [
        Column("Datum", 1.0),
        Column("Format", 1.5),
        Column("Ort", 1.4),
        Column("Teilnehmende", 1.1, MONEY),
    ]
    columns.append(Column("Ergebnis", 2.6))
    rows = [
        [
            format_date(b.datum),
            b.format,
            b.ort or "",
            "" if b.teilnehmende is None else format_count(b.teilnehmende),
            b.ergebnis or "",
        ]
        for b in events
    ]
    return [Heading("Beteiligung"), Table(columns, rows)]


def _decisions(record: MassnahmeData) -> list[Block]:
    decisions = sorted(record.beschluesse, key=lambda b: b.datum, reverse=True)
    if not decisions:
        return [Heading("Beschlüsse"), Paragraph("Keine Beschlüsse erfasst.")]
    columns = [
        Column("Datum", 1.0),
        Column("Gremium", 1.7),
        Column("Drucksache", 1.6),
        Column("Ergebnis", 2.7),
    ]
    rows = [_decision_row(b) for b in decisions[:LATEST_DECISIONS]]
    blocks: list[Block] = [Heading("Beschlüsse (die neuesten zuerst)"), Table(columns, rows)]
    older = len(decisions) - LATEST_DECISIONS
    if older > 0:
        more = "ein älterer Beschluss" if older == 1 else f"{format_count(older)} ältere Beschlüsse"
        blocks.append(Paragraph(f"Außerdem {more}.", Style.SMALL))
    return blocks


def _decision_row(decision: BeschlussData) -> list[str]:
    who = decision.gremium or str(decision.art)
    if decision.art is Beschlussart.STADTRAT and decision.gremium:
        who = f"{decision.gremium} (Stadtrat)"
    result = str(decision.ergebnis)
    if decision.umlaufbeschluss:
        result += ", Umlaufbeschluss"
    if decision.begruendung:
        result += f" – Begründung: {decision.begruendung}"
    return [format_date(decision.datum), who, drucksache_text(decision) or "", result]
