"""Killing a child process for real (SIGKILL) at planned moments.

A reference run is watched once: how long it takes and how far a file it writes grows (the ``-wal`` of
the database, the temporary file of an export). From that a seeded plan of kills is drawn: some after a
random time spread over the whole run (start-up, reading, backup, writing, the end), some as soon as the
watched file has grown to a random size (so that the kill lands inside the write, whatever the machine's
speed). Waiting is ``Popen.wait(timeout=…)``, i.e. on the child itself.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from gera_desktop import config

REPO = Path(__file__).resolve().parents[2]

POLL = 0.002
"""Seconds between two looks at the watched file."""
RUN_LIMIT = 300.0
"""No child may take longer than this (a hanging child fails the test instead of blocking it)."""

Probe = Callable[[], int]
"""How many bytes the operation has written so far into the file it is watched by."""


@dataclass(frozen=True)
class Reference:
    """An uninterrupted run: its duration and the largest size the watched file reached."""

    seconds: float
    peak: int


@dataclass(frozen=True)
class Kill:
    """One planned kill: ``seconds`` after the start, or as soon as the watched file has ``size`` bytes."""

    seconds: float | None = None
    size: int | None = None

    def __str__(self) -> str:
        return f"nach {self.seconds:.3f} s" if self.seconds is not None else f"bei {self.size} Bytes"


@dataclass(frozen=True)
class Outcome:
    """What one kill left behind."""

    kill: Kill
    killed: bool
    state: str
    interrupted_write: bool


def file_size(path: Path) -> Probe:
    """The size of ``path`` (0 while it does not exist)."""

    def size() -> int:
        try:
            return path.stat().st_size
        except FileNotFoundError:
            return 0

    return size


def largest_match(folder: Path, pattern: str) -> Probe:
    """The size of the largest file in ``folder`` matching ``pattern`` (0 if there is none)."""

    def size() -> int:
        sizes = [0]
        for path in folder.glob(pattern):
            try:
                sizes.append(path.stat().st_size)
            except FileNotFoundError:
                continue
        return max(sizes)

    return size


def gera(*args: str | Path) -> list[str]:
    """The command line ``python -m gera_desktop ARGS`` with this test run's interpreter."""
    return [sys.executable, "-m", "gera_desktop", *map(str, args)]


def child_env(base: Path) -> dict[str, str]:
    """The environment of a child process: its user directories and temporary files below ``base``."""
    env = {name: value for name, value in os.environ.items() if name != config.DB_ENV}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "TMPDIR"):
        folder = base / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    return env


def child_backup_dir(base: Path) -> Path:
    """Where a child started with ``child_env(base)`` keeps its backups (platformdirs on Linux)."""
    return base / "xdg_data_home" / config.APP_NAME / "Sicherungen"


def run_to_end(command: Sequence[str], env: dict[str, str]) -> str:
    """Run ``command`` uninterrupted; it must succeed. Returns its standard output."""
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=RUN_LIMIT)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _start(
    command: Sequence[str], env: dict[str, str], output: IO[bytes] | None = None
) -> subprocess.Popen[bytes]:
    stream: IO[bytes] | int = subprocess.DEVNULL if output is None else output
    return subprocess.Popen(command, env=env, cwd=REPO, stdout=stream, stderr=stream)


def watch(command: Sequence[str], env: dict[str, str], probe: Probe) -> Reference:
    """Run ``command`` to its end, noting its duration and the peak of ``probe``; it must succeed."""
    with tempfile.TemporaryFile() as output:  # a pipe could fill up and stop the child
        process = _start(command, env, output)
        start, peak = time.monotonic(), 0
        while process.poll() is None:
            peak = max(peak, probe())
            _wait(process, POLL, start)
        seconds = time.monotonic() - start
        output.seek(0)
        assert process.returncode == 0, output.read().decode(errors="replace")
    return Reference(seconds, peak)


def kill_plan(reference: Reference, *, timed: int, triggered: int, seed: int) -> list[Kill]:
    """``timed`` moments spread over the run (one random moment in each equal slice of its duration)
    and ``triggered`` sizes spread over the watched file's growth, in a seeded random order."""
    rng = random.Random(seed)
    slices = [reference.seconds * (i + rng.random()) / timed for i in range(timed)]
    sizes = [max(1, int(reference.peak * (i + rng.random()) / triggered)) for i in range(triggered)]
    plan = [Kill(seconds=s) for s in slices] + [Kill(size=s) for s in sizes]
    rng.shuffle(plan)
    return plan


def run_and_kill(command: Sequence[str], env: dict[str, str], kill: Kill, probe: Probe) -> bool:
    """Start ``command`` and SIGKILL it as ``kill`` says; ``False`` when it ended (successfully) first."""
    process = _start(command, env)
    start = time.monotonic()
    if kill.seconds is not None:
        try:
            process.wait(timeout=kill.seconds)
        except subprocess.TimeoutExpired:
            return _kill(process)
    else:
        assert kill.size is not None
        while process.poll() is None and probe() < kill.size:
            _wait(process, POLL, start)
        if process.poll() is None:
            return _kill(process)
    assert process.returncode == 0, f"der Befehl endete mit {process.returncode}"
    return False


def _kill(process: subprocess.Popen[bytes]) -> bool:
    process.kill()
    process.wait()
    return True


def _wait(process: subprocess.Popen[bytes], seconds: float, start: float) -> None:
    """Wait for the child up to ``seconds``; a child running past ``RUN_LIMIT`` is killed and fails."""
    if time.monotonic() - start > RUN_LIMIT:
        _kill(process)
        raise AssertionError(f"der Befehl lief länger als {RUN_LIMIT} s")
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return


def summary(outcomes: Sequence[Outcome]) -> str:
    """One line per kill, for assertion messages."""
    return "\n".join(
        f"{o.kill}: {'getötet' if o.killed else 'schon fertig'}, Zustand {o.state}"
        f"{', Schreibvorgang unterbrochen' if o.interrupted_write else ''}"
        for o in outcomes
    )
