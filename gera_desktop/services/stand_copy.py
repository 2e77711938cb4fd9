"""Copying the measures into a Stand: every measure outside the trash with its children and its
effective amounts, as the parts of the frozen format (``persistence.frozen``).

Taking a Stand of 10,000 measures must stay under a second. The database itself writes each measure's
fields and each list of its child rows as JSON text (one row per measure and kind comes back, not one
per child row), and Python only computes the effective amounts from the funding fields and joins the
texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, Text, cast, func, select
from sqlalchemy.orm import Session

from gera_desktop.domain.funding import INPUT_KEYS, ZERO, FundingInput, compute
from gera_desktop.domain.models import Cluster, Massnahme
from gera_desktop.domain.records import CLUSTER
from gera_desktop.persistence.frozen import (
    CHILD_KEYS,
    EFFECTIVE_KEYS,
    MEASURE_KEYS,
    PART_SIZE,
    encode_part,
    measure_text,
)
from gera_desktop.services.mapping import CHILD_KINDS

MEASURES: Table = Massnahme.__table__  # type: ignore[assignment]
CLUSTERS: Table = Cluster.__table__  # type: ignore[assignment]
LIVE = MEASURES.c.geloescht_am.is_(None)
CHILD_TABLES: dict[str, Table] = {kind.attr: kind.model.__table__ for kind in CHILD_KINDS}


def frozen_parts(session: Session, programme_rate: Decimal) -> tuple[int, list[bytes]]:
    """How many measures are outside the trash, and the parts that hold them (all read in ``session``)."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    funding = [MEASURES.c[key] for key in INPUT_KEYS]
    columns = [CLUSTERS.c.name if key == CLUSTER else MEASURES.c[key] for key in MEASURE_KEYS]
    fields = _json_array(columns, sqlite)
    with_clusters = MEASURES.outerjoin(CLUSTERS, CLUSTERS.c.id == MEASURES.c.cluster_id)
    measures = session.execute(
        select(MEASURES.c.id, fields, *funding).select_from(with_clusters).where(LIVE)
    ).all()
    children: dict[str, dict[int, str]] = {
        attr: dict(session.execute(_children_query(attr, sqlite)).all()) for attr in CHILD_KEYS
    }
    called: dict[int, Decimal] = dict(session.execute(_called_query()).all())
    texts = [
        measure_text(
            text,
            [children[attr].get(owner) for attr in CHILD_KEYS],
            _effective(given, called.get(owner) or ZERO, programme_rate),
        )
        for owner, text, *given in measures
    ]
    parts = [encode_part(texts[start : start + PART_SIZE]) for start in range(0, len(texts), PART_SIZE)]
    return len(texts), parts


def _json_array(columns: Sequence[ColumnElement[Any]], sqlite: bool) -> ColumnElement[str]:
    """The values of one row as a JSON array, written by the database."""
    if sqlite:
        return func.json_array(*columns, type_=Text)
    return cast(func.json_build_array(*columns), Text)


def _json_rows(columns: Sequence[ColumnElement[Any]], sqlite: bool) -> ColumnElement[str]:
    """The rows of a group as a JSON array of arrays, written by the database."""
    if sqlite:
        return func.json_group_array(func.json_array(*columns), type_=Text)
    return cast(func.json_agg(func.json_build_array(*columns)), Text)


def _children_query(attr: str, sqlite: bool) -> Select[Any]:
    """Per measure outside the trash: its rows of one child kind as JSON."""
    child = CHILD_TABLES[attr]
    return (
        select(child.c.massnahme_id, _json_rows([child.c[key] for key in CHILD_KEYS[attr]], sqlite))
        .select_from(child.join(MEASURES, child.c.massnahme_id == MEASURES.c.id))
        .where(LIVE)
        .group_by(child.c.massnahme_id)
    )


def _called_query() -> Select[Any]:
    """Per measure outside the trash: the sum of its budget years' Abgerufen (default of Mittel abgerufen)."""
    years = CHILD_TABLES["finanzen"]
    return (
        select(years.c.massnahme_id, func.sum(years.c.abgerufen))
        .select_from(years.join(MEASURES, years.c.massnahme_id == MEASURES.c.id))
        .where(LIVE, years.c.abgerufen.is_not(None))
        .group_by(years.c.massnahme_id)
    )


def _effective(given: Sequence[Decimal | None], called: Decimal, programme_rate: Decimal) -> list[Decimal]:
    """The effective amounts of spec section 8 (``EFFECTIVE_KEYS``) of the funding fields (``INPUT_KEYS``)."""
    values: dict[str, Any] = dict(zip(INPUT_KEYS, given, strict=True))
    figures = compute(FundingInput(**values, abgerufen_jahresscheiben=called), programme_rate)
    return [getattr(figures, key) for key in EFFECTIVE_KEYS]
