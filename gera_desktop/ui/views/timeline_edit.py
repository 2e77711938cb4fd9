"""Saving a date dragged in the Zeitplan like a form edit: through the application core, on the version
the Zeitplan showed (someone else's change meanwhile is refused), checked by the same rules as the form,
and put on the undo stack as one step. A refused change says why in German and the bar snaps back."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from gera_desktop.domain.errors import ConflictError, GeraError
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.rules import meilenstein_key
from gera_desktop.services.changes import Outcome
from gera_desktop.services.core import Anwendung
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.views.timeline_drag import DateChange, Part
from gera_desktop.ui.workers import show_error

TITLE = "Zeitplan"


class DateEditing(QObject):
    """Saves the ``DateChange`` of each finished drag: ``saved(record)`` with the measure as stored now,
    or ``refused(None)`` (nothing changed; after a German message where it was refused)."""

    saved = Signal(object)
    refused = Signal(object)

    def __init__(self, operations: Operations, undo_stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(parent)
        self._operations = operations
        self._undo_stack = undo_stack
        self._widget = parent

    def finish(self, change: DateChange | None) -> None:
        """A drag ended: save what it changed (``None``: it changed nothing)."""
        if change is None:
            self.refused.emit(None)
        else:
            self.save(change)

    def save(self, change: DateChange) -> None:
        """Write the new dates in the background; then one undo step, or the message and the old dates."""
        self._operations.write(
            lambda core, _steps: _write(core, change),
            on_success=lambda done: self._on_saved(change, *done),
            on_failed=lambda error: self._on_failed(change, error),
            parent=self._widget,
        )

    def _on_saved(self, change: DateChange, before: MassnahmeData, after: MassnahmeData) -> None:
        from gera_desktop.ui.undo import SaveCommand, push_done  # the column spec: not for the start

        command = SaveCommand(self._operations, before, after)
        command.setText(change.title)
        push_done(self._undo_stack, command)
        self.saved.emit(after)

    def _on_failed(self, change: DateChange, error: BaseException) -> None:
        self.refused.emit(None)
        if isinstance(error, GeraError):
            text = f"{change.title}: nichts geändert.\n\n{error.message}"
            QMessageBox.warning(self._widget, self._widget.tr(TITLE), text)
        else:
            show_error(self._widget, error)


def _write(core: Anwendung, change: DateChange) -> Outcome[tuple[MassnahmeData, MassnahmeData]]:
    """On the worker thread: the dragged dates onto the measure as stored, if it is still the version
    shown; the stored measure before and after."""
    current = core.get(change.before.nr)
    if current.version != change.before.version:
        raise ConflictError(current.nr, current.geaendert_von, current.geaendert_am)
    outcome = core.update(_with_dates(current, change))
    return Outcome((current, outcome.value), outcome.changes)


def _with_dates(current: MassnahmeData, change: DateChange) -> MassnahmeData:
    """``current`` with the dates the drag changed (nothing else: the Zeitplan holds no full record)."""
    after = change.after
    if change.part is not Part.TERMIN:
        return replace(current, beginn=after.beginn, ende=after.ende)
    dragged = after.meilensteine[change.milestone]
    key = meilenstein_key(dragged)
    if all(meilenstein_key(m) != key for m in current.meilensteine):
        raise GeraError(f"Der Meilenstein „{dragged.bezeichnung}“ von {current.nr} ist nicht mehr vorhanden.")
    milestones = [
        replace(m, termin=dragged.termin) if meilenstein_key(m) == key else m for m in current.meilensteine
    ]
    return replace(current, meilensteine=milestones)
