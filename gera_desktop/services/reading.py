"""What the views read besides one measure: the list's light records, the milestones the Zeitplan and the
Übersicht need, whole records for an export, and ids by Nr. (no Qt).

The list holds every measure without its children (``ListRecord``); children are read when a measure is
opened (``MassnahmenService.get``), when the Zeitplan draws (``fill_milestones``), the milestones not
done for the Übersicht (``open_milestones``), and all of them when measures are exported
(``full_records``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import TypeVar

from sqlalchemy import ColumnElement, select

from gera_desktop.domain.models import Massnahme, Meilenstein, nr_key
from gera_desktop.domain.records import ListRecord, MassnahmeData
from gera_desktop.persistence.database import Database
from gera_desktop.services import queries
from gera_desktop.services.overview import DueMilestone

T = TypeVar("T")
ACTIVE = Massnahme.geloescht_am.is_(None)


class ReadingService:
    """Reads the measures outside the trash of one database for the views."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def list_records(self, ids: Collection[int] | None = None) -> list[ListRecord]:
        """The list's records (all, or those with these ids): their fields without children and extra
        columns, with the sum of their budget years' Abgerufen; in no particular order."""
        with self._db.read_session() as session:
            if ids is None:
                return queries.load_list_records(session, [ACTIVE])
            return [
                record
                for part in _parts(sorted(ids))
                for record in queries.load_list_records(session, [ACTIVE, Massnahme.id.in_(part)])
            ]

    def full_records(self, records: Sequence[MassnahmeData]) -> list[MassnahmeData]:
        """The measures as stored now, with children and extra columns, in the order given (those
        deleted meanwhile are left out)."""
        ids = [r.id for r in records if r.id is not None]
        found: dict[int, MassnahmeData] = {}
        with self._db.read_session() as session:
            for condition in _id_conditions(ids):
                found.update((r.id, r) for r in queries.load_records(session, [ACTIVE, condition]) if r.id)
        return [found[i] for i in ids if i in found]

    def fill_milestones(self, records: Sequence[MassnahmeData]) -> None:
        """Put their milestones as stored now into the records themselves (no copies: the list's light
        records get their milestones when the Zeitplan needs them)."""
        with self._db.read_session() as session:
            found = queries.milestones_of(session, [r.id for r in records if r.id is not None])
        for record in records:
            record.meilensteine = found.get(record.id, []) if record.id is not None else []

    def open_milestones(self) -> list[DueMilestone]:
        """The milestones not done yet of the measures outside the trash, with their measure."""
        milestones, measures = Meilenstein.__table__, Massnahme.__table__
        query = (
            select(measures.c.nr, measures.c.titel, milestones.c.bezeichnung, milestones.c.termin)
            .select_from(milestones.join(measures, milestones.c.massnahme_id == measures.c.id))
            .where(measures.c.geloescht_am.is_(None), milestones.c.erledigt_am.is_(None))
        )
        with self._db.read_session() as session:
            return [DueMilestone(*row) for row in session.connection().execute(query)]

    def nr_of(self, measure_id: int) -> str | None:
        """The Nr. of the measure with this id outside the trash (``None``: deleted or gone)."""
        with self._db.read_session() as session:
            return session.scalar(select(Massnahme.nr).where(ACTIVE, Massnahme.id == measure_id))

    def ids(self, nrs: Iterable[str]) -> list[int]:
        """The ids of the measures with these Nr. (unknown ones left out)."""
        keys = sorted({nr_key(nr) for nr in nrs})
        with self._db.read_session() as session:
            return [
                found
                for part in _parts(keys)
                for found in session.scalars(select(Massnahme.id).where(ACTIVE, Massnahme.nr_key.in_(part)))
            ]


def _id_conditions(ids: Sequence[int]) -> list[ColumnElement[bool]]:
    """Conditions that select these ids: all measures when there are many, else in chunks."""
    if len(ids) > queries.MANY_IDS:
        return [ACTIVE]
    return [Massnahme.id.in_(part) for part in _parts(sorted(ids))]


def _parts(values: Sequence[T]) -> list[Sequence[T]]:
    """``values`` in pieces small enough for one ``IN (…)``."""
    return [values[start : start + queries.MANY_IDS] for start in range(0, len(values), queries.MANY_IDS)]
