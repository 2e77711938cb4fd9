"""The Zeitplan: bars, milestones, groups, colours, today line, scale, zoom, mouse, export."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QGraphicsRectItem, QMessageBox, QToolTip

from gera_desktop import resources
from gera_desktop.domain.enums import Ampel, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.records import MassnahmeData, MeilensteinData
from gera_desktop.excel.writing import ExportError
from gera_desktop.persistence.database import Database
from gera_desktop.services.demo import load_demo
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.views import timeline_export
from gera_desktop.ui.views.timeline import DEFAULT_TITLE, TimelineView
from gera_desktop.ui.views.timeline_pages import paginate
from gera_desktop.ui.views.timeline_paint import SCALE_HEIGHT, paint_today_tag
from gera_desktop.ui.views.timeline_rows import RowLayout
from gera_desktop.ui.views.timeline_scale import MONATE, Tier, TimeAxis, period_label, periods, tier_for
from gera_desktop.ui.views.timeline_scene import ROW_HEIGHT, SELECTED_COLOUR, ColourMode
from tests.records import measure

TODAY = date(2025, 3, 15)
STAND = date(2024, 6, 30)
YEAR = re.compile(r"^20\d\d$")
QUARTER = re.compile(r"^Q[1-4] 20\d\d$")
MONTH = re.compile(rf"^({'|'.join(MONATE)}) \d\d$")


@pytest.fixture
def demo_records(database: Database) -> list[MassnahmeData]:
    load_demo(database, resources.demo_data(), user="test")
    return MassnahmenService(database, user="test").list()


@pytest.fixture
def view(qtbot, demo_records: list[MassnahmeData]) -> TimelineView:
    timeline = TimelineView(today=TODAY)
    qtbot.addWidget(timeline)
    timeline.resize(1300, 800)
    timeline.show()
    qtbot.waitExposed(timeline)
    timeline.set_records(demo_records)
    return timeline


def _record(view: TimelineView, nr: str) -> MassnahmeData:
    return next(r for r in view.records() if r.nr == nr)


def _bar(view: TimelineView, nr: str) -> QGraphicsRectItem:
    bar = view.scene.bar(nr)
    assert bar is not None
    return bar


def _bar_rect(view: TimelineView, nr: str) -> QRectF:
    bar = _bar(view, nr)
    return bar.rect().translated(bar.pos())


def _row(view: TimelineView, nr: str) -> int:
    row = view.layout_rows().index_of(nr)
    assert row is not None
    return row


def _tooltip(view: TimelineView, point: QPoint) -> str:
    text = view.chart.tooltip_at(point)
    assert text is not None
    return text


def _bar_point(view: TimelineView, nr: str) -> QPoint:
    """The viewport point in the middle of the visible part of a bar."""
    rect = _bar_rect(view, nr)
    left = max(rect.left(), view.chart.scene_left())
    return view.chart.mapFromScene(QPointF(left + 3 / view.px_per_day(), rect.center().y()))


def _pixel(view: TimelineView, point: QPoint) -> QColor:
    return view.chart.viewport().grab().toImage().pixelColor(point)


def _close(colour: QColor, expected: str, tolerance: int = 30) -> bool:
    other = QColor(expected)
    pairs = ((colour.red(), other.red()), (colour.green(), other.green()), (colour.blue(), other.blue()))
    return all(abs(a - b) <= tolerance for a, b in pairs)


def _legend(view: TimelineView) -> str:
    return re.sub(r"<[^>]+>", "", view.legend_label.text()).replace("&nbsp;", " ")


def _label_click_point(view: TimelineView, row: int) -> QPoint:
    return QPoint(60, round((row + 0.5) * ROW_HEIGHT - view.chart.scene_top()))


def _ctrl_wheel(view: TimelineView, steps: int, x: int) -> None:
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


# --- bars, milestones, groups -------------------------------------------------------------------------


def test_one_bar_per_measure_from_beginn_to_the_end_of_ende(view: TimelineView, demo_records) -> None:
    axis = view.scene.axis
    assert axis == TimeAxis(date(2021, 1, 1), date(2027, 1, 1))
    for record in demo_records:
        rect = _bar_rect(view, record.nr)
        assert rect.left() == (record.beginn - axis.first).days
        assert rect.right() == (record.ende - axis.first).days + 1
        row = _row(view, record.nr)
        assert row * ROW_HEIGHT < rect.center().y() < (row + 1) * ROW_HEIGHT
    p01 = _bar_rect(view, "P-01")  # 01.02.2021 – 30.06.2022: 31 days after New Year, 515 days long
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
    energy = [row.record.nr for row in rows if row.record and row.group.feld is Innovationsfeld.ENERGIE]
    assert energy == ["P-07", "P-09", "P-10", "UM-08"]


def test_done_milestones_are_filled_and_open_ones_outlined(view: TimelineView) -> None:
    marks = {(m.milestone.termin, m.done, m.overdue) for m in view.scene.marks()}
    assert (date(2024, 3, 31), True, False) in marks  # UM-04, erledigt am 20.05.2024
    assert (date(2025, 9, 30), False, False) in marks  # UM-04, still ahead
    assert (date(2024, 6, 30), False, True) in marks  # UM-07, open and past
    assert len(view.scene.marks()) == 8
    row = _row(view, "UM-04")
    for termin, fill in ((date(2024, 3, 31), "#212529"), (date(2025, 9, 30), "#ffffff")):
        x = view.scene.axis.x(termin) + 0.5
        centre = view.chart.mapFromScene(QPointF(x, (row + 0.5) * ROW_HEIGHT))
        assert _close(_pixel(view, centre), fill), termin


def test_clicking_a_group_header_folds_and_unfolds_it(qtbot, view: TimelineView) -> None:
    layout = view.layout_rows()
    header = next(i for i, r in enumerate(layout.rows) if r.group.feld is Innovationsfeld.ENERGIE)
    umwelt_before = _bar_rect(view, "P-11").top()

    qtbot.mouseClick(view.labels, Qt.MouseButton.LeftButton, pos=_label_click_point(view, header))

    assert len(layout.rows) == 31 - 4
    assert layout.index_of("P-07") is None
    assert not _bar(view, "P-07").isVisible()
    assert _bar_rect(view, "P-11").top() == umwelt_before - 4 * ROW_HEIGHT
    assert layout.rows[header].group.title == "Energie (4)"

    header_in_chart = view.chart.mapFromScene(QPointF(100, (header + 0.5) * ROW_HEIGHT))
    qtbot.mouseClick(view.chart.viewport(), Qt.MouseButton.LeftButton, pos=header_in_chart)

    assert len(layout.rows) == 31
    assert _bar(view, "P-07").isVisible()
    assert _bar_rect(view, "P-11").top() == umwelt_before


def test_the_colour_choice_switches_bars_between_ampel_and_status(view: TimelineView) -> None:
    def fill(nr: str) -> str:
        return _bar(view, nr).brush().color().name()

    assert view.colour_combo.currentText() == "Ampel"
    assert (fill("UM-04"), fill("UM-07"), fill("UM-05"), fill("P-01")) == (
        "#e03131",  # rot
        "#f2c200",  # gelb
        "#2f9e44",  # grün
        "#adb5bd",  # keine Ampel: grey
    )
    assert "keine Ampel" in _legend(view)
    assert _close(_pixel(view, _bar_point(view, "UM-04")), "#e03131")

    view.colour_combo.setCurrentIndex(view.colour_combo.findText("Umsetzungsstand"))

    assert view.colour_mode() is ColourMode.STATUS
    assert fill("UM-04") == "#f08c00"  # verzögert
    assert fill("UM-05") == "#1b9e77"  # in Umsetzung
    assert fill("P-01") == "#5c6f82"  # abgeschlossen
    assert "verzögert" in _legend(view)
    assert "Balkenfarbe nach Umsetzungsstand" in _legend(view)
    assert _close(_pixel(view, _bar_point(view, "UM-04")), "#f08c00")


def test_the_today_line_crosses_every_row_with_a_label(view: TimelineView) -> None:
    line = view.scene.today_line
    assert line is not None
    x = view.scene.axis.x(TODAY) + 0.5
    assert (line.line().x1(), line.line().y1()) == (x, 0)
    assert line.line().y2() == len(view.layout_rows().rows) * ROW_HEIGHT
    tag = view.chart.mapFromScene(QPointF(x, 0)) + QPoint(12, 8)
    assert _close(_pixel(view, tag), "#d6336c")


def test_no_today_line_when_today_is_outside_the_shown_years(view: TimelineView, demo_records) -> None:
    view.set_records([r for r in demo_records if r.ende.year <= 2022])
    assert view.scene.axis == TimeAxis(date(2021, 1, 1), date(2023, 1, 1))
    assert view.scene.today_line is None


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

    _ctrl_wheel(view, 3, anchor)

    assert view.px_per_day() == pytest.approx(before * 1.25**3)
    assert view.chart.mapToScene(QPoint(anchor, 0)).x() == pytest.approx(day_under_mouse, abs=1)
    assert all(QUARTER.match(label) for label in view.scale_header.labels())

    _ctrl_wheel(view, -3, anchor)
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
    view.resize(900, 800)
    qtbot.waitUntil(lambda: view.px_per_day() < fit)
    assert view.scene.axis.days * view.px_per_day() <= view.chart.viewport().width()


# --- mouse, selection, tooltips ----------------------------------------------------------------------


def test_a_click_on_a_bar_selects_the_measure(qtbot, view: TimelineView) -> None:
    with qtbot.waitSignal(view.selected) as blocker:
        qtbot.mouseClick(view.chart.viewport(), Qt.MouseButton.LeftButton, pos=_bar_point(view, "UM-04"))

    assert blocker.args == ["UM-04"]
    assert view.selected_nr() == "UM-04"
    pen = _bar(view, "UM-04").pen()
    assert (pen.color().name(), pen.widthF()) == (SELECTED_COLOUR, 3.0)


def test_a_click_on_a_label_selects_and_the_old_bar_loses_its_highlight(qtbot, view: TimelineView) -> None:
    view.select("UM-04")
    row = _row(view, "P-02")
    with qtbot.waitSignal(view.selected) as blocker:
        qtbot.mouseClick(view.labels, Qt.MouseButton.LeftButton, pos=_label_click_point(view, row))
    assert blocker.args == ["P-02"]
    assert _bar(view, "UM-04").pen().color().name() != SELECTED_COLOUR


def test_a_double_click_opens_the_measure(qtbot, view: TimelineView) -> None:
    with qtbot.waitSignal(view.open_requested) as blocker:
        qtbot.mouseDClick(view.chart.viewport(), Qt.MouseButton.LeftButton, pos=_bar_point(view, "UM-07"))
    assert blocker.args == ["UM-07"]

    row = _row(view, "P-05")
    with qtbot.waitSignal(view.open_requested) as blocker:
        qtbot.mouseDClick(view.labels, Qt.MouseButton.LeftButton, pos=_label_click_point(view, row))
    assert blocker.args == ["P-05"]


def test_select_highlights_scrolls_and_unfolds_without_a_signal(qtbot, view: TimelineView) -> None:
    view.set_group_folded(Innovationsfeld.WIRTSCHAFT, True)
    for _ in range(6):
        view.zoom_in()
    assert not view.chart.viewport().rect().contains(_bar_point(view, "UM-11"))

    with qtbot.assertNotEmitted(view.selected):
        view.select("UM-11")

    assert view.selected_nr() == "UM-11"
    assert view.layout_rows().index_of("UM-11") is not None
    assert _bar(view, "UM-11").pen().color().name() == SELECTED_COLOUR
    assert view.chart.viewport().rect().contains(_bar_point(view, "UM-11"))


def test_select_of_a_measure_not_shown_clears_the_selection(view: TimelineView) -> None:
    view.select("UM-04")
    view.select("GIBT-ES-NICHT")
    assert view.selected_nr() is None
    assert _bar(view, "UM-04").pen().color().name() != SELECTED_COLOUR


def test_tooltips_of_bars_and_milestones(view: TimelineView) -> None:
    bar_text = _tooltip(view, _bar_point(view, "UM-04"))
    for part in ("UM-04", "Digitales Stadtleitsystem / City-App", "Laufzeit", "01.04.2023 – 31.03.2026",
                 "verzögert", "rot", "Gesamtkosten", " €"):  # fmt: skip
        assert part in bar_text

    row = _row(view, "UM-04")
    x = view.scene.axis.x(date(2024, 3, 31)) + 0.5
    diamond = view.chart.mapFromScene(QPointF(x, (row + 0.5) * ROW_HEIGHT))
    text = _tooltip(view, diamond)
    for part in ("Meilenstein", "Termin", "31.03.2024", "erledigt am", "20.05.2024"):
        assert part in text
    overdue = _row(view, "UM-07")
    x = view.scene.axis.x(date(2024, 6, 30)) + 0.5
    point = view.chart.mapFromScene(QPointF(x, (overdue + 0.5) * ROW_HEIGHT))
    assert "noch offen (überfällig)" in _tooltip(view, point)
    empty = view.chart.mapFromScene(QPointF(view.scene.axis.x(date(2021, 1, 10)), (row + 0.5) * ROW_HEIGHT))
    assert view.chart.tooltip_at(empty) is None


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hovering_shows_the_tooltip(qtbot, view: TimelineView) -> None:
    point = _bar_point(view, "UM-05")
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
    assert len([i for i in view.scene.items() if i.isVisible()]) >= len(subset)
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
    assert not view.pdf_button.isEnabled()
    assert not view.png_button.isEnabled()


# --- export -------------------------------------------------------------------------------------------


def _pdf_pages(path: Path) -> tuple[int, list[tuple[float, float]]]:
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


def test_the_pdf_is_a4_landscape_with_one_page_for_the_demo(view: TimelineView, tmp_path: Path) -> None:
    target = tmp_path / "zeitplan.pdf"
    assert view.export_pdf(target, DEFAULT_TITLE, STAND) == 1
    pages, boxes = _pdf_pages(target)
    assert pages == 1
    assert boxes == [(842.0, 595.0)]


def test_many_rows_spread_over_as_many_pages_as_needed(qtbot, tmp_path: Path) -> None:
    view = TimelineView(today=TODAY)
    qtbot.addWidget(view)
    records = many_records(150)
    view.set_records(records)
    target = tmp_path / "lang.pdf"

    count = view.export_pdf(target, DEFAULT_TITLE, STAND)

    per_page = timeline_export.rows_per_page(595 / 72 * timeline_export.RESOLUTION)
    assert count == math.ceil(150 / (per_page - 1)) > 3  # each page: the group's header, then measures
    pages, boxes = _pdf_pages(target)
    assert pages == count
    assert all(width > height for width, height in boxes)
    layout = view.layout_rows()
    spread = paginate(layout, per_page)
    assert len(spread) == count
    assert all(layout.rows[page[0]].is_header and len(page) <= per_page for page in spread)
    assert [i for page in spread for i in page if not layout.rows[i].is_header] == list(range(1, 151))


def test_a_group_header_never_ends_a_page_and_is_repeated_when_the_group_goes_on() -> None:
    records = [
        *(measure(f"A-{i}", innovationsfeld=Innovationsfeld.ENERGIE) for i in range(2)),
        *(measure(f"B-{i}", innovationsfeld=Innovationsfeld.UMWELT) for i in range(4)),
    ]
    layout = RowLayout.of(records)  # 0 Energie, 1-2 A, 3 Umwelt, 4-7 B
    assert paginate(layout, 4) == [[0, 1, 2], [3, 4, 5, 6], [3, 7]]
    layout.groups[1].folded = True
    layout.refresh()
    assert paginate(layout, 4) == [[0, 1, 2, 3]]
    assert paginate(RowLayout.of([]), 4) == [[]]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) fehlt")
def test_every_page_has_title_stand_page_number_and_each_measure_once(qtbot, tmp_path: Path) -> None:
    view = TimelineView(today=TODAY)
    qtbot.addWidget(view)
    view.set_records(many_records(80))
    target = tmp_path / "zeitplan.pdf"
    count = view.export_pdf(target, DEFAULT_TITLE, STAND)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, check=True).stdout
    pages = text.decode("utf-8").split("\f")[:count]

    assert count > 1
    for number, page in enumerate(pages, start=1):
        assert "Zeitplan der Maßnahmen – Smart City Modellprojekt Gera" in page
        assert "Stand: 30.06.2024" in page
        assert f"Seite {number} von {count}" in page
        assert ("Wirtschaft und Innovationskraft (80) – Forts." in page) == (number > 1)
    found = re.findall(r"M-\d{3}", "".join(pages))
    assert sorted(found) == [f"M-{i:03d}" for i in range(80)]


def test_the_png_shows_the_whole_chart(view: TimelineView, tmp_path: Path) -> None:
    view.select("UM-04")
    target = tmp_path / "zeitplan.png"
    view.export_png(target)

    image = QImage(str(target))
    assert not image.isNull()
    px = view.px_per_day()
    assert image.width() == math.ceil(timeline_export.PNG_LABEL_WIDTH + view.scene.axis.days * px)
    rows = len(view.layout_rows().rows)
    assert image.height() >= SCALE_HEIGHT + rows * ROW_HEIGHT
    row = _row(view, "UM-04")
    middle = view.scene.axis.x(date(2024, 10, 1))
    point = QPoint(
        round(timeline_export.PNG_LABEL_WIDTH + middle * px),
        round(SCALE_HEIGHT + (row + 0.5) * ROW_HEIGHT),
    )
    assert _close(image.pixelColor(point), "#e03131")
    assert view.selected_nr() == "UM-04"  # the highlight comes back after the export


def test_export_to_a_missing_folder_says_so_in_german(view: TimelineView, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="existiert nicht"):
        view.export_pdf(tmp_path / "fehlt" / "zeitplan.pdf", DEFAULT_TITLE, STAND)
    with pytest.raises(ExportError, match="existiert nicht"):
        view.export_png(tmp_path / "fehlt" / "zeitplan.png")


def test_a_png_of_too_many_rows_is_refused(qtbot, tmp_path: Path) -> None:
    view = TimelineView(today=TODAY)
    qtbot.addWidget(view)
    view.set_records(many_records(1300))
    with pytest.raises(ExportError, match="zu groß"):
        view.export_png(tmp_path / "gross.png")
    assert not (tmp_path / "gross.png").exists()


def test_the_pdf_button_asks_for_a_file_and_saves(qtbot, view: TimelineView, tmp_path, monkeypatch) -> None:
    target = tmp_path / "aus dem Dialog"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), "PDF-Dokument (*.pdf)"))
    qtbot.mouseClick(view.pdf_button, Qt.MouseButton.LeftButton)
    assert _pdf_pages(tmp_path / "aus dem Dialog.pdf")[0] == 1


def test_a_failed_export_from_the_button_shows_a_message(qtbot, view: TimelineView, tmp_path, monkeypatch):
    target = tmp_path / "fehlt" / "bild.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), "PNG-Bild (*.png)"))
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: messages.append(text))
    qtbot.mouseClick(view.png_button, Qt.MouseButton.LeftButton)
    assert len(messages) == 1
    assert "existiert nicht" in messages[0]


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


def test_the_today_tag_turns_left_at_the_right_edge(qtbot) -> None:
    image = QImage(400, 40, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    roomy = paint_today_tag(painter, 100, 2, 400)
    cramped = paint_today_tag(painter, 395, 2, 400)
    painter.end()
    assert roomy.left() < 100 < roomy.right()
    assert cramped.right() <= 400
    assert cramped.left() < 395 - 20
