"""The Cluster use cases of the application core (spec section 9): list the Clusters with their
descriptions and numbers of measures, add, rename, describe and delete one without measures.

``Anwendung`` (``services.core``) takes them in as a mixin; every write returns an ``Outcome`` whose
``Changes`` say that the Clusters changed (a rename also changes the measures of the Cluster, whose
Cluster now reads the new name). Like the rest of the core, the service is imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from gera_desktop.services.changes import Changes, Outcome

if TYPE_CHECKING:
    from gera_desktop.persistence.database import Database
    from gera_desktop.services.clusters import ClusterData, ClusterService

CLUSTERS = Changes(clusters=True)


class _Core(Protocol):
    """What the use cases need of the core they are part of."""

    @property
    def db(self) -> Database: ...

    user: str | None


def _service(core: _Core) -> ClusterService:
    from gera_desktop.services.clusters import ClusterService

    return ClusterService(core.db, core.user)


class ClusterUseCases:
    """The Clusters of the open database (a mixin of ``Anwendung``)."""

    def clusters(self: _Core) -> list[ClusterData]:
        """Every Cluster by name, with its description and its number of measures outside the trash."""
        return _service(self).list()

    def cluster_names(self: _Core) -> list[str]:
        """The names of every Cluster, in order (what the detail form offers)."""
        return [cluster.name for cluster in _service(self).list()]

    def create_cluster(self: _Core, name: str, beschreibung: str | None = None) -> Outcome[ClusterData]:
        """Add a Cluster (``ValidationError`` for a bad name, ``DuplicateError`` when it is taken)."""
        return Outcome(_service(self).create(name, beschreibung), CLUSTERS)

    def rename_cluster(self: _Core, name: str, new_name: str) -> Outcome[ClusterData]:
        """Rename the Cluster ``name``; its measures are changed with it."""
        renamed, ids = _service(self).rename(name, new_name)
        return Outcome(renamed, Changes.of(changed=ids, clusters=True))

    def describe_cluster(self: _Core, name: str, beschreibung: str | None) -> Outcome[ClusterData]:
        """Set the description of the Cluster ``name`` (``NotFoundError`` when there is none)."""
        return Outcome(_service(self).describe(name, beschreibung), CLUSTERS)

    def delete_cluster(self: _Core, name: str) -> Outcome[ClusterData]:
        """Delete the Cluster ``name`` if it has no measures (``ValidationError`` saying how many)."""
        return Outcome(_service(self).delete(name), CLUSTERS)
