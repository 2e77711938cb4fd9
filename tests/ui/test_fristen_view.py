"""The Fristen in the window: the table model (qtmodeltester), the window that reads them and follows every
change, a double-click that shows the measure, the export, and the Übersicht's Fristen card."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFileDialog
from python_calamine import CalamineWorkbook

from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.fristen import HEADERS, fristen
from gera_desktop.domain.records import MeilensteinData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services.listing import ListFilter
from gera_desktop.services.overview import overview_figures
from gera_desktop.ui.fristen_action import FRISTEN_KEYS
from gera_desktop.ui.help_actions import menu
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.models.fristen import COL_FAELLIGKEIT, NR_ROLE, FristenTableModel
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.views.fristen import FristenWindow
from gera_desktop.ui.views.overview import OverviewView
from tests.records import measure
from tests.ui.operations_support import cell_texts, write_and_wait

TODAY = date(2025, 3, 10)
SETTINGS = ProgrammEinstellungen(programmende=date(2026, 12, 31), verwendungsnachweis=date(2025, 3, 1))


def _found():
    record = measure(
        "P-01", meilensteine=[MeilensteinData("Abnahme", date(2025, 3, 20))], ende=date(2027, 6, 30)
    )
    return fristen([record], SETTINGS, TODAY)


def _window(qtbot, operations: Operations) -> FristenWindow:
    window = FristenWindow(operations)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.model.modelReset):
        window.show()
    return window


def test_the_model_shows_the_fristen_and_marks_the_overdue_ones(qtbot, qtmodeltester) -> None:
    model = FristenTableModel()
    model.set_rows(_found())
    qtmodeltester.check(model)

    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == list(HEADERS)
    assert cell_texts(model) == [
        ["01.03.2025", "seit 9 Tagen überfällig", "Programmfrist", "", "", "Verwendungsnachweis"],
        ["20.03.2025", "in 10 Tagen", "Meilenstein", "P-01", measure().titel, "Meilenstein „Abnahme“"],
        ["31.12.2026", "in 661 Tagen", "Programmfrist", "", "", "Programmende"],
    ]
    overdue, due = model.index(0, COL_FAELLIGKEIT), model.index(1, COL_FAELLIGKEIT)
    font = overdue.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert font.bold()
    assert overdue.data(Qt.ItemDataRole.DecorationRole) is not None
    assert due.data(Qt.ItemDataRole.FontRole) is None
    assert [model.index(r, 0).data(NR_ROLE) for r in range(3)] == [None, "P-01", None]


def test_the_window_reads_the_fristen_and_follows_a_change(qtbot, operations: Operations) -> None:
    window = _window(qtbot, operations)
    today = date.today()
    expected = operations.core.fristen(today)
    assert window.model.rowCount() == len(expected)
    assert window.summary.text().startswith(f"Fristen am {format_date(today)}: ")

    with qtbot.waitSignal(window.model.modelReset):
        _with_milestone(qtbot, operations, "Frist-Test")

    rows = cell_texts(window.model)
    tomorrow = format_date(today + timedelta(days=1))
    assert [tomorrow, "morgen", "Meilenstein", "UM-06"] in [row[:4] for row in rows]


def _with_milestone(qtbot, operations: Operations, name: str) -> None:
    """UM-06 gains a milestone due tomorrow."""
    record = operations.core.get("UM-06")
    due = MeilensteinData(name, date.today() + timedelta(days=1))
    new = replace(record, meilensteine=[*record.meilensteine, due])
    write_and_wait(qtbot, operations, lambda core: core.update(new))


def _texts(window: FristenWindow) -> list[str]:
    return [window.model.frist(row).text for row in range(window.model.rowCount())]


def test_a_hidden_window_reads_again_only_when_shown(qtbot, operations: Operations) -> None:
    window = _window(qtbot, operations)
    window.close()
    _with_milestone(qtbot, operations, "Frist-Test")
    assert "Meilenstein „Frist-Test“" not in _texts(window)

    with qtbot.waitSignal(window.model.modelReset):
        window.show()

    assert "Meilenstein „Frist-Test“" in _texts(window)


def test_the_export_writes_the_rows_shown(qtbot, operations: Operations, tmp_path: Path, monkeypatch) -> None:
    window = _window(qtbot, operations)
    target = tmp_path / "Fristen"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))

    with qtbot.waitSignal(window.exported) as done:
        window.export_button.click()

    assert done.args[0] == tmp_path / "Fristen.xlsx"
    rows = CalamineWorkbook.from_path(str(done.args[0])).get_sheet_by_name("Fristen").to_python()
    assert tuple(rows[4]) == HEADERS
    assert [row[1:] for row in rows[5:]] == [row[1:] for row in cell_texts(window.model)]
    qtbot.waitUntil(window.export_button.isEnabled)


def test_strg_4_opens_the_window_and_a_double_click_shows_the_measure_even_filtered_out(
    qtbot, window: MainWindow
) -> None:
    action = window.fristen_action
    assert action in menu(window, "Ansicht").actions()
    assert action.shortcut().toString() == FRISTEN_KEYS

    action.trigger()

    shown = window.findChildren(FristenWindow)
    assert len(shown) == 1
    assert shown[0].isVisible()
    fristen_window = shown[0]
    qtbot.waitUntil(lambda: fristen_window.model.rowCount() > 0)
    row = next(r for r in range(fristen_window.model.rowCount()) if fristen_window.model.frist(r).nr)
    nr = fristen_window.model.frist(row).nr
    rect = fristen_window.table.visualRect(fristen_window.model.index(row, 0))
    window.list_view.set_filter(ListFilter(text="keine solche Maßnahme"))  # hides the measure
    qtbot.mouseClick(fristen_window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(fristen_window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    qtbot.waitUntil(lambda: window.detail.current_nr() == nr)
    assert window.list_view.current_nr() == nr
    qtbot.waitUntil(lambda: not window.operations.busy)


def test_the_overview_card_lists_the_overdue_and_due_ones(qtbot) -> None:
    view = OverviewView()
    qtbot.addWidget(view)
    figures = replace(overview_figures([], SETTINGS, TODAY), fristen=tuple(_found()))

    view.show_figures(figures)

    card = view.fristen_card
    assert card.title.text() == "Fristen (1 überfällig, 1 fällig)"
    assert cell_texts(card.table.model()) == [
        ["01.03.2025", "Programmfrist", "", "Verwendungsnachweis"],
        ["20.03.2025", "Meilenstein", "P-01", "Meilenstein „Abnahme“"],
    ]
    emitted: list[ListFilter] = []
    view.filter_requested.connect(emitted.append)
    rect = card.table.visualRect(card.table.model().index(1, 0))
    qtbot.mouseClick(card.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [f.nrs for f in emitted] == [frozenset({"P-01"})]
