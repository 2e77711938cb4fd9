"""What every benchmark section shares: the settings of a run, a measured row and how it is printed, and
the pairing of a case with its floor.

Every goal is a ratio to a floor measured in the same run: the case and its floor run in alternation and
the ratio is the median of the paired ratios, so that load from other programs on the machine (two cores
shared with others) affects both sides alike. A few goals are absolute (milliseconds of a frozen window,
megabytes of memory); their rows say so.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from gera_desktop.domain.formatting import format_count, format_number

NAME_WIDTH = 60


class BenchmarkError(Exception):
    """A case could not be measured (it timed out, or the program refused); the message says why."""


@dataclass(frozen=True)
class Settings:
    """One run: ``quick`` (smaller sizes, fewer repeats), the folder for its files, and the texts of
    ``--only`` that pick single cases of a section (empty: all of them)."""

    quick: bool
    workdir: Path
    only: tuple[str, ...] = ()

    @property
    def measures(self) -> int:
        """The size of the goals that speak of 10,000 measures (fewer in a quick run)."""
        return self.pick(10_000, 2_000)

    def pick(self, full: int, quick: int) -> int:
        """``full`` in a full run, ``quick`` in a quick one."""
        return quick if self.quick else full


@dataclass(frozen=True)
class Row:
    """One measured figure; ``goal`` applies to the ratio, or to the value itself when ``absolute``;
    ``basis`` names the floor, ``note`` says anything else worth knowing."""

    name: str
    value: float
    unit: str
    floor: float | None = None
    ratio: float | None = None
    goal: float | None = None
    absolute: bool = False
    stretch: float | None = None
    basis: str = ""
    note: str = ""

    @property
    def met(self) -> bool | None:
        """True or False against the goal; ``None`` for a row without one (information, a floor)."""
        if self.goal is None:
            return None
        measured = self.value if self.absolute else self.ratio
        return measured is not None and measured <= self.goal


def count(n: int) -> str:
    """``10000`` -> ``'10.000'``."""
    return format_count(n)


def number(value: float, places: int) -> str:
    """A figure with German decimal comma and thousands dots."""
    return format_number(Decimal(repr(float(value))), places)


def amount(value: float, unit: str) -> str:
    """``'1,23 s'``, ``'12,3 ms'``, ``'1.234 ms'``, ``'215 MB'``, ``'0,8 MB'``."""
    if unit == "s":
        places = 2
    elif unit in ("ms", "MB"):
        places = 1 if value < (100 if unit == "ms" else 10) else 0
    else:
        places = 0
    return f"{number(value, places)} {unit}"


def _goal_text(row: Row) -> str:
    if row.goal is None:
        return ""
    return f"≤ {amount(row.goal, row.unit)}" if row.absolute else f"≤ {number(row.goal, 1)}×"


def format_row(row: Row) -> str:
    """One line: name, value, floor, ratio, goal, verdict, then a stretch goal and what the floor is."""
    floor = amount(row.floor, row.unit) if row.floor is not None else ""
    ratio = f"{number(row.ratio, 2)}×" if row.ratio is not None else ""
    verdict = {True: "ok", False: "VERFEHLT", None: ""}[row.met]
    notes = [f"Streckziel ≤ {number(row.stretch, 1)}×"] if row.stretch is not None else []
    notes += [f"Boden: {row.basis}"] if row.basis else []
    notes += [row.note] if row.note else []
    line = (
        f"{row.name:<{NAME_WIDTH}} {amount(row.value, row.unit):>10} {floor:>10} {ratio:>7} "
        f"{_goal_text(row):>10} {verdict:<8} {'; '.join(notes)}"
    )
    return line.rstrip()


def pairs(n: int) -> str:
    """``'einem Paar'``, ``'3 Paaren'`` (after "Median aus")."""
    return "einem Paar" if n == 1 else f"{n} Paaren"


def columns() -> str:
    """The column heads above the rows of a section."""
    return f"{'Fall':<{NAME_WIDTH}} {'Wert':>10} {'Boden':>10} {'Verh.':>7} {'Ziel':>10}"


def emit(row: Row) -> None:
    """Print a row at once (a long run shows every figure as soon as it is measured)."""
    print(format_row(row), flush=True)


def heading(title: str, explanation: str = "") -> None:
    """The head of a section: its title, what it measures, the column heads."""
    print(f"\n## {title}", flush=True)
    if explanation:
        print(explanation, flush=True)
    print(columns(), flush=True)


def timed(action: Callable[[], object], setup: Callable[[], object] | None = None) -> float:
    """Seconds of one call of ``action`` (its ``setup`` not counted)."""
    if setup is not None:
        setup()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


@dataclass(frozen=True)
class Paired:
    """Median seconds of a case and of its floor, and the median of the ratios of each pair."""

    seconds: float
    floor: float
    ratio: float


def paired(
    action: Callable[[], object],
    floor: Callable[[], object],
    repeat: int,
    *,
    setup: Callable[[], object] | None = None,
    floor_setup: Callable[[], object] | None = None,
) -> Paired:
    """Run the floor and the case in alternation ``repeat`` times."""
    cases, floors, ratios = [], [], []
    for _ in range(repeat):
        base = timed(floor, floor_setup)
        seconds = timed(action, setup)
        cases.append(seconds)
        floors.append(base)
        ratios.append(seconds / base)
    return Paired(statistics.median(cases), statistics.median(floors), statistics.median(ratios))
