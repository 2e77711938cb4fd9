"""Funding arithmetic of spec sections 3 and 8: effective amounts, checks, in Decimal, rounded once.

``None`` in an input means "not given": the computed default is used and reported as computed. An amount
equal to what the rules compute (within 0,01 €) is stored as ``None`` (``normalized``), so that it follows
later changes of costs or rate; only a differing amount is kept as entered.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gera_desktop.domain.errors import FieldProblem
from gera_desktop.domain.formatting import format_euro, format_percent

CENT = Decimal("0.01")
TOLERANCE = CENT
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
DEFAULT_FOERDERQUOTE = Decimal(90)


def round_cent(value: Decimal) -> Decimal:
    """Commercial rounding (kaufmännisch) to whole cents."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class FundingInput:
    """The funding fields as stored or typed; ``None`` = not given."""

    gesamtkosten: Decimal
    foerderfaehig: Decimal | None = None
    foerderquote: Decimal | None = None
    bundesmittel: Decimal | None = None
    drittmittel: Decimal | None = None
    eigenanteil: Decimal | None = None
    abgerufen: Decimal | None = None
    abgerufen_jahresscheiben: Decimal = ZERO
    """The sum of the budget years' Abgerufen: the default of ``abgerufen``."""
    abgerufen_mittelabrufe: Decimal | None = None
    """The total of the called calls of funds, ``None`` without any: once there are, it is Mittel
    abgerufen, whatever is stored (spec sections 8 and 9)."""


INPUT_KEYS: tuple[str, ...] = (
    "gesamtkosten",
    "foerderfaehig",
    "foerderquote",
    "bundesmittel",
    "drittmittel",
    "eigenanteil",
    "abgerufen",
)
"""Every funding field of a measure."""
DEFAULTED_KEYS = ("foerderfaehig", "foerderquote", "bundesmittel", "drittmittel", "eigenanteil", "abgerufen")
"""The funding fields that take a computed default when left empty (the list's and the form's set, and
the effective figures of the CSV and of JSON's ``effektiv``)."""
AMOUNT_KEYS = ("foerderfaehig", "bundesmittel", "drittmittel", "eigenanteil", "abgerufen")
"""The amounts stored as computed when they equal the computed value (spec section 8; not the rate)."""


@dataclass(frozen=True)
class Funding:
    """The effective figures of one measure, and which of them are computed defaults."""

    gesamtkosten: Decimal
    foerderfaehig: Decimal
    foerderquote: Decimal
    bundesmittel_max: Decimal
    bundesmittel: Decimal
    drittmittel: Decimal
    eigenanteil: Decimal
    abgerufen: Decimal
    computed: frozenset[str]
    from_calls: bool = False
    """True when Mittel abgerufen is the total of the called calls."""


def compute(values: FundingInput, programme_rate: Decimal = DEFAULT_FOERDERQUOTE) -> Funding:
    """Fill every empty funding field with its default (no checks)."""
    computed: set[str] = set()

    def pick(name: str, given: Decimal | None, default: Decimal) -> Decimal:
        if given is None:
            computed.add(name)
            return default
        return given

    gesamt = values.gesamtkosten
    faehig = pick("foerderfaehig", values.foerderfaehig, gesamt)
    quote = pick("foerderquote", values.foerderquote, programme_rate)
    maximum = round_cent(faehig * quote / HUNDRED)
    bund = pick("bundesmittel", values.bundesmittel, maximum)
    dritt = pick("drittmittel", values.drittmittel, ZERO)
    eigen = pick("eigenanteil", values.eigenanteil, gesamt - bund - dritt)
    calls = values.abgerufen_mittelabrufe
    if calls is None:
        called = pick("abgerufen", values.abgerufen, values.abgerufen_jahresscheiben)
    else:
        called = calls
        computed.add("abgerufen")
    return Funding(
        gesamt, faehig, quote, maximum, bund, dritt, eigen, called, frozenset(computed), calls is not None
    )


def normalized(values: FundingInput, programme_rate: Decimal = DEFAULT_FOERDERQUOTE) -> FundingInput:
    """The input with every amount that equals its computed value (within 0,01 €) set to ``None``.

    The amounts are taken in the order they depend on each other, so that a computed förderfähig also
    counts as computed when the Bundesmittel are compared. The Förderquote is kept as given.
    """
    result = values
    for key in AMOUNT_KEYS:
        given = getattr(result, key)
        if given is None:
            continue
        default = getattr(compute(_without(result, key), programme_rate), key)
        if abs(given - default) <= TOLERANCE:
            result = _without(result, key)
    return result


