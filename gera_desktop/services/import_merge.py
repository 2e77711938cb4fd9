"""Merging a read workbook into the stored measures (spec section 6), without touching the database.

A stored measure gets the values of the columns the file has and keeps every other field; extra columns
of the file are set, others kept; child rows are matched by their keys (``domain.rules``) and updated or
added, never removed. A new measure takes the file's values and the defaults for everything else.
Every merged measure remembers which file row each of its values came from, so that a rule it breaks
can be reported at the right cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any

from gera_desktop.domain import council, funding, rules
from gera_desktop.domain.funding import DEFAULT_FOERDERQUOTE
from gera_desktop.domain.models import nr_key
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.excel.parsed import ParsedRow, ParsedWorkbook
from gera_desktop.services.audit import Change, diff_records
from gera_desktop.services.mapping import CHILD_KINDS, SHEET_KINDS, ChildKind

APP_MANAGED = frozenset({"nr", "stand"})
"""Columns whose file values are not taken over: the Nr. keeps its stored spelling, the application
sets Stand on every change."""
_POSITIONAL = {
    f.name: None for f in fields(MassnahmeData) if f.default is MISSING and f.default_factory is MISSING
}


@dataclass
class PlannedMeasure:
    """One measure the file touches: as stored (``old``, ``None`` = new) and as it will be (``new``).

    ``row`` is its row in the Maßnahmen sheet (``None`` when only child sheets name it); ``sources``
    holds, for each kind of child, the file row of each child in ``new`` (``None`` = kept as stored).
    """

    old: MassnahmeData | None
    new: MassnahmeData
    row: ParsedRow | None
    sources: dict[str, list[ParsedRow | None]]
    changes: list[Change] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        """True for a measure the database does not have yet."""
        return self.old is None

    @property
    def is_changed(self) -> bool:
        """True for a stored measure that the file changes visibly."""
        return self.old is not None and bool(self.changes)

    @property
    def anchor(self) -> ParsedRow:
        """The file row that problems of the measure as a whole are reported at."""
        if self.row is not None:
            return self.row
        return next(row for rows in self.sources.values() for row in rows if row is not None)


def row_key(row: ParsedRow) -> str | None:
    """The case-insensitive key of the row's Maßnahmen-Nr. (``None`` without a valid one)."""
    nr = row.nr
    return nr_key(nr) if nr is not None and "nr" not in row.invalid and nr.strip() else None


def file_keys(book: ParsedWorkbook) -> set[str]:
    """The keys of every Maßnahmen-Nr. the file names, in any sheet."""
    keys: set[str] = set()
    for kind_key in ("massnahmen", *(kind.attr for kind in SHEET_KINDS)):
        keys.update(key for row in book.rows(kind_key) if (key := row_key(row)) is not None)
    return keys


def plan_import(
    book: ParsedWorkbook,
    stored: dict[str, MassnahmeData],
    skip: set[str],
    today: date,
    programme_rate: Decimal = DEFAULT_FOERDERQUOTE,
    clusters: Mapping[str, str] | None = None,
) -> list[PlannedMeasure]:
    """Merge the file into the stored measures (keyed by ``nr_key``); keys in ``skip`` are left out.

    Each merged measure is settled by the rules of the council cycle (``council.settle``; a known
    Cluster takes its stored spelling from ``clusters``, by key) and its funding amounts that equal
    their computed value are stored as computed (``computed_amounts``). Each planned measure gets its
    visible changes; a changed one gets Stand = ``today`` (a new one too).
    """
    planned = _measures(book, stored, skip)
    children = {kind.attr: _by_measure(book.rows(kind.attr)) for kind in SHEET_KINDS}
    for kind in SHEET_KINDS:
        for key in children[kind.attr]:
            if key not in planned and key in stored and key not in skip:
                planned[key] = _planned(stored[key], _copy(stored[key]), None)
    for key, measure in planned.items():
        for kind in SHEET_KINDS:
            _merge_children(measure, kind, children[kind.attr].get(key, ()))
        _known_cluster(measure.new, clusters or {})
        council.settle(measure.new)
        computed_amounts(measure, programme_rate)
        settle(measure, today)
    return list(planned.values())


def computed_amounts(measure: PlannedMeasure, programme_rate: Decimal) -> None:
    """Store the merged measure's amounts that equal their computed value as computed (spec section 6).

    An amount the database holds as entered and that the file leaves as it is stays as stored even when
    it equals the computed value: its effective value does not change, so it is no change to report.
    """
    new, old = measure.new, measure.old
    _keep_computed_where_unchanged(measure, programme_rate)
    for key, value in rules.stored_amounts(new, programme_rate).items():
        if value is None and not (old is not None and getattr(old, key) == getattr(new, key)):
            setattr(new, key, None)


