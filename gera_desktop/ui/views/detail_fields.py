"""One field of the detail form: its editor, its label from the column spec, and a red message below.

Every field reads its value from the editor (``value()``, ``InputError`` for text that is not a value
of its kind), shows a value (``set_value``), says when it changed (``changed``) and shows a German
message (``show_message``). ``make_field`` picks the editor by the column's kind.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.columns import Column, Kind
from gera_desktop.domain.enums import Ampel
from gera_desktop.domain.formatting import format_date
from gera_desktop.services.labels import column_label
from gera_desktop.ui.ampel import ampel_icon
from gera_desktop.ui.colours import Tone, show_tone
from gera_desktop.ui.inputs import DateEdit, MoneyEdit, PercentEdit

NO_CHOICE = "– keine Angabe –"
PLEASE_CHOOSE = "– bitte wählen –"
LONG_TEXT_KEYS = ("kurzbeschreibung", "bemerkung")
READ_ONLY_KEYS = ("stand",)
CHECK_TEXTS = {"beteiligung": "ja, Bürgerbeteiligung vorgesehen"}
WIDTHS = {Kind.MONEY: 200, Kind.PERCENT: 200, Kind.DATE: 150}
KEY_WIDTHS = {"nr": 170, "telefon": 220, "produkt": 220, "investitionsnummer": 220, "drucksache": 320}
TEXT_WIDTH = 560


class Field(QObject):
    """One measure field on the form."""

    changed = Signal()

    def __init__(self, column: Column, editor: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.column = column
        self.key = column.key
        self.editor = editor
        self.label = QLabel(field_label_text(column), parent)
        self.label.setBuddy(editor)
        self.message = QLabel(parent)
        self.message.setWordWrap(True)
        show_tone(self.message, Tone.PROBLEM)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.container, self._row = _container(editor, self.message, parent)
        self._note: QLabel | None = None
        self.editor.setAccessibleName(column_label(column))

    def value(self) -> Any:
        """The typed value (``InputError`` when the text is no value of the field's kind)."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show a value (``None``: empty)."""
        raise NotImplementedError

    def state(self) -> Any:
        """What the field holds now, to tell whether the user changed something."""
        try:
            return self.value()
        except ValueError:
            return ("ungültig", self._raw_text())

    def _raw_text(self) -> str:
        return ""

    def show_message(self, text: str | None) -> None:
        """Show a German message below the field (``None`` or empty: hide it)."""
        self.message.setText(text or "")
        self.message.setVisible(bool(text))
        self.editor.setToolTip(text or "")

    def add_button(self, button: QPushButton) -> None:
        """Put a button right of the editor ("Neu berechnen")."""
        self._row.insertWidget(1, button)

    def message_text(self) -> str:
        """The message shown now (empty when none)."""
        return self.message.text() if not self.message.isHidden() else ""

    def show_note(self, text: str) -> None:
        """A grey line below the field saying where its value comes from (empty: none)."""
        if self._note is None:
            if not text:
                return
            self._note = QLabel(self.container)
            self._note.setWordWrap(True)
            show_tone(self._note, Tone.MUTED)
            layout = self.container.layout()
            assert layout is not None
            layout.addWidget(self._note)
        self._note.setText(text)
        self._note.setVisible(bool(text))

    def note_text(self) -> str:
        """The grey note shown now (empty when none)."""
        return self._note.text() if self._note is not None and not self._note.isHidden() else ""

    def set_placeholder(self, text: str) -> None:
        """Grey text in an empty field (computed defaults); only fields that have such a text use it."""

    def placeholder(self) -> str:
        """The grey text shown while the field is empty."""
        return ""


def field_label_text(column: Column) -> str:
    """The label on the form: the header without its unit, required fields marked with ``*``."""
    return f"{column_label(column)}{' *' if column.required else ''}:"


def _container(editor: QWidget, message: QLabel, parent: QWidget) -> tuple[QWidget, QHBoxLayout]:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(editor, 1)  # grows up to its maximum width; the rest of the row stays empty
    row.addStretch(0)
    layout.addLayout(row)
    layout.addWidget(message)
    return box, row


class TextField(Field):
    """One line of text."""

    def __init__(self, column: Column, parent: QWidget) -> None:
        edit = QLineEdit(parent)
        if column.max_length:
            edit.setMaxLength(column.max_length)
        if column.key in KEY_WIDTHS:
            edit.setFixedWidth(KEY_WIDTHS[column.key])
        else:
            edit.setMaximumWidth(TEXT_WIDTH)
        super().__init__(column, edit, parent)
        edit.textChanged.connect(self.changed)
        self.edit = edit

    def value(self) -> str | None:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))
        self.edit.setCursorPosition(0)  # long titles show their beginning, not their end


