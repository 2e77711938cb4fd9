"""The rows of the Zeitplan: measures grouped by Innovationsfeld or by Cluster ("Ohne Cluster" last),
groups that fold, and the texts of the rows and tooltips (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import repeat
from typing import NamedTuple

from gera_desktop.domain.formatting import format_date, format_euro, format_percent
from gera_desktop.domain.grouping import GroupKey, Gruppierung, group_name, grouped
from gera_desktop.domain.records import MassnahmeData, MeilensteinData


@dataclass
class Group:
    """The measures of one Innovationsfeld or Cluster (``key``), in the order they were given."""

    key: GroupKey
    records: list[MassnahmeData]
    folded: bool = False
    by: Gruppierung = Gruppierung.INNOVATIONSFELD

    @property
    def name(self) -> str:
        """``'Energie'``, a Cluster's name or ``'Ohne Cluster'``."""
        return group_name(self.key)

    @property
    def title(self) -> str:
        """``'Energie (3)'``."""
        return f"{self.name} ({len(self.records)})"

    @cached_property
    def span(self) -> tuple[date, date]:
        """The first Beginn and the last Ende of the group's measures."""
        return min(r.beginn for r in self.records), max(r.ende for r in self.records)

    @cached_property
    def rows(self) -> list[Row]:
        """The rows of the group's measures, made once: folding only puts them in or takes them out
        (``Row._make`` over ``zip`` is some three times faster than a comprehension)."""
        return list(map(Row._make, zip(repeat(self, len(self.records)), self.records, strict=True)))


class Row(NamedTuple):
    """One line of the chart: a group header (``record`` is None) or a measure (a tuple: cheap)."""

    group: Group
    record: MassnahmeData | None = None

    @property
    def is_header(self) -> bool:
        return self.record is None


@dataclass
class RowLayout:
    """The groups in their order (``domain.grouping``) and the rows currently shown. Looking a row up by
    Nr. or a group's header costs the same at any number of rows (the indexes are made once)."""

    groups: list[Group] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    by: Gruppierung = Gruppierung.INNOVATIONSFELD
    _headers: dict[GroupKey, int] = field(default_factory=dict, init=False, repr=False, compare=False)
    _positions: dict[str, int] | None = field(default=None, init=False, repr=False, compare=False)
    _groups_by_nr: dict[str, Group] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def of(
        cls,
        records: list[MassnahmeData],
        folded: set[GroupKey] | None = None,
        by: Gruppierung = Gruppierung.INNOVATIONSFELD,
    ) -> RowLayout:
        """Group ``records`` by Innovationsfeld or Cluster; the groups in ``folded`` start folded."""
        folded = folded or set()
        groups = [Group(k, members, k in folded, by) for k, members in grouped(records, by, _itself)]
        layout = cls(groups, by=by)
        layout.refresh()
        return layout

    def refresh(self) -> None:
        """Recompute the visible rows after a group folded or unfolded."""
        self.rows = []
        self._headers = {}
        self._positions = None
        for group in self.groups:
            self._headers[group.key] = len(self.rows)
            self.rows.append(Row(group))
            if not group.folded:
                self.rows += group.rows

    def header_index(self, group: Group) -> int:
        """The row index of a group's header."""
        return self._headers[group.key]

    def index_of(self, nr: str) -> int | None:
        """The row index of the measure ``nr`` when it is shown."""
        if self._positions is None:
            self._positions = {row.record.nr: i for i, row in enumerate(self.rows) if row.record}
        return self._positions.get(nr)

    def group_of(self, nr: str) -> Group | None:
        """The group of the measure ``nr`` (folded or not)."""
        if self._groups_by_nr is None:
            self._groups_by_nr = {r.nr: g for g in self.groups for r in g.records}
        return self._groups_by_nr.get(nr)

    def folded_keys(self) -> set[GroupKey]:
        """The groups folded now."""
        return {g.key for g in self.groups if g.folded}

    def row_at(self, index: int) -> Row | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def measure_near(self, index: int, direction: int) -> Row | None:
        """The measure's row at ``index`` (kept within the rows), else the next one in ``direction``
        (+1 down, -1 up), else the nearest one the other way; None when no measure is shown."""
        if not self.rows:
            return None
        start = min(max(index, 0), len(self.rows) - 1)
        for step in (direction, -direction):
            at = start
            while 0 <= at < len(self.rows):
                if self.rows[at].record is not None:
                    return self.rows[at]
                at += step
        return None


def _itself(record: MassnahmeData) -> MassnahmeData:
    return record


def laufzeit(record: MassnahmeData) -> str:
    """``'01.02.2021 – 30.06.2022'``."""
    return f"{format_date(record.beginn)} – {format_date(record.ende)}"


def group_tooltip(group: Group) -> str:
    """What hovering a group header tells: the field or Cluster, how many measures, their time span."""
    start, end = group.span
    count = len(group.records)
    action = "Aufklappen" if group.folded else "Zuklappen"
    lines = [
        (group.by.value, group.name),
        ("Maßnahmen", str(count)),
        ("Zeitraum", f"{format_date(start)} – {format_date(end)}"),
    ]
    return _table(lines) + f"<i>Zum {action} klicken</i>"


def bar_tooltip(record: MassnahmeData, note: str = "") -> str:
    """What hovering a bar tells: Nr., Maßnahme, Laufzeit, Umsetzungsstand, Fortschritt, Ampel,
    Gesamtkosten, and ``note`` (how to drag it) below."""
    lines = [
        ("Nr.", record.nr),
        ("Maßnahme", record.titel),
        ("Laufzeit", laufzeit(record)),
        ("Umsetzungsstand", record.status.value),
        ("Ampel", record.ampel.value if record.ampel else "keine Angabe"),
        ("Gesamtkosten", format_euro(record.gesamtkosten)),
    ]
    if record.fortschritt is not None:
        lines.insert(4, ("Fortschritt", format_percent(record.fortschritt)))
    return _table(lines) + _note(note)


def milestone_tooltip(record: MassnahmeData, milestone: MeilensteinData, today: date, note: str = "") -> str:
    """What hovering a diamond tells: Meilenstein, Maßnahme, Termin, erledigt am (or that it is open or
    overdue), the measure's Umsetzungsstand and Ampel, and ``note`` (how to drag it) below."""
    if milestone.erledigt_am is not None:
        done = format_date(milestone.erledigt_am)
    else:
        done = "noch offen (überfällig)" if milestone.termin < today else "noch offen"
    lines = [
        ("Meilenstein", milestone.bezeichnung),
        ("Maßnahme", f"{record.nr} {record.titel}"),
        ("Termin", format_date(milestone.termin)),
        ("erledigt am", done),
        ("Umsetzungsstand", record.status.value),
        ("Ampel", record.ampel.value if record.ampel else "keine Angabe"),
    ]
    return _table(lines) + _note(note)


def _note(text: str) -> str:
    return f"<i>{_escape(text)}</i>" if text else ""


def _table(lines: list[tuple[str, str]]) -> str:
    """A small two-column table as tooltip HTML (values escaped)."""
    cells = "".join(
        f"<tr><td style='padding-right:8px'><b>{_escape(k)}:</b></td><td>{_escape(v)}</td></tr>"
        for k, v in lines
    )
    return f"<table style='white-space:nowrap'>{cells}</table>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
