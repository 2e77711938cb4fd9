"""Zooming and scrolling the Zeitplan in time: "Alles zeigen" (following the window's width), zoom steps
that keep the selected bar, or else today, in place on screen, and "Heute" (today in the middle)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QAbstractButton

from gera_desktop.ui.views.timeline_paint import today_x
from gera_desktop.ui.views.timeline_widgets import MAX_PX_PER_DAY, MIN_PX_PER_DAY, ChartView, TimelineState

ZOOM_STEP = 1.5
FIT_MARGIN = 12


class Zoom:
    """How many pixels a day gets in ``chart``; keeps the zoom buttons and "Heute" enabled as fits."""

    def __init__(
        self,
        chart: ChartView,
        state: TimelineState,
        buttons: tuple[QAbstractButton, QAbstractButton, QAbstractButton],
        repaint: Callable[[], None],
    ) -> None:
        self._chart = chart
        self._state = state
        self._zoom_out, self._zoom_in, self._today = buttons
        self._repaint = repaint
        self.follow_width = True

    def px_per_day(self) -> float:
        return self._chart.px_per_day()

    def step(self, factor: float) -> None:
        """Zoom by ``factor`` around the selected bar, else today, else the middle (see ``anchor``)."""
        self.zoom(factor, self.anchor())

    def zoom(self, factor: float, anchor: float) -> None:
        """Zoom by ``factor``; what is at viewport x ``anchor`` stays there."""
        self.follow_width = False
        self.apply(self.px_per_day() * factor, anchor)

    def fit(self) -> None:
        """Show the whole time range in the width of the chart (and keep doing so when it resizes)."""
        self.follow_width = True
        self.apply(self.fit_px(), 0.0)
        self._chart.horizontalScrollBar().setValue(0)

    def refit(self) -> None:
        """After new measures or a resize: fit again when following the width, else keep the zoom."""
        self.apply(self.fit_px() if self.follow_width else self.px_per_day(), 0.0)

    def fit_px(self) -> float:
        width = max(self._chart.viewport().width() - FIT_MARGIN, 50)
        days = self._chart.timeline_scene().axis.days
        return min(max(width / days, MIN_PX_PER_DAY), MAX_PX_PER_DAY)

    def apply(self, px: float, anchor: float) -> None:
        lowest = self.fit_px()  # zooming out further would only show empty space
        px = min(max(px, lowest), MAX_PX_PER_DAY)
        self._chart.set_px_per_day(px, anchor)
        self._zoom_in.setEnabled(px < MAX_PX_PER_DAY)
        self._zoom_out.setEnabled(px > lowest)
        self._today.setEnabled(self.today_x() is not None)
        self._repaint()

    def anchor(self) -> float:
        """The viewport x a zoom step keeps in place: the middle of the selected bar when it is in view
        (the nearest point of the bar in view when only a part is), else the today line when it is in
        view, else the middle of the chart."""
        width = float(self._chart.viewport().width())
        bar = self._chart.timeline_scene().bar_scene_rect(self._state.selected or "")
        if bar is not None:
            left = max(self._viewport_x(bar.left()), 0.0)
            right = min(self._viewport_x(bar.right()), width)
            if left <= right and self._row_in_view(bar.center().y()):
                return min(max(self._viewport_x(bar.center().x()), left), right)
        today = self.today_x()
        if today is not None and 0 <= self._viewport_x(today) <= width:
            return self._viewport_x(today)
        return width / 2

    def today_x(self) -> float | None:
        """The scene x of the today line (``None``: today lies outside the years shown)."""
        return today_x(self._chart.timeline_scene().axis, self._state.today)

    def show_today(self) -> None:
        """Scroll sideways so that the today line is in the middle of the chart (when it is shown)."""
        x = self.today_x()
        if x is None:
            return
        half = self._chart.viewport().width() / 2
        self._chart.horizontalScrollBar().setValue(round(x * self.px_per_day() - half))
        self._repaint()

    def _viewport_x(self, scene_x: float) -> float:
        return self._chart.mapFromScene(QPointF(scene_x, 0)).x()

    def _row_in_view(self, scene_y: float) -> bool:
        y = self._chart.mapFromScene(QPointF(0, scene_y)).y()
        return 0 <= y <= self._chart.viewport().height()
