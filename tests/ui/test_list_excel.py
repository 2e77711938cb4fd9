"""The list as people use Excel: Nr. and Maßnahme stay in place when scrolling right, Strg+C copies the
selected rows as a table, and the search marks its hits in the cells (also "muell" in "Müll")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QTableView

from gera_desktop.domain.enums import Umsetzungsstand
from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.ui.models.massnahmen import COL_NR, COL_STATUS, COL_TITEL, COLUMN_KEYS
from gera_desktop.ui.views.list_view import MassnahmenListView
from tests.records import measure

Flag = QItemSelectionModel.SelectionFlag
MARK = QColor(255, 0, 255)
"""A highlight colour no other part of the list uses, set in the tests' palette."""


@pytest.fixture
def view(qtbot) -> MassnahmenListView:
    widget = MassnahmenListView()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    records = [
        measure(
            f"M-{i:02d}",
            titel=f"Maßnahme {i:02d}",
            federfuehrung="Amt für Zentrale Steuerung",
            cluster="Saubere Stadt" if i % 2 else None,
            gesamtkosten=Decimal(1000 * i) + Decimal("0.5"),
            beginn=date(2024, 1, i % 28 + 1),
            status=Umsetzungsstand.GEPLANT,
        )
        for i in range(1, 61)
    ]
    widget.set_records(records)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _frozen(view: MassnahmenListView) -> QTableView:
    frozen = view.table.frozen
    assert frozen is not None
    return frozen


def _scroll_right(view: MassnahmenListView) -> None:
    bar = view.table.horizontalScrollBar()
    assert bar.maximum() > 0, "the columns are wider than the list"
    bar.setValue(bar.maximum())


def _frozen_area(view: MassnahmenListView) -> QImage:
    frozen = _frozen(view)
    return view.grab(QRect(frozen.mapTo(view, QPoint(0, 0)), frozen.size())).toImage()


def _select_rows(view: MassnahmenListView, *rows: int) -> None:
    selection = view.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(view.model.index(row, COL_NR), Flag.Select | Flag.Rows)


def _copy(qtbot, view: MassnahmenListView) -> list[list[str]]:
    QApplication.clipboard().clear()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    return [line.split("\t") for line in QApplication.clipboard().text().split("\n")]


# --- frozen columns ---------------------------------------------------------------------------------


def test_scrolled_right_nr_and_massnahme_stay_beside_the_rows_they_belong_to(qtbot, view) -> None:
    frozen, table = _frozen(view), view.table
    before = _frozen_area(view)
    table.verticalScrollBar().setValue(17)
    _scroll_right(view)
    table.verticalScrollBar().setValue(0)

    assert table.columnViewportPosition(COL_NR) < 0, "the table underneath scrolled Nr. out of sight"
    assert _frozen_area(view) == before  # Nr. and Maßnahme painted where they were
    assert frozen.geometry().left() == table.viewport().geometry().left()
    assert frozen.width() == table.columnWidth(COL_NR) + table.columnWidth(COL_TITEL)
    table.verticalScrollBar().setValue(23)
    for y in (2, table.viewport().height() // 2, table.viewport().height() - 3):
        row = table.rowAt(y)
        nr = frozen.indexAt(QPoint(frozen.columnViewportPosition(COL_NR) + 5, y))
        title = frozen.indexAt(QPoint(frozen.columnViewportPosition(COL_TITEL) + 5, y))
        assert (nr.row(), nr.column(), title.row(), title.column()) == (row, COL_NR, row, COL_TITEL)
        assert nr.data() == view.model.row_data(row).nr
        assert title.data() == view.model.row_data(row).titel


def test_a_list_too_narrow_for_more_than_nr_and_massnahme_lets_them_scroll_away(qtbot, view) -> None:
    frozen, table = _frozen(view), view.table
    frozen_width = table.columnWidth(COL_NR) + table.columnWidth(COL_TITEL)

    view.resize(frozen_width + 60, 500)
    qtbot.waitUntil(frozen.isHidden)
    shown = [c for c in range(view.model.columnCount()) if not table.isColumnHidden(c)]
    last = view.model.index(0, max(shown, key=table.columnViewportPosition))
    table.scrollTo(last)
    assert table.visualRect(last).intersects(table.viewport().rect())  # the last column can be reached

    view.resize(frozen_width + 400, 500)
    qtbot.waitUntil(lambda: not frozen.isHidden())


def test_moving_a_column_keeps_nr_and_massnahme_first_and_their_widths_follow(view) -> None:
    header, frozen = view.table.horizontalHeader(), _frozen(view)
    header.moveSection(header.visualIndex(COL_STATUS), 0)
    assert view.visible_columns()[:3] == ["nr", "titel", "status"]
    header.moveSection(header.visualIndex(COL_TITEL), 0)  # the user may swap the two
    assert view.visible_columns()[:2] == ["titel", "nr"]
    assert frozen.horizontalHeader().visualIndex(COL_TITEL) < frozen.horizontalHeader().visualIndex(COL_NR)

    header.resizeSection(COL_TITEL, 250)
    assert frozen.columnWidth(COL_TITEL) == 250
    frozen.horizontalHeader().resizeSection(COL_TITEL, 200)  # dragged in the frozen header
    assert header.sectionSize(COL_TITEL) == 200
    view.set_column_visible("titel", False)
    assert frozen.isColumnHidden(COL_TITEL)
    assert frozen.width() == view.table.columnWidth(COL_NR)


def test_a_click_on_a_frozen_column_header_sorts_the_list(qtbot, view) -> None:
    header = _frozen(view).horizontalHeader()
    x = header.sectionViewportPosition(COL_TITEL) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    assert view.table.horizontalHeader().sortIndicatorSection() == COL_TITEL
    assert view.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert view.model.index(0, COL_TITEL).data() == "Maßnahme 60"
    assert header.sortIndicatorSection() == COL_TITEL


def test_a_click_in_the_frozen_columns_selects_the_row_and_the_keys_go_on_from_there(qtbot, view) -> None:
    frozen, table = _frozen(view), view.table
    _scroll_right(view)
    cell = frozen.visualRect(view.model.index(4, COL_TITEL)).center()
    with qtbot.waitSignal(view.current_changed, check_params_cb=lambda nr: nr == "M-05"):
        qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert table.hasFocus()
    assert [index.row() for index in table.selectionModel().selectedRows()] == [4]

    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert view.current_nr() == "M-06"
    with qtbot.waitSignal(view.open_requested, check_params_cb=lambda nr: nr == "M-06"):
        below = frozen.visualRect(view.model.index(5, COL_TITEL)).center()
        qtbot.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=below)  # as a real mouse does
        qtbot.mouseDClick(frozen.viewport(), Qt.MouseButton.LeftButton, pos=below)


