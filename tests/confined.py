"""Child processes that the operating system really restricts: bound by file permissions, or writing
onto a small disk that fills up. Linux only.

The tests run as root here, and root writes a write-protected file anyway. ``unshare --user`` starts a
child in a user namespace of its own that keeps root's files readable but has none of root's privileges
there, so ``chmod`` binds it as it binds an office user; a test run by an ordinary user needs no prefix.
``unshare --user --map-root-user --mount`` lets a child mount a small ``tmpfs`` that only it sees: a real
full disk. Where neither is possible, the tests that need it are skipped.

``run_commands`` runs several command lines (``main(argv)``) in one child, to keep the tests quick, and
returns each one's exit code, standard output and standard error; ``listing`` what lay in the given
folders at the end (a ``tmpfs`` is gone once the child has ended).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.faults.killing import REPO

RUN_LIMIT = 300
RUNNER = """
import contextlib, gc, io, json, os, sys
from gera_desktop.__main__ import main
results = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
        gc.collect()  # what the garbage collector would complain about lands in this command's output
    results.append((code, out.getvalue(), err.getvalue()))
listing = {folder: sorted(os.listdir(folder)) for folder in json.loads(sys.argv[2])}
print(json.dumps({"results": results, "listing": listing}))
"""


@dataclass(frozen=True)
class Outcome:
    """What one command did."""

    code: int
    out: str
    err: str


@dataclass(frozen=True)
class Run:
    """What the commands of one child did, and what lay in the listed folders afterwards."""

    outcomes: list[Outcome]
    listing: dict[str, list[str]]


def _works(command: list[str]) -> bool:
    try:
        return subprocess.run(command, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def unprivileged_prefix() -> list[str] | None:
    """The prefix that makes a child subject to file permissions; ``None`` when there is none."""
    if not sys.platform.startswith("linux"):
        return None
    if os.geteuid() != 0:
        return []
    if shutil.which("unshare") and _works(["unshare", "--user", "true"]):
        return ["unshare", "--user"]
    return None


def small_disks_prefix(disks: dict[Path, int]) -> list[str] | None:
    """The prefix that runs a child with a ``tmpfs`` of the given size in bytes mounted on each folder."""
    if not sys.platform.startswith("linux") or not shutil.which("unshare"):
        return None
    mounts = " && ".join(
        f"mount -t tmpfs -o size={size} tmpfs {shlex.quote(str(folder))}" for folder, size in disks.items()
    )
    prefix = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", f'{mounts} && exec "$@"', "sh"]
    return prefix if _works([*prefix, "true"]) else None


def run_commands(
    prefix: list[str], commands: list[list[str]], env: dict[str, str], listed: tuple[Path, ...] = ()
) -> Run:
    """Run each command line in one child under ``prefix``; the child itself must not fail."""
    child = [*prefix, sys.executable, "-c", RUNNER, json.dumps(commands), json.dumps(list(map(str, listed)))]
    done = subprocess.run(child, env=env, cwd=REPO, capture_output=True, text=True, timeout=RUN_LIMIT)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert "Exception ignored" not in done.stderr, done.stderr
    found = json.loads(done.stdout)
    return Run([Outcome(*result) for result in found["results"]], found["listing"])
