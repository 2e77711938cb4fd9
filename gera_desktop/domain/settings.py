"""The programme settings (Förderquote, Fördervolumen, Programmbüro, the programme's deadlines) and their
rules."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from gera_desktop.domain.dates import date_range_problem
from gera_desktop.domain.errors import FieldProblem
from gera_desktop.domain.formatting import format_date, format_euro
from gera_desktop.domain.funding import CENT, DEFAULT_FOERDERQUOTE, HUNDRED, ZERO

DEFAULT_PROGRAMMBUERO = "Smart City Programmbüro der Stadt Gera"
PROGRAMMBUERO_MAX_LENGTH = 200
MAX_AMOUNT = Decimal("999999999999.99")
FOERDERQUOTE, FOERDERVOLUMEN, PROGRAMMBUERO = "foerderquote", "foerdervolumen", "programmbuero"
PROGRAMMENDE, STICHTAG, VERWENDUNGSNACHWEIS = (
    "programmende",
    "stichtag_neue_massnahmen",
    "verwendungsnachweis",
)
"""The keys of the stored settings (rows of the ``einstellung`` table)."""
log = logging.getLogger(__name__)
DEFAULT_PROGRAMMENDE = date(2026, 12, 31)
DEADLINES = {
    PROGRAMMENDE: "Programmende",
    STICHTAG: "Stichtag für neue Maßnahmen",
    VERWENDUNGSNACHWEIS: "Verwendungsnachweis",
}
"""The deadline settings (spec section 9) and their labels."""


@dataclass(frozen=True)
class ProgrammEinstellungen:
    """Settings of the funding programme that apply to every measure.

    ``foerderquote`` is the rate used where a measure leaves its own rate empty (90 % for Gera);
    ``foerdervolumen`` is the programme's funding envelope (``None`` = not set). The deadlines (spec
    section 9): the programme's end, the last day for new measures and when the Verwendungsnachweis
    (proof of use) is due – for the implementation component after the approved funding period, at the
    latest 5 years and 6 months after the funding commitment (``None`` = not set).
    """

    foerderquote: Decimal = DEFAULT_FOERDERQUOTE
    foerdervolumen: Decimal | None = None
    programmbuero: str = DEFAULT_PROGRAMMBUERO
    programmende: date = DEFAULT_PROGRAMMENDE
    stichtag_neue_massnahmen: date | None = None
    verwendungsnachweis: date | None = None


def settings_problems(settings: ProgrammEinstellungen) -> list[FieldProblem]:
    """Every rule the settings break, with German messages."""
    problems = []
    quote = settings.foerderquote
    if not ZERO <= quote <= HUNDRED or quote != quote.quantize(CENT):
        problems.append(
            FieldProblem(
                "foerderquote",
                "Die Förderquote muss zwischen 0 % und 100 % liegen (höchstens zwei Nachkommastellen).",
            )
        )
    volumen = settings.foerdervolumen
    if volumen is not None and (not ZERO <= volumen <= MAX_AMOUNT or volumen != volumen.quantize(CENT)):
        problems.append(
            FieldProblem(
                "foerdervolumen",
                "Das Fördervolumen muss ein Betrag zwischen 0 € und "
                f"{format_euro(MAX_AMOUNT)} mit höchstens zwei Nachkommastellen sein.",
            )
        )
    problems += _programmbuero_problems(settings.programmbuero)
    return problems + _deadline_problems(settings)


def _deadline_problems(settings: ProgrammEinstellungen) -> list[FieldProblem]:
    """Deadlines lie between 2000 and 2100; new measures cannot start after the programme's end."""
    problems = []
    for key, label in DEADLINES.items():
        value = getattr(settings, key)
        if value is None and key == "programmende":
            problems.append(FieldProblem(key, f"{label}: Pflichtfeld – bitte ausfüllen."))
        elif value is not None and not isinstance(value, date):
            problems.append(FieldProblem(key, f"{label}: Bitte ein Datum im Format TT.MM.JJJJ eingeben."))
        elif (found := date_range_problem(key, label, value)) is not None:
            problems.append(found)
    stichtag, ende = settings.stichtag_neue_massnahmen, settings.programmende
    if not problems and stichtag is not None and stichtag > ende:
        problems.append(
            FieldProblem(
                "stichtag_neue_massnahmen",
                f"Der Stichtag für neue Maßnahmen ({format_date(stichtag)}) liegt nach dem Programmende "
                f"({format_date(ende)}).",
            )
        )
    return problems


def _programmbuero_problems(name: str) -> list[FieldProblem]:
    if not name.strip():
        return [FieldProblem("programmbuero", "Programmbüro: Pflichtfeld – bitte ausfüllen.")]
    if len(name) > PROGRAMMBUERO_MAX_LENGTH:
        return [
            FieldProblem(
                "programmbuero",
                f"Programmbüro: Der Name ist zu lang (höchstens {PROGRAMMBUERO_MAX_LENGTH} Zeichen).",
            )
        ]
    if any(ord(ch) < 32 for ch in name):
        return [FieldProblem("programmbuero", "Programmbüro: Der Name enthält Steuerzeichen.")]
    return []


def stored_settings(stored: Mapping[str, str]) -> ProgrammEinstellungen:
    """The settings from their stored rows (key → text); defaults for every one not stored or unreadable."""
    defaults = ProgrammEinstellungen()
    quote = _decimal(stored.get(FOERDERQUOTE), FOERDERQUOTE)
    return ProgrammEinstellungen(
        foerderquote=defaults.foerderquote if quote is None else quote,
        foerdervolumen=_decimal(stored.get(FOERDERVOLUMEN), FOERDERVOLUMEN),
        programmbuero=stored.get(PROGRAMMBUERO) or defaults.programmbuero,
        programmende=_date(stored.get(PROGRAMMENDE), PROGRAMMENDE) or defaults.programmende,
        stichtag_neue_massnahmen=_date(stored.get(STICHTAG), STICHTAG),
        verwendungsnachweis=_date(stored.get(VERWENDUNGSNACHWEIS), VERWENDUNGSNACHWEIS),
    )


def _decimal(text: str | None, key: str) -> Decimal | None:
    if text is None or not text.strip():
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        log.warning("Einstellung %s hat keinen gültigen Wert (%r); der Standard gilt.", key, text)
        return None
    return value if value.is_finite() else None


def _date(text: str | None, key: str) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        log.warning("Einstellung %s hat kein gültiges Datum (%r); der Standard gilt.", key, text)
        return None
