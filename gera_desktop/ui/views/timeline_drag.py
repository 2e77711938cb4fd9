"""Dragging dates in the Zeitplan: a bar moves Beginn and Ende together, one of its ends moves one of them,
a milestone's diamond moves its Termin, always by whole days. Only with Alt held or in the edit mode
("Ziehen" in the toolbar), so that nothing moves by accident; what the drag gives is a ``DateChange``
that ``timeline_edit`` saves like a form edit."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from enum import Enum

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication, QGraphicsView

from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.ui.views.timeline_rows import RowLayout, laufzeit
from gera_desktop.ui.views.timeline_scene import TimelineScene
from gera_desktop.ui.views.timeline_style import DIAMOND, ROW_HEIGHT

DRAG_MODIFIER = Qt.KeyboardModifier.AltModifier
"""The key held to drag (Strg is taken: with the mouse wheel it zooms)."""
EDGE = 5.0
"""How near to a bar's end (in pixels) a press grabs that end instead of the whole bar."""


class Part(Enum):
    """What a drag changes (the text names it in messages and the undo step)."""

    LAUFZEIT = "Laufzeit"
    BEGINN = "Beginn"
    ENDE = "Ende"
    TERMIN = "Termin"


@dataclass(frozen=True)
class Grip:
    """What a press took hold of: the measure as shown, the part, the milestone's position (TERMIN)."""

    record: MassnahmeData
    part: Part
    milestone: int = -1


@dataclass(frozen=True)
class DateChange:
    """A finished drag: the measure as it was shown (``before``) and with the new dates (``after``)."""

    part: Part
    before: MassnahmeData
    after: MassnahmeData
    milestone: int = -1

    @property
    def title(self) -> str:
        """The step's name: ``Zeitplan: Laufzeit von P-01``, ``Zeitplan: Meilenstein „Start“ von P-01``."""
        if self.part is Part.TERMIN:
            name = self.before.meilensteine[self.milestone].bezeichnung
            return f"Zeitplan: Meilenstein „{name}“ von {self.before.nr}"
        return f"Zeitplan: {self.part.value} von {self.before.nr}"


def moved(grip: Grip, days: int) -> MassnahmeData:
    """The measure with the grabbed dates ``days`` later (earlier when negative)."""
    record, delta = grip.record, timedelta(days=days)
    if grip.part is Part.LAUFZEIT:
        return replace(record, beginn=record.beginn + delta, ende=record.ende + delta)
    if grip.part is Part.BEGINN:
        return replace(record, beginn=record.beginn + delta)
    if grip.part is Part.ENDE:
        return replace(record, ende=record.ende + delta)
    milestones = list(record.meilensteine)
    milestone = milestones[grip.milestone]
    milestones[grip.milestone] = replace(milestone, termin=milestone.termin + delta)
    return replace(record, meilensteine=milestones)


def describe(grip: Grip, after: MassnahmeData) -> str:
    """What the drag would change, for the status bar: ``P-01: Beginn 01.03.2025 → 15.03.2025``."""
    before = grip.record
    if grip.part is Part.LAUFZEIT:
        return f"{before.nr}: Laufzeit {laufzeit(before)} → {laufzeit(after)}"
    if grip.part is Part.TERMIN:
        old, new = before.meilensteine[grip.milestone], after.meilensteine[grip.milestone]
        days = f"{format_date(old.termin)} → {format_date(new.termin)}"
        return f"{before.nr}: Meilenstein „{old.bezeichnung}“ {days}"
    key = "beginn" if grip.part is Part.BEGINN else "ende"
    old_day, new_day = format_date(getattr(before, key)), format_date(getattr(after, key))
    return f"{before.nr}: {grip.part.value} {old_day} → {new_day}"


def hint(part: Part, edit_mode: bool) -> str:
    """How to drag ``part``, for its tooltip: with Alt held, or plainly in the edit mode."""
    how = "Ziehen" if edit_mode else "Alt gedrückt halten und ziehen"
    if part is Part.TERMIN:
        return f"{how}: Termin verschieben"
    return f"{how}: Laufzeit verschieben; an einem Ende ziehen: Beginn oder Ende ändern"


def grip_at(view: QGraphicsView, scene: TimelineScene, layout: RowLayout, pos: QPoint) -> Grip | None:
    """The milestone, bar end or bar under viewport position ``pos`` (diamonds first: they lie on top)."""
    index = int(view.mapToScene(pos).y() // ROW_HEIGHT)
    row = layout.row_at(index)
    if row is None or row.record is None:
        return None
    record = scene.chart.shown(index)
    assert record is not None
    for number, mark in enumerate(scene.marks_in_row(index)):
        if abs(view.mapFromScene(QPointF(mark.x, 0)).x() - pos.x()) <= DIAMOND + 1:
            return Grip(record, Part.TERMIN, number)
    bar = scene.bar_scene_rect(record.nr)
    if bar is None:
        return None
    left, right = view.mapFromScene(bar.topLeft()).x(), view.mapFromScene(bar.topRight()).x()
    edge = min(EDGE, (right - left) / 3)
    if not left - 1 <= pos.x() <= right + 1:
        return None
    if pos.x() <= left + edge:
        return Grip(record, Part.BEGINN)
    if pos.x() >= right - edge:
        return Grip(record, Part.ENDE)
    return Grip(record, Part.LAUFZEIT)


def cursor_for(part: Part) -> Qt.CursorShape:
    """The mouse pointer over what can be dragged: arrows at an end, a hand over a bar or diamond."""
    return Qt.CursorShape.SizeHorCursor if part in (Part.BEGINN, Part.ENDE) else Qt.CursorShape.OpenHandCursor


class Drag:
    """One drag on the chart, from press to release: snapped to whole days, started only once the
    mouse moved the system's drag distance (a plain click only selects)."""

    def __init__(self, view: QGraphicsView, grip: Grip, pos: QPoint) -> None:
        self._view = view
        self.grip = grip
        self._start = pos
        self._start_x = view.mapToScene(pos).x()
        self.started = False
        self.after = grip.record

    def move(self, pos: QPoint) -> bool:
        """Follow the mouse; True when the dates shown changed."""
        if not self.started and (pos - self._start).manhattanLength() < QApplication.startDragDistance():
            return False
        self.started = True
        days = round(self._view.mapToScene(pos).x() - self._start_x)
        after = moved(self.grip, days)
        changed = after != self.after
        self.after = after
        return changed

    def change(self) -> DateChange | None:
        """What the drag changed (None: nothing, or it never started)."""
        if not self.started or self.after == self.grip.record:
            return None
        return DateChange(self.grip.part, self.grip.record, self.after, self.grip.milestone)
