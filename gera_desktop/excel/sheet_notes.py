"""What the reader notes about a sheet besides its rows (spec section 6).

Missing required columns (one error naming the rows concerned), and the plausibility warnings: a
Förderquote typed as a fraction (0,9) in a cell without percent format, hidden rows and columns whose
data is imported all the same. Also the title block's "Stand: TT.MM.JJJJ", which the import compares
with the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from openpyxl.utils.cell import get_column_letter

from gera_desktop.domain.formatting import format_percent, format_rows
from gera_desktop.excel.cells import parse_date
from gera_desktop.excel.errors import CellError
from gera_desktop.excel.headers import fold
from gera_desktop.excel.parsed import Problem, Severity
from gera_desktop.excel.sheet_xml import HiddenParts, Row
from gera_desktop.excel.values import PercentNumber, shown

_STAND = re.compile(r"stand\b\s*(?:vom\b)?\s*:?\s*(?P<rest>.*)$")


def missing_column_message(sheet: str, header: str, rows: list[int], needed_by: str = "") -> str:
    """``Im Blatt „Finanzen“ fehlt die Pflichtspalte „Haushaltsjahr“ – betroffen: Zeilen 2–74.``"""
    message = f"Im Blatt „{sheet}“ fehlt die Pflichtspalte „{header}“"
    if needed_by:
        message += f"; {needed_by} brauchen sie"
    return f"{message} – betroffen: {format_rows(rows)}." if rows else f"{message}."


def rate_doubt(raw: object, value: object) -> str | None:
    """The warning for a Förderquote between 0 and 1 typed without percent (0,9 – meant 90 %?).

    The value is still read as given (0,9 %, spec section 5); a percent-formatted cell or text with
    a percent sign says what is meant and gets no warning."""
    if isinstance(raw, PercentNumber | bool) or (isinstance(raw, str) and "%" in raw):
        return None
    if not isinstance(value, Decimal) or not 0 < value <= 1:
        return None
    typed = shown(raw).strip()
    meant = format_percent(value * 100)
    return (
        f"{typed} – gemeint {meant}? Die Zelle ist nicht als Prozent formatiert; eingelesen wird {typed} %. "
        f"Sind {meant} gemeint, bitte {meant} eintragen."
    )


def title_stand(values: Row, number: int, sheet: str) -> tuple[date, str] | None:
    """The date of a title-block line "Stand: 30.06.2024" (also "Stand 30.06.2024", or the date in the
    next cell) and its cell, if this row holds one."""
    for index, value in enumerate(values):
        if not isinstance(value, str):
            continue
        match = _STAND.match(fold(value))
        if match is None:
            continue
        candidates = [match["rest"]] if match["rest"] else values[index + 1 : index + 2]
        for candidate in candidates:
            found = _date_or_none(candidate)
            if found is not None:
                return found, f"{sheet}!{get_column_letter(index + 1)}{number}"
    return None


def _date_or_none(raw: object) -> date | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        return parse_date(raw.strip() if isinstance(raw, str) else raw)
    except CellError:
        return None


class HiddenData:
    """Collects the hidden rows and columns of one sheet that hold data the import takes."""

    def __init__(self, sheet: str, hidden: HiddenParts) -> None:
        self.sheet = sheet
        self.hidden = hidden
        self.rows: list[int] = []
        self.watched: list[int] = []
        self.used: set[int] = set()

    def watch(self, columns: Iterable[int]) -> None:
        """The imported columns (indexes from 0) to look at; call once the header row is read."""
        self.watched = sorted(self.hidden.columns.intersection(columns))

    def note(self, number: int, values: Row) -> None:
        """An imported data row: remember it if hidden, and which hidden columns it fills."""
        if number in self.hidden.rows:
            self.rows.append(number)
        size = len(values)
        for index in self.watched:
            if index < size and _filled(values[index]):
                self.used.add(index)

    def problems(self, headers: dict[int, str]) -> list[Problem]:
        """One warning for the hidden rows, one per hidden column with data (``headers`` by index)."""
        found = []
        if self.rows:
            they = "sie wird" if len(self.rows) == 1 else "sie werden"
            rows = format_rows(self.rows)
            found.append(self._warning(f"{rows} ausgeblendet – {they} trotzdem eingelesen."))
        for index in sorted(self.used):
            found.append(
                self._warning(
                    f"Spalte {get_column_letter(index + 1)} ({headers[index]}) ausgeblendet – ihre Werte "
                    "werden trotzdem eingelesen."
                )
            )
        return found

    def _warning(self, message: str) -> Problem:
        return Problem(self.sheet, "", "", "", message, Severity.WARNING)


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
