"""The Zeitplan on screen: bars, milestones, groups, colours, today line, scale, zoom, mouse, selection."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QHelpEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.persistence.database import Database
from gera_desktop.ui.views.timeline import TimelineView
from gera_desktop.ui.views.timeline_scale import MONATE, Tier, TimeAxis, period_label, periods, tier_for
from gera_desktop.ui.views.timeline_style import ROW_HEIGHT, ColourMode
from tests.ui import timeline_support as tl

QUARTER = re.compile(r"^Q[1-4] 20\d\d$")
MONTH = re.compile(rf"^({'|'.join(MONATE)}) \d\d$")


@pytest.fixture
def demo_records(database: Database) -> list[MassnahmeData]:
    return tl.demo_records(database)


@pytest.fixture
def view(qtbot, demo_records: list[MassnahmeData]) -> TimelineView:
    return tl.shown_view(qtbot, demo_records)


# --- bars, milestones, groups -------------------------------------------------------------------------


def test_one_bar_per_measure_from_beginn_to_the_end_of_ende(view: TimelineView, demo_records) -> None:
    axis = view.scene.axis
    assert axis == TimeAxis(date(2021, 1, 1), date(2027, 1, 1))
    for record in demo_records:
        rect = tl.bar_rect(view, record.nr)
        assert rect.left() == (record.beginn - axis.first).days
        assert rect.right() == (record.ende - axis.first).days + 1
        row = tl.row(view, record.nr)
        assert row * ROW_HEIGHT < rect.center().y() < (row + 1) * ROW_HEIGHT
    p01 = tl.bar_rect(view, "P-01")  # 01.02.2021 – 30.06.2022: 31 days after New Year, 515 days long
    start_2021 = view.chart.mapFromScene(QPointF(0, 0)).x()
    left = view.chart.mapFromScene(p01.topLeft()).x()
    assert left - start_2021 == pytest.approx(31 * view.px_per_day(), abs=1)
    assert p01.width() == 515


def test_the_rows_are_grouped_by_innovationsfeld_with_counts(view: TimelineView) -> None:
    rows = view.layout_rows().rows
    headers = [row.group.title for row in rows if row.is_header]
    assert headers == [
        "Bauen, Wohnen und Lebensraum (4)",
        "Energie (4)",
        "Mobilität und Infrastruktur (4)",
        "Tourismus, Kultur und Freizeit (4)",
        "Umwelt (2)",
        "Wirtschaft und Innovationskraft (7)",
    ]
    assert len(rows) == 25 + 6
    energy = [row.record.nr for row in rows if row.record and row.group.key is Innovationsfeld.ENERGIE]
    assert energy == ["P-07", "P-09", "P-10", "UM-08"]


def test_done_milestones_are_filled_and_open_ones_outlined(view: TimelineView) -> None:
    marks = {(m.milestone.termin, m.done, m.overdue) for m in view.scene.marks()}
    assert (date(2024, 3, 31), True, False) in marks  # UM-04, erledigt am 20.05.2024
    assert (date(2025, 9, 30), False, False) in marks  # UM-04, still ahead
    assert (date(2024, 6, 30), False, True) in marks  # UM-07, open and past
    assert len(view.scene.marks()) == 8
    row, scheme = tl.row(view, "UM-04"), view.scene.chart.scheme  # filled in the text's colour, or empty
    for termin, fill in ((date(2024, 3, 31), scheme.milestone), (date(2025, 9, 30), scheme.background)):
        x = view.scene.axis.x(termin) + 0.5
        centre = view.chart.mapFromScene(QPointF(x, (row + 0.5) * ROW_HEIGHT))
        assert tl.close(tl.pixel(view, centre), fill), termin


def test_clicking_a_group_header_folds_and_unfolds_it(qtbot, view: TimelineView) -> None:
    layout = view.layout_rows()
    header = next(i for i, r in enumerate(layout.rows) if r.group.key is Innovationsfeld.ENERGIE)
    umwelt_before = tl.bar_rect(view, "P-11").top()

    qtbot.mouseClick(view.labels, Qt.MouseButton.LeftButton, pos=tl.label_click_point(view, header))

    assert len(layout.rows) == 31 - 4
    assert layout.index_of("P-07") is None
    assert view.scene.bar("P-07") is None
    assert tl.bar_rect(view, "P-11").top() == umwelt_before - 4 * ROW_HEIGHT
    assert layout.rows[header].group.title == "Energie (4)"

    header_in_chart = view.chart.mapFromScene(QPointF(100, (header + 0.5) * ROW_HEIGHT))
    qtbot.mouseClick(view.chart.viewport(), Qt.MouseButton.LeftButton, pos=header_in_chart)

    assert len(layout.rows) == 31
    assert view.scene.bar("P-07") is not None
    assert tl.bar_rect(view, "P-11").top() == umwelt_before


def test_the_colour_choice_switches_bars_between_ampel_and_status(view: TimelineView) -> None:
    def fill(nr: str) -> str:
        return tl.bar(view, nr).brush.color().name()

    assert view.colour_combo.currentText() == "Ampel"
    assert (fill("UM-04"), fill("UM-07"), fill("UM-05"), fill("P-01")) == (
        "#e03131",  # rot
        "#f2c200",  # gelb
        "#2f9e44",  # grün
        "#adb5bd",  # keine Ampel: grey
    )
    assert "keine Ampel" in tl.legend_text(view)
    assert tl.close(tl.pixel(view, tl.bar_point(view, "UM-04")), "#e03131")

    view.colour_combo.setCurrentIndex(view.colour_combo.findText("Umsetzungsstand"))

    assert view.colour_mode() is ColourMode.STATUS
    assert fill("UM-04") == "#f08c00"  # verzögert
    assert fill("UM-05") == "#1b9e77"  # in Umsetzung
    assert fill("P-01") == "#5c6f82"  # abgeschlossen
    assert "verzögert" in tl.legend_text(view)
    assert "Balkenfarbe nach Umsetzungsstand" in tl.legend_text(view)
    assert tl.close(tl.pixel(view, tl.bar_point(view, "UM-04")), "#f08c00")


def test_the_today_line_crosses_every_row_with_a_label(view: TimelineView) -> None:
    x = view.scene.axis.x(tl.TODAY) + 0.5
    assert view.scene.today_x == x
    tag = view.chart.mapFromScene(QPointF(x, 0)) + QPoint(12, 8)
    assert tl.close(tl.pixel(view, tag), "#d6336c")
    view.chart.setFixedHeight(200)
    view.chart.verticalScrollBar().setValue(view.chart.verticalScrollBar().maximum())
    last = len(view.layout_rows().rows) - 1
    for row in (0, 5, last):  # a group header, a measure, the last row (scrolled to)
        view.chart.ensureVisible(QRectF(x, row * ROW_HEIGHT, 1, ROW_HEIGHT), 0, 0)
        point = view.chart.mapFromScene(QPointF(x, (row + 0.5) * ROW_HEIGHT))
        assert tl.close(tl.pixel(view, point), "#d6336c"), row


def test_no_today_line_when_today_is_outside_the_shown_years(view: TimelineView, demo_records) -> None:
    view.set_records([r for r in demo_records if r.ende.year <= 2022])
    assert view.scene.axis == TimeAxis(date(2021, 1, 1), date(2023, 1, 1))
    assert view.scene.today_x is None


# --- scale and zoom -----------------------------------------------------------------------------------


def test_the_scale_shows_years_then_quarters_then_german_months(view: TimelineView) -> None:
    assert view.scale_header.labels() == ["2021", "2022", "2023", "2024", "2025", "2026"]
    while tier_for(view.px_per_day()) is Tier.YEARS:
        view.zoom_in()
    quarters = view.scale_header.labels()
    assert len(quarters) >= 4
    assert all(QUARTER.match(label) for label in quarters), quarters
    while tier_for(view.px_per_day()) is Tier.QUARTERS:
        view.zoom_in()
    months = view.scale_header.labels()
    assert len(months) >= 6
    assert all(MONTH.match(label) for label in months), months


def test_period_labels_are_german() -> None:
    assert period_label(Tier.YEARS, date(2025, 1, 1)) == "2025"
    assert period_label(Tier.QUARTERS, date(2025, 4, 1)) == "Q2 2025"
    labels = [p.label for p in periods(Tier.MONTHS, date(2025, 1, 1), date(2026, 1, 1))]
    assert labels == [
        "Jan 25", "Feb 25", "Mär 25", "Apr 25", "Mai 25", "Jun 25",
        "Jul 25", "Aug 25", "Sep 25", "Okt 25", "Nov 25", "Dez 25",
    ]  # fmt: skip
    assert [p.label for p in periods(Tier.QUARTERS, date(2024, 11, 5), date(2025, 2, 1))] == [
        "Q4 2024",
        "Q1 2025",
    ]


def test_ctrl_wheel_zooms_around_the_mouse(view: TimelineView) -> None:
    before = view.px_per_day()
    anchor = 700
    day_under_mouse = view.chart.mapToScene(QPoint(anchor, 0)).x()

    tl.ctrl_wheel(view, 3, anchor)

    assert view.px_per_day() == pytest.approx(before * 1.25**3)
    assert view.chart.mapToScene(QPoint(anchor, 0)).x() == pytest.approx(day_under_mouse, abs=1)
    assert all(QUARTER.match(label) for label in view.scale_header.labels())

    tl.ctrl_wheel(view, -3, anchor)
    assert view.px_per_day() == pytest.approx(before)
    assert view.scale_header.labels()[0] == "2021"


def test_plain_wheel_scrolls_instead_of_zooming(view: TimelineView) -> None:
    view.chart.setFixedHeight(300)
    before = view.px_per_day()
    event = QWheelEvent(
        QPointF(300, 100), QPointF(300, 100), QPoint(), QPoint(0, -120), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(view.chart.viewport(), event)
    assert view.px_per_day() == before
    scrolled = view.chart.verticalScrollBar().value()
    assert scrolled > 0
    QApplication.sendEvent(view.labels, event)  # the wheel over the labels scrolls the chart as well
    assert view.chart.verticalScrollBar().value() > scrolled
    assert view.labels.row_at(0) == int(view.chart.scene_top() // ROW_HEIGHT)


def test_zoom_buttons_and_show_all(qtbot, view: TimelineView) -> None:
    fit = view.px_per_day()
    assert view.scene.axis.days * fit <= view.chart.viewport().width()
    assert not view.zoom_out_button.isEnabled()  # the whole range is already shown

    qtbot.mouseClick(view.zoom_in_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.zoom_in_button, Qt.MouseButton.LeftButton)
    assert view.px_per_day() == pytest.approx(fit * 1.5 * 1.5)
    qtbot.mouseClick(view.zoom_out_button, Qt.MouseButton.LeftButton)
    assert view.px_per_day() == pytest.approx(fit * 1.5)
    assert view.scene.axis.days * view.px_per_day() > view.chart.viewport().width()

    qtbot.mouseClick(view.fit_button, Qt.MouseButton.LeftButton)
    assert view.px_per_day() == pytest.approx(fit)
    assert view.chart.horizontalScrollBar().value() == 0


def test_show_all_follows_the_window_width(qtbot, view: TimelineView) -> None:
    fit = view.px_per_day()
    assert view.labels.width() == 320
    view.resize(700, 800)
    qtbot.waitUntil(lambda: view.px_per_day() < fit)
    assert view.scene.axis.days * view.px_per_day() <= view.chart.viewport().width()
    assert view.labels.width() == view.label_header.width() == 210  # the labels give up room, too


# --- mouse, selection, tooltips ----------------------------------------------------------------------


def test_a_click_on_a_bar_selects_the_measure(qtbot, view: TimelineView) -> None:
    with qtbot.waitSignal(view.selected) as blocker:
        qtbot.mouseClick(view.chart.viewport(), Qt.MouseButton.LeftButton, pos=tl.bar_point(view, "UM-04"))

    assert blocker.args == ["UM-04"]
    assert view.selected_nr() == "UM-04"
    pen = tl.bar(view, "UM-04").pen
    assert (pen.color().name(), pen.widthF()) == (tl.selection(view), 3.0)


def test_a_click_on_a_label_selects_and_the_old_bar_loses_its_highlight(qtbot, view: TimelineView) -> None:
    view.select("UM-04")
    row = tl.row(view, "P-02")
    with qtbot.waitSignal(view.selected) as blocker:
        qtbot.mouseClick(view.labels, Qt.MouseButton.LeftButton, pos=tl.label_click_point(view, row))
    assert blocker.args == ["P-02"]
    assert tl.bar(view, "UM-04").pen.color().name() != tl.selection(view)


def test_a_double_click_opens_the_measure(qtbot, view: TimelineView) -> None:
    with qtbot.waitSignal(view.open_requested) as blocker:
        qtbot.mouseDClick(view.chart.viewport(), Qt.MouseButton.LeftButton, pos=tl.bar_point(view, "UM-07"))
    assert blocker.args == ["UM-07"]

    row = tl.row(view, "P-05")
    with qtbot.waitSignal(view.open_requested) as blocker:
        qtbot.mouseDClick(view.labels, Qt.MouseButton.LeftButton, pos=tl.label_click_point(view, row))
    assert blocker.args == ["P-05"]


def test_select_highlights_scrolls_and_unfolds_without_a_signal(qtbot, view: TimelineView) -> None:
    view.set_group_folded(Innovationsfeld.WIRTSCHAFT, True)
    for _ in range(6):
        view.zoom_in()
    assert view.scene.bar("UM-11") is None  # folded away
    scrolled = view.chart.horizontalScrollBar().value()

    with qtbot.assertNotEmitted(view.selected):
        view.select("UM-11")

    assert view.selected_nr() == "UM-11"
    assert view.layout_rows().index_of("UM-11") is not None
    assert tl.bar(view, "UM-11").pen.color().name() == tl.selection(view)
    assert view.chart.viewport().rect().contains(tl.bar_point(view, "UM-11"))
    assert view.chart.horizontalScrollBar().value() != scrolled


def test_select_of_a_measure_not_shown_clears_the_selection(view: TimelineView) -> None:
    view.select("UM-04")
    view.select("GIBT-ES-NICHT")
    assert view.selected_nr() is None
    assert tl.bar(view, "UM-04").pen.color().name() != tl.selection(view)


def test_tooltips_of_bars_and_milestones(view: TimelineView) -> None:
    bar_text = tl.tooltip(view, tl.bar_point(view, "UM-04"))
    for part in ("UM-04", "Digitales Stadtleitsystem / City-App", "Laufzeit", "01.04.2023 – 31.03.2026",
                 "verzögert", "rot", "Gesamtkosten", " €"):  # fmt: skip
        assert part in bar_text

    row = tl.row(view, "UM-04")
    x = view.scene.axis.x(date(2024, 3, 31)) + 0.5
    diamond = view.chart.mapFromScene(QPointF(x, (row + 0.5) * ROW_HEIGHT))
    text = tl.tooltip(view, diamond)
    for part in ("Meilenstein", "Termin", "31.03.2024", "erledigt am", "20.05.2024"):
        assert part in text
    overdue = tl.row(view, "UM-07")
    x = view.scene.axis.x(date(2024, 6, 30)) + 0.5
    point = view.chart.mapFromScene(QPointF(x, (overdue + 0.5) * ROW_HEIGHT))
    assert "noch offen (überfällig)" in tl.tooltip(view, point)
    empty = view.chart.mapFromScene(QPointF(view.scene.axis.x(date(2021, 1, 10)), (row + 0.5) * ROW_HEIGHT))
    assert view.chart.tooltip_at(empty) is None


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hovering_shows_the_tooltip(qtbot, view: TimelineView) -> None:
    point = tl.bar_point(view, "UM-05")
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.chart.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.chart.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Partizipative Stadtplanung" in QToolTip.text()
    QToolTip.hideText()


# --- what is shown ------------------------------------------------------------------------------------


def test_set_records_shows_exactly_the_given_measures(view: TimelineView, demo_records) -> None:
    view.select("UM-04")
    subset = [r for r in demo_records if r.status is Umsetzungsstand.IN_UMSETZUNG or r.nr == "UM-04"]

    view.set_records(subset)

    assert sorted(r.nr for r in view.records()) == sorted(r.nr for r in subset)
    assert view.scene.bar("P-01") is None
    assert all(view.scene.bar(r.nr) is not None for r in subset)
    assert view.selected_nr() == "UM-04"  # still shown, still selected
    assert view.scene.axis == TimeAxis(date(2023, 1, 1), date(2027, 1, 1))

    view.set_records([r for r in subset if r.nr != "UM-04"])
    assert view.selected_nr() is None


def test_folded_groups_stay_folded_when_the_filter_changes(view: TimelineView, demo_records) -> None:
    view.set_group_folded(Innovationsfeld.UMWELT, True)
    view.set_records(demo_records[:-1])
    assert view.layout_rows().index_of("P-11") is None
    view.select("P-11")
    assert view.layout_rows().index_of("P-11") is not None


def test_no_measures_says_so(view: TimelineView) -> None:
    view.set_records([])
    assert view.stack.currentWidget() is view.empty_label
    assert "Keine Maßnahmen" in view.empty_label.text()
    assert not view.save_button.isEnabled()
    assert not view.fit_button.isEnabled()


def test_arrow_keys_move_the_selection_and_enter_opens(qtbot, view: TimelineView) -> None:
    view.chart.setFocus()
    with qtbot.waitSignal(view.selected) as blocker:
        qtbot.keyClick(view.chart, Qt.Key.Key_Down)
    assert blocker.args == ["P-05"]  # the first measure; the group header is skipped
    view.select("UM-09")  # last of its group
    with qtbot.waitSignal(view.selected) as blocker:
        qtbot.keyClick(view.chart, Qt.Key.Key_Down)
    assert blocker.args == ["P-07"]  # over the header of Energie
    with qtbot.waitSignal(view.selected) as blocker:
        qtbot.keyClick(view.chart, Qt.Key.Key_Up)
    assert blocker.args == ["UM-09"]
    with qtbot.waitSignal(view.open_requested) as blocker:
        qtbot.keyClick(view.chart, Qt.Key.Key_Return)
    assert blocker.args == ["UM-09"]
    before = view.px_per_day()
    qtbot.keyClick(view.chart, Qt.Key.Key_Plus)
    assert view.px_per_day() == pytest.approx(before * 1.25)
