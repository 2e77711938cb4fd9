"""Cross-field rules of a measure and of its children (spec sections 3 and 4), with German messages.

Pure functions on the plain records of ``gera_desktop.domain.records``: the services call them before
saving, the workbook reader calls them per row. Per-field type, length and required checks of the
measure itself are driven by the column spec (``gera_desktop.services.validation``); here are the rules
that need more than one value, the key of each child row, and the children's own rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from decimal import Decimal
from typing import TypeVar

from gera_desktop.domain import council, funding
from gera_desktop.domain.dates import FIRST_YEAR as FIRST_YEAR
from gera_desktop.domain.dates import LAST_YEAR as LAST_YEAR
from gera_desktop.domain.dates import date_range_problem
from gera_desktop.domain.errors import FieldProblem
from gera_desktop.domain.formatting import format_date, format_euro, shortened
from gera_desktop.domain.records import (
    BeschlussData,
    BeteiligungData,
    FinanzjahrData,
    ListRecord,
    MassnahmeData,
    MeilensteinData,
    MittelabrufData,
)

NR_MAX_LENGTH = 20
NR_ALLOWED = re.compile(r"(?:[^\W_]|[ ./-])+")
FINANZJAHR_MIN = 2019
FINANZJAHR_MAX = 2035
Row = TypeVar("Row", MeilensteinData, FinanzjahrData, BeteiligungData, MittelabrufData, BeschlussData)
REQUIRED = "Pflichtfeld – bitte ausfüllen."

CHILD_NAMES = {
    "meilensteine": "Meilenstein",
    "finanzen": "Haushaltsjahr",
    "beteiligungen": "Beteiligung",
    "mittelabrufe": "Mittelabruf",
    "beschluesse": "Beschluss",
}
MEASURE_DATES = {"beginn": "Beginn", "ende": "Ende", "beschlussdatum": "Beschlussdatum", "stand": "Stand"}


# --- the measure --------------------------------------------------------------------------------------


def massnahme_problems(
    data: MassnahmeData, programme_rate: Decimal = funding.DEFAULT_FOERDERQUOTE
) -> list[FieldProblem]:
    """Every cross-field rule the measure's own fields break (children: see ``children_problems``).

    ``programme_rate`` is the Förderquote that applies where the measure leaves its own rate empty.
    Missing required values are not reported here (that is a per-field check); rules that need them
    are skipped.
    """
    return [
        *nr_problems(data.nr),
        *_date_range_problems(data),
        *_period_problems(data.beginn, data.ende),
        *email_problems(data.email),
        *fortschritt_problems(data.fortschritt),
        *funding_problems(data, programme_rate),
    ]


def nr_problems(nr: str | None) -> list[FieldProblem]:
    """The Maßnahmen-Nr.: letters, digits, space, ``-``, ``/``, ``.``; at most 20 characters."""
    if nr is None or not nr.strip():
        return []
    text = nr.strip()
    problems = []
    if len(text) > NR_MAX_LENGTH:
        problems.append(
            FieldProblem(
                "nr", f"Die Maßnahmen-Nr. ist zu lang ({len(text)} Zeichen, höchstens {NR_MAX_LENGTH})."
            )
        )
    if not NR_ALLOWED.fullmatch(text):
        problems.append(
            FieldProblem(
                "nr",
                f"Die Maßnahmen-Nr. „{text}“ enthält unzulässige Zeichen. Erlaubt sind Buchstaben, Ziffern, "
                "Leerzeichen, Bindestrich, Schrägstrich und Punkt.",
            )
        )
    return problems


def email_problems(email: str | None) -> list[FieldProblem]:
    """An e-mail address has exactly one ``@`` with text on both sides."""
    if not email:
        return []
    local, _, domain = email.strip().partition("@")
    if email.count("@") != 1 or not local or not domain or any(ch.isspace() for ch in email.strip()):
        return [
            FieldProblem(
                "email",
                f"Die E-Mail-Adresse „{shortened(email.strip())}“ ist ungültig: Sie muss genau ein @ "
                "enthalten, z. B. vorname.name@gera.de.",
            )
        ]
    return []


def fortschritt_problems(fortschritt: Decimal | None) -> list[FieldProblem]:
    """The progress is a percentage from 0 to 100."""
    if fortschritt is None or 0 <= fortschritt <= funding.HUNDRED:
        return []
    return [FieldProblem("fortschritt", "Der Fortschritt muss zwischen 0 % und 100 % liegen.")]


def funding_problems(data: MassnahmeData, programme_rate: Decimal) -> list[FieldProblem]:
    """The funding rules (förderfähig, Bundesmittel cap, Eigenanteil, abgerufen) of ``domain.funding``."""
    if data.gesamtkosten is None:
        return []
    return funding.check(funding_input(data), programme_rate)


def funding_input(data: MassnahmeData) -> funding.FundingInput:
    """The funding fields of a measure, as the funding arithmetic takes them."""
    return funding.FundingInput(
        gesamtkosten=data.gesamtkosten,
        foerderfaehig=data.foerderfaehig,
        foerderquote=data.foerderquote,
        bundesmittel=data.bundesmittel,
        drittmittel=data.drittmittel,
        eigenanteil=data.eigenanteil,
        abgerufen=data.abgerufen,
        abgerufen_jahresscheiben=abgerufen_jahresscheiben(data),
        abgerufen_mittelabrufe=council.called_total(data),
    )


def abgerufen_jahresscheiben(data: MassnahmeData) -> Decimal:
    """The sum of the budget years' Abgerufen: of the loaded Finanzen, or as read with a ``ListRecord``."""
    if isinstance(data, ListRecord) and not data.finanzen:
        return data.abgerufen_jahresscheiben
    return sum((year.abgerufen for year in data.finanzen if year.abgerufen is not None), funding.ZERO)


