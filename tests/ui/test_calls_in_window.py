"""Issue 13's "Done when" in the program window: a call and a decision recorded in the detail and saved
change the list's Mittel abgerufen, the status bar's sum and the Übersicht at once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.models.massnahmen import COLUMN_KEYS
from tests.ui.main_window_support import save, select

EDIT = Qt.ItemDataRole.EditRole
COL_ABGERUFEN = COLUMN_KEYS.index("abgerufen")
SUMS_BEFORE = "Mittel abgerufen 391.230,00 €"
SUMS_AFTER = "Mittel abgerufen 401.230,00 €"


def test_a_saved_call_changes_the_list_the_status_bar_and_the_overview(qtbot, window: MainWindow) -> None:
    window.show_view(2)
    overview = window.workspace.overview
    qtbot.waitUntil(lambda: overview.calls_card.abgerufen.text() == "391.230,00 €")
    window.show_view(0)
    assert SUMS_BEFORE in window.status.sums_label.text()
    select(qtbot, window, "UM-06")
    row = window.list_view.model.row_of("UM-06")
    assert row is not None
    assert window.list_view.model.index(row, COL_ABGERUFEN).data() == "0,00 €"

    form = window.detail.form
    calls = form.panels["mittelabrufe"]
    added = calls.add_row()
    calls.table.closePersistentEditor(form.mittelabrufe.index(added, 0))
    for column, text in enumerate(["15.03.2024", "10.000,00", "", "abgerufen"]):
        form.mittelabrufe.setData(form.mittelabrufe.index(added, column), text, EDIT)
    decisions = form.panels["beschluesse"]
    added = decisions.add_row()
    decisions.table.closePersistentEditor(form.beschluesse.index(added, 0))
    for column, text in [(0, "Fördermittelgeber"), (4, "01.03.2024"), (5, "freigegeben")]:
        form.beschluesse.setData(form.beschluesse.index(added, column), text, EDIT)
    save(qtbot, window)

    row = window.list_view.model.row_of("UM-06")
    assert row is not None
    assert window.list_view.model.index(row, COL_ABGERUFEN).data() == "10.000,00 €"
    assert SUMS_AFTER in window.status.sums_label.text()
    window.show_view(2)
    qtbot.waitUntil(lambda: overview.calls_card.abgerufen.text() == "401.230,00 €")
    assert [b.ergebnis for b in window.operations.core.get("UM-06").beschluesse][-1] == "freigegeben"
