"""Files (issues 3 and 11): import and export of 10,000 measures against bare openpyxl passes over the
same cells, and python-calamine's read of the same workbook as the physical anchor (what reading the file
costs at least). A case and its floor run in alternation; the ratio is the median of the paired ratios.

A case is registered by adding it to ``CASES``: its ``prepare(folder, measures)`` makes what it needs
(idempotent: it may run for several cases), ``action()`` is timed, ``setup()`` runs before every timed
call without being counted, and ``baseline`` names the case it is measured against. A goal in seconds is
``absolute`` where the issue gives one (taking a Stand: under a second); a case whose ``unit`` is ``MB``
is not timed: its ``action()`` returns the figure (the room a Stand takes: under 5 MB).

Taking a Stand (issue 12) is measured on a copy of the filled database against plain sqlite3 reading
every measure and child row once, the least any copy of them costs.
"""

from __future__ import annotations

import sqlite3
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from python_calamine import CalamineWorkbook

from benchmarks import fixtures
from benchmarks.harness import Row, Settings, count, emit, heading, paired, pairs, timed
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.excel.anlage import build_anlage, write_anlage
from gera_desktop.excel.liste import liste_tables, write_liste
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.integrity import full_check_file
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.export import ExportRequest
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.staende import StaendeService

STAND = date(2026, 11, 26)
ANLAGE = ExportRequest("anlage", drucksache="82/2026", stand=STAND).anlage_options()


@dataclass
class Case:
    """One measured action with its preparation, per-run setup, baseline and goal (``stretch``: the
    goal beyond the goal, shown beside it)."""

    name: str
    prepare: Callable[[Path, int], None]
    action: Callable[[], object]
    setup: Callable[[], object] | None = None
    baseline: str | None = None
    goal: float | None = None
    stretch: float | None = None
    absolute: bool = False
    unit: str = "s"


Table = tuple[str, list[tuple[Any, ...]]]


@dataclass
class Workspace:
    """Files, databases and records shared by the cases."""

    workbook: Path = Path()
    folder: Path = Path()
    filled: Path = Path()
    runs: int = 0
    records: list[Any] = field(default_factory=list)
    liste_tables: list[Table] = field(default_factory=list)
    anlage_tables: list[Table] = field(default_factory=list)
    staende: Path = Path()
    staende_db: Database | None = None


ws = Workspace()


def prepare_workbook(folder: Path, measures: int) -> None:
    """The city-format workbook (normal mode, so it carries a <dimension> as Excel's do)."""
    ws.folder = folder
    ws.workbook = fixtures.workbook(folder, measures)


def prepare_filled(folder: Path, measures: int) -> None:
    """A database of its own that holds the workbook already."""
    prepare_workbook(folder, measures)
    if not ws.filled.name:
        shared = fixtures.filled_database(folder, measures)
        ws.filled = fixtures.copy_of(shared, folder / "gefuellt-dateien.sqlite")


def prepare_records(folder: Path, measures: int) -> None:
    """The stored measures with their children, and the liste's cells as plain values."""
    prepare_filled(folder, measures)
    if not ws.records:
        db = open_database(fixtures.url(ws.filled))
        ws.records = MassnahmenService(db).list()
        db.dispose()
        ws.liste_tables = [
            (t.title, [tuple(map(_plain, row)) for row in t.rows]) for t in liste_tables(ws.records, STAND)
        ]


def prepare_anlage(folder: Path, measures: int) -> None:
    """The council annex's cells as plain values (read from the workbook the program builds)."""
    prepare_records(folder, measures)
    if not ws.anlage_tables:
        workbook, _results = build_anlage(ws.records, ANLAGE, ProgrammEinstellungen())
        ws.anlage_tables = [(s.title, list(s.iter_rows(values_only=True))) for s in workbook.worksheets]


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def bare_read() -> int:
    """A bare openpyxl read-only pass over every cell value."""
    workbook = openpyxl.load_workbook(ws.workbook, read_only=True, data_only=True)
    rows = sum(1 for sheet in workbook for _ in sheet.iter_rows(values_only=True))
    workbook.close()
    return rows


