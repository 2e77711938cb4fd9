"""The Fristen use cases of the application core (issue 13 point 4): the list of what is due, and its
workbook.

``Anwendung`` (``services.core``) takes them in as a mixin. The measures outside the Papierkorb are read
as the list's light records with just the children a Frist can come from: the milestones not done and the
calls still geplant. Like the rest of the core, SQLAlchemy is imported when first used, not with this
module (nor is ``domain.fristen``: the program window paints first).
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gera_desktop.domain.fristen import Frist
    from gera_desktop.persistence.database import Database


class _Core(Protocol):
    """What the use cases need of the core they are part of."""

    @property
    def db(self) -> Database: ...

    def settings(self) -> ProgrammEinstellungen: ...


class FristenUseCases:
    """The Fristen of the open database (a mixin of ``Anwendung``)."""

    def fristen(self: _Core, today: date, records: Sequence[MassnahmeData] | None = None) -> list[Frist]:
        """Every Frist at ``today``: programme deadlines and those of the measures outside the trash (or
        of ``records``, the list's), overdue first, then by date (see ``domain.fristen``)."""
        from gera_desktop.domain.fristen import fristen

        return fristen(records_with_deadlines(self.db, records), self.settings(), today)

    def write_fristen(self: _Core, target: Path, today: date) -> Path:
        """Write the Fristen at ``today`` as a workbook into ``target`` (atomically); returns the path."""
        from gera_desktop.excel.fristen import write_fristen

        return write_fristen(target, FristenUseCases.fristen(self, today), today)


def records_with_deadlines(
    db: Database, records: Sequence[MassnahmeData] | None = None
) -> list[MassnahmeData]:
    """Copies of ``records`` (default: the list's records of the measures outside the trash), each with
    its milestones not done and its calls still geplant as stored now (the children a Frist can come
    from); the records given stay as they are."""
    from gera_desktop.services.reading import ReadingService

    listed = ReadingService(db).list_records() if records is None else records
    copies = [copy(record) for record in listed]
    for record in copies:
        record.meilensteine, record.mittelabrufe = [], []
    by_id = {r.id: r for r in copies if r.id is not None}
    with db.read_session() as session:
        for attr, rows in _open_children(session):
            for owner, row in rows:
                if owner in by_id:
                    getattr(by_id[owner], attr).append(row)
    return copies


def _open_children(session: Session) -> list[tuple[str, list[tuple[int, Any]]]]:
    """The milestones not done and the calls geplant of the measures outside the trash, with their
    measure's id."""
    from sqlalchemy import select

    from gera_desktop.domain.enums import Abrufstatus
    from gera_desktop.domain.models import Massnahme
    from gera_desktop.services.mapping import CHILD_KINDS

    parent = Massnahme.__table__
    found = []
    for kind in (k for k in CHILD_KINDS if k.attr in ("meilensteine", "mittelabrufe")):
        child = kind.model.__table__
        still_open = (
            child.c.erledigt_am.is_(None)
            if kind.attr == "meilensteine"
            else child.c.status == Abrufstatus.GEPLANT
        )
        query = (
            select(child.c.massnahme_id, *(child.c[key] for key in kind.keys))
            .select_from(child.join(parent, child.c.massnahme_id == parent.c.id))
            .where(parent.c.geloescht_am.is_(None), still_open)
        )
        rows = [(owner, kind.record(*values)) for owner, *values in session.execute(query)]
        found.append((kind.attr, rows))
    return found
