"""What the list shows, kept in step with the database through the operations' ``changed`` signal.

At the start the list is read straight from the file before the database is opened, where that can be
done (``Anwendung.first_look``: plain SQL, no SQLAlchemy), so that the measures are listed at once – only
the fields the list needs first (``FIRST_KEYS``); once the database is open the whole records take their
place (``loaded`` then, not before; a sort or column needing another field waits for them). A new
or replaced database (a start without that look, a restored backup) is read whole: the list's light
records and the programme settings, made into the list's index with its sums and its current order on the
worker thread, then swapped in at once (so the GUI thread never spends long on 10,000 measures). After a
write only what changed is read: the records of the created and changed measures are put into the list,
deleted ones leave it. A write that touched very many measures (an import) and new programme settings
(every computed amount changes) read the list again whole. While the list shows a Stand the feed is held:
it follows no change, and reads everything again once it resumes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from gera_desktop.domain.records import LIST_ROW_KEYS, ListRecord
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services import collector
from gera_desktop.services.changes import Changes
from gera_desktop.services.core import Anwendung
from gera_desktop.services.listing import ListIndex
from gera_desktop.services.listing_index import FIRST_KEYS
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.views.list_view import MassnahmenListView
from gera_desktop.ui.workers import show_error

if TYPE_CHECKING:
    from gera_desktop.services.core_results import FirstList

MANY = 500
"""A write that created, changed or deleted more measures than this makes the list read everything."""


def _everything(
    core: Anwendung, prepare: Callable[[ListIndex], None]
) -> tuple[ListIndex, ProgrammEinstellungen]:
    """On the worker thread: every record of the list and the settings, as the prepared index."""
    settings = core.settings()
    index = ListIndex(core.list_records(), settings.foerderquote)
    prepare(index)
    return index, settings


def _first(
    core: Anwendung, keys: Collection[str], prepare: Callable[[ListIndex], None]
) -> tuple[ListIndex, ProgrammEinstellungen] | None:
    """On the worker thread: the first look's records (the fields ``keys``) and settings as the prepared
    index (or ``None``). The collector pauses meanwhile, as for an import: tens of thousands of new
    objects without cycles, whose young collections alone cost a twentieth of the time."""
    with collector.paused():
        look: FirstList | None = core.first_look(keys)
        if look is None:
            return None
        index = ListIndex(look.records, look.settings.foerderquote, look.read)
        prepare(index)
    return index, look.settings


class ListFeed(QObject):
    """Feeds ``list_view`` from the database; ``loaded`` after it was read whole, ``programme_changed``
    with the programme settings whenever they were read."""

    loaded = Signal()
    programme_changed = Signal(object)

    def __init__(self, operations: Operations, list_view: MassnahmenListView, parent: QObject | None = None):
        super().__init__(parent)
        self._operations = operations
        self._list = list_view
        self._generation = 0
        self._held = False
        operations.changed.connect(self._on_operations_changed)

    def load(self) -> None:
        """Read every measure of the list and the settings again (the list says it is loading)."""
        self._generation += 1
        generation = self._generation
        self._list.set_loading(self._list.record_count() == 0)
        prepare = self._list.model.preparation()
        self._operations.read(
            lambda core, _steps: _everything(core, prepare),
            on_success=lambda result: self._show_all(generation, *result),
            parent=self._list,
        )

    def hold(self) -> None:
        """Stop following the database (the list shows a Stand); readings on their way are dropped."""
        self._held = True
        self._generation += 1

    def resume(self) -> None:
        """Follow the database again, reading everything anew."""
        self._held = False
        self.load()

    def look_first(self, then: Callable[[bool], None]) -> None:
        """At the start: list the measures straight from the file (``Anwendung.first_look``) if that can
        be done, only the fields the list needs at once (``FIRST_KEYS``, the columns shown and the sort
        column); then ``then(listed)``, whether they were listed. The other fields are read once the
        database is open (``then`` opens it), and the whole records take the place of the first ones."""
        self._generation += 1
        generation = self._generation
        prepare = self._list.model.preparation()
        keys = FIRST_KEYS | set(self._list.visible_columns()) | set(self._list.model.sort_keys())
        self._operations.read(
            lambda core, _steps: _first(core, keys & set(LIST_ROW_KEYS), prepare),
            on_success=lambda result: self._show_first(generation, result, then),
            on_failed=lambda error: self._first_failed(error, then),
            parent=self._list,
        )

    def _show_first(
        self,
        generation: int,
        result: tuple[ListIndex, ProgrammEinstellungen] | None,
        then: Callable[[bool], None],
    ) -> None:
        listed = result is not None and generation == self._generation
        if result is not None and listed:
            self._show_all(generation, *result)
        then(listed)
        if listed and not self._list.model.complete():
            self.load()  # waits for the opening asked for by ``then``

    def _first_failed(self, error: BaseException, then: Callable[[bool], None]) -> None:
        """A bug in the first look: shown, and the database is opened as if it had not looked."""
        show_error(self._list, error)
        then(False)

    def _show_all(self, generation: int, index: ListIndex, settings: ProgrammEinstellungen) -> None:
        if generation != self._generation:
            return  # a newer reading is on its way
        self._list.set_index(index)
        self.programme_changed.emit(settings)
        if index.complete:
            self.loaded.emit()

    def _on_operations_changed(self, changes: Changes) -> None:
        if self._held:
            return
        if changes.database_replaced or changes.settings or changes.measure_count > MANY:
            self.load()
            return
        if changes.deleted:
            self._list.remove_records(changes.deleted)
        wanted = changes.created | changes.changed
        if wanted:
            generation = self._generation
            self._operations.read(
                lambda core, _steps: core.list_records(wanted),
                on_success=lambda records: self._put(generation, records),
                parent=self._list,
            )

    def _put(self, generation: int, records: Sequence[ListRecord]) -> None:
        if generation == self._generation:
            self._list.put_records(records)
