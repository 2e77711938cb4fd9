"""The frozen format of a Stand: its measures as versioned, zlib-compressed JSON.

Format 2 (``FORMAT``; format 1 is read too). A Stand's measures are split into parts of ``PART_SIZE``;
each part is one ``stand_teil`` row holding ``zlib(JSON array)``, one element per measure::

    [fields, milestones, budget years, participation events, calls, decisions, effective amounts]

``fields`` are the values of ``MEASURE_KEYS`` in that order (format 2 adds the Cluster's name at the
end), each child row the values of its keys in ``CHILD_KEYS``, the effective amounts those of
``EFFECTIVE_KEYS`` (spec section 8). Format 1 (before the council cycle, issue 13) has no Cluster, calls
or decisions. The database writes
the JSON of the fields and the child rows itself (SQLite's ``json_array``, PostgreSQL's
``json_build_array``), which is what makes taking a Stand of 10,000 measures fast; the two write some
values differently (amounts as ``300929.0`` or ``300929.00``, a flag as ``1`` or ``true``, the extra
columns as text or as an object), and ``decode_part`` turns each back into its kind, amounts in whole
cents. Compressing a few hundred measures together keeps a Stand small: 10,000 measures with their
children take about 1 MB instead of 6 MB as one compressed row each.

The key lists of a format never change: a later program that renames or adds a field of a measure keeps
reading the older formats through them (``LAYOUTS``) and writes a new format of its own.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from gera_desktop.domain.council import pair_decision
from gera_desktop.domain.enums import (
    Abrufstatus,
    Ampel,
    Beschlussart,
    Beschlussergebnis,
    Freigabe,
    Innovationsfeld,
    Projektart,
    Umsetzungsstand,
    Zielbild,
)
from gera_desktop.domain.funding import CENT
from gera_desktop.domain.records import (
    BeschlussData,
    BeteiligungData,
    FinanzjahrData,
    MassnahmeData,
    MeilensteinData,
    MittelabrufData,
)
from gera_desktop.domain.settings import DEADLINES, ProgrammEinstellungen
from gera_desktop.domain.stand import FrozenMeasure

FORMAT = 2
READABLE = frozenset({1, 2})
"""The formats this program reads."""
PART_SIZE = 200
"""Measures per ``stand_teil`` row."""
COMPRESSION = 1
"""zlib's fastest level: three times faster than its default, a fifth larger."""

Raw = Any
"""A value as the database driver returned it."""
Decode = Callable[[Raw], Any]


def _text(value: Raw) -> str:
    return str(value)


def amount(value: Raw) -> Decimal:
    """An amount or percentage as the driver or the format gives it, in whole cents."""
    number = value if isinstance(value, Decimal | int) else Decimal(str(value))
    return Decimal(number).quantize(CENT)


def _date(value: Raw) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _datetime(value: Raw) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _flag(value: Raw) -> bool:
    return bool(value)


def _whole(value: Raw) -> int:
    return int(value)


def _mapping(value: Raw) -> dict[str, Any]:
    found = json.loads(value) if isinstance(value, str) else value
    return dict(found or {})


MEASURE_FIELDS: tuple[tuple[str, Decode], ...] = (
    ("nr", _text), ("titel", _text), ("innovationsfeld", Innovationsfeld),
    ("federfuehrung", _text), ("beginn", _date), ("ende", _date), ("status", Umsetzungsstand),
    ("gesamtkosten", amount), ("kurzbeschreibung", _text), ("art", Projektart),
    ("zielbild", Zielbild), ("stadtteil", _text), ("partner", _text), ("ansprechpartner", _text),
    ("telefon", _text), ("email", _text), ("ampel", Ampel), ("fortschritt", amount),
    ("foerderfaehig", amount), ("foerderquote", amount), ("bundesmittel", amount),
    ("drittmittel", amount), ("eigenanteil", amount), ("abgerufen", amount), ("produkt", _text),
    ("investitionsnummer", _text), ("drucksache", _text), ("beschlussdatum", _date),
    ("freigabe", Freigabe), ("beteiligung", _flag), ("verstetigung", _text),
    ("folgekosten", amount), ("wirkungsindikator", _text), ("zielwert", _text), ("bemerkung", _text),
    ("stand", _date), ("zusatzspalten", _mapping), ("geaendert_am", _datetime), ("geaendert_von", _text),
)  # fmt: skip
"""Format 1: the measure's columns in the order they are written, and how each is read back."""
CHILD_FIELDS: dict[str, tuple[tuple[str, Decode], ...]] = {
    "meilensteine": (("bezeichnung", _text), ("termin", _date), ("erledigt_am", _date), ("bemerkung", _text)),
    "finanzen": (("jahr", _whole), ("plan", amount), ("ist", amount), ("abgerufen", amount)),
    "beteiligungen": (
        ("datum", _date), ("format", _text), ("ort", _text), ("teilnehmende", _whole), ("ergebnis", _text),
    ),
}  # fmt: skip
MEASURE_FIELDS_2 = (*MEASURE_FIELDS, ("cluster", _text))
"""Format 2: the measure's columns of format 1, then the name of its Cluster."""
CHILD_FIELDS_2: dict[str, tuple[tuple[str, Decode], ...]] = {
    **CHILD_FIELDS,
    "mittelabrufe": (
        ("datum", _date), ("betrag", amount), ("halbjahr", _text), ("status", Abrufstatus),
        ("bemerkung", _text),
    ),
    "beschluesse": (
        ("art", Beschlussart), ("drucksache", _text), ("ergaenzung", _text), ("gremium", _text),
        ("datum", _date), ("ergebnis", Beschlussergebnis), ("umlaufbeschluss", _flag), ("begruendung", _text),
    ),
}  # fmt: skip
"""Format 2: the child rows of format 1, then the calls of funds and the decisions."""
LAYOUTS = {1: (MEASURE_FIELDS, CHILD_FIELDS), 2: (MEASURE_FIELDS_2, CHILD_FIELDS_2)}
"""Each readable format's measure fields and child rows."""
CHILD_RECORDS: dict[str, type[Any]] = {
    "meilensteine": MeilensteinData,
    "finanzen": FinanzjahrData,
    "beteiligungen": BeteiligungData,
    "mittelabrufe": MittelabrufData,
    "beschluesse": BeschlussData,
}
EFFECTIVE_KEYS = ("foerderfaehig", "foerderquote", "bundesmittel", "drittmittel", "eigenanteil", "abgerufen")
MEASURE_KEYS = tuple(key for key, _ in MEASURE_FIELDS_2)
"""The measure's fields as ``FORMAT`` writes them."""
CHILD_KEYS = {attr: tuple(key for key, _ in spec) for attr, spec in CHILD_FIELDS_2.items()}
"""The child rows' keys as ``FORMAT`` writes them."""

