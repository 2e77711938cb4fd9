"""The audit log: field-level differences between two records, in German, as ``Aenderung`` rows.

``diff_records`` compares what a user sees (the German display text), so that every visible change is
logged once and nothing invisible is. Child rows are named by their title (``Meilenstein „Prototyp“:
Termin``); a child that appears or disappears is one row with all its values.

A new measure is one row "angelegt" whose new value holds every field and child row it was created with
(``creation``: versioned JSON of the stored values, ``audit_snapshot``); ``expanded`` turns it into one
line per field for every reader, worded as ``diff_records`` words a new measure. Rows written before
this format (one per field) stay as they are and read the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from operator import attrgetter
from typing import Any, NamedTuple

from gera_desktop.domain.enums import Quelle
from gera_desktop.domain.formatting import format_date, format_euro, format_number, format_percent
from gera_desktop.domain.models import Aenderung
from gera_desktop.domain.records import FIELD_KEYS, MassnahmeData
from gera_desktop.excel.columns import LIST_COLUMNS, Kind
from gera_desktop.services import audit_snapshot
from gera_desktop.services.labels import KINDS, column_label, field_label
from gera_desktop.services.mapping import CHILD_KINDS, ChildKind

FELD_LENGTH = 80
QUELLE_LENGTH = 300
ELLIPSIS = "…"
CREATED = "angelegt"
"""The ``feld`` of the one audit row of a new measure."""
NO_MEASURE = ""
"""The Nr. of an audit row that belongs to no measure (the programme settings, the Stände)."""
_CHILD_LABELS = {attr: {c.key: column_label(c) for c in columns} for attr, columns in LIST_COLUMNS.items()}


_FIELD_LABELS = {key: field_label(key) for key in FIELD_KEYS}
_field_values = attrgetter(*FIELD_KEYS)


class Change(NamedTuple):
    """One changed field: its German label, the old and the new value as display text."""

    feld: str
    alt: str | None
    neu: str | None


@dataclass(frozen=True)
class AenderungData:
    """One audit entry as the UI and the CLI show it."""

    zeitpunkt: datetime
    benutzer: str
    massnahme_nr: str
    feld: str
    alter_wert: str | None
    neuer_wert: str | None
    quelle: str


def import_quelle(dateiname: str) -> str:
    """The source text of an import: ``Import massnahmenliste.xlsx``."""
    return f"{Quelle.IMPORT.value} {dateiname}"


# --- display text of a value --------------------------------------------------------------------------


def value_text(key: str, value: Any) -> str | None:
    """A value as the log shows it: 31.12.2025, 1.234,56 €, 90 %, enum values, ja/nein; empty = ``None``."""
    if value is None:
        return None
    exact = _BY_TYPE.get(type(value))  # the plain types at once: an import formats ~70 values per measure
    if exact is not None:
        return exact(key, value)
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Decimal | float):
        return _number_text(key, Decimal(str(value)))
    return str(value)


def _number_text(key: str, value: Decimal) -> str:
    kind = KINDS.get(key)
    if kind is Kind.MONEY:
        return format_euro(value)
    if kind is Kind.PERCENT:
        return format_percent(value)
    places = max(0, -int(value.as_tuple().exponent))
    return format_number(value, places)


_BY_TYPE: dict[type, Callable[[str, Any], str | None]] = {
    str: lambda _key, value: value if value.strip() else None,
    Decimal: _number_text,
    date: lambda _key, value: format_date(value),
    int: lambda _key, value: str(value),
    bool: lambda _key, value: "ja" if value else "nein",
}


# --- differences --------------------------------------------------------------------------------------


def diff_records(old: MassnahmeData | None, new: MassnahmeData | None) -> list[Change]:
    """Every visible difference between two states of a measure (``None`` = did not exist)."""
    if old is None and new is not None:
        return _created(new)
    changes = [
        Change(field_label(key), before, after)
        for key in FIELD_KEYS
        if (before := _field_text(old, key)) != (after := _field_text(new, key))
    ]
    changes += _extra_changes(old, new)
    for kind in CHILD_KINDS:
        changes += _child_changes(kind, _children(old, kind), _children(new, kind))
    return changes


def _created(new: MassnahmeData) -> list[Change]:
    """The differences of a new measure: every field, extra column and child row that has a value."""
    changes = [
        Change(_FIELD_LABELS[key], None, text)
        for key, value in zip(FIELD_KEYS, _field_values(new), strict=True)
        if value is not None and (text := value_text(key, value)) is not None
    ]
    changes += _extra_changes(None, new)
    for kind in CHILD_KINDS:
        changes += [
            Change(_child_label(kind, row), None, _summary(kind, row)) for row in getattr(new, kind.attr)
        ]
    return changes


def _field_text(record: MassnahmeData | None, key: str) -> str | None:
    return None if record is None else value_text(key, getattr(record, key))


def _extra_changes(old: MassnahmeData | None, new: MassnahmeData | None) -> list[Change]:
    before = old.zusatzspalten if old is not None else {}
    after = new.zusatzspalten if new is not None else {}
    changes = []
    for header in dict.fromkeys([*before, *after]):
        old_text, new_text = value_text(header, before.get(header)), value_text(header, after.get(header))
        if old_text != new_text:
            changes.append(Change(_fit("Zusatzspalte „", header, "“"), old_text, new_text))
    return changes


def _children(record: MassnahmeData | None, kind: ChildKind) -> dict[Any, Any]:
    rows = getattr(record, kind.attr) if record is not None else []
    return {kind.key(row): row for row in rows}


def _child_changes(kind: ChildKind, before: dict[Any, Any], after: dict[Any, Any]) -> list[Change]:
    changes = []
    for key in dict.fromkeys([*before, *after]):
        old_row, new_row = before.get(key), after.get(key)
        if old_row is None or new_row is None:
            row = new_row if new_row is not None else old_row
            old_text, new_text = _summary(kind, old_row), _summary(kind, new_row)
            changes.append(Change(_child_label(kind, row), old_text, new_text))
            continue
        changes += _child_field_changes(kind, old_row, new_row)
    return changes


def _child_field_changes(kind: ChildKind, old_row: Any, new_row: Any) -> list[Change]:
    labels = _CHILD_LABELS[kind.attr]
    return [
        Change(_child_label(kind, new_row, labels[key]), before, after)
        for key in kind.keys
        if (before := value_text(key, getattr(old_row, key)))
        != (after := value_text(key, getattr(new_row, key)))
    ]


def _summary(kind: ChildKind, row: Any) -> str | None:
    """All values of a child row in one text: ``Meilenstein: Prototyp; Termin: 30.06.2025``."""
    if row is None:
        return None
    labels = _CHILD_LABELS[kind.attr]
    parts = [f"{labels[key]}: {text}" for key in kind.keys if (text := value_text(key, getattr(row, key)))]
    return "; ".join(parts)


def _child_label(kind: ChildKind, row: Any, field: str | None = None) -> str:
    """``Meilenstein „Prototyp City-App“: Termin``, shortened in the name to fit the log's column."""
    title = kind.title(row)
    suffix = f": {field}" if field else ""
    if "„" not in title:
        return (title + suffix)[:FELD_LENGTH]
    prefix, rest = title.split("„", 1)
    name, after_name = rest.rsplit("“", 1)
    return _fit(prefix + "„", name, "“" + after_name + suffix)


