"""Rows for persistence tests, written through the ORM models (the services are tested elsewhere)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.models import Massnahme, Meilenstein, nr_key
from gera_desktop.persistence.database import Database


def new_measure(nr: str) -> Massnahme:
    """A valid measure with one milestone."""
    now = datetime(2026, 11, 26, 14, 3)
    measure = Massnahme(
        nr=nr,
        nr_key=nr_key(nr),
        titel=f"Maßnahme {nr}",
        innovationsfeld=Innovationsfeld.MOBILITAET,
        federfuehrung="Amt für Stadtentwicklung",
        beginn=date(2025, 1, 1),
        ende=date(2026, 12, 31),
        status=Umsetzungsstand.IN_UMSETZUNG,
        gesamtkosten=Decimal("12345.67"),
        zusatzspalten={},
        erstellt_am=now,
        geaendert_am=now,
    )
    measure.meilensteine.append(Meilenstein(bezeichnung="Start", termin=date(2025, 3, 1)))
    return measure


def add_measures(db: Database, *numbers: str) -> None:
    """Save measures with the given numbers in one transaction."""
    with db.write_session() as session:
        session.add_all(new_measure(nr) for nr in numbers)


def measure_numbers(db: Database) -> list[str]:
    """The numbers of all measures, sorted."""
    with db.read_session() as session:
        return sorted(session.scalars(select(Massnahme.nr)))


def milestone_count(session: Session) -> int:
    """How many milestones exist."""
    return len(session.scalars(select(Meilenstein.id)).all())


def damage(path: Path) -> None:
    """Flip the bytes of the measures table's first page, as a failing disk would."""
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'massnahme'").fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    for offset in range(start, start + 64):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