def test_moving_left_shows_the_next_column_beside_the_frozen_ones_not_under_them(qtbot, view) -> None:
    table, frozen = view.table, _frozen(view)
    shown = view.visible_columns()
    last = view.model.index(3, COLUMN_KEYS.index(shown[-1]))
    table.setFocus()
    table.setCurrentIndex(last)
    for _ in range(len(shown) - 3):
        qtbot.keyClick(table, Qt.Key.Key_Left)
        assert table.visualRect(table.currentIndex()).left() >= frozen.width()
    assert view.visible_columns().index(COLUMN_KEYS[table.currentIndex().column()]) == 2
    qtbot.keyClick(table, Qt.Key.Key_Left)  # into Maßnahme, which is always in sight
    assert table.currentIndex().column() == COL_TITEL


def test_grouped_the_frozen_columns_show_the_groups_titles(view) -> None:
    view.set_grouping(Gruppierung.CLUSTER)
    _scroll_right(view)
    frozen = _frozen(view)
    header_row = view.model.header_rows()[0]
    assert frozen.columnSpan(header_row, COL_NR) == view.model.columnCount()
    at = frozen.visualRect(view.model.index(header_row, COL_NR)).center()
    assert frozen.indexAt(at).data() == "Saubere Stadt (30)"


def test_the_frozen_columns_cover_the_left_edge_of_the_rows_the_table_shows(view) -> None:
    table, frozen = view.table, _frozen(view)
    viewport = QTableView.viewport(table)  # Qt's own answer, past the table's cheaper lookup

    assert table.viewport() is viewport
    assert frozen.geometry().left() == viewport.geometry().left()
    assert frozen.geometry().bottom() == viewport.geometry().bottom()
    assert frozen.width() == table.columnWidth(COL_NR) + table.columnWidth(COL_TITEL)


# --- copying ----------------------------------------------------------------------------------------


def test_ctrl_c_copies_the_selected_rows_as_a_table_with_the_header(qtbot, view) -> None:
    header = view.table.horizontalHeader()
    for key in ("innovationsfeld", "ende", "ampel", "bundesmittel"):
        view.set_column_visible(key, False)
    view.set_column_visible("cluster", True)
    header.moveSection(header.visualIndex(COL_STATUS), 2)
    _select_rows(view, 11, 2)

    assert _copy(qtbot, view) == [
        [
            "Maßnahmen-Nr.",
            "Maßnahme",
            "Umsetzungsstand",
            "Cluster",
            "Federführung",
            "Beginn",
            "Gesamtkosten (€)",
        ],
        [
            "M-03",
            "Maßnahme 03",
            "geplant",
            "Saubere Stadt",
            "Amt für Zentrale Steuerung",
            "04.01.2024",
            "3.000,50 €",
        ],
        ["M-12", "Maßnahme 12", "geplant", "", "Amt für Zentrale Steuerung", "13.01.2024", "12.000,50 €"],
    ]


