"""The window on the city's screens: 1366×768 at 100 % and 125 %, 1920×1080 at 150 %. Each scale factor runs
in a process of its own (Qt reads it once), with the offscreen screen set to that size; the window opens
there as on a fresh profile, with the sample data and a measure in the detail (see ``screen_fit``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QKeySequence, QUndoCommand
from PySide6.QtWidgets import QMenu

from gera_desktop.persistence.database import Database
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.workspace import LIST_PAGE, OVERVIEW_PAGE, TIMELINE_PAGE
from tests.ui.main_window_support import open_main_window
from tests.ui.screen_fit import open_on_screen

MINIMUM = (1000, 560)
"""The most the window may ask for: a 1366×768 screen at 125 % less the taskbar, in logical pixels."""


@pytest.mark.parametrize(
    ("scale", "width", "height"),
    [("1", 1366, 768), ("1.25", 1366, 768), ("1.5", 1920, 1080)],
    ids=["1366x768-100%", "1366x768-125%", "1920x1080-150%"],
)
def test_the_window_fits_the_screen_and_nothing_is_cut_off(
    tmp_path: Path, scale: str, width: int, height: int
) -> None:
    facts = open_on_screen(tmp_path, scale, width, height)
    available, frame = QRect(*facts["available"]), QRect(*facts["frame"])
    assert available.width() == round(width / float(scale))  # the scale factor took effect
    assert available.contains(frame), facts
    assert facts["minimum"][0] <= MINIMUM[0]
    assert facts["minimum"][1] <= MINIMUM[1]
    assert facts["clipped"] == []


# --- in this process: the detail pane, the undo button and the status bar ---------------------------------


@pytest.fixture
def window(qtbot, demo: Database) -> MainWindow:
    """The main window on the sample data, on a fresh profile."""
    return open_main_window(qtbot, demo)


def test_strg_d_hides_and_shows_the_detail_beside_each_view_on_its_own(qtbot, window: MainWindow) -> None:
    pane, action = window.workspace.detail_pane, window.commands.detail_pane
    assert pane.is_shown()
    assert action.isChecked()
    assert action.shortcut() == QKeySequence("Ctrl+D")
    ansicht = next(menu for menu in window.menuBar().findChildren(QMenu) if menu.title() == "&Ansicht")
    assert action in ansicht.actions()  # Ansicht ▸ Detailbereich

    qtbot.keyClick(window.list_view.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert not pane.is_shown()
    assert not action.isChecked()
    assert window.list_view.width() > window.workspace.width() - window.workspace.handleWidth() - 2

    window.show_view(OVERVIEW_PAGE)  # without the detail from the start
    assert not pane.is_shown()
    window.show_view(TIMELINE_PAGE)  # with it, as before
    assert pane.is_shown()
    assert action.isChecked()
    window.show_view(LIST_PAGE)  # as the user left it
    assert not pane.is_shown()

    action.trigger()
    assert pane.is_shown()
    assert window.detail.width() >= window.detail.minimumSizeHint().width()


def test_the_splitter_handle_collapses_the_detail_and_opening_a_measure_brings_it_back(
    qtbot, window: MainWindow
) -> None:
    workspace = window.workspace
    workspace.moveSplitter(workspace.width(), 1)  # the handle dragged to the right edge
    assert workspace.sizes()[1] == 0
    assert not window.commands.detail_pane.isChecked()

    nr = window.list_view.visible_records()[0].nr
    window.list_view.select(nr)
    workspace.open(nr)  # Enter or a double-click in the list
    qtbot.waitUntil(lambda: window.detail.current_nr() == nr)
    assert workspace.detail_pane.is_shown()
    assert window.commands.detail_pane.isChecked()


def test_the_detail_pane_is_remembered_for_each_view(qtbot, demo: Database) -> None:
    first = open_main_window(qtbot, demo)
    first.show_view(TIMELINE_PAGE)
    first.commands.detail_pane.trigger()  # hidden beside the Zeitplan
    first.show_view(OVERVIEW_PAGE)
    first.commands.detail_pane.trigger()  # shown beside the Übersicht
    first.close()

    again = open_main_window(qtbot, demo)
    assert again.views.currentIndex() == OVERVIEW_PAGE
    assert again.workspace.detail_pane.is_shown()
    again.show_view(TIMELINE_PAGE)
    assert not again.workspace.detail_pane.is_shown()
    again.show_view(LIST_PAGE)
    assert again.workspace.detail_pane.is_shown()


def test_a_long_undo_step_is_shortened_on_the_toolbar_and_told_in_full_elsewhere(window: MainWindow) -> None:
    width, toolbar = window.width(), window.toolbar.sizeHint().width()
    step = "Änderung an P-01 · Bürger-Serviceportal und digitale Bürgerdienste für die ganze Stadt"
    window.undo_stack.push(QUndoCommand(step))

    undo = window.commands.undo
    assert undo.text() == f"&Rückgängig: {step}"  # the menu says it all (with its Alt letter)
    keys = undo.shortcut().toString(QKeySequence.SequenceFormat.NativeText)  # "Strg+Z" with Qt's German
    assert undo.toolTip() == f"Rückgängig: {step} ({keys})"
    assert undo.iconText().endswith("…")
    assert len(undo.iconText()) < 40
    assert window.toolbar.sizeHint().width() - toolbar < 120
    assert window.width() == width


def test_the_sums_in_the_status_bar_are_shortened_in_a_narrow_window(qtbot, window: MainWindow) -> None:
    sums = window.status.sums_label
    text = sums.text()
    window.resize(window.minimumSizeHint())
    qtbot.waitUntil(lambda: sums.width() < sums.sizeHint().width())
    assert sums.is_elided()
    assert sums.text() == text  # whole, for the tooltip and for screen readers
    assert window.statusBar().width() <= window.width()
