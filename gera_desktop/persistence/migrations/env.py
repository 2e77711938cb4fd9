"""Alembic environment: runs only on the connection handed in by ``persistence.migrate``.

That connection comes from our own engine (pragmas, real BEGIN) and is already inside a transaction,
so all revisions of one upgrade commit or roll back together.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from gera_desktop.domain.models import Base


def run_migrations() -> None:
    """Configure Alembic for batch mode and our naming convention, then migrate or compare."""
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("Migrations run only through gera_desktop.persistence.migrate.")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        transactional_ddl=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
