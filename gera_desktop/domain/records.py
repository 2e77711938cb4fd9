"""Plain data of a measure as services hand it to the UI, the writers and the CLI (no session attached)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

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
from gera_desktop.domain.funding import ZERO


@dataclass
class MeilensteinData:
    """A milestone; key (measure, bezeichnung)."""

    bezeichnung: str
    termin: date
    erledigt_am: date | None = None
    bemerkung: str | None = None


@dataclass
class FinanzjahrData:
    """A budget year; key (measure, jahr)."""

    jahr: int
    plan: Decimal | None = None
    ist: Decimal | None = None
    abgerufen: Decimal | None = None


@dataclass
class BeteiligungData:
    """A participation event; key (measure, datum, format)."""

    datum: date
    format: str
    ort: str | None = None
    teilnehmende: int | None = None
    ergebnis: str | None = None


@dataclass
class MittelabrufData:
    """A call of federal funds (spec section 9); key (measure, datum, betrag). ``halbjahr`` ("2024/I",
    "2024/II") defaults from the date when it is saved."""

    datum: date
    betrag: Decimal
    halbjahr: str | None = None
    status: Abrufstatus = Abrufstatus.GEPLANT
    bemerkung: str | None = None


@dataclass
class BeschlussData:
    """A decision of the council or of the funding body (spec section 9); key (measure, art, datum,
    Drucksache with Ergänzung)."""

    art: Beschlussart
    datum: date
    ergebnis: Beschlussergebnis
    drucksache: str | None = None
    ergaenzung: str | None = None
    gremium: str | None = None
    umlaufbeschluss: bool = False
    begruendung: str | None = None


@dataclass
class MassnahmeData:
    """Every field of spec section 3, the Cluster (its name), the extra columns, the children (the
    council cycle's calls and decisions among them, spec section 9), and the record's bookkeeping.

    Funding fields hold what was entered; ``None`` means the computed default applies
    (see ``gera_desktop.domain.funding``).
    """

    nr: str
    titel: str
    innovationsfeld: Innovationsfeld
    federfuehrung: str
    beginn: date
    ende: date
    status: Umsetzungsstand
    gesamtkosten: Decimal
    kurzbeschreibung: str | None = None
    art: Projektart = Projektart.UMSETZUNG
    zielbild: Zielbild | None = None
    cluster: str | None = None
    stadtteil: str | None = None
    partner: str | None = None
    ansprechpartner: str | None = None
    telefon: str | None = None
    email: str | None = None
    ampel: Ampel | None = None
    fortschritt: Decimal | None = None
    foerderfaehig: Decimal | None = None
    foerderquote: Decimal | None = None
    bundesmittel: Decimal | None = None
    drittmittel: Decimal | None = None
    eigenanteil: Decimal | None = None
    abgerufen: Decimal | None = None
    produkt: str | None = None
    investitionsnummer: str | None = None
    drucksache: str | None = None
    beschlussdatum: date | None = None
    freigabe: Freigabe = Freigabe.NICHT_EINGEREICHT
    beteiligung: bool = False
    verstetigung: str | None = None
    folgekosten: Decimal | None = None
    wirkungsindikator: str | None = None
    zielwert: str | None = None
    bemerkung: str | None = None
    stand: date | None = None
    zusatzspalten: dict[str, Any] = field(default_factory=dict)
    meilensteine: list[MeilensteinData] = field(default_factory=list)
    finanzen: list[FinanzjahrData] = field(default_factory=list)
    beteiligungen: list[BeteiligungData] = field(default_factory=list)
    mittelabrufe: list[MittelabrufData] = field(default_factory=list)
    beschluesse: list[BeschlussData] = field(default_factory=list)
    id: int | None = None
    version: int | None = None
    geaendert_am: datetime | None = None
    geaendert_von: str | None = None


BOOKKEEPING = ("id", "version", "geaendert_am", "geaendert_von")
CHILD_LISTS = ("meilensteine", "finanzen", "beteiligungen", "mittelabrufe", "beschluesse")
FIELD_KEYS: tuple[str, ...] = tuple(
    f.name for f in fields(MassnahmeData) if f.name not in (*BOOKKEEPING, *CHILD_LISTS, "zusatzspalten")
)
"""The keys of spec section 3 and the Cluster, the same as the column spec's Maßnahmen columns."""
CLUSTER = "cluster"
COLUMN_KEYS: tuple[str, ...] = tuple(key for key in FIELD_KEYS if key != CLUSTER)
"""The field keys stored in the measure's own table: the Cluster is a row of its own, named by the record."""


@dataclass
class ListRecord(MassnahmeData):
    """A measure as the list holds it: every field of spec section 3 and the bookkeeping, without the
    children and the extra columns (loaded when the measure is opened), and the sum of its budget years'
    Abgerufen read with it (the default of Mittel abgerufen, spec section 8)."""

    abgerufen_jahresscheiben: Decimal = Decimal("0.00")


LIST_KEYS = (*FIELD_KEYS, *BOOKKEEPING)
"""The stored columns of a ``ListRecord``, in the order a list query reads them (the sum of the budget
years' Abgerufen follows them)."""


CALLED = "abgerufen_jahresscheiben"
LIST_ROW_KEYS = (*LIST_KEYS, CALLED)
"""The keys of a list query's row: ``LIST_KEYS``, then the sum of the budget years' Abgerufen."""


class NotReadError(AttributeError):
    """A field of a ``PartialListRecord`` that was not read: a bug of whoever asked for it."""


class _NotRead:
    """A field a partial record lacks: only found when the record holds no value of its own (a
    descriptor without ``__set__`` gives way to the instance's own values, at no cost to reading them)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, record: object, owner: type | None = None) -> Any:
        if record is None:
            return self
        raise NotReadError(f"Das Feld „{self.name}“ wurde für die Liste noch nicht gelesen")


class PartialListRecord(ListRecord):
    """A list record of the start's first look holding only some fields (``partial_record``): asking
    for another one raises ``NotReadError`` instead of giving a dataclass default. The whole record
    replaces it once the database is open."""

    def __repr__(self) -> str:
        return f"PartialListRecord({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"


for _key in LIST_ROW_KEYS:
    setattr(PartialListRecord, _key, _NotRead(_key))


def list_record(row: Sequence[Any]) -> ListRecord:
    """One list record from a row of ``LIST_KEYS`` and the sum of Abgerufen, filled without the
    dataclass's ``__init__`` of 47 parameters: at 10,000 measures that call alone took 0.16 s of a 0.4 s
    reading. Every field is set here (the children and extra columns empty, each record with its own),
    so the record is the same as one built the usual way."""
    return _filled(ListRecord.__new__(ListRecord), dict(zip(LIST_ROW_KEYS, row, strict=True)))


def partial_record(keys: Sequence[str], row: Sequence[Any]) -> ListRecord:
    """A ``PartialListRecord`` holding the fields ``keys`` (some of ``LIST_ROW_KEYS``; the sum of
    Abgerufen among them) with the values of ``row``; children and extra columns empty."""
    return _filled(PartialListRecord.__new__(PartialListRecord), dict(zip(keys, row, strict=True)))


def _filled(record: ListRecord, values: dict[str, Any]) -> ListRecord:
    if values.get(CALLED, ZERO) is None:
        values[CALLED] = ZERO
    values["zusatzspalten"] = {}
    for key in CHILD_LISTS:
        values[key] = []
    record.__dict__ = values  # a third faster than updating the new, empty ``__dict__``
    return record
