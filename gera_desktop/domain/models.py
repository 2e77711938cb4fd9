"""The typed SQLAlchemy 2 models of a Maßnahme and its children (spec sections 3 and 4)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

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

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(14, 2, asdecimal=True)
Percent = Numeric(5, 2, asdecimal=True)


def _enum(cls: type[enum.Enum]) -> SAEnum:
    """Store an enum by its German value as plain text (portable, readable in the file)."""
    return SAEnum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=60,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    """Declarative base with a constraint naming convention (Alembic batch mode needs names)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


@lru_cache(maxsize=1 << 18)
def nr_key(nr: str) -> str:
    """The case-insensitive key under which a Maßnahmen-Nr. is unique.

    Remembered for the last 262,144 numbers: an import asks for each number's key about 60 times."""
    return " ".join(nr.split()).casefold()


class Massnahme(Base):
    """One measure of the Smart City strategy. ``None`` in a funding field means: computed default."""

    __tablename__ = "massnahme"

    id: Mapped[int] = mapped_column(primary_key=True)
    nr: Mapped[str] = mapped_column(String(20))
    nr_key: Mapped[str] = mapped_column(String(20), unique=True)
    titel: Mapped[str] = mapped_column(String(200))
    kurzbeschreibung: Mapped[str | None] = mapped_column(Text)
    art: Mapped[Projektart] = mapped_column(_enum(Projektart), default=Projektart.UMSETZUNG)
    innovationsfeld: Mapped[Innovationsfeld] = mapped_column(_enum(Innovationsfeld))
    zielbild: Mapped[Zielbild | None] = mapped_column(_enum(Zielbild))
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("cluster.id", ondelete="SET NULL"), index=True)
    stadtteil: Mapped[str | None] = mapped_column(Text)
    federfuehrung: Mapped[str] = mapped_column(String(120))
    partner: Mapped[str | None] = mapped_column(Text)
    ansprechpartner: Mapped[str | None] = mapped_column(Text)
    telefon: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    beginn: Mapped[date] = mapped_column(Date)
    ende: Mapped[date] = mapped_column(Date)
    status: Mapped[Umsetzungsstand] = mapped_column(_enum(Umsetzungsstand))
    ampel: Mapped[Ampel | None] = mapped_column(_enum(Ampel))
    fortschritt: Mapped[Decimal | None] = mapped_column(Percent)
    gesamtkosten: Mapped[Decimal] = mapped_column(Money)
    foerderfaehig: Mapped[Decimal | None] = mapped_column(Money)
    foerderquote: Mapped[Decimal | None] = mapped_column(Percent)
    bundesmittel: Mapped[Decimal | None] = mapped_column(Money)
    drittmittel: Mapped[Decimal | None] = mapped_column(Money)
    eigenanteil: Mapped[Decimal | None] = mapped_column(Money)
    abgerufen: Mapped[Decimal | None] = mapped_column(Money)
    produkt: Mapped[str | None] = mapped_column(Text)
    investitionsnummer: Mapped[str | None] = mapped_column(Text)
    drucksache: Mapped[str | None] = mapped_column(Text)
    beschlussdatum: Mapped[date | None] = mapped_column(Date)
    freigabe: Mapped[Freigabe] = mapped_column(_enum(Freigabe), default=Freigabe.NICHT_EINGEREICHT)
    beteiligung: Mapped[bool] = mapped_column(Boolean, default=False)
    verstetigung: Mapped[str | None] = mapped_column(Text)
    folgekosten: Mapped[Decimal | None] = mapped_column(Money)
    wirkungsindikator: Mapped[str | None] = mapped_column(Text)
    zielwert: Mapped[str | None] = mapped_column(Text)
    bemerkung: Mapped[str | None] = mapped_column(Text)
    stand: Mapped[date | None] = mapped_column(Date)
    zusatzspalten: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    version: Mapped[int] = mapped_column(Integer, nullable=False)
    erstellt_am: Mapped[datetime] = mapped_column(DateTime)
    geaendert_am: Mapped[datetime] = mapped_column(DateTime)
    geaendert_von: Mapped[str | None] = mapped_column(String(120))
    geloescht_am: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    geloescht_von: Mapped[str | None] = mapped_column(String(120))

    meilensteine: Mapped[list[Meilenstein]] = relationship(
        back_populates="massnahme",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(Meilenstein.termin, Meilenstein.bezeichnung)",
    )
    finanzen: Mapped[list[Finanzjahr]] = relationship(
        back_populates="massnahme",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Finanzjahr.jahr",
    )
    beteiligungen: Mapped[list[Beteiligung]] = relationship(
        back_populates="massnahme",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(Beteiligung.datum, Beteiligung.format)",
    )

    mittelabrufe: Mapped[list[Mittelabruf]] = relationship(
        back_populates="massnahme",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(Mittelabruf.datum, Mittelabruf.betrag)",
    )
    beschluesse: Mapped[list[Beschluss]] = relationship(
        back_populates="massnahme",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(Beschluss.datum, Beschluss.id)",
    )
    cluster: Mapped[Cluster | None] = relationship(lazy="selectin")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Cluster(Base):
    """A named group of measures of the strategy (spec section 9); a measure belongs to at most one.

    The name is unique ignoring case and repeated spacing (``name_key``)."""

    __tablename__ = "cluster"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(360), unique=True)
    beschreibung: Mapped[str | None] = mapped_column(Text)


