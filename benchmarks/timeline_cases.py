"""Zeitplan benchmark (issues 4 and 11): build, zoom, fold, recolour, repaint and export the timeline of
10,000 measures with five milestones each, on the offscreen platform.

Goals: the chart builds well under a second and zooming, folding and repainting stay interactive
(issue 4); building and painting 5,000 bars, and scrolling, cost at most twice what one custom item
painting the same bars costs (the floor: a single ``QGraphicsItem`` whose ``paint`` draws every bar
with the same pens and brushes, in a view of the chart viewport's size and zoom); a PDF costs the same
per page at N and 4N rows (issue 11). A case and its floor run in alternation and the ratio is the
median of the paired ratios, so that load from other programs affects both alike.
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen, QTransform
from PySide6.QtWidgets import QFrame, QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from gera_desktop.domain.enums import Ampel, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.records import MassnahmeData, MeilensteinData
from gera_desktop.ui.app import create_application
from gera_desktop.ui.views.timeline import TimelineView
from gera_desktop.ui.views.timeline_style import BAR_HEIGHT, ROW_HEIGHT, ColourMode, Palette, bar_colour

BUILD_GOAL_MS = 500.0
INTERACTIVE_GOAL_MS = 100.0
FLOOR_GOAL = 2.0
"""At most this many times the floor (one custom item painting the same bars)."""
PAGE_GOAL = 1.25
"""A PDF page of 4N rows costs at most this many times a page of N rows (linear in the pages)."""
TODAY = date(2025, 6, 1)


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


def shown_view(records: list[MassnahmeData]) -> TimelineView:
    """A timeline of 1400 × 900 pixels on the offscreen screen showing ``records``."""
    view = TimelineView(today=TODAY)
    view.resize(1400, 900)
    view.show()
    QCoreApplication.processEvents()
    view.set_records(records)
    return view


def repaint_now(view: QGraphicsView) -> None:
    """Paint the view's viewport at once, after the previous scene is really gone."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    view.viewport().repaint()


def scroll_to_other_end(view: QGraphicsView) -> None:
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() - bar.value())
    view.viewport().repaint()


class FloorItem(QGraphicsItem):
    """The floor: one item whose ``paint`` draws every bar with the given pens and brushes."""

    def __init__(self, bars: list[tuple[QRectF, QPen, QBrush]], bounds: QRectF) -> None:
        super().__init__()
        self._bars = bars
        self._bounds = bounds

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def paint(self, painter: QPainter, option: object, widget: QWidget | None = None) -> None:
        for rect, pen, brush in self._bars:
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawRect(rect)


class Floor:
    """A plain view of the chart viewport's size, zoom and update mode, showing one ``FloorItem`` with
    the bars where the timeline has them (their rows are taken from the timeline once, untimed)."""

    def __init__(self, timeline: TimelineView) -> None:
        chart = timeline.chart
        self.view = QGraphicsView()
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.view.setViewportUpdateMode(chart.viewportUpdateMode())
        for policy in (self.view.setHorizontalScrollBarPolicy, self.view.setVerticalScrollBarPolicy):
            policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.resize(chart.size())
        self.view.show()
        QCoreApplication.processEvents()  # exposed: only then does ``repaint`` paint
        layout = timeline.layout_rows()
        self._rows = [(row.record, index) for index, row in enumerate(layout.rows) if row.record]
        self._axis = timeline.scene.axis
        self._height = len(layout.rows) * ROW_HEIGHT
        self._px_per_day = timeline.px_per_day()
        self._scene = QGraphicsScene()

    def build_and_paint(self) -> None:
        """A new scene with one item painting every bar, shown and painted."""
        palette, axis, scene = Palette(), self._axis, QGraphicsScene()
        bars = []
        for record, row in self._rows:
            colour = bar_colour(record, ColourMode.AMPEL)
            left = axis.x(record.beginn)
            top = row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
            rect = QRectF(left, top, axis.x(record.ende) + 1.0 - left, BAR_HEIGHT)
            bars.append((rect, palette.outline(colour), palette.brush(colour)))
        bounds = QRectF(0.0, 0.0, float(axis.days), self._height)
        scene.addItem(FloorItem(bars, bounds))
        scene.setSceneRect(bounds)
        self.view.setScene(scene)
        self.view.setTransform(QTransform.fromScale(self._px_per_day, 1.0))
        self.view.verticalScrollBar().setValue(0)
        self._scene.deleteLater()
        self._scene = scene
        repaint_now(self.view)


def cases(view: TimelineView, records: list[MassnahmeData]) -> list[tuple[str, Callable[[], object], float]]:
    """(name, action, goal in ms) of every interactive step, on one shown TimelineView."""
    state = {"zoomed": False, "folded": False, "status": False}

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
        view.chart.viewport().repaint()

    def scroll() -> None:
        scroll_to_other_end(view.chart)
        view.labels.repaint()

    def select_last() -> None:
        view.select(records[-1].nr)
        view.chart.viewport().repaint()

    return [
        (f"set_records ({len(records)} Maßnahmen, {5 * len(records)} Meilensteine) + Zeichnen",
         lambda: build(view, records), BUILD_GOAL_MS),
        ("Zoom-Stufe + Neuzeichnen", zoom, INTERACTIVE_GOAL_MS),
        ("Innovationsfeld zu-/aufklappen + Neuzeichnen", fold, INTERACTIVE_GOAL_MS),
        ("Farbe nach Ampel/Umsetzungsstand", recolour, INTERACTIVE_GOAL_MS),
        ("Ans andere Ende scrollen + Neuzeichnen (mit Beschriftung)", scroll, INTERACTIVE_GOAL_MS),
        ("select() der letzten Maßnahme + Neuzeichnen", select_last, INTERACTIVE_GOAL_MS),
    ]  # fmt: skip


