"""Checking the merged measures of an import, and placing each problem on a cell of the file.

The reader has checked every row on its own; what it cannot know is the stored half of a measure (a
file that changes Gesamtkosten of a stored measure may break the funding rules with the stored
Bundesmittel) and the trash. Problems the reader already reported at a cell are not repeated, nor are
the empty values of a required column the file lacks (the reader's one error names the rows).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from gera_desktop.domain import rules
from gera_desktop.domain.errors import FieldProblem
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.excel.parsed import ParsedRow, ParsedWorkbook, Problem, Severity
from gera_desktop.services.audit import value_text
from gera_desktop.services.import_funding import entered_in_database
from gera_desktop.services.import_merge import PlannedMeasure, row_key
from gera_desktop.services.mapping import SHEET_KINDS
from gera_desktop.services.validation import massnahme_problems

IN_TRASH = "Die Maßnahme „{nr}“ liegt im Papierkorb – bitte zuerst wiederherstellen."
_CHILD_FIELD = re.compile(r"^(?P<attr>\w+)\[(?P<index>\d+)\]\.(?P<key>\w+)$")
_CELL = re.compile(r"^(?P<sheet>.*)![A-Z]+(?P<row>\d+)$")
PLAN_FIELD = "finanzen"
"""``rules.plan_warnings`` names this field; the reader reports it at the Gesamtkosten cell."""


def trash_problems(book: ParsedWorkbook, trash: set[str]) -> list[Problem]:
    """An error at every row (of any sheet) that names a measure in the trash."""
    problems = []
    for sheet_key in ("massnahmen", *(kind.attr for kind in SHEET_KINDS)):
        for row in book.rows(sheet_key):
            if row_key(row) in trash:
                header = book.headers_found.get(sheet_key, {}).get("nr", "")
                message = IN_TRASH.format(nr=row.nr)
                problems.append(Problem(row.sheet, row.cell("nr"), header, row.nr or "", message))
    return problems


class ProblemPlacer:
    """Turns the field problems of merged measures into file problems, skipping what is known already.

    A problem at a cell where the reader already reported one of the same severity is left out (the
    reader's message about the cell itself is the more precise one), and so is a message already given
    for the same row.
    """

    def __init__(self, book: ParsedWorkbook) -> None:
        self.book = book
        self.sheet_keys = {name: key for key, name in book.sheet_names.items()}
        self.headers = book.headers_found.get("massnahmen", {})
        self.reader_cells = {(p.cell, p.is_error) for p in book.problems if p.cell}
        self.messages = {_message_key(p) for p in book.problems}

    def check(
        self, planned: Iterable[PlannedMeasure], settings: ProgrammEinstellungen
    ) -> tuple[list[Problem], list[Problem]]:
        """The new errors and warnings of the new and changed measures."""
        errors: list[Problem] = []
        warnings: list[Problem] = []
        for measure in planned:
            if not (measure.is_new or measure.is_changed):
                continue
            found_all = massnahme_problems(measure.new, settings)
            for found in entered_in_database(measure, found_all, self.headers, settings.foerderquote):
                if not self._covered(measure, found.field):
                    self._add(errors, self.place(measure, found, Severity.ERROR))
            for found in rules.plan_warnings(measure.new):
                message = f"{measure.new.nr}: {found.message}"
                self._add(warnings, self.place(measure, FieldProblem(PLAN_FIELD, message), Severity.WARNING))
        return errors, warnings

    def place(self, measure: PlannedMeasure, found: FieldProblem, severity: Severity) -> Problem:
        """The problem at the cell of its field in the file row it came from (else the row's first cell,
        with no header)."""
        row, key, value = self._where(measure, found.field)
        if key is None:
            return Problem(row.sheet, f"{row.sheet}!A{row.row}", "", "", found.message, severity)
        header = self.book.headers_found.get(self.sheet_keys.get(row.sheet, ""), {}).get(key, "")
        shown = value_text(key, value) or ""
        return Problem(row.sheet, row.cell(key), header, shown, found.message, severity)

    def _where(self, measure: PlannedMeasure, field: str) -> tuple[ParsedRow, str | None, Any]:
        match = _CHILD_FIELD.match(field)
        if match is not None:
            attr, index, key = match["attr"], int(match["index"]), match["key"]
            source = measure.sources.get(attr, [])
            row = source[index] if index < len(source) else None
            if row is not None and key in row.letters:
                return row, key, getattr(getattr(measure.new, attr)[index], key, None)
            return measure.anchor, None, None
        key = "gesamtkosten" if field == PLAN_FIELD else field
        if measure.row is not None and key in measure.row.letters:
            return measure.row, key, getattr(measure.new, key, None)
        if measure.row is None and field == PLAN_FIELD:
            years = [row for row in measure.sources.get(PLAN_FIELD, []) if row is not None]
            return (years[0] if years else measure.anchor), None, None
        return measure.anchor, None, None

    def _covered(self, measure: PlannedMeasure, field: str) -> bool:
        """True when the reader's error about a missing required column stands for this row's problem."""
        match = _CHILD_FIELD.match(field)
        if match is None:
            row, key = measure.row, field
        else:
            source, index = measure.sources.get(match["attr"], []), int(match["index"])
            row, key = (source[index] if index < len(source) else None), match["key"]
        return row is not None and row.row in self.book.missing_columns.get((row.sheet, key), ())

    def _add(self, problems: list[Problem], problem: Problem) -> None:
        at_field = bool(problem.header)
        message = _message_key(problem)
        if (at_field and (problem.cell, problem.is_error) in self.reader_cells) or message in self.messages:
            return
        self.messages.add(message)
        problems.append(problem)


def _message_key(problem: Problem) -> tuple[str, str, str]:
    """The same message in the same row counts once, whichever cell it was put at."""
    match = _CELL.match(problem.cell)
    row = match["row"] if match else problem.cell
    return problem.sheet, row, problem.message