class Meilenstein(Base):
    """A milestone of a measure; unique by (measure, Bezeichnung)."""

    __tablename__ = "meilenstein"
    __table_args__ = (UniqueConstraint("massnahme_id", "bezeichnung"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    massnahme_id: Mapped[int] = mapped_column(ForeignKey("massnahme.id", ondelete="CASCADE"), index=True)
    bezeichnung: Mapped[str] = mapped_column(String(200))
    termin: Mapped[date] = mapped_column(Date)
    erledigt_am: Mapped[date | None] = mapped_column(Date)
    bemerkung: Mapped[str | None] = mapped_column(Text)

    massnahme: Mapped[Massnahme] = relationship(back_populates="meilensteine")


class Finanzjahr(Base):
    """One budget year (Jahresscheibe) of a measure; unique by (measure, Jahr)."""

    __tablename__ = "finanzjahr"
    __table_args__ = (UniqueConstraint("massnahme_id", "jahr"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    massnahme_id: Mapped[int] = mapped_column(ForeignKey("massnahme.id", ondelete="CASCADE"), index=True)
    jahr: Mapped[int] = mapped_column(Integer)
    plan: Mapped[Decimal | None] = mapped_column(Money)
    ist: Mapped[Decimal | None] = mapped_column(Money)
    abgerufen: Mapped[Decimal | None] = mapped_column(Money)

    massnahme: Mapped[Massnahme] = relationship(back_populates="finanzen")


class Beteiligung(Base):
    """A citizen-participation event of a measure; unique by (measure, Datum, Format)."""

    __tablename__ = "beteiligung"
    __table_args__ = (UniqueConstraint("massnahme_id", "datum", "format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    massnahme_id: Mapped[int] = mapped_column(ForeignKey("massnahme.id", ondelete="CASCADE"), index=True)
    datum: Mapped[date] = mapped_column(Date)
    format: Mapped[str] = mapped_column(String(120))
    ort: Mapped[str | None] = mapped_column(Text)
    teilnehmende: Mapped[int | None] = mapped_column(Integer)
    ergebnis: Mapped[str | None] = mapped_column(Text)

    massnahme: Mapped[Massnahme] = relationship(back_populates="beteiligungen")


class Mittelabruf(Base):
    """A call of federal funds for a measure (spec section 9)."""

    __tablename__ = "mittelabruf"

    id: Mapped[int] = mapped_column(primary_key=True)
    massnahme_id: Mapped[int] = mapped_column(ForeignKey("massnahme.id", ondelete="CASCADE"), index=True)
    datum: Mapped[date] = mapped_column(Date)
    betrag: Mapped[Decimal] = mapped_column(Money)
    halbjahr: Mapped[str] = mapped_column(String(7))
    status: Mapped[Abrufstatus] = mapped_column(_enum(Abrufstatus))
    bemerkung: Mapped[str | None] = mapped_column(Text)

    massnahme: Mapped[Massnahme] = relationship(back_populates="mittelabrufe")


class Beschluss(Base):
    """A decision of the council or of the funding body about a measure (spec section 9)."""

    __tablename__ = "beschluss"

    id: Mapped[int] = mapped_column(primary_key=True)
    massnahme_id: Mapped[int] = mapped_column(ForeignKey("massnahme.id", ondelete="CASCADE"), index=True)
    art: Mapped[Beschlussart] = mapped_column(_enum(Beschlussart))
    drucksache: Mapped[str | None] = mapped_column(Text)
    ergaenzung: Mapped[str | None] = mapped_column(Text)
    gremium: Mapped[str | None] = mapped_column(Text)
    datum: Mapped[date] = mapped_column(Date)
    ergebnis: Mapped[Beschlussergebnis] = mapped_column(_enum(Beschlussergebnis))
    umlaufbeschluss: Mapped[bool] = mapped_column(Boolean, default=False)
    begruendung: Mapped[str | None] = mapped_column(Text)

    massnahme: Mapped[Massnahme] = relationship(back_populates="beschluesse")


class Aenderung(Base):
    """One audited field change: who, when, which measure and field, old and new value, from where."""

    __tablename__ = "aenderung"

    id: Mapped[int] = mapped_column(primary_key=True)
    zeitpunkt: Mapped[datetime] = mapped_column(DateTime, index=True)
    benutzer: Mapped[str] = mapped_column(String(120))
    massnahme_nr: Mapped[str] = mapped_column(String(20), index=True)
    feld: Mapped[str] = mapped_column(String(80))
    alter_wert: Mapped[str | None] = mapped_column(Text)
    neuer_wert: Mapped[str | None] = mapped_column(Text)
    quelle: Mapped[str] = mapped_column(String(300))


class Einstellung(Base):
    """A programme setting (Förderquote, Fördervolumen, Programmbüro), stored as text."""

    __tablename__ = "einstellung"

    schluessel: Mapped[str] = mapped_column(String(60), primary_key=True)
    wert: Mapped[str] = mapped_column(Text)


class Stand(Base):
    """A frozen copy of every measure outside the trash (spec section 9), taken under a unique name.

    Its measures lie in ``StandTeil`` rows in a versioned format (``persistence.frozen``, version in
    ``format``); nothing in it refers to a live row, so nothing done to measures later changes it.
    ``einstellungen`` holds the programme settings in force when it was taken.
    """

    __tablename__ = "stand"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(360), unique=True)
    angelegt_am: Mapped[datetime] = mapped_column(DateTime)
    angelegt_von: Mapped[str] = mapped_column(String(120))
    bemerkung: Mapped[str | None] = mapped_column(Text)
    einstellungen: Mapped[dict[str, Any]] = mapped_column(JSON)
    anzahl: Mapped[int] = mapped_column(Integer)
    format: Mapped[int] = mapped_column(Integer)


class StandTeil(Base):
    """One part of a Stand: a run of its frozen measures as zlib-compressed JSON (``persistence.frozen``)."""

    __tablename__ = "stand_teil"

    stand_id: Mapped[int] = mapped_column(ForeignKey("stand.id", ondelete="CASCADE"), primary_key=True)
    teil: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    daten: Mapped[bytes] = mapped_column(LargeBinary)
