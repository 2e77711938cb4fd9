"""Zeitplan benchmark (issue 4): build, zoom, fold, recolour, repaint and export the timeline of 10,000
measures with five milestones each, on the offscreen platform.

Goal: the chart of 10,000 measures builds well under a second (architecture.md measured 46 ms for a
``QGraphicsScene`` with 5,000 bars); zooming, folding and repainting stay interactive.
Run as ``uv run python benchmarks/timeline_cases.py [--measures N] [--repeat K]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gera_desktop.domain.enums import Ampel, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.records import MassnahmeData, MeilensteinData

BUILD_GOAL_MS = 500.0
INTERACTIVE_GOAL_MS = 100.0


def timeline_records(count: int, seed: int = 1) -> list[MassnahmeData]:
    """Measures over eight years, each with five milestones (every second one done)."""
    rng = random.Random(seed)
    records = []
    for i in range(1, count + 1):
        beginn = date(2020, 1, 1) + timedelta(days=rng.randrange(2500))
        ende = beginn + timedelta(days=rng.randrange(100, 1400))
        milestones = [
            MeilensteinData(f"Meilenstein {k}", beginn + timedelta(days=90 * k), beginn if k % 2 else None)
            for k in range(1, 6)
        ]
        records.append(
            MassnahmeData(
                nr=f"Z-{i:05d}",
                titel=f"Maßnahme im Zeitplan Nummer {i}",
                innovationsfeld=rng.choice(list(Innovationsfeld)),
                federfuehrung="Amt für Zentrale Steuerung",
                beginn=beginn,
                ende=ende,
                status=rng.choice(list(Umsetzungsstand)),
                gesamtkosten=Decimal(rng.randrange(10_000, 2_000_000)),
                ampel=rng.choice([*Ampel, None]),
                meilensteine=milestones,
            )
        )
    return records


def cases(measures: int) -> list[tuple[str, Callable[[], object], float | None]]:
    """(name, action, goal in ms) of every measured step, on one shown TimelineView."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent

    from gera_desktop.ui.app import create_application
    from gera_desktop.ui.views.timeline import TimelineView
    from gera_desktop.ui.views.timeline_scene import ColourMode

    app = create_application(["benchmark"])
    records = timeline_records(measures)
    view = TimelineView(today=date(2025, 6, 1))
    view.resize(1400, 900)
    view.show()
    app.processEvents()
    view.set_records(records)
    folder = Path(tempfile.mkdtemp())
    state = {"zoomed": False, "folded": False, "status": False}

    def build() -> None:
        view.set_records(records)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the previous scene goes
        view.chart.viewport().repaint()

    def zoom() -> None:
        state["zoomed"] = not state["zoomed"]
        view.zoom_in() if state["zoomed"] else view.zoom_out()
        view.chart.viewport().repaint()

    def fold() -> None:
        state["folded"] = not state["folded"]
        view.set_group_folded(Innovationsfeld.UMWELT, state["folded"])
        view.chart.viewport().repaint()

    def recolour() -> None:
        state["status"] = not state["status"]
        view.set_colour_mode(ColourMode.STATUS if state["status"] else ColourMode.AMPEL)

    def scroll() -> None:
        bar = view.chart.verticalScrollBar()
        bar.setValue(bar.maximum() - bar.value())
        view.chart.viewport().repaint()
        view.labels.repaint()

    return [
        (f"set_records ({measures} Maßnahmen, {5 * measures} Meilensteine) + Zeichnen", build, BUILD_GOAL_MS),
        ("Zoom-Stufe + Neuzeichnen", zoom, INTERACTIVE_GOAL_MS),
        ("Innovationsfeld zu-/aufklappen + Neuzeichnen", fold, INTERACTIVE_GOAL_MS),
        ("Farbe nach Ampel/Umsetzungsstand", recolour, INTERACTIVE_GOAL_MS),
        ("Ans andere Ende scrollen + Neuzeichnen", scroll, INTERACTIVE_GOAL_MS),
        ("select() der letzten Maßnahme", lambda: view.select(records[-1].nr), INTERACTIVE_GOAL_MS),
        ("PDF aller Seiten", lambda: view.export_pdf(folder / "zeitplan.pdf"), None),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"Zeitplan: {args.measures:,} Maßnahmen".replace(",", "."))
    print(f"{'Fall':<58} {'Median ms':>10} {'Ziel ms':>8}")
    for name, action, goal in cases(args.measures):
        runs = 1 if goal is None else 2 * args.repeat
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            action()
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        verdict = "" if goal is None else (" ok" if median <= goal else " VERFEHLT")
        print(f"{name:<58} {median:>10.1f} {'' if goal is None else f'≤ {goal:.0f}':>8}{verdict}")


if __name__ == "__main__":
    main()
