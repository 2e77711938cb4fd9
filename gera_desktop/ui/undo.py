"""Undo and redo of what was saved, as ``QUndoCommand``s: changes, new measures, moves into and out of
the Papierkorb, and deleting for good (some measures, or emptying the Papierkorb).

A command is pushed after its action already happened (``push_done``), so its first ``redo()`` does
nothing. Undo and redo write as operations of the application core (``ui.operations``), in the
background; what they change reaches the views through the operations' ``changed`` signal. Undoing a
change writes the old values of the changed fields on top of the current version of the measure, so that
other people's changes to other fields stay. A move between the list and the Papierkorb checks that the
measure is where the step expects it and holds what it held (a move leaves the content as it is); a
purge keeps the full entries with their children and writes them back into the Papierkorb on undo.

A step that cannot be done (somebody else changed the same fields, restored, purged or took the Nr.
meanwhile) writes nothing: the user gets one message, and the command leaves the stack, so that the next
Strg+Z goes on with the step before instead of failing again.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.columns import MASSNAHMEN
from gera_desktop.domain.errors import ConflictError, GeraError
from gera_desktop.domain.records import CHILD_LISTS, MassnahmeData
from gera_desktop.services.changes import Outcome
from gera_desktop.services.core import Anwendung
from gera_desktop.services.labels import field_label
from gera_desktop.ui.main_parts import count_text
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.workers import show_error

if TYPE_CHECKING:
    from gera_desktop.services.massnahmen import TrashEntry

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


UNDONE = "rückgängig gemacht"
REDONE = "wiederholt"


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
    """A saved action on measures; subclasses say how to undo and redo it on the core."""

    def __init__(self, operations: Operations, text: str) -> None:
        super().__init__(text)
        self.operations = operations
        self.stack: QUndoStack | None = None
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self._attempt(self.redo_work, REDONE)

    def undo(self) -> None:
        self._attempt(self.undo_work, UNDONE)

    def undo_work(self, core: Anwendung) -> Outcome[Any]:
        """Write the state before the action (raise ``GeraError`` when that is not possible)."""
        raise NotImplementedError

    def redo_work(self, core: Anwendung) -> Outcome[Any]:
        """Write the state after the action again."""
        raise NotImplementedError

    def _attempt(self, work: Work, verb: str) -> None:
        self.operations.write(
            lambda core, _steps: work(core), on_failed=lambda error: self._refused(error, verb)
        )

    def _refused(self, error: BaseException, verb: str) -> None:
        """Say why the step could not be done, and take it off the stack (it would fail again)."""
        if isinstance(error, GeraError):
            warn(refusal(self.text(), verb, error))
        else:
            show_error(None, error)
        self._drop()

    def _drop(self) -> None:
        """Remove this command from the stack; at the stack's index at once, else when next reached
        (``QUndoStack`` removes an obsolete command instead of running it)."""
        self.setObsolete(True)
        stack = self.stack
        if stack is None:
            return
        index = stack.index()
        if index < stack.count() and stack.command(index) is self:
            stack.redo()
        elif index > 0 and stack.command(index - 1) is self:
            stack.undo()


class SaveCommand(MeasureCommand):
    """A saved change of a measure: ``before`` is the version it was saved on, ``after`` the result."""

    def __init__(self, operations: Operations, before: MassnahmeData, after: MassnahmeData) -> None:
        super().__init__(operations, f"Änderung an {after.nr}")
        self.before = before
        self.after = after
        self.keys = changed_keys(before, after)

    def undo_work(self, core: Anwendung) -> Outcome[Any]:
        return self._write(core, self.after, self.before, UNDONE)

    def redo_work(self, core: Anwendung) -> Outcome[Any]:
        return self._write(core, self.before, self.after, REDONE)

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


class TrashCommand(MeasureCommand):
    """A move of one measure between the list and the Papierkorb. Such a move leaves its content as it
    is, so ``record`` is what the measure holds on either side; a step is refused when the measure
    holds something else by then (somebody changed it) or is not where the step expects it."""

    def __init__(self, operations: Operations, text: str, record: MassnahmeData) -> None:
        super().__init__(operations, text)
        self.record = record

    def _to_trash(self, core: Anwendung, verb: str) -> Outcome[Any]:
        current = core.get(self.record.nr)
        self._check(current, verb)
        return core.delete(current.nr, current.version)

    def _from_trash(self, core: Anwendung, verb: str) -> Outcome[Any]:
        entry = in_trash(core, self.record.nr)
        self._check(entry.massnahme, verb)
        return core.restore(entry.nr, entry.massnahme.version)

    def _check(self, current: MassnahmeData, verb: str) -> None:
        clashes = changed_keys(self.record, current)
        if clashes:
            raise UndoConflictError(_conflict_message(current, clashes, f"„{self.text()}“", verb))


class CreateCommand(TrashCommand):
    """A new measure: undo moves it into the Papierkorb (unless it was changed since), redo brings it
    back from there."""

    def __init__(self, operations: Operations, record: MassnahmeData) -> None:
        super().__init__(operations, f"Neue Maßnahme {record.nr}", record)

    def undo_work(self, core: Anwendung) -> Outcome[Any]:
        return self._to_trash(core, UNDONE)

    def redo_work(self, core: Anwendung) -> Outcome[Any]:
        return self._from_trash(core, REDONE)


class DeleteCommand(TrashCommand):
    """A measure moved into the Papierkorb: undo restores it, redo moves it there again."""

    def __init__(self, operations: Operations, record: MassnahmeData) -> None:
        super().__init__(operations, f"Löschen von {record.nr}", record)

    def undo_work(self, core: Anwendung) -> Outcome[Any]:
        return self._from_trash(core, UNDONE)

    def redo_work(self, core: Anwendung) -> Outcome[Any]:
        return self._to_trash(core, REDONE)


class RestoreCommand(TrashCommand):
    """A measure brought back from the Papierkorb: undo moves it into the Papierkorb again, redo
    restores it again."""

    def __init__(self, operations: Operations, record: MassnahmeData) -> None:
        super().__init__(operations, f"Wiederherstellen von {record.nr}", record)

    def undo_work(self, core: Anwendung) -> Outcome[Any]:
        return self._to_trash(core, UNDONE)

    def redo_work(self, core: Anwendung) -> Outcome[Any]:
        return self._from_trash(core, REDONE)


class PurgeCommand(MeasureCommand):
    """Measures deleted from the Papierkorb for good (some, or all when it was emptied). The command
    keeps their full entries with the children: undo writes them back into the Papierkorb unchanged,
    redo deletes exactly these again (each still at the version undo gave it)."""

    def __init__(self, operations: Operations, entries: Sequence[TrashEntry], text: str = "") -> None:
        super().__init__(operations, text or purge_text(entries))
        self.entries = list(entries)

    def undo_work(self, core: Anwendung) -> Outcome[Any]:
        outcome = core.bring_back(self.entries)
        self.entries = outcome.value
        return outcome

    def redo_work(self, core: Anwendung) -> Outcome[Any]:
        found = [in_trash(core, entry.nr) for entry in self.entries]
        for entry, current in zip(self.entries, found, strict=True):
            clashes = changed_keys(entry.massnahme, current.massnahme)
            if clashes:
                subject = f"„{self.text()}“"
                raise UndoConflictError(_conflict_message(current.massnahme, clashes, subject, REDONE))
        outcome = core.purge(found)
        self.entries = outcome.value
        return outcome


EMPTIED = "Leeren des Papierkorbs"


def purge_text(entries: Sequence[TrashEntry]) -> str:
    """The stack's name of a purge: ``Endgültiges Löschen von P-01`` or ``… von 3 Maßnahmen``."""
    if len(entries) == 1:
        return f"Endgültiges Löschen von {entries[0].nr}"
    return f"Endgültiges Löschen von {count_text(len(entries))}"


