"""The Zeitplan exported: PDF pages (A4 landscape, title, Stand, page numbers, repeated group headers)
and the PNG image of the whole chart; German messages when that fails."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.excel.writing import ExportError
from gera_desktop.persistence.database import Database
from gera_desktop.ui.views import timeline_export
from gera_desktop.ui.views.timeline import DEFAULT_TITLE, TimelineView
from gera_desktop.ui.views.timeline_pages import paginate
from gera_desktop.ui.views.timeline_paint import SCALE_HEIGHT, paint_today_tag
from gera_desktop.ui.views.timeline_paper import PAPER
from gera_desktop.ui.views.timeline_rows import RowLayout
from gera_desktop.ui.views.timeline_style import ROW_HEIGHT
from tests.records import measure
from tests.ui import timeline_support as tl


@pytest.fixture
def view(qtbot, database: Database) -> TimelineView:
    return tl.shown_view(qtbot, tl.demo_records(database))


def test_the_pdf_is_a4_landscape_with_one_page_for_the_demo(view: TimelineView, tmp_path: Path) -> None:
    target = tmp_path / "zeitplan.pdf"
    assert view.export_pdf(target, DEFAULT_TITLE, tl.STAND) == 1
    pages, boxes = tl.pdf_pages(target)
    assert pages == 1
    assert boxes == [(842.0, 595.0)]


def test_many_rows_spread_over_as_many_pages_as_needed(qtbot, tmp_path: Path) -> None:
    view = TimelineView(today=tl.TODAY)
    qtbot.addWidget(view)
    records = tl.many_records(150)
    view.set_records(records)
    target = tmp_path / "lang.pdf"

    count = view.export_pdf(target, DEFAULT_TITLE, tl.STAND)

    per_page = timeline_export.rows_per_page(595 / 72 * timeline_export.RESOLUTION)
    assert count == math.ceil(150 / (per_page - 1)) > 3  # each page: the group's header, then measures
    pages, boxes = tl.pdf_pages(target)
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
    assert paginate(layout, 4) == [[0, 1, 2], [3, 4, 5], [3, 6, 7]]  # B-3 not alone on the last page
    layout.groups[1].folded = True
    layout.refresh()
    assert paginate(layout, 4) == [[0, 1, 2, 3]]
    assert paginate(RowLayout.of([]), 4) == [[]]


def _layout(*sizes: int) -> RowLayout:
    fields = list(Innovationsfeld)
    return RowLayout.of(
        [measure(f"G{g}-{i}", innovationsfeld=fields[g]) for g, size in enumerate(sizes) for i in range(size)]
    )


def test_no_measure_is_left_alone_at_a_page_break() -> None:
    # 10 rows a page; Energie (3) fills rows 0-3, Mobilität (5) would break after one measure: it moves on
    assert paginate(_layout(3, 5), 6) == [[0, 1, 2, 3], [4, 5, 6, 7, 8, 9]]
    # exactly full: nothing moves
    assert paginate(_layout(2, 2), 6) == [[0, 1, 2, 3, 4, 5]]
    # one row too many: the second group (header and two measures) goes to the next page whole
    assert paginate(_layout(2, 2), 5) == [[0, 1, 2], [3, 4, 5]]
    # a long group gives its last page two measures, not one
    assert paginate(_layout(6), 6) == [[0, 1, 2, 3, 4], [0, 5, 6]]
    assert paginate(_layout(11), 6) == [[0, 1, 2, 3, 4, 5], [0, 6, 7, 8, 9], [0, 10, 11]]
    assert paginate(_layout(8), 6) == [[0, 1, 2, 3, 4, 5], [0, 6, 7, 8]]


@pytest.mark.parametrize("per_page", [4, 5, 6, 9])
def test_every_page_break_keeps_headers_and_measures_together(per_page: int) -> None:
    layout = _layout(1, 2, 7, 4, 12, 5)
    pages = paginate(layout, per_page)

    for page in pages:
        assert 2 <= len(page) <= per_page
        assert not layout.rows[page[-1]].is_header  # a header never ends a page
        for group in layout.groups:
            members = [i for i in page if layout.rows[i].group is group and not layout.rows[i].is_header]
            if members:
                assert layout.header_index(group) in page  # its header comes first (again)
                split = len(members) < len(group.records)
                assert not split or len(members) >= 2  # no measure alone where the group goes on
    shown = [i for page in pages for i in page if not layout.rows[i].is_header]
    assert shown == [i for i, row in enumerate(layout.rows) if not row.is_header]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) fehlt")
def test_every_page_has_title_stand_page_number_and_each_measure_once(qtbot, tmp_path: Path) -> None:
    view = TimelineView(today=tl.TODAY)
    qtbot.addWidget(view)
    view.set_records(tl.many_records(80))
    target = tmp_path / "zeitplan.pdf"
    count = view.export_pdf(target, DEFAULT_TITLE, tl.STAND)
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
    row = tl.row(view, "UM-04")
    middle = view.scene.axis.x(date(2024, 10, 1))
    point = QPoint(
        round(timeline_export.PNG_LABEL_WIDTH + middle * px),
        round(SCALE_HEIGHT + (row + 0.5) * ROW_HEIGHT),
    )
    assert tl.close(image.pixelColor(point), "#e03131")
    assert view.selected_nr() == "UM-04"  # the highlight comes back after the export


def test_export_to_a_missing_folder_says_so_in_german(view: TimelineView, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="existiert nicht"):
        view.export_pdf(tmp_path / "fehlt" / "zeitplan.pdf", DEFAULT_TITLE, tl.STAND)
    with pytest.raises(ExportError, match="existiert nicht"):
        view.export_png(tmp_path / "fehlt" / "zeitplan.png")


def test_a_png_of_too_many_rows_is_refused(qtbot, tmp_path: Path) -> None:
    view = TimelineView(today=tl.TODAY)
    qtbot.addWidget(view)
    view.set_records(tl.many_records(1300))
    with pytest.raises(ExportError, match="zu groß"):
        view.export_png(tmp_path / "gross.png")
    assert not (tmp_path / "gross.png").exists()


def test_saving_as_pdf_asks_for_a_file_and_saves(qtbot, view: TimelineView, tmp_path, monkeypatch) -> None:
    target = tmp_path / "aus dem Dialog"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), "PDF-Dokument (*.pdf)"))
    assert view.pdf_action in view.save_button.menu().actions()
    view.pdf_action.trigger()
    assert tl.pdf_pages(tmp_path / "aus dem Dialog.pdf")[0] == 1


def test_a_failed_save_shows_a_message(qtbot, view: TimelineView, tmp_path, monkeypatch):
    target = tmp_path / "fehlt" / "bild.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), "PNG-Bild (*.png)"))
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: messages.append(text))
    view.png_action.trigger()
    assert len(messages) == 1
    assert "existiert nicht" in messages[0]


def test_the_today_tag_turns_left_at_the_right_edge(qtbot) -> None:
    image = QImage(400, 40, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    roomy = paint_today_tag(painter, 100, 2, 400, PAPER)
    cramped = paint_today_tag(painter, 395, 2, 400, PAPER)
    painter.end()
    assert roomy.left() < 100 < roomy.right()
    assert cramped.right() <= 400
    assert cramped.left() < 395 - 20
