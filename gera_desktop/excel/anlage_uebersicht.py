"""Sheet "Übersicht" of the council annex: totals per Innovationsfeld and per Umsetzungsstand, and the
programme figures (Bundesmittel against the funding envelope). Every figure is a formula over the
"Anlage" sheet, so that it follows the council's own changes there; an annex grouped by Cluster has a
table per Cluster first, and its Innovationsfeld totals are plain numbers (the Anlage has no such
blocks). Measures abgelehnt or abgebrochen count in no sum: each table shows them on their own rows
below its "Summe".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.grouping import GroupKey, Gruppierung, group_name
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.excel.anlage_layout import (
    BOLD_WIDTH,
    HEADER_ROW,
    PADDING,
    Results,
    fit_header_row,
    fit_row,
    fit_subject_row,
    prepare_print,
    text_width,
    wrapped_lines,
    write_title,
)

if TYPE_CHECKING:
    from gera_desktop.excel.anlage_columns import AnlageColumn, Entry, Layout
    from gera_desktop.excel.anlage_layout import AnlageOptions

SHEET_TITLE = "Übersicht"
NOT_SET = "nicht festgelegt"
LABEL_WIDTH = 50
COUNT_WIDTH = 10
APART_LABEL = "Nicht weiterverfolgte Maßnahmen (in keiner Summe)"


class _Writer:
    """Writes the Übersicht row by row and notes each formula's result."""

    def __init__(self, sheet: Worksheet, layout: Layout, entries: Sequence[Entry], results: Results) -> None:
        self.sheet = sheet
        self.layout = layout
        self.entries = [e for e in entries if e.pursued]
        self.apart = [e for e in entries if not e.pursued]
        self.values = results.setdefault(SHEET_TITLE, {})
        self.money = layout.money_columns
        self.widths = [LABEL_WIDTH, COUNT_WIDTH, *(_one_line_header(c) for c in self.money)]
        self.row = HEADER_ROW

    def put(self, column: int, value: Any, style: str, result: Decimal | int | None = None) -> str:
        """Write a value or formula into the current row; a formula's ``result`` is kept for the cache."""
        cell = self.sheet.cell(self.row, column)
        cell.value = value
        cell.style = style
        if isinstance(value, str) and value.startswith("=") and result is not None:
            self.values[cell.coordinate] = result
        return str(cell.coordinate)

    def header(self, label: str) -> None:
        headers = [label, "Anzahl", *(c.header for c in self.money)]
        for index, text in enumerate(headers, start=1):
            self.put(index, text, "Anlage Kopf")
        fit_header_row(self.sheet, self.row, list(zip(headers, self.widths, strict=True)))
        self.row += 1

    def figures_row(self, label: str, members: list[Entry], formulas: list[str] | None) -> None:
        """Label, count and sums; as formulas where the Anlage has the rows, else as plain numbers."""
        self.put(1, label, "Anlage Text")
        count, sums = len(members), [_sum(c.value, members) for c in self.money]
        if formulas is None:
            self.put(2, count, "Anlage Anzahl")
            for index, amount in enumerate(sums, start=3):
                self.put(index, amount, "Anlage Betrag")
        else:
            self.put(2, formulas[0], "Anlage Anzahl", count)
            for index, (formula, amount) in enumerate(zip(formulas[1:], sums, strict=True), start=3):
                self.put(index, formula, "Anlage Betrag", amount)
        self.row += 1

    def sum_row(self, first: int, members: Sequence[Entry]) -> None:
        """The "Summe" row over the rows from ``first`` to the row above."""
        last = self.row - 1
        self.put(1, "Summe", "Anlage Gesamt Text")
        self.put(2, f"=SUM(B{first}:B{last})", "Anlage Gesamt Anzahl", len(members))
        for index, column in enumerate(self.money, start=3):
            letter = get_column_letter(index)
            total = _sum(column.value, members)
            self.put(index, f"=SUM({letter}{first}:{letter}{last})", "Anlage Gesamt Betrag", total)
        self.row += 1