def effective_amounts(data: MassnahmeData, programme_rate: Decimal) -> dict[str, Decimal]:
    """The effective funding figures of spec section 8 (the Förderquote included), by key."""
    figures = funding.compute(funding_input(data), programme_rate)
    return {key: getattr(figures, key) for key in funding.DEFAULTED_KEYS}


def stored_amounts(data: MassnahmeData, programme_rate: Decimal) -> dict[str, Decimal | None]:
    """The funding amounts as they are stored: each that equals its computed value (within 0,01 €) as
    ``None`` (computed), so that it follows later changes of costs or rate (spec section 8).

    The Förderquote is no amount and stays as given. A record without Gesamtkosten, or with a funding
    value that is no number (a problem the checks report), keeps its amounts as they are.
    """
    values = [getattr(data, key) for key in funding.INPUT_KEYS]
    if data.gesamtkosten is None or not all(value is None or _is_number(value) for value in values):
        return {key: getattr(data, key) for key in funding.AMOUNT_KEYS}
    amounts = funding.normalized(funding_input(data), programme_rate)
    return {key: getattr(amounts, key) for key in funding.AMOUNT_KEYS}


def _is_number(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool) and Decimal(value).is_finite()


def _period_problems(beginn: date | None, ende: date | None) -> list[FieldProblem]:
    if beginn is None or ende is None or ende >= beginn:
        return []
    return [
        FieldProblem(
            "ende",
            f"Das Ende ({format_date(ende)}) liegt vor dem Beginn ({format_date(beginn)}).",
        )
    ]


def _date_range_problems(data: MassnahmeData) -> list[FieldProblem]:
    problems = []
    for key, label in MEASURE_DATES.items():
        problem = date_range_problem(key, label, getattr(data, key))
        if problem is not None:
            problems.append(problem)
    return problems


def plan_warnings(data: MassnahmeData) -> list[FieldProblem]:
    """A warning (not an error) when the Plan amounts of the budget years do not add up to Gesamtkosten."""
    plans = [f.plan for f in data.finanzen if f.plan is not None]
    if not plans or data.gesamtkosten is None:
        return []
    total = sum(plans, Decimal(0))
    if total == data.gesamtkosten:
        return []
    return [
        FieldProblem(
            "finanzen",
            f"Die Planansätze der Haushaltsjahre ergeben {format_euro(total)}, "
            f"die Gesamtkosten betragen aber {format_euro(data.gesamtkosten)}.",
        )
    ]


# --- one child row ------------------------------------------------------------------------------------


def meilenstein_problems(row: MeilensteinData) -> list[FieldProblem]:
    """The rules of one milestone: Bezeichnung and Termin required, dates between 2000 and 2100."""
    problems = []
    if not _has_text(row.bezeichnung):
        problems.append(FieldProblem("bezeichnung", f"Meilenstein: {REQUIRED}"))
    if row.termin is None:
        problems.append(FieldProblem("termin", f"Termin: {REQUIRED}"))
    problems += _dates_in_range(row, {"termin": "Termin", "erledigt_am": "Erledigt am"})
    return problems


def finanzjahr_problems(row: FinanzjahrData) -> list[FieldProblem]:
    """The rules of one budget year: Jahr from 2019 to 2035, amounts not negative."""
    problems = []
    if row.jahr is None:
        problems.append(FieldProblem("jahr", f"Haushaltsjahr: {REQUIRED}"))
    elif not FINANZJAHR_MIN <= row.jahr <= FINANZJAHR_MAX:
        problems.append(
            FieldProblem(
                "jahr",
                f"Das Haushaltsjahr {row.jahr} liegt nicht zwischen {FINANZJAHR_MIN} und {FINANZJAHR_MAX}.",
            )
        )
    for key, label in (("plan", "Plan"), ("ist", "Ist"), ("abgerufen", "Abgerufen")):
        amount = getattr(row, key)
        if amount is not None and amount < 0:
            problems.append(FieldProblem(key, f"{label}: Der Betrag darf nicht negativ sein."))
    return problems


