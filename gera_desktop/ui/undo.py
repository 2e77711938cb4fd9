"""Undo and redo of what was saved: changes, new measures and deletions, as ``QUndoCommand``s.

A command is pushed after its action already happened (``push_done``), so its first ``redo()`` does
nothing. Undo and redo write as operations of the application core (``ui.operations``), in the
background; what they change reaches the views through the operations' ``changed`` signal. Undoing a
change writes the old values of the changed fields on top of the current version of the measure, so that
other people's changes to other fields stay; if somebody else changed one of the same fields meanwhile,
nothing is written, the user gets a message, and the command goes back to where it was on the stack.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.columns import MASSNAHMEN
from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.records import CHILD_LISTS, MassnahmeData
from gera_desktop.services.changes import Outcome
from gera_desktop.services.core import Anwendung
from gera_desktop.services.labels import field_label
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.workers import show_error

CONTENT_KEYS = (*(c.key for c in MASSNAHMEN if c.key != "stand"), "zusatzspalten", *CHILD_LISTS)
"""What a user edits, in the column spec's order: every field except Stand (set by the program), the
extra columns and the child lists."""
LIST_LABELS = {
    "zusatzspalten": "Zusatzspalten",
    "meilensteine": "Meilensteine",
    "finanzen": "Jahresscheiben",
    "beteiligungen": "Beteiligung",
    "mittelabrufe": "Mittelabrufe",
    "beschluesse": "Beschlüsse",
}


class UndoConflictError(GeraError):
    """Somebody else changed the same fields since; undoing would overwrite their work."""


def changed_keys(before: MassnahmeData, after: MassnahmeData) -> list[str]:
    """The content keys whose values differ between two states of a measure."""
    return [key for key in CONTENT_KEYS if getattr(before, key) != getattr(after, key)]


def key_label(key: str) -> str:
    """The German name of a content key: ``Gesamtkosten``, ``Meilensteine``."""
    return LIST_LABELS.get(key) or field_label(key)


def warn(message: str) -> None:
    """Tell the user why an undo or redo did not happen."""
    QMessageBox.warning(QApplication.activeWindow(), APP_TITLE, message)


def push_done(stack: QUndoStack, command: MeasureCommand) -> None:
    """Put a command for an action that already happened on the stack (its first redo is skipped)."""
    command.stack = stack
    stack.push(command)


Work = Callable[[Anwendung], Outcome[Any]]


class MeasureCommand(QUndoCommand):
    """A saved action on one measure; subclasses say how to undo and redo it on the core."""

    def __init__(self, operations: Operations, text: str) -> None:
        super().__init__(text)
        self.operations = operations
        self.stack: QUndoStack | None = None
        self._already_done = True
        self._skip_next = False

    def redo(self) -> None:
        if self._already_done or self._skip_next:
            self._already_done = self._skip_next = False
            return
        self._attempt(self.redo_work, back=self._back_to_undo)

    def undo(self) -> None:
        if self._skip_next:
            self._skip_next = False
            return
        self._attempt(self.undo_work, back=self._back_to_redo)

    def undo_work(self, core: Anwendung) -> Outcome[Any]:
        """Write the state before the action (raise ``GeraError`` when that is not possible)."""
        raise NotImplementedError

    def redo_work(self, core: Anwendung) -> Outcome[Any]:
        """Write the state after the action again."""
        raise NotImplementedError

    def _attempt(self, work: Work, back: Callable[[], None]) -> None:
        self.operations.write(
            lambda core, _steps: work(core), on_failed=lambda error: self._refused(error, back)
        )

    @staticmethod
    def _refused(error: BaseException, back: Callable[[], None]) -> None:
        if not isinstance(error, GeraError):
            show_error(None, error)
            return
        warn(error.message)
        back()

    def _back_to_redo(self) -> None:
        """After a failed undo the stack is below this command: move it back without writing."""
        stack = self.stack
        if stack is not None and stack.index() < stack.count() and stack.command(stack.index()) is self:
            self._skip_next = True
            stack.redo()

    def _back_to_undo(self) -> None:
        """After a failed redo the stack is above this command: move it back without writing."""
        stack = self.stack
        if stack is not None and stack.index() > 0 and stack.command(stack.index() - 1) is self:
            self._skip_next = True
            stack.undo()


class SaveCommand(MeasureCommand):
    """A saved change of a measure: ``before`` is the version it was saved on, ``after`` the result."""

    def __init__(self, operations: Operations, before: MassnahmeData, after: MassnahmeData) -> None:
        super().__init__(operations, f"Änderung an {after.nr}")
        self.before = before
        self.after = after
        self.keys = changed_keys(before, after)

    def undo_work(self, core: Anwendung) -> Outcome[Any]:
        return self._write(core, self.after, self.before, "rückgängig gemacht")

    def redo_work(self, core: Anwendung) -> Outcome[Any]:
        return self._write(core, self.before, self.after, "wiederholt")

    def _write(
        self, core: Anwendung, expected: MassnahmeData, wanted: MassnahmeData, verb: str
    ) -> Outcome[Any]:
        current = core.get(expected.nr)
        clashes = [key for key in self.keys if getattr(current, key) != getattr(expected, key)]
        if clashes:
            raise UndoConflictError(
                _conflict_message(current, clashes, f"Die Änderung an {expected.nr}", verb)
            )
        values = {key: copy.deepcopy(getattr(wanted, key)) for key in self.keys}
        return core.update(replace(current, **values))


class CreateCommand(MeasureCommand):
    """A new measure: undo moves it into the Papierkorb, redo brings it back from there."""

    def __init__(self, operations: Operations, record: MassnahmeData) -> None:
        super().__init__(operations, f"Neue Maßnahme {record.nr}")
        self.record = record

    def undo_work(self, core: Anwendung) -> Outcome[Any]:
        current = core.get(self.record.nr)
        clashes = changed_keys(self.record, current)
        if clashes:
            subject = f"Das Anlegen von {self.record.nr}"
            raise UndoConflictError(_conflict_message(current, clashes, subject, "rückgängig gemacht"))
        return core.delete(current.nr, current.version)

    def redo_work(self, core: Anwendung) -> Outcome[Any]:
        return core.restore(self.record.nr)


class DeleteCommand(MeasureCommand):
    """A measure moved into the Papierkorb: undo restores it, redo moves it there again."""

    def __init__(self, operations: Operations, record: MassnahmeData) -> None:
        super().__init__(operations, f"Löschen von {record.nr}")
        self.record = record

    def undo_work(self, core: Anwendung) -> Outcome[Any]:
        return core.restore(self.record.nr)

    def redo_work(self, core: Anwendung) -> Outcome[Any]:
        return core.delete(self.record.nr, None)


def _conflict_message(current: MassnahmeData, clashes: list[str], subject: str, verb: str) -> str:
    who = current.geaendert_von or "jemand anderes"
    when = current.geaendert_am.strftime(" am %d.%m.%Y um %H:%M Uhr") if current.geaendert_am else ""
    fields = ", ".join(key_label(key) for key in clashes)
    return (
        f"{subject} kann nicht {verb} werden: {who} hat{when} inzwischen dieselben Angaben geändert "
        f"({fields}). Bitte prüfen Sie die Maßnahme und ändern Sie sie bei Bedarf von Hand."
    )


__all__ = [
    "CreateCommand",
    "DeleteCommand",
    "MeasureCommand",
    "SaveCommand",
    "UndoConflictError",
    "changed_keys",
    "push_done",
]
