"""Loading the demo data (the 25 measures of the example Maßnahmenliste) into an empty database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gera_desktop import config
from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.models import Aenderung, Massnahme
from gera_desktop.domain.oplog import logged_operation
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.excel.json_reading import read_json
from gera_desktop.persistence.database import Database
from gera_desktop.services.audit import audit_rows, creation, import_quelle
from gera_desktop.services.mapping import apply_record, stamp_change, to_record
from gera_desktop.services.settings import read_settings
from gera_desktop.services.validation import prepared


class DemoRefusedError(GeraError):
    """The database already holds measures; the demo data would mix with real data."""


def load_demo(db: Database, source: Path, user: str | None = None) -> int:
    """Insert every measure of the demo file (with milestones, budget years, participation) in one
    transaction; ``source`` is ``gera_desktop.resources.demo_data()`` (services may not import it).

    Refuses a database that holds any measure, the trash included. Returns the number of measures.
    """
    with logged_operation("Beispieldaten", datei=source) as operation:
        records = read_json(source)
        _insert(db, records, user or config.current_user(), source.name)
        operation.counts["Maßnahme|Maßnahmen"] = len(records)
    return len(records)


def _insert(db: Database, records: list[MassnahmeData], who: str, source: str) -> None:
    """Insert the records in one transaction, unless the database holds any measure."""
    now = datetime.now()
    with db.write_session() as session:
        existing = session.scalar(select(func.count()).select_from(Massnahme)) or 0
        if existing:
            raise DemoRefusedError(
                f"Die Datenbank enthält bereits {existing} Maßnahme(n) (den Papierkorb eingeschlossen). "
                "Beispieldaten werden nur in eine leere Datenbank geladen, damit sie sich nicht mit "
                "echten Daten mischen."
            )
        settings = read_settings(session)
        for data in records:
            session.add_all(_demo_rows(session, data, settings, who, now, source))


def _demo_rows(
    session: Session,
    data: MassnahmeData,
    settings: ProgrammEinstellungen,
    user: str,
    now: datetime,
    source: str,
) -> list[Aenderung]:
    """Add one measure to the session; returns its audit row ("angelegt" with every value)."""
    clean = prepared(data, settings)
    m = Massnahme(erstellt_am=now)
    apply_record(m, clean, session)
    stamp_change(m, user, now)
    session.add(m)
    session.flush()
    return audit_rows([creation(to_record(m))], m.nr, user, import_quelle(source), now)
