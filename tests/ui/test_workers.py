"""Background work: results, errors, progress and cancellation arrive in the GUI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from gera_desktop.domain.errors import GeraError
from gera_desktop.ui.workers import TaskProgress, run_task, run_with_progress, show_error

WAIT = 5  # seconds a worker may take at most to notice an event of the test


class StoppedError(GeraError):
    def __init__(self) -> None:
        super().__init__("abgebrochen")


def _gui_thread() -> QThread:
    app = QApplication.instance()
    assert app is not None
    return app.thread()


def test_a_task_delivers_its_result_in_the_gui_thread(qtbot) -> None:
    threads: list[bool] = []
    worker_threads: list[int] = []

    def work(progress, cancelled):
        worker_threads.append(threading.get_ident())
        return sum(range(10))

    def done(result: int) -> None:
        threads.append(QThread.currentThread() is _gui_thread())

    task = run_task(work, on_done=done)
    with qtbot.waitSignal(task.succeeded) as blocker:
        pass

    assert blocker.args == [45]
    assert threads == [True]
    assert worker_threads != [threading.get_ident()]
    assert not task.running


def test_an_exception_arrives_as_failed(qtbot) -> None:
    failures: list[BaseException] = []

    def work(progress, cancelled):
        raise GeraError("Die Datei ist gesperrt.")

    task = run_task(work, on_failed=failures.append)
    with qtbot.waitSignals([task.failed, task.ended], order="strict"):
        pass

    (error,) = failures
    assert isinstance(error, GeraError)
    assert error.message == "Die Datei ist gesperrt."


def test_progress_arrives_in_order_before_the_result(qtbot) -> None:
    events: list[object] = []

    def work(progress, cancelled):
        for step in range(1, 51):
            progress(step, 50)
        return "fertig"

    task = run_task(work, on_done=events.append, on_progress=lambda d, t: events.append((d, t)))
    with qtbot.waitSignal(task.ended):
        pass

    assert events == [*((step, 50) for step in range(1, 51)), "fertig"]


def test_cancel_stops_the_work_and_reports_cancelled(qtbot) -> None:
    started, may_go_on = threading.Event(), threading.Event()
    steps: list[int] = []
    outcome: list[str] = []

    def work(progress, cancelled):
        for step in range(1000):
            if cancelled():
                raise StoppedError()
            steps.append(step)
            if step == 3:
                started.set()
                may_go_on.wait(WAIT)
        return "fertig"

    task = run_task(
        work,
        on_done=lambda _r: outcome.append("fertig"),
        on_failed=lambda _e: outcome.append("Fehler"),
        on_cancelled=lambda: outcome.append("abgebrochen"),
    )
    assert started.wait(WAIT)
    task.cancel()
    may_go_on.set()
    with qtbot.waitSignal(task.ended):
        pass

    assert outcome == ["abgebrochen"]
    assert steps == [0, 1, 2, 3]
    assert task.cancel_requested


def test_a_result_returned_after_cancel_still_counts(qtbot) -> None:
    started, may_go_on = threading.Event(), threading.Event()

    def work(progress, cancelled):
        started.set()
        may_go_on.wait(WAIT)
        return "gespeichert"

    task = run_task(work)
    assert started.wait(WAIT)
    task.cancel()
    may_go_on.set()
    with qtbot.waitSignal(task.succeeded) as blocker:
        pass
    assert blocker.args == ["gespeichert"]


def test_our_error_is_shown_as_a_german_message(qtbot, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))

    show_error(None, GeraError("Die Datenbank ist schreibgeschützt."))

    assert shown == ["Die Datenbank ist schreibgeschützt."]


def test_a_bug_goes_to_the_last_resort(qtbot, monkeypatch) -> None:
    hooked: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda _kind, error, _trace: hooked.append(error))
    bug = RuntimeError("kaputt")

    show_error(None, bug)

    assert hooked == [bug]


@pytest.fixture
def window(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_the_progress_window_follows_the_task_and_cancels_it(qtbot, window: QWidget) -> None:
    reached, may_go_on = threading.Event(), threading.Event()

    def work(progress, cancelled):
        progress(30, 120)
        reached.set()
        may_go_on.wait(WAIT)
        if cancelled():
            raise StoppedError()
        return "fertig"

    task = run_with_progress(window, "Daten werden gelesen …", work)
    dialog = window.findChild(TaskProgress)
    assert dialog is not None
    assert reached.wait(WAIT)
    qtbot.waitUntil(lambda: dialog.value() == 30)
    assert dialog.maximum() == 120
    assert dialog.labelText() == "Daten werden gelesen …"

    (button,) = dialog.findChildren(QPushButton)
    assert button.text() == "Abbrechen"
    button.click()
    may_go_on.set()
    with qtbot.waitSignal(task.cancelled):
        pass
    qtbot.waitUntil(lambda: window.findChild(TaskProgress) is None)
