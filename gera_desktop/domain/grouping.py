"""Grouping measures by Innovationsfeld or by Cluster (issue 13): the list, the Zeitplan and the annex
show the same groups in the same order.

Innovationsfelder come in the order of the strategy (the enum), Clusters alphabetically; the measures
without a Cluster form the last group, "Ohne Cluster". Within a group the measures keep the order given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import TypeVar

from gera_desktop.domain.council import cluster_key
from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.domain.records import MassnahmeData

T = TypeVar("T")
GroupKey = Innovationsfeld | str | None
"""What a measure is grouped by: its Innovationsfeld, or its Cluster's name (``None``: no Cluster)."""
OHNE_CLUSTER = "Ohne Cluster"


class Gruppierung(StrEnum):
    """What measures are grouped by."""

    INNOVATIONSFELD = "Innovationsfeld"
    CLUSTER = "Cluster"

    def key(self, record: MassnahmeData) -> GroupKey:
        """The group of ``record``."""
        if self is Gruppierung.CLUSTER:
            return record.cluster or None
        return Innovationsfeld(record.innovationsfeld)


def group_name(key: GroupKey) -> str:
    """A group's name as shown: the field, the Cluster's name, or "Ohne Cluster"."""
    return OHNE_CLUSTER if key is None else str(key)


def group_order(by: Gruppierung, keys: Iterable[GroupKey]) -> list[GroupKey]:
    """The distinct ``keys`` in the order their groups are shown: fields in the strategy's order,
    Clusters alphabetically (case ignored), no Cluster last."""
    distinct = set(keys)
    if by is Gruppierung.INNOVATIONSFELD:
        return [f for f in Innovationsfeld if f in distinct]
    names = sorted((str(k) for k in distinct if k is not None), key=cluster_key)
    return [*names, *([None] if None in distinct else [])]


def grouped_by_key(
    items: Sequence[T], keys: Sequence[GroupKey], by: Gruppierung
) -> list[tuple[GroupKey, list[T]]]:
    """``items`` in groups by their ``keys`` (one per item), the groups in ``group_order``."""
    members: dict[GroupKey, list[T]] = {}
    for item, key in zip(items, keys, strict=True):
        found = members.get(key)
        if found is None:
            members[key] = [item]
        else:
            found.append(item)
    return [(key, members[key]) for key in group_order(by, members)]


def grouped(
    items: Sequence[T], by: Gruppierung, record: Callable[[T], MassnahmeData]
) -> list[tuple[GroupKey, list[T]]]:
    """``items`` in groups by the Innovationsfeld or the Cluster of their ``record``."""
    return grouped_by_key(items, [by.key(record(item)) for item in items], by)
