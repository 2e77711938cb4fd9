"""The list's filter, sort and sums (services/listing.py): what a user sees narrow, order and add up."""

from __future__ import annotations

import gc
import unicodedata
from datetime import date
from decimal import Decimal

import pytest

from gera_desktop.domain.enums import Ampel, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.records import FinanzjahrData, MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services.listing import (
    FUNDING_KEYS,
    ListFilter,
    Totals,
    apply_filter,
    sort_records,
    sums,
)
from gera_desktop.services.listing_memo import RecordMemo
from tests.records import measure

COMPUTED = dict.fromkeys(FUNDING_KEYS, None)


@pytest.fixture
def records() -> list[MassnahmeData]:
    return [
        measure(
            "P-10",
            titel="Mobilitätsplattform",
            federfuehrung="Amt für Zentrale Steuerung",
            kurzbeschreibung="Verkehrsdaten in Echtzeit",
            innovationsfeld=Innovationsfeld.MOBILITAET,
            status=Umsetzungsstand.IN_UMSETZUNG,
            ampel=Ampel.GELB,
            beginn=date(2023, 3, 1),
            ende=date(2024, 12, 31),
            gesamtkosten=Decimal("1234567.80"),
        ),
        measure(
            "P-2",
            titel="Klimasensoren",
            federfuehrung="Umweltamt",
            kurzbeschreibung="Messnetz für Hitzeinseln an der Weißen Elster",
            innovationsfeld=Innovationsfeld.UMWELT,
            status=Umsetzungsstand.GEPLANT,
            ampel=None,
            beginn=date(2025, 1, 1),
            ende=date(2026, 6, 30),
            gesamtkosten=Decimal("980.50"),
        ),
        measure(
            "UM-01",
            titel="Öffentliches WLAN",
            federfuehrung="Fachdienst Digitalisierung",
            kurzbeschreibung=None,
            innovationsfeld=Innovationsfeld.WIRTSCHAFT,
            status=Umsetzungsstand.ABGESCHLOSSEN,
            ampel=Ampel.GRUEN,
            beginn=date(2020, 5, 1),
            ende=date(2021, 12, 31),
            gesamtkosten=Decimal("52000.00"),
        ),
    ]


def _nrs(records: list[MassnahmeData]) -> list[str]:
    return [r.nr for r in records]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("p-2", ["P-2"]),  # Nr.
        ("KLIMA", ["P-2"]),  # Maßnahme, any case
        ("öffentliches", ["UM-01"]),  # umlaut, lower case of Ö
        ("ÖFFENTLICHES", ["UM-01"]),
        (unicodedata.normalize("NFD", "Öffentliches"), ["UM-01"]),  # typed on a Mac: decomposed umlaut
        ("zentrale   steuerung", ["P-10"]),  # Federführung, extra spaces
        ("weissen elster", ["P-2"]),  # Kurzbeschreibung; ß matches ss
        ("amt", ["P-10", "P-2"]),
        ("Hitze Umwelt", []),  # not across two fields
        ("  ", ["P-10", "P-2", "UM-01"]),
    ],
)
def test_the_search_text_looks_into_nr_title_lead_and_description(records, text, expected) -> None:
    assert _nrs(apply_filter(records, ListFilter(text=text))) == expected


def test_the_choices_narrow_the_list(records) -> None:
    assert _nrs(apply_filter(records, ListFilter(innovationsfeld=Innovationsfeld.UMWELT))) == ["P-2"]
    assert _nrs(apply_filter(records, ListFilter(status=Umsetzungsstand.ABGESCHLOSSEN))) == ["UM-01"]
    assert _nrs(apply_filter(records, ListFilter(ampel=Ampel.GELB))) == ["P-10"]
    assert _nrs(apply_filter(records, ListFilter(text="amt", ampel=Ampel.GELB))) == ["P-10"]
    assert apply_filter(records, ListFilter(text="amt", ampel=Ampel.ROT)) == []


@pytest.mark.parametrize(
    ("von", "bis", "expected"),
    [
        (2024, None, ["P-10", "P-2"]),  # P-10 ends in 2024: overlaps
        (None, 2021, ["UM-01"]),
        (2022, 2022, []),  # nobody runs in 2022
        (2021, 2023, ["P-10", "UM-01"]),
        (2026, 2030, ["P-2"]),
    ],
)
def test_the_years_keep_the_measures_whose_period_overlaps(records, von, bis, expected) -> None:
    assert _nrs(apply_filter(records, ListFilter(jahr_von=von, jahr_bis=bis))) == expected


def test_a_selection_from_the_overview_shows_exactly_its_measures(records) -> None:
    chosen = ListFilter(nrs=frozenset({"UM-01", "P-2"}), label="Ampel grün oder leer")
    assert _nrs(apply_filter(records, chosen)) == ["P-2", "UM-01"]
    assert not chosen.is_empty
    assert chosen.without_selection() == ListFilter()
    assert ListFilter(nrs=frozenset()).matches(records[0]) is False


def test_an_empty_filter_keeps_everything_in_order(records) -> None:
    assert ListFilter().is_empty
    assert not ListFilter(text="x").is_empty
    assert apply_filter(records, ListFilter()) == records


def test_amounts_sort_by_value_not_by_text(records) -> None:
    ascending = sort_records(records, "gesamtkosten")
    amounts = [r.gesamtkosten for r in ascending]
    assert amounts == [Decimal("980.50"), Decimal("52000.00"), Decimal("1234567.80")]
    assert _nrs(sort_records(records, "gesamtkosten", descending=True)) == ["P-10", "UM-01", "P-2"]


