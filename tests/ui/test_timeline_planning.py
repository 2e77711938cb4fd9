"""The Zeitplan for daily planning: "Heute", zoom that keeps the selected bar or today in place, the
keyboard between bars, the Fortschritt inside the bars and the tooltips."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QPointF, Qt

from gera_desktop.domain.records import MassnahmeData
from gera_desktop.persistence.database import Database
from gera_desktop.ui.views.timeline import TimelineView
from gera_desktop.ui.views.timeline_style import ROW_HEIGHT
from tests.ui import timeline_support as tl


@pytest.fixture
def demo_records(database: Database) -> list[MassnahmeData]:
    return tl.demo_records(database)


@pytest.fixture
def view(qtbot, demo_records: list[MassnahmeData]) -> TimelineView:
    return tl.shown_view(qtbot, demo_records)


def _today_on_screen(view: TimelineView) -> float:
    x = view.zoom.today_x()
    assert x is not None
    return view.chart.mapFromScene(QPointF(x, 0)).x()


def _zoomed_to_the_start(view: TimelineView) -> None:
    for _ in range(4):
        view.zoom_in()
    view.chart.horizontalScrollBar().setValue(0)


# --- Heute and zoom -----------------------------------------------------------------------------------


def test_heute_scrolls_today_into_the_middle(qtbot, view: TimelineView) -> None:
    _zoomed_to_the_start(view)
    width = view.chart.viewport().width()
    assert not 0 <= _today_on_screen(view) <= width  # March 2025 is far right of 2021

    qtbot.mouseClick(view.today_button, Qt.MouseButton.LeftButton)

    assert _today_on_screen(view) == pytest.approx(width / 2, abs=2)
    assert "Mär 25" in view.scale_header.labels()


def test_strg_t_is_the_shortcut_of_heute(qtbot, view: TimelineView) -> None:
    _zoomed_to_the_start(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.chart.setFocus()

    with qtbot.waitSignal(view.today_button.clicked):  # the button shows itself pressed a moment
        qtbot.keyClick(view.chart, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)

    assert _today_on_screen(view) == pytest.approx(view.chart.viewport().width() / 2, abs=2)


def test_heute_is_off_when_today_lies_outside_the_years_shown(qtbot, demo_records) -> None:
    view = TimelineView(today=date(2035, 1, 1))
    qtbot.addWidget(view)
    view.set_records(demo_records)
    assert not view.today_button.isEnabled()
    assert tl.shown_view(qtbot, demo_records).today_button.isEnabled()


def test_zoom_keeps_the_selected_bar_in_place(qtbot, view: TimelineView) -> None:
    view.zoom_in()
    view.select("UM-04")  # 01.04.2023 – 31.03.2026
    rect = view.scene.bar_scene_rect("UM-04")
    assert rect is not None
    day = rect.center().x()
    middle = view.chart.mapFromScene(QPointF(day, 0)).x()
    assert 0 < middle < view.chart.viewport().width()
    assert middle != pytest.approx(view.chart.viewport().width() / 2, abs=20)  # not the middle by chance

    for zoom in (view.zoom_in, view.zoom_in, view.zoom_out):
        zoom()
        assert view.chart.mapFromScene(QPointF(day, 0)).x() == pytest.approx(middle, abs=2)
    before = view.px_per_day()
    qtbot.keyClick(view.chart, Qt.Key.Key_Plus)  # the key zooms the same way
    assert view.px_per_day() == pytest.approx(before * 1.25)
    assert view.chart.mapFromScene(QPointF(day, 0)).x() == pytest.approx(middle, abs=2)


def test_without_a_selection_zoom_keeps_today_in_place(view: TimelineView) -> None:
    view.zoom_in()
    view.chart.horizontalScrollBar().setValue(view.chart.horizontalScrollBar().maximum() // 2)
    today = _today_on_screen(view)
    assert 0 < today < view.chart.viewport().width()
    assert today != pytest.approx(view.chart.viewport().width() / 2, abs=20)  # not the middle by chance

    view.zoom_in()
    assert _today_on_screen(view) == pytest.approx(today, abs=2)
    view.zoom_out()
    assert _today_on_screen(view) == pytest.approx(today, abs=2)


# --- keyboard -----------------------------------------------------------------------------------------


def _key(qtbot, view: TimelineView, key: Qt.Key) -> str:
    with qtbot.waitSignal(view.selected) as blocker:
        qtbot.keyClick(view.chart, key)
    return str(blocker.args[0])


def test_pos1_ende_and_bild_auf_ab_move_between_the_bars(qtbot, view: TimelineView) -> None:
    view.chart.setFocus()
    measures = [row.record.nr for row in view.layout_rows().rows if row.record is not None]
    assert _key(qtbot, view, Qt.Key.Key_End) == measures[-1]
    assert _key(qtbot, view, Qt.Key.Key_Home) == measures[0]

    view.chart.setFixedHeight(round(8 * ROW_HEIGHT))  # a page of 7 rows: 6 further, headers counted
    first = _key(qtbot, view, Qt.Key.Key_PageDown)
    rows = view.layout_rows()
    assert rows.index_of(first) == 7  # row 0 P-05's header … row 7
    assert view.chart.viewport().rect().contains(tl.bar_point(view, first))  # scrolled into view
    assert _key(qtbot, view, Qt.Key.Key_PageUp) == measures[0]
    with qtbot.waitSignal(view.open_requested) as blocker:
        qtbot.keyClick(view.chart, Qt.Key.Key_Enter)
    assert blocker.args == [measures[0]]


def test_keys_at_either_end_stay_there(qtbot, view: TimelineView) -> None:
    view.chart.setFocus()
    measures = [row.record.nr for row in view.layout_rows().rows if row.record is not None]
    view.select(measures[-1])
    with qtbot.assertNotEmitted(view.selected):
        qtbot.keyClick(view.chart, Qt.Key.Key_Down)
        qtbot.keyClick(view.chart, Qt.Key.Key_PageDown)
        qtbot.keyClick(view.chart, Qt.Key.Key_End)
    assert view.selected_nr() == measures[-1]


def _with_progress(records: list[MassnahmeData], nr: str, percent: str) -> list[MassnahmeData]:
    return [replace(r, fortschritt=Decimal(percent)) if r.nr == nr else r for r in records]


# --- Fortschritt and tooltips -------------------------------------------------------------------------


def _text_pixels(view: TimelineView, nr: str) -> int:
    """How many dark pixels (text on the red bar: black) are around the middle of the bar's row."""
    rect = view.scene.bar_scene_rect(nr)
    assert rect is not None
    image = view.chart.viewport().grab().toImage()
    middle = view.chart.mapFromScene(rect.center())
    points = [
        (x, y) for x in range(middle.x() - 15, middle.x() + 16) for y in range(middle.y() - 6, middle.y() + 7)
    ]
    return sum(image.pixelColor(x, y).value() < 90 for x, y in points)