# --- writing ------------------------------------------------------------------------------------------


def measure_text(fields: str, children: Sequence[str | None], effective: Sequence[Decimal]) -> str:
    """One measure as JSON text: ``fields`` and each list of ``children`` are JSON arrays as the database
    made them (``None``: no such rows), ``effective`` the amounts of ``EFFECTIVE_KEYS``."""
    amounts = ",".join(f'"{value}"' for value in effective)
    lists = ",".join(rows or "[]" for rows in children)
    return f"[{fields},{lists},[{amounts}]]"


def encode_part(measures: Sequence[str]) -> bytes:
    """A part: the measures' JSON texts as one array, compressed."""
    return zlib.compress(f"[{','.join(measures)}]".encode(), COMPRESSION)


def encode_settings(settings: ProgrammEinstellungen) -> dict[str, str | None]:
    """The programme settings as the ``stand.einstellungen`` JSON holds them."""
    volumen = settings.foerdervolumen
    return {
        "foerderquote": str(settings.foerderquote),
        "foerdervolumen": None if volumen is None else str(volumen),
        "programmbuero": settings.programmbuero,
        **{key: _iso(getattr(settings, key)) for key in DEADLINES},
    }


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# --- reading ------------------------------------------------------------------------------------------


def decode_part(data: bytes, version: int = FORMAT) -> list[FrozenMeasure]:
    """The measures of one part of format ``version`` (raises ``ValueError`` or ``zlib.error`` when it is
    damaged)."""
    measures = json.loads(zlib.decompress(data).decode("utf-8"), parse_float=Decimal)
    return [_measure(item, version) for item in measures]


def _measure(item: list[Any], version: int) -> FrozenMeasure:
    fields, *children, effective = item
    measure_fields, child_fields = LAYOUTS[version]
    values = _values(measure_fields, fields)
    values["zusatzspalten"] = values["zusatzspalten"] or {}
    record = MassnahmeData(**values)
    for (attr, spec), rows in zip(child_fields.items(), children, strict=True):
        setattr(record, attr, [CHILD_RECORDS[attr](**_values(spec, row)) for row in rows])
    if version == 1:
        _decided_as_migrated(record)
    amounts = {key: amount(value) for key, value in zip(EFFECTIVE_KEYS, effective, strict=True)}
    return FrozenMeasure(record, amounts)


def _decided_as_migrated(record: MassnahmeData) -> None:
    """A measure of format 1 with the council decision its Drucksache-Nr./Beschlussdatum pair became in
    migration 0004, so that a comparison with today shows no decision that was only migrated."""
    decision = pair_decision(record.drucksache, record.beschlussdatum)
    record.beschluesse = [decision] if decision is not None else []


def _values(spec: Sequence[tuple[str, Decode]], raw: Sequence[Raw]) -> dict[str, Any]:
    return {key: None if value is None else read(value) for (key, read), value in zip(spec, raw, strict=True)}


def decode_settings(stored: dict[str, Any]) -> ProgrammEinstellungen:
    """The programme settings of a Stand (one taken before the deadline settings existed: defaults)."""
    volumen = stored.get("foerdervolumen")
    return ProgrammEinstellungen(
        foerderquote=Decimal(stored["foerderquote"]),
        foerdervolumen=None if volumen is None else Decimal(volumen),
        programmbuero=stored["programmbuero"],
        **{key: _date(stored[key]) for key in DEADLINES if stored.get(key) is not None},
    )