def test_numbers_sort_naturally_and_dates_by_date(records) -> None:
    assert _nrs(sort_records(records, "nr")) == ["P-2", "P-10", "UM-01"]
    assert _nrs(sort_records(records, "beginn")) == ["UM-01", "P-10", "P-2"]
    assert _nrs(sort_records(records, "ende", descending=True)) == ["P-2", "P-10", "UM-01"]


def test_text_sorts_alphabetically_with_umlauts_where_germans_expect_them(records) -> None:
    # Ö files under O (DIN 5007), not after Z as the code points would have it.
    assert [r.titel for r in sort_records(records, "titel")] == [
        "Klimasensoren",
        "Mobilitätsplattform",
        "Öffentliches WLAN",
    ]


def test_choices_sort_in_their_list_order_and_empty_values_come_last(records) -> None:
    assert _nrs(sort_records(records, "status")) == ["P-2", "P-10", "UM-01"]  # geplant, in Umsetzung, abg.
    assert _nrs(sort_records(records, "ampel")) == ["UM-01", "P-10", "P-2"]  # grün, gelb, (none)
    assert _nrs(sort_records(records, "ampel", descending=True)) == ["P-10", "UM-01", "P-2"]
    assert _nrs(sort_records(records, "kurzbeschreibung", descending=True))[-1] == "UM-01"


def test_equal_values_keep_their_order(records) -> None:
    same = [measure(f"X-{i}", gesamtkosten=Decimal(100)) for i in (3, 1, 2)]
    assert _nrs(sort_records(same, "gesamtkosten")) == ["X-3", "X-1", "X-2"]
    assert _nrs(sort_records(same, "gesamtkosten", descending=True)) == ["X-3", "X-1", "X-2"]


def test_an_empty_funding_field_sorts_by_its_computed_default() -> None:
    given = measure("A", gesamtkosten=Decimal(1000), bundesmittel=Decimal(500), eigenanteil=Decimal(500))
    computed = measure("B", gesamtkosten=Decimal(1000), **COMPUTED)  # 90 % of 1.000 € = 900 €
    assert _nrs(sort_records([computed, given], "bundesmittel")) == ["A", "B"]
    assert _nrs(sort_records([computed, given], "bundesmittel", programme_rate=Decimal(40))) == ["B", "A"]


def test_the_sums_add_the_effective_values() -> None:
    given = measure(
        "A",
        gesamtkosten=Decimal("1000.00"),
        bundesmittel=Decimal("500.00"),
        drittmittel=Decimal("0.00"),
        eigenanteil=Decimal("500.00"),
    )
    computed = measure("B", gesamtkosten=Decimal("2000.10"), **COMPUTED)
    totals = sums([given, computed], ProgrammEinstellungen(foerderquote=Decimal(80)))
    # B: 80 % of 2.000,10 € = 1.600,08 € Bundesmittel, the rest is Eigenanteil.
    assert totals == Totals(Decimal("3000.10"), Decimal("2100.08"), Decimal("900.02"), Decimal("46800.00"))
    assert sums([], ProgrammEinstellungen()) == Totals(Decimal(0), Decimal(0), Decimal(0), Decimal(0), 0)


def test_mittel_abgerufen_is_the_budget_years_sum_where_the_field_is_empty() -> None:
    years = [FinanzjahrData(2023, abgerufen=Decimal("1000.50")), FinanzjahrData(2024, abgerufen=None)]
    called = measure("A", gesamtkosten=Decimal(5000), abgerufen=None, finanzen=years)
    nothing = measure("B", gesamtkosten=Decimal(5000), abgerufen=None, finanzen=[])
    stored = measure("C", gesamtkosten=Decimal(5000), abgerufen=Decimal(300), finanzen=years)

    assert sums([called, nothing, stored], ProgrammEinstellungen()).abgerufen == Decimal("1300.50")
    assert _nrs(sort_records([called, nothing, stored], "abgerufen")) == ["B", "C", "A"]


def test_refused_and_aborted_measures_are_left_out_of_the_sums_and_counted() -> None:
    counted = measure("A", gesamtkosten=Decimal(1000), **COMPUTED)
    refused = measure("B", gesamtkosten=Decimal(7000), status=Umsetzungsstand.ABGELEHNT, **COMPUTED)
    aborted = measure("C", gesamtkosten=Decimal(9000), status=Umsetzungsstand.ABGEBROCHEN)

    totals = sums([counted, refused, aborted], ProgrammEinstellungen())

    assert totals == Totals(Decimal(1000), Decimal("900.00"), Decimal("100.00"), Decimal(0), left_out=2)


def test_a_record_changed_in_place_is_found_by_its_new_text(records) -> None:
    assert _nrs(apply_filter(records, ListFilter(text="klima"))) == ["P-2"]
    records[1].titel = "Hitzeaktionsplan"
    assert apply_filter(records, ListFilter(text="klima")) == []
    assert _nrs(apply_filter(records, ListFilter(text="hitzeaktion"))) == ["P-2"]


def test_remembered_values_follow_their_inputs_and_leave_with_the_record() -> None:
    memo = RecordMemo()
    record = measure("A", titel="Alt")
    made: list[str] = []

    def shout(title: str) -> str:
        made.append(title)
        return title.upper()

    assert memo.get(record, "titel", ("Alt",), lambda: shout("Alt")) == "ALT"
    assert memo.get(record, "titel", ("Alt",), lambda: shout("Alt")) == "ALT"
    assert memo.get(record, "titel", ("Neu",), lambda: shout("Neu")) == "NEU"
    assert made == ["Alt", "Neu"]
    assert len(memo) == 1
    del record
    gc.collect()
    assert len(memo) == 0
