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
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.domain.formatting import format_date, short_list
from gera_desktop.domain.progress import Checkpoints
from gera_desktop.domain.stand import Snapshot
from gera_desktop.domain.vergleich import Art, Comparison, Row, Totals, totals
from gera_desktop.excel.anlage_layout import (
    HEADER_ROW,
    Results,
    add_styles,
    fit_header_row,
    fit_row,
    fit_subject_row,
    prepare_print,
    put_text,
    wrapped_lines,
    write_title,
)
from gera_desktop.excel.formula_cache import store_results
from gera_desktop.excel.vergleich_aenderungen import visible_changes, write_aenderungen
from gera_desktop.excel.vergleich_columns import (
    DELTA,
    PERCENT_FORMAT,
    A,
    B,
    Display,
    VergleichColumn,
    columns,
    percent_text,
    sized,
)
from gera_desktop.excel.writing import CellTextError, atomic_target, save_workbook, text_error

SHEET_TITLE = "Vergleich"
SUB_HEADER_ROW = HEADER_ROW + 1
FIRST_ROW = SUB_HEADER_ROW + 1
LABEL_SPAN = 3
"""Sum labels span Nr., Maßnahme and Umsetzungsstand."""
APART_HEADING = (
    "Entfallene Maßnahmen (gelöscht, abgelehnt oder abgebrochen seit A) – ihre Beträge in A stehen in den "
    "Summen oben"
)
SAVE_SHARE = 0.75


@dataclass(frozen=True)
class VergleichOptions:
    """Amounts in millions (a display option only), and the internal variant with personal data."""

    in_mio: bool = False
    intern: bool = False


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
    checkpoints.plan(len(comparison.rows) + int(len(comparison.rows) * SAVE_SHARE) + 1)
    workbook = Workbook()
    add_styles(workbook)
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    results: Results = {SHEET_TITLE: {}}
    page = Page(title(comparison), comparison.b.zeitpunkt.date())
    lines = title_lines(comparison, options)
    _Writer(sheet, comparison, options, results[SHEET_TITLE], checkpoints).write(lines, page)
    write_aenderungen(workbook.create_sheet("Änderungen"), comparison, options.intern, lines, page)
    return workbook, results


@dataclass
class _Plan:
    """Where every row lands: the groups (field, its rows with their numbers, the subtotal's row), the
    grand total, and the block of the measures dropped out (with its sum's row)."""

    groups: list[tuple[Innovationsfeld, list[tuple[Row, int]], int]] = field(default_factory=list)
    total_row: int = 0
    apart: list[tuple[Row, int]] = field(default_factory=list)
    apart_sum: int = 0

    def placed(self) -> list[tuple[Row, int]]:
        """Every measure with its row number."""
        return [pair for _, members, _ in self.groups for pair in members] + self.apart


def plan(comparison: Comparison) -> _Plan:
    """Number the rows: a heading, the measures and a subtotal per group, the total, the block apart."""
    listed = [r for r in comparison.rows if r.listed]
    main = [r for r in listed if r.art is not Art.ENTFALLEN]
    fields_a = {r.feld_a for r in listed if r.a is not None}
    result, number = _Plan(), FIRST_ROW
    for feld in Innovationsfeld:
        members = [r for r in main if r.innovationsfeld is feld]
        if not members and feld not in fields_a:
            continue
        placed = list(zip(members, range(number + 1, number + 1 + len(members)), strict=True))
        number += len(members) + 1
        result.groups.append((feld, placed, number))
        number += 1
    result.total_row = number
    apart = sorted(
        (r for r in listed if r.art is Art.ENTFALLEN),
        key=lambda r: list(Innovationsfeld).index(r.innovationsfeld),
    )
    if apart:
        result.apart = list(zip(apart, range(number + 3, number + 3 + len(apart)), strict=True))
        result.apart_sum = number + 3 + len(apart)
    return result


