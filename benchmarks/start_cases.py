"""Start (issue 11): the whole process, from its start to the painted main window and to the painted list
of 10,000 measures with the status bar's sums, against a process that only paints an empty ``QMainWindow``.

Each run is a new process (``start_probe.py``) on the offscreen platform, started from the same database
as a first start (no remembered layout). The floor and the program run in alternation; the ratios are
the medians of the paired ratios. One unmeasured run of each comes first: it compiles the bytecode into
the run's cache and brings the files into the operating system's cache.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import fixtures
from benchmarks.harness import BenchmarkError, Row, Settings, count, emit, heading, pairs

PROBE = Path(__file__).with_name("start_probe.py")
TIMEOUT_S = 180
WINDOW_GOAL = 2.0
LIST_GOAL = 4.0
FLOOR = "leeres QMainWindow"


def probe(mode: str, env: dict[str, str]) -> dict[str, float]:
    """One start in a new process: seconds to the painted window (``fenster``) and list (``liste``),
    and the peak memory in MB (``rss``)."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(PROBE), mode, repr(started)],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    line = next((text for text in done.stdout.splitlines() if text.startswith("START ")), None)
    if line is None:
        raise BenchmarkError(
            f"Startprobe „{mode}“ ohne Ergebnis (Exit-Code {done.returncode}): "
            f"{done.stdout.strip()} {done.stderr.strip()[-600:]}"
        )
    return {key: float(value) for key, value in (item.split("=") for item in line.split()[1:])}


def run(settings: Settings) -> None:
    """Paired starts of the floor and the program; three rows."""
    n = settings.measures
    database = fixtures.filled_database(settings.workdir, n)
    env = fixtures.child_environment(settings.workdir, GERA_DESKTOP_DB=str(database))
    repeat = settings.pick(9, 3)
    heading(
        "Start",
        f"Ganzer Prozess bis zum gezeichneten Fenster, offscreen, {count(n)} Maßnahmen in der Datenbank, "
        f"Median aus {pairs(repeat)}; kompilierter Bytecode (siehe oben).",
    )
    probe("leer", env)
    probe("programm", env)
    floors, windows, lists = [], [], []
    for _ in range(repeat):
        floors.append(probe("leer", env)["fenster"])
        program = probe("programm", env)
        windows.append(program["fenster"])
        lists.append(program["liste"])
    floor = statistics.median(floors)
    emit(Row("Start: leeres QMainWindow gezeichnet (Boden)", floor, "s"))
    emit(_row("Start: Hauptfenster gezeichnet", windows, floors, WINDOW_GOAL))
    emit(_row(f"Start: {count(n)} Maßnahmen gelistet, Summen gezeichnet", lists, floors, LIST_GOAL))


def _row(name: str, times: list[float], floors: list[float], goal: float) -> Row:
    ratios = [t / f for t, f in zip(times, floors, strict=True)]
    return Row(
        name,
        statistics.median(times),
        "s",
        floor=statistics.median(floors),
        ratio=statistics.median(ratios),
        goal=goal,
        basis=FLOOR,
    )