class LongTextField(Field):
    """Several lines of text (Kurzbeschreibung, Bemerkungen)."""

    def __init__(self, column: Column, parent: QWidget) -> None:
        edit = QPlainTextEdit(parent)
        edit.setTabChangesFocus(True)
        edit.setMaximumWidth(TEXT_WIDTH)
        edit.setFixedHeight(QFontMetrics(edit.font()).lineSpacing() * 4 + 14)
        super().__init__(column, edit, parent)
        edit.textChanged.connect(self.changed)
        self.edit = edit

    def value(self) -> str | None:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class ChoiceField(Field):
    """One of the values of an enum; optional ones may stay without a choice."""

    def __init__(self, column: Column, parent: QWidget) -> None:
        assert column.choices is not None
        combo = QComboBox(parent)
        combo.addItem(PLEASE_CHOOSE if column.required else NO_CHOICE, None)
        for member in column.choices:
            combo.addItem(str(member.value), member)
            if isinstance(member, Ampel):
                combo.setItemIcon(combo.count() - 1, ampel_icon(member))
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        super().__init__(column, combo, parent)
        combo.currentIndexChanged.connect(self.changed)
        self.combo = combo

    def value(self) -> StrEnum | None:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))


class ClusterField(Field):
    """The Cluster: one of the known names picked from a list, or a new name typed (created on save)."""

    def __init__(self, column: Column, parent: QWidget) -> None:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setMaximumWidth(TEXT_WIDTH)
        line = combo.lineEdit()
        assert line is not None
        if column.max_length:
            line.setMaxLength(column.max_length)
        line.setPlaceholderText("kein Cluster – Namen wählen oder neu eingeben")
        super().__init__(column, combo, parent)
        combo.editTextChanged.connect(self.changed)
        self.combo = combo

    def set_choices(self, names: list[str]) -> None:
        """Offer these Clusters (the text shown stays as it is)."""
        text = self.combo.currentText()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems(names)
        self.combo.setEditText(text)
        self.combo.blockSignals(False)

    def value(self) -> str | None:
        return self.combo.currentText()

    def set_value(self, value: Any) -> None:
        self.combo.setEditText("" if value is None else str(value))


class CheckField(Field):
    """ja/nein as a check box."""

    def __init__(self, column: Column, parent: QWidget) -> None:
        box = QCheckBox(CHECK_TEXTS.get(column.key, "ja"), parent)
        super().__init__(column, box, parent)
        box.toggled.connect(self.changed)
        self.box = box

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class _ParsedField(Field):
    """A field whose editor parses German text (amounts, percentages, dates)."""

    def __init__(self, column: Column, edit: Any, parent: QWidget) -> None:
        edit.setFixedWidth(WIDTHS[column.kind])
        super().__init__(column, edit, parent)
        edit.textChanged.connect(self.changed)
        self.edit = edit

    def value(self) -> Any:
        return self.edit.value()

    def set_value(self, value: Any) -> None:
        self.edit.set_value(value)

    def _raw_text(self) -> str:
        return str(self.edit.text())

    def set_placeholder(self, text: str) -> None:
        self.edit.setPlaceholderText(text)

    def placeholder(self) -> str:
        return str(self.edit.placeholderText())


class MoneyField(_ParsedField):
    """An amount in euro; an empty field may show its computed default in grey."""

    def __init__(self, column: Column, parent: QWidget) -> None:
        super().__init__(column, MoneyEdit(parent), parent)


class PercentField(_ParsedField):
    """A percentage 0–100; an empty field may show the programme's rate in grey."""

    def __init__(self, column: Column, parent: QWidget) -> None:
        super().__init__(column, PercentEdit(parent), parent)


class DateField(_ParsedField):
    """A date, typed or picked from the calendar."""

    def __init__(self, column: Column, parent: QWidget) -> None:
        super().__init__(column, DateEdit(parent), parent)


class ReadOnlyDateField(Field):
    """A date the program sets (Stand): shown, never edited."""

    def __init__(self, column: Column, parent: QWidget) -> None:
        label = QLabel(parent)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        super().__init__(column, label, parent)
        self.label.setText(f"{column_label(column)}:")
        self.shown = label
        self._value: date | None = None

    def value(self) -> date | None:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = value
        self.shown.setText(format_date(value) or "–")
        self.shown.setToolTip("Wird beim Speichern automatisch auf das heutige Datum gesetzt.")

    def state(self) -> Any:
        return None


FieldFactory = Callable[[Column, QWidget], Field]
KIND_FIELDS: dict[Kind, FieldFactory] = {
    Kind.TEXT: TextField,
    Kind.MONEY: MoneyField,
    Kind.PERCENT: PercentField,
    Kind.DATE: DateField,
    Kind.ENUM: ChoiceField,
    Kind.BOOL: CheckField,
}


def make_field(column: Column, parent: QWidget) -> Field:
    """The field that edits one column of the measure."""
    if column.key in READ_ONLY_KEYS:
        return ReadOnlyDateField(column, parent)
    if column.key in LONG_TEXT_KEYS:
        return LongTextField(column, parent)
    if column.key == "cluster":
        return ClusterField(column, parent)
    return KIND_FIELDS[column.kind](column, parent)
