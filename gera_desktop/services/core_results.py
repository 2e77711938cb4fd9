"""What the application core's reads return (``services.core``): a measure as the detail shows it, the
facts of the open database, and the start's first look at the list.

Apart from the core so that the program window, which holds the core, is built and painted before these
classes are made (each frozen dataclass costs the start a few tenths of a millisecond).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gera_desktop.domain.records import ListRecord, MassnahmeData
    from gera_desktop.domain.settings import ProgrammEinstellungen
    from gera_desktop.services.audit import AenderungData


@dataclass(frozen=True)
class OpenedMeasure:
    """A measure as the detail shows it: the record with its children, its history, and the programme
    settings its computed amounts follow."""

    record: MassnahmeData
    history: list[AenderungData]
    settings: ProgrammEinstellungen


@dataclass(frozen=True)
class DatabaseFacts:
    """What the window and the About dialog say about the open database."""

    name: str
    location: str
    backend: str
    read_only: bool
    read_only_reason: str | None
    """Why it can only be read (``None`` while it may be written)."""
    damaged: bool
    backups_available: bool


@dataclass(frozen=True)
class FirstList:
    """What the first look at the file read: the list's records and the programme settings."""

    records: list[ListRecord]
    settings: ProgrammEinstellungen
    read: frozenset[str] | None = None
    """The fields the records hold (``None``: every field)."""
