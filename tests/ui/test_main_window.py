"""The main window as a user meets it: welcome on an empty database, list with status sums, commands."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.persistence.database import Database, make_engine
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.core import Anwendung
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.main_parts import count_text
from gera_desktop.ui.main_window import WELCOME_PAGE, WORK_PAGE, MainWindow
from gera_desktop.ui.models.massnahmen import COL_GESAMTKOSTEN, COL_NR, MassnahmenTableModel
from tests.ui.main_window_support import finish_operations, open_main_window


def _shortcuts(window: MainWindow) -> dict[str, QAction]:
    """Every shortcut the window answers to, with its action (as Qt writes it, e.g. "Ctrl+Shift+Z")."""
    found = {}
    for action in window.findChildren(QAction):
        if action.isEnabled() or action.associatedObjects():
            for key in action.shortcuts():
                found[key.toString(QKeySequence.SequenceFormat.PortableText)] = action
    return found


def test_the_title_names_the_database_file(qtbot, sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        main = open_main_window(qtbot, database)
        assert main.windowTitle() == "Smart City Gera – Maßnahmenverwaltung – test.sqlite"
        assert main.status.database_label.text() == "Datenbank: test.sqlite"
    finally:
        database.dispose()


def test_an_empty_database_welcomes_and_the_sample_data_fill_the_list(qtbot, database: Database) -> None:
    main = open_main_window(qtbot, database)
    assert main.pages.currentIndex() == WELCOME_PAGE
    assert main.status.count_label.text() == "Keine Maßnahmen"

    qtbot.mouseClick(main.welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.list_view.model.rowCount() == 25)

    assert main.pages.currentIndex() == WORK_PAGE
    assert main.status.count_label.text() == "25 Maßnahmen"
    # UM-11 (abgelehnt, 1.000.000 €) counts in no sum; Mittel abgerufen: the budget years' calls.
    assert main.status.sums_label.text() == (
        "Gesamtkosten 4.091.000,00 €   ·   Bundesmittel 3.681.900,00 €   ·   Eigenanteil 409.100,00 €   ·   "
        "Mittel abgerufen 391.230,00 €   ·   ohne 1 abgelehnte oder abgebrochene Maßnahme"
    )
    assert main.status.sums_label.toolTip() == (
        "Abgelehnte und abgebrochene Maßnahmen zählen in keiner Summe des Programms."
    )


def test_the_filter_narrows_the_list_and_the_status_bar_follows(qtbot, window: MainWindow) -> None:
    bar = window.list_view.filter_bar
    bar.innovationsfeld.setCurrentIndex(bar.innovationsfeld.findData(Innovationsfeld.UMWELT))

    assert window.status.count_label.text() == "2 von 25 Maßnahmen"
    # P-11 (36.000 €) and UM-06 (420.000 €), Bundesmittel 90 %.
    assert window.status.sums_label.text() == (
        "Gesamtkosten 456.000,00 €   ·   Bundesmittel 410.400,00 €   ·   Eigenanteil 45.600,00 €   ·   "
        "Mittel abgerufen 0,00 €"
    )
    assert window.status.sums_label.toolTip() == ""
    qtbot.keyClicks(bar.search, "hochwasser")
    assert window.status.count_label.text() == "1 von 25 Maßnahmen"
    qtbot.mouseClick(bar.reset_button, Qt.MouseButton.LeftButton)
    assert window.status.count_label.text() == "25 Maßnahmen"


def test_sorting_by_gesamtkosten_is_numeric(window: MainWindow) -> None:
    window.list_view.table.sortByColumn(COL_GESAMTKOSTEN, Qt.SortOrder.DescendingOrder)
    amounts = [r.gesamtkosten for r in window.list_view.visible_records()]
    assert amounts == sorted(amounts, reverse=True)
    assert amounts[0] == Decimal("1000000.00")


def test_hidden_columns_and_widths_are_remembered_in_a_new_window(qtbot, demo: Database, tmp_path) -> None:
    first = open_main_window(qtbot, demo)
    first.list_view.set_column_visible("federfuehrung", False)
    first.list_view.set_column_visible("stadtteil", True)
    first.list_view.table.horizontalHeader().resizeSection(COL_NR, 150)
    first.close()
    assert any(tmp_path.rglob("gera-desktop.ini")), "the layout is kept below the test's own directory"

    second = open_main_window(qtbot, demo)
    columns = second.list_view.visible_columns()
    assert "federfuehrung" not in columns
    assert "stadtteil" in columns
    assert second.list_view.table.horizontalHeader().sectionSize(COL_NR) == 150


def test_the_everyday_shortcuts_are_there(window: MainWindow) -> None:
    shortcuts = _shortcuts(window)
    for key in ("Ctrl+N", "Ctrl+S", "Ctrl+F", "Ctrl+I", "Ctrl+E", "Ctrl+Z", "Ctrl+Shift+Z", "Del", "Ctrl+3"):
        assert key in shortcuts, key
    assert shortcuts["Ctrl+Z"].text().replace("&", "").startswith("Rückgängig")
    assert shortcuts["Del"].text().replace("&", "") == "Löschen"


def test_ctrl_f_puts_the_cursor_into_the_search_field(qtbot, window: MainWindow) -> None:
    window.list_view.table.setFocus()
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.list_view.filter_bar.search.hasFocus)


def test_delete_moves_the_measure_to_the_trash_and_undo_brings_it_back(
    qtbot, window: MainWindow, demo: Database, monkeypatch
) -> None:
    questions: list[str] = []

    def answer_yes(_parent, _title, text, *_args):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    window.list_view.select("UM-05")
    window.list_view.table.setFocus()

    qtbot.keyClick(window.list_view.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.status.count_label.text() == "24 Maßnahmen")

    assert "UM-05" in questions[0]
    assert [entry.nr for entry in MassnahmenService(demo).trash()] == ["UM-05"]
    assert window.list_view.model.row_of("UM-05") is None

    window.commands.undo.trigger()
    qtbot.waitUntil(lambda: window.status.count_label.text() == "25 Maßnahmen")
    assert MassnahmenService(demo).trash() == []
    assert window.list_view.model.row_of("UM-05") is not None


def test_delete_asks_and_no_keeps_the_measure(qtbot, window: MainWindow, demo: Database, monkeypatch) -> None:
    asked: list[bool] = []

    def answer_no(*_args: object) -> QMessageBox.StandardButton:
        asked.append(True)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    window.list_view.select("P-03")
    qtbot.waitUntil(lambda: window.detail.current_nr() == "P-03")
    window.commands.delete.trigger()
    assert asked == [True]
    assert MassnahmenService(demo).trash() == []
    assert window.status.count_label.text() == "25 Maßnahmen"


def test_a_read_only_database_says_why_and_offers_no_changes(qtbot, demo: Database) -> None:
    reason = "Die Datei liegt auf einem schreibgeschützten Laufwerk."
    read_only = Database(demo.url, make_engine(demo.url), read_only=True, read_only_reason=reason)
    try:
        main = open_main_window(qtbot, read_only)
        assert main.read_only_bar.isVisible()
        assert reason in main.read_only_bar.text()
        main.list_view.select("P-01")
        assert not main.commands.delete.isEnabled()
        assert not main.commands.undo.isEnabled()
        assert main.list_view.model.rowCount() == 25
    finally:
        read_only.dispose()


def test_the_window_paints_saying_it_loads_then_lists_the_measures(qtbot, demo: Database) -> None:
    main = MainWindow(Anwendung.on(demo))
    qtbot.addWidget(main, before_close_func=lambda window: finish_operations(qtbot, window))
    painted: list[tuple[bool, int, str]] = []

    def look() -> None:
        note = main.list_view.loading_note
        painted.append((note.isVisible(), main.list_view.model.rowCount(), main.status.count_label.text()))

    QTimer.singleShot(0, look)
    with qtbot.waitSignal(main.loaded):
        main.show()

    assert painted == [(True, 0, "Maßnahmen werden geladen …")]
    assert main.list_view.loading_note.text() == "Maßnahmen werden geladen …"
    assert not main.list_view.loading_note.isVisible()
    assert main.list_view.model.rowCount() == 25
    assert main.status.count_label.text() == "25 Maßnahmen"
    assert main.status.sums_label.text().startswith("Gesamtkosten 4.091.000,00 €")


def entries(main: MainWindow, title: str) -> list[str]:
    (menu,) = [a.menu() for a in main.menuBar().actions() if a.text().replace("&", "") == title]
    assert isinstance(menu, QMenu)
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_the_menus_are_complete_right_after_the_first_paint(qtbot, demo: Database) -> None:
    main = MainWindow(Anwendung.on(demo))
    qtbot.addWidget(main, before_close_func=lambda window: finish_operations(qtbot, window))
    assert entries(main, "Hilfe") == []  # not yet: the first paint does not show them

    with qtbot.waitSignal(main.loaded):
        main.show()

    assert entries(main, "Hilfe")[:2] == ["Handbuch", "Hilfe zu dieser Ansicht"]
    assert {"Drucken …", "Steckbrief drucken …", "Vorlage speichern …"} <= set(entries(main, "Datei"))
    assert {"Fristen", "Stände …", "Gruppieren nach"} <= set(entries(main, "Ansicht"))


def test_a_window_never_painted_builds_its_commands_when_one_is_asked_for(qtbot, demo: Database) -> None:
    main = MainWindow(Anwendung.on(demo))
    qtbot.addWidget(main)

    printing = main.print_actions

    assert printing.print_shown in main.actions()
    assert "Drucken …" in entries(main, "Datei")
    assert main.dialogs is main.dialogs


def test_a_writable_database_shows_no_read_only_note(window: MainWindow) -> None:
    assert not window.read_only_bar.isVisible()
    window.list_view.select("P-01")
    assert window.commands.delete.isEnabled()


def test_the_model_passes_the_model_tester(qtmodeltester, window: MainWindow) -> None:
    model: MassnahmenTableModel = window.list_view.model
    qtmodeltester.check(model)


@pytest.mark.parametrize(
    ("shown", "total", "text"),
    [
        (0, 0, "Keine Maßnahmen"),
        (1, 1, "1 Maßnahme"),
        (25, 25, "25 Maßnahmen"),
        (3, 25, "3 von 25 Maßnahmen"),
        (0, 25, "0 von 25 Maßnahmen"),
        (1250, 10000, "1.250 von 10.000 Maßnahmen"),
    ],
)
def test_count_text(shown: int, total: int, text: str) -> None:
    assert count_text(shown, total) == text


def _menu_texts(window: MainWindow) -> dict[str, list[str]]:
    """Each menu's entries; a submenu ends in " ▸"."""
    menus = {}
    for entry in window.menuBar().actions():
        menu = entry.menu()
        assert isinstance(menu, QMenu)
        entries = [a for a in menu.actions() if not a.isSeparator()]
        texts = [(a.text().replace("&", ""), a.menu()) for a in entries]  # each has its mnemonic
        menus[entry.text().replace("&", "")] = [f"{text} ▸" if sub else text for text, sub in texts]
    return menus


def test_the_menus_offer_every_command_once(window: MainWindow) -> None:
    menus = _menu_texts(window)
    assert list(menus) == ["Datei", "Bearbeiten", "Ansicht", "Hilfe"]
    for wanted in ("Neue Maßnahme", "Speichern", "Importieren …", "Exportieren ▸", "Sicherungen …"):
        assert wanted in menus["Datei"], wanted
    assert menus["Datei"][-1] == "Beenden"
    assert "Einstellungen …" in menus["Datei"]
    assert menus["Bearbeiten"][:2] == ["Rückgängig", "Wiederholen"]
    assert {"Löschen", "Papierkorb …", "Suchen"} <= set(menus["Bearbeiten"])
    views = ["Liste", "Zeitplan", "Übersicht"]
    assert menus["Ansicht"][:3] == views
    assert {"Fristen", "Programm und Mittelabrufe …", "Stände …", "Vergleich …", "Gruppieren nach ▸"} <= set(
        menus["Ansicht"]
    )
    assert [t for t in menus["Hilfe"] if t.startswith("Über")] == ["Über die Maßnahmenverwaltung …"]
