"""The measures use case: list, read, create, change, delete into the trash, restore, purge, history.

Each call opens one short session and hands out plain records (never ORM objects). Saving sends the
version the user loaded; a stale version raises ``ConflictError`` naming who changed the measure and
when. Every change writes its audit rows in the same transaction (a new measure: one row "angelegt").
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from gera_desktop import config
from gera_desktop.domain import council
from gera_desktop.domain.enums import Quelle
from gera_desktop.domain.errors import ConflictError, DuplicateError, NotFoundError
from gera_desktop.domain.models import Massnahme, nr_key
from gera_desktop.domain.oplog import logged_operation
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.persistence.database import Database
from gera_desktop.services import queries
from gera_desktop.services.audit import (
    AenderungData,
    Change,
    audit_rows,
    creation,
    diff_records,
    expanded,
    to_data,
)
from gera_desktop.services.mapping import apply_record, stamp_change, to_record
from gera_desktop.services.queries import MassnahmenFilter
from gera_desktop.services.settings import read_settings
from gera_desktop.services.validation import prepared

USER_LENGTH = 120
MASSNAHME_LABEL = "Maßnahme"
IN_TRASH = "in den Papierkorb verschoben"
RESTORED = "wiederhergestellt"
PURGED = "endgültig gelöscht"
CLUSTER_RACE = (
    "Das Cluster wurde soeben in einer anderen Sitzung angelegt. Es wurde nichts gespeichert; bitte "
    "noch einmal speichern."
)

__all__ = ["MassnahmenFilter", "MassnahmenService", "TrashEntry"]


@dataclass(frozen=True)
class TrashEntry:
    """A measure in the trash, with who deleted it and when."""

    massnahme: MassnahmeData
    geloescht_am: datetime
    geloescht_von: str | None
    erstellt_am: datetime | None = None

    @property
    def nr(self) -> str:
        """The measure's Nr."""
        return self.massnahme.nr

    @property
    def titel(self) -> str:
        """The measure's title."""
        return self.massnahme.titel


