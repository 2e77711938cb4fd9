"""The list's columns: the set and widths a new user sees, and the header's menu to choose them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHeaderView, QMenu, QWidget

from gera_desktop.domain.columns import Kind
from gera_desktop.ui.models.massnahmen import COL_NR, COLUMNS, DEFAULT_COLUMNS

COLUMN_WIDTHS = {Kind.MONEY: 114, Kind.DATE: 84, Kind.PERCENT: 90, Kind.BOOL: 80, Kind.ENUM: 108}
KEY_WIDTHS = {
    "nr": 112,
    "titel": 210,
    "innovationsfeld": 150,
    "federfuehrung": 140,
    "status": 118,
    "ampel": 70,
}
TEXT_WIDTH = 180


def show_default_columns(header: QHeaderView) -> None:
    """The columns a new user sees, in the spec's order, at their default widths."""
    for column, spec in enumerate(COLUMNS):
        header.setSectionHidden(column, column not in DEFAULT_COLUMNS)
        header.resizeSection(column, KEY_WIDTHS.get(spec.key, COLUMN_WIDTHS.get(spec.kind, TEXT_WIDTH)))
        header.moveSection(header.visualIndex(column), column)


def column_menu(
    parent: QWidget, header: QHeaderView, show: Callable[[str, bool], None], defaults: Callable[[], None]
) -> QMenu:
    """A check box per column (``show(key, on)``; the Nr. always stays), and the default set."""
    menu = QMenu("Spalten", parent)
    for column, spec in enumerate(COLUMNS):
        action = menu.addAction(spec.header)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))
        action.setEnabled(column != COL_NR)
        action.toggled.connect(lambda on, key=spec.key: show(key, on))
    menu.addSeparator()
    menu.addAction("Standardspalten wiederherstellen", defaults)
    return menu
