"""Initial schema: measures with milestones, budget years and participation events; audit; settings.

Enumerations are stored as their German text in VARCHAR(60) without a CHECK constraint (the models
validate), so adding a value to an enum needs no migration.

Revision ID: 0001
Revises: -
Create Date: 2026-11-26 05:48:29.536062
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade the schema."""
    op.create_table(
        "aenderung",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zeitpunkt", sa.DateTime(), nullable=False),
        sa.Column("benutzer", sa.String(length=120), nullable=False),
        sa.Column("massnahme_nr", sa.String(length=20), nullable=False),
        sa.Column("feld", sa.String(length=80), nullable=False),
        sa.Column("alter_wert", sa.Text(), nullable=True),
        sa.Column("neuer_wert", sa.Text(), nullable=True),
        sa.Column("quelle", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aenderung")),
    )
    op.create_index(op.f("ix_aenderung_massnahme_nr"), "aenderung", ["massnahme_nr"], unique=False)
    op.create_index(op.f("ix_aenderung_zeitpunkt"), "aenderung", ["zeitpunkt"], unique=False)

    op.create_table(
        "einstellung",
        sa.Column("schluessel", sa.String(length=60), nullable=False),
        sa.Column("wert", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("schluessel", name=op.f("pk_einstellung")),
    )
    op.create_table(
        "massnahme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nr", sa.String(length=20), nullable=False),
        sa.Column("nr_key", sa.String(length=20), nullable=False),
        sa.Column("titel", sa.String(length=200), nullable=False),
        sa.Column("kurzbeschreibung", sa.Text(), nullable=True),
        sa.Column("art", sa.String(length=60), nullable=False),
        sa.Column("innovationsfeld", sa.String(length=60), nullable=False),
        sa.Column("zielbild", sa.String(length=60), nullable=True),
        sa.Column("stadtteil", sa.Text(), nullable=True),
        sa.Column("federfuehrung", sa.String(length=120), nullable=False),
        sa.Column("partner", sa.Text(), nullable=True),
        sa.Column("ansprechpartner", sa.Text(), nullable=True),
        sa.Column("telefon", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("beginn", sa.Date(), nullable=False),
        sa.Column("ende", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=60), nullable=False),
        sa.Column("ampel", sa.String(length=60), nullable=True),
        sa.Column("fortschritt", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("gesamtkosten", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("foerderfaehig", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("foerderquote", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("bundesmittel", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("drittmittel", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("eigenanteil", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("abgerufen", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("produkt", sa.Text(), nullable=True),
        sa.Column("investitionsnummer", sa.Text(), nullable=True),
        sa.Column("drucksache", sa.Text(), nullable=True),
        sa.Column("beschlussdatum", sa.Date(), nullable=True),
        sa.Column("freigabe", sa.String(length=60), nullable=False),
        sa.Column("beteiligung", sa.Boolean(), nullable=False),
        sa.Column("verstetigung", sa.Text(), nullable=True),
        sa.Column("folgekosten", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("wirkungsindikator", sa.Text(), nullable=True),
        sa.Column("zielwert", sa.Text(), nullable=True),
        sa.Column("bemerkung", sa.Text(), nullable=True),
        sa.Column("stand", sa.Date(), nullable=True),
        sa.Column("zusatzspalten", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("erstellt_am", sa.DateTime(), nullable=False),
        sa.Column("geaendert_am", sa.DateTime(), nullable=False),
        sa.Column("geaendert_von", sa.String(length=120), nullable=True),
        sa.Column("geloescht_am", sa.DateTime(), nullable=True),
        sa.Column("geloescht_von", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_massnahme")),
        sa.UniqueConstraint("nr_key", name=op.f("uq_massnahme_nr_key")),
    )
    op.create_index(op.f("ix_massnahme_geloescht_am"), "massnahme", ["geloescht_am"], unique=False)

    op.create_table(
        "beteiligung",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("massnahme_id", sa.Integer(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("format", sa.String(length=120), nullable=False),
        sa.Column("ort", sa.Text(), nullable=True),
        sa.Column("teilnehmende", sa.Integer(), nullable=True),
        sa.Column("ergebnis", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["massnahme_id"],
            ["massnahme.id"],
            name=op.f("fk_beteiligung_massnahme_id_massnahme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beteiligung")),
        sa.UniqueConstraint(
            "massnahme_id", "datum", "format", name=op.f("uq_beteiligung_massnahme_id_datum_format")
        ),
    )
    op.create_index(op.f("ix_beteiligung_massnahme_id"), "beteiligung", ["massnahme_id"], unique=False)

    op.create_table(
        "finanzjahr",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("massnahme_id", sa.Integer(), nullable=False),
        sa.Column("jahr", sa.Integer(), nullable=False),
        sa.Column("plan", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("ist", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("abgerufen", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.ForeignKeyConstraint(
            ["massnahme_id"],
            ["massnahme.id"],
            name=op.f("fk_finanzjahr_massnahme_id_massnahme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finanzjahr")),
        sa.UniqueConstraint("massnahme_id", "jahr", name=op.f("uq_finanzjahr_massnahme_id_jahr")),
    )
    op.create_index(op.f("ix_finanzjahr_massnahme_id"), "finanzjahr", ["massnahme_id"], unique=False)

    op.create_table(
        "meilenstein",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("massnahme_id", sa.Integer(), nullable=False),
        sa.Column("bezeichnung", sa.String(length=200), nullable=False),
        sa.Column("termin", sa.Date(), nullable=False),
        sa.Column("erledigt_am", sa.Date(), nullable=True),
        sa.Column("bemerkung", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["massnahme_id"],
            ["massnahme.id"],
            name=op.f("fk_meilenstein_massnahme_id_massnahme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meilenstein")),
        sa.UniqueConstraint(
            "massnahme_id", "bezeichnung", name=op.f("uq_meilenstein_massnahme_id_bezeichnung")
        ),
    )
    op.create_index(op.f("ix_meilenstein_massnahme_id"), "meilenstein", ["massnahme_id"], unique=False)


def downgrade() -> None:
    """Downgrade the schema."""
    op.drop_index(op.f("ix_meilenstein_massnahme_id"), table_name="meilenstein")
    op.drop_table("meilenstein")
    op.drop_index(op.f("ix_finanzjahr_massnahme_id"), table_name="finanzjahr")
    op.drop_table("finanzjahr")
    op.drop_index(op.f("ix_beteiligung_massnahme_id"), table_name="beteiligung")
    op.drop_table("beteiligung")
    op.drop_index(op.f("ix_massnahme_geloescht_am"), table_name="massnahme")
    op.drop_table("massnahme")
    op.drop_table("einstellung")
    op.drop_index(op.f("ix_aenderung_zeitpunkt"), table_name="aenderung")
    op.drop_index(op.f("ix_aenderung_massnahme_nr"), table_name="aenderung")
    op.drop_table("aenderung")
