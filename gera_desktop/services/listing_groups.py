"""The list grouped by Innovationsfeld or by Cluster (issue 13): the shown measures in their groups, each
group under a header row, the measures within a group in the current sort order (pure Python).

A table row is a measure's position in the ``ListIndex`` (0 or more) or a group header, written as a
negative number (``-1`` the first group, ``-2`` the second, …): the table model keeps one list of ints,
as it does ungrouped. Grouping 100,000 shown measures is one pass over them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gera_desktop.domain.grouping import GroupKey, Gruppierung, group_name, grouped_by_key
from gera_desktop.services.listing_index import ListIndex, value_array

GROUP_FIELDS = {Gruppierung.INNOVATIONSFELD: "innovationsfeld", Gruppierung.CLUSTER: "cluster"}
"""The field each grouping reads."""


@dataclass(frozen=True)
class GroupHeader:
    """The header row of a group: its key and how many shown measures it has."""

    key: GroupKey
    count: int

    @property
    def title(self) -> str:
        """``'Energie (4)'``, ``'Ohne Cluster (12)'``."""
        return f"{group_name(self.key)} ({self.count})"


@dataclass(frozen=True)
class GroupedRows:
    """The table rows (positions, and ``header_row(g)`` for the header of group ``g``) and the headers."""

    rows: list[int]
    headers: list[GroupHeader]

    def header(self, row_value: int) -> GroupHeader:
        """The header a negative row value stands for."""
        return self.headers[-1 - row_value]


def header_row(group: int) -> int:
    """The row value of the header of the ``group``-th group."""
    return -1 - group


def group_key(index: ListIndex, position: int, by: Gruppierung) -> GroupKey:
    """The group of the measure at ``position``."""
    return index.array(value_array(GROUP_FIELDS[by]))[position] or None


def grouped_rows(index: ListIndex, positions: Sequence[int], by: Gruppierung) -> GroupedRows:
    """The measures at ``positions`` (in the order to keep within each group) in their groups."""
    values = index.array(value_array(GROUP_FIELDS[by]))
    groups = grouped_by_key(positions, [values[p] or None for p in positions], by)
    rows: list[int] = []
    headers = []
    for number, (key, members) in enumerate(groups):
        rows.append(header_row(number))
        rows += members
        headers.append(GroupHeader(key, len(members)))
    return GroupedRows(rows, headers)
