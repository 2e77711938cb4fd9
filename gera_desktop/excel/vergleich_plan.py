"""Where everything lands on sheet "Vergleich": the row of every measure, heading and sum, the cells a
sum adds up, and what each column shows (for its width)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.domain.vergleich import Art, Comparison, Row, totals
from gera_desktop.excel.anlage_layout import HEADER_ROW
from gera_desktop.excel.vergleich_aenderungen import visible_changes
from gera_desktop.excel.vergleich_columns import (
    DELTA,
    A,
    B,
    Display,
    VergleichColumn,
    VergleichOptions,
    percent,
    percent_text,
)

SUB_HEADER_ROW = HEADER_ROW + 1
FIRST_ROW = SUB_HEADER_ROW + 1


@dataclass
class Plan:
    """Where every row lands: the groups (field, its rows with their numbers, the subtotal's row), the
    grand total, and the block of the measures dropped out (with its sum's row)."""

    groups: list[tuple[Innovationsfeld, list[tuple[Row, int]], int]] = field(default_factory=list)
    total_row: int = 0
    apart: list[tuple[Row, int]] = field(default_factory=list)
    apart_sum: int = 0

    def placed(self) -> list[tuple[Row, int]]:
        """Every measure with its row number."""
        return [pair for _, members, _ in self.groups for pair in members] + self.apart


def plan(comparison: Comparison) -> Plan:
    """Number the rows: a heading, the measures and a subtotal per group, the total, the block apart."""
    listed = [r for r in comparison.rows if r.listed]
    main = [r for r in listed if r.art is not Art.ENTFALLEN]
    fields_a = {r.feld_a for r in listed if r.a is not None}
    result, number = Plan(), FIRST_ROW
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


def shown_texts(
    layout: Plan, comparison: Comparison, columns: Sequence[VergleichColumn], options: VergleichOptions
) -> list[list[str]]:
    """What each column shows, as shown: the measures' texts and every amount of rows and sums."""
    display = Display(options.in_mio)
    placed = [row for row, _ in layout.placed()]
    sums = [comparison.by_feld[feld] for feld, _, _ in layout.groups]
    sums += [comparison.total, totals([row for row, _ in layout.apart])]
    amounts = [(row.a, row.b) for row in placed] + [(s.a, s.b) for s in sums]
    texts: list[list[str]] = []
    for column in columns:
        if column.is_amount:
            texts.append([t for a, b in amounts if (t := _amount_text(display, column, a, b))])
        elif column.header == "Nr.":
            texts.append([row.nr for row in placed])
        elif column.header == "Maßnahme":
            texts.append([row.titel for row in placed])
        elif column.share:
            texts.append([row.summary(visible_changes(row, options.intern)) for row in placed])
        else:
            texts.append([str(row.status_b or "") for row in placed])
    return texts


def _amount_text(
    display: Display, column: VergleichColumn, a: dict[str, Decimal] | None, b: dict[str, Decimal] | None
) -> str:
    before = None if a is None else a[column.key]
    after = None if b is None else b[column.key]
    if column.sub == A:
        return "" if before is None else display.text(before)
    if column.sub == B:
        return "" if after is None else display.text(after)
    if before is None and after is None:
        return ""
    if column.sub == DELTA:
        return display.text((after or Decimal(0)) - (before or Decimal(0)), signed=True)
    if not before:
        return ""
    return percent_text(percent(before, after or Decimal(0)))


def ranges(letter: str, rows: list[int]) -> str:
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
