"""The ``vergleich`` export (spec section 9): Stand A against Stand B or today, shaped like a Kosten- und
Finanzierungsübersicht.

Sheet "Vergleich": the title, both Stand dates, one row per measure of either side grouped by
Innovationsfeld with a subtotal per group and a grand total, all as SUM formulas; for each compared amount
the columns A, B, Δ € (B − A) and Δ % (empty when A is 0), then "Änderung". A side's amounts of a measure
are filled only where it counts in that side's programme (spec section 8), so each subtotal agrees with
the subtotal of that Innovationsfeld in the council annex of either side: A's subtotal also takes in the
measures of that field listed elsewhere – those dropped out since A ("entfallen": deleted, abgelehnt or
abgebrochen), which follow the grand total in their own block, and those moved to another field. Sheet
"Änderungen" names every changed field. Both print like the annex.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook

from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.progress import Checkpoints
from gera_desktop.domain.stand import Snapshot
from gera_desktop.domain.vergleich import Comparison
from gera_desktop.excel.anlage_layout import Results, add_styles
from gera_desktop.excel.formula_cache import store_results
from gera_desktop.excel.vergleich_aenderungen import write_aenderungen
from gera_desktop.excel.vergleich_columns import VergleichOptions
from gera_desktop.excel.vergleich_sheet import APART_HEADING, VergleichSheet
from gera_desktop.excel.writing import atomic_target, save_workbook

__all__ = ["APART_HEADING", "VergleichOptions", "build_vergleich", "title", "title_lines", "write_vergleich"]

SHEET_TITLE = "Vergleich"
SAVE_SHARE = 0.75


@dataclass(frozen=True)
class Page:
    """What the header and footer of every page say (``anlage_layout.prepare_print``)."""

    title: str
    stand: date


def write_vergleich(
    path: str | os.PathLike[str],
    comparison: Comparison,
    options: VergleichOptions,
    checkpoints: Checkpoints | None = None,
) -> None:
    """Write the workbook to ``path``, atomically; cancelled, the old file stays as it was."""
    checkpoints = checkpoints or Checkpoints()
    with atomic_target(path, checkpoints) as temp:
        workbook, results = build_vergleich(comparison, options, checkpoints)
        save_workbook(workbook, temp)
        checkpoints.check()
        store_results(temp, results)
        checkpoints.finish()


def title(comparison: Comparison) -> str:
    """``Vergleich Vorlage Stadtrat 14.12.2021 – heute``."""
    return f"Vergleich {comparison.a.name} – {comparison.b.name}"


def title_lines(comparison: Comparison, options: VergleichOptions) -> list[str]:
    """Title, both Stand dates, and what the amounts are."""
    shown = "in Mio. €" if options.in_mio else "in € (ganze Euro; die Zellen enthalten die genauen Beträge)"
    return [
        title(comparison),
        f"A: {_side(comparison.a)} · B: {_side(comparison.b)}",
        f"Beträge {shown}; Δ = B − A. Abgelehnte und abgebrochene Maßnahmen zählen in keiner Summe.",
    ]


def _side(snapshot: Snapshot) -> str:
    when = format_date(snapshot.zeitpunkt.date())
    return f"heute, {when}" if snapshot.is_today else f"Stand „{snapshot.name}“ vom {when}"


def build_vergleich(
    comparison: Comparison, options: VergleichOptions, checkpoints: Checkpoints | None = None
) -> tuple[Workbook, Results]:
    """The workbook and the results of its formulas (sheet -> cell -> value)."""
    checkpoints = checkpoints or Checkpoints()
    listed = sum(row.listed for row in comparison.rows)
    checkpoints.plan(listed + int(listed * SAVE_SHARE) + 1)
    workbook = Workbook()
    add_styles(workbook)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    results: Results = {SHEET_TITLE: {}}
    page = Page(title(comparison), comparison.b.zeitpunkt.date())
    lines = title_lines(comparison, options)
    VergleichSheet(sheet, comparison, options, results[SHEET_TITLE], checkpoints).write(lines, page)
    write_aenderungen(workbook.create_sheet("Änderungen"), comparison, options.intern, lines, page)
    return workbook, results
