"""The Clusters of the strategy (spec section 9): named groups of measures with a short description.

A measure names its Cluster; saving or importing a name that is new creates the Cluster. Names are
unique ignoring case and repeated spacing, and a measure that writes a known name in another spelling
joins that Cluster under its stored spelling. The Cluster dialog adds, renames, describes and deletes
Clusters; only one without measures (outside the Papierkorb) can be deleted.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from gera_desktop import config
from gera_desktop.domain.council import cluster_key
from gera_desktop.domain.enums import Quelle
from gera_desktop.domain.errors import DuplicateError, FieldProblem, NotFoundError, ValidationError
from gera_desktop.domain.models import Cluster, Massnahme
from gera_desktop.domain.oplog import logged_operation
from gera_desktop.domain.records import CLUSTER
from gera_desktop.persistence.database import Database
from gera_desktop.services.audit import Change, audit_rows
from gera_desktop.services.labels import field_label
from gera_desktop.services.massnahmen import USER_LENGTH

BESCHREIBUNG_MAX_LENGTH = 4000
NAME_MAX_LENGTH = 120


@dataclass(frozen=True)
class ClusterData:
    """A Cluster as the UI shows it: name, description and how many measures outside the trash it has."""

    name: str
    beschreibung: str | None
    anzahl: int


class ClusterService:
    """The Clusters of one database."""

    def __init__(self, db: Database, user: str | None = None) -> None:
        self._db = db
        self._user = user

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

    @logged_operation("Cluster anlegen")
    def create(self, name: str, beschreibung: str | None = None) -> ClusterData:
        """Add a Cluster (``ValidationError`` for a bad name or text, ``DuplicateError`` when taken)."""
        clean, text = checked_name(name), _checked_text(beschreibung)
        with self._db.write_session() as session:
            _ensure_free(session, clean)
            session.add(Cluster(name=clean, name_key=cluster_key(clean), beschreibung=text))
        return ClusterData(clean, text, 0)

    @logged_operation("Cluster umbenennen")
    def rename(self, name: str, new_name: str) -> tuple[ClusterData, builtins.list[int]]:
        """Rename the Cluster ``name``; returns it and the ids of its measures (whose Cluster now reads
        the new name). Another spelling of the same name is allowed, another Cluster's name is not."""
        clean = checked_name(new_name)
        with self._db.write_session() as session:
            cluster = _named(session, name)
            if cluster_key(clean) != cluster.name_key:
                _ensure_free(session, clean)
            old_name = cluster.name
            cluster.name, cluster.name_key = clean, cluster_key(clean)
            ids = self._renamed_in_members(session, cluster, old_name)
            return ClusterData(clean, cluster.beschreibung, _count(session, cluster.id)), ids

    def _renamed_in_members(self, session: Session, cluster: Cluster, old_name: str) -> builtins.list[int]:
        """Note a rename in each measure of the Cluster (the Papierkorb's too): a new version, so that a
        form still holding the old name meets a conflict instead of bringing the old name back, and an
        audit row "Cluster: old → new". Returns the ids of the measures outside the Papierkorb."""
        members = builtins.list(session.scalars(select(Massnahme).where(Massnahme.cluster_id == cluster.id)))
        if old_name == cluster.name:
            return [m.id for m in members if m.geloescht_am is None]
        user = (self._user or config.current_user())[:USER_LENGTH]
        change = Change(field_label(CLUSTER), old_name, cluster.name)
        now = datetime.now()
        for measure in members:
            measure.version += 1
            session.add_all(audit_rows([change], measure.nr, user, Quelle.BEARBEITUNG, now))
        return [m.id for m in members if m.geloescht_am is None]

    @logged_operation("Cluster beschreiben")
    def describe(self, name: str, beschreibung: str | None) -> ClusterData:
        """Set the description of the Cluster ``name`` (``NotFoundError`` when there is none)."""
        text = _checked_text(beschreibung)
        with self._db.write_session() as session:
            cluster = _named(session, name)
            cluster.beschreibung = text
            return ClusterData(cluster.name, text, _count(session, cluster.id))

    @logged_operation("Cluster löschen")
    def delete(self, name: str) -> ClusterData:
        """Delete the Cluster ``name`` if no measure outside the Papierkorb belongs to it (measures in
        the Papierkorb lose it); ``ValidationError`` naming how many do."""
        with self._db.write_session() as session:
            cluster = _named(session, name)
            count = _count(session, cluster.id)
            if count:
                noun = "Maßnahme gehört" if count == 1 else "Maßnahmen gehören"
                raise ValidationError(
                    [
                        FieldProblem(
                            "cluster",
                            f"Das Cluster „{cluster.name}“ kann nicht gelöscht werden: {count} {noun} "
                            "dazu. Ordnen Sie sie zuerst einem anderen oder keinem Cluster zu.",
                        )
                    ]
                )
            gone = ClusterData(cluster.name, cluster.beschreibung, 0)
            session.execute(
                update(Massnahme).where(Massnahme.cluster_id == cluster.id).values(cluster_id=None)
            )
            session.delete(cluster)
            return gone


def checked_name(name: str | None) -> str:
    """The name with its spacing cleaned (``ValidationError``: empty or longer than 120 characters)."""
    clean = " ".join((name or "").split())
    if not clean:
        raise ValidationError([FieldProblem("name", "Name: Pflichtfeld – bitte ausfüllen.")])
    if len(clean) > NAME_MAX_LENGTH:
        raise ValidationError(
            [
                FieldProblem(
                    "name",
                    f"Name: Der Name ist zu lang ({len(clean)} Zeichen, höchstens {NAME_MAX_LENGTH}).",
                )
            ]
        )
    return clean


def _checked_text(beschreibung: str | None) -> str | None:
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
    return text


def _named(session: Session, name: str) -> Cluster:
    cluster = session.scalars(select(Cluster).where(Cluster.name_key == cluster_key(name))).first()
    if cluster is None:
        raise NotFoundError(f"Ein Cluster „{name.strip()}“ gibt es nicht.")
    return cluster


def _ensure_free(session: Session, name: str) -> None:
    taken = session.scalars(select(Cluster.name).where(Cluster.name_key == cluster_key(name))).first()
    if taken is not None:
        raise DuplicateError(f"Es gibt schon ein Cluster „{taken}“. Bitte wählen Sie einen anderen Namen.")


def _count(session: Session, cluster_id: int) -> int:
    query = select(func.count(Massnahme.id)).where(
        Massnahme.cluster_id == cluster_id, Massnahme.geloescht_am.is_(None)
    )
    return session.scalar(query) or 0
