"""Helpers of the Zeitplan tests: the demo measures in a shown timeline, where bars and rows are, what
the screen shows there, generated measures and a look into PDF files."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gera_desktop import resources
from gera_desktop.domain.enums import Ampel
from gera_desktop.domain.records import MassnahmeData, MeilensteinData
from gera_desktop.persistence.database import Database
from gera_desktop.services.demo import load_demo
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.views.timeline import TimelineView
from gera_desktop.ui.views.timeline_scene import Bar
from gera_desktop.ui.views.timeline_style import ROW_HEIGHT
from tests.records import measure

TODAY = date(2025, 3, 15)
STAND = date(2024, 6, 30)


def demo_records(database: Database) -> list[MassnahmeData]:
    """The 25 sample measures, stored through the services and listed as the main window lists them."""
    load_demo(database, resources.demo_data(), user="test")
    return MassnahmenService(database, user="test").list()


def shown_view(qtbot: QtBot, records: list[MassnahmeData]) -> TimelineView:
    """A timeline on screen (1300 × 800) showing ``records``, today being ``TODAY``."""
    timeline = TimelineView(today=TODAY)
    qtbot.addWidget(timeline)
    timeline.resize(1300, 800)
    timeline.show()
    qtbot.waitExposed(timeline)
    timeline.set_records(records)
    return timeline


def bar(view: TimelineView, nr: str) -> Bar:
    """The bar of ``nr`` as drawn (which must be shown)."""
    found = view.scene.bar(nr)
    assert found is not None
    return found


def bar_rect(view: TimelineView, nr: str) -> QRectF:
    return bar(view, nr).rect


def row(view: TimelineView, nr: str) -> int:
    row = view.layout_rows().index_of(nr)
    assert row is not None
    return row


def tooltip(view: TimelineView, point: QPoint) -> str:
    text = view.chart.tooltip_at(point)
    assert text is not None
    return text


def bar_point(view: TimelineView, nr: str) -> QPoint:
    """The viewport point in the middle of the visible part of a bar."""
    rect = bar_rect(view, nr)
    left = max(rect.left(), view.chart.scene_left())
    return view.chart.mapFromScene(QPointF(left + 3 / view.px_per_day(), rect.center().y()))


def selection(view: TimelineView) -> str:
    """The colour of the selected bar's edge: the palette's Highlight (standing out from the background)."""
    return view.scene.chart.scheme.selection


def pixel(view: TimelineView, point: QPoint) -> QColor:
    return view.chart.viewport().grab().toImage().pixelColor(point)


def close(colour: QColor, expected: str, tolerance: int = 30) -> bool:
    other = QColor(expected)
    pairs = ((colour.red(), other.red()), (colour.green(), other.green()), (colour.blue(), other.blue()))
    return all(abs(a - b) <= tolerance for a, b in pairs)


def legend_text(view: TimelineView) -> str:
    return re.sub(r"<[^>]+>", "", view.legend_label.text()).replace("&nbsp;", " ")


def label_click_point(view: TimelineView, row: int) -> QPoint:
    return QPoint(60, round((row + 0.5) * ROW_HEIGHT - view.chart.scene_top()))


def ctrl_wheel(view: TimelineView, steps: int, x: int) -> None:
    position = QPointF(x, 100)
    event = QWheelEvent(
        position,
        QPointF(view.chart.viewport().mapToGlobal(position.toPoint())),
        QPoint(),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.chart.viewport(), event)


def pdf_pages(path: Path) -> tuple[int, list[tuple[float, float]]]:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    boxes = [
        (float(w), float(h))
        for w, h in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    ]
    return pages, boxes


def many_records(count: int) -> list[MassnahmeData]:
    start = date(2023, 1, 1)
    return [
        measure(
            f"M-{i:03d}",
            titel=f"Maßnahme {i}",
            beginn=start + timedelta(days=7 * i),
            ende=start + timedelta(days=7 * i + 400),
            ampel=Ampel.GELB,
            meilensteine=[MeilensteinData("Start", start + timedelta(days=7 * i + 30))],
        )
        for i in range(count)
    ]
