"""Stände (spec section 9): frozen copies of every measure under a unique name, and what one holds.

A ``Snapshot`` is one side of a comparison: a frozen Stand, or the measures as they are today. Each of its
measures carries the effective amounts of spec section 8 – for a Stand those computed when it was taken,
under the programme settings then in force, so that later rules or settings never change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from gera_desktop.domain.errors import FieldProblem
from gera_desktop.domain.formatting import format_count, shortened
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen

NAME_MAX_LENGTH = 120
BEMERKUNG_MAX_LENGTH = 4000
TODAY = "heute"
"""How the current measures are named where a Stand's name would stand (``Vergleich A – heute``)."""


def name_key(name: str) -> str:
    """The key under which a Stand's name is unique: ignoring case and repeated spacing."""
    return " ".join(name.split()).casefold()


def clean_name(name: str) -> str:
    """The name as it is stored: trimmed, inner spacing kept."""
    return name.strip()


def name_problems(name: str) -> list[FieldProblem]:
    """A name is required, at most 120 characters long, holds no control characters and is not "heute"."""
    text = clean_name(name)
    if not text:
        return [FieldProblem("name", "Bitte einen Namen für den Stand angeben.")]
    if len(text) > NAME_MAX_LENGTH:
        return [
            FieldProblem(
                "name",
                f"Der Name des Stands ist zu lang ({format_count(len(text))} Zeichen, höchstens "
                f"{NAME_MAX_LENGTH}).",
            )
        ]
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return [FieldProblem("name", f"Der Name „{shortened(text)}“ enthält Steuerzeichen.")]
    if name_key(text) == TODAY:
        return [
            FieldProblem(
                "name",
                f"„{text}“ steht im Vergleich für die aktuellen Maßnahmen. Bitte einen anderen Namen wählen.",
            )
        ]
    return []


def bemerkung_problems(bemerkung: str | None) -> list[FieldProblem]:
    """A remark is at most 4000 characters long; line breaks and tabs are its only control characters."""
    if not bemerkung:
        return []
    if len(bemerkung) > BEMERKUNG_MAX_LENGTH:
        return [
            FieldProblem(
                "bemerkung",
                f"Die Bemerkung ist zu lang ({format_count(len(bemerkung))} Zeichen, höchstens "
                f"{format_count(BEMERKUNG_MAX_LENGTH)}).",
            )
        ]
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in bemerkung.replace("\r\n", "\n")):
        return [FieldProblem("bemerkung", "Die Bemerkung enthält Steuerzeichen.")]
    return []


@dataclass(frozen=True)
class StandInfo:
    """What the list of Stände shows of one: name, when and by whom it was taken, remark, measures."""

    name: str
    angelegt_am: datetime
    angelegt_von: str
    bemerkung: str | None
    anzahl: int


@dataclass(frozen=True)
class FrozenMeasure:
    """A measure of a snapshot with its effective amounts (spec section 8: förderfähig, Förderquote,
    Bundesmittel, Drittmittel, Eigenanteil, Mittel abgerufen)."""

    record: MassnahmeData
    effektiv: dict[str, Decimal]

    def amount(self, key: str) -> Decimal:
        """An effective figure; the Gesamtkosten are the record's own."""
        if key == "gesamtkosten":
            return self.record.gesamtkosten
        return self.effektiv[key]


@dataclass(frozen=True)
class Snapshot:
    """The measures at one moment: a frozen Stand (``info``), or today (``info`` is ``None``).

    ``measures`` are in the natural order of their Nr.; ``settings`` are the programme settings that
    were (or are) in force.
    """

    name: str
    zeitpunkt: datetime
    settings: ProgrammEinstellungen
    measures: tuple[FrozenMeasure, ...]
    info: StandInfo | None = None

    @property
    def is_today(self) -> bool:
        """True for the current measures rather than a frozen Stand."""
        return self.info is None

    @property
    def records(self) -> list[MassnahmeData]:
        """The plain records (with their children), e.g. to show them read-only."""
        return [m.record for m in self.measures]
