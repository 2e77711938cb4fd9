"""Opening the database named by the user (schema creation is replaced by Alembic migrations)."""

from __future__ import annotations

from gera_desktop.domain.models import Base
from gera_desktop.persistence.database import Database, make_engine, sqlite_file


def open_database(url: str) -> Database:
    """Open (and if needed create) the database behind ``url``."""
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(url, make_engine(url))
    Base.metadata.create_all(db.engine)
    return db
