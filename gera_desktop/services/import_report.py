"""What an import found and did (spec section 6), and its German text for the command line.

The GUI shows the dataclass; ``as_text()`` is the same content as plain text: the counts first, then
every changed field (``UM-06 · Gesamtkosten: 420.000,00 € → 450.000,00 €``), then warnings and errors,
each with its cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from gera_desktop.domain.formatting import short_list, shortened
from gera_desktop.excel.parsed import Problem, TotalRow
from gera_desktop.services.audit import Change

EMPTY = "(leer)"
SHOWN_NRS = 50


class ChangedMeasure(NamedTuple):
    """An existing measure the import changes, with every changed field (old → new, as displayed)."""

    nr: str
    changes: list[Change]


@dataclass
class ImportReport:
    """The outcome of one import or dry run; ``ok`` means the file has no errors."""

    file_name: str
    dry_run: bool = False
    written: bool = False
    backup_path: Path | None = None
    new: list[str] = field(default_factory=list)
    changed: list[ChangedMeasure] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    not_in_file: int = 0
    total_rows: list[TotalRow] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    new_clusters: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file has no errors (a real run then writes what changed)."""
        return not self.errors

    @property
    def has_changes(self) -> bool:
        """True when the file brings new or changed measures."""
        return bool(self.new or self.changed)

    @property
    def unchanged_count(self) -> int:
        """How many measures of the file equal what the database holds."""
        return len(self.unchanged)

    def as_text(self) -> str:
        """The report as German text: outcome, counts, changes, warnings, errors."""
        lines = [self._headline(), self._counts()]
        lines += self._file_notes()
        if self.new:
            lines.append(f"Neue Maßnahmen: {_nr_list(self.new)}")
        if self.changed:
            lines.append("Änderungen:")
            lines += [f"  {line}" for line in change_lines(self.changed)]
        lines += _problem_section("Warnungen", self.warnings)
        lines += _problem_section("Fehler", self.errors)
        return "\n".join(lines)

    @property
    def title(self) -> str:
        """``Probelauf`` for a dry run, else ``Import``: how the report is headed."""
        return "Probelauf" if self.dry_run else "Import"

    def _headline(self) -> str:
        head = f"{self.title} {self.file_name}:"
        if self.errors:
            errors = _count(len(self.errors), "Fehler", "Fehler")
            return f"{head} Die Datei enthält {errors}. Es wurde nichts gespeichert."
        if self.dry_run:
            return f"{head} Die Datei kann eingelesen werden; es wurde nichts gespeichert."
        if not self.written:
            return f"{head} Keine Änderungen – die Datenbank entspricht bereits der Datei."
        backup = f" Sicherung vorher: {self.backup_path}" if self.backup_path else ""
        return f"{head} Die Änderungen wurden gespeichert.{backup}"

    def _counts(self) -> str:
        return (
            f"Neu: {_number(len(self.new))} · Geändert: {_number(len(self.changed))} · "
            f"Unverändert: {_number(self.unchanged_count)} · Nicht in der Datei: {_number(self.not_in_file)}"
        )

    def _file_notes(self) -> list[str]:
        notes = []
        if self.total_rows:
            rows = "; ".join(f"{t.sheet} Zeile {t.row} („{t.label}“)" for t in self.total_rows)
            notes.append(f"Übersprungene Summenzeilen: {rows}")
        if self.ignored_sheets:
            notes.append(f"Nicht eingelesene Blätter: {short_list(self.ignored_sheets)}")
        if self.extra_columns:
            headers = [f"„{shortened(h)}“" for h in self.extra_columns]
            notes.append(f"Übernommene Zusatzspalten: {short_list(headers, 10)}")
        if self.new_clusters:
            names = [f"„{shortened(name)}“" for name in self.new_clusters]
            notes.append(f"Neue Cluster: {short_list(names, 10)}")
        return notes


def change_lines(changed: Iterable[ChangedMeasure]) -> list[str]:
    """One line per changed field: ``UM-06 · Gesamtkosten: 420.000,00 € → 450.000,00 €``."""
    return [
        f"{measure.nr} · {change.feld}: {change.alt or EMPTY} → {change.neu or EMPTY}"
        for measure in changed
        for change in measure.changes
    ]


def problem_line(problem: Problem) -> str:
    """``Maßnahmen!H7 (Gesamtkosten): <message> – gefunden: „ca. 50.000“``."""
    where = problem.cell or problem.sheet
    column = f" ({problem.header})" if problem.header else ""
    place = f"{where}{column}: " if where or column else ""
    found = f" – gefunden: „{problem.value}“" if problem.value else ""
    return f"{place}{problem.message}{found}"


def _problem_section(title: str, problems: list[Problem]) -> list[str]:
    if not problems:
        return []
    return [f"{title} ({_number(len(problems))}):", *(f"  {problem_line(p)}" for p in problems)]


def _nr_list(nrs: list[str]) -> str:
    shown = ", ".join(nrs[:SHOWN_NRS])
    rest = len(nrs) - SHOWN_NRS
    return f"{shown} … und {_number(rest)} weitere" if rest > 0 else shown


def _count(n: int, one: str, many: str) -> str:
    return f"{_number(n)} {one if n == 1 else many}"


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")
