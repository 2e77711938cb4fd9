"""The working area of the main window: the views of the measures (Liste, Zeitplan, Übersicht) on the
left, the detail of the selected measure on the right, kept in step.

Selecting a measure in the list or the timeline shows it in the detail (after asking about unsaved
changes); the timeline shows what the list's filter shows; Enter or a double-click puts the cursor into
the detail; an entry of the Übersicht shows the list filtered accordingly. Timeline and Übersicht are
drawn when they are shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QSplitter, QStackedWidget, QWidget

from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services.listing import ListFilter
from gera_desktop.ui.views.detail import DetailView
from gera_desktop.ui.views.list_view import MassnahmenListView
from gera_desktop.ui.views.overview import OverviewView
from gera_desktop.ui.views.timeline import TimelineView

LIST_PAGE, TIMELINE_PAGE, OVERVIEW_PAGE = 0, 1, 2
FIRST_FIELD = "titel"


class Workspace(QSplitter):
    """Views left, detail right; ``view_changed(page)`` after switching between the views."""

    view_changed = Signal(int)

    def __init__(self, detail: DetailView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeline_stale = self._overview_stale = True
        self._programme = ProgrammEinstellungen()
        self.list_view = MassnahmenListView(self)
        self.timeline = TimelineView(self)
        self.overview = OverviewView(self)
        self.views = QStackedWidget(self)
        for view in (self.list_view, self.timeline, self.overview):
            self.views.addWidget(view)
        self.setChildrenCollapsible(False)
        self.addWidget(self.views)
        self.detail = detail
        self.addWidget(detail)
        self.setStretchFactor(0, 1)  # a wider window widens the list; the detail keeps its width
        self.setStretchFactor(1, 0)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.list_view.current_changed.connect(self._on_list_view_current_changed)
        self.list_view.open_requested.connect(self.open)
        self.list_view.visible_changed.connect(self._on_list_view_visible_changed)
        self.timeline.selected.connect(self._on_timeline_selected)
        self.timeline.open_requested.connect(self.open)
        self.overview.filter_requested.connect(self._on_overview_filter_requested)

    # --- views ------------------------------------------------------------------------------------------

    def set_records(self, records: Sequence[MassnahmeData], programme: ProgrammEinstellungen) -> None:
        """The measures (with their children) and the programme settings, as just read."""
        self._programme = programme
        self._overview_stale = True
        self.list_view.set_programme_rate(programme.foerderquote)
        self.list_view.set_records(records)
        if self.views.currentIndex() == OVERVIEW_PAGE:
            self._update_overview()

    def show_view(self, page: int) -> None:
        """Liste (0), Zeitplan (1) or Übersicht (2)."""
        if not 0 <= page < self.views.count():
            return
        if page == TIMELINE_PAGE:
            self._update_timeline()
        elif page == OVERVIEW_PAGE:
            self._update_overview()
        self.views.setCurrentIndex(page)
        self.view_changed.emit(page)

    def _update_overview(self) -> None:
        if self._overview_stale:
            self.overview.set_data(self.list_view.all_records(), self._programme, date.today())
            self._overview_stale = False

    def _update_timeline(self) -> None:
        if self._timeline_stale:
            self.timeline.set_records(self.list_view.visible_records())
            self._timeline_stale = False
        nr = self.list_view.current_nr()
        if nr:
            self.timeline.select(nr)

    # --- the detail -------------------------------------------------------------------------------------

    def open(self, nr: str) -> None:
        """Show the measure in the detail and put the cursor there."""
        if self.detail.current_nr() != nr and not self._show_in_detail(nr):
            return
        editor = self.detail.form.fields.get(FIRST_FIELD)
        if editor is not None:
            self.detail.form.setCurrentIndex(0)
            editor.editor.setFocus()

    def new_measure(self) -> bool:
        """An empty form in the detail (after asking about unsaved changes)."""
        if not self.detail.maybe_leave():
            return False
        self.detail.new_measure()
        return True

    def replace_detail(self, detail: DetailView) -> None:
        """Use another detail view (the database was opened again)."""
        old, self.detail = self.detail, detail
        old.detach()
        self.replaceWidget(1, detail)
        old.deleteLater()

    def reload_detail(self) -> None:
        """Show the stored state of the measure in the detail, unless the user is editing it."""
        nr = self.detail.current_nr()
        if nr is None or self.detail.has_unsaved_changes():
            return
        if any(r.nr == nr for r in self.list_view.all_records()):
            self.detail.load(nr)
        else:
            self.detail.clear()

    def _show_in_detail(self, nr: str) -> bool:
        if not self.detail.maybe_leave():
            # Stay with the measure being edited: select it again once this selection change is over.
            kept = self.detail.current_nr()
            if kept:
                QTimer.singleShot(0, lambda: self.list_view.select(kept))
            return False
        return self.detail.load(nr)

    # --- slots ------------------------------------------------------------------------------------------

    def _on_list_view_current_changed(self, nr: str) -> None:
        if not nr:
            return  # filtered out of sight: the detail keeps showing it
        if self.detail.current_nr() != nr:
            self._show_in_detail(nr)
        if self.views.currentIndex() == TIMELINE_PAGE:
            self.timeline.select(nr)

    def _on_list_view_visible_changed(self, _records: list[MassnahmeData]) -> None:
        self._timeline_stale = True
        if self.views.currentIndex() == TIMELINE_PAGE:
            self._update_timeline()

    def _on_timeline_selected(self, nr: str) -> None:
        self.list_view.select(nr)

    def _on_overview_filter_requested(self, f: ListFilter) -> None:
        self.list_view.set_filter(f)
        self.show_view(LIST_PAGE)
