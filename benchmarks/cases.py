"""The benchmark cases: each names the baseline it is measured against and the allowed ratio."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from benchmarks.generate import generate
from gera_desktop.excel.liste import liste_tables, write_liste
from gera_desktop.persistence.integrity import full_check_file
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.importer import ImportService
from gera_desktop.services.massnahmen import MassnahmenService

STAND = date(2026, 11, 26)
GOAL_FULL_CHECK = 12.0
"""Measured about 8 for a 70 MB file of 10,000 measures (0.27–0.30 s against 0.035 s, warm file cache): the
check reads every page and looks up every index entry in its table. The window does not wait for it."""


@dataclass
class Case:
    """One measured action with its preparation, per-run setup, baseline and goal."""

    name: str
    prepare: Callable[[Path, int], None]
    action: Callable[[], object]
    setup: Callable[[], object] | None = None
    baseline: str | None = None
    goal: float | None = None


@dataclass
class Workspace:
    """Files and databases shared by the cases."""

    workbook: Path = Path()
    folder: Path = Path()
    runs: int = 0
    records: list[Any] = field(default_factory=list)
    plain_tables: list[tuple[str, list[tuple[Any, ...]]]] = field(default_factory=list)


ws = Workspace()


def prepare_workbook(folder: Path, measures: int) -> None:
    """Generate the city-format workbook once (normal mode, so it carries a <dimension> as Excel's do)."""
    ws.folder = folder
    ws.workbook = generate(folder / "massnahmenliste.xlsx", measures, write_only=False)


def bare_read() -> int:
    """A bare openpyxl read-only pass over every cell value."""
    workbook = openpyxl.load_workbook(ws.workbook, read_only=True, data_only=True)
    count = sum(1 for sheet in workbook for _ in sheet.iter_rows(values_only=True))
    workbook.close()
    return count


def fresh_database() -> str:
    """A new empty database file for one run."""
    ws.runs += 1
    return f"sqlite:///{ws.folder / f'leer-{ws.runs}.sqlite'}"


def import_into(url: str) -> None:
    """Open the database and import the workbook (a real run, backup included)."""
    db = open_database(url)
    try:
        report = ImportService(db, user="benchmark").run(ws.workbook)
        assert report.ok, report.as_text()
    finally:
        db.dispose()


_empty_url = ""


def _setup_empty() -> None:
    global _empty_url
    _empty_url = fresh_database()
    open_database(_empty_url).dispose()


def prepare_filled(folder: Path, measures: int) -> None:
    """A database that holds the workbook already; keep its records for the export cases."""
    url = f"sqlite:///{folder / 'gefuellt.sqlite'}"
    import_into(url)
    db = open_database(url)
    ws.records = MassnahmenService(db).list()
    db.dispose()
    ws.plain_tables = [
        (t.title, [tuple(map(_plain, row)) for row in t.rows]) for t in liste_tables(ws.records, STAND)
    ]


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def bare_write() -> None:
    """A bare openpyxl write-only pass of the same cells as the liste export (no styles, no title)."""
    workbook = openpyxl.Workbook(write_only=True)
    for name, rows in ws.plain_tables:
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(ws.folder / "bare.xlsx")


def _noop(_folder: Path, _measures: int) -> None:
    return None


def filled_file() -> Path:
    """The database the import cases filled (10,000 measures: about 70 MB)."""
    return ws.folder / "gefuellt.sqlite"


def bare_page_read() -> int:
    """A plain sqlite3 read of the whole file: every page of every table and index (``dbstat``), which
    the full check must read too; it then also looks up every index entry in its table."""
    connection = sqlite3.connect(f"file:{filled_file()}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT sum(pgsize) FROM dbstat").fetchone()[0])
    finally:
        connection.close()


def full_check() -> None:
    """The full integrity check the window runs in the background after the start."""
    assert full_check_file(filled_file()) == []


CASES = [
    Case("openpyxl read-only (Basis Import)", prepare_workbook, bare_read),
    Case(
        "Import in leere Datenbank",
        _noop,
        lambda: import_into(_empty_url),
        setup=_setup_empty,
        baseline="openpyxl read-only (Basis Import)",
        goal=1.5,
    ),
    Case(
        "Import erneut (alles unverändert)",
        prepare_filled,
        lambda: import_into(f"sqlite:///{ws.folder / 'gefuellt.sqlite'}"),
        baseline="openpyxl read-only (Basis Import)",
        goal=1.5,
    ),
    Case("openpyxl write-only (Basis Export)", _noop, bare_write),
    Case(
        "Export Maßnahmenliste",
        _noop,
        lambda: write_liste(ws.folder / "liste.xlsx", ws.records, STAND),
        baseline="openpyxl write-only (Basis Export)",
        goal=1.5,
    ),
    Case("sqlite3 jede Seite lesen (Basis Prüfung)", _noop, bare_page_read),
    Case(
        "Volle Integritätsprüfung (im Hintergrund)",
        _noop,
        full_check,
        baseline="sqlite3 jede Seite lesen (Basis Prüfung)",
        goal=GOAL_FULL_CHECK,
    ),
]
