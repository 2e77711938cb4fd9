"""The list's filter, sort and sums (services/listing.py): what a user sees narrow, order and add up."""

from __future__ import annotations

import itertools
import unicodedata
from datetime import date
from decimal import Decimal

import pytest

from gera_desktop.domain.enums import Ampel, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.records import FinanzjahrData, ListRecord, MassnahmeData
from gera_desktop.domain.rules import effective_amounts
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services.listing import (
    FUNDING_KEYS,
    ListFilter,
    ListIndex,
    Picked,
    Totals,
    apply_filter,
    sort_records,
    sums,
)
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


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("muell", "Müllabfuhr mit Sensoren"),  # ü typed as ue
        ("MÜLL", "Muellabfuhr mit Sensoren"),  # and the other way round
        ("strasse", "Straßenbeleuchtung"),  # ß typed as ss
        ("STRASSE", "Straßenbeleuchtung"),
        ("straße", "Strassenbeleuchtung"),
        ("e-akte", "E-Akte für das Bauamt"),
        ("eakte", "E-Akte für das Bauamt"),  # dashes and spaces left out
        ("e akte", "E-Akte für das Bauamt"),
        ("e-akte", "E – Akte für das Bauamt"),  # an en dash with spaces around it
        ("e-akte", "E\u2011Akte für das Bauamt"),  # a non-breaking hyphen
        ("  akte   für  ", "E-Akte für das Bauamt"),  # extra spaces
        ("smart city", "SmartCity-Labor"),
        ("öffentliche", unicodedata.normalize("NFD", "Öffentliche Räume")),  # decomposed umlauts
    ],
)
def test_the_search_ignores_case_umlaut_spelling_dashes_and_extra_spaces(typed, stored) -> None:
    wanted, other = measure("A-1", titel=stored), measure("B-2", titel="Parkhaus", kurzbeschreibung=None)
    assert _nrs(apply_filter([other, wanted], ListFilter(text=typed))) == ["A-1"]


@pytest.mark.parametrize(
    ("typed", "field", "stored"),
    [
        ("um02", "nr", "UM-02"),
        ("zentrale steuerung", "federfuehrung", "Amt für Zentrale-Steuerung"),
        ("bauhaus", "kurzbeschreibung", "Pilot im Bau-Haus"),
        ("bieblach ost", "stadtteil", "Bieblach-Ost"),
    ],
)
def test_the_search_looks_into_nr_lead_description_and_district(typed, field, stored) -> None:
    wanted = measure(**{"nr": "P-1", "titel": "Sensoren", field: stored})
    other = measure("P-2", titel="Sensoren", federfuehrung="Umweltamt", kurzbeschreibung=None, stadtteil=None)
    assert _nrs(apply_filter([other, wanted], ListFilter(text=typed))) == [wanted.nr]


@pytest.mark.parametrize(("key", "descending"), [("gesamtkosten", True), ("status", False), ("titel", True)])
def test_a_filter_keeps_the_order_of_the_list(records, key, descending) -> None:
    more = [
        measure(f"X-{i}", titel=f"Plan {i}", federfuehrung="Bauamt", gesamtkosten=Decimal(500))
        for i in (4, 3)
    ]
    index = ListIndex([*records, *more])
    everything = [index.records[p].nr for p in index.shown(None, key, descending)]
    mask = index.matching(ListFilter(text="amt").criteria())

    shown = [index.records[p].nr for p in index.shown(mask, key, descending)]

    assert shown == [nr for nr in everything if nr != "UM-01"]  # the same order, one measure less
    assert shown == _nrs(sort_records(apply_filter(index.records, ListFilter(text="amt")), key, descending))


def test_a_saved_measure_is_found_sorted_and_added_by_its_new_values(records) -> None:
    index = ListIndex(records)
    index.totals()
    index.order("gesamtkosten")
    klima = ListFilter(text="klima").criteria()
    assert index.matching(klima) == [False, True, False]

    changed = measure("P-2", titel="Hitzeaktionsplan", gesamtkosten=Decimal("9999999.00"), **COMPUTED)
    assert index.position_of(changed) == 1
    index.replace(1, changed)

    assert index.matching(klima) == [False, False, False]
    assert index.passes(1, ListFilter(text="hitzeaktion").criteria())
    assert [index.records[p].nr for p in index.order("gesamtkosten")][-1] == "P-2"
    assert index.totals().gesamtkosten == Decimal("1234567.80") + Decimal("9999999.00") + Decimal("52000.00")


