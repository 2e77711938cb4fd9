"""Cross-field rules of a measure and its children, with German messages."""

from datetime import date
from decimal import Decimal

import pytest

from gera_desktop.domain import rules
from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.records import BeteiligungData, FinanzjahrData, MassnahmeData, MeilensteinData


def measure(**changes: object) -> MassnahmeData:
    values: dict[str, object] = {
        "nr": "P-1",
        "titel": "City-App",
        "innovationsfeld": Innovationsfeld.WIRTSCHAFT,
        "federfuehrung": "Amt für Digitalisierung",
        "beginn": date(2024, 1, 1),
        "ende": date(2025, 12, 31),
        "status": Umsetzungsstand.IN_UMSETZUNG,
        "gesamtkosten": Decimal("100000.00"),
    }
    values.update(changes)
    return MassnahmeData(**values)  # type: ignore[arg-type]


def fields_of(problems: list) -> list[str]:
    return [p.field for p in problems]


def test_a_sound_measure_has_no_problems() -> None:
    data = measure(email="anna.muster@gera.de", fortschritt=Decimal(40), eigenanteil=Decimal("10000.00"))
    assert rules.massnahme_problems(data) == []


def test_ende_before_beginn_names_both_dates() -> None:
    problems = rules.massnahme_problems(measure(beginn=date(2024, 5, 1), ende=date(2024, 4, 30)))
    assert fields_of(problems) == ["ende"]
    assert problems[0].message == "Das Ende (30.04.2024) liegt vor dem Beginn (01.05.2024)."


def test_ende_on_the_day_of_beginn_is_fine() -> None:
    assert rules.massnahme_problems(measure(beginn=date(2024, 5, 1), ende=date(2024, 5, 1))) == []


@pytest.mark.parametrize("nr", ["P-1", "2024/07", "M 1.2", "Ö-3", "A" * 20])
def test_allowed_numbers(nr: str) -> None:
    assert rules.nr_problems(nr) == []


@pytest.mark.parametrize(
    ("nr", "fragment"),
    [
        ("P_1", "unzulässige Zeichen"),
        ("P#1", "unzulässige Zeichen"),
        ("A" * 21, "zu lang (21 Zeichen, höchstens 20)"),
    ],
)
def test_refused_numbers(nr: str, fragment: str) -> None:
    problems = rules.massnahme_problems(measure(nr=nr))
    assert fields_of(problems) == ["nr"]
    assert fragment in problems[0].message


@pytest.mark.parametrize(
    "email", ["anna", "anna@@gera.de", "a@b@gera.de", "@gera.de", "anna@", "an na@gera.de"]
)
def test_email_needs_exactly_one_at(email: str) -> None:
    problems = rules.massnahme_problems(measure(email=email))
    assert fields_of(problems) == ["email"]
    assert "genau ein @" in problems[0].message


@pytest.mark.parametrize(
    ("value", "ok"),
    [(Decimal(0), True), (Decimal(100), True), (Decimal("100.01"), False), (Decimal(-1), False)],
)
def test_fortschritt_between_0_and_100(value: Decimal, ok: bool) -> None:
    assert (rules.massnahme_problems(measure(fortschritt=value)) == []) is ok


def test_eigenanteil_off_by_more_than_a_cent_is_refused() -> None:
    close = measure(eigenanteil=Decimal("10000.01"))
    off = measure(eigenanteil=Decimal("10000.02"))
    assert rules.massnahme_problems(close) == []
    problems = rules.massnahme_problems(off)
    assert fields_of(problems) == ["eigenanteil"]
    assert "10.000,00 €" in problems[0].message


def test_the_programme_rate_applies_where_the_measure_has_none() -> None:
    data = measure(bundesmittel=Decimal("90000.00"))
    assert rules.massnahme_problems(data, programme_rate=Decimal(90)) == []
    problems = rules.massnahme_problems(data, programme_rate=Decimal(80))
    assert fields_of(problems) == ["bundesmittel"]
    assert "80.000,00 €" in problems[0].message


def test_dates_outside_2000_to_2100_are_refused() -> None:
    problems = rules.massnahme_problems(measure(beschlussdatum=date(1999, 12, 31), ende=date(2101, 1, 1)))
    assert sorted(fields_of(problems)) == ["beschlussdatum", "ende"]
    assert "Beschlussdatum: Das Datum 31.12.1999 liegt nicht zwischen 2000 und 2100." in [
        p.message for p in problems
    ]


def test_missing_required_values_are_left_to_the_field_checks() -> None:
    data = measure(gesamtkosten=None, beginn=None, nr=None)
    assert rules.massnahme_problems(data) == []


