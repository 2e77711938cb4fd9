"""Errors the user sees. Each carries a German message; anything else is a bug."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class GeraError(Exception):
    """Base of all expected errors; ``message`` is German text for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FieldProblem:
    """One rule a field breaks: the field key and a German message."""

    field: str
    message: str


class ValidationError(GeraError):
    """Values that break the rules; ``problems`` name each field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        lines = "\n".join(f"• {p.message}" for p in problems)
        super().__init__(f"Die Angaben sind nicht vollständig oder nicht stimmig:\n{lines}")
        self.problems = problems

    def for_field(self, field: str) -> list[str]:
        """The messages that concern one field."""
        return [p.message for p in self.problems if p.field == field]


class NotFoundError(GeraError):
    """A measure (or another record) does not exist (any more)."""


class DuplicateError(GeraError):
    """A key that must be unique is taken."""


class ConflictError(GeraError):
    """Somebody else saved the record since it was loaded (optimistic locking)."""

    def __init__(self, nr: str, changed_by: str | None, changed_at: datetime | None) -> None:
        who = changed_by or "eine andere Sitzung"
        when = changed_at.strftime("%d.%m.%Y um %H:%M Uhr") if changed_at else "zwischenzeitlich"
        super().__init__(
            f"Die Maßnahme {nr} wurde inzwischen von {who} am {when} geändert. "
            "Ihre Änderungen wurden nicht gespeichert."
        )
        self.nr = nr
        self.changed_by = changed_by
        self.changed_at = changed_at


class DatabaseBusyError(GeraError):
    """Another program holds the database lock for too long."""


class ReadOnlyError(GeraError):
    """The database is open read-only (damaged, write-protected, or on a network drive)."""


class DatabaseError(GeraError):
    """The database cannot be opened, migrated, backed up or restored."""


class WriteFailedError(DatabaseError):
    """A write did not reach the disk (full, failing); it was rolled back. ``reason`` says why, in German."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Es wurde nichts gespeichert ({reason}). Die Datenbank ist unverändert.")
        self.reason = reason
