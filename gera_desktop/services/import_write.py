"""The write phase of an import: one transaction of bulk statements, no ORM object per row.

Measured at 10,000 measures with 90,000 child rows and 300,000 audit rows (then one per field of a new
measure): ORM objects cost about 50 times plain statements, so every table is written with Core
``executemany`` in chunks of plain dicts. Before
anything is written the versions of the measures to change are read again under the write lock (SQLite:
BEGIN IMMEDIATE; PostgreSQL: SELECT … FOR UPDATE); a measure that another session saved since the file
was checked stops the import (``ImportConflictError``) and the transaction is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Table, bindparam, select, update
from sqlalchemy.orm import Session

from gera_desktop.domain.council import cluster_key
from gera_desktop.domain.models import Aenderung, Massnahme, nr_key
from gera_desktop.domain.records import COLUMN_KEYS, MassnahmeData
from gera_desktop.persistence.bulk import insert_rows
from gera_desktop.services.audit import FELD_LENGTH, QUELLE_LENGTH, Change, creation
from gera_desktop.services.cluster_names import cluster_ids
from gera_desktop.services.import_errors import ImportConflictError
from gera_desktop.services.import_merge import PlannedMeasure
from gera_desktop.services.mapping import CHILD_KINDS, ChildKind

CHUNK = 2_000
"""Rows per statement batch; also how often progress is reported and cancellation is checked."""
KEY_CHUNK = 500
"""Values per IN list (well below every backend's limit of bound parameters)."""
MEASURES: Table = Massnahme.__table__  # type: ignore[assignment]
AUDIT: Table = Aenderung.__table__  # type: ignore[assignment]
MEASURE_COLUMNS = (*COLUMN_KEYS, "cluster_id", "zusatzspalten", "nr_key")
_field_values = attrgetter(*COLUMN_KEYS)
T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items`` in slices of ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class ImportWriter:
    """Writes the new and changed measures of one import within ``session``.

    ``tick`` is called after every batch (it reports progress and raises when the user cancelled).
    """

    session: Session
    user: str
    quelle: str
    now: datetime
    tick: Callable[[], None]
    clusters: dict[str, int] = field(default_factory=dict)
    """The ids of the Clusters the measures name, by key (``write`` creates the new ones)."""

    def write(self, new: Sequence[PlannedMeasure], changed: Sequence[PlannedMeasure]) -> None:
        """Check the versions, then insert the new measures and update the changed ones, with audit rows."""
        self.check_versions(changed)
        self.check_new_nrs(new)
        self.clusters = cluster_ids(self.session, (m.new.cluster for m in (*new, *changed)))
        ids = self.insert_measures([m.new for m in new])
        self.insert_children([(ids[nr_key(m.new.nr)], child) for m in new for child in _children(m.new)])
        self.update_measures(changed)
        self.upsert_children(changed)
        audit = [(m.new.nr, [creation(m.new)]) for m in new]
        self.insert_audit([*audit, *((m.new.nr, m.changes) for m in changed)])

    @staticmethod
    def batches(new: int, changed: int) -> int:
        """Roughly how many times ``write`` calls ``tick`` (for the progress bar): a new measure brings
        about 11 rows (itself, its children, its one audit row "angelegt"), a changed one a few."""
        return 6 + (new * 11 + changed * 5) // CHUNK

    # --- checks under the lock ----------------------------------------------------------------------

    def check_versions(self, changed: Sequence[PlannedMeasure]) -> None:
        """Raise ``ImportConflictError`` when a measure to change is no longer as it was loaded."""
        loaded = {m.old.id: m.old for m in changed if m.old is not None and m.old.id is not None}
        columns = (MEASURES.c.id, MEASURES.c.version, MEASURES.c.geloescht_am, MEASURES.c.geaendert_von)
        for part in chunks(list(loaded), KEY_CHUNK):
            query = select(*columns, MEASURES.c.geaendert_am).where(MEASURES.c.id.in_(part)).with_for_update()
            found = {row.id: row for row in self.session.execute(query)}
            for record_id in part:
                _check_version(loaded[record_id], found.get(record_id))
        self.tick()

    def check_new_nrs(self, new: Sequence[PlannedMeasure]) -> None:
        """Raise ``ImportConflictError`` when a new measure's Nr. was taken meanwhile."""
        keys = [nr_key(m.new.nr) for m in new]
        for part in chunks(keys, KEY_CHUNK):
            query = select(MEASURES.c.nr).where(MEASURES.c.nr_key.in_(part)).limit(1)
            taken = self.session.scalar(query)
            if taken is not None:
                raise ImportConflictError(
                    f"Die Maßnahme „{taken}“ wurde inzwischen in der Datenbank angelegt."
                )
        self.tick()

    # --- measures -----------------------------------------------------------------------------------

    def insert_measures(self, records: Sequence[MassnahmeData]) -> dict[str, int]:
        """Insert new measures (version 1); their ids by ``nr_key``."""
        stamp = {"version": 1, "erstellt_am": self.now, "geaendert_am": self.now, "geaendert_von": self.user}
        for part in chunks(records, CHUNK):
            rows = [(*_field_values(r), self.cluster_id(r), r.zusatzspalten, nr_key(r.nr)) for r in part]
            insert_rows(self.session, MEASURES, stamp, MEASURE_COLUMNS, rows)
            self.tick()
        ids: dict[str, int] = {}
        for keys in chunks([nr_key(r.nr) for r in records], KEY_CHUNK):
            query = select(MEASURES.c.nr_key, MEASURES.c.id).where(MEASURES.c.nr_key.in_(keys))
            ids.update((key, record_id) for key, record_id in self.session.execute(query))
        return ids

    def update_measures(self, changed: Sequence[PlannedMeasure]) -> None:
        """Update every field of the changed measures by primary key; the version grows by one."""
        statement = update(MEASURES).where(
            MEASURES.c.id == bindparam("b_id"), MEASURES.c.version == bindparam("b_version")
        )
        stamp = {"geaendert_am": self.now, "geaendert_von": self.user}
        for part in chunks(changed, CHUNK):
            rows = [
                _update_values(m.old, m.new) | {"cluster_id": self.cluster_id(m.new)} | stamp
                for m in part
                if m.old is not None
            ]
            result = cast("CursorResult[Any]", self.session.execute(statement, rows))
            if self.session.get_bind().dialect.supports_sane_multi_rowcount and result.rowcount != len(rows):
                raise ImportConflictError(
                    "Eine der Maßnahmen wurde inzwischen von einer anderen Sitzung geändert."
                )
            self.tick()

    def cluster_id(self, record: MassnahmeData) -> int | None:
        """The id of the record's Cluster (``None``: none)."""
        name = record.cluster
        return self.clusters[cluster_key(name)] if name and name.strip() else None

    # --- children -----------------------------------------------------------------------------------

    def insert_children(self, children: Sequence[tuple[int, tuple[ChildKind, Any]]]) -> None:
        """Insert child rows of every kind for the measure ids given."""
        for kind in CHILD_KINDS:
            values = attrgetter(*kind.keys)
            rows = [(owner, *values(c)) for owner, (k, c) in children if k is kind]
            for part in chunks(rows, CHUNK):
                insert_rows(self.session, kind.model.__table__, {}, ("massnahme_id", *kind.keys), part)
                self.tick()

    def upsert_children(self, changed: Sequence[PlannedMeasure]) -> None:
        """Insert the changed measures' new child rows and update the changed ones (never delete)."""
        added: list[tuple[int, tuple[ChildKind, Any]]] = []
        for kind in CHILD_KINDS:
            updates = []
            for measure in changed:
                assert measure.old is not None
                assert measure.old.id is not None
                before = {kind.key(child): child for child in getattr(measure.old, kind.attr)}
                for child in getattr(measure.new, kind.attr):
                    old_child = before.get(kind.key(child))
                    if old_child is None:
                        added.append((measure.old.id, (kind, child)))
                    elif old_child != child:
                        updates.append((measure.old.id, child))
            self._update_children(kind, updates)
        self.insert_children(added)

    def _update_children(self, kind: ChildKind, updates: list[tuple[int, Any]]) -> None:
        if not updates:
            return
        table: Table = kind.model.__table__
        ids = self._child_ids(kind, table, sorted({owner for owner, _ in updates}))
        rows = [{"b_id": ids[(owner, kind.key(c))], **_child_values(kind, c)} for owner, c in updates]
        statement = update(table).where(table.c.id == bindparam("b_id"))
        for part in chunks(rows, CHUNK):
            self.session.execute(statement, part)
            self.tick()

    def _child_ids(self, kind: ChildKind, table: Table, owners: list[int]) -> dict[tuple[int, Any], int]:
        ids = {}
        columns = [table.c[key] for key in kind.keys]
        for part in chunks(owners, KEY_CHUNK):
            query = select(table.c.id, table.c.massnahme_id, *columns).where(table.c.massnahme_id.in_(part))
            for child_id, owner, *values in self.session.execute(query):
                ids[(owner, kind.key(kind.record(*values)))] = child_id
        return ids

    # --- audit --------------------------------------------------------------------------------------

    def insert_audit(self, entries: Sequence[tuple[str, list[Change]]]) -> None:
        """One audit row per changed field (for a new measure: one row "angelegt"), naming the file."""
        common = {"zeitpunkt": self.now, "benutzer": self.user, "quelle": self.quelle[:QUELLE_LENGTH]}
        rows = [(nr, feld[:FELD_LENGTH], alt, neu) for nr, changes in entries for feld, alt, neu in changes]
        for part in chunks(rows, CHUNK):
            insert_rows(self.session, AUDIT, common, AUDIT_COLUMNS, part)
            self.tick()


AUDIT_COLUMNS = ("massnahme_nr", "feld", "alter_wert", "neuer_wert")


def _check_version(loaded: MassnahmeData, row: Any) -> None:
    if row is None:
        raise ImportConflictError(f"Die Maßnahme „{loaded.nr}“ wurde inzwischen endgültig gelöscht.")
    if row.geloescht_am is not None:
        raise ImportConflictError(
            f"Die Maßnahme „{loaded.nr}“ wurde inzwischen in den Papierkorb verschoben."
        )
    if row.version != loaded.version:
        who = row.geaendert_von or "einer anderen Sitzung"
        when = row.geaendert_am.strftime("%d.%m.%Y um %H:%M Uhr") if row.geaendert_am else "zwischenzeitlich"
        raise ImportConflictError(
            f"Die Maßnahme „{loaded.nr}“ wurde inzwischen von {who} am {when} geändert."
        )


def _measure_values(record: MassnahmeData) -> dict[str, Any]:
    values = {key: getattr(record, key) for key in COLUMN_KEYS}
    values["zusatzspalten"] = record.zusatzspalten
    values["nr_key"] = nr_key(record.nr)
    return values


def _update_values(old: MassnahmeData, new: MassnahmeData) -> dict[str, Any]:
    assert old.version is not None
    return {"b_id": old.id, "b_version": old.version, "version": old.version + 1, **_measure_values(new)}


def _child_values(kind: ChildKind, child: Any) -> dict[str, Any]:
    return {key: getattr(child, key) for key in kind.keys}


def _children(record: MassnahmeData) -> Iterator[tuple[ChildKind, Any]]:
    for kind in CHILD_KINDS:
        for child in getattr(record, kind.attr):
            yield kind, child
