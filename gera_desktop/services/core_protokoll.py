"""The Änderungsprotokoll use cases of the application core: read the newest changes of every measure
(and of the programme settings and Stände) by a filter, what the filters offer, and write them all into
a workbook.

``Anwendung`` (``services.core``) takes them in as a mixin; none of them writes to the database. Like the
rest of the core, the services are imported when first used, not with this module.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from gera_desktop.domain.errors import FieldProblem, ValidationError
from gera_desktop.domain.progress import Cancelled, Checkpoints, Progress

if TYPE_CHECKING:
    from gera_desktop.persistence.database import Database
    from gera_desktop.services.audit_query import ProtokollChoices, ProtokollFilter, ProtokollPage

DEFAULT_LIMIT = 2_000


class _Core(Protocol):
    """What the use cases need of the core they are part of."""

    @property
    def db(self) -> Database: ...


def _checked(f: ProtokollFilter) -> ProtokollFilter:
    """The filter, or ``ValidationError`` naming why it cannot match anything."""
    problems = f.problems()
    if problems:
        raise ValidationError([FieldProblem("zeitraum", text) for text in problems])
    return f


class ProtokollUseCases:
    """The Änderungsprotokoll of the open database (a mixin of ``Anwendung``)."""

    def protokoll(self: _Core, f: ProtokollFilter, limit: int = DEFAULT_LIMIT) -> ProtokollPage:
        """The newest ``limit`` lines of the entries ``f`` takes, newest first, and how many there are."""
        from gera_desktop.services.audit_query import read_page

        with self.db.read_session() as session:
            return read_page(session, _checked(f), limit)

    def protokoll_choices(self: _Core) -> ProtokollChoices:
        """The Nr., users and fields the log holds, and the sources, to filter by."""
        from gera_desktop.services.audit_query import choices

        with self.db.read_session() as session:
            return choices(session)

    def write_protokoll(
        self: _Core,
        target: Path,
        f: ProtokollFilter,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Path:
        """Every line ``f`` takes into the workbook ``target`` (atomically; cancelled, nothing changes)."""
        from gera_desktop.excel.protokoll import write_protokoll
        from gera_desktop.services.audit_query import count_entries, stream_lines

        checkpoints = Checkpoints(
            progress, cancelled, message="Abgebrochen. Es wurde keine Datei geschrieben."
        )
        with self.db.read_session() as session:
            checkpoints.plan(count_entries(session, _checked(f)) + 1)
            lines = stream_lines(session, f, checkpoints.advance)
            write_protokoll(target, lines, f.describe(), datetime.now(), checkpoints)
        return target
