"""The council cycle's rules of a measure (spec sections 8 and 9): half-years, Drucksachen, decisions from
a Drucksache-Nr./Beschlussdatum pair, and called calls that win over Mittel abgerufen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from gera_desktop.domain import council, rules
from gera_desktop.domain.enums import Abrufstatus, Beschlussart, Beschlussergebnis
from gera_desktop.domain.records import BeschlussData, FinanzjahrData, MittelabrufData
from gera_desktop.services.validation import massnahme_problems, prepared
from tests.records import measure, with_children

STADTRAT, FOERDERER = Beschlussart.STADTRAT, Beschlussart.FOERDERMITTELGEBER
BESCHLOSSEN = Beschlussergebnis.BESCHLOSSEN
AMOUNTS = ("foerderfaehig", "foerderquote", "bundesmittel", "drittmittel", "eigenanteil", "abgerufen")


def call(day: date, amount: str, status: Abrufstatus = Abrufstatus.ABGERUFEN) -> MittelabrufData:
    return MittelabrufData(day, Decimal(amount), status=status)


def decision(
    day: date, drucksache: str | None = "82/2019", ergaenzung: str | None = None, **more: Any
) -> BeschlussData:
    values = {"art": STADTRAT, "ergebnis": BESCHLOSSEN, **more}
    return BeschlussData(datum=day, drucksache=drucksache, ergaenzung=ergaenzung, **values)


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(2024, 1, 1), "2024/I"), (date(2024, 6, 30), "2024/I"), (date(2024, 7, 1), "2024/II")],
)
def test_the_half_year_of_a_date(day: date, expected: str) -> None:
    assert council.halbjahr_of(day) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("82/2019 7. Ergänzung", ("82/2019", "7. Ergänzung")),
        ("  82/2019   12. ergänzung ", ("82/2019", "12. ergänzung")),
        ("82/2019", ("82/2019", None)),
        ("82/2019 7. Ergänzung, 9. Ergänzung", ("82/2019 7. Ergänzung, 9. Ergänzung", None)),
        ("Vorlage 82/2019 7. Ergänzung", ("Vorlage 82/2019 7. Ergänzung", None)),
        ("DS 82/2019 – Ergänzung folgt", ("DS 82/2019 – Ergänzung folgt", None)),
    ],
)
def test_a_drucksache_is_split_only_where_the_ergaenzung_is_unambiguous(
    text: str, expected: tuple[str, str | None]
) -> None:
    assert council.split_drucksache(text) == expected


def test_a_saved_pair_that_matches_no_decision_adds_a_council_decision() -> None:
    record = prepared(measure(drucksache="82/2019 7. Ergänzung", beschlussdatum=date(2021, 12, 14)))

    assert record.beschluesse == [
        BeschlussData(STADTRAT, date(2021, 12, 14), BESCHLOSSEN, "82/2019", "7. Ergänzung")
    ]


def test_a_pair_that_matches_a_decision_adds_none_and_the_pair_shows_the_latest() -> None:
    older = decision(date(2021, 12, 14), ergaenzung="7. Ergänzung", gremium="Stadtrat")
    latest = decision(
        date(2024, 3, 7), ergaenzung="9. Ergänzung", ergebnis=Beschlussergebnis.GEAENDERT_BESCHLOSSEN
    )
    funder = BeschlussData(FOERDERER, date(2025, 1, 10), Beschlussergebnis.FREIGEGEBEN)
    typed = measure(drucksache="82/2019  7. ERGÄNZUNG", beschlussdatum=date(2021, 12, 14))
    typed.beschluesse = [latest, older, funder]

    record = prepared(typed)

    assert record.beschluesse == [latest, older, funder]
    assert (record.drucksache, record.beschlussdatum) == ("82/2019 9. Ergänzung", date(2024, 3, 7))


@pytest.mark.parametrize(
    ("drucksache", "beschlussdatum"), [(None, None), ("82/2019", None), (None, date(2021, 12, 14))]
)
def test_an_empty_or_half_pair_adds_and_deletes_nothing(
    drucksache: str | None, beschlussdatum: date | None
) -> None:
    without = prepared(measure(drucksache=drucksache, beschlussdatum=beschlussdatum))
    kept = decision(date(2021, 12, 14))
    typed = measure(drucksache=drucksache, beschlussdatum=beschlussdatum)
    typed.beschluesse = [kept]

    assert without.beschluesse == []
    assert (without.drucksache, without.beschlussdatum) == (drucksache, beschlussdatum)
    assert prepared(typed).beschluesse == [kept]
    assert (prepared(typed).drucksache, prepared(typed).beschlussdatum) == ("82/2019", date(2021, 12, 14))


def test_a_call_gets_the_half_year_of_its_date_unless_given() -> None:
    typed = measure(abgerufen=None)
    typed.mittelabrufe = [
        call(date(2024, 8, 1), "100.00"),
        replace(call(date(2024, 3, 1), "50.00"), halbjahr="2023/II"),
    ]

    record = prepared(typed)

    assert [c.halbjahr for c in record.mittelabrufe] == ["2024/II", "2023/II"]


def test_called_calls_win_over_mittel_abgerufen_and_the_budget_years() -> None:
    typed = with_children(measure())  # Mittel abgerufen 46.800,00 €, 2021 Abgerufen 26.550,45 €
    typed.mittelabrufe = [
        call(date(2022, 2, 1), "10000.00"),
        call(date(2022, 9, 1), "5000.50", Abrufstatus.AUSGEZAHLT),
        call(date(2023, 3, 1), "2000.00"),
        call(date(2022, 11, 1), "99999.00", Abrufstatus.GEPLANT),
    ]

    record = prepared(typed)

    assert record.abgerufen is None
    assert [(y.jahr, y.plan, y.abgerufen) for y in record.finanzen] == [
        (2021, Decimal("30000.00"), None),
        (2022, Decimal("22000.00"), Decimal("15000.50")),
        (2023, None, Decimal("2000.00")),
    ]
    assert rules.effective_amounts(record, Decimal(90))["abgerufen"] == Decimal("17000.50")
    assert council.called_total(record) == Decimal("17000.50")


def test_planned_calls_alone_change_nothing() -> None:
    typed = with_children(measure())
    typed.mittelabrufe = [call(date(2022, 2, 1), "10000.00", Abrufstatus.GEPLANT)]

    record = prepared(typed)

    assert record.abgerufen == Decimal("46800.00")
    assert record.finanzen[0].abgerufen == Decimal("26550.45")
    assert council.called_total(record) is None


def test_when_the_last_call_is_gone_the_budget_years_it_made_are_cleared() -> None:
    typed = with_children(measure(abgerufen=None))
    typed.mittelabrufe = [call(date(2021, 5, 1), "1000.00")]
    before = prepared(typed)
    after = prepared(measure(abgerufen=None))
    after.finanzen = [*before.finanzen, FinanzjahrData(2024, abgerufen=Decimal("7.00"))]

    council.release_calls(before, after)

    assert [(y.jahr, y.abgerufen) for y in after.finanzen] == [
        (2021, None),
        (2022, None),
        (2024, Decimal("7.00")),
    ]


def test_calls_beyond_the_bundesmittel_are_an_error_at_mittel_abgerufen() -> None:
    amounts: dict[str, Any] = dict.fromkeys(AMOUNTS)
    typed = measure(gesamtkosten=Decimal("10000.00"), **amounts)
    typed.mittelabrufe = [call(date(2024, 2, 1), "9000.00"), call(date(2024, 8, 1), "0.01")]
    council.settle(typed)

    problems = massnahme_problems(typed)

    assert [(p.field, p.message) for p in problems] == [
        (
            "abgerufen",
            "Die abgerufenen Mittelabrufe (9.000,01 €) übersteigen die Bundesmittel (9.000,00 €).",
        )
    ]


def test_the_rules_of_a_call_and_of_a_decision() -> None:
    typed = measure()
    typed.mittelabrufe = [
        MittelabrufData(date(2024, 1, 5), Decimal("0.00")),
        MittelabrufData(date(2018, 12, 31), Decimal("5.00")),
        MittelabrufData(date(2024, 1, 6), Decimal("5.00"), halbjahr="2024/III"),
        MittelabrufData(date(2024, 1, 7), Decimal("5.00")),
        MittelabrufData(date(2024, 1, 7), Decimal("5.00"), status=Abrufstatus.AUSGEZAHLT),
    ]
    typed.beschluesse = [
        decision(date(2021, 12, 14), drucksache=None),
        BeschlussData(FOERDERER, date(2022, 2, 1), Beschlussergebnis.VERTAGT),
        BeschlussData(FOERDERER, date(2022, 3, 1), Beschlussergebnis.ABGELEHNT, begruendung="Kosten zu hoch"),
    ]

    problems = {p.field: p.message for p in massnahme_problems(typed)}

    assert problems == {
        "mittelabrufe[0].betrag": "Mittelabruf vom 05.01.2024 über 0,00 €: Betrag: Der Betrag muss größer "
        "als 0 € sein.",
        "mittelabrufe[1].datum": "Mittelabruf vom 31.12.2018 über 5,00 €: Datum: Das Datum 31.12.2018 liegt "
        "nicht in den Haushaltsjahren 2019 bis 2035.",
        "mittelabrufe[2].halbjahr": "Mittelabruf vom 06.01.2024 über 5,00 €: Halbjahr: „2024/III“ ist kein "
        "Halbjahr – bitte z. B. 2024/I oder 2024/II angeben.",
        "mittelabrufe[4].datum": "Mittelabruf vom 07.01.2024 über 5,00 € ist doppelt eingetragen.",
        "beschluesse[0].drucksache": "Beschluss Stadtrat vom 14.12.2021: Drucksache-Nr.: Bei einem Beschluss "
        "des Stadtrats Pflichtfeld – bitte ausfüllen.",
        "beschluesse[1].ergebnis": "Beschluss Fördermittelgeber vom 01.02.2022: Ergebnis: „vertagt“ passt "
        "nicht zu einem Beschluss (Fördermittelgeber). Erlaubt sind: freigegeben, Nachbesserung, abgelehnt.",
    }


def test_a_decision_without_its_required_values_is_named_by_its_position() -> None:
    typed = measure()
    typed.beschluesse = [BeschlussData(STADTRAT, None, None, "82/2019")]  # type: ignore[arg-type]

    problems = {p.field: p.message for p in massnahme_problems(typed)}

    assert problems["beschluesse[0].datum"] == "Beschluss in Zeile 1: Datum: Pflichtfeld – bitte ausfüllen."
    assert (
        problems["beschluesse[0].ergebnis"]
        == "Beschluss in Zeile 1: Ergebnis: Pflichtfeld – bitte ausfüllen."
    )


def test_a_rejection_by_the_funder_needs_its_reason() -> None:
    typed = measure()
    typed.beschluesse = [
        BeschlussData(FOERDERER, date(2022, 3, 1), Beschlussergebnis.ABGELEHNT, begruendung=" ")
    ]

    problems = {p.field: p.message for p in massnahme_problems(typed)}

    assert problems == {
        "beschluesse[0].begruendung": "Beschluss Fördermittelgeber vom 01.03.2022: Begründung: Bei einer "
        "Ablehnung durch den Fördermittelgeber Pflichtfeld – bitte ausfüllen."
    }