def in_trash(core: Anwendung, nr: str) -> TrashEntry:
    """The entry of the measure ``nr`` in the Papierkorb (``GeraError`` when it is not there)."""
    entry = next((e for e in core.trash() if e.nr == nr), None)
    if entry is None:
        raise GeraError(f"Die Maßnahme „{nr}“ liegt nicht (mehr) im Papierkorb.")
    return entry


def refusal(text: str, verb: str, error: GeraError) -> str:
    """The message of a step that cannot be undone or redone: why, and that it left the stack."""
    if isinstance(error, UndoConflictError):
        reason = error.message
    elif isinstance(error, ConflictError):
        who = error.changed_by or "jemand anderes"
        when = error.changed_at.strftime(" am %d.%m.%Y um %H:%M Uhr") if error.changed_at else ""
        reason = f"„{text}“ kann nicht {verb} werden: {who} hat die Maßnahme {error.nr}{when} geändert."
    else:
        reason = f"„{text}“ kann nicht {verb} werden: {error.message}"
    where = "Rückgängig" if verb == UNDONE else "Wiederholen"
    return f"{reason}\n\nDer Schritt wurde aus „{where}“ entfernt."


def _conflict_message(current: MassnahmeData, clashes: list[str], subject: str, verb: str) -> str:
    who = current.geaendert_von or "jemand anderes"
    when = current.geaendert_am.strftime(" am %d.%m.%Y um %H:%M Uhr") if current.geaendert_am else ""
    fields = ", ".join(key_label(key) for key in clashes)
    return (
        f"{subject} kann nicht {verb} werden: {who} hat{when} inzwischen dieselben Angaben geändert "
        f"({fields}). Bitte prüfen Sie die Maßnahme und ändern Sie sie bei Bedarf von Hand."
    )


__all__ = [
    "EMPTIED",
    "CreateCommand",
    "DeleteCommand",
    "MeasureCommand",
    "PurgeCommand",
    "RestoreCommand",
    "SaveCommand",
    "UndoConflictError",
    "changed_keys",
    "push_done",
]
