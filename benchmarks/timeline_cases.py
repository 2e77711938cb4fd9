"""Zeitplan (issues 4 and 11), on one shown ``TimelineView`` on the offscreen platform.

- 5,000 bars (with five milestones each) built and painted, against one custom ``QGraphicsItem`` that
  paints the same bars and milestones of the exposed rows (``FloorItem``, the least a chart can do):
  goal ≤ 2×.
- The PDF of the whole chart at N and 4N measures: the time per page should not grow with the chart
  (linear in pages); the ratio of the time per page at 4N to that at N: goal ≤ 1.3.
- The interactive steps of issue 4 (zoom, fold, colour, scroll, select): ≤ 100 ms each, no floor.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QStyleOptionGraphicsItem, QWidget

from benchmarks.harness import Row, Settings, count, emit, heading, paired, pairs, timed
from benchmarks.qt_support import application, run_events
from gera_desktop.domain.enums import Ampel, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.records import MassnahmeData, MeilensteinData
from gera_desktop.ui.views.timeline import TimelineView
from gera_desktop.ui.views.timeline_paper import PAPER
from gera_desktop.ui.views.timeline_style import BAR_HEIGHT, DIAMOND, ROW_HEIGHT, ColourMode

BUILD_GOAL = 2.0
PDF_GOAL = 1.3
INTERACTIVE_GOAL_MS = 100.0
ISSUE_4 = "Ziel aus Issue 4, ohne Boden"
TODAY = date(2025, 6, 1)


def timeline_records(n: int, seed: int = 1) -> list[MassnahmeData]:
    """Measures over eight years, each with five milestones (every second one done)."""
    rng = random.Random(seed)
    records = []
    for i in range(1, n + 1):
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


class FloorItem(QGraphicsItem):
    """The floor: one item for the whole chart; its paint draws the bars and milestone diamonds of the
    exposed rows only (one scene unit per day, as in the program)."""

    def __init__(self, records: list[MassnahmeData], first: date) -> None:
        super().__init__()
        self._brushes = {c: QBrush(QColor(c)) for c in {PAPER.bar(r, ColourMode.AMPEL) for r in records}}
        self._rows = [
            (
                QRectF(
                    (r.beginn - first).days, row * ROW_HEIGHT + 5, (r.ende - r.beginn).days + 1, BAR_HEIGHT
                ),
                self._brushes[PAPER.bar(r, ColourMode.AMPEL)],
                [(m.termin - first).days + 0.5 for m in r.meilensteine],
            )
            for row, r in enumerate(records)
        ]
        days = max((r.ende - first).days + 1 for r in records)
        self._bounds = QRectF(0, 0, days, len(records) * ROW_HEIGHT)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None):
        first = max(int(option.exposedRect.top() // ROW_HEIGHT), 0)
        last = min(int(option.exposedRect.bottom() // ROW_HEIGHT) + 1, len(self._rows))
        painter.setPen(QPen(QColor("#555555"), 0))
        for rect, brush, _marks in self._rows[first:last]:
            painter.setBrush(brush)
            painter.drawRect(rect)
        transform = painter.worldTransform()
        painter.setWorldTransform(QTransform())
        painter.setBrush(QBrush(QColor("#212529")))
        for rect, _brush, marks in self._rows[first:last]:
            y = rect.center().y()
            for x in marks:
                centre = transform.map(QPointF(x, y))
                painter.drawPolygon(_diamond(centre.x(), centre.y()))
        painter.setWorldTransform(transform)


def _diamond(x: float, y: float) -> QPolygonF:
    d = DIAMOND
    return QPolygonF([QPointF(x, y - d), QPointF(x + d, y), QPointF(x, y + d), QPointF(x - d, y)])


def _delete_later_now() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def shown_view(records: list[MassnahmeData]) -> TimelineView:
    """A shown Zeitplan of ``records``."""
    view = TimelineView(today=TODAY)
    view.resize(1400, 900)
    view.show()
    view.set_records(records)
    run_events(0.1)
    return view


def build_pair(view: TimelineView, records: list[MassnahmeData]) -> tuple[Callable[[], None], ...]:
    """The program building and painting its chart, and the floor doing the same with one item."""
    viewport = view.chart.viewport()
    floor_view = QGraphicsView()
    floor_view.setScene(QGraphicsScene(floor_view))
    floor_view.resize(viewport.size())
    floor_view.show()
    first = min(r.beginn for r in records)

    def case() -> None:
        view.set_records(records)
        _delete_later_now()  # the previous scene goes
        viewport.repaint()

    def floor() -> None:
        scene = QGraphicsScene(floor_view)
        item = FloorItem(records, first)
        scene.addItem(item)
        previous = floor_view.scene()
        floor_view.setScene(scene)
        floor_view.setTransform(QTransform.fromScale(viewport.width() / item.boundingRect().width(), 1.0))
        previous.deleteLater()
        _delete_later_now()
        floor_view.viewport().repaint()

    return case, floor


def interactive(view: TimelineView, last_nr: str) -> list[tuple[str, Callable[[], object]]]:
    """The steps of issue 4; each call undoes the one before (zoom in, out, in, …)."""
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
        bar = view.chart.verticalScrollBar()
        bar.setValue(bar.maximum() - bar.value())
        view.chart.viewport().repaint()
        view.labels.repaint()

    return [
        ("Zoom-Stufe + Neuzeichnen", zoom),
        ("Innovationsfeld zu-/aufklappen + Neuzeichnen", fold),
        ("Farbe nach Ampel/Umsetzungsstand + Neuzeichnen", recolour),
        ("Ans andere Ende scrollen + Neuzeichnen", scroll),
        ("select() der letzten Maßnahme", lambda: view.select(last_nr)),
    ]


def pdf_row(settings: Settings, small: int, repeat: int) -> Row:
    """Time per page of the whole chart's PDF at 4N measures against that at N."""
    views = [shown_view(timeline_records(n)) for n in (small, 4 * small)]
    paths = [settings.workdir / f"zeitplan-{n}.pdf" for n in (small, 4 * small)]
    pages = [view.export_pdf(path) for view, path in zip(views, paths, strict=True)]
    result = paired(lambda: views[1].export_pdf(paths[1]), lambda: views[0].export_pdf(paths[0]), repeat)
    for view in views:
        view.close()
        view.deleteLater()
    return Row(
        f"PDF {count(4 * small)} Maßnahmen ({pages[1]} S.): Zeit je Seite",
        result.seconds * 1000 / pages[1],
        "ms",
        floor=result.floor * 1000 / pages[0],
        ratio=result.ratio * pages[0] / pages[1],
        goal=PDF_GOAL,
        basis=f"Zeit je Seite bei {count(small)} Maßnahmen ({pages[0]} S.)",
    )


def run(settings: Settings) -> None:
    """Build against the floor item, the PDF's time per page, then the steps of issue 4."""
    application()
    bars, repeat = settings.pick(5_000, 1_000), settings.pick(6, 2)
    heading("Zeitplan", f"Offscreen, 1400 × 900 Pixel, Median aus {pairs(repeat)}.")
    records = timeline_records(bars)
    view = shown_view(records)
    case, floor = build_pair(view, records)
    case()
    floor()
    result = paired(case, floor, repeat)
    emit(
        Row(
            f"{count(bars)} Balken aufbauen und zeichnen",
            result.seconds * 1000,
            "ms",
            floor=result.floor * 1000,
            ratio=result.ratio,
            goal=BUILD_GOAL,
            basis="ein eigenes QGraphicsItem zeichnet dieselben Balken",
        )
    )
    for name, step in interactive(view, records[-1].nr):
        step()
        median = statistics.median(timed(step) for _ in range(2 * repeat)) * 1000
        emit(Row(name, median, "ms", goal=INTERACTIVE_GOAL_MS, absolute=True, note=ISSUE_4))
    view.close()
    emit(pdf_row(settings, settings.pick(1_250, 250), settings.pick(3, 1)))
