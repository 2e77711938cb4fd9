"""Search hits marked in the list as the user sees them: in a selected row, after the measure or the
search text changed, with a larger font, and not past the "…" of a shortened cell."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QRect
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPalette

from gera_desktop.ui.models.massnahmen import COL_TITEL
from gera_desktop.ui.views.list_view import MassnahmenListView
from tests.records import measure

MARK = QColor(255, 0, 255)
"""The highlight colour of the tests' palette (no other part of the list uses it)."""
SELECTED_TEXT = QColor(0, 160, 0)
"""The selection's text colour of the tests' palette."""
Flag = QItemSelectionModel.SelectionFlag


@pytest.fixture
def view(qtbot) -> MassnahmenListView:
    widget = MassnahmenListView()
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Highlight, MARK)
    palette.setColor(QPalette.ColorRole.HighlightedText, SELECTED_TEXT)
    widget.setPalette(palette)
    titles = ("Smarte Müllentsorgung", "Radwege", "Eine lange Maßnahme zur Stadtreinigung mit Müllabfuhr")
    widget.set_records([measure(f"M-{i}", titel=title) for i, title in enumerate(titles, 1)])
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _title_cell(view: MassnahmenListView, row: int = 0) -> tuple[QImage, QRect]:
    """The picture of the frozen columns and where the title of ``row`` is in it."""
    frozen = view.table.frozen
    assert frozen is not None
    cell = frozen.visualRect(view.model.index(row, COL_TITEL))
    return frozen.viewport().grab().toImage(), cell


def _widest_run(image: QImage, rect: QRect, colour: QColor) -> tuple[int, int]:
    """The longest row of pixels of ``colour`` inside ``rect``: its first x and its length."""
    best = (0, 0)
    for y in range(rect.top(), rect.bottom()):
        start = None
        for x in range(rect.left(), rect.right() + 2):
            inside = x <= rect.right() and image.pixelColor(x, y) == colour
            if inside and start is None:
                start = x
            elif not inside and start is not None:
                best = max(best, (start, x - start), key=lambda run: run[1])
                start = None
    return best


def _search(qtbot, view: MassnahmenListView, text: str) -> None:
    view.filter_bar.search.clear()
    qtbot.keyClicks(view.filter_bar.search, text)
    view.table.selectionModel().clearSelection()


def test_a_hit_in_a_selected_row_is_marked_in_the_selections_text_colour(qtbot, view) -> None:
    _search(qtbot, view, "muell")
    view.table.selectionModel().select(view.model.index(0, 0), Flag.ClearAndSelect | Flag.Rows)

    image, cell = _title_cell(view)
    start, width = _widest_run(image, cell, SELECTED_TEXT)
    metrics = view.table.frozen.fontMetrics()
    assert abs(width - metrics.horizontalAdvance("Müll")) <= 2
    assert abs(start - cell.left() - metrics.horizontalAdvance("Smarte ")) <= 6  # after the margin
    assert _widest_run(image, cell, MARK)[1] > width  # the selected row's own colour around it


def test_the_marks_follow_a_changed_measure_and_a_changed_search(qtbot, view) -> None:
    _search(qtbot, view, "muell")
    image, cell = _title_cell(view)
    before = _widest_run(image, cell, MARK)[0]

    record = view.model.row_data(0)
    record.titel = "Müll und Smarte Entsorgung"
    view.update_record(record)
    image, cell = _title_cell(view)
    moved, width = _widest_run(image, cell, MARK)
    metrics = view.table.frozen.fontMetrics()
    assert moved < before
    assert abs(width - metrics.horizontalAdvance("Müll")) <= 2

    _search(qtbot, view, "smarte entsorgung")
    image, cell = _title_cell(view)
    start, width = _widest_run(image, cell, MARK)
    assert abs(start - cell.left() - metrics.horizontalAdvance("Müll und ")) <= 6
    assert abs(width - metrics.horizontalAdvance("Smarte Entsorgung")) <= 3


def test_with_a_larger_font_the_mark_covers_the_hit_at_its_new_size(qtbot, view) -> None:
    _search(qtbot, view, "muell")
    image, cell = _title_cell(view)
    assert _widest_run(image, cell, MARK)[1] > 0
    font = view.table.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.table.setFont(font)

    image, cell = _title_cell(view)
    width = _widest_run(image, cell, MARK)[1]
    assert abs(width - QFontMetrics(font).horizontalAdvance("Müll")) <= 2


def test_a_hit_in_the_shortened_part_of_a_cell_is_not_marked(qtbot, view) -> None:
    view.table.setColumnWidth(COL_TITEL, 160)
    _search(qtbot, view, "muell")

    assert view.visible_count() == 2  # the long title is found
    image, cell = _title_cell(view, 1)
    assert "Müll" not in view.table.frozen.fontMetrics().elidedText(
        view.model.row_data(1).titel, view.table.textElideMode(), cell.width()
    )
    assert _widest_run(image, cell, MARK)[1] == 0
    image, cell = _title_cell(view, 0)
    assert _widest_run(image, cell, MARK)[1] > 0
