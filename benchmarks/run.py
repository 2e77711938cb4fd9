"""Benchmarks (issue 11): every goal of "fast at 100,000 measures" as a ratio to a floor measured in the
same run, each row printed as soon as it is measured.

    uv run python benchmarks/run.py                  # everything (about ten minutes on two cores)
    uv run python benchmarks/run.py --quick          # smaller sizes, fewer repeats (within two minutes)
    uv run python benchmarks/run.py --only Liste     # the sections (or file cases) whose name contains it
    uv run python benchmarks/run.py --results benchmarks/RESULTS.md   # also write the output there

``--liste`` (the list benchmark of issue 4) is folded in: it is ``--only Liste``. Each section runs in a
process of its own (fresh memory, its own ``QApplication``); the files it needs (a workbook, a filled
database) are made beforehand in the run's temporary folder.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TextIO

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import fixtures
from benchmarks.harness import BenchmarkError, Settings, number


def _filled(settings: Settings) -> None:
    fixtures.filled_database(settings.workdir, settings.measures)


def _workbook(settings: Settings) -> None:
    fixtures.workbook(settings.workdir, settings.measures)


def _file_case_names() -> list[str]:
    from benchmarks.cases import CASES

    return [case.name for case in CASES]


@dataclass(frozen=True)
class Section:
    """A group of rows run in one child process: ``module.run(settings)`` prints them."""

    name: str
    module: str
    prepare: Callable[[Settings], None] | None = None
    case_names: Callable[[], list[str]] = field(default=list)


def _matches(texts: list[str], names: list[str]) -> bool:
    return any(text.casefold() in name.casefold() for text in texts for name in names)


SECTIONS = [
    Section("Start", "benchmarks.start_cases", _filled),
    Section("Nie eingefroren", "benchmarks.freeze_cases", _workbook),
    Section("Liste", "benchmarks.list_cases"),
    Section("Zeitplan", "benchmarks.timeline_cases"),
    Section("Speicher", "benchmarks.memory_cases", _filled),
    Section("Dateien", "benchmarks.cases", case_names=_file_case_names),
]


def choose(only: list[str]) -> list[tuple[Section, list[str]]]:
    """The sections to run, each with the texts that pick single cases of it (empty: all of them).

    A text that is part of a section's name picks that section; any other text picks the cases whose
    names contain it (the file cases), each with its floor."""
    section_texts = [text for text in only if _matches([text], [s.name for s in SECTIONS])]
    case_texts = [text for text in only if text not in section_texts]
    chosen: list[tuple[Section, list[str]]] = []
    for section in SECTIONS:
        if not only or _matches(section_texts, [section.name]):
            chosen.append((section, []))
        elif case_texts and _matches(case_texts, section.case_names()):
            chosen.append((section, case_texts))
    return chosen


class Output:
    """Standard output and, with ``--results``, the results file (the same lines, unedited)."""

    def __init__(self, results: Path | None, command: str) -> None:
        self._file: TextIO | None = None
        if results is not None:
            self._file = results.open("w", encoding="utf-8")
            self._file.write(
                f"# Benchmark-Ergebnisse\n\nUnbearbeitete Ausgabe von `{command}` "
                "(geschrieben vom Programm selbst, Option `--results`).\n\n```\n"
            )

    def write(self, text: str) -> None:
        """Show and keep ``text`` at once."""
        sys.stdout.write(text)
        sys.stdout.flush()
        if self._file is not None:
            self._file.write(text)
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.write("```\n")
            self._file.close()


def machine() -> str:
    """CPU, cores, memory, system, Python and Qt of this run, and the load at its start."""
    import PySide6
    from PySide6.QtCore import qVersion

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30 if hasattr(os, "sysconf") else 0
    load = " / ".join(number(x, 2) for x in os.getloadavg()) if hasattr(os, "getloadavg") else "–"
    return (
        f"Datum: {datetime.now():%d.%m.%Y %H:%M}\n"
        f"Rechner: {_cpu_model()}, {os.cpu_count()} Kerne, {number(memory, 1)} GB Arbeitsspeicher, "
        f"{platform.system()} {platform.release()}\n"
        f"Python {platform.python_version()}, Qt {qVersion()} (PySide6 {PySide6.__version__}), "
        f"Qt-Plattform offscreen\nLast beim Start (loadavg 1/5/15 min): {load}\n{bytecode_note()}\n"
    )


def bytecode_note() -> str:
    """What the run does about ``PYTHONDONTWRITEBYTECODE`` (``fixtures.child_environment``)."""
    given = os.environ.get("PYTHONDONTWRITEBYTECODE")
    state = f"ist gesetzt ({given})" if given else "ist nicht gesetzt"
    return (
        f"PYTHONDONTWRITEBYTECODE {state}; die gemessenen Prozesse laufen ohne diese Variable mit "
        "kompiliertem Bytecode (PYTHONPYCACHEPREFIX im Arbeitsordner, gefüllt vom ersten Prozess, "
        "beim Start von einem nicht gezählten Lauf)."
    )


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return platform.processor() or platform.machine()
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "?")


def run_section(
    section: Section, narrowed: list[str], args: argparse.Namespace, workdir: Path, out: Output
) -> bool:
    """Prepare the section's files, run it (only the ``narrowed`` cases, if any) in a child process and
    pass its lines on; True when it ran."""
    settings = Settings(args.quick, workdir)
    if section.prepare is not None:
        section.prepare(settings)
    command = [sys.executable, __file__, "--section", section.name, "--workdir", str(workdir)]
    command += ["--quick"] if args.quick else []
    command += [item for text in narrowed for item in ("--only", text)]
    env = fixtures.child_environment(workdir)
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True, encoding="utf-8") as child:
        assert child.stdout is not None
        for line in child.stdout:
            out.write(line)
    if child.returncode != 0:
        out.write(f"!! Abschnitt „{section.name}“ abgebrochen (Exit-Code {child.returncode})\n")
    return child.returncode == 0


def run_child(args: argparse.Namespace) -> int:
    """In the child process: run one section."""
    settings = Settings(args.quick, Path(args.workdir), tuple(args.only))
    fixtures.user_dirs(settings.workdir)
    section = next(s for s in SECTIONS if s.name == args.section)
    try:
        importlib.import_module(section.module).run(settings)
    except BenchmarkError as error:
        print(f"FEHLER: {error}", flush=True)
        return 1
    return 0


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="kleinere Größen, weniger Wiederholungen")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="nur Abschnitte oder Datei-Fälle, deren Name den Text enthält (mehrfach möglich)",
    )
    parser.add_argument("--results", type=Path, metavar="DATEI", help="Ausgabe zusätzlich in diese Datei")
    parser.add_argument("--liste", action="store_true", help="nur die Liste (wie --only Liste)")
    parser.add_argument("--section", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.liste:
        args.only.append("Liste")
    return args


def main(argv: list[str] | None = None) -> int:
    """Print the header, run the chosen sections one after the other, and the total time."""
    args = parse(argv)
    if args.section:
        return run_child(args)
    chosen = choose(args.only)
    if not chosen:
        names = ", ".join(section.name for section in SECTIONS)
        print(f"Kein Abschnitt und kein Fall passt zu --only {' '.join(args.only)} (Abschnitte: {names})")
        return 2
    command = " ".join(["uv run python benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])
    out = Output(args.results, command)
    started = time.monotonic()
    out.write(f"# Benchmarks gera-desktop{' (--quick)' if args.quick else ''}\n{machine()}")
    ok = True
    with tempfile.TemporaryDirectory(prefix="gera-benchmark-") as tmp:
        for section, narrowed in chosen:
            ok = run_section(section, narrowed, args, Path(tmp), out) and ok
    out.write(f"\nGesamtdauer: {number((time.monotonic() - started) / 60, 1)} min\n")
    out.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
