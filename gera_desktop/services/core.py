"""The application core: one database, its services and every use case of the GUI and the command line
(after Anki's collection with its ``CollectionOp``/``QueryOp``; no Qt).

``Anwendung(url)`` names the database and ``open()`` opens it (checked, migrated, or read-only; see
``persistence.opening``); before that, ``first_look()`` may read the list straight from the file. Reads
return plain records. Every write returns an ``Outcome``: its result and the ``Changes`` it made, so that
the GUI can tell each view what to update. Restoring a backup replaces the database: the core opens it
again itself, and nobody else ever holds the ``Database``.

The services, and with them SQLAlchemy, are imported when the database is opened, not with this module,
so that the program window paints first and the first look lists the measures without them; what the
reads return is defined in ``services.core_results``, made once first needed.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from gera_desktop.domain.errors import DatabaseError, NotFoundError
from gera_desktop.domain.progress import Cancelled, Progress
from gera_desktop.domain.records import ListRecord, MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services import collector
from gera_desktop.services.changes import Changes, Outcome
from gera_desktop.services.core_bericht import BerichtUseCases
from gera_desktop.services.core_council import ClusterUseCases
from gera_desktop.services.core_fristen import FristenUseCases
from gera_desktop.services.core_programm import ProgrammUseCases
from gera_desktop.services.core_protokoll import ProtokollUseCases
from gera_desktop.services.core_staende import StaendeUseCases
from gera_desktop.services.core_trash import TrashUseCases

if TYPE_CHECKING:
    from gera_desktop.persistence.backup_store import BackupInfo
    from gera_desktop.persistence.database import Database
    from gera_desktop.services.backup import BackupService
    from gera_desktop.services.core_results import DatabaseFacts, FirstList, OpenedMeasure
    from gera_desktop.services.export import ExportRequest
    from gera_desktop.services.import_report import ImportReport
    from gera_desktop.services.massnahmen import MassnahmenService
    from gera_desktop.services.overview import OverviewFigures
    from gera_desktop.services.reading import ReadingService
    from gera_desktop.services.settings import SettingsService

NOT_OPEN = "Die Datenbank ist noch nicht geöffnet."


class _Services:
    """The open database's services (made in ``_attach``)."""

    __slots__ = ("backups", "measures", "reading", "settings")

    def __init__(
        self,
        measures: MassnahmenService,
        reading: ReadingService,
        settings: SettingsService,
        backups: BackupService,
    ) -> None:
        self.measures, self.reading, self.settings, self.backups = measures, reading, settings, backups


