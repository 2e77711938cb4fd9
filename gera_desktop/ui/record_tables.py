"""The read-only tables of the dialogs and side windows (Stände, Cluster, Papierkorb, Vergleich,
Programm): whole rows selected, alternating rows, columns as wide as their text and one that takes the
rest, no row numbers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

Selection = QAbstractItemView.SelectionMode


def record_table(
    parent: QWidget,
    model: QAbstractItemModel,
    stretch: int | None = None,
    name: str = "",
    selection: Selection = Selection.SingleSelection,
) -> QTableView:
    """A read-only table over ``model``: column ``stretch`` takes the room left, ``name`` is what a
    screen reader calls it."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    if name:
        table.setAccessibleName(name)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def empty_note(parent: QWidget, text: str) -> QLabel:
    """What a dialog shows in place of its table while the table has no rows (hidden until then)."""
    label = QLabel(text, parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.hide()
    return label
