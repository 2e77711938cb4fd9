"""The list of measures, driven as a user drives it: typing, choosing, sorting, opening, picking columns."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gera_desktop import resources
from gera_desktop.domain.enums import Ampel, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.persistence.database import Database
from gera_desktop.services.demo import load_demo
from gera_desktop.services.listing import FUNDING_KEYS, ListFilter
from gera_desktop.services.listing_index import ListIndex
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.models.massnahmen import (
    COL_AMPEL,
    COL_BEGINN,
    COL_BUNDESMITTEL,
    COL_GESAMTKOSTEN,
    COL_NR,
    COL_TITEL,
    COLUMN_KEYS,
    ID_ROLE,
    SORT_ROLE,
    MassnahmenTableModel,
)
from gera_desktop.ui.views.list_view import MassnahmenListView
from tests.records import measure


@pytest.fixture
def demo_records(database: Database) -> list[MassnahmeData]:
    load_demo(database, resources.demo_data(), user="test")
    return MassnahmenService(database).list()


@pytest.fixture
def view(qtbot, demo_records) -> MassnahmenListView:
    widget = MassnahmenListView()
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.set_records(demo_records)
    return widget


def _column(view: MassnahmenListView, column: int) -> list[str]:
    model = view.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _nrs(view: MassnahmenListView) -> list[str]:
    return _column(view, COL_NR)


def test_the_model_passes_the_model_tester(qtmodeltester, demo_records) -> None:
    model = MassnahmenTableModel()
    model.set_rows(demo_records)
    qtmodeltester.check(model)
    model.sort(COL_GESAMTKOSTEN, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    changed = demo_records[3]
    changed.titel = "Neuer Titel"
    assert model.update_record(changed)
    qtmodeltester.check(model)


def test_a_new_user_sees_the_default_columns_with_german_values(view) -> None:
    assert view.visible_columns() == [
        "nr",
        "titel",
        "innovationsfeld",
        "federfuehrung",
        "beginn",
        "ende",
        "status",
        "ampel",
        "gesamtkosten",
        "bundesmittel",
    ]
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in (COL_NR, COL_GESAMTKOSTEN)]
    assert headers == ["Maßnahmen-Nr.", "Gesamtkosten (€)"]
    row = view.model.row_of("UM-04")
    columns = (COL_BEGINN, COL_AMPEL, COL_GESAMTKOSTEN, COL_BUNDESMITTEL)
    cells = [view.model.index(row, c).data() for c in columns]
    assert cells == ["01.04.2023", "rot", "600.000,00 €", "540.000,00 €"]
    assert not view.model.index(row, COL_AMPEL).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert view.model.index(view.model.row_of("P-01"), COL_AMPEL).data(Qt.ItemDataRole.DecorationRole) is None
    assert view.model.index(row, COL_GESAMTKOSTEN).data(Qt.ItemDataRole.TextAlignmentRole) & int(
        Qt.AlignmentFlag.AlignRight
    )


def test_an_empty_funding_field_shows_its_computed_default_in_italics(qtbot) -> None:
    widget = MassnahmenListView()
    qtbot.addWidget(widget)
    empty_funding = dict.fromkeys(FUNDING_KEYS, None)
    widget.set_records([measure("A-1", gesamtkosten=Decimal(1000), **empty_funding)])
    cell = widget.model.index(0, COL_BUNDESMITTEL)
    assert cell.data() == "900,00 €"
    assert cell.data(Qt.ItemDataRole.FontRole).italic()
    assert "Berechneter Standardwert" in cell.data(Qt.ItemDataRole.ToolTipRole)
    widget.set_programme_rate(Decimal(80))
    assert widget.model.index(0, COL_BUNDESMITTEL).data() == "800,00 €"


def test_an_empty_mittel_abgerufen_shows_the_budget_years_calls(view) -> None:
    column = COLUMN_KEYS.index("abgerufen")
    theatre = view.model.index(view.model.row_of("UM-01"), column)  # 2023 and 2024 called, field empty
    assert theatre.data() == "233.730,00 €"
    assert theatre.data(Qt.ItemDataRole.FontRole).italic()
    assert (
        theatre.data(Qt.ItemDataRole.ToolTipRole) == "Berechneter Standardwert (Feld ist leer): 233.730,00 €"
    )
    assert view.model.index(view.model.row_of("UM-02"), column).data() == "0,00 €"
    view.model.sort(column, Qt.SortOrder.DescendingOrder)
    assert _nrs(view)[:2] == ["UM-01", "UM-04"]


def test_typing_in_the_search_field_narrows_the_list(qtbot, view) -> None:
    shown: list[list[MassnahmeData]] = []
    view.visible_changed.connect(shown.append)
    qtbot.keyClicks(view.filter_bar.search, "umweltamt")
    assert _nrs(view) == ["P-11", "UM-06"]
    assert [r.nr for r in shown[-1]] == ["P-11", "UM-06"]
    view.filter_bar.search.clear()
    qtbot.keyClicks(view.filter_bar.search, "MOBILITÄT")
    assert _nrs(view) == ["P-02", "UM-07"]


def test_the_choices_and_years_narrow_the_list_and_reset_brings_everything_back(qtbot, view) -> None:
    bar = view.filter_bar
    bar.innovationsfeld.setCurrentIndex(bar.innovationsfeld.findData(Innovationsfeld.TOURISMUS))
    assert _nrs(view) == ["P-14", "UM-01", "UM-02", "UM-10"]
    bar.status.setCurrentIndex(bar.status.findData(Umsetzungsstand.IN_UMSETZUNG))
    assert _nrs(view) == ["UM-01", "UM-02"]
    bar.ampel.setCurrentIndex(bar.ampel.findData(Ampel.GELB))
    assert _nrs(view) == ["UM-02"]
    assert bar.reset_button.isEnabled()

    qtbot.mouseClick(bar.reset_button, Qt.MouseButton.LeftButton)
    assert len(_nrs(view)) == 25
    assert not bar.reset_button.isEnabled()
    assert bar.ampel.currentText() == "alle"

    bar.jahr_von.setValue(2025)
    bar.jahr_bis.setValue(2025)
    assert view.current_filter() == ListFilter(jahr_von=2025, jahr_bis=2025)
    assert all(r.beginn <= date(2025, 12, 31) and r.ende >= date(2025, 1, 1) for r in view.visible_records())
    assert "P-01" not in _nrs(view)
    assert len(_nrs(view)) == 11


def test_a_filter_that_lets_nothing_through_says_so(qtbot, view) -> None:
    qtbot.keyClicks(view.filter_bar.search, "gibt es nicht")
    assert view.model.rowCount() == 0
    assert view.empty_note.isVisibleTo(view)
    qtbot.mouseClick(view.empty_reset, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 25
    assert not view.empty_note.isVisibleTo(view)


def test_a_selection_from_the_overview_is_named_and_can_be_lifted(qtbot, view) -> None:
    view.set_filter(ListFilter(nrs=frozenset({"UM-04", "UM-07"}), label="Meilensteine überfällig"))
    assert _nrs(view) == ["UM-04", "UM-07"]
    assert view.filter_bar.selection_frame.isVisibleTo(view)
    assert "Meilensteine überfällig" in view.filter_bar.selection_label.text()

    view.filter_bar.ampel.setCurrentIndex(view.filter_bar.ampel.findData(Ampel.ROT))  # narrows further
    assert _nrs(view) == ["UM-04"]
    qtbot.mouseClick(view.filter_bar.selection_clear, Qt.MouseButton.LeftButton)
    assert view.current_filter() == ListFilter(ampel=Ampel.ROT)
    assert not view.filter_bar.selection_frame.isVisibleTo(view)


def test_sorting_by_gesamtkosten_is_by_amount(view) -> None:
    view.table.sortByColumn(COL_GESAMTKOSTEN, Qt.SortOrder.AscendingOrder)
    amounts = [r.gesamtkosten for r in view.visible_records()]
    assert amounts == sorted(amounts)
    # Sorted as text, "1.000.000,00 €" would come first.
    assert _column(view, COL_GESAMTKOSTEN)[:2] == ["12.000,00 €", "20.000,00 €"]
    view.table.sortByColumn(COL_GESAMTKOSTEN, Qt.SortOrder.DescendingOrder)
    assert _column(view, COL_GESAMTKOSTEN)[0] == "1.000.000,00 €"
    assert view.model.index(0, COL_GESAMTKOSTEN).data(SORT_ROLE) == Decimal("1000000.00")


def test_the_list_keeps_its_sort_when_the_filter_changes(qtbot, view) -> None:
    view.table.sortByColumn(COL_TITEL, Qt.SortOrder.DescendingOrder)
    qtbot.keyClicks(view.filter_bar.search, "digital")
    titles = _column(view, COL_TITEL)
    assert len(titles) > 3
    assert titles == sorted(titles, key=str.casefold, reverse=True)


def test_enter_and_double_click_ask_to_open_the_measure(qtbot, view) -> None:
    view.show()
    qtbot.waitExposed(view)
    assert view.select("UM-03")
    view.table.setFocus()
    with qtbot.waitSignal(view.open_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == ["UM-03"]

    index = view.model.index(view.model.row_of("P-05"), COL_TITEL)
    rect = view.table.visualRect(index)
    with qtbot.waitSignal(view.open_requested) as opened:
        # An item view takes a double click only after the press of its first click, as with a real mouse.
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["P-05"]


def test_the_selected_measure_stays_selected_through_filter_and_reload(qtbot, view, demo_records) -> None:
    with qtbot.waitSignal(view.current_changed) as changed:
        view.select("UM-05")
    assert changed.args == ["UM-05"]

    with qtbot.assertNotEmitted(view.current_changed):
        qtbot.keyClicks(view.filter_bar.search, "stadtplanung")
        view.set_records(demo_records)
        view.table.sortByColumn(COL_GESAMTKOSTEN, Qt.SortOrder.DescendingOrder)
    assert view.current_nr() == "UM-05"
    selected = view.table.selectionModel().selectedRows()
    assert [index.data(ID_ROLE) for index in selected] == ["UM-05"]

    with qtbot.waitSignal(view.current_changed) as changed:
        view.filter_bar.search.setText("museum")
    assert changed.args == [""]
    assert view.current_nr() is None


def test_a_saved_measure_shows_its_new_values_in_place(view, demo_records) -> None:
    record = next(r for r in demo_records if r.nr == "P-07")
    record.titel = "Bachgasse: Licht und Sensoren"
    view.update_record(record)
    assert view.model.index(view.model.row_of("P-07"), COL_TITEL).data() == "Bachgasse: Licht und Sensoren"


def test_the_column_menu_hides_and_shows_columns_and_keeps_the_nr(view) -> None:
    menu = view.column_menu()
    actions = {a.text(): a for a in menu.actions() if a.isCheckable()}
    assert actions["Maßnahmen-Nr."].isChecked()
    assert not actions["Maßnahmen-Nr."].isEnabled()
    assert not actions["Stadtteil"].isChecked()

    actions["Stadtteil"].setChecked(True)
    actions["Federführung"].setChecked(False)
    assert "stadtteil" in view.visible_columns()
    assert "federfuehrung" not in view.visible_columns()

    state = view.header_state()
    other = MassnahmenListView()
    try:
        assert other.restore_header_state(state)
        assert other.visible_columns() == view.visible_columns()
    finally:
        other.deleteLater()
    view.show_default_columns()
    assert "stadtteil" not in view.visible_columns()


def test_focus_search_puts_the_cursor_into_the_search_field(qtbot, view) -> None:
    view.show()
    qtbot.waitExposed(view)
    view.table.setFocus()
    view.focus_search()
    qtbot.waitUntil(view.filter_bar.search.hasFocus)


def test_the_search_field_ignores_umlaut_spelling_spaces_and_dashes(qtbot, view) -> None:
    assert "Stadtteil" in view.filter_bar.search.placeholderText()
    qtbot.keyClicks(view.filter_bar.search, "muell")
    assert _nrs(view) == ["P-11"]  # Smarte Müllentsorgung
    view.filter_bar.search.clear()
    qtbot.keyClicks(view.filter_bar.search, "smartcity")
    assert _nrs(view) == ["P-04", "P-06", "UM-03"]  # Smart City …, SMARTCity, SmartCity-Projektbüro


def test_a_search_finds_the_district(qtbot, view, demo_records) -> None:
    record = next(r for r in demo_records if r.nr == "UM-08")
    record.stadtteil = "Bieblach-Ost"
    view.set_records(demo_records)
    qtbot.keyClicks(view.filter_bar.search, "bieblach ost")
    assert _nrs(view) == ["UM-08"]


def test_the_sums_follow_the_filter_and_leave_out_refused_measures(qtbot, view) -> None:
    everything = view.visible_totals()
    assert everything.left_out == 1  # UM-11 abgelehnt
    assert everything.gesamtkosten == Decimal("4091000.00")
    with qtbot.waitSignal(view.visible_changed) as shown:
        view.filter_bar.search.setText("Wirtschaftsförderung")
    assert [r.nr for r in shown.args[0]] == ["P-13", "UM-11"]
    totals = view.visible_totals()
    assert (totals.gesamtkosten, totals.bundesmittel, totals.eigenanteil) == (
        Decimal("25000.00"),
        Decimal("22500.00"),
        Decimal("2500.00"),
    )
    assert totals.left_out == 1
    assert (view.visible_count(), view.record_count()) == (2, 25)


def test_a_saved_measure_keeps_its_row_and_changes_the_sums(qtbot, view, demo_records) -> None:
    view.table.sortByColumn(COL_GESAMTKOSTEN, Qt.SortOrder.DescendingOrder)
    assert view.select("UM-05")
    row = view.model.row_of("UM-05")
    stored = next(r for r in demo_records if r.nr == "UM-05")
    before = view.visible_totals().gesamtkosten
    saved = dataclasses.replace(stored, gesamtkosten=Decimal("310000.00"))  # as read after the save

    with qtbot.assertNotEmitted(view.current_changed), qtbot.waitSignal(view.visible_changed):
        assert view.update_record(saved)

    assert view.model.row_of("UM-05") == row
    assert view.current_nr() == "UM-05"
    assert view.visible_totals().gesamtkosten == before + Decimal("10000.00")
    assert view.model.index(row, COL_GESAMTKOSTEN).data() == "310.000,00 €"


def test_a_saved_measure_leaves_and_enters_the_filtered_list(qtbot, view, demo_records) -> None:
    qtbot.keyClicks(view.filter_bar.search, "umweltamt")
    view.select("UM-06")
    record = next(r for r in demo_records if r.nr == "UM-06")
    record.federfuehrung = "Tiefbauamt"

    with qtbot.waitSignal(view.current_changed) as changed:
        assert view.update_record(record)
    assert changed.args == [""]
    assert _nrs(view) == ["P-11"]

    record.federfuehrung = "Umweltamt"
    assert view.update_record(record)
    assert _nrs(view) == ["P-11", "UM-06"]
    assert not view.update_record(measure("XX-99"))


def test_the_model_with_a_filter_and_a_sort_passes_the_model_tester(qtmodeltester, demo_records) -> None:
    model = MassnahmenTableModel()
    model.sort(COL_TITEL, Qt.SortOrder.DescendingOrder)
    model.set_rows(demo_records)
    model.set_filter(ListFilter(text="digital"))
    qtmodeltester.check(model)
    titles = [model.row_data(row).titel for row in range(model.rowCount())]
    assert len(titles) > 3
    assert titles == sorted(titles, key=str.casefold, reverse=True)
    assert model.record_count() == 25


def test_new_measures_in_another_order_keep_the_current_measure(qtbot, view, demo_records) -> None:
    """A Stand, or a database that returns its rows in another order: the same measure stays current."""
    view.select("UM-06")
    with qtbot.assertNotEmitted(view.current_changed):
        view.set_index(ListIndex(list(reversed(demo_records)), Decimal(90)))
    assert view.current_nr() == "UM-06"