class _Writer:
    """Writes sheet "Vergleich" row by row and notes each formula's result."""

    def __init__(
        self,
        sheet: Worksheet,
        comparison: Comparison,
        options: VergleichOptions,
        results: dict[str, Decimal | int],
        checkpoints: Checkpoints,
    ) -> None:
        self.sheet = sheet
        self.comparison = comparison
        self.options = options
        self.display = Display(options.in_mio)
        self.results = results
        self.checkpoints = checkpoints
        self.plan = plan(comparison)
        self.columns: list[VergleichColumn] = columns()

    def write(self, lines: Sequence[str], page: Page) -> None:
        """Everything, then the print setup."""
        self.columns = sized(self.columns, self._shown_texts())
        self._write_header(lines)
        for feld, members, sum_row in self.plan.groups:
            self._label_row(sum_row - len(members) - 1, f"Innovationsfeld: {feld}", "Anlage Gruppe", span=0)
            for row, number in self.checkpoints.each(members):
                self._write_measure(row, number)
            self._write_subtotal(feld, members, sum_row)
        self._write_total()
        if self.plan.apart:
            self._write_apart()
        fit_subject_row(self.sheet, lines[1], sum(c.width for c in self.columns))
        prepare_print(self.sheet, page, f"{HEADER_ROW}:{SUB_HEADER_ROW}", freeze=False)
        self.sheet.freeze_panes = f"{get_column_letter(LABEL_SPAN + 1)}{FIRST_ROW}"

    # --- header ---------------------------------------------------------------------------------------

    def _write_header(self, lines: Sequence[str]) -> None:
        headers = [c.header if not c.is_amount or c.sub == A else "" for c in self.columns]
        write_title(self.sheet, lines, headers)
        for index, column in enumerate(self.columns, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = column.width
            cell = self.sheet.cell(SUB_HEADER_ROW, index)
            cell.style = "Anlage Kopf"
            if column.is_amount:
                cell.value = column.sub
            elif column.sub == "":
                self.sheet.merge_cells(
                    start_row=HEADER_ROW, start_column=index, end_row=SUB_HEADER_ROW, end_column=index
                )
            if column.sub == A:
                self.sheet.merge_cells(
                    start_row=HEADER_ROW, start_column=index, end_row=HEADER_ROW, end_column=index + 3
                )
        fit_header_row(self.sheet, HEADER_ROW, [(c.header, c.width) for c in self.columns if not c.is_amount])

    # --- rows -----------------------------------------------------------------------------------------

    def _write_measure(self, row: Row, number: int) -> None:
        texts = [row.nr, row.titel, "" if row.status_b is None else str(row.status_b)]
        texts.append(row.summary(visible_changes(row, self.options.intern)))
        text_columns = [c for c in self.columns if not c.is_amount]
        lines = 1
        for column, text in zip(text_columns, texts, strict=True):
            index = self.columns.index(column) + 1
            cell = self.sheet.cell(number, index)
            cell.style = "Anlage Text" if column.share else "Anlage Kurztext"
            if text:
                self._put(cell, row.nr, column.header, text)
                lines = max(lines, wrapped_lines(text, column.width) if column.share else 1)
        self._write_amounts(number, row.a, row.b, "Anlage Betrag")
        fit_row(self.sheet, number, lines)

    def _put(self, cell: Any, nr: str, header: str, text: str) -> None:
        try:
            put_text(cell, text)
        except CellTextError as exc:
            raise text_error(nr, header, text) from exc

    def _write_amounts(
        self, number: int, a: dict[str, Decimal] | None, b: dict[str, Decimal] | None, style: str
    ) -> None:
        """The four columns of each amount of a measure: A, B (where counted), Δ € and Δ % as formulas."""
        for index, column in enumerate(self.columns, start=1):
            if not column.is_amount:
                continue
            cell = self.sheet.cell(number, index)
            cell.style = style
            before = None if a is None else a[column.key]
            after = None if b is None else b[column.key]
            if column.sub in (A, B):
                cell.value = before if column.sub == A else after
                cell.number_format = self.display.money_format
            elif before is not None or after is not None:
                self._delta(
                    cell, number, index, column.sub, before or Decimal(0), after or Decimal(0), a is not None
                )

    def _delta(
        self, cell: Any, number: int, index: int, sub: str, before: Decimal, after: Decimal, has_a: bool
    ) -> None:
        """Δ € (B − A) and Δ % ((B − A) / A, left empty when A is 0) of one row, with their results."""
        offset = 2 if sub == DELTA else 3
        a_ref = f"{get_column_letter(index - offset)}{number}"
        b_ref = f"{get_column_letter(index - offset + 1)}{number}"
        if sub == DELTA:
            self._formula(cell, f"={b_ref}-{a_ref}", after - before, self.display.delta_format)
        elif has_a and before:
            ratio = ((after - before) / before).quantize(Decimal("1e-12"))
            self._formula(cell, f"=({b_ref}-{a_ref})/{a_ref}", ratio, PERCENT_FORMAT)

    def _formula(self, cell: Any, formula: str, result: Decimal, number_format: str) -> None:
        cell.value = formula
        cell.number_format = number_format
        self.results[cell.coordinate] = result

    # --- sums -----------------------------------------------------------------------------------------

    def _write_subtotal(self, feld: Innovationsfeld, members: list[tuple[Row, int]], number: int) -> None:
        """A's sum takes the rows of this field on side A wherever they stand; B's the group's rows."""
        block = [n for row, n in members if row.a is None or row.feld_a is feld]
        inside = set(block)
        elsewhere = [
            (row, n)
            for row, n in self.plan.placed()
            if row.a is not None and row.feld_a is feld and n not in inside
        ]
        sums = self.comparison.by_feld[feld]
        label = f"Zwischensumme {feld} ({_counts(sums)})"
        self._label_row(number, label, "Anlage Summe Text")
        self._write_sums(
            number,
            sorted(block + [n for _, n in elsewhere]),
            [n for _, n in members],
            sums,
            "Anlage Summe Betrag",
        )
        if elsewhere:
            names = [f"{row.nr} ({_where(row)})" for row, _ in elsewhere]
            self._note(number, f"A enthält auch {short_list(names)}", "Anlage Summe Text")

    def _write_total(self) -> None:
        number = self.plan.total_row
        sums = self.comparison.total
        self._label_row(number, f"Gesamtsumme ({_counts(sums)})", "Anlage Gesamt Text")
        subtotals = [sum_row for _, _, sum_row in self.plan.groups]
        self._write_sums(number, subtotals, subtotals, sums, "Anlage Gesamt Betrag")
        self._note(number, "", "Anlage Gesamt Text")

    def _write_apart(self) -> None:
        first = self.plan.apart[0][1]
        self._label_row(first - 1, APART_HEADING, "Anlage Gruppe", span=0)
        for row, number in self.checkpoints.each(self.plan.apart):
            self._write_measure(row, number)
        rows = [n for _, n in self.plan.apart]
        sums = totals([row for row, _ in self.plan.apart])
        label = f"Summe entfallene Maßnahmen ({_count(len(rows))})"
        self._label_row(self.plan.apart_sum, label, "Anlage Summe Text")
        self._write_sums(self.plan.apart_sum, rows, rows, sums, "Anlage Summe Betrag")
        self._note(self.plan.apart_sum, "", "Anlage Summe Text")

    def _write_sums(
        self, number: int, a_rows: list[int], b_rows: list[int], sums: Totals, style: str
    ) -> None:
        """A sum row's amounts: SUM formulas over the given rows for A and B, Δ € and Δ % of the two."""
        for index, column in enumerate(self.columns, start=1):
            if not column.is_amount:
                continue
            cell = self.sheet.cell(number, index)
            cell.style = style
            before, after = sums.a[column.key], sums.b[column.key]
            if column.sub in (A, B):
                rows, result = (a_rows, before) if column.sub == A else (b_rows, after)
                self._sum(cell, get_column_letter(index), rows, result)
            else:
                self._delta(cell, number, index, column.sub, before, after, has_a=True)

    def _sum(self, cell: Any, letter: str, rows: list[int], result: Decimal) -> None:
        if not rows:
            cell.value = result
            cell.number_format = self.display.money_format
            return
        self._formula(cell, f"=SUM({_ranges(letter, rows)})", result, self.display.money_format)

    def _label_row(self, number: int, text: str, style: str, span: int = LABEL_SPAN) -> None:
        """A label over the first ``span`` columns (0: the whole width), styled across them."""
        width = span or len(self.columns)
        for index in range(1, width + 1):
            self.sheet.cell(number, index).style = style
        put_text(self.sheet.cell(number, 1), text)
        self.sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
        fit_row(self.sheet, number, wrapped_lines(text, sum(c.width for c in self.columns[:width])))

    def _note(self, number: int, text: str, style: str) -> None:
        """The "Änderung" cell of a sum row."""
        cell = self.sheet.cell(number, len(self.columns))
        cell.style = style
        if text:
            put_text(cell, text)
            lines = wrapped_lines(text, self.columns[-1].width)
            if lines > 1:
                fit_row(self.sheet, number, lines)

    # --- widths ---------------------------------------------------------------------------------------

    def _shown_texts(self) -> list[list[str]]:
        """What each column shows, as shown: the measures' texts and every amount of rows and sums."""
        placed = [row for row, _ in self.plan.placed()]
        sums = [self.comparison.by_feld[feld] for feld, _, _ in self.plan.groups]
        sums += [self.comparison.total, totals([row for row, _ in self.plan.apart])]
        amounts = [(row.a, row.b) for row in placed] + [(s.a, s.b) for s in sums]
        texts: list[list[str]] = []
        for column in self.columns:
            if column.is_amount:
                texts.append([t for a, b in amounts if (t := self._amount_text(column, a, b))])
            elif column.header == "Nr.":
                texts.append([row.nr for row in placed])
            elif column.header == "Maßnahme":
                texts.append([row.titel for row in placed])
            elif column.share:
                texts.append([row.summary(visible_changes(row, self.options.intern)) for row in placed])
            else:
                texts.append([str(row.status_b or "") for row in placed])
        return texts

    def _amount_text(
        self, column: VergleichColumn, a: dict[str, Decimal] | None, b: dict[str, Decimal] | None
    ) -> str:
        before = None if a is None else a[column.key]
        after = None if b is None else b[column.key]
        if column.sub == A:
            return "" if before is None else self.display.text(before)
        if column.sub == B:
            return "" if after is None else self.display.text(after)
        if before is None and after is None:
            return ""
        if column.sub == DELTA:
            return self.display.text((after or Decimal(0)) - (before or Decimal(0)), signed=True)
        if not before:
            return ""
        return percent_text(((after or Decimal(0)) - before) * 100 / before)


def _count(number: int) -> str:
    return "1 Maßnahme" if number == 1 else f"{number} Maßnahmen"


def _counts(sums: Totals) -> str:
    """``A: 24, B: 25 Maßnahmen``."""
    return f"A: {sums.count_a}, B: {_count(sums.count_b)}"


def _where(row: Row) -> str:
    return f"{Art.ENTFALLEN}" if row.art is Art.ENTFALLEN else f"jetzt {row.feld_b}"


def _ranges(letter: str, rows: list[int]) -> str:
    """``D7:D12,D15`` for the rows 7–12 and 15."""
    runs: list[list[int]] = []
    for number in sorted(rows):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ",".join(
        f"{letter}{first}" if first == last else f"{letter}{first}:{letter}{last}" for first, last in runs
    )
