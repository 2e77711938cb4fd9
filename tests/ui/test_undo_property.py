"""A property test of the undo stack: random sequences of edits, deletions, restores, purges, emptying the
Papierkorb, undo and redo, against a real database through the application core and the undo commands
on a ``QUndoStack`` (offscreen), as the detail form, the main window and the Papierkorb dialog push them.

The model is as simple as the user's expectation: the state of every measure (in the list or in the
Papierkorb, with its Maßnahme, Stadtteil and Meilensteine) after each step, and where the stack stands
among these states. An action drops the states ahead and adds its own; undo and redo move between them.
After every step the database must hold exactly the state the model points at, the stack must have as
many steps as the model, and no step may have been refused (one user alone never meets a conflict).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from gera_desktop.domain.records import MassnahmeData, MeilensteinData
from gera_desktop.persistence.database import Database
from gera_desktop.services.core import Anwendung
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui import undo
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.undo import (
    EMPTIED,
    DeleteCommand,
    MeasureCommand,
    PurgeCommand,
    RestoreCommand,
    SaveCommand,
    push_done,
)
from tests.records import measure

NRS = ("U-1", "U-2", "U-3")
TITLES = ("Ladesäulen", "Sensorik Elster", "Digitale Bibliothek")
STADTTEILE = (None, "Lusan", "Bieblach", "Innenstadt")
MILESTONES = (
    (),
    (("Ausschreibung", date(2026, 3, 1)),),
    (("Ausschreibung", date(2026, 3, 1)), ("Abnahme", date(2026, 11, 30))),
)


@dataclass(frozen=True)
class Seen:
    """What the model knows of one measure: where it is and what it holds."""

    in_trash: bool
    titel: str
    stadtteil: str | None
    meilensteine: tuple[tuple[str, date], ...]


State = dict[str, Seen]


def seen(record: MassnahmeData, in_trash: bool) -> Seen:
    """The model's view of a stored measure."""
    stones = tuple(sorted((m.bezeichnung, m.termin) for m in record.meilensteine))
    return Seen(in_trash, record.titel, record.stadtteil, stones)


def stored(service: MassnahmenService) -> State:
    """Every measure in the database, in the list or in the Papierkorb."""
    state = {r.nr: seen(r, False) for r in service.list()}
    state.update({e.nr: seen(e.massnahme, True) for e in service.trash()})
    return state


def fresh_start(core: Anwendung) -> State:
    """Clear the database through the core and put in the three measures (each example starts alike)."""
    for record in core.list_records():
        core.delete(record.nr, None)
    core.empty_trash()
    for nr, titel in zip(NRS, TITLES, strict=True):
        core.create(measure(nr, titel=titel, meilensteine=[], finanzen=[], beteiligungen=[]))
    return stored(MassnahmenService(core.db))


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message an undo or redo showed (none is expected)."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_: shown.append(text))
    monkeypatch.setattr(undo, "show_error", lambda _parent, error: shown.append(repr(error)))
    return shown


def test_the_database_always_matches_the_stack(qtbot, database: Database, refusals: list[str]) -> None:
    core = Anwendung.on(database, user="Frau Schmidt")
    operations = Operations(core)
    service = MassnahmenService(database)

    class UndoMachine(RuleBasedStateMachine):
        """The user's actions and Strg+Z / Strg+Shift+Z; the model of states and the stack's place."""

        def __init__(self) -> None:
            super().__init__()
            self.stack = QUndoStack()
            self.states: list[State] = [fresh_start(core)]
            self.place = 0

        @property
        def now(self) -> State:
            return self.states[self.place]

        def nrs(self, in_trash: bool) -> list[str]:
            return sorted(nr for nr, s in self.now.items() if s.in_trash == in_trash)

        def did(self, command: MeasureCommand) -> None:
            """An action happened: push its command; the model drops what lay ahead and adds it."""
            push_done(self.stack, command)
            self.states = [*self.states[: self.place + 1], stored(service)]
            self.place += 1

        def step(self, move: Callable[[], None], by: int) -> None:
            move()
            qtbot.waitUntil(lambda: not operations.busy)
            self.place += by

        @precondition(lambda self: self.nrs(False))
        @rule(
            data=st.data(),
            titel=st.sampled_from(TITLES),
            stadtteil=st.sampled_from(STADTTEILE),
            stones=st.sampled_from(MILESTONES),
        )
        def edit(self, data, titel, stadtteil, stones) -> None:
            nr = data.draw(st.sampled_from(self.nrs(False)))
            before = core.get(nr)
            meilensteine = [MeilensteinData(name, termin) for name, termin in stones]
            wanted = replace(before, titel=titel, stadtteil=stadtteil, meilensteine=meilensteine)
            if seen(wanted, False) == seen(before, False):
                return  # nothing changed: the form saves nothing
            after = core.update(wanted).value
            self.did(SaveCommand(operations, before, after))

        @precondition(lambda self: self.nrs(False))
        @rule(data=st.data())
        def delete(self, data) -> None:
            nr = data.draw(st.sampled_from(self.nrs(False)))
            trashed = core.delete(nr, core.get(nr).version).value
            self.did(DeleteCommand(operations, trashed.massnahme))

        @precondition(lambda self: self.nrs(True))
        @rule(data=st.data())
        def restore(self, data) -> None:
            entry = self.trash_entry(data.draw(st.sampled_from(self.nrs(True))))
            restored = core.restore(entry.nr, entry.massnahme.version).value
            self.did(RestoreCommand(operations, restored))

        @precondition(lambda self: self.nrs(True))
        @rule(data=st.data())
        def purge(self, data) -> None:
            entry = self.trash_entry(data.draw(st.sampled_from(self.nrs(True))))
            self.did(PurgeCommand(operations, core.purge([entry]).value))

        @precondition(lambda self: self.nrs(True))
        @rule()
        def empty_trash(self) -> None:
            self.did(PurgeCommand(operations, core.empty_trash().value, EMPTIED))

        @precondition(lambda self: self.place > 0)
        @rule()
        def undo(self) -> None:
            self.step(self.stack.undo, -1)

        @precondition(lambda self: self.place < len(self.states) - 1)
        @rule()
        def redo(self) -> None:
            self.step(self.stack.redo, +1)

        def trash_entry(self, nr: str):
            return next(e for e in core.trash() if e.nr == nr)

        @invariant()
        def database_is_the_state_the_stack_stands_at(self) -> None:
            assert refusals == []
            assert (self.stack.index(), self.stack.count()) == (self.place, len(self.states) - 1)
            assert stored(service) == self.now

    run_state_machine_as_test(
        UndoMachine,
        settings=settings(
            max_examples=10,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    qtbot.waitUntil(lambda: not operations.busy)
