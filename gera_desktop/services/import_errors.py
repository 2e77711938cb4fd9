"""Errors of the import that the user sees (German messages); nothing was written when one is raised."""

from __future__ import annotations

from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.progress import WorkCancelled

NOTHING_WRITTEN = "Es wurde nichts gespeichert."


class ImportCancelled(WorkCancelled):
    """The user stopped the import before it was written (a ``WorkCancelled`` like any stopped work)."""

    def __init__(self) -> None:
        super().__init__(f"Der Import wurde abgebrochen. {NOTHING_WRITTEN}")


class ImportConflictError(GeraError):
    """Another session changed, deleted or created one of the file's measures while the file was checked."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"{detail} Der Import wurde deshalb nicht gespeichert; bitte lesen Sie die Datei erneut ein."
        )


class ImportWriteError(GeraError):
    """Writing failed (disk full, an I/O error); the transaction was rolled back."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"Der Import konnte nicht gespeichert werden ({reason}). Die Datenbank ist unverändert; "
            "bitte prüfen Sie den freien Speicherplatz und versuchen Sie es erneut."
        )


class ImportBackupError(GeraError):
    """The backup before the import could not be made (a full disk); nothing was imported."""

    def __init__(self, backup_message: str) -> None:
        super().__init__(
            f"Vor dem Import konnte keine Sicherung angelegt werden: {backup_message} "
            "Der Import wurde deshalb nicht gespeichert."
        )
