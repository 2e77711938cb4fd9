"""Accessible as the city's staff need it: every input reached with Tab and named for a screen reader,
every menu entry and form field with its Alt letter, colours from the palette (a high-contrast theme
stays readable), and nothing clipped with a high-contrast palette and a doubled font."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

import gera_desktop.ui
from gera_desktop.persistence.database import Database
from gera_desktop.ui.colours import READABLE, Role, Tone, contrast, muted, readable, tone_colour
from gera_desktop.ui.keyboard import mnemonic, with_mnemonics
from gera_desktop.ui.main_dialogs import MainDialogs
from gera_desktop.ui.main_window import MainWindow
from tests.ui.contrast_support import contrast_and_font, high_contrast
from tests.ui.main_window_support import open_main_window, select
from tests.ui.screen_fit import open_on_screen

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no stacking
INPUTS: tuple[type[QWidget], ...] = (QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QPlainTextEdit)
INPUTS += (QAbstractItemView, QAbstractButton)
DIALOGS: list[Callable[[MainDialogs], QWidget]] = [
    MainDialogs.open_settings,
    MainDialogs.open_trash,
    MainDialogs.open_clusters,
    MainDialogs.open_backups,
    MainDialogs.open_staende,
    MainDialogs.open_protokoll,
    MainDialogs.open_vergleich,
    MainDialogs.open_programm,
    MainDialogs.open_fristen,
    MainDialogs.open_export,
]
UI = Path(gera_desktop.ui.__file__).parent
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|QColor\(\"|Qt\.GlobalColor\.(?!transparent)")
PRINTED = {
    "report",  # the Sachstandsbericht: a PDF printed on white paper
    "views/timeline_export.py",  # the Zeitplan's PDF and PNG: white paper
    "views/timeline_pages.py",
    "views/timeline_paper.py",  # the Zeitplan's colours on paper (the screen's come from the palette)
    "printing",  # Datei ▸ Drucken: paper
    "colours.py",  # the hues of the screen, made readable on the palette there
}


def _inputs(top: QWidget) -> list[QWidget]:
    """The visible, enabled inputs of ``top`` that take the focus with Tab (not a combo's inner field)."""
    found: list[QWidget] = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or isinstance(widget, QToolButton):
            continue
        if isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox):
            continue
        if widget.isVisibleTo(top) and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
    return found


def _tab_through(top: QWidget) -> list[QWidget]:
    """Press Tab from the focused input until the focus comes back to it; fails when it never does."""
    start = QApplication.focusWidget()
    assert start is not None
    assert start.window() is top
    reached = [start]
    for _press in range(3 * len(_inputs(top)) + 5):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        if focused is start:
            return reached
        reached.append(focused)
    raise AssertionError(f"Tab kommt nicht zurück zum Anfang, zuletzt: {_describe(reached[-3:])}")


def _describe(widgets: list[QWidget]) -> list[str]:
    return [f"{type(w).__name__} {w.accessibleName()!r} in {w.window().windowTitle()!r}" for w in widgets]


