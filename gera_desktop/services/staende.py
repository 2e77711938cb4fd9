"""The Stände use case (spec section 9): freeze every measure under a unique name, list, open and delete
Stände, and the current measures as the "heute" side of a comparison.

A Stand is a self-contained copy (``persistence.frozen``): deleting, purging or restoring measures, and
migrations of the measure tables, never change it. Taking and deleting a Stand are audited like changes
of measures – one row in the audit table, in the same transaction, with an empty Maßnahmen-Nr. (the
action concerns no single measure) – and written to the program log.
"""

from __future__ import annotations

import builtins
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gera_desktop import config
from gera_desktop.domain.enums import Quelle
from gera_desktop.domain.errors import DatabaseError, DuplicateError, NotFoundError, ValidationError
from gera_desktop.domain.formatting import format_count, short_list
from gera_desktop.domain.models import Massnahme, Stand, StandTeil
from gera_desktop.domain.rules import effective_amounts
from gera_desktop.domain.stand import (
    TODAY,
    FrozenMeasure,
    Snapshot,
    StandInfo,
    bemerkung_problems,
    clean_name,
    name_key,
    name_problems,
)
from gera_desktop.persistence import frozen
from gera_desktop.persistence.database import Database
from gera_desktop.services.audit import NO_MEASURE, Change, audit_rows
from gera_desktop.services.mapping import CHILD_KINDS
from gera_desktop.services.queries import load_records, natural_key
from gera_desktop.services.settings import read_settings
from gera_desktop.services.stand_copy import frozen_parts

log = logging.getLogger(__name__)
USER_LENGTH = 120


