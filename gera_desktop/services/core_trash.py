"""The Papierkorb's use cases of the application core: list it, move a measure into it, restore one,
delete chosen ones for good, empty it, and bring purged measures back into it (the undo of a purge).

``Anwendung`` (``services.core``) takes them in as a mixin. Every write returns an ``Outcome`` with what
the undo command needs to go back: the entry in the trash (its version there), the restored record, or
the purged entries with their children (``services.papierkorb``). Versions are checked where given, so
that an undo never overwrites what somebody else did meanwhile.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from gera_desktop.domain.records import MassnahmeData
from gera_desktop.services.changes import Changes, Outcome

if TYPE_CHECKING:
    from gera_desktop.persistence.database import Database
    from gera_desktop.services.massnahmen import TrashEntry
    from gera_desktop.services.papierkorb import PapierkorbService

TRASH = Changes(trash=True)


class _Core(Protocol):
    """What the use cases need of the core they are part of."""

    user: str | None

    @property
    def db(self) -> Database: ...


def _service(core: _Core) -> PapierkorbService:
    from gera_desktop.services.papierkorb import PapierkorbService

    return PapierkorbService(core.db, core.user)


def _ids(record: MassnahmeData) -> tuple[int, ...]:
    return () if record.id is None else (record.id,)


class TrashUseCases:
    """The Papierkorb of the open database (a mixin of ``Anwendung``)."""

    def trash(self: _Core) -> list[TrashEntry]:
        """The measures in the Papierkorb, most recently deleted first."""
        return _service(self).trash()

    def delete(self: _Core, nr: str, version: int | None) -> Outcome[TrashEntry]:
        """Move a measure into the Papierkorb (``version=None`` skips the conflict check); its entry there."""
        entry = _service(self).delete(nr, version)
        return Outcome(entry, Changes.of(deleted=_ids(entry.massnahme), trash=True))

    def restore(self: _Core, nr: str, version: int | None = None) -> Outcome[MassnahmeData]:
        """Bring a measure back from the Papierkorb (``version``: the one it has there, checked if given)."""
        restored = _service(self).restore(nr, version)
        return Outcome(restored, Changes.of(created=_ids(restored), trash=True))

    def purge(self: _Core, entries: Sequence[TrashEntry]) -> Outcome[list[TrashEntry]]:
        """Delete these measures from the Papierkorb for good (each still at its entry's version)."""
        return Outcome(_service(self).purge_entries(entries), TRASH)

    def empty_trash(self: _Core) -> Outcome[list[TrashEntry]]:
        """Delete every measure in the Papierkorb for good; returns them with their children."""
        return Outcome(_service(self).empty(), TRASH)

    def bring_back(self: _Core, entries: Sequence[TrashEntry]) -> Outcome[list[TrashEntry]]:
        """Write purged measures back into the Papierkorb as they were (``DuplicateError`` when a Nr. is
        taken by now); returns their entries now."""
        return Outcome(_service(self).bring_back(entries), TRASH)
