"""The Übersicht's figures: groups, envelope, calls and the milestone windows."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from gera_desktop.domain.enums import Ampel, Freigabe, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.records import FinanzjahrData, MeilensteinData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services.overview import DUE_DAYS, milestones, overview_figures
from tests.records import measure

TODAY = date(2025, 3, 1)
EMPTY_KEYS = ("foerderfaehig", "foerderquote", "bundesmittel", "eigenanteil", "abgerufen", "ampel")
PLAIN: dict[str, object] = {
    **dict.fromkeys(EMPTY_KEYS, None),
    "freigabe": Freigabe.NICHT_EINGEREICHT,
    "meilensteine": [],
    "finanzen": [],
}


def _measure(nr: str, **values):
    return measure(nr, **{**PLAIN, **values})


def test_groups_count_every_value_and_sum_effective_amounts() -> None:
    records = [
        _measure("A-1", gesamtkosten=Decimal(1000), ampel=Ampel.ROT),
        _measure("A-2", gesamtkosten=Decimal(500), status=Umsetzungsstand.GEPLANT),
        _measure("U-1", gesamtkosten=Decimal(200), innovationsfeld=Innovationsfeld.UMWELT, ampel=None),
    ]

    figures = overview_figures(records, ProgrammEinstellungen(foerderquote=Decimal(80)), TODAY)

    assert figures.count == 3
    assert figures.by_status[Umsetzungsstand.ABGESCHLOSSEN].nrs == ("A-1", "U-1")
    assert figures.by_status[Umsetzungsstand.IDEE].count == 0
    assert figures.by_ampel[Ampel.ROT].nrs == ("A-1",)
    assert figures.by_ampel[None].nrs == ("A-2", "U-1")
    wirtschaft = figures.by_feld[Innovationsfeld.WIRTSCHAFT].totals
    assert (wirtschaft.gesamtkosten, wirtschaft.bundesmittel, wirtschaft.eigenanteil) == (
        Decimal(1500),
        Decimal("1200.00"),
        Decimal("300.00"),
    )
    assert figures.total.totals.bundesmittel == Decimal("1360.00")


def test_the_envelope_leaves_out_refused_and_aborted_measures() -> None:
    records = [
        _measure("A-1", gesamtkosten=Decimal(1000)),
        _measure("A-2", gesamtkosten=Decimal(5000), status=Umsetzungsstand.ABGELEHNT),
        _measure("A-3", gesamtkosten=Decimal(5000), status=Umsetzungsstand.ABGEBROCHEN),
    ]

    figures = overview_figures(records, ProgrammEinstellungen(foerdervolumen=Decimal(3600)), TODAY)

    assert figures.envelope.planned == Decimal("900.00")
    assert figures.envelope.share == Decimal("0.25")
    assert overview_figures(records, ProgrammEinstellungen(), TODAY).envelope.share is None


def test_calls_count_the_approved_measures_with_the_budget_years_where_the_field_is_empty() -> None:
    years = [FinanzjahrData(2024, abgerufen=Decimal(100)), FinanzjahrData(2025, abgerufen=Decimal(50))]
    records = [
        _measure("A-1", gesamtkosten=Decimal(1000), freigabe=Freigabe.FREIGEGEBEN, finanzen=years),
        _measure("A-2", gesamtkosten=Decimal(1000), freigabe=Freigabe.FREIGEGEBEN, abgerufen=Decimal(300)),
        _measure("A-3", gesamtkosten=Decimal(1000), abgerufen=Decimal(900)),
    ]

    calls = overview_figures(records, ProgrammEinstellungen(), TODAY).calls

    assert calls.nrs == ("A-1", "A-2")
    assert calls.bewilligt == Decimal("1800.00")
    assert calls.abgerufen == Decimal(450)
    assert calls.share == Decimal(450) / Decimal(1800)
    alone = overview_figures([_measure("X", freigabe=Freigabe.FREIGEGEBEN)], ProgrammEinstellungen(), TODAY)
    assert alone.calls.abgerufen == Decimal(0)


def test_refused_and_aborted_measures_count_in_no_programme_figure_and_are_named() -> None:
    years = [FinanzjahrData(2024, abgerufen=Decimal(70))]
    approved = {"freigabe": Freigabe.FREIGEGEBEN, "finanzen": years}
    records = [
        _measure("A-1", gesamtkosten=Decimal(1000), **approved),
        _measure("A-2", gesamtkosten=Decimal(5000), status=Umsetzungsstand.ABGELEHNT, **approved),
        _measure("A-3", gesamtkosten=Decimal(3000), status=Umsetzungsstand.ABGEBROCHEN, **approved),
    ]

    figures = overview_figures(records, ProgrammEinstellungen(), TODAY)

    assert figures.left_out == ("A-2", "A-3")
    assert figures.count == 3
    assert figures.by_status[Umsetzungsstand.ABGELEHNT].nrs == ("A-2",)
    wirtschaft = figures.by_feld[Innovationsfeld.WIRTSCHAFT]
    assert wirtschaft.nrs == ("A-1",)
    assert (wirtschaft.totals.gesamtkosten, wirtschaft.totals.abgerufen) == (Decimal(1000), Decimal(70))
    assert figures.total.count == 1
    assert figures.total.totals.bundesmittel == Decimal("900.00")
    assert (figures.calls.nrs, figures.calls.bewilligt, figures.calls.abgerufen) == (
        ("A-1",),
        Decimal("900.00"),
        Decimal(70),
    )


def test_milestones_due_within_the_window_and_overdue_ones_sorted_by_date() -> None:
    last = TODAY + timedelta(days=DUE_DAYS)

    def ms(name: str, termin: date, done: date | None = None) -> MeilensteinData:
        return MeilensteinData(name, termin, erledigt_am=done)

    records = [
        _measure(
            "A-1",
            meilensteine=[ms("heute", TODAY), ms("letzter Tag", last), ms("danach", last + timedelta(1))],
        ),
        _measure(
            "A-2",
            meilensteine=[ms("gestern", TODAY - timedelta(1)), ms("erledigt", TODAY - timedelta(9), TODAY)],
        ),
        _measure("A-3", meilensteine=[ms("lange her", date(2023, 1, 1))]),
    ]

    due, overdue = milestones(records, TODAY)

    assert [(m.nr, m.bezeichnung) for m in due] == [("A-1", "heute"), ("A-1", "letzter Tag")]
    assert [(m.nr, m.bezeichnung) for m in overdue] == [("A-3", "lange her"), ("A-2", "gestern")]
    assert overdue[0].titel == records[2].titel
