"""What a write changed (after Anki's ``OpChanges``): the views update only that, nobody refreshes by hand.

Every write of the application core (``services.core``) returns an ``Outcome``: its result and the
``Changes``. Measures are named by their database id, which stays the same when the Nr. changes and when
a measure goes into the Papierkorb and comes back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """The measures created (also: back from the Papierkorb), changed and deleted (into the Papierkorb),
    and whether the programme settings, the Papierkorb, the whole database (a restored backup), its
    being read-only, the Stände (one frozen or deleted) or the Clusters (added, renamed, described,
    deleted) changed."""

    created: frozenset[int] = frozenset()
    changed: frozenset[int] = frozenset()
    deleted: frozenset[int] = frozenset()
    settings: bool = False
    trash: bool = False
    database_replaced: bool = False
    read_only: bool = False
    staende: bool = False
    clusters: bool = False

    @classmethod
    def of(
        cls,
        *,
        created: Iterable[int] = (),
        changed: Iterable[int] = (),
        deleted: Iterable[int] = (),
        **flags: bool,
    ) -> Changes:
        """Changes from any iterables of ids (``Changes.of(changed=[7], trash=True)``)."""
        return cls(frozenset(created), frozenset(changed), frozenset(deleted), **flags)

    @property
    def measures(self) -> bool:
        """True when any measure the list shows may have changed (a replaced database changes all)."""
        return bool(self.created or self.changed or self.deleted or self.database_replaced)

    @property
    def measure_count(self) -> int:
        """How many measures were created, changed or deleted."""
        return len(self.created) + len(self.changed) + len(self.deleted)

    def touches(self, measure_id: int | None) -> bool:
        """True when the measure with this id was created, changed or deleted (or everything was)."""
        if self.database_replaced:
            return True
        return measure_id is not None and (
            measure_id in self.created or measure_id in self.changed or measure_id in self.deleted
        )

    def __or__(self, other: Changes) -> Changes:
        """Both changes, as if made by one write."""
        return Changes(
            self.created | other.created,
            self.changed | other.changed,
            self.deleted | other.deleted,
            self.settings or other.settings,
            self.trash or other.trash,
            self.database_replaced or other.database_replaced,
            self.read_only or other.read_only,
            self.staende or other.staende,
            self.clusters or other.clusters,
        )


NOTHING = Changes()


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a write returns: its result for the caller and what it changed for everybody else."""

    value: T
    changes: Changes = field(default=NOTHING)
