"""Purging and bringing back measures of the Papierkorb (the service behind undoing a purge)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from gera_desktop.domain.errors import DuplicateError
from gera_desktop.domain.records import MeilensteinData
from gera_desktop.persistence.database import Database
from gera_desktop.services.papierkorb import BROUGHT_BACK, PapierkorbService
from tests.records import measure


@pytest.fixture
def service(database: Database) -> PapierkorbService:
    return PapierkorbService(database, user="Frau Schmidt")


def test_emptying_and_bringing_back_keeps_every_value_the_children_and_the_id(service) -> None:
    stones = [
        MeilensteinData("Ausschreibung", date(2026, 3, 1)),
        MeilensteinData("Abnahme", date(2026, 9, 30)),
    ]
    created = service.create(measure("P-1", meilensteine=stones))
    service.create(measure("P-2"))
    service.delete("P-1", None)
    service.delete("P-2", None)
    before = {entry.nr: entry for entry in service.trash()}

    purged = service.empty()
    assert service.trash() == []
    back = service.bring_back(purged)

    after = {entry.nr: entry for entry in service.trash()}
    assert after.keys() == before.keys() == {entry.nr for entry in back}
    for nr, entry in after.items():
        was = before[nr]
        assert replace(entry.massnahme, geaendert_am=None, version=None) == replace(
            was.massnahme, geaendert_am=None, version=None
        )
        assert (entry.geloescht_am, entry.erstellt_am) == (was.geloescht_am, was.erstellt_am)
    assert after["P-1"].massnahme.id == created.id
    assert after["P-1"].massnahme.meilensteine == created.meilensteine != []
    history = service.history("P-1")
    assert [(h.neuer_wert, h.quelle) for h in history[:2]] == [
        (BROUGHT_BACK, "Wiederherstellung"),
        ("endgültig gelöscht", "Bearbeitung"),
    ]


def test_bringing_back_is_refused_as_a_whole_when_a_nr_is_taken(service) -> None:
    service.create(measure("P-1"))
    service.create(measure("P-2"))
    service.delete("P-1", None)
    service.delete("P-2", None)
    purged = service.empty()
    service.create(
        measure("P-2", titel="Neue Maßnahme", meilensteine=[MeilensteinData("Start", measure().beginn)])
    )

    with pytest.raises(DuplicateError, match="„P-2“ ist inzwischen an die Maßnahme „Neue Maßnahme“ vergeben"):
        service.bring_back(purged)

    assert service.trash() == []  # P-1 did not come back alone


def test_purging_chosen_entries_checks_that_they_are_still_in_the_trash(service) -> None:
    service.create(measure("P-1"))
    service.delete("P-1", None)
    (entry,) = service.trash()
    service.restore("P-1")

    with pytest.raises(Exception, match="liegt nicht im Papierkorb"):
        service.purge_entries([entry])
    assert service.get("P-1").nr == "P-1"
