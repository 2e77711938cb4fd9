"""Funding amounts equal to their computed value are stored as computed (issue 10, point 5).

Every stored measure, the trash included, gets the rule the program now applies on every save and
import (``domain.funding.normalized``): an amount – förderfähig, Bundesmittel, Drittmittel, Eigenanteil,
Mittel abgerufen – that equals what the rules compute within 0,01 € becomes NULL (computed), so that it
follows later changes of costs or rate; a differing amount stays entered; the Förderquote stays as
stored. The rules use the programme rate stored in the ``einstellung`` table (90 % where none is
stored) and, for Mittel abgerufen, the sum of the measure's budget years.

Data only, no schema change; plain Core statements, so it runs alike on SQLite and PostgreSQL. Every
figure a user sees stays as it was, so the measures keep their version and Stand and no audit rows are
written: a migration is no user's change. There is nothing to downgrade: the older program reads a
NULL amount as the same computed figure.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 21:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from alembic import op

from gera_desktop.domain.funding import AMOUNT_KEYS, DEFAULT_FOERDERQUOTE, ZERO, FundingInput, normalized

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RATE_KEY = "foerderquote"
"""The ``einstellung`` row of the programme rate (``services.settings.FOERDERQUOTE``)."""

_MONEY = sa.Numeric(14, 2, asdecimal=True)
MASSNAHME = sa.table(
    "massnahme",
    sa.column("id", sa.Integer()),
    sa.column("gesamtkosten", _MONEY),
    sa.column("foerderquote", sa.Numeric(5, 2, asdecimal=True)),
    *(sa.column(key, _MONEY) for key in AMOUNT_KEYS),
)
FINANZJAHR = sa.table("finanzjahr", sa.column("massnahme_id", sa.Integer()), sa.column("abgerufen", _MONEY))
EINSTELLUNG = sa.table("einstellung", sa.column("schluessel", sa.String(60)), sa.column("wert", sa.Text()))


def upgrade() -> None:
    """Set every amount that equals its computed value to NULL."""
    bind = op.get_bind()
    rate = _programme_rate(bind)
    called = _called_per_measure(bind)
    changed = []
    for row in bind.execute(sa.select(MASSNAHME)).mappings():
        given = FundingInput(
            **{key: row[key] for key in ("gesamtkosten", "foerderquote", *AMOUNT_KEYS)},
            abgerufen_jahresscheiben=called.get(row["id"], ZERO),
        )
        normal = normalized(given, rate)
        if normal != given:
            changed.append({"b_id": row["id"], **{f"v_{key}": getattr(normal, key) for key in AMOUNT_KEYS}})
    if changed:
        statement = (
            sa.update(MASSNAHME)
            .where(MASSNAHME.c.id == sa.bindparam("b_id"))
            .values({key: sa.bindparam(f"v_{key}") for key in AMOUNT_KEYS})
        )
        bind.execute(statement, changed)


def downgrade() -> None:
    """Nothing to undo: the older program reads a NULL amount as the same computed figure."""


def _programme_rate(bind: sa.Connection) -> Decimal:
    """The stored programme rate; the default where none (or no number) is stored, as the program does."""
    text = bind.scalar(sa.select(EINSTELLUNG.c.wert).where(EINSTELLUNG.c.schluessel == RATE_KEY))
    try:
        rate = Decimal(text.strip()) if text and text.strip() else None
    except InvalidOperation:
        rate = None
    return rate if rate is not None and rate.is_finite() else DEFAULT_FOERDERQUOTE


def _called_per_measure(bind: sa.Connection) -> dict[Any, Decimal]:
    """The sum of the budget years' Abgerufen per measure id (the default of Mittel abgerufen)."""
    sums: dict[Any, Decimal] = {}
    query = sa.select(FINANZJAHR.c.massnahme_id, FINANZJAHR.c.abgerufen).where(
        FINANZJAHR.c.abgerufen.is_not(None)
    )
    for owner, amount in bind.execute(query):
        sums[owner] = sums.get(owner, ZERO) + amount
    return sums
