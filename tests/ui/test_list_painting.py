"""What the list paints and keeps: every role of a cell asked at once, the current measure and the user's
columns through a click on a column header, the years of a filter given from outside."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtGui import QBrush, QFont, QIcon

from gera_desktop.domain.enums import Ampel
from gera_desktop.services.listing import FUNDING_KEYS, ListFilter
from gera_desktop.ui.models.massnahmen import (
    COL_AMPEL,
    COL_BUNDESMITTEL,
    COL_NR,
    COL_TITEL,
    COLUMNS,
    ID_ROLE,
    SORT_ROLE,
    MassnahmenTableModel,
)
from gera_desktop.ui.views.list_view import MassnahmenListView
from tests.records import LONG_TEXT, measure

Role = Qt.ItemDataRole
ROLES = (
    Role.DisplayRole,
    Role.DecorationRole,
    Role.FontRole,
    Role.TextAlignmentRole,
    Role.BackgroundRole,
    Role.ForegroundRole,
    Role.CheckStateRole,
    Role.ToolTipRole,
    ID_ROLE,
    SORT_ROLE,
)


def _comparable(value: object) -> object:
    """Qt values that do not compare by content, as something that does."""
    if isinstance(value, QIcon):
        return ("icon", value.cacheKey())
    if isinstance(value, QFont):
        return ("font", value.italic())
    if isinstance(value, QBrush):
        return ("brush", value.color().name())
    return value


def _asked_at_once(model: MassnahmenTableModel, row: int, column: int, role: int) -> object:
    entry = QModelRoleData(int(role))
    model.multiData(model.index(row, column), QModelRoleDataSpan(entry))
    return entry.data()


@pytest.fixture
def long_list(qtbot) -> MassnahmenListView:
    """300 measures (more than a screen), every third with a computed Bundesmittel."""
    view = MassnahmenListView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    records = [
        measure(
            f"L-{i:03d}",
            titel=f"Maßnahme {(i * 37) % 300:03d}",
            beginn=date(2021, 1, 1) + timedelta(days=i),
            gesamtkosten=Decimal(1000 + i),
            **(dict.fromkeys(FUNDING_KEYS, None) if i % 3 == 0 else {}),
        )
        for i in range(300)
    ]
    view.set_records(records)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_cell_asked_for_every_role_at_once_answers_as_asked_one_by_one(qtbot) -> None:
    view = MassnahmenListView()
    qtbot.addWidget(view)
    empty_funding = dict.fromkeys(FUNDING_KEYS, None)
    computed = measure("A-1", ampel=Ampel.ROT, kurzbeschreibung=LONG_TEXT, **empty_funding)
    view.set_records([computed, measure("A-2", ampel=None)])
    model = view.model
    for row in range(model.rowCount()):
        for column in range(len(COLUMNS)):
            for role in ROLES:
                one_by_one = _comparable(model.index(row, column).data(role))
                at_once = _comparable(_asked_at_once(model, row, column, role))
                assert at_once == one_by_one, (row, column, role)
    font = _asked_at_once(model, 0, COL_BUNDESMITTEL, Role.FontRole)
    assert isinstance(font, QFont)
    assert font.italic()
    assert isinstance(_asked_at_once(model, 0, COL_AMPEL, Role.DecorationRole), QIcon)
    assert _asked_at_once(model, 1, COL_AMPEL, Role.DecorationRole) is None


def test_a_click_on_a_column_header_keeps_the_current_measure_in_sight(qtbot, long_list) -> None:
    view = long_list
    assert view.select("L-150")
    header = view.table.horizontalHeader()
    with qtbot.assertNotEmitted(view.current_changed), qtbot.assertNotEmitted(view.visible_changed):
        header.setSortIndicator(COL_NR, Qt.SortOrder.DescendingOrder)
    assert view.current_nr() == "L-150"
    row = view.model.row_of("L-150")
    assert row == 149
    assert [index.row() for index in view.table.selectionModel().selectedRows()] == [row]
    assert view.table.viewport().rect().intersects(view.table.visualRect(view.model.index(row, COL_NR)))


def test_a_sort_without_a_current_measure_stays_where_the_user_scrolled(qtbot, long_list) -> None:
    view = long_list
    bar = view.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    scrolled = bar.value()
    view.table.horizontalHeader().setSortIndicator(COL_TITEL, Qt.SortOrder.AscendingOrder)
    assert view.model.index(0, COL_TITEL).data() == "Maßnahme 000"
    assert bar.value() == scrolled


def test_a_sort_keeps_the_columns_the_user_chose(qtbot, long_list) -> None:
    view = long_list
    header = view.table.horizontalHeader()
    view.set_column_visible("ampel", False)
    view.set_column_visible("kurzbeschreibung", True)
    header.resizeSection(COL_TITEL, 321)
    header.moveSection(header.visualIndex(COL_TITEL), 0)
    columns = view.visible_columns()
    header.setSortIndicator(COL_BUNDESMITTEL, Qt.SortOrder.DescendingOrder)
    header.setSortIndicator(COL_BUNDESMITTEL, Qt.SortOrder.AscendingOrder)
    assert view.visible_columns() == columns
    assert columns[0] == "titel"
    assert "ampel" not in columns
    assert "kurzbeschreibung" in columns
    assert header.sectionSize(COL_TITEL) == 321
    amounts = [view.model.index(row, COL_BUNDESMITTEL).data(SORT_ROLE) for row in range(300)]
    assert amounts == sorted(amounts)


def test_a_filter_given_from_outside_shows_its_years_and_none_again(qtbot, long_list) -> None:
    bar = long_list.filter_bar
    long_list.set_filter(ListFilter(jahr_von=2023, jahr_bis=2024))
    assert (bar.jahr_von.text(), bar.jahr_bis.text()) == ("2023", "2024")
    assert long_list.visible_count() == 0  # every measure ends in 2022
    long_list.set_filter(ListFilter(jahr_bis=2021))
    assert (bar.jahr_von.text(), bar.jahr_bis.text()) == ("–", "2021")
    assert long_list.visible_count() == 300
    long_list.set_filter(ListFilter())
    assert (bar.jahr_von.text(), bar.jahr_bis.text()) == ("–", "–")
    assert long_list.current_filter() == ListFilter()