def _fit(prefix: str, name: str, suffix: str) -> str:
    room = FELD_LENGTH - len(prefix) - len(suffix)
    if len(name) > room:
        name = name[: max(room - 1, 0)] + ELLIPSIS
    return (prefix + name + suffix)[:FELD_LENGTH]


# --- rows ---------------------------------------------------------------------------------------------


def audit_rows(
    changes: Iterable[Change | tuple[str, str | None, str | None]],
    nr: str,
    user: str,
    quelle: str,
    zeitpunkt: datetime | None = None,
) -> list[Aenderung]:
    """The ``Aenderung`` rows of one action (one time stamp for all), ready to add to the session."""
    when = zeitpunkt or datetime.now()
    return [
        Aenderung(
            zeitpunkt=when,
            benutzer=user,
            massnahme_nr=nr,
            feld=feld[:FELD_LENGTH],
            alter_wert=alt,
            neuer_wert=neu,
            quelle=str(quelle)[:QUELLE_LENGTH],
        )
        for feld, alt, neu in changes
    ]


def to_data(row: Aenderung) -> AenderungData:
    """A plain copy of an audit row."""
    return AenderungData(
        row.zeitpunkt, row.benutzer, row.massnahme_nr, row.feld, row.alter_wert, row.neuer_wert, row.quelle
    )


# --- the one row of a new measure ---------------------------------------------------------------------


def creation(record: MassnahmeData) -> Change:
    """The audit change of a new measure: "angelegt", its new value every field and child row it has
    (``audit_snapshot``: versioned JSON of the stored values)."""
    return Change(CREATED, None, audit_snapshot.dumps(record))


def expanded(entry: AenderungData) -> list[AenderungData]:
    """An audit entry as people read it: an "angelegt" row becomes one line per field with a value, as
    ``diff_records`` words a new measure (no old value); any other row, the per-field rows of a creation
    in older databases included, stays one line."""
    found = audit_snapshot.loads(entry.neuer_wert) if entry.feld == CREATED and entry.neuer_wert else None
    if found is None or entry.alter_wert is not None:
        return [entry]
    record, unknown = found
    lines = [
        *_created(record),
        *(Change(key, None, value_text(key, value)) for key, value in unknown.items()),
    ]
    return [replace(entry, feld=feld, alter_wert=None, neuer_wert=neu) for feld, _, neu in lines]
