"""Sheet "Vergleich" of the ``vergleich`` workbook, row by row: the two header rows, a heading, the
measures and a subtotal per Innovationsfeld, the grand total, and the block of the measures dropped out;
every sum a SUM formula whose result is noted for the formula cache."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.domain.formatting import short_list
from gera_desktop.domain.progress import Checkpoints
from gera_desktop.domain.vergleich import Art, Comparison, Row, Totals, totals
from gera_desktop.excel.anlage_layout import (
    HEADER_ROW,
    Titled,
    fit_header_row,
    fit_row,
    fit_subject_row,
    prepare_print,
    put_text,
    wrapped_lines,
    write_title,
)
from gera_desktop.excel.vergleich_aenderungen import visible_changes
from gera_desktop.excel.vergleich_columns import (
    DELTA,
    PERCENT_FORMAT,
    A,
    B,
    Display,
    VergleichColumn,
    VergleichOptions,
    columns,
    sized,
)
from gera_desktop.excel.vergleich_plan import FIRST_ROW, SUB_HEADER_ROW, plan, ranges, shown_texts
from gera_desktop.excel.writing import CellTextError, text_error

LABEL_SPAN = 3
"""Sum labels span Nr., Maßnahme and Umsetzungsstand."""
APART_HEADING = (
    "Entfallene Maßnahmen (gelöscht, abgelehnt oder abgebrochen seit A) – ihre Beträge in A stehen in den "
    "Summen oben"
)


class VergleichSheet:
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
        self.layout = plan(comparison)
        self.columns: list[VergleichColumn] = columns()

    def write(self, lines: Sequence[str], page: Titled) -> None:
        """Everything, then the print setup."""
        self.columns = sized(
            self.columns, shown_texts(self.layout, self.comparison, self.columns, self.options)
        )
        self._write_header(lines)
        for feld, members, sum_row in self.layout.groups:
            self._label_row(sum_row - len(members) - 1, f"Innovationsfeld: {feld}", "Anlage Gruppe", span=0)
            for row, number in self.checkpoints.each(members):
                self._write_measure(row, number)
            self._write_subtotal(feld, members, sum_row)
        self._write_total()
        if self.layout.apart:
            self._write_apart()
        fit_subject_row(self.sheet, lines[1], sum(c.width for c in self.columns))
        prepare_print(self.sheet, page, f"{HEADER_ROW}:{SUB_HEADER_ROW}", freeze=False)
        self.sheet.freeze_panes = f"{get_column_letter(LABEL_SPAN + 1)}{FIRST_ROW}"

    # --- header ---------------------------------------------------------------------------------------

    def _write_header(self, lines: Sequence[str]) -> None:
        """Title rows, then row 5 with the single columns (merged down) and each amount's name over its
        group, and row 6 with A, B, Δ € and Δ %."""
        headers = [c.header if not c.is_amount or c.sub == A else "" for c in self.columns]
        write_title(self.sheet, lines, headers)
        for index, column in enumerate(self.columns, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = column.width
            cell = self.sheet.cell(SUB_HEADER_ROW, index)
            cell.style = "Anlage Kopf"
            if column.is_amount:
                cell.value = column.sub
            else:
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
            for row, n in self.layout.placed()
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
        number = self.layout.total_row
        sums = self.comparison.total
        self._label_row(number, f"Gesamtsumme ({_counts(sums)})", "Anlage Gesamt Text")
        subtotals = [sum_row for _, _, sum_row in self.layout.groups]
        self._write_sums(number, subtotals, subtotals, sums, "Anlage Gesamt Betrag")
        self._note(number, "", "Anlage Gesamt Text")

    def _write_apart(self) -> None:
        first = self.layout.apart[0][1]
        self._label_row(first - 1, APART_HEADING, "Anlage Gruppe", span=0)
        for row, number in self.checkpoints.each(self.layout.apart):
            self._write_measure(row, number)
        rows = [n for _, n in self.layout.apart]
        sums = totals([row for row, _ in self.layout.apart])
        label = f"Summe entfallene Maßnahmen ({_count(len(rows))})"
        self._label_row(self.layout.apart_sum, label, "Anlage Summe Text")
        self._write_sums(self.layout.apart_sum, rows, rows, sums, "Anlage Summe Betrag")
        self._note(self.layout.apart_sum, "", "Anlage Summe Text")

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
        self._formula(cell, f"=SUM({ranges(letter, rows)})", result, self.display.money_format)

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


def _count(number: int) -> str:
    return "1 Maßnahme" if number == 1 else f"{number} Maßnahmen"


def _counts(sums: Totals) -> str:
    """``A: 24, B: 25 Maßnahmen``."""
    return f"A: {sums.count_a}, B: {_count(sums.count_b)}"


def _where(row: Row) -> str:
    return f"{Art.ENTFALLEN}" if row.art is Art.ENTFALLEN else f"jetzt {row.feld_b}"
