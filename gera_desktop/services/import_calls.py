"""An import against a measure's calls of funds (spec section 9): the calls win.

Once a measure has called calls (abgerufen or ausgezahlt), its Mittel abgerufen is their total and each
budget year's Abgerufen their sum in that year. The workbook has no sheet of calls, so a file cannot
change them; a Mittel abgerufen or a Finanzen Abgerufen in the file that differs from them is an error on
that cell (an empty cell changes nothing).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from gera_desktop.domain import council
from gera_desktop.domain.formatting import format_euro
from gera_desktop.domain.funding import TOLERANCE, ZERO
from gera_desktop.excel.parsed import ParsedRow, ParsedWorkbook, Problem
from gera_desktop.services.audit import value_text
from gera_desktop.services.import_merge import PlannedMeasure

ADVICE = "Die Mittelabrufe gelten – bitte den Betrag angleichen oder die Zelle leer lassen."


def calls_problems(book: ParsedWorkbook, planned: Iterable[PlannedMeasure]) -> list[Problem]:
    """An error at every cell of Mittel abgerufen or Abgerufen that differs from the measure's calls."""
    problems: list[Problem] = []
    for measure in planned:
        sums = council.called_per_year(measure.new)
        if not sums:
            continue
        total = sum(sums.values(), ZERO)
        if measure.row is not None:
            problems += _differs(
                book, measure.row, total, f"Mittel abgerufen der Maßnahme „{measure.new.nr}“"
            )
        for row in measure.sources.get("finanzen", []):
            year = row.values.get("jahr") if row is not None else None
            if row is not None and isinstance(year, int):
                where = f"Abgerufen {year} der Maßnahme „{measure.new.nr}“"
                problems += _differs(book, row, sums.get(year, ZERO), where, f" im Jahr {year}")
    return problems


def _differs(
    book: ParsedWorkbook, row: ParsedRow, called: Decimal, what: str, year: str = ""
) -> list[Problem]:
    value = row.values.get("abgerufen")
    if not isinstance(value, Decimal) or "abgerufen" in row.invalid or abs(value - called) <= TOLERANCE:
        return []
    sheet_key = next((key for key, name in book.sheet_names.items() if name == row.sheet), "")
    header = book.headers_found.get(sheet_key, {}).get("abgerufen", "")
    message = (
        f"{what} ({format_euro(value)}) weicht von ihren Mittelabrufen ab: abgerufen oder ausgezahlt "
        f"sind{year} {format_euro(called)}. {ADVICE}"
    )
    return [Problem(row.sheet, row.cell("abgerufen"), header, value_text("abgerufen", value) or "", message)]
