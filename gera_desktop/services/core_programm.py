"""The programme view's use cases of the application core (issue 13): what can be called per half-year and
the federal funds at risk (``domain.programm``), and the workbook of both.

``Anwendung`` (``services.core``) takes them in as a mixin. Both only read: the view reads the figures
again whenever a write changed measures or the programme settings. Like the rest of the core, SQLAlchemy
and the workbook writer are imported when first used, not with this module.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from gera_desktop.domain.progress import Cancelled, Checkpoints, Progress
from gera_desktop.domain.settings import ProgrammEinstellungen

if TYPE_CHECKING:
    from gera_desktop.domain.programm import ProgrammStand
    from gera_desktop.domain.records import MassnahmeData
    from gera_desktop.persistence.database import Database

CANCELLED = (
    "Der Export wurde abgebrochen. Es wurde keine Datei geschrieben; eine vorhandene Datei dieses Namens "
    "ist unverändert."
)


class _Core(Protocol):
    """What the use cases need of the core they are part of."""

    @property
    def db(self) -> Database: ...

    def settings(self) -> ProgrammEinstellungen: ...


class ProgrammUseCases:
    """The programme view of the open database (a mixin of ``Anwendung``)."""

    def programm_stand(self: _Core, today: date) -> ProgrammStand:
        """Per half-year what can be called, and the funds at risk up to the Programmende, at ``today``:
        of the measures outside the Papierkorb (those abgelehnt or abgebrochen named, counted nowhere),
        in the order of their Nr."""
        from gera_desktop.domain.programm import programm_stand

        return programm_stand(_funded_records(self.db), self.settings(), today)

    def write_programm(
        self: _Core,
        target: Path,
        stand: ProgrammStand,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Path:
        """Write ``stand`` as the workbook „Programm und Mittelabrufe“ (sheets Halbjahre and Gefährdete
        Mittel) into ``target``, atomically (``ExportError`` with a German message)."""
        from gera_desktop.domain.oplog import logged_operation
        from gera_desktop.excel.programm import write_programm

        with logged_operation("Export Programm und Mittelabrufe", datei=target):
            write_programm(target, stand, Checkpoints(progress, cancelled, message=CANCELLED))
        return target


def _funded_records(db: Database) -> list[MassnahmeData]:
    """The measures outside the Papierkorb with their budget years and calls (no other children), in the
    natural order of their Nr."""
    from gera_desktop.domain.models import Massnahme
    from gera_desktop.services import queries

    with db.read_session() as session:
        records = queries.load_records(
            session, [Massnahme.geloescht_am.is_(None)], only=("finanzen", "mittelabrufe")
        )
    return sorted(records, key=lambda record: queries.natural_key(record.nr))
