"""List, timeline and detail in step: selecting shows the measure, saving shows it in the list, undo
takes it back, a new measure appears selected, unsaved changes are asked about."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTableWidget, QTableWidgetItem

from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.persistence.database import Database
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.main_window import WORK_PAGE, MainWindow
from gera_desktop.ui.models.massnahmen import COL_GESAMTKOSTEN, COL_TITEL
from gera_desktop.ui.workspace import LIST_PAGE, OVERVIEW_PAGE, TIMELINE_PAGE
from tests.ui.main_window_support import open_main_window, save, select

Button = QMessageBox.StandardButton


def _cell(window: MainWindow, nr: str, column: int) -> str:
    row = window.list_view.model.row_of(nr)
    assert row is not None, nr
    return window.list_view.model.index(row, column).data()


def _type(qtbot, window: MainWindow, key: str, text: str) -> None:
    """Replace a field's text as a user would (select all, type; ASCII only for QTest)."""
    editor: Any = window.detail.form.fields[key].editor
    line = getattr(editor, "line", editor)
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, text)


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> list[Button]:
    """What the user answers to the next questions (first in, first out); without one: Verwerfen, so
    that closing the window at the end of a test never waits for an answer."""
    queue: list[Button] = []

    def ask(*_args, **_kwargs) -> Button:
        return queue.pop(0) if queue else Button.Discard

    monkeypatch.setattr(QMessageBox, "question", ask)
    return queue


def test_selecting_in_the_list_shows_the_measure_in_the_detail(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.detail.loaded) as loaded:
        window.list_view.select("UM-03")
    assert loaded.args == ["UM-03"]
    assert window.detail.current_nr() == "UM-03"
    select(qtbot, window, "P-02")
    assert window.detail.header.title.text().startswith("P-02 · ")


def test_enter_puts_the_cursor_into_the_detail(qtbot, window: MainWindow) -> None:
    select(qtbot, window, "UM-03")
    window.list_view.table.setFocus()
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_Return)
    assert window.detail.isAncestorOf(window.focusWidget())


def test_enter_on_a_measure_not_yet_shown_puts_the_cursor_there_once_read(qtbot, window: MainWindow) -> None:
    window.workspace.open("P-04")
    qtbot.waitUntil(lambda: window.detail.isAncestorOf(window.focusWidget()))
    assert window.detail.current_nr() == "P-04"


def test_a_saved_change_shows_in_the_list_and_undo_takes_it_back(qtbot, window: MainWindow) -> None:
    select(qtbot, window, "UM-05")
    _type(qtbot, window, "titel", "Partizipative Stadtplanung Gera")
    title = window.detail.form.fields["titel"].editor
    qtbot.keyClick(title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: _cell(window, "UM-05", COL_TITEL) == "Partizipative Stadtplanung Gera")
    qtbot.waitUntil(window.commands.undo.isEnabled)
    assert window.list_view.current_nr() == "UM-05"

    window.commands.undo.trigger()
    qtbot.waitUntil(lambda: _cell(window, "UM-05", COL_TITEL) == "Partizipative Stadtplanung")
    qtbot.waitUntil(lambda: window.detail.form.fields["titel"].value() == "Partizipative Stadtplanung")
    qtbot.waitUntil(window.commands.redo.isEnabled)
    window.commands.redo.trigger()
    qtbot.waitUntil(lambda: _cell(window, "UM-05", COL_TITEL) == "Partizipative Stadtplanung Gera")


def test_saved_costs_change_the_row_and_the_sums_of_the_status_bar(qtbot, window: MainWindow) -> None:
    before = window.status.sums_label.text()
    select(qtbot, window, "UM-01")
    _type(qtbot, window, "gesamtkosten", "460000")

    save(qtbot, window)

    qtbot.waitUntil(lambda: _cell(window, "UM-01", COL_GESAMTKOSTEN) == "460.000,00 €")
    assert before.startswith("Gesamtkosten 4.091.000,00 €")
    assert window.status.sums_label.text().startswith("Gesamtkosten 4.101.000,00 €")


def test_a_new_measure_appears_selected_in_the_list(qtbot, window: MainWindow, demo: Database) -> None:
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.detail.is_new()
    _type(qtbot, window, "nr", "UM-20")
    _type(qtbot, window, "titel", "Digitale Beteiligung im Ortsteil")
    _type(qtbot, window, "federfuehrung", "Fachdienst Stadtplanung")
    _type(qtbot, window, "gesamtkosten", "12345,67")
    _type(qtbot, window, "beginn", "01.01.2026")
    _type(qtbot, window, "ende", "31.12.2027")
    window.detail.form.fields["innovationsfeld"].set_value(Innovationsfeld.BAUEN)

    save(qtbot, window)
    assert window.list_view.current_nr() == "UM-20"
    assert _cell(window, "UM-20", COL_GESAMTKOSTEN) == "12.345,67 €"
    assert window.status.count_label.text() == "26 Maßnahmen"
    assert MassnahmenService(demo).get("UM-20").gesamtkosten == Decimal("12345.67")


