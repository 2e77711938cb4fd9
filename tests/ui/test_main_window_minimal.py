"""The minimal main window: the measures of the open database, its name in the title, their number."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.main_window import MainWindow, count_text
from gera_desktop.ui.models.massnahmen import (
    COL_GESAMTKOSTEN,
    COL_INNOVATIONSFELD,
    COL_NR,
    COL_STATUS,
    COL_TITEL,
    MassnahmenTableModel,
)
from tests.records import measure

# The offscreen platform says so whenever a main window is shown; nothing to do with the program.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NO_DEFAULTS = dict.fromkeys(("foerderfaehig", "bundesmittel", "eigenanteil", "abgerufen"), None)


@pytest.fixture
def filled(database: Database) -> Database:
    service = MassnahmenService(database, user="test")
    service.create(
        measure("P-10", titel="Mobilitätsplattform", gesamtkosten=Decimal("1234567.80"), **NO_DEFAULTS)
    )
    service.create(
        measure(
            "P-2",
            titel="Klimasensoren",
            innovationsfeld=Innovationsfeld.UMWELT,
            status=Umsetzungsstand.IN_UMSETZUNG,
            gesamtkosten=Decimal("980.5"),
            **NO_DEFAULTS,
        )
    )
    return database


SHOWN = (COL_NR, COL_TITEL, COL_INNOVATIONSFELD, COL_STATUS, COL_GESAMTKOSTEN)


def _table(model: MassnahmenTableModel) -> list[list[str]]:
    return [[model.index(row, column).data() for column in SHOWN] for row in range(model.rowCount())]


def test_the_window_lists_the_measures_with_german_amounts(qtbot, filled: Database) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.show()

    assert window.windowTitle() == f"Smart City Gera – Maßnahmenverwaltung – {filled.display_name}"
    assert _table(window.model) == [
        ["P-2", "Klimasensoren", "Umwelt", "in Umsetzung", "980,50 €"],
        ["P-10", "Mobilitätsplattform", "Wirtschaft und Innovationskraft", "abgeschlossen", "1.234.567,80 €"],
    ]
    headers = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in SHOWN]
    assert headers == ["Maßnahmen-Nr.", "Maßnahme", "Innovationsfeld", "Umsetzungsstand", "Gesamtkosten (€)"]
    assert window.count_label.text() == "2 Maßnahmen"


def test_clicking_a_header_sorts_by_value(qtbot, filled: Database) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)

    window.table.sortByColumn(COL_GESAMTKOSTEN, Qt.SortOrder.DescendingOrder)
    assert [window.model.index(r, COL_NR).data() for r in range(2)] == ["P-10", "P-2"]
    window.table.sortByColumn(COL_NR, Qt.SortOrder.DescendingOrder)
    assert [window.model.index(r, COL_NR).data() for r in range(2)] == ["P-10", "P-2"]
    window.table.sortByColumn(COL_NR, Qt.SortOrder.AscendingOrder)
    assert [window.model.index(r, COL_NR).data() for r in range(2)] == ["P-2", "P-10"]


def test_a_sort_keeps_the_selected_measure_selected(qtbot, filled: Database) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.table.selectRow(0)

    window.table.sortByColumn(COL_NR, Qt.SortOrder.DescendingOrder)

    selected = window.table.selectionModel().selectedRows(COL_NR)
    assert [index.data() for index in selected] == ["P-2"]
    assert selected[0].row() == 1


def test_refresh_shows_a_measure_saved_meanwhile(qtbot, filled: Database) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    MassnahmenService(filled, user="test").create(measure("P-3", titel="Neu", **NO_DEFAULTS))

    window.refresh()

    assert window.count_label.text() == "3 Maßnahmen"
    assert [window.model.index(r, COL_NR).data() for r in range(3)] == ["P-2", "P-3", "P-10"]


def test_the_title_names_the_database_file(qtbot, sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        window = MainWindow(database)
        qtbot.addWidget(window)
        assert window.windowTitle() == "Smart City Gera – Maßnahmenverwaltung – test.sqlite"
    finally:
        database.dispose()


def test_an_empty_database_says_so(qtbot, database: Database) -> None:
    window = MainWindow(database)
    qtbot.addWidget(window)

    assert window.model.rowCount() == 0
    assert window.count_label.text() == "Keine Maßnahmen"


def test_the_model_passes_the_model_tester(qtmodeltester, filled: Database) -> None:
    model = MassnahmenTableModel()
    model.set_rows(MassnahmenService(filled).list(with_children=False))
    qtmodeltester.check(model)
    model.sort(COL_GESAMTKOSTEN, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)


@pytest.mark.parametrize(
    ("count", "text"),
    [(0, "Keine Maßnahmen"), (1, "1 Maßnahme"), (25, "25 Maßnahmen"), (1250, "1.250 Maßnahmen")],
)
def test_count_text(count: int, text: str) -> None:
    assert count_text(count) == text