def test_milestone_needs_bezeichnung_and_termin() -> None:
    problems = rules.meilenstein_problems(MeilensteinData(" ", None))  # type: ignore[arg-type]
    assert fields_of(problems) == ["bezeichnung", "termin"]
    assert problems[1].message == "Termin: Pflichtfeld – bitte ausfüllen."


def test_finanzjahr_range_and_amounts() -> None:
    assert rules.finanzjahr_problems(FinanzjahrData(2019, Decimal(0))) == []
    problems = rules.finanzjahr_problems(FinanzjahrData(2036, plan=Decimal(-1)))
    assert fields_of(problems) == ["jahr", "plan"]
    assert problems[0].message == "Das Haushaltsjahr 2036 liegt nicht zwischen 2019 und 2035."


def test_beteiligung_needs_datum_and_format_and_no_negative_count() -> None:
    problems = rules.beteiligung_problems(BeteiligungData(None, "", teilnehmende=-3))  # type: ignore[arg-type]
    assert fields_of(problems) == ["datum", "format", "teilnehmende"]
    assert rules.beteiligung_problems(BeteiligungData(date(2024, 3, 12), "Workshop", teilnehmende=0)) == []


def test_children_keys_are_unique_per_measure() -> None:
    tag = date(2024, 3, 12)
    data = measure(
        meilensteine=[MeilensteinData("Prototyp", date(2024, 6, 1)), MeilensteinData("prototyp ", tag)],
        finanzen=[FinanzjahrData(2024), FinanzjahrData(2025), FinanzjahrData(2024)],
        beteiligungen=[
            BeteiligungData(tag, "Workshop"),
            BeteiligungData(tag, "Infostand"),
            BeteiligungData(tag, "workshop"),
        ],
    )
    problems = rules.children_problems(data)
    assert fields_of(problems) == [
        "meilensteine[1].bezeichnung",
        "finanzen[2].jahr",
        "beteiligungen[2].format",
    ]
    assert problems[0].message == "Meilenstein „prototyp “ ist doppelt eingetragen."
    assert problems[1].message == "Haushaltsjahr 2024 ist doppelt eingetragen."


def test_child_problems_name_the_row() -> None:
    data = measure(
        meilensteine=[MeilensteinData("Prototyp", date(1990, 1, 1)), MeilensteinData("", date(2024, 1, 1))]
    )
    problems = rules.children_problems(data)
    assert [p.message for p in problems] == [
        "Meilenstein „Prototyp“: Termin: Das Datum 01.01.1990 liegt nicht zwischen 2000 und 2100.",
        "Meilenstein in Zeile 2: Meilenstein: Pflichtfeld – bitte ausfüllen.",
    ]
    assert fields_of(problems) == ["meilensteine[0].termin", "meilensteine[1].bezeichnung"]


def test_plan_years_that_miss_gesamtkosten_give_a_warning() -> None:
    fits = measure(
        finanzen=[FinanzjahrData(2024, Decimal("40000.00")), FinanzjahrData(2025, Decimal("60000.00"))]
    )
    assert rules.plan_warnings(fits) == []
    short = measure(finanzen=[FinanzjahrData(2024, Decimal("40000.00")), FinanzjahrData(2025)])
    warnings = rules.plan_warnings(short)
    assert warnings[0].message == (
        "Die Planansätze der Haushaltsjahre ergeben 40.000,00 €, die Gesamtkosten betragen aber 100.000,00 €."
    )
    assert rules.plan_warnings(measure(finanzen=[FinanzjahrData(2024)])) == []


def test_stored_amounts_keep_only_what_differs_from_the_computed_value() -> None:
    data = measure(
        bundesmittel=Decimal("90000.00"),
        eigenanteil=Decimal("10000.00"),
        abgerufen=Decimal("7000.00"),
        finanzen=[
            FinanzjahrData(2024, abgerufen=Decimal("3000.00")),
            FinanzjahrData(2025, abgerufen=Decimal(4000)),
        ],
    )
    assert rules.stored_amounts(data, Decimal(90)) == dict.fromkeys(
        ("foerderfaehig", "bundesmittel", "drittmittel", "eigenanteil", "abgerufen")
    )
    assert rules.stored_amounts(data, Decimal(80))["bundesmittel"] == Decimal("90000.00")


def test_stored_amounts_leave_values_that_are_no_numbers_to_the_checks() -> None:
    data = measure(bundesmittel="viel", eigenanteil=Decimal("10000.00"))
    assert rules.stored_amounts(data, Decimal(90))["eigenanteil"] == Decimal("10000.00")
    assert (
        rules.stored_amounts(measure(gesamtkosten=None, drittmittel=Decimal(0)), Decimal(90))["drittmittel"]
        == 0
    )
