"""One day's work as a member of staff does it: empty database, import the list, filter, edit and save,
see it in the Zeitplan, undo it, write the council annex."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gera_desktop.persistence.database import Database
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.dialogs.export_dialog import ExportDialog
from gera_desktop.ui.dialogs.import_dialog import ImportDialog
from gera_desktop.ui.main_window import WORK_PAGE, MainWindow
from gera_desktop.ui.views.detail_fields import TextField
from tests.conftest import EXAMPLES
from tests.ui.main_window_support import open_main_window, save

NEW_TITLE = "Hochwasser-Pegelsensoren an der Weißen Elster"


@pytest.fixture
def answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file dialogs answer with the example list and the annex target; messages are noted."""
    messages: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a: (str(EXAMPLES / "massnahmenliste-2024-06.xlsx"), "")
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "Anlage.xlsx"), ""))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: _note(messages, box.text()))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: True)
    return messages


def _note(messages: list[str], text: str) -> int:
    messages.append(text)
    return 0


def _dialog(qtbot, window: MainWindow, kind):
    qtbot.waitUntil(lambda: window.findChild(kind) is not None)
    return window.findChild(kind)


def _timeline_title(window: MainWindow, nr: str) -> str | None:
    """The measure's title in the Zeitplan (``None`` while the Zeitplan does not show it yet)."""
    return next((r.titel for r in window.timeline.records() if r.nr == nr), None)


def test_a_day_of_work(qtbot, database: Database, answers: list[str], tmp_path: Path) -> None:
    window = open_main_window(qtbot, database)
    assert window.pages.currentIndex() != WORK_PAGE  # the welcome panel

    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    importing = _dialog(qtbot, window, ImportDialog)
    qtbot.waitUntil(lambda: not importing.busy and importing.import_button.isEnabled())
    with qtbot.waitSignal(importing.imported):
        importing.import_button.click()
    qtbot.waitUntil(lambda: not importing.busy)
    importing.close()
    qtbot.waitUntil(lambda: len(window.list_view.all_records()) == 25)
    assert window.pages.currentIndex() == WORK_PAGE

    qtbot.keyClicks(window.list_view.filter_bar.search, "Hochwasser")
    assert [r.nr for r in window.list_view.visible_records()] == ["UM-06"]
    window.list_view.select("UM-06")
    qtbot.waitUntil(lambda: window.detail.current_nr() == "UM-06")
    service = MassnahmenService(database)
    old_title = service.get("UM-06").titel

    title_field = window.detail.form.fields["titel"]
    assert isinstance(title_field, TextField)
    title_field.edit.setText(NEW_TITLE)
    save(qtbot, window)
    assert service.get("UM-06").titel == NEW_TITLE

    window.show_view(1)
    qtbot.waitUntil(lambda: _timeline_title(window, "UM-06") == NEW_TITLE)

    qtbot.waitUntil(window.commands.undo.isEnabled)
    window.commands.undo.trigger()
    qtbot.waitUntil(lambda: _timeline_title(window, "UM-06") == old_title)
    assert service.get("UM-06").titel == old_title

    window.commands.export_anlage.trigger()
    exporting = _dialog(qtbot, window, ExportDialog)
    exporting.anlage.drucksache.setText("82/2019 7. Ergänzung")
    with qtbot.waitSignal(exporting.exported) as written:
        exporting.export_button.click()
    sheet = openpyxl.load_workbook(written.args[0])["Anlage"]
    assert sheet["A1"].value == "Anlage 1 zur Drucksache Nr. 82/2019 7. Ergänzung"
    titles = {sheet.cell(row, 2).value for row in range(6, sheet.max_row + 1)}
    assert old_title in titles
    assert NEW_TITLE not in titles
