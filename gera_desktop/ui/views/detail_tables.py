"""An editable table of the detail form (Meilensteine, Jahresscheiben, Beteiligung, Mittelabrufe,
Beschlüsse, Zusatzspalten): the table with German cell editors, buttons to add and remove rows, and red
messages below."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.columns import BETEILIGUNG_FORMATE, Kind
from gera_desktop.ui.colours import Tone, show_tone
from gera_desktop.ui.inputs import DateEdit
from gera_desktop.ui.models.children import ChildTableModel

ModelIndex = QModelIndex | QPersistentModelIndex
EditRole = Qt.ItemDataRole.EditRole
COLUMN_WIDTHS = {Kind.DATE: 115, Kind.MONEY: 125, Kind.YEAR: 105, Kind.INTEGER: 105}
KEY_WIDTHS = {
    "bezeichnung": 260,
    "format": 140,
    "ort": 170,
    "halbjahr": 90,
    "status": 110,
    "art": 150,
    "drucksache": 115,
    "ergaenzung": 115,
    "gremium": 130,
    "ergebnis": 170,
    "umlaufbeschluss": 125,
}
ROW_HEIGHT_LINES = 1.9


class ChildDelegate(QStyledItemDelegate):
    """Cell editors: dates with the calendar, Format with the usual suggestions, a list of the values a
    choice allows (Status, Art, Ergebnis by its Art, ja/nein), amounts right-aligned."""

    def _kind(self, index: ModelIndex) -> tuple[Kind, str]:
        model = index.model()
        if isinstance(model, ChildTableModel):
            column = model.columns[index.column()]
            return column.kind, column.key
        return Kind.TEXT, ""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex) -> QWidget:  # noqa: N802
        kind, key = self._kind(index)
        choices = _choices(index)
        if choices:
            picker = QComboBox(parent)
            picker.addItems(choices)
            return picker
        if kind is Kind.DATE:
            editor = DateEdit(parent)
            editor.picked.connect(lambda: self.commitData.emit(editor))
            return editor
        if key == "format":
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.addItems(list(BETEILIGUNG_FORMATE))
            return combo
        line = QLineEdit(parent)
        if kind in (Kind.MONEY, Kind.INTEGER, Kind.YEAR):
            line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return line

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:  # noqa: N802
        text = str(index.data(EditRole) or "")
        if isinstance(editor, QComboBox):
            editor.setCurrentText(text)
        elif isinstance(editor, DateEdit | QLineEdit):
            editor.setText(text)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), EditRole)
        elif isinstance(editor, DateEdit | QLineEdit):
            model.setData(index, editor.text(), EditRole)
        else:
            super().setModelData(editor, model, index)


def _choices(index: ModelIndex) -> list[str]:
    model = index.model()
    offered = getattr(model, "choices", None)
    return list(offered(index)) if offered is not None else []


class TablePanel(QWidget):
    """A table with Hinzufügen/Entfernen buttons, a red message line and an optional note."""

    rows_changed = Signal()

    def __init__(self, model: Any, add_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._rejected = ""
        self._messages: list[str] = []
        self._build_ui(add_text)
        self._connect_signals()

    def _build_ui(self, add_text: str) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(ChildDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * ROW_HEIGHT_LINES))
        self.table.verticalHeader().setVisible(False)
        self._size_columns()
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        show_tone(self.message, Tone.PROBLEM)
        self.message.hide()
        layout.addWidget(self.message)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.note)
        layout.addLayout(self._buttons(add_text))

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        columns = getattr(self.model, "columns", ())
        for number, column in enumerate(columns):
            width = KEY_WIDTHS.get(column.key) or COLUMN_WIDTHS.get(column.kind)
            if width:
                self.table.setColumnWidth(number, width)
        if not columns:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def _buttons(self, add_text: str) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton(add_text, self)
        self.remove_button = QPushButton("Markierte Zeilen entfernen", self)
        self.remove_button.setEnabled(False)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        return row

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._on_model_rows_changed)
        self.model.dataChanged.connect(self._on_model_data_changed)
        if hasattr(self.model, "input_rejected"):
            self.model.input_rejected.connect(self._on_model_input_rejected)

    # --- rows ----------------------------------------------------------------------------------------

    def add_row(self) -> int:
        """Append a row and start editing its first cell; returns its number."""
        row: int = self.model.add_row()
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        return row

    def remove_selected(self) -> None:
        """Remove the rows the user selected."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        self.model.remove_rows(rows)

    def select_rows(self, rows: Sequence[int]) -> None:
        """Select whole rows (as a user would with the mouse)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row in rows:
            self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    # --- messages ------------------------------------------------------------------------------------

    def show_messages(self, messages: list[str]) -> None:
        """Show the rule problems of the rows (empty: none)."""
        self._messages = list(messages)
        self._show()

    def message_text(self) -> str:
        """The red text shown now."""
        return self.message.text() if not self.message.isHidden() else ""

    def show_note(self, text: str, *, warning: bool = False) -> None:
        """A line below the table (e.g. the sum against Gesamtkosten); orange when it is a warning."""
        self.note.setText(text)
        show_tone(self.note, Tone.WARNING if warning else None)
        self.note.setVisible(bool(text))

    def _show(self) -> None:
        lines = ([self._rejected] if self._rejected else []) + self._messages
        self.message.setText("\n".join(lines))
        self.message.setVisible(bool(lines))

    # --- slots ---------------------------------------------------------------------------------------

    def _on_add_button_clicked(self) -> None:
        self.add_row()

    def _on_remove_button_clicked(self) -> None:
        self.remove_selected()

    def _on_selection_changed(self, *_args: Any) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _on_model_rows_changed(self, *_args: Any) -> None:
        self._on_selection_changed()
        self.rows_changed.emit()

    def _on_model_data_changed(
        self, _top: QModelIndex, _bottom: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if roles and Qt.ItemDataRole.DisplayRole not in roles and EditRole not in roles:
            return  # only the marking of problems changed
        if self._rejected:
            self._rejected = ""
            self._show()
        self.rows_changed.emit()

    def _on_model_input_rejected(self, message: str) -> None:
        self._rejected = message
        self._show()
