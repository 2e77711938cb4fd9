"""The council cycle (issue 13, spec section 9): calls of funds, decisions and clusters.

Three new tables – ``cluster`` (name unique ignoring case and spacing through ``name_key``, a
description), ``mittelabruf`` and ``beschluss`` (children of a measure, deleted with it) – and the
column ``massnahme.cluster_id``. The programme's deadline settings are rows of ``einstellung`` and need
no change of the schema.

Each stored Drucksache-Nr./Beschlussdatum pair becomes one council decision with the result
beschlossen (``domain.council.pair_decision``): a text of the form "82/2019 7. Ergänzung" is split into
Drucksache and Ergänzung, any other text stays whole. The pair itself stays as it is: it
already shows this one decision. A measure with only one half of the pair keeps it and gets no decision.
As in 0002 a migration is no user's change: versions, Stand and the audit log stay as they are.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from gera_desktop.domain.council import pair_decision

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DECISION_KEYS = ("art", "drucksache", "ergaenzung", "datum", "ergebnis", "umlaufbeschluss")
MASSNAHME = sa.table(
    "massnahme",
    sa.column("id", sa.Integer()),
    sa.column("drucksache", sa.Text()),
    sa.column("beschlussdatum", sa.Date()),
)


def upgrade() -> None:
    """Create the tables, link measures to clusters, turn each stored pair into a council decision."""
    op.create_table(
        "cluster",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_key", sa.String(length=360), nullable=False),
        sa.Column("beschreibung", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster")),
        sa.UniqueConstraint("name_key", name=op.f("uq_cluster_name_key")),
    )
    with op.batch_alter_table("massnahme") as batch:
        batch.add_column(sa.Column("cluster_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_massnahme_cluster_id"), ["cluster_id"], unique=False)
        batch.create_foreign_key(
            batch.f("fk_massnahme_cluster_id_cluster"), "cluster", ["cluster_id"], ["id"], ondelete="SET NULL"
        )
    _create_children()
    _decisions_from_pairs()


def _create_children() -> None:
    op.create_table(
        "mittelabruf",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("massnahme_id", sa.Integer(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("betrag", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("halbjahr", sa.String(length=7), nullable=False),
        sa.Column("status", sa.String(length=60), nullable=False),
        sa.Column("bemerkung", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["massnahme_id"],
            ["massnahme.id"],
            name=op.f("fk_mittelabruf_massnahme_id_massnahme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mittelabruf")),
    )
    op.create_index(op.f("ix_mittelabruf_massnahme_id"), "mittelabruf", ["massnahme_id"], unique=False)
    op.create_table(
        "beschluss",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("massnahme_id", sa.Integer(), nullable=False),
        sa.Column("art", sa.String(length=60), nullable=False),
        sa.Column("drucksache", sa.Text(), nullable=True),
        sa.Column("ergaenzung", sa.Text(), nullable=True),
        sa.Column("gremium", sa.Text(), nullable=True),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("ergebnis", sa.String(length=60), nullable=False),
        sa.Column("umlaufbeschluss", sa.Boolean(), nullable=False),
        sa.Column("begruendung", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["massnahme_id"],
            ["massnahme.id"],
            name=op.f("fk_beschluss_massnahme_id_massnahme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beschluss")),
    )
    op.create_index(op.f("ix_beschluss_massnahme_id"), "beschluss", ["massnahme_id"], unique=False)


def _decisions_from_pairs() -> None:
    """One council decision (beschlossen) per measure with both Drucksache-Nr. and Beschlussdatum."""
    bind = op.get_bind()
    query = sa.select(MASSNAHME).where(
        MASSNAHME.c.drucksache.is_not(None), MASSNAHME.c.beschlussdatum.is_not(None)
    )
    rows = []
    for row in bind.execute(query):
        decision = pair_decision(row.drucksache, row.beschlussdatum)
        if decision is not None:
            values = {key: getattr(decision, key) for key in DECISION_KEYS}
            values.update(art=decision.art.value, ergebnis=decision.ergebnis.value)
            rows.append({"massnahme_id": row.id, **values})
    if rows:
        beschluss = sa.table(
            "beschluss", sa.column("massnahme_id"), *(sa.column(key) for key in DECISION_KEYS)
        )
        bind.execute(sa.insert(beschluss), rows)


def downgrade() -> None:
    """Drop the decisions, calls and clusters (the pairs on the measures stay)."""
    op.drop_index(op.f("ix_beschluss_massnahme_id"), table_name="beschluss")
    op.drop_table("beschluss")
    op.drop_index(op.f("ix_mittelabruf_massnahme_id"), table_name="mittelabruf")
    op.drop_table("mittelabruf")
    with op.batch_alter_table("massnahme") as batch:
        batch.drop_constraint(batch.f("fk_massnahme_cluster_id_cluster"), type_="foreignkey")
        batch.drop_index(batch.f("ix_massnahme_cluster_id"))
        batch.drop_column("cluster_id")
    op.drop_table("cluster")
