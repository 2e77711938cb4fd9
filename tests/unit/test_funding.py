"""Funding arithmetic: defaults, checks, and shares that add up to the cent."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from gera_desktop.domain.funding import FundingInput, check, compute, entered_amounts, misfits, normalized

amounts = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2)
rates = st.decimals(min_value=0, max_value=100, places=2)


def test_defaults_follow_the_programme_rate() -> None:
    funding = compute(FundingInput(Decimal("52000.00")))
    assert funding.bundesmittel == Decimal("46800.00")
    assert funding.eigenanteil == Decimal("5200.00")
    assert funding.computed >= {"foerderfaehig", "foerderquote", "bundesmittel", "eigenanteil"}


def test_bundesmittel_above_the_rate_is_refused() -> None:
    problems = check(FundingInput(Decimal("100.00"), bundesmittel=Decimal("90.02")))
    assert [p.field for p in problems] == ["bundesmittel"]
    assert "90,00 €" in problems[0].message


def test_eigenanteil_within_one_cent_is_accepted() -> None:
    given_values = FundingInput(
        Decimal("100.00"), bundesmittel=Decimal("90.00"), eigenanteil=Decimal("10.01")
    )
    assert check(given_values) == []
    wrong = FundingInput(Decimal("100.00"), bundesmittel=Decimal("90.00"), eigenanteil=Decimal("10.02"))
    assert [p.field for p in check(wrong)] == ["eigenanteil"]


@given(gesamt=amounts, share=st.fractions(0, 1), rate=rates, dritt_share=st.fractions(0, 1))
def test_computed_shares_add_up_to_the_cent(gesamt, share, rate, dritt_share) -> None:
    faehig = (gesamt * Decimal(share.numerator) / Decimal(share.denominator)).quantize(Decimal("0.01"))
    faehig = min(faehig, gesamt)
    values = FundingInput(gesamt, foerderfaehig=faehig, foerderquote=rate)
    funding = compute(values)
    rest = gesamt - funding.bundesmittel
    dritt = (rest * Decimal(dritt_share.numerator) / Decimal(dritt_share.denominator)).quantize(
        Decimal("0.01"), rounding="ROUND_DOWN"
    )
    funding = compute(FundingInput(gesamt, foerderfaehig=faehig, foerderquote=rate, drittmittel=dritt))
    assert funding.bundesmittel + funding.drittmittel + funding.eigenanteil == gesamt
    assert funding.bundesmittel <= funding.foerderfaehig
    assert funding.bundesmittel.as_tuple().exponent == -2
    assert check(FundingInput(gesamt, faehig, rate, drittmittel=dritt)) == []


def test_misfits_are_the_entered_amounts_whose_clearing_mends_a_rule() -> None:
    costs_lowered = FundingInput(Decimal("400000.00"), bundesmittel=Decimal("500000.00"))
    assert misfits(costs_lowered) == ("bundesmittel",)
    stale_share = FundingInput(Decimal("700000.00"), eigenanteil=Decimal("60000.00"))
    assert misfits(stale_share) == ("eigenanteil",)
    # 80 € + 30 € exceed the 100 € costs; computed Bundesmittel (90 €) would not help, 0 € Drittmittel would.
    too_much = FundingInput(Decimal("100.00"), bundesmittel=Decimal("80.00"), drittmittel=Decimal("30.00"))
    assert misfits(too_much) == ("drittmittel",)
    fitting = FundingInput(Decimal("100.00"), bundesmittel=Decimal("80.00"), drittmittel=Decimal("20.00"))
    assert misfits(fitting) == ()


def test_misfits_follow_the_programme_rate() -> None:
    values = FundingInput(Decimal("100.00"), bundesmittel=Decimal("85.00"))
    assert misfits(values, Decimal(90)) == ()
    assert misfits(values, Decimal(80)) == ("bundesmittel",)


@given(gesamt=amounts, rate=rates)
def test_computed_amounts_given_as_entered_are_normalized_away(gesamt, rate) -> None:
    computed = compute(FundingInput(gesamt), rate)
    typed = FundingInput(
        gesamt,
        foerderfaehig=computed.foerderfaehig,
        bundesmittel=computed.bundesmittel,
        drittmittel=computed.drittmittel,
        eigenanteil=computed.eigenanteil,
        abgerufen=computed.abgerufen,
    )
    assert entered_amounts(normalized(typed, rate)) == {}
