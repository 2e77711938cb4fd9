"""The cycle collector around long work: no full collection while work runs (young ones go on), the
threshold back once the last work has ended, large lists emptied in pieces, the freeze done once."""

from __future__ import annotations

import gc
import threading

import pytest

from gera_desktop.services import collector


@pytest.fixture(autouse=True)
def _threshold():
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_no_full_collection_while_work_runs_young_ones_go_on() -> None:
    before = gc.get_threshold()
    full: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    gc.callbacks.append(watch)
    try:
        with collector.held():
            assert gc.get_threshold()[:2] == before[:2]
            assert gc.get_threshold()[2] == collector.HELD
            garbage: list[list[list[int]]] = [[[] for _ in range(50)] for _ in range(20_000)]
            del garbage
    finally:
        gc.callbacks.remove(watch)
    assert not full
    assert gc.get_threshold() == before


def test_work_in_two_threads_holds_until_both_have_ended() -> None:
    before = gc.get_threshold()
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with collector.held():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other)
    with collector.held():
        thread.start()
        assert inside.wait(10)
    assert collector.holding()
    assert gc.get_threshold()[2] == collector.HELD
    leave.set()
    thread.join(10)
    assert not collector.holding()
    assert gc.get_threshold() == before


def test_the_threshold_comes_back_when_the_work_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(ValueError, match="kaputt"), collector.held():
        raise ValueError("kaputt")
    assert gc.get_threshold() == before


def test_let_go_empties_lists_and_dicts_keeping_what_is_still_used() -> None:
    kept = ["bleibt"]
    rows = [kept, *([str(n)] for n in range(2_500))]
    by_key = {n: [n] for n in range(2_500)}

    collector.let_go(rows, by_key)

    assert rows == []
    assert by_key == {}
    assert kept == ["bleibt"]


def test_the_long_lived_objects_are_frozen_once(monkeypatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(collector, "_frozen", False)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(1))

    assert collector.freeze_long_lived()
    assert not collector.freeze_long_lived()
    assert calls == [1]


def test_an_import_pauses_every_collection_and_resumes_after_the_last() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        assert gc.get_threshold()[2] == collector.HELD
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    assert not collector.holding()
