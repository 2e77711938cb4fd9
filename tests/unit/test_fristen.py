"""The Fristen list (issue 13 point 4): programme deadlines, milestones, exceeded Ende, planned calls and
open Verstetigung, their states, the boundaries (today, 12 months) and the order."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from gera_desktop.domain.enums import Abrufstatus, Umsetzungsstand
from gera_desktop.domain.fristen import (
    Frist,
    Fristart,
    Zustand,
    add_months,
    due_text,
    fristen,
    state_of,
)
from gera_desktop.domain.records import MassnahmeData, MeilensteinData, MittelabrufData
from gera_desktop.domain.settings import ProgrammEinstellungen
from tests.records import measure

TODAY = date(2025, 3, 10)
FAR = ProgrammEinstellungen(programmende=date(2026, 12, 31))
"""Settings whose only deadline (Programmende) lies well ahead."""


def running(nr: str = "P-01", **overrides: Any) -> MassnahmeData:
    """A measure in Umsetzung ending far ahead, with Verstetigung and Folgekosten filled: no Frist."""
    values: dict[str, Any] = {"status": Umsetzungsstand.IN_UMSETZUNG, "ende": date(2027, 6, 30)}
    return measure(nr, **(values | overrides))


def of_measures(*records: MassnahmeData, today: date = TODAY) -> list[Frist]:
    return [f for f in fristen(records, FAR, today) if f.art is not Fristart.PROGRAMMFRIST]


def test_a_measure_with_nothing_due_has_no_frist() -> None:
    assert of_measures(running()) == []


def test_programme_deadlines_ahead_are_listed_with_their_labels() -> None:
    settings = ProgrammEinstellungen(
        programmende=date(2026, 12, 31),
        stichtag_neue_massnahmen=date(2025, 3, 20),
        verwendungsnachweis=date(2027, 6, 30),
    )
    found = fristen([], settings, TODAY)
    assert [(f.text, f.datum, f.zustand) for f in found] == [
        ("Stichtag für neue Maßnahmen", date(2025, 3, 20), Zustand.FAELLIG),
        ("Programmende", date(2026, 12, 31), Zustand.DEMNAECHST),
        ("Verwendungsnachweis", date(2027, 6, 30), Zustand.DEMNAECHST),
    ]
    assert all(f.art is Fristart.PROGRAMMFRIST and f.nr is None and f.titel is None for f in found)


def test_a_passed_stichtag_is_over_but_a_passed_verwendungsnachweis_is_overdue() -> None:
    settings = ProgrammEinstellungen(
        programmende=date(2026, 12, 31),
        stichtag_neue_massnahmen=date(2025, 3, 9),
        verwendungsnachweis=date(2025, 3, 1),
    )
    found = fristen([], settings, TODAY)
    assert [(f.text, f.zustand, f.faelligkeit) for f in found] == [
        ("Verwendungsnachweis", Zustand.UEBERFAELLIG, "seit 9 Tagen überfällig"),
        ("Programmende", Zustand.DEMNAECHST, "in 661 Tagen"),
    ]


def test_a_deadline_today_is_due_not_overdue() -> None:
    settings = ProgrammEinstellungen(programmende=TODAY)
    (frist,) = fristen([], settings, TODAY)
    assert (frist.zustand, frist.faelligkeit, frist.tage) == (Zustand.FAELLIG, "heute", 0)


def test_milestones_overdue_and_due_within_the_window_not_done_ones() -> None:
    record = running(
        meilensteine=[
            MeilensteinData("Ausschreibung", TODAY - timedelta(days=1)),
            MeilensteinData("Heute", TODAY),
            MeilensteinData("Letzter Tag", TODAY + timedelta(days=60)),
            MeilensteinData("Zu spät fürs Fenster", TODAY + timedelta(days=61)),
            MeilensteinData("Erledigt", TODAY - timedelta(days=5), erledigt_am=TODAY),
        ]
    )
    found = of_measures(record)
    assert [(f.text, f.zustand) for f in found] == [
        ("Meilenstein „Ausschreibung“", Zustand.UEBERFAELLIG),
        ("Meilenstein „Heute“", Zustand.FAELLIG),
        ("Meilenstein „Letzter Tag“", Zustand.DEMNAECHST),
    ]
    assert {(f.art, f.nr, f.titel) for f in found} == {(Fristart.MEILENSTEIN, "P-01", record.titel)}


def test_a_measure_past_its_ende_and_not_abgeschlossen_is_overdue() -> None:
    late = running("P-02", ende=TODAY - timedelta(days=1), status=Umsetzungsstand.VERZOEGERT)
    (frist,) = of_measures(late)
    assert (frist.art, frist.datum, frist.zustand) == (
        Fristart.PROJEKTENDE,
        date(2025, 3, 9),
        Zustand.UEBERFAELLIG,
    )
    assert frist.text == "Ende 09.03.2025 überschritten, Umsetzungsstand „verzögert“"


def test_ending_today_or_abgeschlossen_is_no_exceeded_ende() -> None:
    today_end = running("P-03", ende=TODAY)
    done = running("P-04", ende=date(2024, 1, 31), status=Umsetzungsstand.ABGESCHLOSSEN)
    assert [f.art for f in of_measures(today_end, done)] == []


def test_calls_still_planned_in_the_current_half_year() -> None:
    planned = MittelabrufData(date(2025, 5, 15), Decimal("12500.00"), "2025/I", Abrufstatus.GEPLANT)
    overdue = MittelabrufData(date(2025, 2, 1), Decimal("100.00"), None, Abrufstatus.GEPLANT)
    called = MittelabrufData(date(2025, 4, 1), Decimal("200.00"), "2025/I", Abrufstatus.ABGERUFEN)
    next_half = MittelabrufData(date(2025, 7, 1), Decimal("300.00"), "2025/II", Abrufstatus.GEPLANT)
    last_half = MittelabrufData(date(2024, 12, 1), Decimal("400.00"), "2024/II", Abrufstatus.GEPLANT)
    record = running(mittelabrufe=[planned, overdue, called, next_half, last_half])
    found = of_measures(record)
    assert [(f.art, f.datum, f.zustand) for f in found] == [
        (Fristart.MITTELABRUF, date(2025, 2, 1), Zustand.UEBERFAELLIG),
        (Fristart.MITTELABRUF, date(2025, 5, 15), Zustand.DEMNAECHST),
    ]
    assert found[1].text == "Mittelabruf über 12.500,00 € (2025/I) geplant, noch nicht abgerufen"


@pytest.mark.parametrize(
    ("verstetigung", "folgekosten", "missing"),
    [
        (None, None, "Betrieb nach Projektende und Folgekosten"),
        ("  ", Decimal("100.00"), "Betrieb nach Projektende"),
        ("Eigenbetrieb", None, "Folgekosten"),
    ],
)
def test_an_open_verstetigung_of_a_measure_ending_within_12_months(
    verstetigung: str | None, folgekosten: Decimal | None, missing: str
) -> None:
    record = running(ende=date(2025, 9, 30), verstetigung=verstetigung, folgekosten=folgekosten)
    (frist,) = of_measures(record)
    assert (frist.art, frist.datum) == (Fristart.VERSTETIGUNG, date(2025, 9, 30))
    assert frist.text == f"Endet 30.09.2025: {missing} noch nicht eingetragen"


def test_the_verstetigung_window_runs_from_today_to_12_months_ahead() -> None:
    empty = {"verstetigung": None, "folgekosten": None}
    records = [
        running("A", ende=TODAY, **empty),
        running("B", ende=date(2026, 3, 10), **empty),
        running("C", ende=date(2026, 3, 11), **empty),
        running("D", ende=date(2025, 9, 30), verstetigung="Amt 20", folgekosten=Decimal("0.00")),
    ]
    found = [f for f in of_measures(*records) if f.art is Fristart.VERSTETIGUNG]
    assert [f.nr for f in found] == ["A", "B"]


def test_measures_refused_or_aborted_are_left_out() -> None:
    due = {"ende": TODAY - timedelta(days=3), "meilensteine": [MeilensteinData("M", TODAY)]}
    records = [
        running("X", status=Umsetzungsstand.ABGELEHNT, **due),
        running("Y", status=Umsetzungsstand.ABGEBROCHEN, **due),
    ]
    assert of_measures(*records) == []


def test_overdue_first_then_by_date_and_one_days_kinds_in_order() -> None:
    settings = ProgrammEinstellungen(programmende=date(2025, 4, 1), verwendungsnachweis=date(2025, 1, 1))
    first = running("P-09", ende=date(2025, 4, 1), verstetigung=None)
    second = running(
        "P-01",
        ende=date(2025, 2, 1),
        meilensteine=[MeilensteinData("Abnahme", date(2025, 4, 1))],
    )
    found = fristen([first, second], settings, TODAY)
    assert [(f.datum, f.art, f.nr) for f in found] == [
        (date(2025, 1, 1), Fristart.PROGRAMMFRIST, None),
        (date(2025, 2, 1), Fristart.PROJEKTENDE, "P-01"),
        (date(2025, 4, 1), Fristart.PROGRAMMFRIST, None),
        (date(2025, 4, 1), Fristart.MEILENSTEIN, "P-01"),
        (date(2025, 4, 1), Fristart.VERSTETIGUNG, "P-09"),
    ]


def test_the_measures_id_is_kept_for_selecting_it() -> None:
    record = running(ende=TODAY - timedelta(days=1), id=42)
    assert [f.massnahme_id for f in of_measures(record)] == [42]


@pytest.mark.parametrize(
    ("datum", "state"),
    [
        (TODAY - timedelta(days=1), Zustand.UEBERFAELLIG),
        (TODAY, Zustand.FAELLIG),
        (TODAY + timedelta(days=30), Zustand.FAELLIG),
        (TODAY + timedelta(days=31), Zustand.DEMNAECHST),
    ],
)
def test_states_by_date(datum: date, state: Zustand) -> None:
    assert state_of(datum, TODAY) is state


@pytest.mark.parametrize(
    ("days", "text"),
    [(-1, "seit 1 Tag überfällig"), (-1200, "seit 1.200 Tagen überfällig"), (1, "morgen"), (5, "in 5 Tagen")],
)
def test_due_texts_are_german(days: int, text: str) -> None:
    assert due_text(days) == text


@pytest.mark.parametrize(
    ("day", "later"),
    [
        (date(2024, 2, 29), date(2025, 2, 28)),
        (date(2025, 3, 10), date(2026, 3, 10)),
        (date(2025, 12, 31), date(2026, 12, 31)),
    ],
)
def test_twelve_months_later(day: date, later: date) -> None:
    assert add_months(day, 12) == later