def test_a_saved_measure_is_matched_by_id_else_by_nr(records) -> None:
    records[0].id, records[1].id = 7, 8
    index = ListIndex(records)
    assert index.position_of(measure("P-2", id=8)) == 1
    assert index.position_of(measure("P-10-neu", id=7)) == 0  # renamed: found by its id
    assert index.position_of(measure("UM-01", id=None)) == 2
    assert index.position_of(measure("UM-99", id=99)) is None


def test_the_sums_of_the_shown_measures_only(records) -> None:
    index = ListIndex(records)
    mask = index.matching(ListFilter(text="amt").criteria())  # P-10 and P-2

    totals = index.totals(mask)

    assert totals.gesamtkosten == Decimal("1234567.80") + Decimal("980.50")
    assert totals.left_out == 0
    assert index.totals() == sums(records, ProgrammEinstellungen())


def test_sums_keep_amounts_finer_than_a_cent() -> None:
    fine = measure("A", gesamtkosten=Decimal("10.005"), **COMPUTED)
    plain = measure("B", gesamtkosten=Decimal("20.10"), **COMPUTED)
    assert sums([fine, plain], ProgrammEinstellungen()).gesamtkosten == Decimal("30.105")


def test_measures_added_and_removed_are_filtered_sorted_and_summed_like_the_others(records) -> None:
    index = ListIndex(records)
    index.totals()
    order = index.order("gesamtkosten")
    amt = ListFilter(text="amt").criteria()
    assert index.matching(amt) == [True, True, False]
    assert [index.records[p].nr for p in order] == ["P-2", "UM-01", "P-10"]

    index.append([measure("N-1", federfuehrung="Bauamt", gesamtkosten=Decimal("100.00"), **COMPUTED)])
    index.remove([0])

    assert [r.nr for r in index.records] == ["P-2", "UM-01", "N-1"]
    assert index.matching(amt) == [True, False, True]
    assert [index.records[p].nr for p in index.order("gesamtkosten")] == ["N-1", "P-2", "UM-01"]
    assert index.totals() == sums(index.records, ProgrammEinstellungen())
    assert index.position_of_nr("P-10") is None


def test_the_shown_measures_are_handed_over_in_their_order_as_they_were_shown(records) -> None:
    index = ListIndex(records)
    order = index.shown(index.matching(ListFilter(text="amt").criteria()), "gesamtkosten", descending=True)
    shown = Picked(index.records, order)
    assert [r.nr for r in shown] == ["P-10", "P-2"]
    assert (len(shown), shown[0].nr, shown[-1].nr, [r.nr for r in shown[1:]]) == (2, "P-10", "P-2", ["P-2"])
    assert list(reversed(shown)) == [shown[1], shown[0]]

    index.remove([0])  # what the list shows next does not change what it showed before
    assert [r.nr for r in shown] == ["P-10", "P-2"]
    with pytest.raises(IndexError):
        shown[2]


@pytest.mark.parametrize("rate", [Decimal(90), Decimal("33.33"), Decimal("62.5")])
def test_the_sums_of_listed_records_equal_each_measures_effective_amounts(rate) -> None:
    """The list's records (no children loaded) are summed without the whole funding computation: every
    mix of given and empty funding fields gives exactly the effective amounts the form shows."""
    choices = {
        "foerderfaehig": [None, Decimal("1234.57")],
        "foerderquote": [None, Decimal("66.67")],
        "bundesmittel": [None, Decimal("500.01")],
        "drittmittel": [None, Decimal("99.99")],
        "eigenanteil": [None, Decimal("10.00")],
        "abgerufen": [None, Decimal("0.03")],
    }
    records = []
    for number, values in enumerate(itertools.product(*choices.values())):
        fields = dict(zip(choices, values, strict=True))
        record = measure(f"L-{number}", gesamtkosten=Decimal("2000.05") + number, **fields)
        records.append(ListRecord(**vars(record) | {"abgerufen_jahresscheiben": Decimal("7.77")}))
    settings = ProgrammEinstellungen(foerderquote=rate)

    for record in records:
        effective = effective_amounts(record, rate)
        expected = Totals(
            record.gesamtkosten, effective["bundesmittel"], effective["eigenanteil"], effective["abgerufen"]
        )
        assert sums([record], settings) == expected, record.nr
    assert sums(records, settings).bundesmittel == sum(
        (effective_amounts(r, rate)["bundesmittel"] for r in records), Decimal(0)
    )