def _spoken_name(widget: QWidget) -> str:
    """The name a screen reader announces (its own, or the label Qt finds for it)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def _assert_reachable_and_named(top: QWidget) -> None:
    inputs = _inputs(top)
    assert inputs
    reached = _tab_through(top)
    assert not [w for w in inputs if w not in reached], _describe([w for w in inputs if w not in reached])
    unnamed = [w for w in inputs if not _spoken_name(w)]
    assert not unnamed, _describe(unnamed)


def _open(qtbot, window: MainWindow, opener: Callable[[MainDialogs], QWidget]) -> QWidget:
    dialog = opener(window.dialogs)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: not window.operations.busy)
    return dialog


# --- keyboard and names -----------------------------------------------------------------------------------


def test_tab_reaches_every_input_of_the_main_window_and_each_is_named(qtbot, window: MainWindow) -> None:
    select(qtbot, window, "UM-01")
    window.list_view.table.setFocus()
    _assert_reachable_and_named(window)


@pytest.mark.parametrize("opener", DIALOGS, ids=lambda opener: opener.__name__)
def test_tab_reaches_every_input_of_the_dialog_and_each_is_named(qtbot, window: MainWindow, opener) -> None:
    dialog = _open(qtbot, window, opener)
    _assert_reachable_and_named(dialog)
    dialog.close()


def test_every_menu_entry_has_its_own_alt_letter(window: MainWindow) -> None:
    def check(actions: list) -> None:
        entries = [a for a in actions if not a.isSeparator()]
        letters = [mnemonic(a.text()) for a in entries]
        assert all(letters), [a.text() for a in entries]
        assert len(set(letters)) == len(letters), [a.text() for a in entries]
        for action in entries:
            if isinstance(action.menu(), QMenu):
                check(action.menu().actions())

    check(window.menuBar().actions())


def test_alt_and_a_field_labels_letter_reach_the_field(qtbot, window: MainWindow) -> None:
    select(qtbot, window, "UM-01")
    page = window.detail.form.currentWidget()
    labels = [lb for lb in page.findChildren(QLabel) if lb.buddy() is not None and lb.isVisibleTo(window)]
    letters = [mnemonic(label.text()) for label in labels]
    menu_letters = {mnemonic(a.text()) for a in window.menuBar().actions()}
    given = [letter for letter in letters if letter]
    assert len(given) >= min(len(labels), 15), [label.text() for label in labels]  # as long as letters last
    assert len(set(given)) == len(given), [label.text() for label in labels]
    assert not menu_letters & set(given)
    label = next(label for label in labels[1:] if mnemonic(label.text()))
    key = Qt.Key(ord(mnemonic(label.text()).upper()))
    QTest.keyClick(window, key, Qt.KeyboardModifier.AltModifier)

    qtbot.waitUntil(lambda: QApplication.focusWidget() is (label.buddy().focusProxy() or label.buddy()))


def test_mnemonics_prefer_the_start_of_a_word_and_never_repeat() -> None:
    assert with_mnemonics(["Datei", "Drucken", "Daten löschen"]) == ["&Datei", "D&rucken", "Daten &löschen"]
    assert with_mnemonics(["&Neu", "Nein"]) == ["&Neu", "N&ein"]
    assert with_mnemonics(["Öffnen"], taken="ö") == ["Ö&ffnen"]


# --- colours -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("background", ["#ffffff", "#000000", "#1e1e1e", "#fff4ce"])
def test_every_tone_reads_on_light_and_dark_backgrounds(background: str) -> None:
    palette = QPalette(QColor(background))
    palette.setColor(Role.Window, QColor(background))
    for tone in Tone:
        assert contrast(tone_colour(palette, tone), QColor(background)) >= READABLE, tone
    assert contrast(readable(QColor("#f2b600"), QColor(background)), QColor(background)) >= READABLE


def test_a_high_contrast_palette_turns_messages_light_and_notes_stay_readable() -> None:
    palette = high_contrast()
    problem = tone_colour(palette, Tone.PROBLEM)
    assert problem.lightness() > 128  # light on black
    assert problem.red() > problem.green()  # and still red
    assert contrast(muted(palette), QColor("black")) >= READABLE


def test_the_screen_has_no_colours_of_its_own() -> None:
    """Widgets take their colours from the palette; only what is printed on paper keeps its own."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        relative = path.relative_to(UI).as_posix()
        if relative in PRINTED or relative.split("/")[0] in PRINTED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if COLOUR.search(line) and not line.lstrip().startswith("#"):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_a_label_in_a_tone_follows_a_palette_change(qtbot, qapp, window: MainWindow) -> None:
    select(qtbot, window, "UM-01")
    note = window.detail.header.info
    before = note.palette().color(Role.WindowText)
    with contrast_and_font(qapp, scale=1):
        qtbot.waitUntil(lambda: contrast(note.palette().color(Role.WindowText), QColor("black")) >= READABLE)
        assert note.palette().color(Role.WindowText) != before


# --- high contrast and 200 % text -----------------------------------------------------------------------


@pytest.fixture
def doubled(qapp) -> Iterator[None]:
    """High contrast and the application's font at twice its size (200 % text)."""
    with contrast_and_font(qapp, scale=2):
        yield


def _clipped(top: QWidget) -> list[str]:
    """Visible widgets smaller than they need (outside a scroll area, a toolbar or a composite input)."""
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or _scrolls(widget, top):
            continue
        need = widget.minimumSizeHint()
        if need.isValid() and (widget.width() < need.width() or widget.height() < need.height()):
            text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else widget.accessibleName()
            found.append(f"{type(widget).__name__} {text!r}: {widget.size().toTuple()} < {need.toTuple()}")
    return found


def _scrolled_sideways(top: QWidget) -> list[str]:
    """Scroll areas of fields (not tables) whose content is wider than they are: the text did not wrap."""
    found = []
    for area in top.findChildren(QScrollArea):
        content = area.widget()
        if area.isVisibleTo(top) and content is not None and area.horizontalScrollBar().maximum() > 0:
            found.append(
                f"{type(content).__name__}: {content.width()} breit, sichtbar {area.viewport().width()}"
            )
    return found


def _scrolls(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea | QToolBar | QComboBox | QAbstractSpinBox):
            return True
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize("opener", DIALOGS, ids=lambda opener: opener.__name__)
def test_with_high_contrast_and_200_percent_text_no_dialog_clips(
    qtbot, doubled: None, demo: Database, opener
) -> None:
    window = open_main_window(qtbot, demo)
    dialog = _open(qtbot, window, opener)
    assert not _clipped(dialog)
    assert not _scrolled_sideways(dialog)
    dialog.close()


def test_with_high_contrast_and_200_percent_text_the_main_window_clips_nothing(tmp_path: Path) -> None:
    """On a screen with room for it (1920 × 1080): the list, the Zeitplan, the Übersicht and every tab of
    the detail with a measure, at the window's first size and at its smallest."""
    facts = open_on_screen(tmp_path, "1", 1920, 1080, text_scale=2)
    normal, doubled = facts["points"]
    assert doubled == 2 * normal
    assert facts["background"] == "#000000"
    assert QRect(*facts["available"]).contains(QRect(*facts["frame"]))
    assert facts["clipped"] == []
