"""The Sachstandsbericht's use case of the application core (issue 13): everything the report shows, read
in one go – every measure outside the Papierkorb with its children, in the order of their Nr., the
programme settings, the Übersicht's figures of them, the programme view's funds at risk
(``domain.programm``) and the Fristen (``domain.fristen``); no Qt: the ui paints the PDF.

``Anwendung`` (``services.core``) takes it in as a mixin; like the rest of the core, the services are
imported when first used.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

from gera_desktop.domain.progress import Cancelled, Checkpoints
from gera_desktop.domain.settings import ProgrammEinstellungen

if TYPE_CHECKING:
    from gera_desktop.persistence.database import Database
    from gera_desktop.services.bericht_data import ReportData

CANCELLED = "Abgebrochen. Es wurde kein Sachstandsbericht geschrieben."


class _Core(Protocol):
    @property
    def db(self) -> Database: ...

    def settings(self) -> ProgrammEinstellungen: ...


class BerichtUseCases:
    """The Sachstandsbericht of the open database (a mixin of ``Anwendung``)."""

    def report_data(self: _Core, stand: date, cancelled: Cancelled | None = None) -> ReportData:
        """Every measure outside the Papierkorb as stored now, with the figures of the report at ``stand``
        (``WorkCancelled`` once ``cancelled()`` is true)."""
        from gera_desktop.domain.fristen import fristen
        from gera_desktop.domain.programm import programm_stand
        from gera_desktop.services.bericht_data import ReportData
        from gera_desktop.services.overview import overview_figures
        from gera_desktop.services.queries import natural_key
        from gera_desktop.services.reading import ReadingService

        checkpoints = Checkpoints(cancelled=cancelled, message=CANCELLED)
        reading = ReadingService(self.db)
        listed = reading.list_records()
        checkpoints.check()
        records = sorted(reading.full_records(listed), key=lambda r: natural_key(r.nr))
        checkpoints.check()
        settings = self.settings()
        return ReportData(
            stand,
            settings,
            overview_figures(records, settings, stand),
            programm_stand(records, settings, stand),
            fristen(records, settings, stand),
            records,
        )