def test_the_fortschritt_is_written_inside_a_wide_enough_bar(qtbot, demo_records) -> None:
    records = _with_progress(_with_progress(demo_records, "UM-04", "45"), "P-05", "0")
    plain = tl.shown_view(qtbot, [replace(r, fortschritt=None) for r in records])
    view = tl.shown_view(qtbot, records)

    assert _text_pixels(view, "UM-04") > 10  # "45 %"
    assert _text_pixels(plain, "UM-04") == 0
    assert "Fortschritt" in tl.tooltip(view, tl.bar_point(view, "UM-04"))


def test_the_fortschritt_is_left_out_where_the_bar_is_too_short(qtbot, demo_records) -> None:
    short = [
        replace(r, ende=r.beginn, fortschritt=Decimal("80")) if r.nr == "UM-04" else r for r in demo_records
    ]
    view = tl.shown_view(qtbot, short)
    assert _text_pixels(view, "UM-04") == 0


def test_the_text_in_a_bar_reads_well_on_every_bar_colour() -> None:
    from PySide6.QtGui import QColor

    from gera_desktop.ui.colours import contrast
    from gera_desktop.ui.views.timeline_paper import PAPER
    from gera_desktop.ui.views.timeline_style import Palette

    palette = Palette()
    for fill in PAPER.fills():
        assert contrast(palette.text_on(fill, PAPER).color(), QColor(fill)) >= 4.5, fill


def test_the_bar_tooltip_tells_dates_status_ampel_and_costs(view: TimelineView) -> None:
    text = tl.tooltip(view, tl.bar_point(view, "UM-04"))
    for part in ("Laufzeit", "01.04.2023 – 31.03.2026", "Umsetzungsstand", "Ampel", "Gesamtkosten", " €"):
        assert part in text
    assert "ziehen" not in text  # the view cannot save: no dragging offered
