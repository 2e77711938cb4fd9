"""The selected rows of a table as text that pastes into Excel as cells: one line per row, the cells
separated by tabs, the header first; the shown columns in the order shown, the values as shown."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QTableView

from gera_desktop.ui.models.massnahmen_roles import COPY_ROLE


def copied_rows(table: QTableView) -> str:
    """The rows selected in ``table`` (a group's header row left out) as tab-separated text with the
    column headers; empty when no row is selected."""
    model = table.model()
    rows = _selected_rows(table)
    if not rows:
        return ""
    columns = _shown_columns(table)
    header = Qt.Orientation.Horizontal
    lines = ["\t".join(_cell(model.headerData(c, header)) for c in columns)]
    lines.extend("\t".join(_cell(_text(model, row, c)) for c in columns) for row in rows)
    return "\n".join(lines)


def _selected_rows(table: QTableView) -> list[int]:
    """The selected rows from top to bottom, only those a user can select (no group header)."""
    model = table.model()
    rows: set[int] = set()
    selection = table.selectionModel().selection()
    for at in range(selection.count()):
        area = selection.at(at)
        rows.update(range(area.top(), area.bottom() + 1))
    selectable = Qt.ItemFlag.ItemIsSelectable
    return [row for row in sorted(rows) if model.flags(model.index(row, 0)) & selectable]


def _shown_columns(table: QTableView) -> list[int]:
    header = table.horizontalHeader()
    logical = (header.logicalIndex(visual) for visual in range(header.count()))
    return [column for column in logical if not header.isSectionHidden(column)]


def _text(model: QAbstractItemModel, row: int, column: int) -> object:
    """The cell's text as shown, long text whole (``COPY_ROLE``, else the display text)."""
    index = model.index(row, column)
    copied = model.data(index, COPY_ROLE)
    return model.data(index) if copied is None else copied


def _cell(value: object) -> str:
    """One cell: on one line, without tabs; quoted where Excel would read a leading quote as quoting."""
    text = " ".join(str(value).split()) if value is not None else ""
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if text.startswith('"') else text
