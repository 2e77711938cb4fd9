"""The runner of the application core's operations: one ``changed`` per write, writes one at a time, reads
after the writes asked before them, undo and redo off while a write runs, errors as German messages."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import shiboken6
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMainWindow, QWidget

from gera_desktop.domain.errors import NotFoundError
from gera_desktop.persistence.database import Database
from gera_desktop.services.changes import Changes, Outcome
from gera_desktop.services.core import Anwendung
from gera_desktop.ui.main_menu import MainActions
from gera_desktop.ui.operations import Operations, Steps
from tests.records import measure

WAIT = 5  # seconds a worker may wait at most for the test


@pytest.fixture
def core(database: Database) -> Anwendung:
    return Anwendung.on(database, user="test")


@pytest.fixture
def operations(qtbot, core: Anwendung) -> Operations:
    return Operations(core)


class Held:
    """Work that waits in its worker thread until the test lets it go."""

    def __init__(self, result: Any = None) -> None:
        self.started, self.go = threading.Event(), threading.Event()
        self.result = result

    def __call__(self, _core: Anwendung, _steps: Steps) -> Any:
        self.started.set()
        assert self.go.wait(WAIT)
        return self.result


def test_a_write_announces_its_changes_once_after_its_own_callback(qtbot, operations: Operations) -> None:
    heard: list[object] = []
    operations.changed.connect(lambda changes: heard.append(changes))

    def create(core: Anwendung, _steps: Steps) -> Outcome[Any]:
        return core.create(measure("P-01"))

    with qtbot.waitSignal(operations.changed):
        operations.write(create, on_success=lambda record: heard.append(record.nr))

    created = operations.core.get("P-01").id
    assert heard == ["P-01", Changes.of(created=[created or 0])]


def test_a_read_announces_nothing(qtbot, operations: Operations) -> None:
    heard: list[object] = []
    operations.changed.connect(heard.append)
    results: list[object] = []

    operations.read(lambda core, _steps: core.list_records(), on_success=results.append)
    qtbot.waitUntil(lambda: bool(results))

    assert results == [[]]
    assert heard == []
    assert not operations.busy


def test_writes_run_one_at_a_time_in_the_order_asked(qtbot, operations: Operations) -> None:
    first, second = Held(Outcome("erste")), Held(Outcome("zweite"))
    done: list[str] = []

    operations.write(first, on_success=done.append)
    operations.write(second, on_success=done.append)
    assert first.started.wait(WAIT)

    assert operations.writing
    assert not second.started.is_set()
    first.go.set()
    qtbot.waitUntil(second.started.is_set)
    second.go.set()
    qtbot.waitUntil(lambda: not operations.busy)
    assert done == ["erste", "zweite"]


def test_a_read_asked_during_a_write_sees_what_it_wrote(qtbot, operations: Operations) -> None:
    gate = threading.Event()
    seen: list[list[str]] = []

    def create(core: Anwendung, _steps: Steps) -> Outcome[Any]:
        assert gate.wait(WAIT)
        return core.create(measure("P-01"))

    operations.write(create)
    operations.read(lambda core, _steps: [r.nr for r in core.list_records()], on_success=seen.append)
    gate.set()
    qtbot.waitUntil(lambda: bool(seen))

    assert seen == [["P-01"]]


def test_reads_run_side_by_side_while_nothing_writes(qtbot, operations: Operations) -> None:
    slow = Held("langsam")
    done: list[str] = []

    operations.read(slow, on_success=done.append)
    assert slow.started.wait(WAIT)
    operations.read(lambda _core, _steps: "schnell", on_success=done.append)
    qtbot.waitUntil(lambda: done == ["schnell"])
    slow.go.set()

    qtbot.waitUntil(lambda: done == ["schnell", "langsam"])


def test_undo_and_redo_are_off_while_a_write_runs(qtbot, operations: Operations) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    stack = QUndoStack(window)
    actions = MainActions(window, stack, operations)
    stack.push(QUndoCommand("Änderung an P-01"))
    assert actions.undo.isEnabled()
    held = Held(Outcome(None))

    operations.write(held)
    assert held.started.wait(WAIT)
    qtbot.waitUntil(lambda: not actions.undo.isEnabled())
    held.go.set()

    qtbot.waitUntil(lambda: actions.undo.isEnabled())
    assert actions.undo.text() == "&Rückgängig: Änderung an P-01"


def test_our_error_becomes_a_german_message_and_changes_nothing(
    qtbot, operations: Operations, warnings: list[str]
) -> None:
    heard: list[object] = []
    operations.changed.connect(heard.append)

    operations.write(lambda core, _steps: core.delete("P-99", None))
    qtbot.waitUntil(lambda: bool(warnings))

    assert warnings == ["Eine Maßnahme mit der Nr. „P-99“ gibt es nicht."]
    assert heard == []
    assert not operations.writing


def test_an_error_goes_to_the_callback_that_takes_it(qtbot, operations: Operations, warnings) -> None:
    failures: list[BaseException] = []

    operations.read(lambda core, _steps: core.get("P-99"), on_failed=failures.append)
    qtbot.waitUntil(lambda: bool(failures))

    assert isinstance(failures[0], NotFoundError)
    assert warnings == []


def test_a_waiting_operation_cancelled_never_starts(qtbot, operations: Operations) -> None:
    first, second = Held(Outcome(None)), Held(Outcome(None))
    cancelled: list[bool] = []

    operations.write(first)
    waiting = operations.write(second, on_cancelled=lambda: cancelled.append(True))
    assert first.started.wait(WAIT)
    waiting.cancel()
    first.go.set()

    qtbot.waitUntil(lambda: not operations.busy)
    assert cancelled == [True]
    assert not second.started.is_set()


def test_the_callbacks_of_a_closed_widget_are_skipped(qtbot, operations: Operations) -> None:
    widget = QWidget()
    held = Held("spät")
    results: list[object] = []

    operations.read(held, on_success=results.append, parent=widget)
    assert held.started.wait(WAIT)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(widget))
    held.go.set()

    qtbot.waitUntil(lambda: not operations.busy)
    assert results == []


def test_a_callback_that_fails_does_not_stop_the_writes_after_it(qtbot, operations: Operations) -> None:
    done: list[str] = []

    def broken(_value: object) -> None:
        raise RuntimeError("kaputt im Aufrufer")

    with qtbot.capture_exceptions() as exceptions:
        operations.write(lambda _core, _steps: Outcome("erste"), on_success=broken)
        operations.write(lambda _core, _steps: Outcome("zweite"), on_success=done.append)
        qtbot.waitUntil(lambda: done == ["zweite"])

    assert [str(error) for _kind, error, _trace in exceptions] == ["kaputt im Aufrufer"]
    assert not operations.busy