class StaendeService:
    """Stände of one database, as ``user`` (default: the operating-system user)."""

    def __init__(self, db: Database, user: str | None = None) -> None:
        self._db = db
        self.user = (user or config.current_user())[:USER_LENGTH]

    def list(self) -> builtins.list[StandInfo]:
        """Every Stand, the newest first."""
        query = select(Stand).order_by(Stand.angelegt_am.desc(), Stand.id.desc())
        with self._db.read_session() as session:
            return [_info(stand) for stand in session.scalars(query)]

    def freeze(self, name: str, bemerkung: str | None = None) -> StandInfo:
        """Freeze every measure outside the trash as the Stand ``name`` (``ValidationError`` for a bad name
        or remark, ``DuplicateError`` when the name is taken)."""
        problems = name_problems(name) + bemerkung_problems(bemerkung)
        if problems:
            raise ValidationError(problems)
        name, note, now = clean_name(name), (bemerkung or "").strip() or None, datetime.now()
        with self._writing() as session:
            _ensure_free(session, name)
            settings = read_settings(session)
            count, parts = frozen_parts(session, settings.foerderquote)
            stand = Stand(
                name=name,
                name_key=name_key(name),
                angelegt_am=now,
                angelegt_von=self.user,
                bemerkung=note,
                einstellungen=frozen.encode_settings(settings),
                anzahl=count,
                format=frozen.FORMAT,
            )
            session.add(stand)
            session.flush()
            if parts:
                rows = [
                    {"stand_id": stand.id, "teil": index, "daten": data} for index, data in enumerate(parts)
                ]
                session.execute(insert(StandTeil), rows)
            self._audit(session, name, None, f"angelegt ({_measures(count)})", now)
            info = _info(stand)
        log.info("Stand „%s“ angelegt von %s: %s", name, self.user, _measures(count))
        return info

    def delete(self, name: str) -> StandInfo:
        """Delete the Stand ``name`` with everything it holds (``NotFoundError`` when there is none)."""
        now = datetime.now()
        with self._writing() as session:
            stand = _stand(session, name)
            info = _info(stand)
            session.execute(delete(StandTeil).where(StandTeil.stand_id == stand.id))
            session.delete(stand)
            self._audit(session, info.name, _described(info), "gelöscht", now)
        log.info("Stand „%s“ gelöscht von %s (%s)", info.name, self.user, _described(info))
        return info

    def load(self, name: str) -> Snapshot:
        """The Stand ``name`` as it was frozen: its measures with their children and effective amounts,
        in the natural order of their Nr., and the programme settings then in force."""
        with self._db.read_session() as session:
            stand = _stand(session, name)
            query = select(StandTeil.daten).where(StandTeil.stand_id == stand.id).order_by(StandTeil.teil)
            parts = list(session.scalars(query))
            info = _info(stand)
            stored_settings, version = stand.einstellungen, stand.format
        if version not in frozen.READABLE:
            raise DatabaseError(
                f"Der Stand „{info.name}“ wurde von einer neueren Version von gera-desktop angelegt "
                f"(Format {version}) und kann mit dieser Version nicht geöffnet werden."
            )
        measures = _decoded(info.name, parts, version)
        return Snapshot(info.name, info.angelegt_am, frozen.decode_settings(stored_settings), measures, info)

    def today(self) -> Snapshot:
        """The measures outside the trash as they are now, with their effective amounts under the
        current programme settings."""
        with self._db.read_session() as session:
            settings = read_settings(session)
            records = load_records(session, [Massnahme.geloescht_am.is_(None)])
        records.sort(key=lambda r: natural_key(r.nr))
        rate = settings.foerderquote
        measures = tuple(FrozenMeasure(r, effective_amounts(r, rate)) for r in records)
        return Snapshot(TODAY, datetime.now(), settings, measures)

    def snapshot(self, name: str | None) -> Snapshot:
        """The Stand ``name``, or today without a name."""
        return self.load(name) if name and name.strip() else self.today()

    def _audit(self, session: Session, name: str, alt: str | None, neu: str | None, now: datetime) -> None:
        change = Change(f"Stand „{name}“", alt, neu)
        session.add_all(audit_rows([change], NO_MEASURE, self.user, Quelle.BEARBEITUNG, now))

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A write session that reads one consistent state; a name taken meanwhile becomes our error."""
        try:
            with self._db.write_session() as session:
                if not self._db.is_sqlite:  # SQLite's write lock already holds every other writer off
                    session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
                yield session
        except IntegrityError as exc:
            if "name_key" not in str(exc.orig):
                raise
            raise DuplicateError("Der Name des Stands wurde soeben anderweitig vergeben.") from exc


def _info(stand: Stand) -> StandInfo:
    return StandInfo(stand.name, stand.angelegt_am, stand.angelegt_von, stand.bemerkung, stand.anzahl)


def _measures(count: int) -> str:
    return f"{format_count(count)} {'Maßnahme' if count == 1 else 'Maßnahmen'}"


def _described(info: StandInfo) -> str:
    """``angelegt am 14.12.2021 um 09:30 Uhr von bmeier, 25 Maßnahmen``."""
    when = f"{info.angelegt_am:%d.%m.%Y um %H:%M} Uhr"
    return f"angelegt am {when} von {info.angelegt_von}, {_measures(info.anzahl)}"


def _stand(session: Session, name: str) -> Stand:
    stand = session.scalars(select(Stand).where(Stand.name_key == name_key(name))).one_or_none()
    if stand is None:
        raise NotFoundError(
            unknown_message(name, list(session.scalars(select(Stand.name).order_by(Stand.name))))
        )
    return stand


def unknown_message(name: str, existing: builtins.list[str]) -> str:
    """``Es gibt keinen Stand „X“. Vorhandene Stände: A, B.``"""
    known = (
        f"Vorhandene Stände: {short_list(existing, 10)}."
        if existing
        else "Es wurde noch kein Stand angelegt."
    )
    return f"Es gibt keinen Stand „{clean_name(name)}“. {known}"


def _ensure_free(session: Session, name: str) -> None:
    taken = session.scalars(select(Stand).where(Stand.name_key == name_key(name))).one_or_none()
    if taken is not None:
        raise DuplicateError(
            f"Es gibt schon einen Stand „{taken.name}“ ({_described(_info(taken))}). "
            "Bitte wählen Sie einen anderen Namen."
        )


def _decoded(name: str, parts: builtins.list[bytes], version: int) -> tuple[FrozenMeasure, ...]:
    """The measures of every part, in the natural order of their Nr.; a damaged part is our error."""
    try:
        measures = [_ordered(measure) for data in parts for measure in frozen.decode_part(data, version)]
    except (zlib.error, ValueError, KeyError, TypeError) as exc:
        raise DatabaseError(
            f"Der Stand „{name}“ ist beschädigt und kann nicht gelesen werden. Bitte spielen Sie eine "
            "Sicherung ein oder legen Sie den Stand neu an."
        ) from exc
    return tuple(sorted(measures, key=lambda m: natural_key(m.record.nr)))


def _ordered(measure: FrozenMeasure) -> FrozenMeasure:
    """The child rows in their natural order, as the live measures have them."""
    for kind in CHILD_KINDS:
        getattr(measure.record, kind.attr).sort(key=kind.order)
    return measure
