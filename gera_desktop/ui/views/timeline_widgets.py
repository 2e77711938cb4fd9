"""The chart of the Zeitplan on screen: a QGraphicsView zooming in x only, where a click selects, the
keyboard moves between the bars and bars and milestones can be dragged (see ``timeline_drag``); the time
scale and the labels beside it follow it (``timeline_headers``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QStatusTipEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QFrame, QGraphicsView, QToolTip, QWidget

from gera_desktop.ui.views.timeline_colours import screen_scheme
from gera_desktop.ui.views.timeline_drag import (
    DRAG_MODIFIER,
    Drag,
    Grip,
    Part,
    cursor_for,
    describe,
    grip_at,
    hint,
)
from gera_desktop.ui.views.timeline_paint import (
    paint_grid,
    paint_row_bands,
    paint_today_tag,
    today_x,
)
from gera_desktop.ui.views.timeline_rows import RowLayout, bar_tooltip, group_tooltip, milestone_tooltip
from gera_desktop.ui.views.timeline_scene import Mark, TimelineScene
from gera_desktop.ui.views.timeline_style import DIAMOND, ROW_HEIGHT, Scheme

LABEL_WIDTH = 320
"""Width of the label column when the timeline has room; it shrinks in a narrow window."""
MIN_LABEL_WIDTH = 190
LABEL_SHARE = 0.3


def label_width(total: int) -> int:
    """How wide the label column is in a timeline ``total`` pixels wide."""
    return max(MIN_LABEL_WIDTH, min(LABEL_WIDTH, round(total * LABEL_SHARE)))


MIN_PX_PER_DAY = 0.05
MAX_PX_PER_DAY = 12.0


@dataclass
class TimelineState:
    """What the chart, the scale and the label column share."""

    layout: RowLayout = field(default_factory=RowLayout)
    today: date = field(default_factory=date.today)
    selected: str | None = None
    editable: bool = False
    """Dates may be dragged (a writable database, no Stand shown, the view can save)."""
    edit_mode: bool = False
    """Dragging needs no Alt ("Ziehen" in the toolbar)."""
    scheme: Scheme = field(default_factory=lambda: screen_scheme(QGuiApplication.palette()))
    """The colours on screen (from the view's palette)."""


class ChartView(QGraphicsView):
    """The bars; a click or double-click names its row, Ctrl+wheel asks to zoom."""

    row_clicked = Signal(int)
    row_double_clicked = Signal(int)
    zoom_requested = Signal(float, float)  # factor, viewport x that stays in place
    zoom_step_requested = Signal(float)  # + or -: factor (around the selected bar or today)
    step_requested = Signal(int)  # rows to go: arrows ±1, Bild auf/ab a page, Pos1/Ende all
    open_current_requested = Signal()  # Enter
    resized = Signal()
    drag_moved = Signal(object)  # the measure with the dates dragged so far
    drag_finished = Signal(object)  # a DateChange, or None (nothing changed, Esc)

    def __init__(self, scene: TimelineScene, state: TimelineState, parent: QWidget | None = None):
        super().__init__(scene, parent)
        self._state = state
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setMouseTracking(True)
        self._drag: Drag | None = None

    def timeline_scene(self) -> TimelineScene:
        scene = self.scene()
        assert isinstance(scene, TimelineScene)
        return scene

    # --- geometry -----------------------------------------------------------------------------------

    def px_per_day(self) -> float:
        return self.transform().m11()

    def set_px_per_day(self, px: float, anchor: float) -> None:
        """Zoom so that a day is ``px`` pixels wide; the scene x at viewport x ``anchor`` stays there."""
        scene_x = self.mapToScene(QPoint(round(anchor), 0)).x()
        self.setTransform(QTransform.fromScale(px, 1.0))
        self.horizontalScrollBar().setValue(round(scene_x * px - anchor))

    def scene_left(self) -> float:
        """The scene x at the viewport's left edge."""
        return self.mapToScene(QPoint(0, 0)).x()

    def scene_top(self) -> float:
        return self.mapToScene(QPoint(0, 0)).y()

    def row_at(self, pos: QPoint) -> int:
        return int(self.mapToScene(pos).y() // ROW_HEIGHT)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.resized.emit()

    # --- painting -----------------------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802
        rect = QRectF(rect)
        state = self._state
        painter.fillRect(rect, QColor(state.scheme.background))
        paint_row_bands(painter, state.layout, rect, state.selected, state.scheme)
        paint_grid(painter, self.timeline_scene().axis, self.px_per_day(), rect, state.scheme)

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802
        x = today_x(self.timeline_scene().axis, self._state.today)
        if x is None or not self._state.layout.rows:
            return
        painter.save()
        painter.resetTransform()
        left = self.mapFromScene(QPointF(x, 0)).x()
        paint_today_tag(painter, left, 2, self.viewport().width(), self._state.scheme)
        painter.restore()

    # --- mouse and tooltips -------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            pos = event.position().toPoint()
            self.row_clicked.emit(self.row_at(pos))
            grip = self._grip(pos, event.modifiers())
            if grip is not None:
                self._drag = Drag(self, grip, pos)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position().toPoint()
        drag = self._drag
        if drag is None:
            grip = self._grip(pos, event.modifiers())
            self.viewport().setCursor(cursor_for(grip.part)) if grip else self.viewport().unsetCursor()
            super().mouseMoveEvent(event)
            return
        if drag.move(pos):
            self.drag_moved.emit(drag.after)
            self.show_status(describe(drag.grip, drag.after))
        if drag.started and drag.grip.part in (Part.LAUFZEIT, Part.TERMIN):
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            drag, self._drag = self._drag, None
            self.viewport().unsetCursor()
            self.drag_finished.emit(drag.change())
            return
        super().mouseReleaseEvent(event)

    def set_edit_mode(self, on: bool) -> None:
        """Drag without Alt ("Ziehen" in the toolbar) or only with it."""
        self._state.edit_mode = on

    def cancel_drag(self) -> None:
        """Let go of a drag in progress; the bar goes back to its dates."""
        if self._drag is not None:
            self._drag = None
            self.viewport().unsetCursor()
            self.drag_finished.emit(None)

    def _grip(self, pos: QPoint, modifiers: Qt.KeyboardModifier) -> Grip | None:
        """What a press at ``pos`` would drag (None: nothing, or dragging is not on)."""
        state = self._state
        if not state.editable or not (state.edit_mode or modifiers & DRAG_MODIFIER):
            return None
        return grip_at(self, self.timeline_scene(), state.layout, pos)

    def show_status(self, text: str) -> None:
        """Show ``text`` in the window's status bar (the status tip reaches the main window)."""
        QApplication.sendEvent(self, QStatusTipEvent(text))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.row_double_clicked.emit(self.row_at(event.position().toPoint()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        steps = self._steps(key)
        if steps:
            self.step_requested.emit(steps)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current_requested.emit()
        elif key == Qt.Key.Key_Escape and self._drag is not None:
            self.cancel_drag()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus):
            self.zoom_step_requested.emit(1.25 if key == Qt.Key.Key_Plus else 0.8)
        else:
            super().keyPressEvent(event)

    def _steps(self, key: int) -> int:
        """How many rows a key moves the selection: arrows one, Bild auf/ab a screenful, Pos1/Ende all."""
        page = max(int(self.viewport().height() // ROW_HEIGHT) - 1, 1)
        every = max(len(self._state.layout.rows), 1)
        moves: dict[int, int] = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_PageUp: -page,
            Qt.Key.Key_PageDown: page,
            Qt.Key.Key_Home: -every,
            Qt.Key.Key_End: every,
        }
        return moves.get(key, 0)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_requested.emit(1.25**steps, event.position().x())
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, pos: QPoint) -> str | None:
        """The tooltip of the diamond, bar or group header under viewport position ``pos``."""
        row = self._state.layout.row_at(self.row_at(pos))
        if row is None:
            return None
        if row.record is None:
            return group_tooltip(row.group)
        editable, edit_mode = self._state.editable, self._state.edit_mode
        mark = self._mark_at(pos)
        if mark is not None:
            note = hint(Part.TERMIN, edit_mode) if editable else ""
            return milestone_tooltip(row.record, mark.milestone, self._state.today, note)
        bar = self.timeline_scene().bar_scene_rect(row.record.nr)
        x = self.mapToScene(pos).x()
        if bar is None or not bar.left() <= x <= bar.right():
            return None
        return bar_tooltip(row.record, hint(Part.LAUFZEIT, edit_mode) if editable else "")

    def _mark_at(self, pos: QPoint) -> Mark | None:
        for mark in self.timeline_scene().marks_in_row(self.row_at(pos)):
            centre = self.mapFromScene(QPointF(mark.x, 0)).x()
            if abs(centre - pos.x()) <= DIAMOND + 1:
                return mark
        return None
