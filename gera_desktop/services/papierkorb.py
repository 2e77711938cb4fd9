"""The Papierkorb's writes on several measures at once: delete chosen ones for good, empty it, and bring
purged measures back into it (undoing a purge).

A purge hands back what it deleted: every ``TrashEntry`` with the full record and its children, when and
by whom it went into the trash and when it was created. The undo command keeps these entries (nothing of
a purged measure stays in the database but its audit rows); ``bring_back`` writes them again unchanged,
into the Papierkorb, under their old id where it is still free (their version counts anew: the undo
commands compare what a measure holds, not its version). Each call is one transaction: all of it or
nothing. The audit trail gets one row per measure: "endgültig gelöscht", and
for one brought back "wieder im Papierkorb (endgültiges Löschen rückgängig gemacht)".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gera_desktop.domain.enums import Quelle
from gera_desktop.domain.errors import DuplicateError
from gera_desktop.domain.models import Massnahme
from gera_desktop.domain.oplog import logged_operation
from gera_desktop.services import queries
from gera_desktop.services.audit import Change, audit_rows
from gera_desktop.services.mapping import apply_record
from gera_desktop.services.massnahmen import (
    MASSNAHME_LABEL,
    PURGED,
    MassnahmenService,
    TrashEntry,
    check_version,
    trash_entry,
    trashed_measure,
)

BROUGHT_BACK = "wieder im Papierkorb (endgültiges Löschen rückgängig gemacht)"


def _counted(entries: Sequence[TrashEntry]) -> dict[str, int]:
    return {"Maßnahme|Maßnahmen": len(entries)}


class PapierkorbService(MassnahmenService):
    """Purging and bringing back several measures of the Papierkorb in one transaction, as ``user``."""

    @logged_operation("Endgültig löschen", result=_counted)
    def purge_entries(self, entries: Sequence[TrashEntry]) -> list[TrashEntry]:
        """Delete these measures from the trash for good; each must still be there at the version of its
        entry (``NotFoundError``, ``ConflictError``). Returns them as they were."""
        now = datetime.now()
        with self._writing(entries[0].nr if entries else "") as session:
            found = [self._found(session, entry) for entry in entries]
            return [self._purge_in(session, m, now) for m in found]

    @logged_operation("Papierkorb leeren", result=_counted)
    def empty(self) -> list[TrashEntry]:
        """Delete every measure in the trash for good; returns them as they were."""
        now = datetime.now()
        query = select(Massnahme).where(Massnahme.geloescht_am.is_not(None)).options(*queries.CHILDREN)
        with self._writing("") as session:
            found = list(session.scalars(query.with_for_update()))
            return [self._purge_in(session, m, now) for m in found]

    @logged_operation("Endgültiges Löschen zurücknehmen", result=_counted)
    def bring_back(self, entries: Sequence[TrashEntry]) -> list[TrashEntry]:
        """Write purged measures back into the trash as they were (``DuplicateError`` when a Nr. has been
        given to another measure since); returns their entries now."""
        now = datetime.now()
        with self._writing(entries[0].nr if entries else "") as session:
            written = [self._bring_back(session, entry, now) for entry in entries]
            session.flush()
            return [trash_entry(m) for m in written]

    def _found(self, session: Session, entry: TrashEntry) -> Massnahme:
        m = trashed_measure(session, entry.nr, children=True)
        if entry.massnahme.version is not None:
            check_version(m, entry.massnahme.version)
        return m

    def _bring_back(self, session: Session, entry: TrashEntry, now: datetime) -> Massnahme:
        record = entry.massnahme
        taken = queries.by_nr(session, record.nr)
        if taken is not None:
            raise DuplicateError(
                f"Die Maßnahmen-Nr. „{record.nr}“ ist inzwischen an die Maßnahme „{taken.titel}“ vergeben."
            )
        m = Massnahme(erstellt_am=entry.erstellt_am or now)
        if record.id is not None and session.get(Massnahme, record.id) is None:
            m.id = record.id
        apply_record(m, record, session)
        m.geloescht_am, m.geloescht_von = entry.geloescht_am, entry.geloescht_von
        m.geaendert_am, m.geaendert_von = now, self.user
        session.add(m)
        change = Change(MASSNAHME_LABEL, PURGED, BROUGHT_BACK)
        session.add_all(audit_rows([change], record.nr, self.user, Quelle.WIEDERHERSTELLUNG, now))
        return m


__all__ = ["BROUGHT_BACK", "PapierkorbService"]
