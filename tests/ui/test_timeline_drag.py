"""Dragging dates in the Zeitplan: a bar, one of its ends or a milestone, with Alt held or in the edit
mode; each drag one undoable step through the core, checked like a form edit, refused in German."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest

from gera_desktop.domain.records import MassnahmeData
from gera_desktop.persistence.database import Database
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.views.timeline import TimelineView
from gera_desktop.ui.views.timeline_style import ROW_HEIGHT
from tests.ui import timeline_support as tl

ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier
PX_PER_DAY = 4.0
NR = "UM-04"  # 01.04.2023 – 31.03.2026, a milestone on 31.03.2024


@pytest.fixture
def service(demo: Database) -> MassnahmenService:
    return MassnahmenService(demo, user="Frau Schmidt")


@pytest.fixture
def stack(qtbot) -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def view(qtbot, service: MassnahmenService, operations: Operations, stack: QUndoStack) -> TimelineView:
    view = tl.shown_view(qtbot, service.list())
    view.enable_editing(operations, stack)
    view.set_editable(True)
    view.zoom.zoom(PX_PER_DAY / view.px_per_day(), 0.0)  # four pixels a day: 40 pixels are ten days
    view.select(NR)
    return view


def _x(view: TimelineView, scene_x: float) -> int:
    return view.chart.mapFromScene(QPointF(scene_x, 0)).x()


def _y(view: TimelineView, nr: str) -> int:
    return view.chart.mapFromScene(QPointF(0, (tl.row(view, nr) + 0.5) * ROW_HEIGHT)).y()


def _drag(view: TimelineView, start: QPoint, days: int, modifier=ALT) -> None:
    """Press at ``start``, move ``days`` to the right in three steps, release."""
    viewport = view.chart.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifier, start)
    end = start + QPoint(round(days * PX_PER_DAY), 0)
    for part in (1, 2, 3):
        QTest.mouseMove(viewport, start + (end - start) * part / 3)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifier, end)


def _saved(qtbot, operations: Operations, stack: QUndoStack, count: int = 1) -> None:
    qtbot.waitUntil(lambda: stack.count() == count and not operations.busy)


def _shown(view: TimelineView, nr: str) -> MassnahmeData:
    return next(r for r in view.records() if r.nr == nr)


def test_alt_drag_moves_the_bar_as_one_undoable_step(qtbot, view, service, operations, stack) -> None:
    before = service.get(NR)
    bar = tl.bar_rect(view, NR)
    middle = QPoint(_x(view, bar.center().x()), _y(view, NR))
    scrolled = view.chart.horizontalScrollBar().value(), view.chart.verticalScrollBar().value()

    _drag(view, middle, 10)
    _saved(qtbot, operations, stack)

    stored = service.get(NR)
    assert (stored.beginn, stored.ende) == (before.beginn + timedelta(10), before.ende + timedelta(10))
    assert stored.meilensteine == before.meilensteine
    assert stored.finanzen == before.finanzen
    assert stack.undoText() == f"Zeitplan: Laufzeit von {NR}"
    assert tl.bar_rect(view, NR).left() == pytest.approx(bar.left() + 10)  # shown as stored
    assert view.px_per_day() == pytest.approx(PX_PER_DAY)  # the chart stays where it was
    assert (view.chart.horizontalScrollBar().value(), view.chart.verticalScrollBar().value()) == scrolled
    assert view.selected_nr() == NR

    stack.undo()
    qtbot.waitUntil(lambda: not operations.busy)
    restored = service.get(NR)
    assert (restored.beginn, restored.ende) == (before.beginn, before.ende)


def test_dragging_an_end_changes_only_that_date(qtbot, view, service, operations, stack) -> None:
    before = service.get(NR)
    bar = tl.bar_rect(view, NR)
    y = _y(view, NR)

    _drag(view, QPoint(_x(view, bar.right()) - 1, y), -30)
    _saved(qtbot, operations, stack)
    assert (service.get(NR).beginn, service.get(NR).ende) == (before.beginn, before.ende - timedelta(30))

    bar = tl.bar_rect(view, NR)
    _drag(view, QPoint(_x(view, bar.left()) + 1, y), 5)
    _saved(qtbot, operations, stack, 2)
    assert (service.get(NR).beginn, service.get(NR).ende) == (
        before.beginn + timedelta(5),
        before.ende - timedelta(30),
    )
    assert stack.undoText() == f"Zeitplan: Beginn von {NR}"


def test_dragging_a_milestone_changes_its_termin(qtbot, view, service, operations, stack) -> None:
    before = service.get(NR)
    milestone = before.meilensteine[0]
    mark = next(m for m in view.scene.marks_in_row(tl.row(view, NR)) if m.milestone == milestone)

    _drag(view, QPoint(_x(view, mark.x), _y(view, NR)), 7)
    _saved(qtbot, operations, stack)

    stored = service.get(NR)
    assert stored.meilensteine[0] == replace(milestone, termin=milestone.termin + timedelta(7))
    assert (stored.beginn, stored.ende) == (before.beginn, before.ende)
    assert stack.undoText() == f"Zeitplan: Meilenstein „{milestone.bezeichnung}“ von {NR}"
    stack.undo()
    qtbot.waitUntil(lambda: not operations.busy)
    assert service.get(NR).meilensteine == before.meilensteine


def test_without_alt_nothing_moves_unless_the_edit_mode_is_on(
    qtbot, view, service, operations, stack
) -> None:
    before = service.get(NR)
    middle = QPoint(_x(view, tl.bar_rect(view, NR).center().x()), _y(view, NR))

    _drag(view, middle, 10, NONE)
    assert stack.count() == 0
    assert not operations.busy
    assert service.get(NR).beginn == before.beginn

    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    assert view.edit_button.isChecked()
    _drag(view, middle, 10, NONE)
    _saved(qtbot, operations, stack)
    assert service.get(NR).beginn == before.beginn + timedelta(10)


def test_the_bar_follows_the_mouse_and_esc_lets_go(qtbot, view, service, operations, stack) -> None:
    bar = tl.bar_rect(view, NR)
    viewport = view.chart.viewport()
    start = QPoint(_x(view, bar.center().x()), _y(view, NR))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, ALT, start)
    QTest.mouseMove(viewport, start + QPoint(20, 0))
    assert tl.bar_rect(view, NR).left() == pytest.approx(bar.left() + 5)  # drawn where it would go

    qtbot.keyClick(view.chart, Qt.Key.Key_Escape)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, ALT, start + QPoint(20, 0))
    assert tl.bar_rect(view, NR).left() == pytest.approx(bar.left())
    assert stack.count() == 0
    assert not operations.busy


def test_an_end_before_the_beginn_is_refused_and_snaps_back(
    qtbot, view, service, operations, stack, warnings
):
    before = service.get(NR)
    bar = tl.bar_rect(view, NR)
    days = (before.ende - before.beginn).days + 20

    _drag(view, QPoint(_x(view, bar.right()) - 1, _y(view, NR)), -days)
    qtbot.waitUntil(lambda: bool(warnings))

    assert warnings[0].startswith(f"Zeitplan: Ende von {NR}: nichts geändert.")
    assert "Das Ende (" in warnings[0]
    assert "liegt vor dem Beginn" in warnings[0]
    assert "Error" not in warnings[0]
    assert tl.bar_rect(view, NR) == bar
    assert stack.count() == 0
    assert service.get(NR).ende == before.ende


def test_someone_elses_change_meanwhile_is_not_overwritten(qtbot, view, service, operations, stack, warnings):
    other = MassnahmenService(service._db, user="Herr Meier")
    other.update(replace(other.get(NR), titel="Neuer Titel"))
    bar = tl.bar_rect(view, NR)

    _drag(view, QPoint(_x(view, bar.center().x()), _y(view, NR)), 10)
    qtbot.waitUntil(lambda: bool(warnings))

    assert "wurde inzwischen von Herr Meier" in warnings[0]
    assert tl.bar_rect(view, NR) == bar
    assert service.get(NR).beginn == _shown(view, NR).beginn
    assert stack.count() == 0


def test_read_only_nothing_can_be_dragged(qtbot, view, service, operations, stack) -> None:
    before = service.get(NR)
    view.set_editable(False)
    point = QPoint(_x(view, tl.bar_rect(view, NR).center().x()), _y(view, NR))

    _drag(view, point, 10)

    assert not view.edit_button.isEnabled()
    assert stack.count() == 0
    assert not operations.busy
    assert service.get(NR).beginn == before.beginn
    assert "ziehen" not in tl.tooltip(view, point)


def test_tooltips_tell_how_to_drag(view: TimelineView) -> None:
    point = QPoint(_x(view, tl.bar_rect(view, NR).center().x()), _y(view, NR))
    text = tl.tooltip(view, point)
    assert "Alt gedrückt halten und ziehen: Laufzeit verschieben" in text
    mark = view.scene.marks_in_row(tl.row(view, NR))[0]
    milestone = tl.tooltip(view, QPoint(_x(view, mark.x), _y(view, NR)))
    assert "Alt gedrückt halten und ziehen: Termin verschieben" in milestone
    assert "Umsetzungsstand" in milestone
    assert "Ampel" in milestone
    assert "Alt gedrückt halten" in view.chart.viewport().statusTip()
    view.edit_button.setChecked(True)
    assert "Ziehen: Laufzeit verschieben" in tl.tooltip(view, point)


def test_in_the_window_a_drag_is_undone_with_strg_z(qtbot, window) -> None:
    window.show_view(1)
    timeline = window.timeline
    qtbot.waitUntil(lambda: timeline.scene.bar(NR) is not None and not window.operations.busy)
    assert timeline.edit_button.isEnabled()  # the database may be written
    timeline.zoom.zoom(PX_PER_DAY / timeline.px_per_day(), 0.0)
    timeline.select(NR)
    before = _shown(timeline, NR)

    _drag(timeline, QPoint(_x(timeline, tl.bar_rect(timeline, NR).center().x()), _y(timeline, NR)), 10)
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1 and not window.operations.busy)
    assert _shown(timeline, NR).beginn == before.beginn + timedelta(10)
    qtbot.waitUntil(lambda: window.detail.current_nr() == NR)
    qtbot.waitUntil(lambda: window.detail.current_record().beginn == before.beginn + timedelta(10))

    window.commands.undo.trigger()
    qtbot.waitUntil(lambda: _shown(timeline, NR).beginn == before.beginn and not window.operations.busy)
    assert _shown(timeline, NR).ende == before.ende
