"""The Zeitplan: a Gantt chart of the measures the list shows, grouped by Innovationsfeld or by Cluster,
with zoom, "Heute", colour by Ampel or Umsetzungsstand, milestones, a today line, the keyboard (arrows,
Bild auf/ab, Pos1/Ende, Enter), and export as PDF or PNG."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QPagedPaintDevice, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.grouping import GroupKey, Gruppierung
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.views import timeline_export
from gera_desktop.ui.views.timeline_colours import screen_scheme
from gera_desktop.ui.views.timeline_headers import framed
from gera_desktop.ui.views.timeline_pages import ChartSource
from gera_desktop.ui.views.timeline_rows import RowLayout
from gera_desktop.ui.views.timeline_scale import TimeAxis, record_dates
from gera_desktop.ui.views.timeline_scene import TimelineScene
from gera_desktop.ui.views.timeline_style import ColourMode, legend_html
from gera_desktop.ui.views.timeline_toolbar import build_toolbar, save_as
from gera_desktop.ui.views.timeline_widgets import ChartView, TimelineState, label_width
from gera_desktop.ui.views.timeline_zoom import ZOOM_STEP, Zoom

DEFAULT_TITLE = "Zeitplan der Maßnahmen – Smart City Modellprojekt Gera"
DRAG_STATUS = (
    "Termine ändern: Alt gedrückt halten und einen Balken, eines seiner Enden oder einen Meilenstein ziehen"
)
EMPTY_TEXT = (
    "Keine Maßnahmen anzuzeigen.\n\nDer Zeitplan zeigt die Maßnahmen, die die Liste mit ihren Filtern zeigt."
)


class TimelineView(QWidget):
    """The Zeitplan of the measures given to ``set_records``; a click selects, a double-click opens."""

    selected = Signal(str)
    open_requested = Signal(str)
    grouping_chosen = Signal(object)
    """The user chose another grouping in the toolbar (a ``Gruppierung``)."""

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._state = TimelineState(today=today or date.today())
        self._records: list[MassnahmeData] = []
        self._editing: QObject | None = None
        self.scene = TimelineScene(
            RowLayout(), TimeAxis.covering([]), ColourMode.AMPEL, self._state.today, self._state.scheme, self
        )
        self._build_ui()
        self._connect_signals()
        self.set_editable(False)
        self._update_legend()
        self.set_records([])

    # --- building -----------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        bar = build_toolbar(self)
        layout.addLayout(bar.layout)
        self.colour_combo, self.grouping_combo = bar.colour_combo, bar.grouping_combo
        self.zoom_out_button, self.zoom_in_button = bar.zoom_out_button, bar.zoom_in_button
        self.fit_button, self.today_button, self.edit_button = bar.fit_button, bar.today_button, bar.edit
        self.save_button, self.pdf_action, self.png_action = bar.save_button, bar.pdf_action, bar.png_action
        self.chart = ChartView(self.scene, self._state, self)
        buttons = (self.zoom_out_button, self.zoom_in_button, self.today_button)
        self.zoom = Zoom(self.chart, self._state, buttons, self._repaint)
        frame = framed(self.chart, self._state, self)
        self.scale_header, self.labels, self.label_header = frame.scale, frame.labels, frame.titles
        self.empty_label = QLabel(self.tr(EMPTY_TEXT), self)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(frame.page)
        self.stack.addWidget(self.empty_label)
        layout.addWidget(self.stack, 1)
        self.legend_label = QLabel(self)
        self.legend_label.setWordWrap(True)
        self.legend_label.setContentsMargins(6, 0, 6, 4)
        layout.addWidget(self.legend_label)

    def _connect_signals(self) -> None:
        self.chart.row_clicked.connect(self._on_row_clicked)
        self.chart.row_double_clicked.connect(self._on_row_double_clicked)
        self.labels.row_clicked.connect(self._on_row_clicked)
        self.labels.row_double_clicked.connect(self._on_row_double_clicked)
        self.chart.zoom_requested.connect(self.zoom.zoom)
        self.chart.zoom_step_requested.connect(self.zoom.step)
        self.chart.step_requested.connect(self._on_chart_step_requested)
        self.chart.open_current_requested.connect(self._on_chart_open_current_requested)
        self.chart.resized.connect(self._on_chart_resized)
        self.colour_combo.currentIndexChanged.connect(self._on_colour_combo_current_index_changed)
        self.grouping_combo.activated.connect(self._on_grouping_combo_activated)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_button.clicked.connect(self.fit)
        self.today_button.clicked.connect(self.show_today)
        self.edit_button.toggled.connect(self.chart.set_edit_mode)
        self.pdf_action.triggered.connect(self._on_pdf_action_triggered)
        self.png_action.triggered.connect(self._on_png_action_triggered)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Give the labels less room in a narrow window (beside the detail, say)."""
        width = label_width(event.size().width())
        self.labels.setFixedWidth(width)
        self.label_header.setFixedWidth(width)
        super().resizeEvent(event)

    # --- content ------------------------------------------------------------------------------------

    def set_records(self, records: list[MassnahmeData]) -> None:
        """Show exactly these measures; folded groups and the selection stay when they still exist."""
        self._records = list(records)
        by, previous_layout = self.gruppierung(), self._state.layout
        folded = previous_layout.folded_keys() if previous_layout.by is by else set()
        layout = RowLayout.of(self._records, folded, by)
        self._state.layout = layout
        axis = TimeAxis.covering(record_dates(records))
        previous, self.scene = (
            self.scene,
            TimelineScene(layout, axis, self.colour_mode(), self._state.today, self._state.scheme, self),
        )
        self.chart.setScene(self.scene)
        previous.deleteLater()
        selected = self._state.selected
        keep = selected if selected is not None and layout.group_of(selected) else None
        self._set_selection(keep)
        self.stack.setCurrentIndex(0 if records else 1)
        self.save_button.setEnabled(bool(records))
        self.fit_button.setEnabled(bool(records))
        self.zoom.refit()

    def replace_record(self, record: MassnahmeData) -> None:
        """Show ``record`` (just saved) in place of the measure of its Nr.; the rest stays as it is."""
        self.set_records([record if r.nr == record.nr else r for r in self._records])

    def records(self) -> list[MassnahmeData]:
        """The measures shown (folded groups included), in their row order (grouped)."""
        return [r for g in self._state.layout.groups for r in g.records]

    def layout_rows(self) -> RowLayout:
        """The groups and rows as shown now."""
        return self._state.layout

    def select(self, nr: str) -> None:
        """Highlight the measure ``nr`` (unfolding its group) and scroll it into view; no signal."""
        group = self._state.layout.group_of(nr)
        if group is None:
            self._set_selection(None)
            return
        if group.folded:
            self.set_group_folded(group.key, False)
        self._set_selection(nr)
        self._scroll_to(nr)

    def selected_nr(self) -> str | None:
        return self._state.selected

    def set_group_folded(self, key: GroupKey, folded: bool) -> None:
        """Fold or unfold the group of the Innovationsfeld or Cluster ``key`` (``None``: Ohne Cluster)."""
        for group in self._state.layout.groups:
            if group.key == key:
                group.folded = folded
        self._state.layout.refresh()
        self.scene.place(self._state.layout)
        self._repaint()

    def _set_selection(self, nr: str | None) -> None:
        self._state.selected = nr
        self.scene.set_selected(nr)
        self._repaint()

    def _scroll_to(self, nr: str) -> None:
        rect = self.scene.bar_scene_rect(nr)
        if rect is None:
            return
        visible_days = self.chart.viewport().width() / self.px_per_day()
        rect.setWidth(min(rect.width(), visible_days * 0.8))
        self.chart.ensureVisible(rect, 40, 24)

    def _repaint(self) -> None:
        self.chart.viewport().update()
        self.labels.update()
        self.scale_header.update()

    # --- dragging dates ------------------------------------------------------------------------------

    def enable_editing(self, operations: Operations, undo_stack: QUndoStack) -> None:
        """Let dragged dates be saved through ``operations``, each an undoable step on ``undo_stack``
        (dragging is on once ``set_editable(True)``)."""
        from gera_desktop.ui.views.timeline_edit import DateEditing

        self._editing = editing = DateEditing(operations, undo_stack, self)
        self.chart.drag_moved.connect(self.show_preview)
        self.chart.drag_finished.connect(editing.finish)
        editing.saved.connect(self.replace_record)
        editing.refused.connect(self.show_preview)

    def set_editable(self, editable: bool) -> None:
        """Dates may be dragged (not on a read-only database or a Stand, nor before ``enable_editing``)."""
        self._state.editable = editable and self._editing is not None
        self.edit_button.setEnabled(self._state.editable)
        self.chart.viewport().setStatusTip(self.tr(DRAG_STATUS) if self._state.editable else "")

    def show_preview(self, record: MassnahmeData | None) -> None:
        """Draw ``record`` (dragged dates) in place of its measure; None: the dates as stored again."""
        self.scene.set_preview(record)
        self._repaint()

    # --- grouping -----------------------------------------------------------------------------------

    def gruppierung(self) -> Gruppierung:
        """What the measures are grouped by now."""
        return Gruppierung(self.grouping_combo.currentData() or Gruppierung.INNOVATIONSFELD)

    def set_gruppierung(self, by: Gruppierung) -> None:
        """Group by Innovationsfeld or by Cluster (no signal); the selected measure stays selected."""
        self.grouping_combo.setCurrentIndex(self.grouping_combo.findData(by))
        if by is self._state.layout.by:
            return
        selected = self._state.selected
        self.set_records(self._records)
        if selected is not None:
            self.select(selected)

    def _on_grouping_combo_activated(self, _index: int) -> None:
        by = self.gruppierung()
        if by is not self._state.layout.by:
            self.set_gruppierung(by)
            self.grouping_chosen.emit(by)

    # --- colours ------------------------------------------------------------------------------------

    def colour_mode(self) -> ColourMode:
        mode = self.colour_combo.currentData()
        return mode if isinstance(mode, ColourMode) else ColourMode.AMPEL

    def set_colour_mode(self, mode: ColourMode) -> None:
        self.colour_combo.setCurrentIndex(self.colour_combo.findData(mode))

    def _on_colour_combo_current_index_changed(self, _index: int) -> None:
        self.scene.set_colour_mode(self.colour_mode())
        self._update_legend()
        self._repaint()

    def _update_legend(self) -> None:
        self.legend_label.setText(legend_html(self.colour_mode(), self._state.scheme))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Paint in the colours of a new palette (a high-contrast theme switched on, say)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._state.scheme = screen_scheme(self.palette())
            self.scene.set_scheme(self._state.scheme)
            self._update_legend()
            self._repaint()

    # --- zoom ---------------------------------------------------------------------------------------

    def px_per_day(self) -> float:
        """How many pixels one day is wide now."""
        return self.zoom.px_per_day()

    def zoom_in(self) -> None:
        """One step closer; the selected bar, or else today, stays in place."""
        self.zoom.step(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom.step(1 / ZOOM_STEP)

    def fit(self) -> None:
        """Show the whole time range in the width of the chart (and keep doing so when it resizes)."""
        self.zoom.fit()

    def show_today(self) -> None:
        """Scroll today into the middle of the chart ("Heute", Strg+T)."""
        self.zoom.show_today()

    def _on_chart_resized(self) -> None:
        if self.zoom.follow_width:
            self.zoom.refit()

    # --- mouse --------------------------------------------------------------------------------------

    def _on_row_clicked(self, index: int) -> None:
        row = self._state.layout.row_at(index)
        if row is None:
            return
        if row.record is None:
            self.set_group_folded(row.group.key, not row.group.folded)
            return
        self._set_selection(row.record.nr)
        self.selected.emit(row.record.nr)

    def _on_row_double_clicked(self, index: int) -> None:
        row = self._state.layout.row_at(index)
        if row is not None and row.record is not None:
            self.open_requested.emit(row.record.nr)

    def _on_chart_step_requested(self, steps: int) -> None:
        """Arrows, Bild auf/ab, Pos1/Ende: select the measure so many rows away (headers skipped)."""
        layout = self._state.layout
        current = layout.index_of(self._state.selected or "")
        if current is None:
            current = -1 if steps > 0 else len(layout.rows)
        row = layout.measure_near(current + steps, 1 if steps > 0 else -1)
        if row is not None and row.record is not None and row.record.nr != self._state.selected:
            self.select(row.record.nr)
            self.selected.emit(row.record.nr)

    def _on_chart_open_current_requested(self) -> None:
        if self._state.selected is not None:
            self.open_requested.emit(self._state.selected)

    # --- export -------------------------------------------------------------------------------------

    def _source(self) -> ChartSource:
        return ChartSource(self.scene, self._state.layout, self._state.today, self.colour_mode())

    def export_pdf(
        self, path: str | os.PathLike[str], title: str = DEFAULT_TITLE, stand: date | None = None
    ) -> int:
        """Write the chart as PDF (A4 landscape) to ``path``; the number of pages."""
        with _without_selection(self):
            return timeline_export.export_pdf(path, self._source(), title, stand or self._state.today)

    def print_pages(self, device: QPagedPaintDevice, title: str = DEFAULT_TITLE) -> int:
        """Paint the chart's PDF pages on ``device`` (a printer of the print preview); the page count."""
        with _without_selection(self):
            return timeline_export.paint_chart(device, self._source(), title, self._state.today)

    def export_png(self, path: str | os.PathLike[str]) -> None:
        """Write the whole chart at the current zoom as PNG to ``path``."""
        with _without_selection(self):
            timeline_export.export_png(path, self._source(), self.px_per_day())

    def _on_pdf_action_triggered(self) -> None:
        save_as(self, self._state.today, "pdf", self.tr("PDF-Dokument (*.pdf)"), self.export_pdf)

    def _on_png_action_triggered(self) -> None:
        save_as(self, self._state.today, "png", self.tr("PNG-Bild (*.png)"), self.export_png)


@contextmanager
def _without_selection(view: TimelineView) -> Iterator[None]:
    """Hide the selection highlight while exporting (a printout shows no cursor)."""
    nr = view.selected_nr()
    view._set_selection(None)
    try:
        yield
    finally:
        view._set_selection(nr)
