"""Comparing two snapshots – two Stände, or a Stand with today (spec section 9) – on effective amounts.

Pure: it works on the snapshots ``services.staende`` loads and opens no session. Measures are matched by
their Nr. (ignoring case and spacing); a measure renumbered between A and B is dropped out under its old
and new under its new Nr. Changed fields are named and shown as the audit log shows them (German labels,
``1.234,56 €``, ``31.12.2025``); the funding figures are compared as their effective amounts, so that a
changed programme rate shows as changed Bundesmittel. The ``Stand`` field (the date of a measure's last
change, which the program sets itself) is no change of its own and is left out.

A measure counts in a side's sums where it counts in that side's programme: not abgelehnt or abgebrochen
(spec section 8), as in the council annex, so the sums per Innovationsfeld agree with both annexes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.domain.models import nr_key
from gera_desktop.domain.records import CHILD_LISTS, FIELD_KEYS, MassnahmeData
from gera_desktop.domain.stand import FrozenMeasure, Snapshot
from gera_desktop.domain.vergleich import (
    COMPARED_KEYS,
    DELETED,
    Amounts,
    Art,
    Comparison,
    FieldChange,
    Row,
    totals,
)
from gera_desktop.services.audit import diff_records, value_text
from gera_desktop.services.labels import field_label
from gera_desktop.services.queries import natural_key

LIST_NAMES = {
    "meilensteine": "Meilensteine",
    "finanzen": "Jahresscheiben",
    "beteiligungen": "Beteiligungen",
    "mittelabrufe": "Mittelabrufe",
    "beschluesse": "Beschlüsse",
}
"""How a changed child row is summed up in the "Änderung" column."""
SELF_SET = ("stand",)
"""Fields the program sets itself on every change: no change of their own."""


def compare(a: Snapshot, b: Snapshot) -> Comparison:
    """Every measure of A or B with what happened to it, and the sums per Innovationsfeld."""
    before = {nr_key(m.record.nr): m for m in a.measures}
    after = {nr_key(m.record.nr): m for m in b.measures}
    keys = sorted(before.keys() | after.keys(), key=natural_key)
    rows = tuple(_row(before.get(key), after.get(key)) for key in keys)
    return Comparison(
        a=a,
        b=b,
        rows=rows,
        by_feld={feld: totals(rows, feld) for feld in Innovationsfeld},
        total=totals(rows),
    )


def _row(old: FrozenMeasure | None, new: FrozenMeasure | None) -> Row:
    shown = new if new is not None else old
    assert shown is not None
    changes = tuple(changed_fields(old, new)) if old is not None and new is not None else ()
    art, grund = _art(old, new, changes)
    return Row(
        nr=shown.record.nr,
        titel=shown.record.titel,
        art=art,
        feld_a=None if old is None else old.record.innovationsfeld,
        feld_b=None if new is None else new.record.innovationsfeld,
        status_b=None if new is None else new.record.status,
        a=_counted(old),
        b=_counted(new),
        changes=changes,
        grund=grund,
    )


def _art(
    old: FrozenMeasure | None, new: FrozenMeasure | None, changes: Sequence[FieldChange]
) -> tuple[Art, str | None]:
    """New, dropped out (with the reason), changed or unchanged."""
    if old is None:
        return Art.NEU, None
    if new is None:
        return Art.ENTFALLEN, DELETED
    if old.record.status.counts_in_programme and not new.record.status.counts_in_programme:
        return Art.ENTFALLEN, str(new.record.status)
    return (Art.GEAENDERT if changes else Art.UNVERAENDERT), None


def _counted(measure: FrozenMeasure | None) -> Amounts | None:
    """The compared amounts of a measure that counts in its side's programme."""
    if measure is None or not measure.record.status.counts_in_programme:
        return None
    return {key: measure.amount(key) for key in COMPARED_KEYS}


def changed_fields(old: FrozenMeasure, new: FrozenMeasure) -> list[FieldChange]:
    """Every visible difference: the fields (funding figures as effective amounts), the extra columns
    and the child rows, each old → new as display text."""
    before, after = _compared(old), _compared(new)
    if _contents(before) == _contents(after):
        return []  # equal values show equal texts: the usual case, without formatting every value
    return [*_field_changes(before, after), *_list_changes(before, after)]


def _contents(record: MassnahmeData) -> tuple[Any, ...]:
    return tuple(getattr(record, key) for key in (*FIELD_KEYS, "zusatzspalten", *CHILD_LISTS))


def _field_changes(before: MassnahmeData, after: MassnahmeData) -> list[FieldChange]:
    changes = []
    for key in FIELD_KEYS:
        alt, neu = value_text(key, getattr(before, key)), value_text(key, getattr(after, key))
        if alt != neu:
            label = field_label(key)
            changes.append(FieldChange(key, label, alt, neu, label))
    return changes


def _list_changes(before: MassnahmeData, after: MassnahmeData) -> list[FieldChange]:
    """The extra columns and the child rows, as the audit log names them (one list at a time)."""
    bare = _without_lists(before)
    changes = []
    for part in ("zusatzspalten", *CHILD_LISTS):
        old, new = getattr(before, part), getattr(after, part)
        if old == new:
            continue
        differences = diff_records(replace(bare, **{part: old}), replace(bare, **{part: new}))
        changes += [
            FieldChange(part, c.feld, c.alt, c.neu, LIST_NAMES.get(part, c.feld)) for c in differences
        ]
    return changes


def _compared(measure: FrozenMeasure) -> MassnahmeData:
    """The record as compared: effective funding figures, without the fields the program sets itself."""
    changed: dict[str, Any] = {**measure.effektiv, **dict.fromkeys(SELF_SET)}
    return replace(measure.record, **changed)


def _without_lists(record: MassnahmeData) -> MassnahmeData:
    emptied: dict[str, Any] = {part: [] for part in CHILD_LISTS}
    return replace(record, zusatzspalten={}, **emptied)
