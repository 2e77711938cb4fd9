"""The detail of one measure: the form with its tabs, Speichern / Verwerfen / Löschen, and what happens
around saving: checks while typing, a conflict with someone else's version, undo and redo.

Saving sends the version that was loaded; ``ConflictError`` opens the ``ConflictDialog``. Every save,
new measure and deletion goes onto the undo stack the view was given; so does "Neu berechnen" at an
entered amount that no longer fits (it clears the amount and saves). Problems are shown next to the
fields while typing; that a required field is empty is only said once the user touched the field or
tried to save.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QLabel, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.errors import ConflictError, DuplicateError, FieldProblem, GeraError, ValidationError
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services.audit import AenderungData
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.settings import SettingsService
from gera_desktop.services.validation import REQUIRED, massnahme_problems, normalized
from gera_desktop.ui.dialogs.conflict import ConflictDialog, Decision
from gera_desktop.ui.undo import CreateCommand, DeleteCommand, SaveCommand, changed_keys, push_done
from gera_desktop.ui.views.detail_controls import DetailButtons, DetailHeader, confirm_delete, is_save_key
from gera_desktop.ui.views.detail_form import DetailForm, empty_record

EMPTY_PAGE, FORM_PAGE = range(2)
EMPTY_TEXT = (
    "Keine Maßnahme geöffnet.\n\nWählen Sie eine Maßnahme in der Liste aus "
    "oder legen Sie mit „Neue Maßnahme“ eine neue an."
)


class DetailView(QWidget):
    """One measure to read and edit; ``load``, ``new_measure``, ``save``, ``maybe_leave``."""

    saved = Signal(object)
    deleted = Signal(str)
    dirty_changed = Signal(bool)

    def __init__(
        self,
        service: MassnahmenService,
        settings_service: SettingsService,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._settings_service = settings_service
        self._undo_stack = undo_stack
        self._settings = ProgrammEinstellungen()
        self._loaded: MassnahmeData | None = None
        self._is_new = False
        self._baseline: tuple[object, ...] = ()
        self._touched: set[str] = set()
        self._show_all = False
        self._dirty = False
        self._quiet = False
        self._editable = True
        self._build_ui()
        self._connect_signals()
        self.clear()

    def _build_ui(self) -> None:
        self.header = DetailHeader(self)
        self.form = DetailForm(self)
        self.buttons = DetailButtons(self)
        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        form_page = QWidget(self)
        form_layout = QVBoxLayout(form_page)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.header)
        form_layout.addWidget(self.form, 1)
        form_layout.addWidget(self.buttons)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty_label)
        self.pages.addWidget(form_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.pages)

    def _connect_signals(self) -> None:
        self.form.field_edited.connect(self._on_form_field_edited)
        self.form.lists_edited.connect(self._on_form_lists_edited)
        self.form.recompute_requested.connect(self._on_form_recompute_requested)
        self.buttons.save_button.clicked.connect(self._on_save_button_clicked)
        self.buttons.discard_button.clicked.connect(self._on_discard_button_clicked)
        self.buttons.delete_button.clicked.connect(self._on_delete_button_clicked)
        self._undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)

    # --- what is shown -------------------------------------------------------------------------------

    def load(self, nr: str) -> bool:
        """Show a measure as stored (unsaved changes of the one shown are dropped: ask ``maybe_leave``)."""
        try:
            record = self._service.get(nr)
            history = self._service.history(record.nr)
            self._settings = self._settings_service.load()
        except GeraError as error:
            QMessageBox.warning(self, APP_TITLE, error.message)
            return False
        self._show(record, history, is_new=False)
        return True

    def new_measure(self) -> None:
        """An empty form for a new measure, with the defaults filled in."""
        try:
            self._settings = self._settings_service.load()
        except GeraError as error:
            QMessageBox.warning(self, APP_TITLE, error.message)
        self._show(empty_record(), [], is_new=True)
        self.form.setCurrentIndex(0)
        self.form.fields["nr"].editor.setFocus()

    def clear(self) -> None:
        """Show no measure."""
        self._loaded, self._is_new = None, False
        self.pages.setCurrentIndex(EMPTY_PAGE)
        self._set_dirty(False)

    def current_nr(self) -> str | None:
        """The Nr. of the stored measure shown (``None`` for none or a new one)."""
        return None if self._loaded is None or self._is_new else self._loaded.nr

    def current_record(self) -> MassnahmeData | None:
        """The measure as loaded or last saved (``None`` when none is shown)."""
        return self._loaded

    def is_new(self) -> bool:
        """True while a new, not yet saved measure is shown."""
        return self._loaded is not None and self._is_new

    def set_read_only(self, read_only: bool) -> None:
        """Show measures without allowing changes (read-only database)."""
        self._editable = not read_only
        self.form.set_editable(not read_only)
        self._update_buttons()

    def _show(self, record: MassnahmeData, history: list[AenderungData], *, is_new: bool) -> None:
        self._quiet = True
        try:
            self.form.show_record(record, history)
        finally:
            self._quiet = False
        self._loaded, self._is_new = record, is_new
        self._touched, self._show_all = set(), False
        self._baseline = self.form.state()
        self.header.show_record(record, is_new=is_new)
        self.pages.setCurrentIndex(FORM_PAGE)
        self._check()
        self._set_dirty(False)

    # --- changes -------------------------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """True when the form differs from the measure as loaded (a new measure: from the empty form)."""
        return self._loaded is not None and self.form.state() != self._baseline

    def maybe_leave(self) -> bool:
        """True when the measure may be left: nothing unsaved, or saved or discarded after asking."""
        if not self.has_unsaved_changes():
            return True
        answer = QMessageBox.question(
            self,
            APP_TITLE,
            f"{self.header.subject()} wurde geändert.\n\nSollen die Änderungen gespeichert werden?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard()
            return True
        return False

    def discard(self) -> None:
        """Forget the unsaved changes: the values as loaded again (a new measure: the empty form)."""
        if self._loaded is None:
            return
        if self._is_new:
            self.new_measure()
            return
        self.load(self._loaded.nr)

    def _current(self) -> tuple[MassnahmeData, list[FieldProblem]]:
        """The record as typed and every problem of it (typing errors first, then the rules)."""
        assert self._loaded is not None
        typed, typing = self.form.read(self._loaded)
        record = normalized(typed)
        mistyped = {problem.field for problem in typing}
        found = massnahme_problems(record, self._settings)
        return record, typing + [p for p in found if p.field not in mistyped]

    def _check(self) -> list[FieldProblem]:
        """Check while typing; returns every problem, shows those the user should see now."""
        record, problems = self._current()
        shown = problems if self._show_all else [p for p in problems if self._worth_showing(p)]
        self.form.show_problems(shown)
        self.form.show_funding(record, self._settings.foerderquote)
        return problems

    def _worth_showing(self, problem: FieldProblem) -> bool:
        return not problem.message.endswith(REQUIRED) or problem.field in self._touched

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self._dirty
        self._dirty = dirty
        self._update_buttons()
        self.header.show_dirty(dirty)
        self.buttons.show_dirty(dirty)
        if changed:
            self.dirty_changed.emit(dirty)

    def _update_buttons(self) -> None:
        shown = self._loaded is not None
        self.buttons.save_button.setEnabled(self._editable and shown and (self._dirty or self._is_new))
        self.buttons.discard_button.setEnabled(shown and self._dirty)
        self.buttons.delete_button.setEnabled(self._editable and shown and not self._is_new)

    # --- saving --------------------------------------------------------------------------------------

    def save(self) -> bool:
        """Check and store the measure; True when it is stored (or there was nothing to store)."""
        if self._loaded is None or not self._editable:
            return self._loaded is None
        if not self._is_new and not self.has_unsaved_changes():
            return True
        self._show_all = True
        problems = self._check()
        if problems:
            self.form.go_to(problems[0].field)
            return False
        record, _problems = self._current()
        if self._is_new:
            return self._store_new(record)
        return self._store_change(record, before=self._loaded)

    def _store_new(self, record: MassnahmeData) -> bool:
        try:
            created = self._service.create(record)
        except GeraError as error:
            return self._refused(error)
        self._push(CreateCommand(self._service, created))
        self._saved(created)
        return True

    def _store_change(self, record: MassnahmeData, before: MassnahmeData) -> bool:
        try:
            stored = self._service.update(record)
        except ConflictError:
            return self._resolve_conflict(record)
        except GeraError as error:
            return self._refused(error)
        self._push(SaveCommand(self._service, before, stored))
        self._saved(stored)
        return True

    def _refused(self, error: GeraError) -> bool:
        """Show why the service refused: at the fields when it says which, else in a message box."""
        if isinstance(error, ValidationError):
            self.form.show_problems(error.problems)
            self.form.go_to(error.problems[0].field)
        elif isinstance(error, DuplicateError):
            self.form.show_problems([FieldProblem("nr", error.message)])
            self.form.go_to("nr")
        else:
            QMessageBox.warning(self, APP_TITLE, error.message)
        return False

    def _resolve_conflict(self, mine: MassnahmeData) -> bool:
        """Someone saved meanwhile: choose per field, then save the choice on top of their version."""
        assert self._loaded is not None
        try:
            theirs = self._service.get(self._loaded.nr)
            history = self._service.history(theirs.nr)
        except GeraError as error:
            return self._refused(error)
        dialog = ConflictDialog(mine, theirs, self, base=self._loaded)
        dialog.exec()
        if dialog.decision is Decision.CANCEL:
            return False
        self._show(theirs, history, is_new=False)
        if dialog.decision is Decision.DISCARD:
            return True
        self._edit_to(dialog.merged(), history)
        return self.save()

    def _edit_to(self, record: MassnahmeData, history: list[AenderungData]) -> None:
        """Put values into the form as if the user had typed them (unsaved changes)."""
        self._quiet = True
        try:
            self.form.show_record(record, history)
        finally:
            self._quiet = False
        self._touched.update(changed_keys(self._loaded or record, record))
        self._check()
        self._set_dirty(self.has_unsaved_changes())

    def _push(self, command: SaveCommand | CreateCommand | DeleteCommand) -> None:
        self._quiet = True
        try:
            push_done(self._undo_stack, command)
        finally:
            self._quiet = False

    def _saved(self, record: MassnahmeData) -> None:
        self._show(record, self._service.history(record.nr), is_new=False)
        self.saved.emit(record)

    # --- deleting ------------------------------------------------------------------------------------

    def delete(self) -> bool:
        """Move the measure into the Papierkorb after asking; True when it was moved."""
        record = self._loaded
        if record is None or self._is_new or not self._editable:
            return False
        if not confirm_delete(self, record):
            return False
        try:
            self._service.delete(record.nr, record.version)
        except GeraError as error:
            QMessageBox.warning(self, APP_TITLE, error.message)
            return False
        self._push(DeleteCommand(self._service, record))
        self.clear()
        self.deleted.emit(record.nr)
        return True

    # --- keys ----------------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Strg+S saves while the cursor is in the detail (before any window shortcut of the same keys)."""
        if event.type() == QEvent.Type.ShortcutOverride and is_save_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if is_save_key(event):
            event.accept()
            self.save()
            return
        super().keyPressEvent(event)

    # --- slots ---------------------------------------------------------------------------------------

    def _on_form_field_edited(self, key: str) -> None:
        if self._quiet or self._loaded is None:
            return
        self._touched.add(key)
        self._on_form_lists_edited()

    def _on_form_lists_edited(self) -> None:
        if self._quiet or self._loaded is None:
            return
        self._check()
        self._set_dirty(self.has_unsaved_changes())

    def _on_form_recompute_requested(self, key: str) -> None:
        """„Neu berechnen“: the entered amount goes back to computed; a stored measure is saved at once,
        so that the step can be undone like every save."""
        self.form.fields[key].set_value(None)
        if not self._is_new:
            self.save()

    def _on_save_button_clicked(self) -> None:
        self.save()

    def _on_discard_button_clicked(self) -> None:
        self.discard()

    def _on_delete_button_clicked(self) -> None:
        self.delete()

    def detach(self) -> None:
        """Stop following the undo stack (the view is replaced, or its window closed)."""
        with contextlib.suppress(RuntimeError):
            self._undo_stack.indexChanged.disconnect(self._on_undo_stack_index_changed)

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        """Undo or redo changed the database: show the stored measure again unless the user is editing."""
        if self._quiet or self._loaded is None or self._is_new or self.has_unsaved_changes():
            return
        nr = self._loaded.nr
        try:
            record = self._service.get(nr)
        except GeraError:
            self.clear()
            return
        if record.version != self._loaded.version:
            self._show(record, self._service.history(record.nr), is_new=False)


__all__ = ["DetailView"]