def _without(values: FundingInput, key: str) -> FundingInput:
    cleared: dict[str, Any] = {key: None}
    return replace(values, **cleared)


def misfits(values: FundingInput, programme_rate: Decimal = DEFAULT_FOERDERQUOTE) -> tuple[str, ...]:
    """The entered amounts that do not fit the other figures: those whose clearing (back to computed)
    leaves fewer broken rules. What "Neu berechnen" offers, and what an import names as entered."""
    broken = len(check(values, programme_rate))
    if not broken:
        return ()
    return tuple(
        key
        for key in AMOUNT_KEYS
        if getattr(values, key) is not None and len(check(_without(values, key), programme_rate)) < broken
    )


def entered_amounts(values: FundingInput) -> dict[str, Decimal]:
    """The amounts kept as entered (not computed), by key."""
    return {key: getattr(values, key) for key in AMOUNT_KEYS if getattr(values, key) is not None}


def check(values: FundingInput, programme_rate: Decimal = DEFAULT_FOERDERQUOTE) -> list[FieldProblem]:
    """Every funding rule the values break, with German messages."""
    problems = _check_ranges(values)
    if problems:
        return problems
    funding = compute(values, programme_rate)
    return _check_shares(funding)


def _check_ranges(values: FundingInput) -> list[FieldProblem]:
    problems = []
    for name in ("gesamtkosten", "foerderfaehig", "bundesmittel", "drittmittel", "eigenanteil", "abgerufen"):
        amount = getattr(values, name)
        if amount is not None and amount < 0:
            problems.append(FieldProblem(name, f"{LABELS[name]} darf nicht negativ sein."))
    quote = values.foerderquote
    if quote is not None and not ZERO <= quote <= HUNDRED:
        problems.append(FieldProblem("foerderquote", "Die Förderquote muss zwischen 0 % und 100 % liegen."))
    return problems


def _check_shares(f: Funding) -> list[FieldProblem]:
    problems = []
    if f.foerderfaehig > f.gesamtkosten:
        problems.append(
            FieldProblem(
                "foerderfaehig",
                f"Die förderfähigen Kosten ({format_euro(f.foerderfaehig)}) dürfen die Gesamtkosten "
                f"({format_euro(f.gesamtkosten)}) nicht übersteigen.",
            )
        )
    if f.bundesmittel > f.bundesmittel_max + TOLERANCE:
        problems.append(
            FieldProblem(
                "bundesmittel",
                f"Die Bundesmittel ({format_euro(f.bundesmittel)}) übersteigen "
                f"{format_percent(f.foerderquote)} der förderfähigen Kosten "
                f"({format_euro(f.bundesmittel_max)}).",
            )
        )
    problems += _check_eigenanteil(f)
    if f.from_calls and f.abgerufen > f.bundesmittel:
        problems.append(
            FieldProblem(
                "abgerufen",
                f"Die abgerufenen Mittelabrufe ({format_euro(f.abgerufen)}) übersteigen die Bundesmittel "
                f"({format_euro(f.bundesmittel)}).",
            )
        )
    if "abgerufen" not in f.computed and f.abgerufen > f.bundesmittel:
        problems.append(
            FieldProblem(
                "abgerufen",
                f"Abgerufen ({format_euro(f.abgerufen)}) ist mehr als die Bundesmittel "
                f"({format_euro(f.bundesmittel)}).",
            )
        )
    return problems


def _check_eigenanteil(f: Funding) -> list[FieldProblem]:
    expected = f.gesamtkosten - f.bundesmittel - f.drittmittel
    if "eigenanteil" in f.computed:
        if expected < 0:
            return [
                FieldProblem(
                    "drittmittel",
                    f"Bundesmittel und Drittmittel ({format_euro(f.bundesmittel + f.drittmittel)}) "
                    f"übersteigen die Gesamtkosten ({format_euro(f.gesamtkosten)}).",
                )
            ]
        return []
    if abs(f.eigenanteil - expected) > TOLERANCE:
        return [
            FieldProblem(
                "eigenanteil",
                f"Der Eigenanteil ({format_euro(f.eigenanteil)}) passt nicht: Gesamtkosten − Bundesmittel − "
                f"Drittmittel ergibt {format_euro(expected)}.",
            )
        ]
    return []


LABELS = {
    "gesamtkosten": "Gesamtkosten",
    "foerderfaehig": "Der förderfähige Betrag",
    "bundesmittel": "Bundesmittel",
    "drittmittel": "Drittmittel",
    "eigenanteil": "Eigenanteil",
    "abgerufen": "Mittel abgerufen",
}
