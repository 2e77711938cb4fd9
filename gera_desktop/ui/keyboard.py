"""Reaching everything by keyboard and screen reader: a mnemonic (Alt + letter) for every menu entry and
every labelled form field, tables that pass the Tab key on instead of keeping it, and the label's name on
the input behind a labelled composite field."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMainWindow, QMenu, QMenuBar, QStackedWidget, QWidget


def with_mnemonics(texts: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """``texts`` with an ``&`` before a letter that no other text (nor ``taken``) uses yet; the first
    letter of a word preferred. A text that has its ``&`` already keeps it; one without a free letter
    stays as it is."""
    texts = list(texts)
    used = {letter.lower() for letter in taken} | {m for m in map(mnemonic, texts) if m}
    marked = []
    for text in texts:
        if mnemonic(text) or "&" in text:
            marked.append(text)
            continue
        position = _free_position(text, used)
        if position is None:
            marked.append(text)
            continue
        used.add(text[position].lower())
        marked.append(f"{text[:position]}&{text[position:]}")
    return marked


def mnemonic(text: str) -> str:
    """The letter after a single ``&`` in ``text`` (lower case), or ``''``."""
    index = text.replace("&&", "  ").find("&")
    return text[index + 1].lower() if 0 <= index < len(text) - 1 else ""


def _free_position(text: str, used: set[str]) -> int | None:
    """Only letters and digits every keyboard has (no ß or umlaut), the start of a word first."""
    usable = [i for i, c in enumerate(text) if c.isascii() and c.isalnum()]
    starts = [i for i in usable if i == 0 or not text[i - 1].isalnum()]
    others = [i for i in usable if i not in starts]
    for index in starts + others:
        if text[index].lower() not in used:
            return index
    return None


def give_menu_mnemonics(bar: QMenuBar) -> None:
    """Every entry of every menu (and submenu) of ``bar`` gets a mnemonic unique in its menu."""
    _mark_menu_entries([action for action in bar.actions() if not action.isSeparator()])
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            _give_menu(menu)


def _give_menu(menu: QMenu) -> None:
    entries = [action for action in menu.actions() if not action.isSeparator()]
    _mark_menu_entries(entries)
    for action in entries:
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            _give_menu(submenu)


def _mark_menu_entries(actions: list[QAction]) -> None:
    for action, text in zip(actions, with_mnemonics(a.text() for a in actions), strict=True):
        if text != action.text():
            action.setText(text)


def give_label_mnemonics(window: QWidget) -> None:
    """Every plain-text label under ``window`` that names a field (has a buddy) gets a mnemonic: Alt and
    the letter go to the field. Two labels share a letter only when they are never shown together (on
    different pages of a tab or stacked widget); the letters of the window's menu bar are left alone."""
    bar = window.menuBar() if isinstance(window, QMainWindow) else None
    taken = {mnemonic(a.text()) for a in bar.actions()} if bar is not None else set()
    marked: list[tuple[dict[QStackedWidget, QWidget], str]] = []
    for label in _field_labels(window):
        pages = _pages(label, window)
        letter = mnemonic(label.text())
        if not letter:
            used = taken | {m for other, m in marked if not _apart(pages, other)}
            position = _free_position(label.text(), used)
            if position is None:
                continue
            text = label.text()
            label.setText(f"{text[:position]}&{text[position:]}")
            letter = text[position].lower()
        marked.append((pages, letter))


def _field_labels(window: QWidget) -> list[QLabel]:
    return [
        label
        for label in window.findChildren(QLabel)
        if label.buddy() is not None and "<" not in label.text() and label.text().strip()
    ]


def _pages(widget: QWidget, window: QWidget) -> dict[QStackedWidget, QWidget]:
    """For each stacked widget (a tab widget's pages among them) above ``widget``: the page it is on."""
    pages = {}
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not window:
        if isinstance(parent, QStackedWidget):
            pages[parent] = child
        child, parent = parent, parent.parentWidget()
    return pages


def _apart(first: dict[QStackedWidget, QWidget], second: dict[QStackedWidget, QWidget]) -> bool:
    """Never shown together: on different pages of one stacked widget."""
    return any(first[stack] is not second[stack] for stack in first.keys() & second.keys())


def pass_tab_on(root: QWidget) -> None:
    """Tables and lists under ``root`` leave Tab to the focus chain (arrow keys move between cells), so
    the keyboard never gets caught in a table."""
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)


def name_labelled_fields(window: QWidget) -> None:
    """A label's text becomes the accessible name of the input it labels (or of the input inside a
    composite field, such as a date with its calendar button) where a screen reader would not find the
    label itself: Qt looks for it among the input's siblings only."""
    for label in _field_labels(window):
        buddy = label.buddy()
        assert buddy is not None
        field = buddy.focusProxy() or buddy
        if not field.accessibleName() and label.parentWidget() is not field.parentWidget():
            field.setAccessibleName(label.text().replace("&", "").rstrip(": *"))


def make_keyboard_friendly(window: QWidget) -> None:
    """Mnemonics for the field labels, named fields and tables that pass Tab on, for a dialog
    or window just built."""
    pass_tab_on(window)
    give_label_mnemonics(window)
    name_labelled_fields(window)
