"""Alembic migrations on start: upgrade, agreement with the models, backup first, all or nothing."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from gera_desktop.domain.errors import DatabaseError
from gera_desktop.domain.funding import AMOUNT_KEYS
from gera_desktop.domain.models import Aenderung, Einstellung, Finanzjahr, Massnahme
from gera_desktop.persistence import migrate
from gera_desktop.persistence.backup_store import list_backups
from gera_desktop.persistence.database import Database, make_engine, sqlite_file
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.backup import BackupService
from tests.unit.sample_data import (
    add_measures,
    measure_numbers,
    milestone_count,
    new_measure,
    store_in_old_schema,
)

EXTRA_REVISION = '''"""A test revision on top of the shipped ones."""

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
{body}


def downgrade() -> None:
    pass
'''

# Batch mode rebuilds the table (copy, drop, rename): with foreign keys on, dropping it would delete
# every milestone through ON DELETE CASCADE.
REBUILD_MEASURES = """    with op.batch_alter_table("massnahme", recreate="always") as batch:
        batch.add_column(sa.Column("notiz", sa.Text(), nullable=True))"""
FAILING_AFTER_REBUILD = f"""{REBUILD_MEASURES}
    op.execute("UPDATE massnahme SET titel = 'überschrieben'")
    raise RuntimeError("Schritt 2 ist kaputt")"""
# A step that commits behind Alembic's back (say, through the raw connection) cannot be rolled back.
FAILING_AFTER_A_COMMIT = """    op.execute("UPDATE massnahme SET titel = 'überschrieben'")
    op.get_bind().connection.driver_connection.execute("COMMIT")
    raise RuntimeError("Schritt 2 ist kaputt")"""
FAILING_AFTER_ADD_COLUMN = """    op.add_column("massnahme", sa.Column("notiz", sa.Text(), nullable=True))
    op.execute("UPDATE massnahme SET titel = 'überschrieben'")
    raise RuntimeError("Schritt 2 ist kaputt")"""

InstallRevision = Callable[[str], None]
SHIPPED = migrate.head_revision()
EXTRA = f"{int(SHIPPED) + 1:04d}"
"""The newest shipped revision, and the one the ``extra_revision`` fixture adds on top."""


@pytest.fixture
def extra_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> InstallRevision:
    """Let the program ship one more revision (``EXTRA``) with the given ``upgrade()`` body."""
    shipped_head = migrate.head_revision()

    def install(body: str) -> None:
        folder = tmp_path / "migrations"
        shutil.copytree(migrate.SCRIPT_LOCATION, folder, ignore=shutil.ignore_patterns("__pycache__"))
        text = EXTRA_REVISION.format(revision=EXTRA, down=shipped_head, body=body)
        (folder / "versions" / f"{EXTRA}_test.py").write_text(text)
        monkeypatch.setattr(migrate, "SCRIPT_LOCATION", folder)

    return install


def revision_of(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def titles(db: Database) -> list[str]:
    with db.read_session() as session:
        return sorted(session.scalars(text("SELECT titel FROM massnahme")))


def database_with_data(url: str, *numbers: str) -> None:
    db = open_database(url)
    add_measures(db, *numbers)
    db.dispose()


def test_an_empty_database_is_migrated_to_the_newest_revision(database: Database) -> None:
    with database.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())

    assert revision_of(database.url) == migrate.head_revision()
    assert {"massnahme", "meilenstein", "finanzjahr", "beteiligung", "aenderung", "einstellung"} <= tables


def test_models_and_migrations_agree(database: Database) -> None:
    with database.engine.begin() as connection:
        command.check(migrate.alembic_config(connection))


def test_a_database_at_the_newest_revision_is_opened_without_a_backup(sqlite_url: str, user_dirs) -> None:
    database_with_data(sqlite_url, "A-1")

    open_database(sqlite_url).dispose()

    assert list_backups(user_dirs.backup_dir, sqlite_file(sqlite_url)) == []  # type: ignore[arg-type]


def test_a_file_with_data_is_backed_up_before_a_migration(
    sqlite_url: str, extra_revision: InstallRevision, user_dirs
) -> None:
    database_with_data(sqlite_url, "A-1", "A-2")
    extra_revision(REBUILD_MEASURES)

    db = open_database(sqlite_url)

    assert revision_of(sqlite_url) == EXTRA
    assert measure_numbers(db) == ["A-1", "A-2"]
    with db.read_session() as session:
        assert milestone_count(session) == 2
    db.dispose()
    (backup,) = list_backups(user_dirs.backup_dir, sqlite_file(sqlite_url))  # type: ignore[arg-type]
    assert backup.automatic
    assert backup.reason == "vor-Migration"
    assert revision_of(f"sqlite:///{backup.path}") == SHIPPED


def test_a_failing_migration_step_leaves_the_file_byte_identical(
    sqlite_url: str, extra_revision: InstallRevision, monkeypatch: pytest.MonkeyPatch
) -> None:
    database_with_data(sqlite_url, "A-1", "A-2")
    path = sqlite_file(sqlite_url)
    assert path is not None
    before = path.read_bytes()
    shipped = migrate.SCRIPT_LOCATION
    extra_revision(FAILING_AFTER_REBUILD)

    with pytest.raises(DatabaseError) as raised:
        open_database(sqlite_url)

    assert "unverändert" in raised.value.message
    assert "Schritt 2 ist kaputt" in raised.value.message
    assert path.read_bytes() == before
    monkeypatch.setattr(migrate, "SCRIPT_LOCATION", shipped)
    db = open_database(sqlite_url)
    assert titles(db) == ["Maßnahme A-1", "Maßnahme A-2"]
    db.dispose()


def test_a_failing_migration_that_changed_the_file_is_undone_from_the_backup(
    sqlite_url: str, extra_revision: InstallRevision
) -> None:
    database_with_data(sqlite_url, "A-1", "A-2")
    extra_revision(FAILING_AFTER_A_COMMIT)

    with pytest.raises(DatabaseError) as raised:
        open_database(sqlite_url)

    assert "vor-Migration" in raised.value.message
    assert revision_of(sqlite_url) == SHIPPED
    reader = Database(sqlite_url, make_engine(sqlite_url, read_only=True))
    assert titles(reader) == ["Maßnahme A-1", "Maßnahme A-2"]
    reader.dispose()


def test_a_failing_migration_changes_nothing_on_postgresql(
    postgres_url: str, extra_revision: InstallRevision
) -> None:
    database_with_data(postgres_url, "A-1", "A-2")
    extra_revision(FAILING_AFTER_ADD_COLUMN)

    with pytest.raises(DatabaseError):
        open_database(postgres_url)

    assert revision_of(postgres_url) == SHIPPED
    engine = make_engine(postgres_url)
    with engine.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("massnahme")}
        stored = sorted(connection.scalars(text("SELECT titel FROM massnahme")))
    engine.dispose()
    assert "notiz" not in columns
    assert stored == ["Maßnahme A-1", "Maßnahme A-2"]


def _execute(url: str, statement: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(statement))
    engine.dispose()


def test_a_database_of_a_newer_program_version_is_refused(database_url: str) -> None:
    database_with_data(database_url, "A-1")
    _execute(database_url, "UPDATE alembic_version SET version_num = '0099'")
    path = sqlite_file(database_url)
    before = path.read_bytes() if path else None

    with pytest.raises(DatabaseError) as raised:
        open_database(database_url)

    assert "neueren" in raised.value.message
    assert revision_of(database_url) == "0099"
    assert (path.read_bytes() if path else None) == before


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param("DROP TABLE alembic_version", id="tables-without-revision"),
        pytest.param("DROP TABLE einstellung", id="table-missing"),
    ],
)
def test_a_half_migrated_or_unknown_schema_is_refused(database_url: str, damage: str) -> None:
    database_with_data(database_url, "A-1")
    _execute(database_url, damage)

    with pytest.raises(DatabaseError) as raised:
        open_database(database_url)

    assert "unbekannten oder unvollständigen Aufbau" in raised.value.message


def test_restoring_a_backup_from_an_older_version_migrates_it(
    sqlite_url: str, extra_revision: InstallRevision
) -> None:
    db = open_database(sqlite_url)
    add_measures(db, "ALT-1")
    old_backup = BackupService(db).create(reason="alte Version")
    add_measures(db, "ALT-2")
    db.dispose()
    extra_revision(REBUILD_MEASURES)
    db = open_database(sqlite_url)

    BackupService(db).restore(old_backup.path)

    assert revision_of(sqlite_url) == EXTRA
    assert measure_numbers(db) == ["ALT-1"]
    db.dispose()


# --- 0002: funding amounts equal to their computed value become computed ------------------------------

LEGACY: dict[str, tuple[dict[str, object], tuple[int, ...], bool]] = {
    # nr: (stored amounts as an older program kept them, Finanzen Abgerufen, in the trash)
    "GLEICH": (
        {
            "foerderfaehig": 100_000,
            "bundesmittel": 80_000,
            "drittmittel": 0,
            "eigenanteil": 20_000,
            "abgerufen": 30_000,
        },
        (10_000, 20_000),
        False,
    ),
    "ANDERS": ({"bundesmittel": 70_000, "eigenanteil": 30_000, "abgerufen": 25_000}, (30_000,), False),
    "EIGENE-QUOTE": ({"foerderquote": 90, "bundesmittel": 90_000, "eigenanteil": "10000.01"}, (), False),
    "PASST-NICHT": ({"gesamtkosten": 700_000, "eigenanteil": 60_000}, (), False),
    "PAPIERKORB": ({"bundesmittel": 80_000}, (), True),
}
"""Measures of 100.000 € (unless given) in a database whose programme rate is 80 %."""


def database_at_first_revision(url: str) -> Database:
    """A database created by the first release (revision 0001), before amounts became computed."""
    engine = make_engine(url)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0001")
    return Database(url, engine)


def add_legacy_measures(db: Database) -> None:
    with db.write_session() as session:
        session.add(Einstellung(schluessel="foerderquote", wert="80"))
    measures = []
    for nr, (amounts, called, in_trash) in LEGACY.items():
        measure = new_measure(nr)
        measure.gesamtkosten = Decimal(100_000)
        for key, value in amounts.items():
            setattr(measure, key, Decimal(str(value)))
        measure.finanzen = [
            Finanzjahr(jahr=2024 + index, abgerufen=Decimal(amount)) for index, amount in enumerate(called)
        ]
        measure.geloescht_am = datetime(2026, 11, 30, 9, 0) if in_trash else None
        measures.append(measure)
    store_in_old_schema(db, *measures)


def stored_funding(db: Database) -> dict[str, tuple[Any, ...]]:
    keys = ("version", "geaendert_am", "foerderquote", *AMOUNT_KEYS)
    table = Massnahme.__table__
    with db.read_session() as session:
        rows = session.execute(select(table.c.nr, *(table.c[key] for key in keys)))
        return {nr: tuple(values) for nr, *values in rows}


def test_0002_stores_amounts_equal_to_the_computed_value_as_computed(database_url: str) -> None:
    old = database_at_first_revision(database_url)
    add_legacy_measures(old)
    before = stored_funding(old)
    old.dispose()

    db = open_database(database_url)
    after = stored_funding(db)

    assert revision_of(database_url) == migrate.head_revision()
    unchanged = before["GLEICH"][:2]  # not a user's change: same version, same time of the last change
    assert after["GLEICH"] == (*unchanged, None, None, None, None, None, None)
    assert after["ANDERS"][3:] == (None, Decimal("70000.00"), None, None, Decimal("25000.00"))
    assert after["EIGENE-QUOTE"][2:] == (Decimal("90.00"), None, None, None, None, None)
    assert after["PASST-NICHT"][3:] == (None, None, None, Decimal("60000.00"), None)
    assert after["PAPIERKORB"][3:] == (None,) * 5
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Aenderung)) == 0
    db.dispose()


def test_0002_uses_the_default_rate_where_none_is_stored(sqlite_url: str) -> None:
    old = database_at_first_revision(sqlite_url)
    measure = new_measure("NEUNZIG")
    measure.gesamtkosten, measure.bundesmittel = Decimal(100_000), Decimal(90_000)
    store_in_old_schema(old, measure)
    old.dispose()

    db = open_database(sqlite_url)

    assert stored_funding(db)["NEUNZIG"][4] is None
    db.dispose()
