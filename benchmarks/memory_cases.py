"""Speicher (issue 11): the peak resident memory (RSS, from the operating system, not tracemalloc) of the
program with 10,000 measures, in a process of its own, after each step a user takes: loading, filtering,
sorting, opening measures, the Zeitplan. Goal ≤ 300 MB at every step. Beside it, the peak of a process
that only paints an empty ``QMainWindow`` (the start probe's floor), for scale.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from benchmarks import fixtures
from benchmarks.harness import BenchmarkError, Row, Settings, count, emit, heading
from benchmarks.qt_support import application, run_events, shown_window
from benchmarks.start_cases import probe
from benchmarks.start_probe import peak_rss_mb
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.listing import ListFilter
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.models.massnahmen import COLUMN_KEYS

GOAL_MB = 300.0
SEARCHES = ("nummer 1", "zentrale steuerung", "umweltamt", "")
SORTED = ("titel", "gesamtkosten", "bundesmittel", "beginn", "status", "nr")
OPENED = 25
FLOOR = "leeres QMainWindow (eigener Prozess)"


def steps(window: MainWindow) -> list[tuple[str, Callable[[], None]]]:
    """(what was done, how) in the order a user would do it; each step repaints what it changed."""
    table = window.list_view.table

    def filtering() -> None:
        for text in SEARCHES:
            window.list_view.set_filter(ListFilter(text=text))
            table.viewport().repaint()

    def sorting() -> None:
        header = table.horizontalHeader()
        for key in SORTED:
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
                header.setSortIndicator(COLUMN_KEYS.index(key), order)
                table.viewport().repaint()

    def opening() -> None:
        records = window.list_view.visible_records()
        for record in records[:: max(len(records) // OPENED, 1)][:OPENED]:
            window.list_view.select(record.nr)
            run_events(0.01)
        window.detail.repaint()

    def timeline() -> None:
        window.show_view(1)
        run_events(0.2)
        window.timeline.chart.viewport().repaint()

    return [
        ("Filtern", filtering),
        ("Sortieren", sorting),
        ("Maßnahmen öffnen", opening),
        ("Zeitplan", timeline),
    ]


def run(settings: Settings) -> None:
    """The floor in its own process, then the steps in this one (which did nothing else before)."""
    n = settings.measures
    database = fixtures.copy_of(
        fixtures.filled_database(settings.workdir, n), settings.workdir / "speicher.sqlite"
    )
    floor = probe("leer", fixtures.child_environment(settings.workdir))["rss"]
    heading("Speicher", f"Höchster belegter Arbeitsspeicher (RSS) des Programms mit {count(n)} Maßnahmen.")
    if not floor:
        raise BenchmarkError("RSS ist auf diesem System nicht messbar (Modul resource fehlt)")
    emit(Row("Leeres QMainWindow (Boden)", floor, "MB"))
    application()
    db = open_database(fixtures.url(database))
    window = shown_window(db)
    emit(_row(f"Nach dem Laden von {count(n)} Maßnahmen", floor))
    for name, step in steps(window):
        step()
        emit(_row(f"… und {name}", floor))
    window.close()
    db.dispose()


def _row(name: str, floor: float) -> Row:
    return Row(name, peak_rss_mb(), "MB", floor=floor, goal=GOAL_MB, absolute=True, basis=FLOOR)
