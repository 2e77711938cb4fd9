"""Ansicht ▸ Gruppieren nach in the main window (issue 13): one setting for the list and the Zeitplan,
chosen in the menu or in the Zeitplan's toolbar, remembered for the next start."""

from __future__ import annotations

from dataclasses import replace

from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.persistence.database import Database
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.main_window import MainWindow
from tests.ui.main_window_support import open_main_window


def _menu_texts(window: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in window.grouping_actions.actions.values()]


def _header_titles(window: MainWindow) -> list[str]:
    model = window.list_view.model
    return [model.index(row, 0).data() for row in model.header_rows()]


def test_the_menu_groups_list_and_timeline_by_cluster(qtbot, demo: Database) -> None:
    service = MassnahmenService(demo, user="test")
    service.update(replace(service.get("UM-04"), cluster="Daten und Plattform"))
    window = open_main_window(qtbot, demo)
    assert _menu_texts(window) == ["Keine Gruppen", "Innovationsfeld", "Cluster"]
    assert window.grouping_actions.actions["keine"].isChecked()
    assert window.list_view.model.header_rows() == []

    window.grouping_actions.actions["cluster"].trigger()

    assert _header_titles(window) == ["Daten und Plattform (1)", "Ohne Cluster (24)"]
    window.show_view(1)
    qtbot.waitUntil(lambda: len(window.timeline.records()) == 25)
    titles = [row.group.title for row in window.timeline.layout_rows().rows if row.is_header]
    assert titles == ["Daten und Plattform (1)", "Ohne Cluster (24)"]


def test_the_timeline_toolbar_sets_the_same_grouping_for_the_list(qtbot, demo: Database) -> None:
    window = open_main_window(qtbot, demo)
    window.show_view(1)
    combo = window.timeline.grouping_combo
    assert combo.currentText() == "Innovationsfeld"  # the list ungrouped: the Zeitplan by field

    combo.setCurrentIndex(combo.findData(Gruppierung.CLUSTER))
    combo.activated.emit(combo.currentIndex())

    assert window.grouping_actions.actions["cluster"].isChecked()
    assert _header_titles(window) == ["Ohne Cluster (25)"]
    window.grouping_actions.actions["keine"].trigger()
    assert combo.currentText() == "Innovationsfeld"
    assert window.list_view.model.header_rows() == []


def test_the_grouping_is_remembered_in_a_new_window(qtbot, demo: Database) -> None:
    first = open_main_window(qtbot, demo)
    first.grouping_actions.actions["innovationsfeld"].trigger()
    first.close()

    second = open_main_window(qtbot, demo)
    assert second.grouping_actions.actions["innovationsfeld"].isChecked()
    assert len(_header_titles(second)) == 6
    second.show_view(1)
    assert second.timeline.gruppierung() is Gruppierung.INNOVATIONSFELD
