"""„Stand einfrieren“: a unique name and an optional remark, then every measure outside the Papierkorb is
frozen in the background. A name that is empty, too long or taken is refused under the field in German
before anything is written; a name taken meanwhile by someone else is refused the same way."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.errors import DuplicateError, FieldProblem, ValidationError
from gera_desktop.domain.stand import StandInfo, bemerkung_problems, clean_name, name_key, name_problems
from gera_desktop.ui.colours import Tone, show_tone
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.workers import show_error

INTRO = (
    "Ein Stand friert alle Maßnahmen außerhalb des Papierkorbs mit Meilensteinen, Jahresscheiben, "
    "Beteiligungen, berechneten Beträgen und den Programmeinstellungen ein. Spätere Änderungen an den "
    "Maßnahmen ändern ihn nicht."
)


def taken_problem(name: str, taken: Iterable[str]) -> list[FieldProblem]:
    """The problem of a name that another Stand has already (ignoring case and spacing)."""
    for other in taken:
        if name_key(other) == name_key(name):
            return [
                FieldProblem(
                    "name", f"Es gibt schon einen Stand „{other}“. Bitte einen anderen Namen wählen."
                )
            ]
    return []


class FreezeDialog(QDialog):
    """Name (required, unique) and Bemerkung of a new Stand; ``frozen(StandInfo)`` once it is stored."""

    frozen = Signal(object)

    def __init__(
        self,
        operations: Operations,
        taken: Iterable[str],
        parent: QWidget | None = None,
        proposal: str = "",
    ) -> None:
        super().__init__(parent)
        self._operations = operations
        self._taken = list(taken)
        self._running = False
        self.setWindowTitle("Stand einfrieren")
        self._build_ui(proposal)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def _build_ui(self, proposal: str) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(proposal, self)
        self.name.setPlaceholderText("z. B. Vorlage Stadtrat 14.12.2021")
        self.name.setAccessibleName("Name des Stands")
        self.problem = QLabel(self)
        show_tone(self.problem, Tone.PROBLEM)
        self.problem.setWordWrap(True)
        self.problem.hide()
        form.addRow("Name *", self.name)
        form.addRow("", self.problem)
        self.bemerkung = QPlainTextEdit(self)
        self.bemerkung.setTabChangesFocus(True)
        self.bemerkung.setFixedHeight(self.fontMetrics().height() * 5)
        form.addRow("Bemerkung", self.bemerkung)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.addButton("Einfrieren", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def problems(self) -> list[FieldProblem]:
        """What keeps the name and remark from being stored (checked before anything is written)."""
        name, note = self.name.text(), self.bemerkung.toPlainText()
        return name_problems(name) + bemerkung_problems(note) + taken_problem(clean_name(name), self._taken)

    def show_problem(self, message: str) -> None:
        """A German message under the name (empty: none)."""
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def _on_buttons_accepted(self) -> None:
        if self._running:
            return
        problems = self.problems()
        if problems:
            self.show_problem("\n".join(p.message for p in problems))
            self.name.setFocus()
            return
        self.show_problem("")
        self._set_running(True)
        name, note = self.name.text(), self.bemerkung.toPlainText()
        self._operations.write(
            lambda core, _steps: core.freeze_stand(name, note),
            on_success=self._on_frozen,
            on_failed=self._on_failed,
            label="Der Stand wird eingefroren …",
            parent=self,
        )

    def _on_frozen(self, info: StandInfo) -> None:
        self._set_running(False)
        self.frozen.emit(info)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._set_running(False)
        if isinstance(error, ValidationError | DuplicateError):
            problems = error.problems if isinstance(error, ValidationError) else []
            self.show_problem("\n".join(p.message for p in problems) or error.message)
            return
        show_error(self, error)

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.ok_button.setEnabled(not running)

    def reject(self) -> None:
        """Closing waits while the Stand is being frozen."""
        if not self._running:
            super().reject()
