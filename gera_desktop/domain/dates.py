"""The range every date of a measure lies in (spec section 5: years 2000 to 2100)."""

from __future__ import annotations

from datetime import date

from gera_desktop.domain.errors import FieldProblem
from gera_desktop.domain.formatting import format_date

FIRST_YEAR = 2000
LAST_YEAR = 2100


def date_range_problem(key: str, label: str, value: date | None) -> FieldProblem | None:
    """A date must lie between the years 2000 and 2100."""
    if value is None or FIRST_YEAR <= value.year <= LAST_YEAR:
        return None
    return FieldProblem(
        key, f"{label}: Das Datum {format_date(value)} liegt nicht zwischen {FIRST_YEAR} und {LAST_YEAR}."
    )
