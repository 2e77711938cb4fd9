"""The council cycle of a measure (spec sections 8 and 9): its calls of federal funds and its decisions.

``settle`` applies the rules to a record about to be stored, on every save and import:

- a call without Halbjahr gets the half-year of its date;
- a Drucksache-Nr./Beschlussdatum pair that matches no council decision adds one (result beschlossen);
  the pair then shows the latest council decision; an empty or half pair deletes nothing;
- once a measure has called calls (abgerufen or ausgezahlt), their sums per year are its budget years'
  Abgerufen (a year with calls and no row gets one) and Mittel abgerufen is no longer entered: calls win
  over stored values. Every view that sums the budget years therefore follows the calls, and
  ``funding.compute`` takes the calls' total first where the calls are loaded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from gera_desktop.domain.columns import FINANZEN
from gera_desktop.domain.dates import date_range_problem
from gera_desktop.domain.enums import ERGEBNISSE, Abrufstatus, Beschlussart, Beschlussergebnis
from gera_desktop.domain.errors import FieldProblem
from gera_desktop.domain.formatting import format_date, format_euro
from gera_desktop.domain.records import BeschlussData, FinanzjahrData, MassnahmeData, MittelabrufData

REQUIRED = "Pflichtfeld – bitte ausfüllen."
_YEARS = next(c for c in FINANZEN if c.key == "jahr")
CALL_FIRST_YEAR, CALL_LAST_YEAR = _YEARS.minimum or 2019, _YEARS.maximum or 2035
"""A call falls into a budget year (Haushaltsjahr), so its date lies in their range."""
HALBJAHR = re.compile(r"(?P<jahr>\d{4})/(?:I|II)")
ERGAENZUNG = re.compile(r"(?P<drucksache>\d+/\d{4})\s+(?P<ergaenzung>\d+\.\s*Ergänzung)", re.IGNORECASE)
"""A Drucksache text with its Ergänzung, as the city writes it: ``82/2019 7. Ergänzung``."""


def cluster_key(name: str) -> str:
    """The key under which a Cluster's name is unique: ignoring case and repeated spacing."""
    return _folded(name)


# --- calls --------------------------------------------------------------------------------------------


def halbjahr_of(day: date) -> str:
    """The half-year of a date: ``2024/I`` (January to June) or ``2024/II``."""
    return f"{day.year}/{'I' if day.month <= 6 else 'II'}"


def is_called(call: MittelabrufData) -> bool:
    """True for a complete call that is abgerufen or ausgezahlt."""
    return (
        isinstance(call.status, Abrufstatus)
        and call.status.called
        and isinstance(call.datum, date)
        and isinstance(call.betrag, Decimal)
    )


def called_per_year(data: MassnahmeData) -> dict[int, Decimal]:
    """The sum of the called calls per year of their date (empty: the measure has none)."""
    sums: dict[int, Decimal] = {}
    for call in data.mittelabrufe:
        if is_called(call):
            sums[call.datum.year] = sums.get(call.datum.year, Decimal("0.00")) + call.betrag
    return sums


def called_total(data: MassnahmeData) -> Decimal | None:
    """The total of the called calls; ``None`` when the measure has none (then Mittel abgerufen is the
    stored value or the budget years' sum, spec section 8)."""
    sums = called_per_year(data)
    return sum(sums.values(), Decimal("0.00")) if sums else None


# --- decisions ----------------------------------------------------------------------------------------


def split_drucksache(text: str) -> tuple[str, str | None]:
    """``82/2019 7. Ergänzung`` -> (``82/2019``, ``7. Ergänzung``); any other text stays whole."""
    clean = " ".join(text.split())
    match = ERGAENZUNG.fullmatch(clean)
    if match is None:
        return clean, None
    return match["drucksache"], match["ergaenzung"]


def drucksache_text(decision: BeschlussData) -> str | None:
    """The Drucksache with its Ergänzung, as the Maßnahmenliste shows it."""
    parts = [part.strip() for part in (decision.drucksache, decision.ergaenzung) if part and part.strip()]
    return " ".join(parts) or None


def latest_council_decision(data: MassnahmeData) -> BeschlussData | None:
    """The council decision with the latest date (of two on one day the later in the list)."""
    return latest_of(data.beschluesse)


