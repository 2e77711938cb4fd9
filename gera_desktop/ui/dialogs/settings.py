"""The "Einstellungen" dialog: the programme settings stored in the database (Förderquote, Fördervolumen,
name of the Programmbüro, the deadlines Programmende, Stichtag für neue Maßnahmen and Verwendungsnachweis),
checked as typed, with the messages next to the fields. They are read and
stored through the operations of the application core, in the background."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.errors import FieldProblem, ValidationError
from gera_desktop.domain.settings import (
    DEADLINES,
    PROGRAMMENDE,
    STICHTAG,
    VERWENDUNGSNACHWEIS,
    ProgrammEinstellungen,
    settings_problems,
)
from gera_desktop.services.typed_input import InputError
from gera_desktop.ui.colours import Tone, show_tone
from gera_desktop.ui.dialogs.fitting import FittingScrollArea, fit_to_screen
from gera_desktop.ui.inputs import DateLineEdit, MoneyEdit, PercentEdit
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.workers import show_error

FOERDERQUOTE, FOERDERVOLUMEN, PROGRAMMBUERO = (f.name for f in fields(ProgrammEinstellungen)[:3])
"""The settings' fields; the problems of ``settings_problems`` name them."""

V = TypeVar("V")
NUMBER_WIDTH = 200
LEAST_WIDTH = 560
REQUIRED_QUOTE = "Förderquote: Pflichtfeld – bitte ausfüllen (Gera: 90 %)."
HINTS = {
    FOERDERQUOTE: "Gilt für jede Maßnahme, die keine eigene Förderquote hat.",
    FOERDERVOLUMEN: "Bundesmittel des Programms insgesamt; leer lassen, solange es nicht festgelegt ist.",
    PROGRAMMBUERO: "Wird im Programm als zuständige Stelle genannt (unter Hilfe ▸ Über).",
    PROGRAMMENDE: "Ende des Förderprogramms (Gera: 31.12.2026); erscheint unter Ansicht ▸ Fristen.",
    STICHTAG: "Letzter Tag, an dem neue Maßnahmen aufgenommen werden; leer: nicht festgelegt.",
    VERWENDUNGSNACHWEIS: (
        "Fällig nach dem Bewilligungszeitraum, spätestens 5 Jahre und 6 Monate nach der Zusage; "
        "bleibt in den Fristen, bis das Feld geleert wird."
    ),
}


class FieldRow(QWidget):
    """An input with a grey hint and a red message underneath."""

    def __init__(self, editor: QLineEdit, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        self.hint = QLabel(hint, self)
        show_tone(self.hint, Tone.MUTED)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.problem = QLabel(self)
        show_tone(self.problem, Tone.PROBLEM)
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)

    def show_problem(self, message: str) -> None:
        """The German message for this field (empty: none)."""
        self.problem.setText(message)
        self.problem.setVisible(bool(message))


