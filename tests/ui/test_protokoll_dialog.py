"""Bearbeiten ▸ Änderungsprotokoll: all changes newest first, filters, the count of lines, German messages
for bad dates, the export read back, and the window beside the main window."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from python_calamine import CalamineWorkbook

from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.ui.dialogs import protokoll
from gera_desktop.ui.dialogs.protokoll import NO_MEASURE_CHOICE, ProtokollDialog
from gera_desktop.ui.help_actions import menu
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.operations import Operations
from tests.ui.operations_support import cell_texts, write_and_wait


def _dialog(qtbot, operations: Operations) -> ProtokollDialog:
    dialog = ProtokollDialog(operations)
    qtbot.addWidget(dialog)
    qtbot.waitSignal(dialog.read).wait()
    return dialog


def _edit(qtbot, operations: Operations, dialog: ProtokollDialog) -> None:
    with qtbot.waitSignal(dialog.read):
        write_and_wait(qtbot, operations, lambda core: core.update(replace(core.get("UM-06"), titel="Neu")))


def _choose(qtbot, dialog: ProtokollDialog, box, text: str) -> None:
    qtbot.waitUntil(lambda: box.findText(text) >= 0)  # the choices are read again after each write
    with qtbot.waitSignal(dialog.read):
        box.setCurrentIndex(box.findText(text))
        box.activated.emit(box.currentIndex())


def test_every_change_newest_first_and_the_list_follows_each_write(qtbot, qtmodeltester, operations) -> None:
    dialog = _dialog(qtbot, operations)
    qtmodeltester.check(dialog.model)
    before = dialog.model.rowCount()

    _edit(qtbot, operations, dialog)

    rows = cell_texts(dialog.model)
    assert len(rows) == before + 1
    assert rows[0][1:] == ["UM-06", "Frau Schmidt", "Maßnahme", rows[0][4], "Neu", "Bearbeitung"]
    assert rows[0][0].startswith(f"{date.today():%d.%m.%Y} ")
    assert dialog.count_label.text() == f"Angezeigt: {len(rows)} Zeilen"
    assert not dialog.note.isVisible()


def test_the_filters_narrow_the_lines(qtbot, operations) -> None:
    dialog = _dialog(qtbot, operations)
    _edit(qtbot, operations, dialog)
    with qtbot.waitSignal(dialog.read):
        write_and_wait(
            qtbot,
            operations,
            lambda core: core.save_settings(ProgrammEinstellungen(foerderquote=Decimal(80))),
        )

    _choose(qtbot, dialog, dialog.benutzer_box, "Frau Schmidt")
    assert [row[1] for row in cell_texts(dialog.model)] == ["–", "UM-06"]

    _choose(qtbot, dialog, dialog.nr_box, NO_MEASURE_CHOICE)
    assert cell_texts(dialog.model)[0][3:6] == ["Einstellung: Förderquote", "90 %", "80 %"]

    _choose(qtbot, dialog, dialog.nr_box, "Alle")
    _choose(qtbot, dialog, dialog.benutzer_box, "Alle")
    _choose(qtbot, dialog, dialog.quelle_box, "Import")
    rows = cell_texts(dialog.model)
    assert rows
    assert all(row[6].startswith("Import ") for row in rows)


def test_a_bad_date_or_span_is_named_in_german_and_reads_nothing(qtbot, operations) -> None:
    dialog = _dialog(qtbot, operations)
    shown = dialog.model.rowCount()

    dialog.von_edit.setText("32.13.2025")
    dialog.refresh()
    assert dialog.note.text().startswith("Zeitraum „von“: ")
    assert "Datum" in dialog.note.text()

    dialog.von_edit.setText("01.02.2025")
    dialog.bis_edit.setText("01.01.2025")
    dialog.refresh()
    assert "„von“ (01.02.2025) liegt nach „bis“ (01.01.2025)" in dialog.note.text()
    assert dialog.model.rowCount() == shown


def test_a_time_span_in_the_future_shows_nothing(qtbot, operations) -> None:
    dialog = _dialog(qtbot, operations)
    dialog.von_edit.setText("01.01.2100")
    with qtbot.waitSignal(dialog.read):
        dialog.refresh()
    assert dialog.model.rowCount() == 0
    assert dialog.count_label.text() == "Angezeigt: 0 Zeilen"


def test_only_the_newest_lines_are_shown_with_a_note(qtbot, operations, monkeypatch) -> None:
    monkeypatch.setattr(protokoll, "LIMIT", 30)
    dialog = _dialog(qtbot, operations)

    assert dialog.model.rowCount() == 30
    assert not dialog.note.isHidden()
    assert dialog.note.text().startswith("Gezeigt werden die neuesten 30 Zeilen (")
    assert "von 25 Einträgen" in dialog.note.text()


def test_the_export_writes_what_the_filters_take(qtbot, operations, tmp_path: Path, monkeypatch) -> None:
    dialog = _dialog(qtbot, operations)
    _edit(qtbot, operations, dialog)
    _choose(qtbot, dialog, dialog.benutzer_box, "Frau Schmidt")
    target = tmp_path / "protokoll"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))

    with qtbot.waitSignal(dialog.exported, timeout=20_000) as exported:
        dialog.export_button.click()

    assert exported.args == [str(tmp_path / "protokoll.xlsx")]
    rows = CalamineWorkbook.from_path(exported.args[0]).get_sheet_by_name("Änderungsprotokoll").to_python()
    assert rows[1][0] == "Auswahl: Benutzer: Frau Schmidt"
    assert [row[1:4] for row in rows[5:]] == [["UM-06", "Frau Schmidt", "Maßnahme"]]
    assert dialog.count_label.text() == f"Gespeichert: {tmp_path / 'protokoll.xlsx'}"


@pytest.mark.usefixtures("operations")
@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window stacking
def test_bearbeiten_opens_one_protokoll_beside_the_window(qtbot, window: MainWindow) -> None:
    action = window.commands.protokoll
    assert action in menu(window, "Bearbeiten").actions()

    action.trigger()
    first = window.dialogs._protokoll
    assert first is not None
    qtbot.waitSignal(first.read).wait()
    assert first.isVisible()
    assert not first.isModal()

    action.trigger()
    assert window.dialogs._protokoll is first
    first.close()
