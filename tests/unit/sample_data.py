"""Rows for persistence tests, written through the ORM models (the services are tested elsewhere)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Inspector, Table, insert, inspect, select
from sqlalchemy.orm import Session

from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.models import Base, Beteiligung, Finanzjahr, Massnahme, Meilenstein, nr_key
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


TABLES: dict[type[Base], Table] = {
    model: model.__table__  # type: ignore[misc]
    for model in (Massnahme, Meilenstein, Finanzjahr, Beteiligung)
}


def store_in_old_schema(db: Database, *measures: Massnahme) -> None:
    """Write measures (ORM objects, not added to a session) with their children into a database of an
    older schema revision: only the columns its tables have, which the ORM of the newest would not do."""
    with db.engine.begin() as connection:
        inspector = inspect(connection)
        for measure in measures:
            values = _stored_values(measure, inspector) | {"version": 1}
            inserted = connection.execute(insert(TABLES[Massnahme]).values(values)).inserted_primary_key
            assert inserted is not None
            for attr in ("meilensteine", "finanzen", "beteiligungen"):
                for child in getattr(measure, attr):
                    row = _stored_values(child, inspector) | {"massnahme_id": inserted[0]}
                    connection.execute(insert(TABLES[type(child)]).values(row))


def _stored_values(row: Base, inspector: Inspector) -> dict[str, object]:
    table = TABLES[type(row)]
    existing = {column["name"] for column in inspector.get_columns(table.name)}
    return {
        column.name: value
        for column in table.columns
        if column.name in existing and column.name != "id" and (value := getattr(row, column.key)) is not None
    }


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


def damage(path: Path, name: str = "massnahme") -> None:
    """Flip the bytes of the first page of a table or index (default: the measures), as a failing disk
    would: its page header and cell pointers, which ``quick_check`` sees."""
    start, _size = root_page(path, name)
    data = bytearray(path.read_bytes())
    for offset in range(start, start + 64):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def damage_index_entry(path: Path, index: str, key: bytes, replacement: bytes) -> None:
    """Change one key inside the root page of ``index`` (a leaf) so that the entry no longer matches its
    row: the page stays well-formed, so only the full ``integrity_check`` sees it, not ``quick_check``."""
    assert len(key) == len(replacement)
    start, size = root_page(path, index)
    data = bytearray(path.read_bytes())
    page = bytes(data[start : start + size])
    assert page.count(key) == 1, f"{key!r} steht nicht genau einmal in {index}"
    offset = start + page.index(key)
    data[offset : offset + len(key)] = replacement
    path.write_bytes(bytes(data))


def root_page(path: Path, name: str) -> tuple[int, int]:
    """Where the root page of a table or index starts in the file, and the page size."""
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    return (int(root) - 1) * int(page_size), int(page_size)
