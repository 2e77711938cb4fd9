"""The programme view's figures (``domain.programm``): what can be called per half-year and the federal
funds at risk, checked against amounts computed by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gera_desktop.domain.enums import Abrufstatus, Umsetzungsstand
from gera_desktop.domain.programm import Halbjahr, programm_stand
from gera_desktop.domain.records import FinanzjahrData, MassnahmeData, MittelabrufData
from gera_desktop.domain.settings import ProgrammEinstellungen
from tests.records import measure

GEPLANT, ABGERUFEN, AUSGEZAHLT = Abrufstatus.GEPLANT, Abrufstatus.ABGERUFEN, Abrufstatus.AUSGEZAHLT
SETTINGS = ProgrammEinstellungen(foerderquote=Decimal(90), programmende=date(2026, 12, 31))
TODAY = date(2025, 3, 1)
COMPUTED = dict.fromkeys(
    ("foerderfaehig", "foerderquote", "bundesmittel", "drittmittel", "eigenanteil", "abgerufen")
)


def d(text: str) -> Decimal:
    return Decimal(text)


def call(day: date, amount: str, status: Abrufstatus, halbjahr: str | None = None) -> MittelabrufData:
    return MittelabrufData(day, d(amount), halbjahr, status)


def computed_measure(nr: str, gesamtkosten: str, **overrides: object) -> MassnahmeData:
    """A measure whose funding amounts are all computed (spec section 8)."""
    values = {**COMPUTED, "status": Umsetzungsstand.IN_UMSETZUNG, **overrides}
    return measure(nr, gesamtkosten=d(gesamtkosten), **values)


def m1() -> MassnahmeData:
    """Bundesmittel 90 % of 100.000 € = 90.000 €; Ist 2024 30.000 €, 2025 20.000,33 €."""
    record = computed_measure("UM-01", "100000.00", id=1)
    record.finanzen = [FinanzjahrData(2024, ist=d("30000.00")), FinanzjahrData(2025, ist=d("20000.33"))]
    record.mittelabrufe = [
        call(date(2024, 3, 15), "20000.00", ABGERUFEN),
        call(date(2024, 8, 1), "5000.00", AUSGEZAHLT),
        call(date(2025, 2, 10), "12000.00", GEPLANT),
        call(date(2026, 9, 15), "30000.00", GEPLANT),
        call(date(2027, 3, 15), "10000.00", GEPLANT),
    ]
    return record


def m2() -> MassnahmeData:
    """Own Förderquote 50 %: Bundesmittel 5.000 €; Ist only in 2025 (8.000 €), yet 4.500 € called in 2024."""
    record = computed_measure("UM-02", "10000.00", id=2, foerderquote=Decimal(50))
    record.finanzen = [FinanzjahrData(2025, ist=d("8000.00"))]
    record.mittelabrufe = [call(date(2024, 9, 1), "4500.00", ABGERUFEN)]
    return record


def rows_by_label(records: list[MassnahmeData]) -> dict[str, tuple[Decimal, ...]]:
    stand = programm_stand(records, SETTINGS, TODAY)
    return {
        row.halbjahr.label: (row.foerderfaehig, row.abgerufen, row.geplant, row.abrufbar)
        for row in stand.halbjahre
    }


def test_each_half_year_from_the_first_call_to_the_programme_end_and_beyond_while_calls_lie_there() -> None:
    stand = programm_stand([m1()], SETTINGS, TODAY)

    labels = [row.halbjahr.label for row in stand.halbjahre]
    assert labels == ["2024/I", "2024/II", "2025/I", "2025/II", "2026/I", "2026/II", "2027/I"]
    assert [row.nach_programmende for row in stand.halbjahre] == [False] * 6 + [True]
    assert [row.halbjahr.label for row in stand.halbjahre if row.aktuell] == ["2025/I"]
    assert stand.aktuell is not None
    assert stand.aktuell.halbjahr == Halbjahr(2025, 1)


def test_foerderfaehig_abgerufen_geplant_and_abrufbar_per_half_year_computed_by_hand() -> None:
    rows = rows_by_label([m1()])

    # förderfähig = 90 % × Ist so far: 2024 from 2024/I on, 2025 (50.000,33 € in all) from 2025/I on.
    assert rows["2024/I"] == (d("27000.00"), d("20000.00"), d("0.00"), d("7000.00"))
    assert rows["2024/II"] == (d("27000.00"), d("25000.00"), d("0.00"), d("2000.00"))
    assert rows["2025/I"] == (d("45000.30"), d("25000.00"), d("12000.00"), d("20000.30"))
    assert rows["2026/II"] == (d("45000.30"), d("25000.00"), d("30000.00"), d("20000.30"))
    assert rows["2027/I"] == (d("45000.30"), d("25000.00"), d("10000.00"), d("20000.30"))


def test_abrufbar_is_computed_per_measure_and_never_below_zero() -> None:
    rows = rows_by_label([m1(), m2()])

    # UM-02 called 4.500 € with nothing förderfähig yet: its abrufbar stays 0, it lessens nothing of UM-01.
    assert rows["2024/II"] == (d("27000.00"), d("29500.00"), d("0.00"), d("2000.00"))
    # 2025/I: UM-02 förderfähig 50 % × 8.000 € = 4.000 € < 4.500 € called: 0 €; UM-01 20.000,30 €.
    assert rows["2025/I"] == (d("49000.30"), d("29500.00"), d("12000.00"), d("20000.30"))


def test_foerderfaehig_is_at_most_the_bundesmittel() -> None:
    record = computed_measure("UM-03", "100000.00", bundesmittel=d("1000.00"))
    record.finanzen = [FinanzjahrData(2024, ist=d("5000.00"))]

    rows = rows_by_label([record])

    assert rows["2024/I"] == (d("1000.00"), d("0.00"), d("0.00"), d("1000.00"))


def test_a_call_counts_in_its_half_year_even_where_its_date_says_otherwise() -> None:
    record = computed_measure("UM-04", "10000.00")
    record.mittelabrufe = [call(date(2024, 6, 28), "100.00", ABGERUFEN, halbjahr="2024/II")]

    rows = rows_by_label([record])

    assert next(iter(rows)) == "2024/II"
    assert rows["2024/II"][1] == d("100.00")


def test_without_calls_the_budget_years_abgerufen_count_from_their_year_on() -> None:
    record = computed_measure("UM-05", "100000.00")
    record.finanzen = [
        FinanzjahrData(2023, ist=d("20000.00"), abgerufen=d("18000.00")),
        FinanzjahrData(2024, ist=d("10000.00"), abgerufen=d("9000.00")),
    ]

    stand = programm_stand([record], SETTINGS, TODAY)

    called = {row.halbjahr.label: row.abgerufen for row in stand.halbjahre}
    assert called["2023/I"] == called["2023/II"] == d("18000.00")
    assert called["2024/I"] == called["2026/II"] == d("27000.00")
    assert stand.gefaehrdet[0].abgerufen == d("27000.00")
    assert stand.gefaehrdet[0].gefaehrdet == d("63000.00")


def test_a_stored_mittel_abgerufen_without_its_years_counts_from_the_first_half_year() -> None:
    record = computed_measure("UM-06", "100000.00", abgerufen=d("3000.00"))
    record.finanzen = [FinanzjahrData(2024, ist=d("10000.00"))]

    rows = rows_by_label([record])

    assert rows["2024/I"] == (d("9000.00"), d("3000.00"), d("0.00"), d("6000.00"))
    assert rows["2026/II"][1] == d("3000.00")


def test_funds_at_risk_per_measure_and_in_total_computed_by_hand() -> None:
    stand = programm_stand([m1(), m2()], SETTINGS, TODAY)

    risk = {r.nr: (r.bundesmittel, r.abgerufen, r.geplant, r.gefaehrdet) for r in stand.gefaehrdet}
    # UM-01: 90.000 − 25.000 called − 42.000 geplant up to 31.12.2026 (the call of 2027 is too late).
    assert risk["UM-01"] == (d("90000.00"), d("25000.00"), d("42000.00"), d("23000.00"))
    assert risk["UM-02"] == (d("5000.00"), d("4500.00"), d("0.00"), d("500.00"))
    totals = stand.summen
    assert (totals.bundesmittel, totals.abgerufen, totals.geplant, totals.gefaehrdet) == (
        d("95000.00"),
        d("29500.00"),
        d("42000.00"),
        d("23500.00"),
    )
    assert stand.gefaehrdet[0].id == 1


def test_a_call_planned_on_the_programme_end_counts_and_a_fully_planned_measure_is_not_at_risk() -> None:
    record = computed_measure("UM-07", "1000.00")
    record.mittelabrufe = [
        call(date(2024, 2, 1), "400.00", AUSGEZAHLT),
        call(date(2026, 12, 31), "500.00", GEPLANT),
    ]

    assert programm_stand([record], SETTINGS, TODAY).gefaehrdet == ()
    later = ProgrammEinstellungen(programmende=date(2026, 12, 30))
    (row,) = programm_stand([record], later, TODAY).gefaehrdet
    assert row.gefaehrdet == d("500.00")


def test_a_measure_that_called_more_than_its_bundesmittel_puts_nothing_at_risk() -> None:
    record = computed_measure("UM-08", "1000.00", bundesmittel=d("100.00"))
    record.mittelabrufe = [call(date(2024, 2, 1), "400.00", ABGERUFEN)]

    assert programm_stand([record], SETTINGS, TODAY).gefaehrdet == ()


@pytest.mark.parametrize("status", [Umsetzungsstand.ABGELEHNT, Umsetzungsstand.ABGEBROCHEN])
def test_measures_abgelehnt_or_abgebrochen_count_nowhere_and_are_named(status: Umsetzungsstand) -> None:
    dropped = m2()
    dropped.status = status

    stand = programm_stand([m1(), dropped], SETTINGS, TODAY)

    assert stand.left_out == ("UM-02",)
    assert [row.nr for row in stand.gefaehrdet] == ["UM-01"]
    assert stand.halbjahre[1].abgerufen == d("25000.00")


def test_without_budget_years_or_calls_there_are_no_half_years() -> None:
    record = computed_measure("UM-09", "1000.00")

    stand = programm_stand([record], SETTINGS, TODAY)

    assert stand.halbjahre == ()
    assert stand.aktuell is None
    assert [(row.nr, row.gefaehrdet) for row in stand.gefaehrdet] == [("UM-09", d("900.00"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2024/I", Halbjahr(2024, 1)), (" 2024/II ", Halbjahr(2024, 2)), ("2024/III", None), (None, None)],
)
def test_a_half_year_is_read_from_its_label(text: str | None, expected: Halbjahr | None) -> None:
    assert Halbjahr.parse(text) == expected


def test_half_years_follow_each_other_and_are_named_as_the_calls_name_them() -> None:
    assert Halbjahr.of(date(2024, 6, 30)).label == "2024/I"
    assert Halbjahr.of(date(2024, 7, 1)).label == "2024/II"
    assert Halbjahr.at(Halbjahr(2024, 2).index + 1) == Halbjahr(2025, 1)
    assert Halbjahr(2024, 2) < Halbjahr(2025, 1)
