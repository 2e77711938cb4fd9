"""Undo and redo of saved changes, new measures and deletions, against a real database."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtGui import QUndoStack

from gera_desktop.domain.enums import Ampel
from gera_desktop.domain.records import FIELD_KEYS
from gera_desktop.persistence.database import Database
from gera_desktop.resources import demo_data
from gera_desktop.services.core import Anwendung
from gera_desktop.services.demo import load_demo
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.undo import (
    CONTENT_KEYS,
    CreateCommand,
    DeleteCommand,
    SaveCommand,
    changed_keys,
    key_label,
    push_done,
)
from tests.records import measure


@pytest.fixture
def service(database: Database) -> MassnahmenService:
    load_demo(database, demo_data(), user="Import")
    return MassnahmenService(database, user="Frau Schmidt")


@pytest.fixture
def operations(qtbot, database: Database, service: MassnahmenService) -> Operations:
    return Operations(Anwendung.on(database, user=service.user))


@pytest.fixture
def stack(qtbot) -> QUndoStack:
    return QUndoStack()


def _done(qtbot, operations: Operations) -> None:
    """Wait until the undo or redo has written (in the background)."""
    qtbot.waitUntil(lambda: not operations.busy)


def _save(service: MassnahmenService, nr: str, **values) -> tuple:
    before = service.get(nr)
    after = service.update(replace(before, **values))
    return before, after


def test_undo_writes_the_old_value_and_redo_the_new_one(qtbot, operations, service, stack, warnings) -> None:
    before, after = _save(
        service,
        "P-01",
        titel="Neues Serviceportal",
        gesamtkosten=Decimal("60000.00"),
        bundesmittel=Decimal("50000.00"),  # entered: 90 % would be 54.000 €
    )
    push_done(stack, SaveCommand(operations, before, after))

    assert service.get("P-01").titel == "Neues Serviceportal"  # pushing did not save a second time
    assert (
        len([e for e in service.history("P-01") if e.benutzer == "Frau Schmidt" and e.feld == "Maßnahme"])
        == 1
    )
    stack.undo()
    _done(qtbot, operations)
    undone = service.get("P-01")
    assert (undone.titel, undone.gesamtkosten) == ("Bürger-Serviceportal und digitale Bürgerdienste", 52000)
    assert (undone.bundesmittel, undone.eigenanteil) == (None, None)  # computed again, as before
    stack.redo()
    _done(qtbot, operations)
    redone = service.get("P-01")
    assert (redone.titel, redone.gesamtkosten, redone.bundesmittel) == ("Neues Serviceportal", 60000, 50000)
    assert warnings == []
    assert stack.undoText() == "Änderung an P-01"


def test_undo_keeps_what_others_changed_in_other_fields(
    qtbot, operations, service, database, stack, warnings
) -> None:
    before, after = _save(service, "P-02", titel="Meine Änderung")
    push_done(stack, SaveCommand(operations, before, after))
    colleague = MassnahmenService(database, user="Herr Meier")
    _save(colleague, "P-02", stadtteil="Lusan")

    stack.undo()

    _done(qtbot, operations)

    current = service.get("P-02")
    assert current.titel == before.titel
    assert current.stadtteil == "Lusan"
    assert warnings == []


def test_undo_refuses_when_someone_changed_the_same_field(
    operations, qtbot, service, database, stack, warnings
) -> None:
    before, after = _save(service, "P-03", titel="Meine Änderung")
    push_done(stack, SaveCommand(operations, before, after))
    colleague = MassnahmenService(database, user="Herr Meier")
    _save(colleague, "P-03", titel="Seine Änderung")

    stack.undo()

    _done(qtbot, operations)

    assert service.get("P-03").titel == "Seine Änderung"
    assert len(warnings) == 1
    assert "Herr Meier" in warnings[0]
    assert "(Maßnahme)" in warnings[0]
    assert warnings[0].endswith("Der Schritt wurde aus „Rückgängig“ entfernt.")
    assert (stack.count(), stack.canUndo(), stack.canRedo()) == (0, False, False)
    assert service.get("P-03").titel == "Seine Änderung"


def test_children_are_undone_as_a_whole(qtbot, operations, service, stack) -> None:
    before = service.get("UM-01")
    after = service.update(replace(before, meilensteine=before.meilensteine[:1]))
    command = SaveCommand(operations, before, after)
    push_done(stack, command)
    assert command.keys == ["meilensteine"]

    stack.undo()

    _done(qtbot, operations)

    assert [m.bezeichnung for m in service.get("UM-01").meilensteine] == [
        "Premiere erste Episode",
        "Abschluss dritte Spielzeit",
    ]


def test_a_new_measure_is_undone_into_the_trash_and_redone_from_there(
    qtbot, operations, service, stack, warnings
) -> None:
    created = service.create(measure("UM-99", titel="Neue Ladesäulen"))
    push_done(stack, CreateCommand(operations, created))
    assert service.get("UM-99").titel == "Neue Ladesäulen"

    stack.undo()

    _done(qtbot, operations)
    assert [entry.nr for entry in service.trash()] == ["UM-99"]
    stack.redo()
    _done(qtbot, operations)
    assert service.get("UM-99").titel == "Neue Ladesäulen"
    assert service.trash() == []
    assert warnings == []


def test_a_deletion_is_undone_by_restoring(qtbot, operations, service, stack, warnings) -> None:
    record = service.get("UM-05")
    trashed = service.delete("UM-05", record.version)
    push_done(stack, DeleteCommand(operations, trashed.massnahme))
    assert [entry.nr for entry in service.trash()] == ["UM-05"]

    stack.undo()

    _done(qtbot, operations)
    assert service.get("UM-05").titel == record.titel
    stack.redo()
    _done(qtbot, operations)
    assert [entry.nr for entry in service.trash()] == ["UM-05"]
    assert warnings == []


def test_an_undo_that_cannot_be_done_leaves_the_stack_and_the_next_undo_goes_on(
    operations, qtbot, service, database, stack, warnings
) -> None:
    before, after = _save(service, "P-01", titel="Meine Änderung")
    push_done(stack, SaveCommand(operations, before, after))
    trashed = service.delete("UM-05", None)
    push_done(stack, DeleteCommand(operations, trashed.massnahme))
    MassnahmenService(database, user="Herr Meier").restore("UM-05")  # somebody else restored it

    stack.undo()
    _done(qtbot, operations)

    assert warnings == [
        "„Löschen von UM-05“ kann nicht rückgängig gemacht werden: Die Maßnahme „UM-05“ liegt nicht (mehr) "
        "im Papierkorb.\n\nDer Schritt wurde aus „Rückgängig“ entfernt."
    ]
    assert (stack.count(), stack.undoText()) == (1, "Änderung an P-01")
    stack.undo()
    _done(qtbot, operations)
    assert service.get("P-01").titel == before.titel
    assert len(warnings) == 1


def test_changed_keys_ignore_the_stand_date(service) -> None:
    record = service.get("P-01")
    assert changed_keys(record, replace(record, stand=None, version=99)) == []
    assert changed_keys(record, replace(record, ampel=Ampel.ROT, zusatzspalten={"x": 1})) == [
        "ampel",
        "zusatzspalten",
    ]


def test_every_field_a_user_edits_is_undone() -> None:
    assert set(CONTENT_KEYS) == {
        *FIELD_KEYS,
        "zusatzspalten",
        "meilensteine",
        "finanzen",
        "beteiligungen",
        "mittelabrufe",
        "beschluesse",
    } - {"stand"}
    assert {key_label(key) for key in CONTENT_KEYS} >= {"Cluster", "Mittelabrufe", "Beschlüsse"}
