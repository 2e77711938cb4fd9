"""Migration 0004 (calls, decisions, Clusters) on a database of the previous schema with data in it: each
stored Drucksache-Nr./Beschlussdatum pair becomes one council decision, nothing else changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from alembic import command
from sqlalchemy import func, inspect, select

from gera_desktop.domain.enums import Abrufstatus, Beschlussart, Beschlussergebnis
from gera_desktop.domain.models import Aenderung, Massnahme
from gera_desktop.domain.records import BeschlussData, MittelabrufData
from gera_desktop.persistence import migrate
from gera_desktop.persistence.database import Database, make_engine
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.clusters import ClusterService
from gera_desktop.services.massnahmen import MassnahmenService
from tests.unit.sample_data import new_measure, store_in_old_schema
from tests.unit.test_migrations import revision_of

PREVIOUS = "0003"
PAIRS: dict[str, tuple[str | None, date | None]] = {
    "ERGAENZT": ("82/2019 7. Ergänzung", date(2021, 12, 14)),
    "GANZ": ("DS 14/2020 (neu)", date(2020, 3, 5)),
    "NUR-DS": ("82/2019", None),
    "NUR-DATUM": (None, date(2022, 1, 1)),
    "OHNE": (None, None),
}


def database_at_previous_revision(url: str) -> Database:
    """A database as the program before the council cycle left it: measures with and without a pair,
    and one with a pair in the trash."""
    engine = make_engine(url)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), PREVIOUS)
    db = Database(url, engine)
    measures = []
    for nr, (drucksache, beschlussdatum) in PAIRS.items():
        measure = new_measure(nr)
        measure.drucksache, measure.beschlussdatum = drucksache, beschlussdatum
        measures.append(measure)
    trashed = new_measure("PAPIERKORB")
    trashed.drucksache, trashed.beschlussdatum = "12/2023", date(2023, 2, 9)
    trashed.geloescht_am = datetime(2026, 11, 30, 9, 0)
    store_in_old_schema(db, *measures, trashed)
    return db


def stored(db: Database) -> dict[str, tuple[object, ...]]:
    columns = (Massnahme.nr, Massnahme.version, Massnahme.geaendert_am, Massnahme.drucksache)
    with db.read_session() as session:
        return {nr: tuple(rest) for nr, *rest in session.execute(select(*columns)).all()}


def council(drucksache: str, ergaenzung: str | None, day: date) -> BeschlussData:
    return BeschlussData(Beschlussart.STADTRAT, day, Beschlussergebnis.BESCHLOSSEN, drucksache, ergaenzung)


def test_0004_turns_each_stored_pair_into_one_council_decision(database_url: str) -> None:
    old = database_at_previous_revision(database_url)
    before = stored(old)
    old.dispose()

    db = open_database(database_url)
    service = MassnahmenService(db, user="anna")

    assert revision_of(database_url) == migrate.head_revision()
    assert stored(db) == before  # no user's change: versions, times and pairs as they were
    assert service.get("ERGAENZT").beschluesse == [council("82/2019", "7. Ergänzung", date(2021, 12, 14))]
    assert service.get("GANZ").beschluesse == [council("DS 14/2020 (neu)", None, date(2020, 3, 5))]
    for nr in ("NUR-DS", "NUR-DATUM", "OHNE"):
        assert service.get(nr).beschluesse == []
    (trashed,) = service.trash()
    assert trashed.massnahme.beschluesse == [council("12/2023", None, date(2023, 2, 9))]
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Aenderung)) == 0
    db.dispose()


def test_after_0004_measures_take_calls_and_clusters(database_url: str) -> None:
    database_at_previous_revision(database_url).dispose()

    db = open_database(database_url)
    service = MassnahmenService(db, user="anna")
    with db.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    loaded = service.get("ERGAENZT")
    call = MittelabrufData(date(2025, 4, 1), Decimal("1000.00"), status=Abrufstatus.ABGERUFEN)

    saved = service.update(replace(loaded, cluster="Mobilität", mittelabrufe=[call]))

    assert {"cluster", "mittelabruf", "beschluss"} <= tables
    assert loaded.cluster is None
    assert loaded.mittelabrufe == []
    assert saved.beschluesse == loaded.beschluesse  # the migrated decision matches the pair: none added
    assert saved.mittelabrufe == [replace(call, halbjahr="2025/I")]
    assert [c.name for c in ClusterService(db).list()] == ["Mobilität"]
    db.dispose()