class SettingsDialog(QDialog):
    """Edit the programme settings; "Speichern" stores them (``saved(settings)``) and closes."""

    saved = Signal(object)
    read = Signal()

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._shown = ProgrammEinstellungen()
        self.setWindowTitle(self.tr("Einstellungen"))
        self._build_ui()
        self._connect_signals()
        self.save_button.setEnabled(False)
        operations.read(lambda core, _steps: core.settings(), on_success=self._on_settings_read, parent=self)

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        fields = FittingScrollArea(self)  # scrolls with large text on a small screen
        layout.addWidget(fields, 1)
        intro = QLabel(
            self.tr(
                "Diese Einstellungen des Förderprogramms gelten für alle Maßnahmen und für alle, "
                "die mit dieser Datenbank arbeiten."
            ),
            self,
        )
        intro.setWordWrap(True)
        fields.body_layout.addWidget(intro)
        form = QFormLayout()
        self.rows = self._build_rows()
        form.addRow(self.tr("Förderquote"), self.rows[FOERDERQUOTE])
        form.addRow(self.tr("Fördervolumen"), self.rows[FOERDERVOLUMEN])
        form.addRow(self.tr("Programmbüro"), self.rows[PROGRAMMBUERO])
        for key, label in DEADLINES.items():
            form.addRow(self.tr(label), self.rows[key])
        for row in self.rows.values():
            caption = form.labelForField(row)
            if isinstance(caption, QLabel):
                caption.setBuddy(row.editor)  # Alt and the label's letter reach the input itself
        fields.body_layout.addLayout(form)
        fields.body_layout.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Speichern"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Abbrechen"))
        layout.addWidget(self.buttons)
        fit_to_screen(self, LEAST_WIDTH)

    def _build_rows(self) -> dict[str, FieldRow]:
        self.foerderquote = PercentEdit(self)
        self.foerdervolumen = MoneyEdit(self)
        self.foerdervolumen.setPlaceholderText(self.tr("nicht festgelegt"))
        for editor in (self.foerderquote, self.foerdervolumen):
            editor.setMaximumWidth(NUMBER_WIDTH)
        self.programmbuero = QLineEdit(self)
        self.deadlines = {key: DateLineEdit(self) for key in DEADLINES}
        for date_editor in self.deadlines.values():
            date_editor.setMaximumWidth(NUMBER_WIDTH)
        editors: dict[str, QLineEdit] = {
            FOERDERQUOTE: self.foerderquote,
            FOERDERVOLUMEN: self.foerdervolumen,
            PROGRAMMBUERO: self.programmbuero,
            **self.deadlines,
        }
        return {key: FieldRow(editor, self.tr(HINTS[key]), self) for key, editor in editors.items()}

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        for row in self.rows.values():
            row.editor.editingFinished.connect(self._on_editor_editing_finished)

    # --- values -------------------------------------------------------------------------------------

    def _on_settings_read(self, settings: ProgrammEinstellungen) -> None:
        self.show_settings(settings)
        self.save_button.setEnabled(True)
        self.read.emit()

    def show_settings(self, settings: ProgrammEinstellungen) -> None:
        """Put ``settings`` into the fields (those the dialog has no field for are kept as they are)."""
        self._shown = settings
        self.foerderquote.set_value(settings.foerderquote)
        self.foerdervolumen.set_value(settings.foerdervolumen)
        self.programmbuero.setText(settings.programmbuero)
        for key, editor in self.deadlines.items():
            editor.set_value(getattr(settings, key))

    def entered(self) -> tuple[ProgrammEinstellungen | None, list[FieldProblem]]:
        """The settings as typed, or the problems (German, by field) that keep them from being stored."""
        problems: list[FieldProblem] = []
        quote: Decimal | None = self._read(FOERDERQUOTE, self.foerderquote.value, problems)
        volumen: Decimal | None = self._read(FOERDERVOLUMEN, self.foerdervolumen.value, problems)
        # An empty Programmende stays None here: ``settings_problems`` names it as required.
        dates: dict[str, Any] = {
            key: self._read(key, editor.value, problems) for key, editor in self.deadlines.items()
        }
        if quote is None and not any(p.field == FOERDERQUOTE for p in problems):
            problems.append(FieldProblem(FOERDERQUOTE, self.tr(REQUIRED_QUOTE)))
        if problems:
            return None, problems
        assert quote is not None
        settings = replace(
            self._shown,
            foerderquote=quote,
            foerdervolumen=volumen,
            programmbuero=self.programmbuero.text().strip(),
            **dates,
        )
        problems = settings_problems(settings)
        return (None, problems) if problems else (settings, [])

    def _read(self, key: str, read: Callable[[], V], problems: list[FieldProblem]) -> V | None:
        """What ``read`` (an editor's ``value``) gives; ``None`` and a problem for text it cannot read."""
        try:
            value = read()
        except InputError as error:
            problems.append(FieldProblem(key, error.message))
            return None
        return value

    def _show_problems(self, problems: list[FieldProblem]) -> None:
        for key, row in self.rows.items():
            row.show_problem("\n".join(p.message for p in problems if p.field == key))

    # --- slots --------------------------------------------------------------------------------------

    @Slot()
    def _on_editor_editing_finished(self) -> None:
        self._show_problems(self.entered()[1])

    @Slot()
    def _on_buttons_accepted(self) -> None:
        settings, problems = self.entered()
        self._show_problems(problems)
        if settings is None:
            return
        self.save_button.setEnabled(False)
        self._operations.write(
            lambda core, _steps: core.save_settings(settings),
            on_success=self._on_saved,
            on_failed=self._on_save_failed,
            parent=self,
        )

    def _on_saved(self, settings: ProgrammEinstellungen) -> None:
        self.saved.emit(settings)
        self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self._show_problems(error.problems)
        else:
            show_error(self, error)
