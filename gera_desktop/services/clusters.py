"""The Clusters of the strategy (spec section 9): named groups of measures with a short description.

A measure names its Cluster; saving or importing a name that is new creates the Cluster. Names are
unique ignoring case and repeated spacing, and a measure that writes a known name in another spelling
joins that Cluster under its stored spelling.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gera_desktop.domain.council import cluster_key
from gera_desktop.domain.errors import FieldProblem, NotFoundError, ValidationError
from gera_desktop.domain.models import Cluster, Massnahme
from gera_desktop.domain.oplog import logged_operation
from gera_desktop.persistence.database import Database

BESCHREIBUNG_MAX_LENGTH = 4000


@dataclass(frozen=True)
class ClusterData:
    """A Cluster as the UI shows it: name, description and how many measures outside the trash it has."""

    name: str
    beschreibung: str | None
    anzahl: int


def cluster_named(session: Session, name: str | None) -> Cluster | None:
    """The Cluster of this name (``None`` for no name); a new name is added to ``session``.

    Looked up without flushing the session, so that a measure's pending changes are not written (and
    its version not counted) before it is complete."""
    if name is None or not name.strip():
        return None
    key = cluster_key(name)
    pending = (c for c in session.new if isinstance(c, Cluster) and c.name_key == key)
    with session.no_autoflush:
        found = next(pending, None) or session.scalars(select(Cluster).where(Cluster.name_key == key)).first()
    if found is None:
        found = Cluster(name=name.strip(), name_key=key)
        session.add(found)
    return found


def known_names(session: Session) -> dict[str, str]:
    """The stored spelling of every Cluster's name, by its key."""
    return {cluster_key(name): name for name in session.scalars(select(Cluster.name))}


def cluster_ids(session: Session, names: Iterable[str | None]) -> dict[str, int]:
    """The ids of the named Clusters by key; those not stored yet are created (first spelling wins)."""
    wanted: dict[str, str] = {}
    for name in names:
        if name is not None and name.strip():
            wanted.setdefault(cluster_key(name), name.strip())
    if not wanted:
        return {}
    stored = dict(
        session.execute(select(Cluster.name_key, Cluster.id).where(Cluster.name_key.in_(wanted))).all()
    )
    new = [Cluster(name=name, name_key=key) for key, name in wanted.items() if key not in stored]
    session.add_all(new)
    session.flush()
    return stored | {cluster.name_key: cluster.id for cluster in new}


class ClusterService:
    """The Clusters of one database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self) -> builtins.list[ClusterData]:
        """Every Cluster by name, with its number of measures outside the trash."""
        counted = (
            select(Cluster.name, Cluster.beschreibung, func.count(Massnahme.id))
            .outerjoin(Massnahme, (Massnahme.cluster_id == Cluster.id) & Massnahme.geloescht_am.is_(None))
            .group_by(Cluster.id, Cluster.name, Cluster.beschreibung)
        )
        with self._db.read_session() as session:
            found = [ClusterData(name, text, count) for name, text, count in session.execute(counted)]
        return sorted(found, key=lambda c: cluster_key(c.name))

    @logged_operation("Cluster beschreiben")
    def describe(self, name: str, beschreibung: str | None) -> ClusterData:
        """Set the description of the Cluster ``name`` (``NotFoundError`` when there is none)."""
        text = (beschreibung or "").strip() or None
        if text is not None and len(text) > BESCHREIBUNG_MAX_LENGTH:
            raise ValidationError(
                [
                    FieldProblem(
                        "beschreibung",
                        f"Beschreibung: Der Text ist zu lang ({len(text)} Zeichen, höchstens "
                        f"{BESCHREIBUNG_MAX_LENGTH}).",
                    )
                ]
            )
        with self._db.write_session() as session:
            cluster = session.scalars(select(Cluster).where(Cluster.name_key == cluster_key(name))).first()
            if cluster is None:
                raise NotFoundError(f"Ein Cluster „{name.strip()}“ gibt es nicht.")
            cluster.beschreibung = text
            return ClusterData(cluster.name, text, _count(session, cluster.id))


def _count(session: Session, cluster_id: int) -> int:
    query = select(func.count(Massnahme.id)).where(
        Massnahme.cluster_id == cluster_id, Massnahme.geloescht_am.is_(None)
    )
    return session.scalar(query) or 0
