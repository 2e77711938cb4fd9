"""Scale benchmark (issue 3): import and export of 10,000 measures against bare openpyxl passes, and the
full integrity check of the filled database against a plain sqlite3 read of every page (issue 10).

Run as ``uv run python benchmarks/run.py [--measures N] [--repeat K]``. Prints a table of median times,
peak memory (tracemalloc) and the ratio to the bare openpyxl pass each goal is measured against. A case
and its baseline run in alternation, and the ratio is the median of the paired ratios, so that load from
other programs on the machine affects both sides alike.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.cases import CASES, Case


@dataclass
class Result:
    """Median seconds, peak memory, and the median ratio to the baseline run beside each run."""

    seconds: float
    peak_mb: float
    ratio: float | None = None


def timed(case: Case) -> float:
    """One run of a case (its setup not counted)."""
    if case.setup:
        case.setup()
    start = time.perf_counter()
    case.action()
    return time.perf_counter() - start


def peak_memory(case: Case) -> float:
    """Peak traced memory of one run, in MB."""
    if case.setup:
        case.setup()
    tracemalloc.start()
    case.action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def measure(case: Case, repeat: int, baseline: Case | None) -> Result:
    """Median time over ``repeat`` runs, each right after a run of the baseline when there is one."""
    times, ratios = [], []
    for _ in range(repeat):
        base = timed(baseline) if baseline else None
        seconds = timed(case)
        times.append(seconds)
        if base:
            ratios.append(seconds / base)
    ratio = statistics.median(ratios) if ratios else None
    return Result(statistics.median(times), peak_memory(case), ratio)


def print_table(rows: list[tuple[Case, Result]]) -> None:
    """One line per case: time, memory, baseline, ratio and the goal."""
    print(f"{'Fall':<44} {'Median s':>9} {'Peak MB':>8} {'Verhältnis':>10} {'Ziel':>6}  Basis")
    for case, result in rows:
        ratio = f"{result.ratio:.2f}" if result.ratio is not None else "–"
        goal = f"≤ {case.goal:.1f}" if case.goal else ""
        met = result.ratio is not None and case.goal is not None and result.ratio <= case.goal
        ok = "" if not (case.goal and result.ratio) else (" ok" if met else " VERFEHLT")
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
        by_name = {case.name: case for case in CASES}
        rows = []
        for case in CASES:
            case.prepare(workdir, args.measures)
            rows.append((case, measure(case, args.repeat, by_name.get(case.baseline or ""))))
        count = f"{args.measures:,}".replace(",", ".")
        print(f"{count} Maßnahmen, 5 Meilensteine und 4 Haushaltsjahre je Maßnahme")
        print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