def test_the_first_measure_from_the_welcome_panel(qtbot, database: Database) -> None:
    window = open_main_window(qtbot, database)
    qtbot.mouseClick(window.welcome.new_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == WORK_PAGE
    assert window.detail.is_new()


def test_unsaved_changes_are_asked_about_and_abbrechen_stays(qtbot, window: MainWindow, answers) -> None:
    select(qtbot, window, "UM-05")
    _type(qtbot, window, "titel", "Noch nicht gespeichert")

    answers.append(Button.Cancel)
    window.list_view.select("P-01")
    assert window.detail.current_nr() == "UM-05"
    assert window.detail.has_unsaved_changes()
    qtbot.waitUntil(lambda: window.list_view.current_nr() == "UM-05")

    answers.append(Button.Discard)
    select(qtbot, window, "P-01")
    assert answers == []


def test_saving_before_leaving_goes_on_to_the_measure_chosen(
    qtbot, window: MainWindow, answers, demo
) -> None:
    select(qtbot, window, "UM-05")
    _type(qtbot, window, "titel", "Gespeichert beim Wechsel")

    answers.append(Button.Save)
    window.list_view.select("P-01")

    qtbot.waitUntil(lambda: window.detail.current_nr() == "P-01")
    assert window.list_view.current_nr() == "P-01"
    assert MassnahmenService(demo).get("UM-05").titel == "Gespeichert beim Wechsel"
    qtbot.waitUntil(lambda: _cell(window, "UM-05", COL_TITEL) == "Gespeichert beim Wechsel")


def test_closing_with_unsaved_changes_asks_first(qtbot, window: MainWindow, answers) -> None:
    select(qtbot, window, "UM-05")
    _type(qtbot, window, "titel", "Noch nicht gespeichert")
    answers.append(Button.Cancel)
    window.close()
    assert window.isVisible()
    answers.append(Button.Discard)
    window.close()
    assert not window.isVisible()


def test_the_timeline_shows_what_the_filter_shows_and_selects_in_the_list(qtbot, window: MainWindow) -> None:
    qtbot.keyClicks(window.list_view.filter_bar.search, "umweltamt")
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentIndex() == TIMELINE_PAGE
    assert window.commands.show_timeline.isChecked()
    qtbot.waitUntil(lambda: [r.nr for r in window.timeline.records()] == ["P-11", "UM-06"])
    assert [m.bezeichnung for m in window.timeline.records()[1].meilensteine] == [
        m.bezeichnung for m in window.operations.core.get("UM-06").meilensteine
    ]

    window.timeline.selected.emit("UM-06")
    assert window.list_view.current_nr() == "UM-06"
    qtbot.waitUntil(lambda: window.detail.current_nr() == "UM-06")

    window.list_view.filter_bar.search.clear()
    qtbot.waitUntil(lambda: len(window.timeline.records()) == 25)
    window.show_view(LIST_PAGE)
    assert window.commands.show_list.isChecked()


def test_the_last_view_is_remembered(qtbot, demo: Database) -> None:
    first = open_main_window(qtbot, demo)
    first.show_view(TIMELINE_PAGE)
    first.close()
    second = open_main_window(qtbot, demo)
    assert second.views.currentIndex() == TIMELINE_PAGE
    assert second.commands.show_timeline.isChecked()


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def test_an_entry_of_the_overview_shows_the_list_filtered(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentIndex() == OVERVIEW_PAGE
    table = window.workspace.overview.status_table
    qtbot.waitUntil(lambda: table.rowCount() > 0)
    rows = {_item(table, r, 0).text(): r for r in range(table.rowCount())}
    row = rows["in Umsetzung"]
    assert _item(table, row, 1).text() == "6"

    rect = table.visualItemRect(_item(table, row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert window.views.currentIndex() == LIST_PAGE
    assert window.commands.show_list.isChecked()
    assert len(window.list_view.visible_records()) == 6
    assert {r.status.value for r in window.list_view.visible_records()} == {"in Umsetzung"}
    assert window.status.count_label.text() == "6 von 25 Maßnahmen"


def test_entf_in_a_form_field_deletes_a_character_not_the_measure(
    qtbot, window: MainWindow, demo: Database, monkeypatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: pytest.fail("nobody should be asked"))
    select(qtbot, window, "UM-05")
    title: Any = window.detail.form.fields["titel"].editor
    title.setFocus()
    title.setCursorPosition(0)
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    assert title.text() == "artizipative Stadtplanung"
    assert MassnahmenService(demo).trash() == []
    title.undo()
