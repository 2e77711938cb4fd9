"""Importing a Maßnahmenliste (spec section 6): check everything first, then write all or nothing.

``ImportService.run`` reads the file with the workbook reader, merges it into the stored measures
(``import_merge``), checks the merged measures (``import_checks``) and reports new, changed (old → new
per field) and unchanged measures, skipped total rows, ignored sheets, kept extra columns, warnings and
errors. A dry run, or a file with any error, writes nothing. Otherwise a backup is taken (SQLite) and
everything is written in one transaction (``import_write``), with an audit row per changed field (one
row "angelegt" per new measure) that names the file. A file that changes nothing writes nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from gera_desktop import config
from gera_desktop.domain.council import cluster_key
from gera_desktop.domain.errors import DatabaseError, DuplicateError, ReadOnlyError, WriteFailedError
from gera_desktop.domain.models import Massnahme, nr_key
from gera_desktop.domain.oplog import logged_operation
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.excel.columns import SHEETS
from gera_desktop.excel.parsed import ParsedWorkbook
from gera_desktop.persistence.database import READ_ONLY_MESSAGE, Database
from gera_desktop.persistence.storage_errors import storage_reason
from gera_desktop.services import collector, queries
from gera_desktop.services.audit import import_quelle
from gera_desktop.services.backup import BackupService
from gera_desktop.services.cluster_names import known_names
from gera_desktop.services.import_age import stale_file_warning
from gera_desktop.services.import_calls import calls_problems
from gera_desktop.services.import_checks import ProblemPlacer, trash_problems
from gera_desktop.services.import_errors import ImportBackupError, ImportCancelled, ImportWriteError
from gera_desktop.services.import_merge import PlannedMeasure, file_keys, plan_import
from gera_desktop.services.import_report import ChangedMeasure, ImportReport
from gera_desktop.services.import_write import KEY_CHUNK, ImportWriter, chunks
from gera_desktop.services.settings import read_settings

__all__ = ["ImportCancelled", "ImportReport", "ImportService"]

USER_LENGTH = 120
PROGRESS_TOTAL = 1000
READ_DONE = 550
LOAD_DONE = 620
CHECK_DONE = 750
Progress = Callable[[int, int], None]


class _Stored:
    """What the database holds before the import: the Nr. keys of active and deleted measures."""

    def __init__(
        self,
        rows: list[tuple[str, str, datetime | None]],
        settings: ProgrammEinstellungen,
        clusters: dict[str, str],
    ) -> None:
        self.nrs = [nr for nr, _, _ in rows]
        self.active = {key for _, key, deleted in rows if deleted is None}
        self.trash = {key for _, key, deleted in rows if deleted is not None}
        self.settings = settings
        self.clusters = clusters


class ImportService:
    """Imports workbooks into one database as ``user`` (default: the operating-system user)."""

    def __init__(self, db: Database, user: str | None = None) -> None:
        self._db = db
        self.user = (user or config.current_user())[:USER_LENGTH]

    def run(
        self,
        path: Path,
        *,
        dry_run: bool = False,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """Check the file and, unless ``dry_run`` or it has errors, write it; the report says what happened.

        ``progress(done, total)`` is called between phases and batches; when ``cancelled()`` turns true
        the import stops with ``ImportCancelled`` and nothing is written. A file that cannot be read at
        all raises a ``WorkbookFileError``; a database opened read-only ``ReadOnlyError`` (a dry run
        still works); another session changing one of the file's measures while it is checked
        ``ImportConflictError``; a failing disk ``ImportWriteError``.
        """
        name = "Probelauf Import" if dry_run else "Import"
        with logged_operation(name, datei=path) as operation:
            if self._db.read_only and not dry_run:
                raise ReadOnlyError(self._db.read_only_reason or READ_ONLY_MESSAGE)
            _load_reader()
            with collector.paused():
                report = self._run(Path(path), dry_run, _Steps(progress, cancelled))
            operation.counts.update(_log_counts(report))
            return report

    def _run(self, path: Path, dry_run: bool, steps: _Steps) -> ImportReport:
        from gera_desktop.excel.reader import read_workbook  # openpyxl loads with the first import

        now = datetime.now()
        stored = self._stored()
        steps.at(20)
        book = read_workbook(path, stored.nrs, stored.settings.foerderquote)
        steps.at(READ_DONE)
        loaded = self._load(book, stored)
        steps.at(LOAD_DONE)
        rate = stored.settings.foerderquote
        planned = plan_import(book, loaded, stored.trash, now.date(), rate, stored.clusters)
        report = _report(book, planned, stored)
        report.dry_run = dry_run
        _check(book, planned, stored, report)
        steps.at(CHECK_DONE)
        if report.ok and not dry_run and report.has_changes:
            self._write(path, planned, report, steps, now)
        steps.finish()
        collector.let_go(planned, loaded, *(book.rows(spec.key) for spec in SHEETS))
        return report

    # --- reading ------------------------------------------------------------------------------------

    def _stored(self) -> _Stored:
        query = select(Massnahme.nr, Massnahme.nr_key, Massnahme.geloescht_am)
        with self._db.read_session() as session:
            rows = [(nr, key, deleted) for nr, key, deleted in session.execute(query)]
            return _Stored(rows, read_settings(session), known_names(session))

    def _load(self, book: ParsedWorkbook, stored: _Stored) -> dict[str, MassnahmeData]:
        """The stored measures the file names, with their children (in a few bulk queries)."""
        wanted = sorted(file_keys(book) & stored.active)
        if not wanted:
            return {}
        with self._db.read_session() as session:
            if len(wanted) * 2 >= len(stored.active):
                records = queries.load_records(session, [Massnahme.geloescht_am.is_(None)])
            else:
                records = []
                for part in chunks(wanted, KEY_CHUNK):
                    records += queries.load_records(
                        session, [Massnahme.geloescht_am.is_(None), Massnahme.nr_key.in_(part)]
                    )
        by_key = {nr_key(r.nr): r for r in records}
        return {key: by_key[key] for key in wanted if key in by_key}

    # --- writing ------------------------------------------------------------------------------------

    def _write(
        self, path: Path, planned: list[PlannedMeasure], report: ImportReport, steps: _Steps, now: datetime
    ) -> None:
        new = [m for m in planned if m.is_new]
        changed = [m for m in planned if m.is_changed]
        report.backup_path = self._backup(path.name)
        steps.check()
        steps.batch(CHECK_DONE, ImportWriter.batches(len(new), len(changed)))
        with _write_errors(), self._db.write_session() as session:
            writer = ImportWriter(session, self.user, import_quelle(path.name), now, steps.tick)
            writer.write(new, changed)
            steps.check()
        report.written = True

    def _backup(self, file_name: str) -> Path | None:
        """A backup of the SQLite file before anything is written (``None`` on PostgreSQL).

        A backup that fails (a full disk) stops the import with ``ImportBackupError``."""
        service = BackupService(self._db)
        if not service.available:
            return None
        try:
            return service.auto_backup(f"vor Import {file_name}").path
        except DatabaseError as error:
            raise ImportBackupError(error.message) from error


def _load_reader() -> None:
    """Import the workbook reader (openpyxl with it) before the collector pauses: resuming, it would
    have to look at every object of those modules at once (the first import of a run)."""
    import gera_desktop.excel.reader  # noqa: F401


def _report(book: ParsedWorkbook, planned: list[PlannedMeasure], stored: _Stored) -> ImportReport:
    touched = sum(1 for m in planned if not m.is_new)
    return ImportReport(
        file_name=book.path.name,
        new=[m.new.nr for m in planned if m.is_new],
        changed=[ChangedMeasure(m.new.nr, m.changes) for m in planned if m.is_changed],
        unchanged=[m.new.nr for m in planned if not m.is_new and not m.is_changed],
        not_in_file=len(stored.active) - touched,
        total_rows=list(book.total_rows),
        ignored_sheets=list(book.ignored_sheets),
        extra_columns=list(book.extra_headers.get("massnahmen", [])),
        new_clusters=_new_clusters(planned, stored.clusters),
    )


def _new_clusters(planned: list[PlannedMeasure], known: dict[str, str]) -> list[str]:
    """The Clusters the file names that the database does not know yet (each once, as first written)."""
    found: dict[str, str] = {}
    for measure in planned:
        name = measure.new.cluster
        if name and name.strip() and cluster_key(name) not in known:
            found.setdefault(cluster_key(name), name.strip())
    return list(found.values())


def _log_counts(report: ImportReport) -> dict[str, int]:
    """What the log says of an import: how many measures it brought and found, and its problems (with
    any error nothing was written)."""
    counts = {"neu": len(report.new), "geändert": len(report.changed), "unverändert": report.unchanged_count}
    return counts | {"Fehler": len(report.errors), "Warnung|Warnungen": len(report.warnings)}


def _check(
    book: ParsedWorkbook, planned: list[PlannedMeasure], stored: _Stored, report: ImportReport
) -> None:
    """Errors and warnings: the reader's, the trash, the rules of the merged measures, the file's age."""
    errors, warnings = ProblemPlacer(book).check(planned, stored.settings)
    report.errors = [
        *book.errors,
        *trash_problems(book, stored.trash),
        *errors,
        *calls_problems(book, planned),
    ]
    stale = stale_file_warning(book, planned)
    report.warnings = [*([stale] if stale else []), *book.warnings, *warnings]


class _Steps:
    """Progress on a scale of ``PROGRESS_TOTAL``, and the cancellation check between steps."""

    def __init__(self, progress: Progress | None, cancelled: Callable[[], bool] | None) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self._done = 0
        self._start, self._size, self._count = 0, 1, 0

    def check(self) -> None:
        """Raise ``ImportCancelled`` when the user asked to stop."""
        if self._cancelled is not None and self._cancelled():
            raise ImportCancelled()

    def at(self, done: int) -> None:
        """Check for cancellation, then report ``done``."""
        self.check()
        self._report(done)

    def finish(self) -> None:
        """Report the end (no cancellation any more: what is written stays written)."""
        self._report(PROGRESS_TOTAL)

    def batch(self, start: int, count: int) -> None:
        """The next ``count`` ticks lead from ``start`` towards the end."""
        self._start, self._size, self._count = start, max(count, 1), 0

    def tick(self) -> None:
        """One more batch written."""
        self.check()
        self._count += 1
        share = min(self._count / self._size, 1.0)
        self._report(self._start + int((PROGRESS_TOTAL - 1 - self._start) * share))

    def _report(self, done: int) -> None:
        if self._progress is not None and done >= self._done:
            self._done = done
            self._progress(done, PROGRESS_TOTAL)


@contextmanager
def _write_errors() -> Iterator[None]:
    """A full disk or an I/O error becomes ``ImportWriteError`` (``write_session`` has named the database's
    own); a lost race on a Nr. ``DuplicateError``."""
    try:
        yield
    except OSError as error:
        raise ImportWriteError(storage_reason(error)) from error
    except WriteFailedError as error:
        raise ImportWriteError(error.reason) from error
    except IntegrityError as error:
        if "cluster" in str(error.orig) and "name_key" in str(error.orig):
            raise DuplicateError(
                "Ein Cluster der Datei wurde soeben in einer anderen Sitzung angelegt. Es wurde nichts "
                "gespeichert; bitte die Datei erneut einlesen."
            ) from error
        if "nr_key" not in str(error.orig):
            raise
        raise DuplicateError(
            "Eine Maßnahmen-Nr. der Datei wurde soeben anderweitig vergeben. Es wurde nichts gespeichert."
        ) from error
