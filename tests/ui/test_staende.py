"""The Stände in the window: the dialog lists, freezes (with German messages for a bad name) and deletes
after a question; a Stand opens read-only in the list, the detail and the Zeitplan under a bar that names
it, until „Zurück zu heute“."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gera_desktop.domain.records import MassnahmeData
from gera_desktop.ui.dialogs.staende import StaendeDialog
from gera_desktop.ui.help_actions import menu
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.stand_actions import STAENDE_KEYS
from tests.ui.main_window_support import select
from tests.ui.operations_support import cell_texts, write_and_wait

NAME = "Vorlage Stadtrat 14.12.2021"
UM_06_COSTS = Decimal("420000.00")


def _dialog(qtbot, operations: Operations, read_only: bool = False) -> StaendeDialog:
    dialog = StaendeDialog(operations, read_only)
    qtbot.addWidget(dialog)
    qtbot.waitSignal(dialog.read).wait()
    return dialog


# --- the dialog ---------------------------------------------------------------------------------------


def test_the_staende_are_listed_newest_first_and_follow_every_change(
    qtbot, qtmodeltester, operations
) -> None:
    write_and_wait(
        qtbot, operations, lambda core: core.freeze_stand("Mittelabruf 2024/I", "erster Abruf\nzweite Zeile")
    )
    dialog = _dialog(qtbot, operations)
    qtmodeltester.check(dialog.model)

    with qtbot.waitSignal(dialog.read):
        write_and_wait(qtbot, operations, lambda core: core.freeze_stand(NAME))

    rows = cell_texts(dialog.model)
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Name", "Angelegt am", "von", "Maßnahmen", "Bemerkung"]
    assert [row[0] for row in rows] == [NAME, "Mittelabruf 2024/I"]
    assert rows[1][2:] == ["Frau Schmidt", "25", "erster Abruf zweite Zeile"]
    day, month, rest = rows[0][1].split(".")
    assert (len(day), len(month), len(rest)) == (2, 2, 10)  # 31.12.2025 14:03


def test_without_a_stand_the_dialog_says_how_to_make_one(qtbot, operations) -> None:
    dialog = _dialog(qtbot, operations)

    assert dialog.model.rowCount() == 0
    assert "Es gibt noch keinen Stand" in dialog.empty_label.text()
    assert not dialog.show_button.isEnabled()
    assert not dialog.delete_button.isEnabled()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Bitte einen Namen für den Stand angeben."),
        ("x" * 121, "Der Name des Stands ist zu lang (121 Zeichen, höchstens 120)."),
        (
            "vorlage stadtrat  14.12.2021",
            f"Es gibt schon einen Stand „{NAME}“. Bitte einen anderen Namen wählen.",
        ),
        ("heute", "„heute“ steht im Vergleich für die aktuellen Maßnahmen."),
    ],
)
def test_a_name_that_cannot_be_taken_is_refused_in_german(qtbot, operations, name: str, message: str) -> None:
    write_and_wait(qtbot, operations, lambda core: core.freeze_stand(NAME))
    dialog = _dialog(qtbot, operations)
    freeze = dialog.freeze()
    freeze.name.setText(name)

    freeze.ok_button.click()

    assert message in freeze.problem.text()
    assert freeze.isVisible()
    assert not operations.busy
    assert [info.name for info in operations.core.staende()] == [NAME]


def test_freezing_stores_every_measure_with_the_remark_and_chooses_the_new_stand(qtbot, operations) -> None:
    write_and_wait(qtbot, operations, lambda core: core.freeze_stand("Älter"))
    dialog = _dialog(qtbot, operations)
    freeze = dialog.freeze()
    freeze.name.setText(f"  {NAME} ")
    freeze.bemerkung.setPlainText("Beschlussvorlage Dezember")

    with qtbot.waitSignal(freeze.frozen), qtbot.waitSignal(dialog.read):
        freeze.ok_button.click()

    qtbot.waitUntil(lambda: dialog.selected_name() == NAME)
    assert cell_texts(dialog.model)[0][0] == NAME
    assert cell_texts(dialog.model)[0][3:] == ["25", "Beschlussvorlage Dezember"]


def test_a_stand_is_deleted_only_after_the_question(qtbot, operations, monkeypatch) -> None:
    write_and_wait(qtbot, operations, lambda core: core.freeze_stand(NAME))
    dialog = _dialog(qtbot, operations)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog.delete_button.click()
    assert "Soll der Stand „Vorlage Stadtrat 14.12.2021“ vom" in asked[0]
    assert "(25 Maßnahmen)" in asked[0]
    assert not operations.busy
    assert dialog.model.rowCount() == 1

    answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.read):
        dialog.delete_button.click()

    assert dialog.model.rowCount() == 0
    assert operations.core.staende() == []


def test_a_read_only_database_lists_the_staende_but_changes_none(qtbot, operations) -> None:
    write_and_wait(qtbot, operations, lambda core: core.freeze_stand(NAME))
    dialog = _dialog(qtbot, operations, read_only=True)

    assert dialog.model.rowCount() == 1
    assert not dialog.freeze_button.isEnabled()
    assert not dialog.delete_button.isEnabled()
    assert dialog.show_button.isEnabled()


# --- a Stand shown in the window ----------------------------------------------------------------------


def _raise_um_06(qtbot, window: MainWindow) -> None:
    """UM-06 costs 450.000 € today (420.000 € in the Stand)."""
    core = window.operations.core
    write_and_wait(
        qtbot, window.operations, lambda c: c.update(replace(core.get("UM-06"), gesamtkosten=Decimal(450000)))
    )
    qtbot.waitUntil(lambda: _costs_listed(window, "UM-06") == Decimal(450000))


def _costs_listed(window: MainWindow, nr: str) -> Decimal | None:
    found = [r.gesamtkosten for r in window.list_view.all_records() if r.nr == nr]
    return found[0] if found else None


def _shown(window: MainWindow) -> MassnahmeData:
    record = window.detail.current_record()
    assert record is not None
    return record


def _show_stand(qtbot, window: MainWindow, name: str) -> None:
    with qtbot.waitSignal(window.workspace.stand_changed):
        window.workspace.show_stand(name)


def test_ansicht_staende_opens_the_dialog(qtbot, window: MainWindow) -> None:
    action = window.stand_actions.staende
    ansicht = menu(window, "Ansicht")
    assert action in ansicht.actions()
    assert window.stand_actions.vergleich in ansicht.actions()
    assert action.shortcut().toString() == STAENDE_KEYS

    action.trigger()

    qtbot.waitUntil(lambda: bool(window.findChildren(StaendeDialog)))
    dialog = window.findChildren(StaendeDialog)[0]
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not window.operations.busy)


def test_a_stand_opens_read_only_in_list_detail_and_zeitplan(qtbot, window: MainWindow) -> None:
    write_and_wait(qtbot, window.operations, lambda core: core.freeze_stand(NAME))
    _raise_um_06(qtbot, window)
    select(qtbot, window, "UM-06")

    _show_stand(qtbot, window, NAME)

    assert _costs_listed(window, "UM-06") == UM_06_COSTS
    qtbot.waitUntil(lambda: window.detail.current_nr() == "UM-06")
    assert _shown(window).gesamtkosten == UM_06_COSTS
    assert not window.stand_bar.isHidden()
    assert f"Sie sehen den Stand „{NAME}“ vom " in window.stand_bar.label.text()
    commands = window.commands
    for action in (commands.new, commands.save, commands.delete, commands.import_list, commands.export):
        assert not action.isEnabled(), action.text()
    assert not window.detail.buttons.save_button.isEnabled()
    assert not window.detail.buttons.delete_button.isEnabled()
    assert not window.detail.form.fields["gesamtkosten"].editor.isEnabled()

    window.show_view(1)
    qtbot.waitUntil(lambda: window.timeline.selected_nr() == "UM-06")
    shown = {r.nr: r for r in window.timeline.records()}
    frozen = {r.nr: r for r in window.operations.core.stand(NAME).records}
    assert shown["UM-06"].gesamtkosten == UM_06_COSTS
    assert shown["UM-06"].meilensteine == frozen["UM-06"].meilensteine
    assert shown["UM-06"].meilensteine


def test_selecting_another_measure_shows_it_as_frozen(qtbot, window: MainWindow) -> None:
    write_and_wait(qtbot, window.operations, lambda core: core.freeze_stand(NAME))
    _raise_um_06(qtbot, window)
    _show_stand(qtbot, window, NAME)

    select(qtbot, window, "P-04")
    select(qtbot, window, "UM-06")

    assert _shown(window).gesamtkosten == UM_06_COSTS
    assert _shown(window).id is None


def test_zurueck_zu_heute_shows_the_measures_as_stored_and_allows_changes_again(qtbot, window) -> None:
    write_and_wait(qtbot, window.operations, lambda core: core.freeze_stand(NAME))
    _raise_um_06(qtbot, window)
    select(qtbot, window, "UM-06")
    _show_stand(qtbot, window, NAME)

    with qtbot.waitSignal(window.workspace.stand_changed), qtbot.waitSignal(window.loaded):
        window.stand_bar.back_button.click()

    assert window.stand_bar.isHidden()
    assert _costs_listed(window, "UM-06") == Decimal(450000)
    qtbot.waitUntil(lambda: window.detail.current_record() is not None)
    assert _shown(window).gesamtkosten == Decimal(450000)
    assert window.commands.new.isEnabled()
    assert window.commands.export.isEnabled()
    assert window.detail.buttons.delete_button.isEnabled()


def test_changes_made_meanwhile_reach_the_list_after_the_stand(qtbot, window: MainWindow) -> None:
    write_and_wait(qtbot, window.operations, lambda core: core.freeze_stand(NAME))
    _show_stand(qtbot, window, NAME)
    core = window.operations.core

    write_and_wait(
        qtbot, window.operations, lambda c: c.update(replace(core.get("UM-06"), gesamtkosten=Decimal(1)))
    )
    assert _costs_listed(window, "UM-06") == UM_06_COSTS

    with qtbot.waitSignal(window.loaded):
        window.workspace.show_today()
    assert _costs_listed(window, "UM-06") == Decimal(1)


def test_deleting_the_stand_shown_goes_back_to_today(qtbot, window: MainWindow) -> None:
    write_and_wait(qtbot, window.operations, lambda core: core.freeze_stand(NAME))
    _show_stand(qtbot, window, NAME)

    with qtbot.waitSignal(window.workspace.stand_changed) as changed:
        write_and_wait(qtbot, window.operations, lambda core: core.delete_stand(NAME))

    assert changed.args == [None]
    assert window.stand_bar.isHidden()


def test_anzeigen_in_the_dialog_shows_the_stand(qtbot, window: MainWindow) -> None:
    write_and_wait(qtbot, window.operations, lambda core: core.freeze_stand(NAME))
    dialog = window.dialogs.open_staende()
    qtbot.waitSignal(dialog.read).wait()

    with qtbot.waitSignal(window.workspace.stand_changed):
        dialog.show_button.click()

    assert window.workspace.stand is not None
    assert window.workspace.stand.name == NAME
