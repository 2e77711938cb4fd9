"""Cluster names as measures and imports write them (spec section 9): a name finds its stored Cluster
ignoring case and repeated spacing, and a new name creates one. The Cluster dialog's use cases are in
``services.clusters``."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from gera_desktop.domain.council import cluster_key
from gera_desktop.domain.models import Cluster


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
