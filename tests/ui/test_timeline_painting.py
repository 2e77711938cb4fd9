"""What the Zeitplan paints: on screen only the rows in view, on each PDF page only that page's rows;
the selection, milestones and colours as the user sees them; diamonds stay shapes in a PDF."""

from __future__ import annotations

import math
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage

from gera_desktop.persistence.database import Database
from gera_desktop.ui.views import timeline_export
from gera_desktop.ui.views.timeline import DEFAULT_TITLE, TimelineView
from gera_desktop.ui.views.timeline_pages import paginate, runs
from gera_desktop.ui.views.timeline_paint import SCALE_HEIGHT
from gera_desktop.ui.views.timeline_style import ROW_HEIGHT
from tests.ui import timeline_support as tl

PER_PAGE = timeline_export.rows_per_page(595 / 72 * timeline_export.RESOLUTION)


def record_painted_rows(view: TimelineView, monkeypatch: pytest.MonkeyPatch) -> list[range]:
    """Every run of rows the chart paints from now on, in order."""
    painted: list[range] = []
    paint_rows = view.scene.chart.paint_rows

    def recording(painter, rows: range, left: float, right: float, scheme=None) -> None:
        painted.append(rows)
        paint_rows(painter, rows, left, right, scheme)

    monkeypatch.setattr(view.scene.chart, "paint_rows", recording)
    return painted


def test_a_scrolled_chart_paints_only_the_rows_in_view(qtbot, monkeypatch) -> None:
    view = tl.shown_view(qtbot, tl.many_records(600))
    painted = record_painted_rows(view, monkeypatch)
    bar = view.chart.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)

    view.chart.viewport().grab()  # paints the viewport as the screen shows it

    first = int(view.chart.scene_top() // ROW_HEIGHT)
    in_view = math.ceil(view.chart.viewport().height() / ROW_HEIGHT) + 1
    assert first > 250
    assert len(painted) == 1
    assert painted[0].start <= first
    assert painted[0].stop >= first + in_view - 1
    assert len(painted[0]) <= in_view + 1  # of 601 rows
    record = view.layout_rows().rows[first + 5].record
    assert record is not None
    middle = view.chart.mapFromScene(tl.bar_rect(view, record.nr).center())
    assert tl.close(tl.pixel(view, middle), "#f2c200")  # gelb, painted where it is


def test_each_pdf_page_paints_only_its_own_rows(qtbot, tmp_path: Path, monkeypatch) -> None:
    view = TimelineView(today=tl.TODAY)
    qtbot.addWidget(view)
    view.set_records(tl.many_records(150))
    painted = record_painted_rows(view, monkeypatch)

    count = view.export_pdf(tmp_path / "zeitplan.pdf", DEFAULT_TITLE, tl.STAND)

    pages = paginate(view.layout_rows(), PER_PAGE)
    assert count == len(pages) > 3
    assert painted == [run for page in pages for run in runs(page)]
    assert sum(len(run) for run in painted) == 150 + count  # each measure once, a header per page


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) fehlt")
def test_each_pdf_page_lists_the_measures_of_its_rows(qtbot, tmp_path: Path) -> None:
    view = TimelineView(today=tl.TODAY)
    qtbot.addWidget(view)
    view.set_records(tl.many_records(100))
    target = tmp_path / "zeitplan.pdf"
    count = view.export_pdf(target, DEFAULT_TITLE, tl.STAND)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, check=True).stdout
    layout = view.layout_rows()

    for page, rows in zip(text.decode("utf-8").split("\f")[:count], paginate(layout, PER_PAGE), strict=True):
        expected = [record.nr for i in rows if (record := layout.rows[i].record) is not None]
        assert [word for word in page.split() if word.startswith("M-")] == expected


def test_milestones_in_a_pdf_are_shapes_not_images(view_of_demo: TimelineView, tmp_path: Path) -> None:
    target = tmp_path / "zeitplan.pdf"
    view_of_demo.export_pdf(target, DEFAULT_TITLE, tl.STAND)
    assert b"/Subtype /Image" not in target.read_bytes()  # sharp at any print size


def test_the_png_shows_the_milestones(view_of_demo: TimelineView, tmp_path: Path) -> None:
    target = tmp_path / "zeitplan.png"
    view_of_demo.export_png(target)
    image = QImage(str(target))
    row = tl.row(view_of_demo, "UM-04")
    px = view_of_demo.px_per_day()
    for termin, fill in ((date(2024, 3, 31), "#212529"), (date(2025, 9, 30), "#ffffff")):
        x = timeline_export.PNG_LABEL_WIDTH + (view_of_demo.scene.axis.x(termin) + 0.5) * px
        point = QPoint(round(x), round(SCALE_HEIGHT + (row + 0.5) * ROW_HEIGHT))
        assert tl.close(image.pixelColor(point), fill), termin


def test_a_clicked_bar_is_drawn_with_the_selection_edge(qtbot, view_of_demo: TimelineView) -> None:
    view = view_of_demo
    rect = tl.bar_rect(view, "UM-04")
    top_edge = view.chart.mapFromScene(QPointF(rect.center().x(), rect.top()))
    assert not tl.close(tl.pixel(view, top_edge), tl.selection(view))

    with qtbot.waitSignal(view.selected):
        qtbot.mouseClick(view.chart.viewport(), Qt.MouseButton.LeftButton, pos=tl.bar_point(view, "UM-04"))

    assert tl.close(tl.pixel(view, top_edge), tl.selection(view))
    view.select("P-01")
    assert not tl.close(tl.pixel(view, top_edge), tl.selection(view))


@pytest.fixture
def view_of_demo(qtbot, database: Database) -> TimelineView:
    return tl.shown_view(qtbot, tl.demo_records(database))