def calamine_read() -> int:
    """python-calamine reading every cell value of the same workbook."""
    workbook = CalamineWorkbook.from_path(str(ws.workbook))
    return sum(len(workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names)


def bare_write(tables: list[Table], name: str) -> None:
    """A bare openpyxl write-only pass of the same cells (no styles, no title, no formulas' results)."""
    workbook = openpyxl.Workbook(write_only=True)
    for title, rows in tables:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(ws.folder / name)


def fresh_database() -> str:
    """A new empty database file for one run."""
    ws.runs += 1
    return fixtures.url(ws.folder / f"leer-{ws.runs}.sqlite")


_empty_url = ""


def _setup_empty() -> None:
    global _empty_url
    _empty_url = fresh_database()
    open_database(_empty_url).dispose()


def bare_page_read() -> int:
    """A plain sqlite3 read of the whole file: every page of every table and index (``dbstat``), which
    the full check must read too; it then also looks up every index entry in its table."""
    connection = sqlite3.connect(f"file:{ws.filled}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT sum(pgsize) FROM dbstat").fetchone()[0])
    finally:
        connection.close()


def full_check() -> None:
    """The full integrity check the window runs in the background after the start (no goal in the issue:
    its time is reported; about 8× the page read at 10,000 measures, 0.3 s for 70 MB with a warm cache)."""
    assert full_check_file(ws.filled) == []


def prepare_staende(folder: Path, measures: int) -> None:
    """A copy of the filled database of its own, opened once, to take Stände in."""
    prepare_filled(folder, measures)
    if ws.staende_db is None:
        ws.staende = fixtures.copy_of(ws.filled, folder / "staende.sqlite")
        ws.staende_db = open_database(fixtures.url(ws.staende))


def take_stand() -> None:
    """Freeze every measure as a Stand of a new name."""
    assert ws.staende_db is not None
    ws.runs += 1
    StaendeService(ws.staende_db, user="benchmark").freeze(f"Stand {ws.runs}")


def bare_copy_read() -> int:
    """Plain sqlite3 reading every measure and child row once (what any copy of them must read)."""
    connection = sqlite3.connect(f"file:{ws.staende}?mode=ro", uri=True)
    try:
        tables = ("massnahme", "meilenstein", "finanzjahr", "beteiligung")
        return sum(len(connection.execute(f"SELECT * FROM {table}").fetchall()) for table in tables)
    finally:
        connection.close()


def stand_megabytes() -> float:
    """How much one more Stand adds to the database file, in MB (free pages of the file not counted)."""
    before = _used_bytes(ws.staende)
    take_stand()
    return (_used_bytes(ws.staende) - before) / 1_000_000


