"""The time scale above the Zeitplan's chart and the label column beside it (Nr. and Maßnahme), which
follow the chart's scrolling and zoom."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QGridLayout, QToolTip, QWidget

from gera_desktop.ui.views.timeline_paint import (
    SCALE_HEIGHT,
    bold_font,
    paint_label_header,
    paint_labels,
    paint_scale,
    scale_labels,
)
from gera_desktop.ui.views.timeline_rows import bar_tooltip, group_tooltip
from gera_desktop.ui.views.timeline_style import ROW_HEIGHT
from gera_desktop.ui.views.timeline_widgets import LABEL_WIDTH, ChartView, TimelineState


class ScaleHeader(QWidget):
    """The time scale above the chart, following its horizontal scrolling and zoom."""

    def __init__(self, chart: ChartView, state: TimelineState, parent: QWidget | None = None):
        super().__init__(parent)
        self._chart = chart
        self._state = state
        self.setFixedHeight(round(SCALE_HEIGHT))
        chart.horizontalScrollBar().valueChanged.connect(self.update)

    def labels(self) -> list[str]:
        """The labels the scale shows now, left to right."""
        left = self._chart.scene_left()
        right = left + self.width() / self._chart.px_per_day()
        metrics = QFontMetricsF(bold_font(self.font()))
        axis = self._chart.timeline_scene().axis
        return [label for _, label in scale_labels(axis, self._chart.px_per_day(), left, right, metrics)]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        scene = self._chart.timeline_scene()
        px_per_day, left = self._chart.px_per_day(), self._chart.scene_left()
        paint_scale(painter, QRectF(self.rect()), scene.axis, px_per_day, left, self._state.scheme)
        painter.end()


class LabelHeader(QWidget):
    """The column titles above the labels: "Nr." and "Maßnahme"."""

    def __init__(self, state: TimelineState, parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self.setFixedSize(LABEL_WIDTH, round(SCALE_HEIGHT))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        paint_label_header(painter, QRectF(self.rect()), self._state.scheme)
        painter.end()


class LabelColumn(QWidget):
    """Nr. and title of each row beside the chart; stays in place when the chart scrolls sideways."""

    row_clicked = Signal(int)
    row_double_clicked = Signal(int)

    def __init__(self, chart: ChartView, state: TimelineState, parent: QWidget | None = None):
        super().__init__(parent)
        self._chart = chart
        self._state = state
        self.setFixedWidth(LABEL_WIDTH)
        chart.verticalScrollBar().valueChanged.connect(self.update)

    def row_at(self, y: float) -> int:
        return int((self._chart.scene_top() + y) // ROW_HEIGHT)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        state = self._state
        painter.fillRect(self.rect(), QColor(state.scheme.background))
        rect = QRectF(0, 0, self.width(), self._chart.viewport().height())  # not beside the scroll bar
        first_row = self._chart.scene_top() / ROW_HEIGHT
        paint_labels(painter, rect, state.layout, first_row, state.selected, state.scheme)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.row_clicked.emit(self.row_at(event.position().y()))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.row_double_clicked.emit(self.row_at(event.position().y()))

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        QApplication.sendEvent(self._chart.viewport(), event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self._state.layout.row_at(self.row_at(event.pos().y()))
            if row is None:
                QToolTip.hideText()
            else:
                text = group_tooltip(row.group) if row.record is None else bar_tooltip(row.record)
                QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)


@dataclass(frozen=True)
class Frame:
    """The chart with its column titles, its time scale and its labels, on one ``page``."""

    page: QWidget
    titles: LabelHeader
    scale: ScaleHeader
    labels: LabelColumn


def framed(chart: ChartView, state: TimelineState, parent: QWidget) -> Frame:
    """Put ``chart`` on a page below its time scale, its labels on the left."""
    page = QWidget(parent)
    grid = QGridLayout(page)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setSpacing(0)
    titles, scale = LabelHeader(state, page), ScaleHeader(chart, state, page)
    frame = Frame(page, titles, scale, LabelColumn(chart, state, page))
    grid.addWidget(frame.titles, 0, 0)
    grid.addWidget(frame.scale, 0, 1)
    grid.addWidget(frame.labels, 1, 0)
    grid.addWidget(chart, 1, 1)
    return frame