def build(view: TimelineView, records: list[MassnahmeData]) -> None:
    """``set_records`` and the chart painted (the previous scene deleted first)."""
    view.set_records(records)
    repaint_now(view.chart)


def milliseconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def paired(
    action: Callable[[], object], floor: Callable[[], object], repeat: int
) -> tuple[float, float, float]:
    """Median ms of ``action`` and of ``floor``, run in alternation, and the median of the paired ratios."""
    ours, floors, ratios = [], [], []
    for _ in range(repeat):
        floors.append(milliseconds(floor))
        ours.append(milliseconds(action))
        ratios.append(ours[-1] / floors[-1])
    return statistics.median(ours), statistics.median(floors), statistics.median(ratios)


def floor_rows(
    view: TimelineView, records: list[MassnahmeData], repeat: int
) -> list[tuple[str, tuple[float, float, float]]]:
    """Build + paint and scrolling of the timeline against the floor."""
    view.fit()
    view.chart.verticalScrollBar().setValue(0)
    floor = Floor(view)
    rows = [("Aufbauen + Zeichnen", paired(lambda: build(view, records), floor.build_and_paint, repeat))]
    view.fit()
    floor.build_and_paint()
    rows.append(("Scrollen + Zeichnen", paired(lambda: scroll_to_other_end(view.chart),
                                               lambda: scroll_to_other_end(floor.view), repeat)))  # fmt: skip
    floor.view.close()
    return rows


def pdf_pages(sizes: tuple[int, int], repeat: int) -> list[tuple[int, float, float]]:
    """For N and 4N measures: the PDF's pages, the median ms per page and the median ratio of the
    paired runs' ms per page to those of N (both exports run in alternation)."""
    folder = Path(tempfile.mkdtemp())
    views = [shown_view(timeline_records(size)) for size in sizes]
    pages = [0, 0]
    per_page: list[list[float]] = [[], []]
    for _ in range(repeat):
        for i, view in enumerate(views):
            start = time.perf_counter()
            pages[i] = view.export_pdf(folder / f"zeitplan-{i}.pdf")
            per_page[i].append((time.perf_counter() - start) * 1000 / pages[i])
    for view in views:
        view.close()
    ratios = [large / small for small, large in zip(*per_page, strict=True)]
    return [
        (pages[0], statistics.median(per_page[0]), 1.0),
        (pages[1], statistics.median(per_page[1]), statistics.median(ratios)),
    ]


def print_cases(view: TimelineView, records: list[MassnahmeData], repeat: int) -> None:
    print(f"{'Fall':<58} {'Median ms':>10} {'Ziel ms':>8}")
    for name, action, goal in cases(view, records):
        median = statistics.median(milliseconds(action) for _ in range(repeat))
        verdict = " ok" if median <= goal else " VERFEHLT"
        print(f"{name:<58} {median:>10.1f} {f'≤ {goal:.0f}':>8}{verdict}")


def print_floor(view: TimelineView, records: list[MassnahmeData], repeat: int) -> None:
    print(
        f"\n{'Gegen ein eigenes Element mit denselben Balken':<46} {'ms':>8} {'Boden':>8} {'Verhältnis':>10}"
    )
    for name, (ours, floor, ratio) in floor_rows(view, records, repeat):
        verdict = " ok" if ratio <= FLOOR_GOAL else " VERFEHLT"
        print(f"{name:<46} {ours:>8.1f} {floor:>8.1f} {ratio:>10.2f} ≤ {FLOOR_GOAL:.1f}{verdict}")


def print_pdf(measures: int, repeat: int) -> None:
    sizes = (max(measures // 4, 1), measures)
    print(f"\n{'PDF aller Seiten':<36} {'Seiten':>8} {'ms/Seite':>9} {'Verhältnis zu N':>16}")
    for size, (pages, ms, ratio) in zip(sizes, pdf_pages(sizes, repeat), strict=True):
        verdict = "" if size == sizes[0] else (" ok" if ratio <= PAGE_GOAL else " VERFEHLT")
        goal = "" if size == sizes[0] else f" ≤ {PAGE_GOAL:.2f}"
        print(f"{f'{size} Maßnahmen':<36} {pages:>8} {ms:>9.1f} {ratio:>16.2f}{goal}{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    create_application(["benchmark"])
    records = timeline_records(args.measures)
    view = shown_view(records)
    print(f"Zeitplan: {args.measures:,} Maßnahmen".replace(",", "."))
    print_cases(view, records, 2 * args.repeat)
    print_floor(view, records, 2 * args.repeat)
    view.close()
    print_pdf(args.measures, max(args.repeat // 2, 1))


if __name__ == "__main__":
    main()