def _used_bytes(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = (
            connection.execute("PRAGMA page_count").fetchone()[0]
            - connection.execute("PRAGMA freelist_count").fetchone()[0]
        )
        return int(pages) * int(connection.execute("PRAGMA page_size").fetchone()[0])
    finally:
        connection.close()


READ_FLOOR = "openpyxl read-only (Boden Import)"
CHECK_FLOOR = "sqlite3 jede Seite lesen (Boden Prüfung)"
LISTE_FLOOR = "openpyxl write-only (Boden Export Liste)"
ANLAGE_FLOOR = "openpyxl write-only (Boden Export Anlage)"
STAND_FLOOR = "sqlite3 liest alle Maßnahmen und Kinder (Boden Stand)"

CASES = [
    Case(READ_FLOOR, prepare_workbook, bare_read),
    Case(
        "python-calamine liest dieselbe Datei (Anker)", prepare_workbook, calamine_read, baseline=READ_FLOOR
    ),
    Case(
        "Import in leere Datenbank",
        prepare_workbook,
        lambda: fixtures.import_into(_empty_url, ws.workbook),
        setup=_setup_empty,
        baseline=READ_FLOOR,
        goal=1.0,
        stretch=0.5,
    ),
    Case(
        "Import erneut (alles unverändert)",
        prepare_filled,
        lambda: fixtures.import_into(fixtures.url(ws.filled), ws.workbook),
        baseline=READ_FLOOR,
        goal=1.0,
    ),
    Case(LISTE_FLOOR, prepare_records, lambda: bare_write(ws.liste_tables, "boden-liste.xlsx")),
    Case(
        "Export Maßnahmenliste",
        prepare_records,
        lambda: write_liste(ws.folder / "liste.xlsx", ws.records, STAND),
        baseline=LISTE_FLOOR,
        goal=1.2,
    ),
    Case(ANLAGE_FLOOR, prepare_anlage, lambda: bare_write(ws.anlage_tables, "boden-anlage.xlsx")),
    Case(
        "Export Anlage zur Beschlussvorlage",
        prepare_anlage,
        lambda: write_anlage(ws.folder / "anlage.xlsx", ws.records, ANLAGE),
        baseline=ANLAGE_FLOOR,
    ),
    Case(STAND_FLOOR, prepare_staende, bare_copy_read),
    Case(
        "Stand anlegen (alle Maßnahmen einfrieren)",
        prepare_staende,
        take_stand,
        baseline=STAND_FLOOR,
        goal=1.0,
        absolute=True,
    ),
    Case(
        "Stand anlegen: Zuwachs der Datenbank",
        prepare_staende,
        stand_megabytes,
        goal=5.0,
        absolute=True,
        unit="MB",
    ),
    Case(CHECK_FLOOR, prepare_filled, bare_page_read),
    Case(
        "Volle Integritätsprüfung (im Hintergrund)",
        prepare_filled,
        full_check,
        baseline=CHECK_FLOOR,
    ),
]


def chosen(only: tuple[str, ...]) -> list[Case]:
    """The cases ``--only`` names (all without it), with the baselines they are measured against."""
    if not only:
        return list(CASES)
    named = {c.name for c in CASES if any(text.casefold() in c.name.casefold() for text in only)}
    named |= {c.baseline for c in CASES if c.name in named and c.baseline}
    return [c for c in CASES if c.name in named]


def measure(case: Case, repeat: int, baseline: Case | None) -> Row:
    """The case's row: a figure its action returns (``unit`` other than seconds), paired with its
    baseline when it has one, else its median time alone."""
    if case.unit != "s":
        figure = case.action()
        assert isinstance(figure, float)
        return Row(case.name, figure, case.unit, goal=case.goal, absolute=True)
    if baseline is None:
        seconds = statistics.median(timed(case.action, case.setup) for _ in range(repeat))
        return Row(case.name, seconds, "s", goal=case.goal if case.absolute else None, absolute=case.absolute)
    result = paired(case.action, baseline.action, repeat, setup=case.setup, floor_setup=baseline.setup)
    return Row(
        case.name,
        result.seconds,
        "s",
        floor=result.floor,
        ratio=result.ratio,
        goal=case.goal,
        absolute=case.absolute,
        stretch=case.stretch,
        basis=baseline.name,
    )


def run(settings: Settings) -> None:
    """Every chosen case, in the order of ``CASES``."""
    measures, repeat = settings.measures, settings.pick(3, 1)
    heading(
        "Dateien",
        f"{count(measures)} Maßnahmen, 5 Meilensteine und 4 Haushaltsjahre je Maßnahme; "
        f"Median aus {pairs(repeat)}.",
    )
    by_name = {case.name: case for case in CASES}
    for case in chosen(settings.only):
        case.prepare(settings.workdir, measures)
        emit(measure(case, repeat, by_name.get(case.baseline or "")))