def latest_of(decisions: Sequence[BeschlussData]) -> BeschlussData | None:
    """``latest_council_decision`` among these decisions (the rows of the form's table, too)."""
    council = [
        (b.datum, index, b)
        for index, b in enumerate(decisions)
        if b.art is Beschlussart.STADTRAT and isinstance(b.datum, date)
    ]
    return max(council, key=lambda item: item[:2])[2] if council else None


def _matches(decision: BeschlussData, pair: BeschlussData) -> bool:
    return (
        decision.art is Beschlussart.STADTRAT
        and decision.datum == pair.datum
        and _folded(drucksache_text(decision)) == _folded(drucksache_text(pair))
    )


# --- settling a record --------------------------------------------------------------------------------


def settle(data: MassnahmeData) -> None:
    """Apply the rules of the council cycle to ``data`` (its lists are replaced, never its rows)."""
    data.mittelabrufe = [_with_halbjahr(call) for call in data.mittelabrufe]
    _record_decision(data)
    latest = latest_council_decision(data)
    if latest is not None:
        data.drucksache, data.beschlussdatum = drucksache_text(latest), latest.datum
    _calls_win(data)


def release_calls(before: MassnahmeData, data: MassnahmeData) -> None:
    """When the last called call is gone, clear the budget years' Abgerufen that were the calls' sums
    (nobody entered them)."""
    old = called_per_year(before)
    if not old or called_total(data) is not None:
        return
    data.finanzen = [
        replace(row, abgerufen=None)
        if row.abgerufen is not None and row.abgerufen == old.get(row.jahr)
        else row
        for row in data.finanzen
    ]


def _with_halbjahr(call: MittelabrufData) -> MittelabrufData:
    if call.halbjahr is None and isinstance(call.datum, date):
        return replace(call, halbjahr=halbjahr_of(call.datum))
    return call


def pair_decision(text: str | None, day: date | None) -> BeschlussData | None:
    """The council decision (beschlossen) a complete Drucksache-Nr./Beschlussdatum pair stands for."""
    if not isinstance(text, str) or not text.strip() or not isinstance(day, date):
        return None
    drucksache, ergaenzung = split_drucksache(text)
    return BeschlussData(Beschlussart.STADTRAT, day, Beschlussergebnis.BESCHLOSSEN, drucksache, ergaenzung)


def _record_decision(data: MassnahmeData) -> None:
    """Add a council decision for a complete Drucksache-Nr./Beschlussdatum pair that matches none."""
    decision = pair_decision(data.drucksache, data.beschlussdatum)
    if decision is None or any(_matches(b, decision) for b in data.beschluesse):
        return
    data.beschluesse = [*data.beschluesse, decision]


def _calls_win(data: MassnahmeData) -> None:
    sums = called_per_year(data)
    if not sums:
        return
    data.abgerufen = None
    rows = [_with_called(row, sums.get(row.jahr)) for row in data.finanzen]
    years = {row.jahr for row in data.finanzen}
    rows += [
        FinanzjahrData(jahr, abgerufen=amount) for jahr, amount in sorted(sums.items()) if jahr not in years
    ]
    data.finanzen = rows


def _with_called(row: FinanzjahrData, amount: Decimal | None) -> FinanzjahrData:
    return row if row.abgerufen == amount else replace(row, abgerufen=amount)


# --- one row: rules, key, title, order ----------------------------------------------------------------


def mittelabruf_problems(row: MittelabrufData) -> list[FieldProblem]:
    """Datum, Betrag and Status required; Betrag above 0; the date in a budget year; a valid Halbjahr."""
    problems = _required(row, {"datum": "Datum", "betrag": "Betrag", "status": "Status"})
    if isinstance(row.betrag, Decimal) and row.betrag <= 0:
        problems.append(FieldProblem("betrag", "Betrag: Der Betrag muss größer als 0 € sein."))
    if isinstance(row.datum, date) and not CALL_FIRST_YEAR <= row.datum.year <= CALL_LAST_YEAR:
        problems.append(
            FieldProblem(
                "datum",
                f"Datum: Das Datum {format_date(row.datum)} liegt nicht in den Haushaltsjahren "
                f"{CALL_FIRST_YEAR} bis {CALL_LAST_YEAR}.",
            )
        )
    if isinstance(row.halbjahr, str) and not _valid_halbjahr(row.halbjahr):
        problems.append(
            FieldProblem(
                "halbjahr",
                f"Halbjahr: „{row.halbjahr}“ ist kein Halbjahr – bitte z. B. 2024/I oder 2024/II angeben.",
            )
        )
    return problems


