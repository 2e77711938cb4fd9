"""Loading and saving the programme settings (rows of the ``einstellung`` table; dates as ISO text)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from gera_desktop import config
from gera_desktop.domain.errors import ValidationError
from gera_desktop.domain.models import Einstellung
from gera_desktop.domain.oplog import logged_operation
from gera_desktop.domain.settings import (
    FOERDERQUOTE,
    FOERDERVOLUMEN,
    PROGRAMMBUERO,
    PROGRAMMENDE,
    STICHTAG,
    VERWENDUNGSNACHWEIS,
    ProgrammEinstellungen,
    settings_problems,
    stored_settings,
)
from gera_desktop.persistence.database import Database
from gera_desktop.services.audit_settings import settings_audit_rows

USER_LENGTH = 120


class SettingsService:
    """The programme settings stored in the database (defaults where nothing is stored); saving them
    is audited as ``user`` (default: the operating-system user)."""

    def __init__(self, db: Database, user: str | None = None) -> None:
        self._db = db
        self.user = (user or config.current_user())[:USER_LENGTH]

    def load(self) -> ProgrammEinstellungen:
        """The stored settings; defaults for every setting that is not stored."""
        with self._db.read_session() as session:
            return read_settings(session)

    @logged_operation("Einstellungen speichern")
    def save(self, settings: ProgrammEinstellungen) -> None:
        """Store the settings after checking them (``ValidationError`` with German messages); every
        changed setting becomes a row of the Änderungsprotokoll."""
        problems = settings_problems(settings)
        if problems:
            raise ValidationError(problems)
        with self._db.write_session() as session:
            old = read_settings(session)
            write_settings(session, settings)
            session.add_all(settings_audit_rows(old, settings, self.user))


def read_settings(session: Session) -> ProgrammEinstellungen:
    """The settings as stored, read within an open session (services use it inside their own)."""
    return stored_settings(dict(session.execute(select(Einstellung.schluessel, Einstellung.wert)).all()))


def write_settings(session: Session, settings: ProgrammEinstellungen) -> None:
    """Store every setting as one row (an unset envelope removes its row)."""
    _put(session, FOERDERQUOTE, str(settings.foerderquote))
    _put(session, FOERDERVOLUMEN, None if settings.foerdervolumen is None else str(settings.foerdervolumen))
    _put(session, PROGRAMMBUERO, settings.programmbuero.strip())
    _put(session, PROGRAMMENDE, settings.programmende.isoformat())
    _put(session, STICHTAG, _iso(settings.stichtag_neue_massnahmen))
    _put(session, VERWENDUNGSNACHWEIS, _iso(settings.verwendungsnachweis))


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _put(session: Session, key: str, value: str | None) -> None:
    row = session.get(Einstellung, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Einstellung(schluessel=key, wert=value))
    else:
        row.wert = value
