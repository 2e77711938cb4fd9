"""Alembic migrations, run programmatically through our own engine and in one transaction.

The scripts live in ``migrations/`` inside the package (no ``alembic.ini``). For developers:
``uv run python -m gera_desktop.persistence.migrate revision "Kurze Beschreibung"`` autogenerates the
next revision from ``domain/models.py`` (review it before committing);
``uv run python -m gera_desktop.persistence.migrate check`` says whether models and migrations agree.

Alembic (which pulls in Mako and Pygments) is imported only where it runs, when a migration is due:
the revision a database carries and the newest shipped revision are read without it, so opening an
up-to-date database does not load it.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from gera_desktop.domain.errors import DatabaseError
from gera_desktop.domain.models import Base
from gera_desktop.domain.oplog import logged_operation
from gera_desktop.persistence.database import make_engine
from gera_desktop.persistence.revisions import SHIPPED_MIGRATIONS, VERSION_TABLE, head_in

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

SCRIPT_LOCATION = SHIPPED_MIGRATIONS
# Serialises two programs that start a new version against the same PostgreSQL database at once.
PG_MIGRATION_LOCK = 4_711_2024


@dataclass(frozen=True)
class SchemaState:
    """Which schema revision a database carries, and whether it holds any of our tables."""

    revision: str | None
    head: str
    has_tables: bool

    @property
    def is_head(self) -> bool:
        """True when no migration is needed."""
        return self.revision == self.head


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration built in code; ``env.py`` runs on ``connection``."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION).replace("%", "%%"))
    cfg.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    """The revisions shipped with the program, as Alembic reads them."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The revision the program's models correspond to: the shipped revision that no other revises.

    Read from the revision files' ``revision``/``down_revision`` lines, without Alembic.
    """
    return head_in(SCRIPT_LOCATION / "versions")


def stored_revisions(connection: Connection) -> list[str]:
    """The revisions the database records in ``alembic_version`` (none without that table)."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return []
    return [str(rev) for rev in connection.scalars(text(f"SELECT version_num FROM {VERSION_TABLE}"))]


def read_schema_state(connection: Connection) -> SchemaState:
    """The revision of the database behind ``connection``; refuses schemas this program does not know."""
    heads = stored_revisions(connection)
    tables = set(inspect(connection).get_table_names()) - {VERSION_TABLE}
    if len(heads) > 1:
        raise DatabaseError(_unknown_schema_message(", ".join(heads)))
    revision = heads[0] if heads else None
    if revision is None and tables:
        raise DatabaseError(_unknown_schema_message("keiner"))
    if revision is not None and not is_known_revision(revision):
        raise DatabaseError(
            f"Die Datenbank hat den Schema-Stand {revision}, den diese Programmversion nicht kennt – "
            "sie stammt vermutlich von einer neueren Version von gera-desktop. Bitte die neuere Version "
            "verwenden. Die Datenbank wurde nicht verändert."
        )
    return SchemaState(revision, head_revision(), bool(tables))


def is_known_revision(revision: str) -> bool:
    """True when ``revision`` is one of the shipped revisions (Alembic is asked unless it is the head)."""
    if revision == head_revision():
        return True
    from alembic.util import CommandError

    try:
        return script_directory().get_revision(revision) is not None
    except CommandError:
        return False


def _unknown_schema_message(revision: str) -> str:
    return (
        f"Die Datenbank hat einen unbekannten oder unvollständigen Aufbau (Schema-Stand: {revision}). "
        "Sie wird nicht verwendet und nicht verändert. Bitte eine Sicherung einspielen oder die IT fragen."
    )


def check_schema_matches(connection: Connection) -> None:
    """Refuse a half-migrated schema: every table and column of the models must exist."""
    inspector = inspect(connection)
    existing = set(inspector.get_table_names())
    for table in Base.metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)} if table.name in existing else set()
        missing = sorted(set(table.columns.keys()) - columns)
        if missing:
            raise DatabaseError(_unknown_schema_message(f"{table.name} ohne {', '.join(missing)}"))


def upgrade_to_head(engine: Engine) -> None:
    """Migrate to the newest revision in one transaction (all steps or none).

    SQLite: foreign keys are switched off around the transaction (batch mode recreates tables, and
    dropping a referenced table would otherwise cascade) and checked before the commit; the write
    lock is taken at BEGIN. PostgreSQL: an advisory lock lets a second starting program wait.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        try:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
            _upgrade_in_transaction(connection, sqlite=sqlite)
        finally:
            if sqlite:
                connection.invalidate()  # never hand a connection without foreign keys back to the pool


def _upgrade_in_transaction(connection: Connection, *, sqlite: bool) -> None:
    connection.execution_options(sqlite_begin="IMMEDIATE")
    with connection.begin():
        if not sqlite:
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_MIGRATION_LOCK})")
        state = read_schema_state(connection)
        if not state.is_head:
            from alembic import command

            with logged_operation(f"Migration {state.revision or 'leer'} → {state.head}"):
                command.upgrade(alembic_config(connection), "head")
            if sqlite:
                _check_foreign_keys(connection)
        check_schema_matches(connection)


def _check_foreign_keys(connection: Connection) -> None:
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise DatabaseError(f"Nach der Umstellung verweisen {len(problems)} Zeilen ins Leere.")


def _next_revision_id() -> str:
    return f"{int(head_revision()) + 1:04d}"


def _with_schema_database(action: str, message: str = "") -> None:
    """Run ``revision`` or ``check`` against a temporary SQLite file migrated to head."""
    from alembic import command

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'schema.sqlite'}")
        upgrade_to_head(engine)
        with engine.begin() as connection:
            cfg = alembic_config(connection)
            if action == "revision":
                command.revision(cfg, message=message, autogenerate=True, rev_id=_next_revision_id())
            else:
                command.check(cfg)
        engine.dispose()


if __name__ == "__main__":  # pragma: no cover - developer tool
    _with_schema_database(sys.argv[1], " ".join(sys.argv[2:]))
