"""Loading and saving the programme settings (rows of the ``einstellung`` table; dates as ISO text)."""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from gera_desktop.domain.errors import ValidationError
from gera_desktop.domain.models import Einstellung
from gera_desktop.domain.oplog import logged_operation
from gera_desktop.domain.settings import ProgrammEinstellungen, settings_problems
from gera_desktop.persistence.database import Database

log = logging.getLogger(__name__)

FOERDERQUOTE = "foerderquote"
FOERDERVOLUMEN = "foerdervolumen"
PROGRAMMBUERO = "programmbuero"
PROGRAMMENDE = "programmende"
STICHTAG = "stichtag_neue_massnahmen"
VERWENDUNGSNACHWEIS = "verwendungsnachweis"


class SettingsService:
    """The programme settings stored in the database (defaults where nothing is stored)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def load(self) -> ProgrammEinstellungen:
        """The stored settings; defaults for every setting that is not stored."""
        with self._db.read_session() as session:
            return read_settings(session)

    @logged_operation("Einstellungen speichern")
    def save(self, settings: ProgrammEinstellungen) -> None:
        """Store the settings after checking them (``ValidationError`` with German messages)."""
        problems = settings_problems(settings)
        if problems:
            raise ValidationError(problems)
        with self._db.write_session() as session:
            write_settings(session, settings)


def read_settings(session: Session) -> ProgrammEinstellungen:
    """The settings as stored, read within an open session (services use it inside their own)."""
    stored: dict[str, str] = dict(session.execute(select(Einstellung.schluessel, Einstellung.wert)).all())
    defaults = ProgrammEinstellungen()
    quote = _decimal(stored.get(FOERDERQUOTE), FOERDERQUOTE)
    return ProgrammEinstellungen(
        foerderquote=defaults.foerderquote if quote is None else quote,
        foerdervolumen=_decimal(stored.get(FOERDERVOLUMEN), FOERDERVOLUMEN),
        programmbuero=stored.get(PROGRAMMBUERO) or defaults.programmbuero,
        programmende=_date(stored.get(PROGRAMMENDE), PROGRAMMENDE) or defaults.programmende,
        stichtag_neue_massnahmen=_date(stored.get(STICHTAG), STICHTAG),
        verwendungsnachweis=_date(stored.get(VERWENDUNGSNACHWEIS), VERWENDUNGSNACHWEIS),
    )


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


def _date(text: str | None, key: str) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        log.warning("Einstellung %s hat kein gültiges Datum (%r); der Standard gilt.", key, text)
        return None


def _put(session: Session, key: str, value: str | None) -> None:
    row = session.get(Einstellung, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Einstellung(schluessel=key, wert=value))
    else:
        row.wert = value


def _decimal(text: str | None, key: str) -> Decimal | None:
    if text is None or not text.strip():
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        log.warning("Einstellung %s hat keinen gültigen Wert (%r); der Standard gilt.", key, text)
        return None
    return value if value.is_finite() else None
