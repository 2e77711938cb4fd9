"""The controls around the detail form: which measure it is and when it was last changed; the buttons
Speichern, Verwerfen and In den Papierkorb with a note while changes are not saved; the save key and
the question before deleting."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

from gera_desktop.domain.records import MassnahmeData
from gera_desktop.ui.colours import Tone, show_tone
from gera_desktop.ui.questions import ask_yes_no

UNSAVED_TEXT = "Nicht gespeicherte Änderungen"
NEW_TEXT = "Neue Maßnahme – noch nicht gespeichert. Felder mit * müssen ausgefüllt werden."


class DetailHeader(QWidget):
    """Nr. and title in large letters, below them who changed the measure last and when."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._record: MassnahmeData | None = None
        self._is_new = False
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        font = self.title.font()
        if font.pointSizeF() > 0:  # a font set in pixels has no point size
            font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.info = QLabel(self)
        self.info.setWordWrap(True)  # a narrow detail: on two lines
        show_tone(self.info, Tone.MUTED)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.info)

    def show_record(self, record: MassnahmeData, *, is_new: bool) -> None:
        """Name the measure shown."""
        self._record, self._is_new = record, is_new
        if is_new:
            self.title.setText("Neue Maßnahme")
            self.info.setText(NEW_TEXT)
            return
        from html import escape  # not before the first paint: ``html`` brings its entity table

        self.title.setText(f"{escape(record.nr)} · {escape(record.titel)}")
        self.info.setText(last_change_text(record))

    def show_dirty(self, dirty: bool) -> None:
        """Mark the title while there are unsaved changes."""
        text = self.title.text().removesuffix(" *")
        self.title.setText(f"{text} *" if dirty else text)

    def subject(self) -> str:
        """How questions name the measure: ``Die Maßnahme „P-01 – Titel“``."""
        if self._record is None or self._is_new:
            return "Die neue Maßnahme"
        return f"Die Maßnahme „{self._record.nr} – {self._record.titel}“"


def last_change_text(record: MassnahmeData) -> str:
    """``Zuletzt geändert am 30.06.2025 um 14:03 Uhr von A. Muster``."""
    if record.geaendert_am is None:
        return ""
    who = f" von {record.geaendert_von}" if record.geaendert_von else ""
    return f"Zuletzt geändert am {record.geaendert_am:%d.%m.%Y um %H:%M} Uhr{who}"


class DetailButtons(QWidget):
    """In den Papierkorb … | note on unsaved changes | Verwerfen | Speichern."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style = self.style()
        self.delete_button = QPushButton("In den Papierkorb …", self)
        self.delete_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_TrashIcon))
        self.delete_button.setToolTip("Die Maßnahme in den Papierkorb verschieben (dort wiederherstellbar)")
        self.unsaved = QLabel(UNSAVED_TEXT, self)
        show_tone(self.unsaved, Tone.WARNING, bold=True)
        self.unsaved.setWordWrap(True)  # a narrow detail: on two lines, never widening it
        self.unsaved.hide()
        self.discard_button = QPushButton("Verwerfen", self)
        self.discard_button.setToolTip("Die Änderungen verwerfen und die gespeicherten Werte zeigen")
        self.save_button = QPushButton("Speichern", self)
        self.save_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.save_button.setToolTip("Die Änderungen speichern (Strg+S)")
        self.save_button.setDefault(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.delete_button)
        layout.addStretch(1)
        layout.addWidget(self.unsaved)
        layout.addWidget(self.discard_button)
        layout.addWidget(self.save_button)

    def show_dirty(self, dirty: bool) -> None:
        """Say that there are unsaved changes."""
        self.unsaved.setVisible(dirty)


def is_save_key(event: QEvent) -> bool:
    if not isinstance(event, QKeyEvent):
        return False
    return QKeySequence(event.keyCombination()).matches(QKeySequence(QKeySequence.StandardKey.Save)) == (
        QKeySequence.SequenceMatch.ExactMatch
    )


def confirm_delete(parent: QWidget, record: MassnahmeData) -> bool:
    return ask_yes_no(
        parent,
        f"Die Maßnahme „{record.nr} – {record.titel}“ in den Papierkorb verschieben?\n\n"
        "Sie kann aus dem Papierkorb wiederhergestellt werden.",
    )
