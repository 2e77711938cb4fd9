"""A funding rule broken by an amount the database holds as entered and the file has no column for.

A stored measure keeps the fields the file has no column for (spec section 6). When the file's figures
(a new Gesamtkosten, say) no longer fit such an entered amount, the problem belongs to the file's own
funding columns of that row: the message names them, says which amount is entered in the database, and
what to do about it.
"""

from __future__ import annotations

from decimal import Decimal

from gera_desktop.domain import funding, rules
from gera_desktop.domain.errors import FieldProblem
from gera_desktop.domain.formatting import format_euro
from gera_desktop.services.import_merge import PlannedMeasure
from gera_desktop.services.labels import MASSNAHME_COLUMNS, field_label

FUNDING_FIELDS = frozenset(funding.INPUT_KEYS)


def entered_in_database(
    measure: PlannedMeasure, problems: list[FieldProblem], headers: dict[str, str], programme_rate: Decimal
) -> list[FieldProblem]:
    """The problems, those that amounts entered in the database (and missing from the file) cause put
    together at the row's first funding column of the file, worded for the file (``headers``: the
    file's own headers by key)."""
    row = measure.row
    if measure.old is None or row is None:
        return problems
    in_file = [key for key in funding.INPUT_KEYS if key in row.letters]
    caused = [p for p in problems if p.field in FUNDING_FIELDS and p.field not in row.letters]
    misfits = funding.misfits(rules.funding_input(measure.new), programme_rate) if caused else ()
    stored = [key for key in misfits if key not in row.letters]
    if not in_file or not stored:
        return problems
    messages = " ".join(p.message for p in caused)
    advice = _advice(measure, stored, in_file, headers)
    return [p for p in problems if p not in caused] + [FieldProblem(in_file[0], f"{messages} {advice}")]


def _advice(measure: PlannedMeasure, stored: list[str], in_file: list[str], headers: dict[str, str]) -> str:
    amounts = ", ".join(f"{field_label(key)} {format_euro(getattr(measure.new, key))}" for key in stored)
    columns = " und ".join(f"„{headers.get(key) or MASSNAHME_COLUMNS[key].header}“" for key in in_file)
    missing = ", ".join(f"„{MASSNAHME_COLUMNS[key].header}“" for key in stored)
    one = len(stored) == 1
    return (
        f"In der Datenbank fest eingetragen (die Datei hat dafür keine Spalte): {amounts}. "
        f"{'Dieser Betrag passt' if one else 'Diese Beträge passen'} nicht zu {columns} aus der Datei. "
        f"Bitte in der Datei {'die Spalte' if one else 'die Spalten'} {missing} ergänzen – mit dem "
        "richtigen Betrag, oder leer, dann wird er berechnet – oder in der Maßnahme „Neu berechnen“ wählen."
    )