def test_a_copy_leaves_out_the_group_headers_and_takes_long_text_whole(qtbot, view) -> None:
    record = view.model.row_data(0)
    record.kurzbeschreibung = "Erste Zeile\n\tzweite Zeile " + "lang " * 100
    view.update_record(record)
    view.set_column_visible("kurzbeschreibung", True)
    view.set_grouping(Gruppierung.CLUSTER)
    view.table.selectAll()

    lines = _copy(qtbot, view)
    assert len(lines) == 1 + 60
    assert not any(line[0].startswith("Saubere Stadt") or line[0].startswith("Ohne") for line in lines)
    column = lines[0].index("Kurzbeschreibung")
    copied = next(line[column] for line in lines if line[0] == "M-01")
    assert copied == "Erste Zeile zweite Zeile" + " lang" * 100
    assert view.model.index(view.model.row_of("M-01") or 0, column).data().endswith("…")  # shown: shortened


def test_nothing_selected_leaves_the_clipboard_alone(qtbot, view) -> None:
    view.table.selectionModel().clearSelection()
    QApplication.clipboard().setText("vorher")
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "vorher"


# --- marked hits ------------------------------------------------------------------------------------


def _marked_xs(image: QImage, rect: QRect) -> list[int]:
    """The columns of pixels inside ``rect`` painted in the marking colour."""
    rect = rect.intersected(image.rect())
    assert not rect.isEmpty(), "the cell is in sight"
    return [
        x
        for x in range(rect.left(), rect.right())
        if any(image.pixelColor(x, y) == MARK for y in range(rect.top(), rect.bottom()))
    ]


def test_the_search_marks_what_it_found_in_the_cells(qtbot, view) -> None:
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Highlight, MARK)
    view.setPalette(palette)
    record = view.model.row_data(4)
    record.titel = "Smarte Müllentsorgung"
    view.update_record(record)
    qtbot.keyClicks(view.filter_bar.search, "muell")
    view.table.selectionModel().clearSelection()

    assert view.visible_count() == 1
    frozen = _frozen(view)
    cell = frozen.visualRect(view.model.index(0, COL_TITEL))
    marked = _marked_xs(frozen.viewport().grab().toImage(), cell)
    font = frozen.fontMetrics()
    assert marked, "Müll is marked"
    assert abs(len(marked) - font.horizontalAdvance("Müll")) <= 2
    assert abs(marked[0] - cell.left() - font.horizontalAdvance("Smarte ")) <= 6  # after the margin

    view.filter_bar.search.clear()
    assert not _marked_xs(frozen.viewport().grab().toImage(), cell)


def test_a_hit_in_the_cluster_column_is_marked_and_other_columns_are_not(qtbot, view) -> None:
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Highlight, MARK)
    view.setPalette(palette)
    view.set_column_visible("cluster", True)
    header = view.table.horizontalHeader()
    cluster = COLUMN_KEYS.index("cluster")
    header.moveSection(header.visualIndex(cluster), 2)
    header.moveSection(header.visualIndex(COL_STATUS), 3)
    qtbot.keyClicks(view.filter_bar.search, "saubere")
    view.table.selectionModel().clearSelection()

    assert view.visible_count() == 30
    image = view.table.viewport().grab().toImage()
    assert _marked_xs(image, view.table.visualRect(view.model.index(0, cluster)))
    assert not _marked_xs(image, view.table.visualRect(view.model.index(0, COL_STATUS)))


# --- in the main window -----------------------------------------------------------------------------


def test_muell_finds_the_muellentsorgung_measure_of_the_sample_data(qtbot, window) -> None:
    qtbot.keyClicks(window.list_view.filter_bar.search, "muell")
    assert [r.titel for r in window.list_view.visible_records()] == ["Smarte Müllentsorgung"]
    assert window.status.count_label.text() == "1 von 25 Maßnahmen"


def test_bearbeiten_kopieren_and_ctrl_c_copy_the_list_and_not_a_text_field(qtbot, window) -> None:
    edit_menu = next(a for a in window.menuBar().actions() if a.text() == "&Bearbeiten").menu()
    kopieren = next(a for a in edit_menu.actions() if a.text().replace("&", "") == "Kopieren")
    view = window.list_view
    view.select("P-01")
    QApplication.clipboard().clear()
    kopieren.trigger()
    header, row = (line.split("\t") for line in QApplication.clipboard().text().split("\n"))
    assert (header[:2], row[:2]) == (
        ["Maßnahmen-Nr.", "Maßnahme"],
        ["P-01", view.model.row_data(view.model.row_of("P-01") or 0).titel],
    )

    view.table.setFocus()
    view.table.selectAll()
    QApplication.clipboard().clear()
    qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert len(QApplication.clipboard().text().split("\n")) == 1 + 25

    search = view.filter_bar.search
    qtbot.keyClicks(search, "Sensor")
    search.selectAll()
    qtbot.keyClick(search, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "Sensor"
