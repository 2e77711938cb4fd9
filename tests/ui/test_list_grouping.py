"""The list grouped by Innovationsfeld or Cluster (issue 13): a header row per group ("Ohne Cluster"
last), the measures within a group in the clicked sort order, the current measure kept, headers neither
selectable nor reached by the arrow keys."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from gera_desktop import resources
from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.persistence.database import Database
from gera_desktop.services.demo import load_demo
from gera_desktop.services.listing import ListFilter
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.models.massnahmen import (
    COL_GESAMTKOSTEN,
    COL_NR,
    COL_TITEL,
    ID_ROLE,
    MassnahmenTableModel,
)
from gera_desktop.ui.views.list_view import MassnahmenListView

CLUSTERS = {"P-01": "Smarte Innenstadt", "P-07": "Smarte Innenstadt", "UM-04": "Daten und Plattform"}


@pytest.fixture
def records(database: Database) -> list[MassnahmeData]:
    load_demo(database, resources.demo_data(), user="test")
    listed = MassnahmenService(database).list()
    return [replace(r, cluster=CLUSTERS.get(r.nr)) for r in listed]


@pytest.fixture
def view(qtbot, records) -> MassnahmenListView:
    widget = MassnahmenListView()
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_records(records)
    return widget


def shown(view: MassnahmenListView) -> list[str]:
    """Per row: the Nr., or the header's title as ``'# title'``."""
    model = view.model
    header_rows = set(model.header_rows())
    return [
        f"# {model.index(row, COL_NR).data()}" if row in header_rows else model.index(row, COL_NR).data()
        for row in range(model.rowCount())
    ]


def test_the_grouped_model_passes_the_model_tester(qtmodeltester, records) -> None:
    model = MassnahmenTableModel()
    model.set_rows(records)
    model.set_grouping(Gruppierung.CLUSTER)
    qtmodeltester.check(model)
    model.set_grouping(Gruppierung.INNOVATIONSFELD)
    qtmodeltester.check(model)


def test_grouped_by_cluster_a_header_per_cluster_and_ohne_cluster_last(view: MassnahmenListView) -> None:
    view.set_grouping(Gruppierung.CLUSTER)

    rows = shown(view)
    assert rows[:6] == [
        "# Daten und Plattform (1)",
        "UM-04",
        "# Smarte Innenstadt (2)",
        "P-01",
        "P-07",
        "# Ohne Cluster (22)",
    ]
    assert len(rows) == 25 + 3
    assert view.visible_count() == 25
    assert [r.nr for r in view.visible_records()][:3] == ["UM-04", "P-01", "P-07"]  # no headers
    header = view.model.index(0, COL_TITEL)
    assert not header.flags() & Qt.ItemFlag.ItemIsSelectable
    assert header.data(ID_ROLE) is None
    assert header.data(Qt.ItemDataRole.FontRole).bold()
    assert view.table.columnSpan(0, COL_NR) == view.model.columnCount()


def test_within_a_group_the_rows_follow_the_clicked_column(view: MassnahmenListView, records) -> None:
    view.set_grouping(Gruppierung.INNOVATIONSFELD)
    view.table.sortByColumn(COL_GESAMTKOSTEN, Qt.SortOrder.DescendingOrder)

    rows = shown(view)
    energie = [r for r in records if r.innovationsfeld is Innovationsfeld.ENERGIE]
    start = rows.index(f"# {Innovationsfeld.ENERGIE} ({len(energie)})")
    by_cost = sorted(energie, key=lambda r: r.gesamtkosten, reverse=True)
    assert rows[start + 1 : start + 1 + len(energie)] == [r.nr for r in by_cost]
    assert rows[0] == f"# {Innovationsfeld.BAUEN} (4)"


def test_the_current_measure_stays_current_when_grouping_changes(qtbot, view: MassnahmenListView) -> None:
    assert view.select("P-07")
    with qtbot.assertNotEmitted(view.current_changed):
        view.set_grouping(Gruppierung.CLUSTER)
        view.set_grouping(None)
        view.set_grouping(Gruppierung.CLUSTER)
    assert view.current_nr() == "P-07"
    assert view.model.row_of("P-07") == 4


def test_the_arrow_keys_pass_over_a_header(qtbot, view: MassnahmenListView) -> None:
    view.set_grouping(Gruppierung.CLUSTER)
    view.select("UM-04")
    view.table.setFocus()
    with qtbot.waitSignal(view.current_changed) as changed:
        qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert changed.args == ["P-01"]
    with qtbot.waitSignal(view.current_changed) as changed:
        qtbot.keyClick(view.table, Qt.Key.Key_Up)
    assert changed.args == ["UM-04"]


def test_a_click_on_a_header_selects_nothing_and_opens_nothing(qtbot, view: MassnahmenListView) -> None:
    view.set_grouping(Gruppierung.CLUSTER)
    view.select("UM-04")
    rect = view.table.visualRect(view.model.index(0, COL_TITEL))
    with qtbot.assertNotEmitted(view.open_requested):
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current_nr() == "UM-04"


def test_filter_and_changed_cluster_regroup(view: MassnahmenListView, records) -> None:
    ungrouped = view.visible_totals()
    view.set_grouping(Gruppierung.CLUSTER)
    assert view.visible_totals() == ungrouped  # header rows count in no sum
    view.set_filter(ListFilter(text="Stadtleitsystem"))
    assert shown(view) == ["# Daten und Plattform (1)", "UM-04", "# Ohne Cluster (1)", "P-03"]

    view.set_filter(ListFilter())
    moved = replace(next(r for r in records if r.nr == "P-02"), cluster="Daten und Plattform")
    assert view.update_record(moved)
    assert shown(view)[:3] == ["# Daten und Plattform (2)", "P-02", "UM-04"]


def test_row_data_refuses_a_header_row(view: MassnahmenListView) -> None:
    view.set_grouping(Gruppierung.CLUSTER)
    with pytest.raises(IndexError):
        view.model.row_data(0)
    assert view.model.row_data(1).nr == "UM-04"
