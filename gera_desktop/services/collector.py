"""Python's cycle collector around long work, so that it never holds up the window (no Qt).

A full collection (generation 2) walks every object the program holds and keeps the GIL all that time,
whichever thread runs it: with 10,000 measures loaded and an export reading them again, 0.2–0.5 s in
which the window could not repaint. Two rules keep it short:

- While long work runs (``held()``: an import, an export, every operation of the GUI), only the young
  generations are collected (a few thousand objects at a time); the full collection it would have
  triggered runs once the last such work has ended, over what is still alive then.
- ``freeze_long_lived()`` moves every object alive at that moment out of the collector's reach
  (``gc.freeze``). Called once the program has started (its modules, classes and functions, Qt's,
  SQLAlchemy's and our own), later full collections walk only what the program made since: about half
  the objects, half the time. Frozen objects are still freed by their reference counts.

An import, and the start's first look at the list, pause the collector altogether (``paused()``): they
build tens or hundreds of thousands of objects without cycles worth collecting early, and even the young
collections over them cost an import a tenth of its time. The objects an import made and still holds
are collected once it resumes, so it lets go of its large lists first.

Freeing is the other long step: dropping the parsed rows and planned measures of 10,000 measures at once
frees about a million objects in one C call that keeps the GIL (0.1 s at the end of an import);
``let_go`` empties such lists a piece at a time, so the window's thread gets the GIL in between.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

PIECE = 1_000
"""Items freed in one step by ``let_go``."""
HELD = 1 << 30
"""Young collections before a full one while work runs: never."""

_lock = threading.Lock()
_holders = 0
_threshold: tuple[int, int, int] | None = None
_pausers = 0
_was_enabled = True
_frozen = False


@contextmanager
def held() -> Iterator[None]:
    """No full collection while the block runs (in any thread); nested and parallel blocks add up."""
    _hold()
    try:
        yield
    finally:
        _release()


def _hold() -> None:
    global _holders, _threshold
    with _lock:
        _holders += 1
        if _holders == 1:
            _threshold = gc.get_threshold()
            young, middle, _full = _threshold
            gc.set_threshold(young, middle, HELD)


def _release() -> None:
    global _holders, _threshold
    with _lock:
        _holders -= 1
        if _holders == 0 and _threshold is not None:
            gc.set_threshold(*_threshold)
            _threshold = None


@contextmanager
def paused() -> Iterator[None]:
    """No collection at all while the block runs (in any thread), and no full one until ``held()``
    blocks have ended too; nested and parallel blocks add up."""
    global _pausers, _was_enabled
    with held():
        with _lock:
            _pausers += 1
            if _pausers == 1:
                _was_enabled = gc.isenabled()
                gc.disable()
        try:
            yield
        finally:
            with _lock:
                _pausers -= 1
                if _pausers == 0 and _was_enabled:
                    gc.enable()


def holding() -> bool:
    """True while some work holds the full collections back."""
    return _holders > 0


def freeze_long_lived() -> bool:
    """Exempt the objects alive now from every later collection (once per process); True the first time."""
    global _frozen
    with _lock:
        if _frozen:
            return False
        _frozen = True
    gc.freeze()
    return True


def let_go(*containers: list[Any] | dict[Any, Any]) -> None:
    """Empty these lists and dicts ``PIECE`` items at a time (their items are freed unless still used)."""
    for container in containers:
        items = list(container.values()) if isinstance(container, dict) else container
        if items is not container:
            container.clear()
        while items:
            del items[-PIECE:]
