"""Writing the detail's measure in the background: a new one or a change, its undo command, a conflict
with someone else's version (``ConflictDialog``: choose per field, then save on top of theirs), and
moving it into the Papierkorb."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.errors import ConflictError, DuplicateError, FieldProblem, GeraError, ValidationError
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.services.changes import Outcome
from gera_desktop.services.core import Anwendung
from gera_desktop.ui.operations import Operations, Steps, Then
from gera_desktop.ui.workers import show_error

if TYPE_CHECKING:
    from gera_desktop.domain.errors import FieldProblem
    from gera_desktop.services.audit import AenderungData
    from gera_desktop.services.core_results import OpenedMeasure
    from gera_desktop.services.massnahmen import TrashEntry
    from gera_desktop.ui.views.detail_form import DetailForm


class SavingView(Protocol):
    """What saving needs of the detail view (``views.detail.DetailView``)."""

    operations: Operations
    undo_stack: QUndoStack

    @property
    def form(self) -> DetailForm: ...
    def check(self, *, show_all: bool = False) -> list[FieldProblem]: ...
    def current(self) -> tuple[MassnahmeData, list[FieldProblem]]: ...
    def current_record(self) -> MassnahmeData | None: ...
    def show_measure(self, record: MassnahmeData, history: list[AenderungData]) -> None: ...
    def stored(self, record: MassnahmeData, history: list[AenderungData]) -> None: ...
    def edit_to(self, record: MassnahmeData, history: list[AenderungData]) -> None: ...
    def touch(self, keys: list[str]) -> None: ...
    def save(self, then: Then = None) -> bool: ...
    def update_buttons(self) -> None: ...
    def deleted_now(self, record: MassnahmeData) -> None: ...


class Saving:
    """The saves and deletions of one detail view; ``busy`` while a save runs."""

    def __init__(self, view: SavingView, widget: QWidget) -> None:
        self._view = view
        self._widget = widget
        self.busy = False

    def save(self, loaded: MassnahmeData, is_new: bool, then: Then) -> bool:
        """Check the form; store it unless it has problems (shown at their fields) or a save runs already.
        True: started."""
        if self.busy:
            return False
        view = self._view
        problems = view.check(show_all=True)
        if problems:
            view.form.go_to(problems[0].field)
            return False
        record, _problems = view.current()
        self._store(record, loaded, is_new, then)
        return True

    def _store(self, record: MassnahmeData, before: MassnahmeData, is_new: bool, then: Then) -> None:
        def work(core: Anwendung, _steps: Steps) -> Outcome[OpenedMeasure]:
            outcome = core.create(record) if is_new else core.update(record)
            return Outcome(core.measure(outcome.value.nr), outcome.changes)

        self._set_busy(True)
        self._view.operations.write(
            work,
            on_success=lambda opened: self._stored(opened, before, is_new, then),
            on_failed=lambda error: self._failed(error, record, then),
            parent=self._widget,
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._view.update_buttons()

    def _stored(self, opened: OpenedMeasure, before: MassnahmeData, is_new: bool, then: Then) -> None:
        from gera_desktop.ui.undo import CreateCommand, SaveCommand, push_done  # not needed at the start

        self._set_busy(False)
        view, record = self._view, opened.record
        command = (
            CreateCommand(view.operations, record) if is_new else SaveCommand(view.operations, before, record)
        )
        push_done(view.undo_stack, command)
        view.stored(record, opened.history)
        if then is not None:
            then()

    def _failed(self, error: BaseException, mine: MassnahmeData, then: Then) -> None:
        self._set_busy(False)
        if isinstance(error, ConflictError):
            self._resolve_conflict(mine, then)
        elif isinstance(error, GeraError):
            self.refused(error)
        else:
            show_error(self._widget, error)

    def refused(self, error: GeraError) -> None:
        """Show why the core refused: at the fields when it says which, else in a message box."""
        form = self._view.form
        if isinstance(error, ValidationError):
            form.show_problems(error.problems)
            form.go_to(error.problems[0].field)
        elif isinstance(error, DuplicateError):
            form.show_problems([FieldProblem("nr", error.message)])
            form.go_to("nr")
        else:
            QMessageBox.warning(self._widget, APP_TITLE, error.message)

    def delete(self, record: MassnahmeData) -> None:
        """Move the measure into the Papierkorb (a stale version is refused with who changed it)."""
        self._view.operations.write(
            lambda core, _steps: core.delete(record.nr, record.version),
            on_success=lambda entry: self._deleted(record, entry),
            parent=self._widget,
        )

    def _deleted(self, record: MassnahmeData, entry: TrashEntry) -> None:
        from gera_desktop.ui.undo import DeleteCommand, push_done

        view = self._view
        push_done(view.undo_stack, DeleteCommand(view.operations, entry.massnahme))
        view.deleted_now(record)

    # --- a conflict ----------------------------------------------------------------------------------

    def _resolve_conflict(self, mine: MassnahmeData, then: Then) -> None:
        """Someone saved meanwhile: read their version, let the user choose, save the choice."""
        base = self._view.current_record()
        assert base is not None
        self._view.operations.read(
            lambda core, _steps: core.measure(base.nr),
            on_success=lambda theirs: self._decide(mine, theirs, base, then),
            on_failed=self._on_read_failed,
            parent=self._widget,
        )

    def _on_read_failed(self, error: BaseException) -> None:
        if isinstance(error, GeraError):
            self.refused(error)
        else:
            show_error(self._widget, error)

    def _decide(self, mine: MassnahmeData, theirs: OpenedMeasure, base: MassnahmeData, then: Then) -> None:
        from gera_desktop.ui.dialogs.conflict import ConflictDialog, Decision
        from gera_desktop.ui.undo import changed_keys

        view = self._view
        dialog = ConflictDialog(mine, theirs.record, self._widget, base=base)
        dialog.exec()
        if dialog.decision is Decision.CANCEL:
            return
        view.show_measure(theirs.record, theirs.history)
        if dialog.decision is Decision.DISCARD:
            if then is not None:
                then()
            return
        merged = dialog.merged()
        view.touch(changed_keys(theirs.record, merged))
        view.edit_to(merged, theirs.history)
        view.save(then)


__all__ = ["Saving"]