class MassnahmenService:
    """Everything the UI and the CLI do with measures, as ``user`` (default: the operating-system user)."""

    def __init__(self, db: Database, user: str | None = None) -> None:
        self._db = db
        self.user = (user or config.current_user())[:USER_LENGTH]

    # --- reading ------------------------------------------------------------------------------------

    def list(
        self, filter: MassnahmenFilter | None = None, *, with_children: bool = True
    ) -> builtins.list[MassnahmeData]:
        """The measures outside the trash that match the filter, in natural order of their Nr."""
        conditions = [Massnahme.geloescht_am.is_(None), *(filter.conditions() if filter else [])]
        with self._db.read_session() as session:
            records = queries.load_records(session, conditions, with_children)
        if filter is not None:
            records = [r for r in records if filter.matches_text(r)]
        return sorted(records, key=lambda r: queries.natural_key(r.nr))

    def count(self) -> int:
        """How many measures there are outside the trash."""
        query = select(func.count()).select_from(Massnahme).where(Massnahme.geloescht_am.is_(None))
        with self._db.read_session() as session:
            return session.scalar(query) or 0

    def get(self, nr: str) -> MassnahmeData:
        """One measure with its children (``NotFoundError`` when missing or in the trash)."""
        with self._db.read_session() as session:
            return to_record(_active(session, nr, children=True))

    def trash(self) -> builtins.list[TrashEntry]:
        """The measures in the trash, most recently deleted first."""
        query = (
            select(Massnahme)
            .where(Massnahme.geloescht_am.is_not(None))
            .options(*queries.CHILDREN)
            .order_by(Massnahme.geloescht_am.desc())
        )
        with self._db.read_session() as session:
            return [trash_entry(m) for m in session.scalars(query)]

    def history(self, nr: str) -> builtins.list[AenderungData]:
        """The audit log of a measure (also in the trash or purged), newest first, one line per field."""
        with self._db.read_session() as session:
            found = queries.by_nr(session, nr)
            current = found.nr if found is not None else " ".join(nr.split())
            rows = queries.history_rows(session, current)
            return [line for row in rows for line in expanded(to_data(row))]

    # --- writing ------------------------------------------------------------------------------------

    @logged_operation("Neue Maßnahme", counts={"Maßnahme": 1})
    def create(self, data: MassnahmeData) -> MassnahmeData:
        """Store a new measure (``ValidationError``, ``DuplicateError`` when its Nr. is taken)."""
        now = datetime.now()
        with self._writing(data.nr) as session:
            clean = _validated(session, data)
            _ensure_free(session, clean.nr)
            m = Massnahme(erstellt_am=now)
            apply_record(m, clean, session)
            stamp_change(m, self.user, now)
            session.add(m)
            session.flush()
            record = to_record(m)
            session.add_all(audit_rows([creation(record)], m.nr, self.user, Quelle.BEARBEITUNG, now))
        return record

    def update(self, data: MassnahmeData) -> MassnahmeData:
        """Save the changes of a measure loaded at ``data.version``; the version grows by one.

        A stale version raises ``ConflictError`` (nothing is written); the Nr. may change if the new
        one is free. Children are matched by their keys: updated, inserted or deleted.
        """
        if data.version is None:
            raise ValueError("update() braucht die Version, mit der die Maßnahme geladen wurde.")
        target = data.id if data.id is not None else data.nr
        now = datetime.now()
        with logged_operation("Speichern") as operation, self._writing(target) as session:
            m = _for_update(session, target)
            check_version(m, data.version)
            clean = _validated(session, data)
            if nr_key(clean.nr) != m.nr_key:
                _ensure_free(session, clean.nr)
            old = to_record(m)
            council.release_calls(old, clean)
            apply_record(m, clean, session)
            stamp_change(m, self.user, now)
            session.flush()
            record = to_record(m)
            changes = diff_records(old, record)
            session.add_all(audit_rows(changes, m.nr, self.user, Quelle.BEARBEITUNG, now))
            operation.counts["Feld geändert|Felder geändert"] = len(changes)
        return record

    @logged_operation("In den Papierkorb", counts={"Maßnahme": 1})
    def delete(self, nr: str, version: int | None) -> TrashEntry:
        """Move a measure into the trash (``version=None`` skips the conflict check); returns its entry
        there."""
        now = datetime.now()
        with self._writing(nr) as session:
            m = _active(session, nr, children=True, lock=True)
            if version is not None:
                check_version(m, version)
            m.geloescht_am, m.geloescht_von = now, self.user
            m.geaendert_am, m.geaendert_von = now, self.user
            change = Change(MASSNAHME_LABEL, m.titel, IN_TRASH)
            session.add_all(audit_rows([change], m.nr, self.user, Quelle.BEARBEITUNG, now))
            session.flush()
            return trash_entry(m)

    @logged_operation("Aus dem Papierkorb", counts={"Maßnahme": 1})
    def restore(self, nr: str, version: int | None = None) -> MassnahmeData:
        """Bring a measure back from the trash (``version``: the one it has there, checked when given)."""
        now = datetime.now()
        with self._writing(nr) as session:
            m = trashed_measure(session, nr)
            if version is not None:
                check_version(m, version)
            m.geloescht_am, m.geloescht_von = None, None
            m.geaendert_am, m.geaendert_von = now, self.user
            change = Change(MASSNAHME_LABEL, IN_TRASH, RESTORED)
            session.add_all(audit_rows([change], m.nr, self.user, Quelle.WIEDERHERSTELLUNG, now))
            session.flush()
            return to_record(m)

    @logged_operation("Endgültig löschen", counts={"Maßnahme": 1})
    def purge(self, nr: str) -> TrashEntry:
        """Delete a measure from the trash for good, with its milestones, budget years and events; returns
        it as it was there."""
        with self._writing(nr) as session:
            return self._purge_in(session, trashed_measure(session, nr, children=True), datetime.now())

    def _purge_in(self, session: Session, m: Massnahme, now: datetime) -> TrashEntry:
        """Delete ``m`` (in the trash, children loaded) in ``session``, audited; the entry it was."""
        entry = trash_entry(m)
        change = Change(MASSNAHME_LABEL, m.titel, PURGED)
        session.add_all(audit_rows([change], m.nr, self.user, Quelle.BEARBEITUNG, now))
        session.delete(m)
        return entry

    @contextmanager
    def _writing(self, target: int | str) -> Iterator[Session]:
        """A write session; a lost race on the version or on the Nr. becomes our German error."""
        try:
            with self._db.write_session() as session:
                yield session
        except StaleDataError as exc:
            raise self._stale(target) from exc
        except IntegrityError as exc:
            if "cluster" in str(exc.orig) and "name_key" in str(exc.orig):
                raise DuplicateError(CLUSTER_RACE) from exc
            if "nr_key" not in str(exc.orig):
                raise
            raise DuplicateError("Die Maßnahmen-Nr. wurde soeben anderweitig vergeben.") from exc

    def _stale(self, target: int | str) -> Exception:
        """The error to show when somebody else saved first (read after the rollback)."""
        with self._db.read_session() as session:
            m = _lookup(session, target)
            if m is None:
                return NotFoundError("Die Maßnahme wurde inzwischen endgültig gelöscht.")
            if m.geloescht_am is not None:
                return NotFoundError(_trash_message(m))
            return ConflictError(m.nr, m.geaendert_von, m.geaendert_am)


