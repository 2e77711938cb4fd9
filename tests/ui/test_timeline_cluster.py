"""The Zeitplan grouped by Cluster (issue 13): Clusters alphabetically, "Ohne Cluster" last; folding,
selection, arrow keys, the PDF's continued group headers and its summary work as by Innovationsfeld."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.persistence.database import Database
from gera_desktop.ui.views.timeline import DEFAULT_TITLE, TimelineView
from gera_desktop.ui.views.timeline_rows import group_tooltip
from tests.ui import timeline_support as tl

CLUSTERS = {
    "P-01": "Smarte Innenstadt",
    "P-07": "Smarte Innenstadt",
    "UM-04": "Daten und Plattform",
    "P-11": "Daten und Plattform",
    "UM-11": "Daten und Plattform",
}


@pytest.fixture
def records(database: Database) -> list[MassnahmeData]:
    return [replace(r, cluster=CLUSTERS.get(r.nr)) for r in tl.demo_records(database)]


@pytest.fixture
def view(qtbot, records: list[MassnahmeData]) -> TimelineView:
    timeline = tl.shown_view(qtbot, records)
    timeline.set_gruppierung(Gruppierung.CLUSTER)
    return timeline


def headers(view: TimelineView) -> list[str]:
    return [row.group.title for row in view.layout_rows().rows if row.is_header]


def test_groups_are_the_clusters_alphabetically_and_ohne_cluster_last(view: TimelineView, records) -> None:
    assert headers(view) == ["Daten und Plattform (3)", "Smarte Innenstadt (2)", "Ohne Cluster (20)"]
    daten = [
        r.record.nr for r in view.layout_rows().rows if r.record and r.group.key == "Daten und Plattform"
    ]
    assert daten == [r.nr for r in records if r.nr in ("UM-04", "P-11", "UM-11")]  # in the order given
    assert view.grouping_combo.currentText() == "Cluster"
    tip = group_tooltip(view.layout_rows().rows[0].group)
    assert "<b>Cluster:</b></td><td>Daten und Plattform" in tip
    assert "<b>Maßnahmen:</b></td><td>3" in tip


def test_choosing_cluster_in_the_toolbar_regroups_and_keeps_the_selection(qtbot, records) -> None:
    view = tl.shown_view(qtbot, records)
    view.select("P-07")
    assert headers(view)[0] == "Bauen, Wohnen und Lebensraum (4)"

    with qtbot.waitSignal(view.grouping_chosen) as chosen:
        view.grouping_combo.setCurrentIndex(view.grouping_combo.findData(Gruppierung.CLUSTER))
        view.grouping_combo.activated.emit(view.grouping_combo.currentIndex())

    assert chosen.args == [Gruppierung.CLUSTER]
    assert headers(view)[-1] == "Ohne Cluster (20)"
    assert view.selected_nr() == "P-07"
    assert tl.bar(view, "P-07").pen.color().name() == tl.selection(view)
    with qtbot.assertNotEmitted(view.grouping_chosen):
        view.set_gruppierung(Gruppierung.INNOVATIONSFELD)  # from the menu: no signal back
    assert headers(view)[0] == "Bauen, Wohnen und Lebensraum (4)"
    assert view.selected_nr() == "P-07"


def test_a_click_folds_a_cluster_and_select_unfolds_it(qtbot, view: TimelineView) -> None:
    layout = view.layout_rows()
    header = next(i for i, r in enumerate(layout.rows) if r.is_header and r.group.key is None)

    qtbot.mouseClick(view.labels, Qt.MouseButton.LeftButton, pos=tl.label_click_point(view, header))

    assert headers(view) == ["Daten und Plattform (3)", "Smarte Innenstadt (2)", "Ohne Cluster (20)"]
    assert len(view.layout_rows().rows) == 3 + 3 + 2
    assert view.scene.bar("UM-01") is None
    view.select("UM-01")
    assert view.layout_rows().index_of("UM-01") is not None


def test_folded_clusters_stay_folded_with_new_records_but_not_in_another_grouping(
    view: TimelineView, records
) -> None:
    view.set_group_folded("Smarte Innenstadt", True)
    view.set_records(records[:-1])
    assert view.layout_rows().index_of("P-07") is None

    view.set_gruppierung(Gruppierung.INNOVATIONSFELD)
    assert view.layout_rows().index_of("P-07") is not None


def test_arrow_keys_cross_from_one_cluster_into_the_next(qtbot, view: TimelineView) -> None:
    view.select("UM-11")  # the last of "Daten und Plattform"
    view.chart.setFocus()
    with qtbot.waitSignal(view.selected) as blocker:
        qtbot.keyClick(view.chart, Qt.Key.Key_Down)
    assert blocker.args == ["P-01"]  # the header "Smarte Innenstadt" skipped
    with qtbot.waitSignal(view.selected) as blocker:
        qtbot.keyClick(view.chart, Qt.Key.Key_Up)
    assert blocker.args == ["UM-11"]


def test_the_pdf_repeats_the_cluster_header_and_sums_up_the_clusters(qtbot, tmp_path: Path) -> None:
    many = tl.many_records(80)
    clustered = [replace(r, cluster="Quartier Ost") for r in many[:60]] + many[60:]
    view = TimelineView(today=tl.TODAY)
    qtbot.addWidget(view)
    view.set_records(clustered)
    view.set_gruppierung(Gruppierung.CLUSTER)
    target = tmp_path / "zeitplan.pdf"

    count = view.export_pdf(target, DEFAULT_TITLE, tl.STAND)

    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, check=True).stdout
    pages = text.decode("utf-8").split("\f")[:count]
    assert count > 1
    assert "80 Maßnahmen in 1 Cluster, 20 ohne Cluster · Balkenfarbe nach Ampel" in pages[0]
    assert any("Quartier Ost (60) – Forts." in page for page in pages[1:])
    assert "Ohne Cluster (20)" in "".join(pages)
    assert "Quartier Ost (60) – Forts." not in pages[0]
