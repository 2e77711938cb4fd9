"""The Stände use cases of the application core (spec section 9): list, freeze and delete Stände, open one
for viewing, compare two Stände or a Stand with today, and write the comparison workbook.

``Anwendung`` (``services.core``) takes them in as a mixin; freezing and deleting return an ``Outcome``
whose ``Changes`` say that the Stände changed. Like the rest of the core, the services are imported when
first used, not with this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from gera_desktop.domain.errors import DuplicateError, ValidationError
from gera_desktop.domain.progress import Cancelled, Progress
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.services.changes import Changes, Outcome

if TYPE_CHECKING:
    from gera_desktop.domain.stand import Snapshot, StandInfo
    from gera_desktop.domain.vergleich import Comparison
    from gera_desktop.persistence.database import Database
    from gera_desktop.services.export import ExportRequest
    from gera_desktop.services.staende import StaendeService

STAENDE = Changes(staende=True)


class _Core(Protocol):
    """What the use cases need of the core they are part of."""

    user: str | None

    @property
    def db(self) -> Database: ...

    def export(
        self,
        target: Path,
        records: Sequence[MassnahmeData],
        request: ExportRequest,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Path: ...


def _service(core: _Core) -> StaendeService:
    from gera_desktop.services.staende import StaendeService

    return StaendeService(core.db, core.user)


class StaendeUseCases:
    """The Stände of the open database (a mixin of ``Anwendung``)."""

    def staende(self: _Core) -> list[StandInfo]:
        """Every Stand, the newest first."""
        return _service(self).list()

    def stand(self: _Core, name: str) -> Snapshot:
        """The Stand ``name`` with its measures and the programme settings then in force, to be shown
        read-only (``NotFoundError`` naming the Stände there are)."""
        return _service(self).load(name)

    def freeze_stand(self: _Core, name: str, bemerkung: str | None = None) -> Outcome[StandInfo]:
        """Freeze every measure outside the trash as the Stand ``name`` (``ValidationError`` for a bad name
        or remark, ``DuplicateError`` when the name is taken)."""
        return Outcome(_service(self).freeze(name, bemerkung), STAENDE)

    def delete_stand(self: _Core, name: str) -> Outcome[StandInfo]:
        """Delete the Stand ``name`` (``NotFoundError`` when there is none)."""
        return Outcome(_service(self).delete(name), STAENDE)

    def compare(self: _Core, von: str, bis: str | None = None) -> Comparison:
        """The Stand ``von`` against the Stand ``bis`` or, without it, against today."""
        from gera_desktop.services.vergleich import compare

        service = _service(self)
        return compare(service.load(von), service.snapshot(bis))

    def write_comparison(
        self: _Core,
        target: Path,
        request: ExportRequest,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Comparison:
        """Write the comparison ``request`` asks for (layout ``vergleich``) into ``target``."""
        from gera_desktop.services.export import ExportService

        return ExportService(self.db).write_comparison(
            target, request, progress=progress, cancelled=cancelled
        )

    def export_and_freeze(
        self: _Core,
        target: Path,
        records: Sequence[MassnahmeData],
        request: ExportRequest,
        stand: str,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Outcome[Path]:
        """Export as ``export`` does and freeze every measure as the Stand ``stand`` with it: the name is
        checked first, so that a name that cannot be taken writes no file."""
        service = _service(self)
        check_new_name(service, stand)
        path = self.export(target, records, request, progress, cancelled)
        service.freeze(stand, f"Eingefroren beim Export: {request.label}, Datei „{path.name}“.")
        return Outcome(path, STAENDE)


def check_new_name(service: StaendeService, name: str) -> None:
    """``ValidationError`` for a name that is no valid Stand name, ``DuplicateError`` for one taken."""
    from gera_desktop.domain.stand import clean_name, name_key, name_problems  # not before the first paint

    problems = name_problems(name)
    if problems:
        raise ValidationError(problems)
    taken = [info for info in service.list() if name_key(info.name) == name_key(name)]
    if taken:
        raise DuplicateError(
            f"Es gibt schon einen Stand „{taken[0].name}“ (angelegt am {taken[0].angelegt_am:%d.%m.%Y}). "
            f"Bitte wählen Sie für „{clean_name(name)}“ einen anderen Namen."
        )
