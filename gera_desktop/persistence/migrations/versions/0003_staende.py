"""Stände: frozen copies of every measure under a unique name (issue 12, spec section 9).

Two new tables, nothing else changes. ``stand`` holds the name (unique ignoring case and spacing through
``name_key``), who took it and when, a remark, the programme settings in force, the number of measures
and the version of the frozen format; ``stand_teil`` holds the measures themselves, a run of them per row
as zlib-compressed JSON (``persistence.frozen``). No column refers to a measure, so later migrations of
the measure tables never touch a Stand.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the tables of the Stände."""
    op.create_table(
        "stand",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_key", sa.String(length=360), nullable=False),
        sa.Column("angelegt_am", sa.DateTime(), nullable=False),
        sa.Column("angelegt_von", sa.String(length=120), nullable=False),
        sa.Column("bemerkung", sa.Text(), nullable=True),
        sa.Column("einstellungen", sa.JSON(), nullable=False),
        sa.Column("anzahl", sa.Integer(), nullable=False),
        sa.Column("format", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stand")),
        sa.UniqueConstraint("name_key", name=op.f("uq_stand_name_key")),
    )
    op.create_table(
        "stand_teil",
        sa.Column("stand_id", sa.Integer(), nullable=False),
        sa.Column("teil", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("daten", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["stand_id"], ["stand.id"], name=op.f("fk_stand_teil_stand_id_stand"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("stand_id", "teil", name=op.f("pk_stand_teil")),
    )


def downgrade() -> None:
    """Drop the tables of the Stände (and every Stand with them)."""
    op.drop_table("stand_teil")
    op.drop_table("stand")
