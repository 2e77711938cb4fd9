"""List benchmark (issue 4): filter and sort 10,000 measures the way the list does it.

The list filters and sorts the Python list of records (``services.listing``) and resets its table model;
the goals are absolute: a filter within 50 ms, a sort within 100 ms. Each case runs through the real list
widget on the offscreen platform (filter bar -> model's ``set_filter`` -> reset -> table), next to the
bare model (``set_filter`` / ``sort`` on its ``ListIndex``) without a view.

Run as ``uv run python benchmarks/run.py --liste [--measures N] [--repeat K]``.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from gera_desktop.domain.enums import Ampel, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.services.listing import ListFilter

FILTER_GOAL_MS = 50.0
SORT_GOAL_MS = 100.0
LEADS = ("Umweltamt", "Amt für Zentrale Steuerung", "Fachdienst Stadtplanung", "Verkehrsplanung", "Sozialamt")


@dataclass(frozen=True)
class ListCase:
    """One measured list action, its goal in milliseconds (``None``: for information)."""

    name: str
    action: Callable[[], object]
    goal_ms: float | None
    prepare: Callable[[], object] | None = None


@dataclass(frozen=True)
class ListResult:
    """The median time of a case against its goal."""

    name: str
    median_ms: float
    goal_ms: float | None

    @property
    def ok(self) -> bool | None:
        """True when the goal is met, ``None`` without a goal."""
        return None if self.goal_ms is None else self.median_ms <= self.goal_ms


def generated_records(count: int, seed: int = 1) -> list[MassnahmeData]:
    """Plausible measures; every second one leaves its funding fields empty (computed defaults)."""
    rng = random.Random(seed)
    return [_record(i, rng) for i in range(1, count + 1)]


def _record(i: int, rng: random.Random) -> MassnahmeData:
    beginn = date(2021, 1, 1) + timedelta(days=rng.randrange(1500))
    kosten = Decimal(rng.randrange(1_000_000, 200_000_000)) / 100
    given = i % 2 == 0
    return MassnahmeData(
        nr=f"M-{i:05d}",
        titel=f"{rng.choice(('Digitale', 'Smarte', 'Öffentliche', 'Offene'))} Plattform Nummer {i}",
        innovationsfeld=rng.choice(list(Innovationsfeld)),
        federfuehrung=rng.choice(LEADS),
        beginn=beginn,
        ende=beginn + timedelta(days=rng.randrange(200, 1200)),
        status=rng.choice(list(Umsetzungsstand)),
        gesamtkosten=kosten,
        kurzbeschreibung="Digitale Plattform für die Stadtgesellschaft in Gera " * 3,
        ampel=rng.choice([*Ampel, None]),
        bundesmittel=(kosten * 9 / 10).quantize(Decimal("0.01")) if given else None,
        eigenanteil=(kosten / 10).quantize(Decimal("0.01")) if given else None,
    )


def list_cases(measures: int = 10_000) -> list[ListCase]:
    """The cases: filters and sorts through the list widget, and the bare steps without a view."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from gera_desktop.ui.models.massnahmen import (
        COL_BUNDESMITTEL,
        COL_GESAMTKOSTEN,
        COL_NR,
        COL_TITEL,
        MassnahmenTableModel,
    )
    from gera_desktop.ui.views.list_view import MassnahmenListView

    _app = QApplication.instance() or QApplication([])
    records = generated_records(measures)
    view = MassnahmenListView()
    view.resize(1200, 800)
    view.set_records(records)
    model = MassnahmenTableModel()
    model.set_rows(records)
    text = ListFilter(text="zentrale steuerung")
    combined = ListFilter(innovationsfeld=Innovationsfeld.UMWELT, jahr_von=2023, jahr_bis=2024)
    ascending, descending = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder

    def filter_back_and_forth(f: ListFilter) -> Callable[[], object]:
        """Each call is one filter change: to ``f``, then back to every measure, and so on."""
        state = {"on": False}

        def run() -> object:
            state["on"] = not state["on"]
            view.set_filter(f if state["on"] else ListFilter())
            return None

        return run

    def sort_up_and_down(column: int) -> Callable[[], object]:
        """Each call is one click on the column header: ascending, then descending, and so on."""
        header = view.table.horizontalHeader()
        state = {"down": False}

        def run() -> object:
            state["down"] = not state["down"]
            header.setSortIndicator(column, descending if state["down"] else ascending)
            return None

        return run

    def show_all() -> None:
        view.set_filter(ListFilter())

    sorted_columns = {
        "Gesamtkosten": COL_GESAMTKOSTEN,
        "Maßnahme": COL_TITEL,
        "Bundesmittel": COL_BUNDESMITTEL,
        "Nr.": COL_NR,
    }
    return [
        ListCase("Filter Text in der Liste", filter_back_and_forth(text), FILTER_GOAL_MS),
        ListCase("Filter Feld + Jahre in der Liste", filter_back_and_forth(combined), FILTER_GOAL_MS),
        ListCase("Modell: Filter Text + Reset", lambda: model.set_filter(text), FILTER_GOAL_MS),
        *(
            ListCase(f"Sortieren {name} in der Liste", sort_up_and_down(column), SORT_GOAL_MS, show_all)
            for name, column in sorted_columns.items()
        ),
        ListCase(
            "Modell: Sortieren Maßnahme",
            lambda: model.sort(COL_TITEL, Qt.SortOrder.DescendingOrder),
            SORT_GOAL_MS,
        ),
        ListCase("Summen der Statuszeile (Filter Text)", model.totals, None, lambda: model.set_filter(text)),
    ]


def run_list_cases(measures: int = 10_000, repeat: int = 5) -> list[ListResult]:
    """Median milliseconds of every case."""
    results = []
    for case in list_cases(measures):
        if case.prepare is not None:
            case.prepare()
        case.action()  # warm up (imports, caches)
        times = []
        for _ in range(2 * repeat):  # even: both directions of a back-and-forth case equally often
            start = time.perf_counter()
            case.action()
            times.append((time.perf_counter() - start) * 1000)
        results.append(ListResult(case.name, statistics.median(times), case.goal_ms))
    return results


def print_list_table(results: list[ListResult], measures: int) -> None:
    """One line per case: median, goal, verdict."""
    print(f"Liste: {measures:,} Maßnahmen".replace(",", "."))
    print(f"{'Fall':<46} {'Median ms':>10} {'Ziel ms':>8}")
    for r in results:
        goal = f"≤ {r.goal_ms:.0f}" if r.goal_ms is not None else ""
        verdict = {True: " ok", False: " VERFEHLT", None: ""}[r.ok]
        print(f"{r.name:<46} {r.median_ms:>10.1f} {goal:>8}{verdict}")
