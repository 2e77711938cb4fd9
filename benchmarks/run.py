"""Scale benchmark (issue 3): import and export of 10,000 measures against bare openpyxl passes.

Run as ``uv run python benchmarks/run.py [--measures N] [--repeat K]``. Prints a table of median times,
peak memory (tracemalloc) and the ratio to the bare openpyxl pass each goal is measured against.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.cases import CASES, Case


@dataclass
class Result:
    """Median seconds and peak memory of one case."""

    name: str
    seconds: float
    peak_mb: float


def measure(action: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None) -> Result:
    """Median wall time over ``repeat`` runs; peak memory of one extra traced run."""
    times = []
    for _ in range(repeat):
        if setup:
            setup()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    if setup:
        setup()
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return Result("", statistics.median(times), peak / 1e6)


def print_table(rows: list[tuple[Case, Result, Result | None]]) -> None:
    """One line per case: time, memory, baseline, ratio and the goal."""
    print(f"{'Fall':<44} {'Median s':>9} {'Peak MB':>8} {'Verhältnis':>10} {'Ziel':>6}  Basis")
    for case, result, base in rows:
        ratio = f"{result.seconds / base.seconds:.2f}" if base else "–"
        goal = f"≤ {case.goal:.1f}" if case.goal else ""
        met = bool(case.goal and base and result.seconds / base.seconds <= case.goal)
        ok = "" if not (case.goal and base) else (" ok" if met else " VERFEHLT")
        print(
            f"{case.name:<44} {result.seconds:>9.2f} {result.peak_mb:>8.0f} {ratio:>10} {goal:>6}{ok}  "
            f"{case.baseline or ''}"
        )


def main() -> int:
    """Generate the workbook, run every case, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--liste", action="store_true", help="nur Filtern und Sortieren der Liste (Issue 4)")
    args = parser.parse_args()
    if args.liste:
        from benchmarks.list_cases import print_list_table, run_list_cases

        print_list_table(run_list_cases(args.measures, max(args.repeat, 5)), args.measures)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        results: dict[str, Result] = {}
        rows = []
        for case in CASES:
            case.prepare(workdir, args.measures)
            result = measure(case.action, args.repeat, case.setup)
            results[case.name] = result
            rows.append((case, result, results.get(case.baseline or "")))
        count = f"{args.measures:,}".replace(",", ".")
        print(f"{count} Maßnahmen, 5 Meilensteine und 4 Haushaltsjahre je Maßnahme")
        print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