def _one_line_header(column: AnlageColumn) -> float:
    """The width of an amount column here: the Übersicht has room for its header on one line."""
    return max(column.width, math.ceil(text_width(column.header) * BOLD_WIDTH + PADDING))


def _sum(value: Callable[[Entry], Decimal | None], members: Sequence[Entry]) -> Decimal:
    return sum((value(e) or Decimal(0) for e in members), Decimal(0))


def write_uebersicht(
    sheet: Worksheet,
    layout: Layout,
    entries: Sequence[Entry],
    options: AnlageOptions,
    settings: ProgrammEinstellungen,
    results: Results,
) -> None:
    """Fill the Übersicht sheet (see the module docstring)."""
    writer = _Writer(sheet, layout, entries, results)
    headers = [str(options.gruppierung), "Anzahl", *(c.header for c in layout.money_columns)]
    title = f"Übersicht zur {options.title}"
    write_title(sheet, [title, options.betreff, f"Stand: {format_date(options.stand)}"], headers)
    for index, width in enumerate(writer.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    fit_header_row(sheet, HEADER_ROW, list(zip(headers, writer.widths, strict=True)))
    fit_subject_row(sheet, options.betreff, sum(writer.widths))
    writer.row = HEADER_ROW + 1
    by_field = options.gruppierung is Gruppierung.INNOVATIONSFELD
    if not by_field:
        _by_cluster(writer)
        writer.header("Innovationsfeld")
    _by_field(writer, layout.groups if by_field else {})
    _by_status(writer)
    _programme(writer, settings)
    prepare_print(sheet, options, None, freeze=False)


def _by_field(writer: _Writer, blocks: dict[GroupKey, tuple[int, int, int]]) -> None:
    """Per Innovationsfeld: formulas over its block of the Anlage (``blocks``), else plain numbers."""
    layout, first = writer.layout, writer.row
    for feld in Innovationsfeld:
        members = [e for e in writer.entries if e.record.innovationsfeld == feld]
        rows = blocks.get(feld)
        writer.figures_row(str(feld), members, None if rows is None else _block_formulas(writer, rows))
    writer.sum_row(first, writer.entries)
    apart = layout.apart
    writer.figures_row(APART_LABEL, writer.apart, None if apart is None else _block_formulas(writer, apart))
    writer.row += 1


def _by_cluster(writer: _Writer) -> None:
    """Per Cluster of the Anlage (in its order, "Ohne Cluster" last): its count and subtotals."""
    first = writer.row
    for key, rows in writer.layout.groups.items():
        members = [e for e in writer.entries if Gruppierung.CLUSTER.key(e.record) == key]
        writer.figures_row(group_name(key), members, _block_formulas(writer, rows))
    writer.sum_row(first, writer.entries)
    writer.row += 1


def _block_formulas(writer: _Writer, rows: tuple[int, int, int]) -> list[str]:
    """The count of a block of the Anlage and references to its sum row."""
    start, end, sum_row = rows
    nr = writer.layout.letter("Nr.")
    formulas = [f"=COUNTA(Anlage!{nr}{start}:{nr}{end})"]
    return formulas + [f"=Anlage!{writer.layout.letter(c.header)}{sum_row}" for c in writer.money]


def _by_status(writer: _Writer) -> None:
    writer.header("Umsetzungsstand")
    first = writer.row
    for stand in Umsetzungsstand:
        if stand.counts_in_programme:
            _status_row(writer, stand, writer.entries)
    writer.sum_row(first, writer.entries)
    for stand in Umsetzungsstand:
        if not stand.counts_in_programme:
            _status_row(writer, stand, writer.apart, f"{stand} (in keiner Summe)", f'"{stand}"')
    writer.row += 1


def _status_row(
    writer: _Writer,
    stand: Umsetzungsstand,
    entries: Sequence[Entry],
    label: str | None = None,
    criterion: str | None = None,
) -> None:
    """Count and sums of one Umsetzungsstand: COUNTIF and SUMIF over every measure row of the Anlage
    (``criterion``: the status as a formula sees it, by default the row's label cell)."""
    layout = writer.layout
    members = [e for e in entries if e.record.status == stand]
    formulas = None
    if layout.groups or layout.apart:
        status = layout.letter("Umsetzungsstand")
        span = f"Anlage!${status}${layout.first_row}:${status}${layout.last_row}"
        criterion = criterion or f"$A{writer.row}"
        formulas = [f"=COUNTIF({span},{criterion})"]
        for column in writer.money:
            letter = layout.letter(column.header)
            values = f"Anlage!{letter}${layout.first_row}:{letter}${layout.last_row}"
            formulas.append(f"=SUMIF({span},{criterion},{values})")
    writer.figures_row(label or str(stand), members, formulas)


def _programme(writer: _Writer, settings: ProgrammEinstellungen) -> None:
    layout = writer.layout
    for column, text in ((1, "Programmdaten"), (2, None), (3, "Betrag")):
        writer.put(column, text, "Anlage Kopf")
    writer.row += 1
    bund, called = writer.money[1], writer.money[-1]
    rate = settings.foerderquote / 100
    _figure(writer, "Förderquote des Programms", rate, "Anlage Prozent", number_format=_percent_format(rate))
    envelope = _figure(
        writer, "Fördervolumen des Programms (Bundesmittel)", settings.foerdervolumen or NOT_SET
    )
    planned = _sum(bund.value, writer.entries)
    line_planned = _figure(
        writer,
        "Bundesmittel des Programms (Gesamtsumme der Anlage)",
        _total_ref(layout, bund.header),
        result=planned,
    )
    remaining: Any = NOT_SET
    result = None
    if settings.foerdervolumen is not None:
        remaining, result = f"={envelope}-{line_planned}", settings.foerdervolumen - planned
    label = "Noch nicht verplant (Fördervolumen − Bundesmittel des Programms)"
    _figure(writer, label, remaining, result=result)
    _figure(
        writer,
        "Bereits abgerufen (Mittel abgerufen des Programms)",
        _total_ref(layout, called.header),
        result=_sum(called.value, writer.entries),
    )
    apart: Any = Decimal(0)
    if layout.apart is not None:
        apart = f"=Anlage!{layout.letter(bund.header)}{layout.apart[2]}"
    _figure(
        writer,
        "Nicht enthalten: Bundesmittel nicht weiterverfolgter Maßnahmen",
        apart,
        result=_sum(bund.value, writer.apart),
    )


def _total_ref(layout: Layout, header: str) -> str:
    return f"=Anlage!{layout.letter(header)}{layout.total_row}"


def _figure(
    writer: _Writer,
    label: str,
    value: Any,
    style: str = "Anlage Betrag",
    result: Decimal | None = None,
    number_format: str | None = None,
) -> str:
    """One line of the programme figures: label over A:B, value in C; returns the value's cell."""
    writer.put(1, label, "Anlage Text")
    writer.put(2, None, "Anlage Text")
    writer.sheet.merge_cells(start_row=writer.row, start_column=1, end_row=writer.row, end_column=2)
    fit_row(writer.sheet, writer.row, wrapped_lines(label, LABEL_WIDTH + 10))
    text = isinstance(value, str) and not value.startswith("=")
    cell = writer.put(3, value, "Anlage Text" if text else style, result)
    if number_format:
        writer.sheet[cell].number_format = number_format
    writer.row += 1
    return cell


def _percent_format(rate: Decimal) -> str:
    """``0 %`` for whole percentages, else with the decimals the rate has (90,5 % stays 90,5 %)."""
    places = max(0, -(rate * 100).normalize().as_tuple().exponent)  # type: ignore[operator]
    return "0 %" if places == 0 else "0." + "0" * places + " %"