# --- helpers ------------------------------------------------------------------------------------------


def _validated(session: Session, data: MassnahmeData) -> MassnahmeData:
    return prepared(data, read_settings(session))


def _lookup(
    session: Session, target: int | str, *, children: bool = False, lock: bool = False
) -> Massnahme | None:
    if isinstance(target, int):
        return queries.by_id(session, target, children=children, lock=lock)
    return queries.by_nr(session, target, children=children, lock=lock)


def _for_update(session: Session, target: int | str) -> Massnahme:
    m = _lookup(session, target, children=True, lock=True)
    if m is None:
        if isinstance(target, int):
            raise NotFoundError("Die Maßnahme wurde inzwischen endgültig gelöscht.")
        raise _missing(target)
    if m.geloescht_am is not None:
        raise NotFoundError(_trash_message(m))
    return m


def _active(session: Session, nr: str, *, children: bool = False, lock: bool = False) -> Massnahme:
    m = queries.by_nr(session, nr, children=children, lock=lock)
    if m is None:
        raise _missing(nr)
    if m.geloescht_am is not None:
        raise NotFoundError(_trash_message(m))
    return m


def trashed_measure(session: Session, nr: str, *, children: bool = False) -> Massnahme:
    """The measure ``nr`` in the trash, locked (``NotFoundError`` when missing or not in the trash)."""
    m = queries.by_nr(session, nr, children=children, lock=True)
    if m is None:
        raise _missing(nr)
    if m.geloescht_am is None:
        raise NotFoundError(f"Die Maßnahme „{m.nr}“ liegt nicht im Papierkorb.")
    return m


def _missing(nr: str) -> NotFoundError:
    return NotFoundError(f"Eine Maßnahme mit der Nr. „{nr.strip()}“ gibt es nicht.")


def _trash_message(m: Massnahme) -> str:
    who = m.geloescht_von or "unbekannt"
    when = m.geloescht_am.strftime("%d.%m.%Y um %H:%M Uhr") if m.geloescht_am else "zwischenzeitlich"
    return (
        f"Die Maßnahme „{m.nr}“ liegt im Papierkorb (gelöscht von {who} am {when}). "
        "Sie kann dort wiederhergestellt werden."
    )


def check_version(m: Massnahme, version: int) -> None:
    """``ConflictError`` unless ``m`` is still at ``version``."""
    if m.version != version:
        raise ConflictError(m.nr, m.geaendert_von, m.geaendert_am)


def _ensure_free(session: Session, nr: str) -> None:
    taken = queries.by_nr(session, nr)
    if taken is None:
        return
    if taken.geloescht_am is not None:
        raise DuplicateError(
            f"Die Maßnahmen-Nr. „{nr}“ gehört zu der Maßnahme „{taken.titel}“ im Papierkorb. "
            "Stellen Sie diese wieder her oder löschen Sie sie dort endgültig, um die Nr. neu zu vergeben."
        )
    raise DuplicateError(f"Die Maßnahmen-Nr. „{nr}“ ist schon vergeben (Maßnahme „{taken.titel}“).")


def trash_entry(m: Massnahme) -> TrashEntry:
    """The entry of a measure in the trash, with its children."""
    assert m.geloescht_am is not None
    return TrashEntry(to_record(m), m.geloescht_am, m.geloescht_von, m.erstellt_am)
