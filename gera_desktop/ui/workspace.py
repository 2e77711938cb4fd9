"""The working area of the main window: the views of the measures (Liste, Zeitplan, Übersicht) on the
left, the detail of the selected measure on the right, kept in step.

Selecting a measure in the list or the timeline shows it in the detail (after asking about unsaved
changes); the timeline shows what the list's filter shows; Enter or a double-click puts the cursor into
the detail; an entry of the Übersicht shows the list filtered accordingly. The list follows the database
through its ``ListFeed``; Zeitplan and Übersicht are built when first shown (the start needs neither their
modules nor their widgets) and read what they need (the milestones, the figures) in the background when
they are shown and something changed since, once the database is open (``database_opened``; the list may
show the measures before).

``show_stand(name)`` shows a frozen Stand instead: the list, the detail and the Zeitplan show its measures
(read-only, as frozen, with their milestones) until ``show_today()``; ``stand_changed(snapshot)`` says
which Stand is shown (``None``: today). A deleted Stand or a replaced database ends its showing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QStackedWidget, QWidget

from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.services.changes import Changes
from gera_desktop.services.core import Anwendung
from gera_desktop.services.listing import ListFilter, ListIndex
from gera_desktop.ui.detail_pane import DetailPane
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.views.detail import DetailView
from gera_desktop.ui.views.list_feed import ListFeed
from gera_desktop.ui.views.list_view import MassnahmenListView

if TYPE_CHECKING:
    from gera_desktop.domain.stand import Snapshot
    from gera_desktop.ui.views.overview import OverviewView
    from gera_desktop.ui.views.timeline import TimelineView

LIST_PAGE, TIMELINE_PAGE, OVERVIEW_PAGE = 0, 1, 2
FIRST_FIELD = "titel"


class Workspace(QSplitter):
    """Views left, detail right; ``view_changed(page)`` after switching between the views."""

    view_changed = Signal(int)
    stand_changed = Signal(object)
    grouping_changed = Signal(object)
    """List and Zeitplan are grouped otherwise now (a ``Gruppierung``, ``None``: the list ungrouped)."""

    def __init__(self, detail: DetailView, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._timeline_stale = self._overview_stale = True
        self._opened = self._reshow_pending = False
        self._writable = False
        self._timeline_reading = 0
        self._timeline: TimelineView | None = None
        self._overview: OverviewView | None = None
        self._view_actions: list[QAction] = []
        self.grouping: Gruppierung | None = None
        """What list and Zeitplan group by (``None``: the list is one list, the Zeitplan by field)."""
        self.stand: Snapshot | None = None
        """The Stand shown instead of today's measures."""
        self.list_view = MassnahmenListView(self)
        self.feed = ListFeed(operations, self.list_view, self)
        self.views = QStackedWidget(self)
        for view in (self.list_view, QWidget(self), QWidget(self)):  # Zeitplan, Übersicht: built when shown
            self.views.addWidget(view)
        self.addWidget(self.views)
        self.detail = detail
        self.addWidget(detail)
        self.detail_pane = DetailPane(self)
        self.setStretchFactor(0, 1)  # a wider window widens the list; the detail keeps its width
        self.setStretchFactor(1, 0)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.list_view.current_changed.connect(self._on_list_view_current_changed)
        self.list_view.open_requested.connect(self.open)
        self.list_view.visible_changed.connect(self._on_list_view_visible_changed)
        self.feed.programme_changed.connect(self._on_feed_programme_changed)
        self.feed.loaded.connect(self._on_feed_loaded)
        self._operations.changed.connect(self._on_operations_changed)

    # --- views ------------------------------------------------------------------------------------------

    @property
    def timeline(self) -> TimelineView:
        """The Zeitplan (built at its first use)."""
        if self._timeline is None:
            from gera_desktop.ui.views.timeline import TimelineView

            self._timeline = TimelineView(self)
            self._timeline.addActions(self._view_actions)
            self._timeline.selected.connect(self._on_timeline_selected)
            self._timeline.open_requested.connect(self.open)
            self._timeline.set_gruppierung(self.grouping or Gruppierung.INNOVATIONSFELD)
            self._timeline.grouping_chosen.connect(self.set_grouping)
            self._timeline.enable_editing(self._operations, self.detail.undo_stack)
            self._timeline.set_editable(self._writable)
            self._put_page(TIMELINE_PAGE, self._timeline)
        return self._timeline

    @property
    def overview(self) -> OverviewView:
        """The Übersicht (built at its first use)."""
        if self._overview is None:
            from gera_desktop.ui.printing.overview_save import OverviewSaving
            from gera_desktop.ui.views.overview import OverviewView

            self._overview = OverviewView(self)
            self._overview.filter_requested.connect(self._on_overview_filter_requested)
            self.overview_saving = OverviewSaving(self._overview, self._operations)
            self._put_page(OVERVIEW_PAGE, self._overview)
        return self._overview

    def _put_page(self, page: int, view: QWidget) -> None:
        """Put the view built now in place of its page's stand-in."""
        current, stand_in = self.views.currentIndex(), self.views.widget(page)
        assert stand_in is not None
        self.views.insertWidget(page, view)
        self.views.removeWidget(stand_in)
        stand_in.deleteLater()
        self.views.setCurrentIndex(current)

    def _view(self, page: int) -> QWidget:
        """The view of a page, built if it is not yet."""
        if page == TIMELINE_PAGE:
            return self.timeline
        if page == OVERVIEW_PAGE:
            return self.overview
        return self.list_view

    def set_grouping(self, by: Gruppierung | None) -> None:
        """Group the list and the Zeitplan by Innovationsfeld or Cluster (one setting for both, so that
        the Zeitplan shows the list's groups; ``None``: the list ungrouped, the Zeitplan by field)."""
        if by is self.grouping:
            return
        self.grouping = by
        self.list_view.set_grouping(by)
        if self._timeline is not None:
            self._timeline.set_gruppierung(by or Gruppierung.INNOVATIONSFELD)
        self.grouping_changed.emit(by)

    def set_writable(self, writable: bool) -> None:
        """Measures may be changed (no read-only database, no Stand shown): dates may be dragged in the
        Zeitplan."""
        self._writable = writable
        if self._timeline is not None:
            self._timeline.set_editable(writable)

    def add_view_action(self, action: QAction) -> None:
        """A command the views of the measures answer to (Entf: there only, never in a form field)."""
        self._view_actions.append(action)
        self.list_view.table.addAction(action)
        if self._timeline is not None:
            self._timeline.addAction(action)

    def show_view(self, page: int) -> None:
        """Liste (0), Zeitplan (1) or Übersicht (2)."""
        if not 0 <= page < self.views.count():
            return
        self.views.setCurrentWidget(self._view(page))
        self.detail_pane.follow_view(page)
        self._update_shown()
        self.view_changed.emit(page)

    def database_opened(self) -> None:
        """The database is open: a Zeitplan or Übersicht shown (the view remembered from the last time)
        reads what it shows now; before, there was nothing to read from."""
        self._opened = True
        self._update_shown()

    def _update_shown(self) -> None:
        if self.views.currentIndex() == TIMELINE_PAGE:
            self._update_timeline()
        elif self.views.currentIndex() == OVERVIEW_PAGE:
            self._update_overview()

    def _update_overview(self) -> None:
        if self._overview_stale and self._opened and self.list_view.model.complete():
            self._overview_stale = False
            records = self.list_view.all_records()
            self._operations.read(
                lambda core, _steps: core.overview(date.today(), records),
                on_success=self.overview.show_figures,
                parent=self.overview,
            )

    def _update_timeline(self) -> None:
        if not self._opened or not self.list_view.model.complete():
            return  # read once the database is open and the list holds whole records
        if self._timeline_stale and self.stand is not None:
            self._timeline_stale = False
            self.timeline.set_records(self.list_view.visible_records())  # frozen with their milestones
        elif self._timeline_stale:
            self._timeline_stale = False
            self._timeline_reading += 1
            reading, records = self._timeline_reading, self.list_view.visible_records()
            self._operations.read(
                lambda core, _steps: core.with_milestones(records),
                on_success=lambda filled: self._show_timeline(reading, filled),
                parent=self.timeline,
            )
        self._select_in_timeline()

    def _show_timeline(self, reading: int, records: Sequence[MassnahmeData]) -> None:
        if reading == self._timeline_reading:
            self.timeline.set_records(list(records))
            self._select_in_timeline()

    def _select_in_timeline(self) -> None:
        nr = self.list_view.current_nr()
        if nr:
            self.timeline.select(nr)

    # --- a Stand -----------------------------------------------------------------------------------------

    def show_stand(self, name: str) -> None:
        """Show the Stand ``name`` read-only instead of today's measures (after asking about unsaved
        changes of the measure shown)."""
        if not self.detail.maybe_leave(then=lambda: self.show_stand(name)):
            return
        prepare = self.list_view.model.preparation()
        self._operations.read(
            lambda core, _steps: _stand_index(core, name, prepare),
            on_success=lambda shown: self._show_stand(*shown),
            parent=self,
        )

    def _show_stand(self, snapshot: Snapshot, index: ListIndex) -> None:
        self.stand = snapshot
        self.feed.hold()
        self.detail.show_stand(snapshot.records, snapshot.settings)
        self.list_view.set_index(index)
        self._overview_stale = True
        self._reshow_current()
        self.stand_changed.emit(snapshot)

    def show_today(self) -> None:
        """Back from a Stand to the measures as stored now (read again)."""
        if self.stand is None:
            return
        self.stand = None
        self.detail.show_stand(None, self.detail.settings)
        self._overview_stale = self._reshow_pending = True
        self.feed.resume()
        self.stand_changed.emit(None)

    def _reshow_current(self) -> None:
        """The list's current measure in the detail (after switching between a Stand and today)."""
        self._reshow_pending = False
        nr = self.list_view.current_nr()
        if nr:
            self.detail.load(nr)

    def _on_feed_loaded(self) -> None:
        if self._reshow_pending and self.stand is None:
            self._reshow_current()

    def _on_operations_changed(self, changes: Changes) -> None:
        """A replaced database or a deleted Stand ends the showing of a Stand."""
        if self.stand is None:
            return
        if changes.database_replaced:
            self.show_today()
        elif changes.staende:
            name = self.stand.name
            self._operations.read(
                lambda core, _steps: any(info.name == name for info in core.staende()),
                on_success=lambda exists: None if exists else self._on_stand_gone(name),
                parent=self,
            )

    def _on_stand_gone(self, name: str) -> None:
        if self.stand is not None and self.stand.name == name:
            self.show_today()

    # --- the detail -------------------------------------------------------------------------------------

    def open(self, nr: str) -> None:
        """Show the measure in the detail (shown if it was hidden) and put the cursor there."""
        self.detail_pane.set_shown(True)
        if self.detail.current_nr() == nr:
            self._focus_detail()
        elif self.detail.maybe_leave(then=lambda: self.list_view.select(nr)):
            self.detail.load(nr, then=self._focus_detail)
        else:
            self._keep_selection()

    def _focus_detail(self) -> None:
        editor = self.detail.form.fields.get(FIRST_FIELD)
        if editor is not None:
            self.detail.form.setCurrentIndex(0)
            editor.editor.setFocus()

    def new_measure(self) -> bool:
        """An empty form in the detail (after asking about unsaved changes; saving them first, the form
        comes once they are stored)."""
        if not self.detail.maybe_leave(then=self.new_measure):
            return False
        self.detail_pane.set_shown(True)
        self.detail.new_measure()
        return True

    def _show_in_detail(self, nr: str) -> None:
        if self.detail.maybe_leave(then=lambda: self.list_view.select(nr)):
            self.detail.load(nr)
        else:
            self._keep_selection()

    def _keep_selection(self) -> None:
        """Stay with the measure being edited: select it again once this selection change is over."""
        kept = self.detail.current_nr()
        if kept:
            QTimer.singleShot(0, lambda: self.list_view.select(kept))

    # --- slots ------------------------------------------------------------------------------------------

    def _on_list_view_current_changed(self, nr: str) -> None:
        if not nr:
            return  # filtered out of sight: the detail keeps showing it
        if self.detail.current_nr() != nr:
            self._show_in_detail(nr)
        if self.views.currentIndex() == TIMELINE_PAGE:
            self.timeline.select(nr)

    def _on_list_view_visible_changed(self, _records: list[MassnahmeData]) -> None:
        self._timeline_stale = self._overview_stale = True
        self._update_shown()

    def _on_feed_programme_changed(self, settings: object) -> None:
        self.detail.set_programme(settings)  # type: ignore[arg-type]
        self._overview_stale = True
        if self.views.currentIndex() == OVERVIEW_PAGE:
            self._update_overview()

    def _on_timeline_selected(self, nr: str) -> None:
        self.list_view.select(nr)

    def _on_overview_filter_requested(self, f: ListFilter) -> None:
        self.list_view.set_filter(f)
        self.show_view(LIST_PAGE)


def _stand_index(
    core: Anwendung, name: str, prepare: Callable[[ListIndex], None]
) -> tuple[Snapshot, ListIndex]:
    """On the worker thread: the Stand and its measures as the list's prepared index (its own rate)."""
    snapshot = core.stand(name)
    index = ListIndex(snapshot.records, snapshot.settings.foerderquote)
    prepare(index)
    return snapshot, index