def _keep_computed_where_unchanged(measure: PlannedMeasure, programme_rate: Decimal) -> None:
    """An amount the database computes and the file repeats unchanged stays computed.

    A liste export writes the effective amounts; someone who then raises only the Gesamtkosten in the
    file leaves the old Bundesmittel and Eigenanteil standing beside them. Those cells equal what the
    database showed, so they are no entry of their own: they stay computed and follow the new costs.
    """
    old, row = measure.old, measure.row
    if old is None or row is None:
        return
    shown = funding.compute(rules.funding_input(old), programme_rate)
    for key in funding.AMOUNT_KEYS:
        value = getattr(measure.new, key)
        if key not in row.letters or getattr(old, key) is not None or value is None:
            continue
        if abs(value - getattr(shown, key)) <= funding.TOLERANCE:
            setattr(measure.new, key, None)


def _known_cluster(record: MassnahmeData, clusters: Mapping[str, str]) -> None:
    """A Cluster the database knows is written as it is stored, whatever the file's spelling."""
    if isinstance(record.cluster, str):
        record.cluster = clusters.get(council.cluster_key(record.cluster), record.cluster)


def settle(measure: PlannedMeasure, today: date) -> None:
    """Work out the visible changes; a measure that changes (or is new) gets Stand = today."""
    if measure.old is None:
        measure.new.stand = today
        return
    if measure.new == measure.old or not diff_records(measure.old, measure.new):
        return
    measure.new.stand = today
    measure.changes = diff_records(measure.old, measure.new)


def _measures(
    book: ParsedWorkbook, stored: dict[str, MassnahmeData], skip: set[str]
) -> dict[str, PlannedMeasure]:
    planned: dict[str, PlannedMeasure] = {}
    for row in book.massnahmen:
        key = row_key(row)
        if key is None or key in skip or key in planned:
            continue
        old = stored.get(key)
        new = _updated(old, row) if old is not None else _created(row)
        planned[key] = _planned(old, new, row)
    return planned


def _planned(old: MassnahmeData | None, new: MassnahmeData, row: ParsedRow | None) -> PlannedMeasure:
    sources: dict[str, list[ParsedRow | None]] = {
        kind.attr: [None] * len(getattr(new, kind.attr)) for kind in CHILD_KINDS
    }
    return PlannedMeasure(old, new, row, sources)


def _file_values(row: ParsedRow) -> dict[str, Any]:
    return {key: value for key, value in row.values.items() if key not in APP_MANAGED}


def _created(row: ParsedRow) -> MassnahmeData:
    values = {**_POSITIONAL, **_file_values(row)}
    values["nr"] = " ".join((row.nr or "").split())
    return MassnahmeData(**values, zusatzspalten=dict(row.extras))


def _updated(old: MassnahmeData, row: ParsedRow) -> MassnahmeData:
    new = _copy(old, _file_values(row))
    new.zusatzspalten.update(row.extras)
    return new


def _copy(record: MassnahmeData, changes: dict[str, Any] | None = None) -> MassnahmeData:
    """A copy (with ``changes``) whose lists and extra columns can change without touching ``record``.

    Built from ``__dict__`` rather than with ``dataclasses.replace``, which costs three times as much.
    """
    values = {**record.__dict__, **(changes or {})}
    values["zusatzspalten"] = dict(record.zusatzspalten)
    for kind in CHILD_KINDS:
        values[kind.attr] = list(getattr(record, kind.attr))
    return MassnahmeData(**values)


def _by_measure(rows: list[ParsedRow]) -> dict[str, list[ParsedRow]]:
    grouped: dict[str, list[ParsedRow]] = {}
    for row in rows:
        key = row_key(row)
        if key is not None:
            grouped.setdefault(key, []).append(row)
    return grouped


def _merge_children(measure: PlannedMeasure, kind: ChildKind, rows: Any) -> None:
    """Upsert the file's child rows into the measure's children by their keys."""
    if not rows:
        return
    children: list[Any] = getattr(measure.new, kind.attr)
    sources = measure.sources[kind.attr]
    position = {kind.key(child): index for index, child in enumerate(children)}
    blank = dict.fromkeys(kind.keys)
    for row in rows:
        values = {key: value for key, value in row.values.items() if key != "nr"}
        child = kind.record(**{**blank, **values})
        index = position.get(kind.key(child))
        if index is None:
            position[kind.key(child)] = len(children)
            children.append(child)
            sources.append(row)
        else:
            old = children[index]
            if any(getattr(old, key) != value for key, value in values.items()):
                children[index] = kind.record(**{**old.__dict__, **values})
            sources[index] = row