class Anwendung(
    StaendeUseCases,
    TrashUseCases,
    ClusterUseCases,
    ProgrammUseCases,
    FristenUseCases,
    ProtokollUseCases,
    BerichtUseCases,
):
    """The open database of this program run and its use cases, as ``user`` (default: the system user);
    the Stände's use cases come from ``services.core_staende``, the Papierkorb's from ``core_trash``, the
    Clusters' from ``core_council``, the programme view's from ``core_programm``, the Fristen from
    ``core_fristen``, the Änderungsprotokoll's from ``core_protokoll``, the Sachstandsbericht's from
    ``core_bericht``."""

    def __init__(self, url: str, user: str | None = None) -> None:
        self.url = url
        self.user = user
        self._db: Database | None = None
        self._services: _Services | None = None

    @classmethod
    def on(cls, db: Database, user: str | None = None) -> Anwendung:
        """The core of a database opened already (the command line, tests)."""
        core = cls(db.url, user)
        core._attach(db)
        return core

    # --- the database -----------------------------------------------------------------------------------

    def first_look(self, keys: Collection[str] | None = None) -> FirstList | None:
        """Before ``open()``: the list's records and the programme settings read with plain SQL from a
        SQLite file at this program's schema (no SQLAlchemy); ``None`` when the database has to be opened
        first (a new, outdated or unreadable file, a network drive, PostgreSQL). ``keys``: only these
        fields of the records (``list_records`` reads them whole later); ``None``: every field."""
        from gera_desktop.domain.settings import stored_settings
        from gera_desktop.persistence.first_look import first_look
        from gera_desktop.services.core_results import FirstList

        look = first_look(self.url, keys)
        if look is None:
            return None
        return FirstList(look.records, stored_settings(look.settings), look.read)

    def open(self, listed: bool = False) -> Outcome[DatabaseFacts]:
        """Open the database (once; ``DatabaseError`` with a German message when that fails).

        ``listed``: the views show what ``first_look`` read already, so the views are not told to read
        the whole database again (only whether it may be written is news)."""
        if self._db is None:
            from gera_desktop.persistence.opening import open_database

            self._attach(open_database(self.url))
        changes = Changes(database_replaced=not listed, read_only=self.db.read_only)
        return Outcome(self.facts(), changes)

    def _attach(self, db: Database) -> None:
        from gera_desktop.services.backup import BackupService
        from gera_desktop.services.massnahmen import MassnahmenService
        from gera_desktop.services.reading import ReadingService
        from gera_desktop.services.settings import SettingsService

        self._db = db
        self._services = _Services(
            MassnahmenService(db, self.user),
            ReadingService(db),
            SettingsService(db, self.user),
            BackupService(db),
        )

    @property
    def _open(self) -> _Services:
        if self._services is None:
            raise DatabaseError(NOT_OPEN)
        return self._services

    @property
    def is_open(self) -> bool:
        """True once ``open()`` succeeded."""
        return self._db is not None

    @property
    def db(self) -> Database:
        """The open database (for the command line's check and export, and tests; views never get it)."""
        if self._db is None:
            raise DatabaseError(NOT_OPEN)
        return self._db

    def facts(self) -> DatabaseFacts:
        """Name, location, system and state of the open database."""
        from gera_desktop.persistence.database import READ_ONLY_MESSAGE
        from gera_desktop.services.about import database_backend, database_location
        from gera_desktop.services.core_results import DatabaseFacts

        db = self.db
        reason = (db.read_only_reason or READ_ONLY_MESSAGE) if db.read_only else None
        return DatabaseFacts(
            db.display_name,
            database_location(db),
            database_backend(db),
            db.read_only,
            reason,
            db.damaged,
            self._open.backups.available,
        )

    def close(self) -> None:
        """Let go of the database's connections (at the end of the program)."""
        if self._db is not None:
            self._db.dispose()

    # --- reading ----------------------------------------------------------------------------------------

    def list_records(self, ids: Collection[int] | None = None) -> list[ListRecord]:
        """The list's records of the measures outside the trash (all, or those with these ids)."""
        return self._open.reading.list_records(ids)

    def settings(self) -> ProgrammEinstellungen:
        """The programme settings (Förderquote, Fördervolumen, Programmbüro)."""
        return self._open.settings.load()

    def measure(self, nr: str) -> OpenedMeasure:
        """One measure with its children, its history and the programme settings (``NotFoundError``)."""
        from gera_desktop.services.core_results import OpenedMeasure

        record = self._open.measures.get(nr)
        return OpenedMeasure(record, self._open.measures.history(record.nr), self.settings())

    def measure_by_id(self, measure_id: int) -> OpenedMeasure:
        """``measure`` of the measure with this id, whatever its Nr. is now (``NotFoundError``)."""
        nr = self._open.reading.nr_of(measure_id)
        if nr is None:
            raise NotFoundError("Die Maßnahme ist nicht mehr vorhanden (gelöscht oder im Papierkorb).")
        return self.measure(nr)

    def get(self, nr: str) -> MassnahmeData:
        """One measure with its children as stored now (``NotFoundError`` when missing or deleted)."""
        return self._open.measures.get(nr)

    def with_milestones(self, records: Sequence[MassnahmeData]) -> Sequence[MassnahmeData]:
        """The records themselves, their milestones put in as stored now (for the Zeitplan)."""
        self._open.reading.fill_milestones(records)
        return records

    def overview(self, today: date, records: Sequence[MassnahmeData] | None = None) -> OverviewFigures:
        """The Übersicht's figures at ``today`` of the records the list holds (default: every measure
        outside the trash, read now), with the milestones not done and the Fristen as stored now."""
        from gera_desktop.services.overview import overview_figures

        shown = self._open.reading.list_records() if records is None else records
        figures = overview_figures(shown, self.settings(), today, self._open.reading.open_milestones())
        return replace(figures, fristen=tuple(self.fristen(today, shown)))

    def backups(self) -> list[BackupInfo]:
        """The backups of the database, newest first (``BackupNotAvailableError`` on PostgreSQL)."""
        return self._open.backups.list()

    @property
    def backup_folder(self) -> Path:
        """Where the backups go."""
        return self._open.backups.folder

    def check_import(
        self, path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> ImportReport:
        """A dry run of importing the workbook ``path``: the report, nothing written."""
        from gera_desktop.services.importer import ImportService

        return ImportService(self.db, self.user).run(
            path, dry_run=True, progress=progress, cancelled=cancelled
        )

    def export(
        self,
        target: Path,
        records: Sequence[MassnahmeData],
        request: ExportRequest,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Path:
        """Write the measures as stored now (with their children), in the given order, into ``target``."""
        from gera_desktop.services.export import ExportService

        full = self._open.reading.full_records(records)
        service = ExportService(self.db)
        try:
            return service.export(target, full, request, progress=progress, cancelled=cancelled)
        finally:
            collector.let_go(full)  # 10,000 measures with their children, freed in pieces

    def backup(
        self, dest: Path | None = None, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> BackupInfo:
        """A manual backup into ``dest`` (a file, or a folder for a generated name) or the backup folder."""
        return self._open.backups.create(dest, progress=progress, cancelled=cancelled)

    def support_package(self, target: Path, qt_version: str, settings_files: Sequence[Path]) -> Path:
        """The zip for the IT service desk (log, versions, settings; no measures, no password)."""
        from gera_desktop.services.support import write_support_package

        return write_support_package(target, self.db, qt_version=qt_version, settings_files=settings_files)

    def begin_full_check(self) -> bool:
        """Hold the writes for ``full_check``; False when there is nothing to check."""
        from gera_desktop.persistence.full_check import begin_full_check

        return begin_full_check(self.db)

    def full_check(self, cancelled: Cancelled | None = None) -> Outcome[list[str]]:
        """The full integrity check after ``begin_full_check``; damage makes the database read-only."""
        from gera_desktop.persistence.full_check import run_full_check

        problems = run_full_check(self.db, cancelled)
        return Outcome(problems, Changes(read_only=bool(problems)))

    # --- writing ----------------------------------------------------------------------------------------

    def create(self, record: MassnahmeData) -> Outcome[MassnahmeData]:
        """Store a new measure (``ValidationError``, ``DuplicateError``)."""
        created = self._open.measures.create(record)
        return Outcome(created, Changes.of(created=_ids(created)))

    def update(self, record: MassnahmeData) -> Outcome[MassnahmeData]:
        """Save the changes of a measure loaded at ``record.version`` (``ConflictError`` when stale)."""
        saved = self._open.measures.update(record)
        return Outcome(saved, Changes.of(changed=_ids(saved)))

    def save_settings(self, settings: ProgrammEinstellungen) -> Outcome[ProgrammEinstellungen]:
        """Store the programme settings (``ValidationError`` with German messages by field)."""
        self._open.settings.save(settings)
        return Outcome(settings, Changes(settings=True))

    def load_demo(self, source: Path) -> Outcome[int]:
        """The sample measures into an empty database (``DemoRefusedError`` otherwise)."""
        from gera_desktop.services.demo import load_demo

        count = load_demo(self.db, source, self.user)
        return Outcome(count, Changes.of(created=(r.id for r in self.list_records() if r.id is not None)))

    def import_file(
        self, path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> Outcome[ImportReport]:
        """Import the workbook ``path``: all of it or, with any error in the file, nothing."""
        from gera_desktop.services.importer import ImportService

        report = ImportService(self.db, self.user).run(path, progress=progress, cancelled=cancelled)
        if not report.written:
            return Outcome(report)
        created = self._open.reading.ids(report.new)
        changed = self._open.reading.ids(measure.nr for measure in report.changed)
        return Outcome(report, Changes.of(created=created, changed=changed))

    def restore_backup(self, path: Path) -> Outcome[BackupInfo]:
        """Replace the database by the backup ``path`` and open it again; returns the backup of the
        state before (``ReadOnlyError`` for a database that may not be written)."""
        from gera_desktop.persistence.opening import open_database

        safety = self._open.backups.restore(path)
        old = self.db
        self._attach(open_database(self.url))
        old.dispose()
        replaced = Changes(database_replaced=True, read_only=self.db.read_only, settings=True, trash=True)
        return Outcome(safety, replaced)


def _ids(record: MassnahmeData) -> tuple[int, ...]:
    return () if record.id is None else (record.id,)
