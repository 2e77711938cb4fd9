"""Migration 0003 (Stände) on a database of the previous schema with data in it, and a later migration of
the measure tables, which must leave every Stand as it was."""

from __future__ import annotations

from decimal import Decimal

from alembic import command
from sqlalchemy import inspect

from gera_desktop.domain.models import Finanzjahr
from gera_desktop.persistence import migrate
from gera_desktop.persistence.database import Database, make_engine
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.staende import StaendeService
from tests.records import measure, with_children
from tests.unit.sample_data import new_measure, store_in_old_schema
from tests.unit.test_migrations import EXTRA, REBUILD_MEASURES, InstallRevision, extra_revision, revision_of

__all__ = ["extra_revision"]  # the fixture, shared with test_migrations

PREVIOUS = "0002"


def database_at_previous_revision(url: str) -> Database:
    """A database as the program before the Stände left it, with two measures (one in the trash)."""
    engine = make_engine(url)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), PREVIOUS)
    db = Database(url, engine)
    live, trashed = new_measure("UM-06"), new_measure("ALT-1")
    live.finanzen = [Finanzjahr(jahr=2024, abgerufen=Decimal("1000.00"))]
    trashed.geloescht_am = live.geaendert_am
    store_in_old_schema(db, live, trashed)
    return db


def test_0003_adds_the_stande_to_a_database_with_data(database_url: str) -> None:
    database_at_previous_revision(database_url).dispose()

    db = open_database(database_url)

    assert revision_of(database_url) == migrate.head_revision()
    with db.engine.connect() as connection:
        assert {"stand", "stand_teil"} <= set(inspect(connection).get_table_names())
    staende = StaendeService(db, user="it")
    assert staende.list() == []
    assert staende.freeze("Nach dem Update").anzahl == 1
    (frozen,) = staende.load("Nach dem Update").measures
    assert frozen.record.meilensteine == MassnahmenService(db).get("UM-06").meilensteine
    assert frozen.effektiv["abgerufen"] == Decimal("1000.00")
    db.dispose()


def test_a_later_migration_of_the_measure_tables_leaves_a_stand_unchanged(
    sqlite_url: str, extra_revision: InstallRevision
) -> None:
    db = open_database(sqlite_url)
    MassnahmenService(db).create(with_children(measure("UM-06")))
    StaendeService(db).freeze("Vorlage Stadtrat")
    before = StaendeService(db).load("Vorlage Stadtrat")
    db.dispose()
    extra_revision(REBUILD_MEASURES)

    db = open_database(sqlite_url)

    assert revision_of(sqlite_url) == EXTRA
    assert StaendeService(db).load("Vorlage Stadtrat") == before
    db.dispose()
