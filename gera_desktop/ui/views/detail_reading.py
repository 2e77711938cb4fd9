"""Reading the detail's measure in the background: the one asked for last is shown (an earlier reading that
arrives late is dropped), and what other writes change (undo, an import, someone's save) is read again
unless the user is editing the measure. While a Stand is shown its measures are taken from it, not read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services.changes import Changes
from gera_desktop.ui.operations import Operations, Then, Work
from gera_desktop.ui.workers import show_error

if TYPE_CHECKING:
    from gera_desktop.services.core_results import OpenedMeasure
    from gera_desktop.ui.views.detail_saving import Saving


class ReadingView(Protocol):
    """What reading needs of the detail view (``views.detail.DetailView``)."""

    saving: Saving

    def show_opened(self, opened: OpenedMeasure) -> None: ...
    def current_record(self) -> MassnahmeData | None: ...
    def is_new(self) -> bool: ...
    def has_unsaved_changes(self) -> bool: ...
    def clear(self) -> None: ...


class Reading(QObject):
    """The reads of one detail view; ``loading`` while a measure asked for is on its way."""

    def __init__(self, view: ReadingView, widget: QWidget, operations: Operations) -> None:
        super().__init__(widget)
        self._view = view
        self._widget = widget
        self._operations = operations
        self._count = 0
        self.loading = False
        self._stand: tuple[dict[str, MassnahmeData], ProgrammEinstellungen] | None = None
        operations.changed.connect(self._on_operations_changed)

    @property
    def showing_stand(self) -> bool:
        """True while the measures are taken from a Stand."""
        return self._stand is not None

    def take_from(self, records: Sequence[MassnahmeData] | None, settings: ProgrammEinstellungen) -> None:
        """Take the measures from these records of a Stand, with its settings (``None``: read them)."""
        self.forget()
        self._stand = None if records is None else ({r.nr: r for r in records}, settings)

    def load(self, nr: str, then: Then = None) -> None:
        """Read the measure ``nr`` (or take it from the Stand); the view shows it, then ``then()`` runs."""
        if self._stand is not None:
            from gera_desktop.services.core_results import OpenedMeasure

            self.forget()
            records, settings = self._stand
            if nr in records:
                self._on_read(self._count, OpenedMeasure(records[nr], [], settings), then)
            return
        self.loading = True
        self._read(lambda core, _steps: core.measure(nr), then)

    def forget(self) -> None:
        """A measure still on its way is not shown any more (a new measure is being typed)."""
        self._count += 1
        self.loading = False

    def _read(self, work: Work, then: Then = None, *, quiet: bool = False) -> None:
        self._count += 1
        count = self._count
        self._operations.read(
            work,
            on_success=lambda opened: self._on_read(count, opened, then),
            on_failed=lambda error: self._on_read_failed(count, error, quiet),
            parent=self._widget,
        )

    def _on_read(self, count: int, opened: OpenedMeasure, then: Then) -> None:
        if count != self._count:
            return
        self.loading = False
        self._view.show_opened(opened)
        if then is not None:
            then()

    def _on_read_failed(self, count: int, error: BaseException, quiet: bool) -> None:
        if count != self._count:
            return
        self.loading = False
        if quiet and isinstance(error, GeraError):
            self._view.clear()  # the measure shown is gone (deleted, or not in a restored backup)
            return
        show_error(self._widget, error)

    def _on_operations_changed(self, changes: Changes) -> None:
        view = self._view
        record = view.current_record()
        if (
            self._stand is not None
            or record is None
            or view.is_new()
            or self.loading
            or not changes.touches(record.id)
        ):
            return  # nothing shown that changed, or another measure is being read anyway
        if view.has_unsaved_changes() or view.saving.busy:
            return  # the user's changes stay; saving them meets the other version (conflict)
        if record.id is None or record.id in changes.deleted:
            view.clear()
            return
        measure_id = record.id
        self._read(lambda core, _steps: core.measure_by_id(measure_id), quiet=True)