def beteiligung_problems(row: BeteiligungData) -> list[FieldProblem]:
    """The rules of one participation event: Datum and Format required, Teilnehmende not negative."""
    problems = []
    if row.datum is None:
        problems.append(FieldProblem("datum", f"Datum: {REQUIRED}"))
    if not _has_text(row.format):
        problems.append(FieldProblem("format", f"Format: {REQUIRED}"))
    if row.teilnehmende is not None and row.teilnehmende < 0:
        problems.append(FieldProblem("teilnehmende", "Teilnehmende: Die Anzahl darf nicht negativ sein."))
    problems += _dates_in_range(row, {"datum": "Datum"})
    return problems


def _dates_in_range(row: object, labels: dict[str, str]) -> list[FieldProblem]:
    found = (date_range_problem(key, label, getattr(row, key)) for key, label in labels.items())
    return [p for p in found if p is not None]


def _has_text(value: str | None) -> bool:
    return value is not None and bool(value.strip())


# --- keys and titles of child rows --------------------------------------------------------------------


def _text_key(value: str | None) -> str:
    return " ".join((value or "").split()).casefold()


def meilenstein_key(row: MeilensteinData) -> str:
    """A milestone is unique per measure by its Bezeichnung (ignoring case and spacing)."""
    return _text_key(row.bezeichnung)


def finanzjahr_key(row: FinanzjahrData) -> int:
    """A budget year is unique per measure by its Jahr."""
    return row.jahr


def beteiligung_key(row: BeteiligungData) -> tuple[date, str]:
    """A participation event is unique per measure by Datum and Format (ignoring case and spacing)."""
    return (row.datum, _text_key(row.format))


def meilenstein_title(row: MeilensteinData) -> str:
    """How a milestone is named in messages: ``Meilenstein „Prototyp City-App“``."""
    return f"Meilenstein „{row.bezeichnung}“"


def finanzjahr_title(row: FinanzjahrData) -> str:
    """How a budget year is named in messages: ``Haushaltsjahr 2024``."""
    return f"Haushaltsjahr {row.jahr}"


def beteiligung_title(row: BeteiligungData) -> str:
    """How a participation event is named in messages: ``Beteiligung „Workshop“ am 12.03.2024``."""
    return f"Beteiligung „{row.format}“ am {format_date(row.datum)}"


# --- all children of a measure ------------------------------------------------------------------------


def children_problems(data: MassnahmeData) -> list[FieldProblem]:
    """The rules of every child row and the uniqueness of their keys within the measure.

    Fields are named ``<list>[<index>].<key>`` (e.g. ``meilensteine[2].termin``); messages start with
    the row's title, so that they read well in a list of all problems.
    """
    return [
        *_list_problems(
            "meilensteine", data.meilensteine, meilenstein_problems, meilenstein_key, "bezeichnung"
        ),
        *_list_problems("finanzen", data.finanzen, finanzjahr_problems, finanzjahr_key, "jahr"),
        *_list_problems("beteiligungen", data.beteiligungen, beteiligung_problems, beteiligung_key, "format"),
        *_list_problems(
            "mittelabrufe", data.mittelabrufe, council.mittelabruf_problems, council.mittelabruf_key, "datum"
        ),
        *_list_problems(
            "beschluesse", data.beschluesse, council.beschluss_problems, council.beschluss_key, "datum"
        ),
    ]


def child_field(list_name: str, index: int, key: str) -> str:
    """The problem key of one field of one child row: ``meilensteine[2].termin``."""
    return f"{list_name}[{index}].{key}"


def child_title(list_name: str, index: int, row: object) -> str:
    """The title of a child row in messages; rows without their key values are named by position."""
    if isinstance(row, MeilensteinData) and _has_text(row.bezeichnung):
        return meilenstein_title(row)
    if isinstance(row, FinanzjahrData) and row.jahr is not None:
        return finanzjahr_title(row)
    if isinstance(row, BeteiligungData) and row.datum is not None and _has_text(row.format):
        return beteiligung_title(row)
    if isinstance(row, MittelabrufData | BeschlussData) and council.has_key_values(row):
        return council.title(row)
    return f"{CHILD_NAMES.get(list_name, list_name)} in Zeile {index + 1}"


def _list_problems(
    list_name: str,
    rows: Sequence[Row],
    row_rules: Callable[[Row], list[FieldProblem]],
    key: Callable[[Row], Hashable],
    key_field: str,
) -> list[FieldProblem]:
    problems = []
    seen: set[Hashable] = set()
    for index, row in enumerate(rows):
        own = row_rules(row)
        if own:
            title = child_title(list_name, index, row)
            problems += [
                FieldProblem(child_field(list_name, index, p.field), f"{title}: {p.message}") for p in own
            ]
            continue
        row_key = key(row)
        if row_key in seen:
            title = child_title(list_name, index, row)
            problems.append(
                FieldProblem(child_field(list_name, index, key_field), f"{title} ist doppelt eingetragen.")
            )
        seen.add(row_key)
    return problems
