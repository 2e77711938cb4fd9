"""Between the ORM models and the plain records: ``to_record`` copies out, ``apply_record`` copies in.

Children are matched by their keys (``domain.rules``): rows with a known key are updated in place, new
keys inserted, missing keys deleted. The import service uses the same functions. The Cluster is a row of
its own that the record names (``services.clusters``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import cached_property
from typing import Any

from sqlalchemy.orm import Session

from gera_desktop.domain import council, rules
from gera_desktop.domain.models import (
    Beschluss,
    Beteiligung,
    Finanzjahr,
    Massnahme,
    Meilenstein,
    Mittelabruf,
    nr_key,
)
from gera_desktop.domain.records import (
    COLUMN_KEYS,
    BeschlussData,
    BeteiligungData,
    FinanzjahrData,
    MassnahmeData,
    MeilensteinData,
    MittelabrufData,
)
from gera_desktop.services.cluster_names import cluster_named


@dataclass(frozen=True)
class ChildKind:
    """One kind of child row: its list on the measure, record and model class, key and sort order."""

    attr: str
    record: type[Any]
    model: type[Any]
    key: Callable[[Any], Hashable]
    title: Callable[[Any], str]
    order: Callable[[Any], Any]
    sheet: bool = True
    """True for the lists that have a sheet of their own in the workbook."""

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """The field keys of the child record."""
        return tuple(f.name for f in fields(self.record))


CHILD_KINDS = (
    ChildKind(
        "meilensteine",
        MeilensteinData,
        Meilenstein,
        rules.meilenstein_key,
        rules.meilenstein_title,
        lambda row: (row.termin or date.max, rules.meilenstein_key(row)),
    ),
    ChildKind(
        "finanzen",
        FinanzjahrData,
        Finanzjahr,
        rules.finanzjahr_key,
        rules.finanzjahr_title,
        lambda row: row.jahr,
    ),
    ChildKind(
        "beteiligungen",
        BeteiligungData,
        Beteiligung,
        rules.beteiligung_key,
        rules.beteiligung_title,
        lambda row: (row.datum or date.max, rules.beteiligung_key(row)[1]),
    ),
    ChildKind(
        "mittelabrufe",
        MittelabrufData,
        Mittelabruf,
        council.mittelabruf_key,
        council.title,
        council.mittelabruf_order,
        sheet=False,
    ),
    ChildKind(
        "beschluesse",
        BeschlussData,
        Beschluss,
        council.beschluss_key,
        council.title,
        council.beschluss_order,
        sheet=False,
    ),
)
SHEET_KINDS = tuple(kind for kind in CHILD_KINDS if kind.sheet)
"""The kinds of child rows a workbook has a sheet for (the calls and decisions it has not)."""


def to_record(m: Massnahme, with_children: bool = True) -> MassnahmeData:
    """A plain, detached copy of a measure (children in their natural order, or left empty)."""
    record = MassnahmeData(
        **{key: getattr(m, key) for key in COLUMN_KEYS},
        cluster=m.cluster.name if m.cluster is not None else None,
        zusatzspalten=dict(m.zusatzspalten or {}),
        id=m.id,
        version=m.version,
        geaendert_am=m.geaendert_am,
        geaendert_von=m.geaendert_von,
    )
    if with_children:
        for kind in CHILD_KINDS:
            rows = [_copy(kind.record, child, kind.keys) for child in getattr(m, kind.attr)]
            setattr(record, kind.attr, sorted(rows, key=kind.order))
    return record


def apply_record(m: Massnahme, data: MassnahmeData, session: Session) -> None:
    """Copy every field, the Cluster (created in ``session`` when its name is new), the extra columns
    and the children of ``data`` onto the model.

    Bookkeeping (id, version, timestamps) is left alone; see ``stamp_change``.
    """
    cluster = cluster_named(session, data.cluster)
    if m.cluster is not cluster:
        m.cluster = cluster
    for key in COLUMN_KEYS:
        if getattr(m, key, None) != getattr(data, key):
            setattr(m, key, getattr(data, key))
    m.nr_key = nr_key(data.nr)
    if (m.zusatzspalten or {}) != data.zusatzspalten or list(m.zusatzspalten or {}) != list(
        data.zusatzspalten
    ):
        m.zusatzspalten = dict(data.zusatzspalten)
    for kind in CHILD_KINDS:
        _apply_children(m, kind, getattr(data, kind.attr))


def stamp_change(m: Massnahme, user: str, now: datetime) -> None:
    """Mark a change: Stand is today, geändert am/von are set (this also grows the version by one)."""
    m.stand = now.date()
    m.geaendert_am = now
    m.geaendert_von = user


def _apply_children(m: Massnahme, kind: ChildKind, rows: list[Any]) -> None:
    existing = {kind.key(_copy(kind.record, child, kind.keys)): child for child in getattr(m, kind.attr)}
    result = []
    for row in rows:
        child = existing.pop(kind.key(row), None)
        if child is None:
            child = kind.model()
        for key in kind.keys:
            if getattr(child, key, None) != getattr(row, key):
                setattr(child, key, getattr(row, key))
        result.append(child)
    if result != list(getattr(m, kind.attr)):
        setattr(m, kind.attr, result)


def _copy(cls: type[Any], source: object, keys: tuple[str, ...]) -> Any:
    return cls(**{key: getattr(source, key) for key in keys})