def beschluss_problems(row: BeschlussData) -> list[FieldProblem]:
    """Art, Datum and Ergebnis required; a council decision names its Drucksache, the funder's rejection
    its reason (Begründung); the result fits the kind."""
    problems = _required(row, {"art": "Art", "datum": "Datum", "ergebnis": "Ergebnis"})
    found = date_range_problem("datum", "Datum", row.datum) if isinstance(row.datum, date) else None
    problems += [found] if found else []
    if row.art is Beschlussart.STADTRAT and not (row.drucksache and row.drucksache.strip()):
        problems.append(
            FieldProblem("drucksache", f"Drucksache-Nr.: Bei einem Beschluss des Stadtrats {REQUIRED}")
        )
    if (
        row.art is Beschlussart.FOERDERMITTELGEBER
        and row.ergebnis is Beschlussergebnis.ABGELEHNT
        and not (row.begruendung and row.begruendung.strip())
    ):
        problems.append(
            FieldProblem(
                "begruendung", f"Begründung: Bei einer Ablehnung durch den Fördermittelgeber {REQUIRED}"
            )
        )
    allowed = ERGEBNISSE.get(row.art) if isinstance(row.art, Beschlussart) else None
    if allowed and isinstance(row.ergebnis, Beschlussergebnis) and row.ergebnis not in allowed:
        problems.append(
            FieldProblem(
                "ergebnis",
                f"Ergebnis: „{row.ergebnis}“ passt nicht zu einem Beschluss ({row.art}). Erlaubt sind: "
                f"{', '.join(allowed)}.",
            )
        )
    return problems


def mittelabruf_key(row: MittelabrufData) -> tuple[date, Decimal]:
    """A call is unique per measure by its date and amount."""
    return (row.datum, row.betrag)


def beschluss_key(row: BeschlussData) -> tuple[str, date, str]:
    """A decision is unique per measure by its kind, date and Drucksache with Ergänzung (ignoring case
    and spacing)."""
    return (str(row.art), row.datum, _folded(drucksache_text(row)))


def has_key_values(row: MittelabrufData | BeschlussData) -> bool:
    """True when the row has what its title names (otherwise it is named by its position)."""
    if isinstance(row, MittelabrufData):
        return isinstance(row.datum, date) and isinstance(row.betrag, Decimal)
    return isinstance(row.art, Beschlussart) and isinstance(row.datum, date)


def title(row: MittelabrufData | BeschlussData) -> str:
    """``Mittelabruf vom 15.03.2024 über 10.000,00 €``, ``Beschluss Stadtrat „82/2019“ vom 14.12.2021``."""
    if isinstance(row, MittelabrufData):
        return f"Mittelabruf vom {format_date(row.datum)} über {format_euro(row.betrag)}"
    text = drucksache_text(row)
    named = f" „{text}“" if text else ""
    return f"Beschluss {row.art}{named} vom {format_date(row.datum)}"


def mittelabruf_order(row: MittelabrufData) -> tuple[date, Decimal]:
    """Calls by date, then amount."""
    return (row.datum or date.max, row.betrag or Decimal(0))


def beschluss_order(row: BeschlussData) -> tuple[date, str, str]:
    """Decisions by date, then kind and Drucksache."""
    return (row.datum or date.max, str(row.art or ""), _folded(drucksache_text(row)))


def _valid_halbjahr(text: str) -> bool:
    match = HALBJAHR.fullmatch(text.strip())
    return match is not None and CALL_FIRST_YEAR <= int(match["jahr"]) <= CALL_LAST_YEAR


def _required(row: object, labels: dict[str, str]) -> list[FieldProblem]:
    return [
        FieldProblem(key, f"{label}: {REQUIRED}")
        for key, label in labels.items()
        if getattr(row, key) is None
    ]


def _folded(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()
