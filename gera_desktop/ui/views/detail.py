"""The detail of one measure: the form with its tabs, Speichern / Verwerfen / Löschen, and what happens
around saving: checks while typing, a conflict with someone else's version, undo and redo.

Reading (``detail_reading``) and writing (``detail_saving``) run as operations of the application core,
in the background: ``load`` shows the measure once it is read (``loaded``), ``save`` once it is stored
(``saved``). Saving sends the version that was loaded; ``ConflictError`` opens the ``ConflictDialog``.
Every save, new measure and deletion goes onto the undo stack; so does "Neu berechnen" at an entered
amount that no longer fits (it clears the amount and saves). What other writes change (undo, an import,
someone's save) reaches the view through the operations' ``changed`` signal: the measure shown is read
again unless the user is editing it.
Problems are shown next to the fields while typing; that a required field is empty is only said once
the user touched the field or tried to save.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.ui.operations import Operations, Then
from gera_desktop.ui.views.detail_controls import confirm_delete, is_save_key
from gera_desktop.ui.views.detail_pages import DetailPages
from gera_desktop.ui.views.detail_reading import Reading
from gera_desktop.ui.views.detail_saving import Saving

if TYPE_CHECKING:
    from gera_desktop.domain.errors import FieldProblem
    from gera_desktop.services.audit import AenderungData
    from gera_desktop.services.core_results import OpenedMeasure
    from gera_desktop.ui.views.detail_form import FormPage


class DetailView(DetailPages):
    """One measure to read and edit; ``load``, ``new_measure``, ``save``, ``maybe_leave``."""

    loaded = Signal(str)
    saved = Signal(object)
    deleted = Signal(str)
    dirty_changed = Signal(bool)

    def __init__(self, operations: Operations, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.undo_stack = undo_stack
        self.settings = ProgrammEinstellungen()
        self._loaded: MassnahmeData | None = None
        self._history: list[AenderungData] = []
        self._is_new = False
        self._baseline: tuple[object, ...] = ()
        self._touched: set[str] = set()
        self._show_all = False
        self._dirty = False
        self._quiet = False
        self._editable = True
        self._read_only = False
        self.saving = Saving(self, self)
        self.reading = Reading(self, self, operations)
        self.clear()

    def _page_built(self, page: FormPage) -> None:
        from gera_desktop.ui.views.detail_council import ClusterChoices
        from gera_desktop.ui.views.detail_fields import ClusterField

        cluster = page.form.fields["cluster"]
        assert isinstance(cluster, ClusterField)
        self.cluster_choices = ClusterChoices(self.operations, cluster, self)
        page.form.set_editable(self._editable)
        page.form.field_edited.connect(self._on_form_field_edited)
        page.form.lists_edited.connect(self._on_form_lists_edited)
        page.form.recompute_requested.connect(self._on_form_recompute_requested)
        page.buttons.save_button.clicked.connect(self._on_save_button_clicked)
        page.buttons.discard_button.clicked.connect(self._on_discard_button_clicked)
        page.buttons.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.update_buttons()

    # --- what is shown -------------------------------------------------------------------------------

    def load(self, nr: str, then: Then = None) -> None:
        """Read the measure and show it as stored (unsaved changes of the one shown are dropped: ask
        ``maybe_leave``); ``loaded(nr)``, then ``then()``. A later ``load`` wins over an earlier one."""
        self.reading.load(nr, then)

    def show_opened(self, opened: OpenedMeasure) -> None:
        """Show a measure just read, with the programme settings it was read with."""
        self.settings = opened.settings
        self.show_measure(opened.record, opened.history)
        self.loaded.emit(opened.record.nr)

    def show_measure(self, record: MassnahmeData, history: list[AenderungData]) -> None:
        """Show a stored measure as it is (no reading)."""
        self._show(record, history, is_new=False)

    def new_measure(self) -> None:
        """An empty form for a new measure, with the defaults filled in."""
        from gera_desktop.ui.views.detail_form import empty_record

        self.reading.forget()
        self._show(empty_record(), [], is_new=True)
        self.form.setCurrentIndex(0)
        self.form.fields["nr"].editor.setFocus()

    def clear(self) -> None:
        """Show no measure."""
        self._loaded, self._is_new = None, False
        self.show_page(False)
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
        """Show measures without allowing changes (read-only database; a Stand is never editable)."""
        self._read_only = read_only
        self._editable = not read_only and not self.reading.showing_stand
        if self.page_built():
            self.form.set_editable(self._editable)
        self.update_buttons()

    def show_stand(self, records: Sequence[MassnahmeData] | None, settings: ProgrammEinstellungen) -> None:
        """Show the measures of a Stand from now on, read-only, taken from ``records`` (``None``: the
        measures as stored again); none is shown until one is loaded."""
        self.reading.take_from(records, settings)
        self.settings = settings
        self.clear()
        self.set_read_only(self._read_only)

    def set_programme(self, settings: ProgrammEinstellungen) -> None:
        """The programme settings the checks and the computed amounts follow."""
        self.settings = settings
        if self._loaded is not None:
            self.check()

    def _show(self, record: MassnahmeData, history: list[AenderungData], *, is_new: bool) -> None:
        self._quiet = True
        try:
            self.form.show_record(record, history)
        finally:
            self._quiet = False
        self._loaded, self._history, self._is_new = record, history, is_new
        self._touched, self._show_all = set(), False
        self._baseline = self.form.state()
        self.header.show_record(record, is_new=is_new)
        self.show_page(True)
        self.check()
        self._set_dirty(False)

    # --- changes -------------------------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        """True when the form differs from the measure as loaded (a new measure: from the empty form)."""
        return self._loaded is not None and self.form.state() != self._baseline

    def maybe_leave(self, then: Then = None) -> bool:
        """True when the measure may be left now: nothing unsaved, or discarded after asking. False: stay
        (cancelled, or saving: ``then()`` runs once it is stored)."""
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
            self.save(then)
            return False
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
        self._show(self._loaded, self._history, is_new=False)

    def current(self) -> tuple[MassnahmeData, list[FieldProblem]]:
        """The record as typed and every problem of it (typing errors first, then the rules)."""
        from gera_desktop.services.validation import massnahme_problems, normalized

        assert self._loaded is not None
        typed, typing = self.form.read(self._loaded)
        record = normalized(typed)
        mistyped = {problem.field for problem in typing}
        found = massnahme_problems(record, self.settings)
        return record, typing + [p for p in found if p.field not in mistyped]

    def check(self, *, show_all: bool = False) -> list[FieldProblem]:
        """Check while typing; returns every problem, shows those the user should see now."""
        self._show_all = self._show_all or show_all
        record, problems = self.current()
        shown = problems if self._show_all else [p for p in problems if self._worth_showing(p)]
        self.form.show_problems(shown)
        self.form.show_funding(record, self.settings.foerderquote)
        return problems

    def _worth_showing(self, problem: FieldProblem) -> bool:
        from gera_desktop.services.validation import REQUIRED

        return not problem.message.endswith(REQUIRED) or problem.field in self._touched

    def touch(self, keys: list[str]) -> None:
        """Treat these fields as edited by the user (their empty required values are shown)."""
        self._touched.update(keys)

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self._dirty
        self._dirty = dirty
        self.update_buttons()
        if self.page_built():
            self.header.show_dirty(dirty)
            self.buttons.show_dirty(dirty)
        if changed:
            self.dirty_changed.emit(dirty)

    def mark_edited(self) -> None:
        """After the form changed: check it and say whether it differs from what is stored."""
        self.check()
        self._set_dirty(self.has_unsaved_changes())

    def update_buttons(self) -> None:
        """Speichern, Verwerfen and Löschen as the measure shown, its changes and a running save allow."""
        if not self.page_built():
            return  # no measure was shown yet
        shown = self._loaded is not None
        editable = self._editable and shown and not self.saving.busy
        self.buttons.save_button.setEnabled(editable and (self._dirty or self._is_new))
        self.buttons.discard_button.setEnabled(shown and self._dirty and not self.saving.busy)
        self.buttons.delete_button.setEnabled(editable and not self._is_new)

    # --- saving and deleting -------------------------------------------------------------------------

    def save(self, then: Then = None) -> bool:
        """Check the measure and store it in the background (``saved``, then ``then()``); False when it
        cannot be stored as typed (the problems are shown) or nothing is shown or may be written."""
        if self._loaded is None or not self._editable:
            return self._loaded is None
        if not self._is_new and not self.has_unsaved_changes():
            if then is not None:
                then()
            return True
        return self.saving.save(self._loaded, self._is_new, then)

    def stored(self, record: MassnahmeData, history: list[AenderungData]) -> None:
        """A save is done: show the stored measure and announce it."""
        self._show(record, history, is_new=False)
        self.saved.emit(record)

    def edit_to(self, record: MassnahmeData, history: list[AenderungData]) -> None:
        """Put values into the form as if the user had typed them (unsaved changes)."""
        self._quiet = True
        try:
            self.form.show_record(record, history)
        finally:
            self._quiet = False
        self.mark_edited()

    def delete(self) -> bool:
        """Move the measure into the Papierkorb after asking (in the background); True when asked for."""
        record = self._loaded
        if record is None or self._is_new or not self._editable or not confirm_delete(self, record):
            return False
        self.saving.delete(record)
        return True

    def deleted_now(self, record: MassnahmeData) -> None:
        """The measure went into the Papierkorb: show none (unless another one is shown by now)."""
        if self._loaded is record:
            self.clear()
        self.deleted.emit(record.nr)

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
        self.mark_edited()

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


__all__ = ["DetailView"]
