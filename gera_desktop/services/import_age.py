"""Whether an import file is older than what the database holds (spec section 6: a warning, never an error).

The file's age is the date of its title block's "Stand: TT.MM.JJJJ", else its modification time. It is
older when that lies before the last change (``geaendert_am``) of a measure the import would change;
importing it would then overwrite newer entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from gera_desktop.domain.formatting import format_date, short_list
from gera_desktop.excel.columns import SHEET_MASSNAHMEN
from gera_desktop.excel.parsed import ParsedWorkbook, Problem, Severity
from gera_desktop.services.import_merge import PlannedMeasure


def stale_file_warning(book: ParsedWorkbook, planned: Iterable[PlannedMeasure]) -> Problem | None:
    """The warning naming the measures changed in the database after the file's date, if there are any.

    With a "Stand" date it is placed at that cell, else it concerns the file as a whole."""
    changed = [
        (m.new.nr, m.old.geaendert_am) for m in planned if m.is_changed and m.old and m.old.geaendert_am
    ]
    if book.stand is not None:
        stand = book.stand
        newer = [(nr, when) for nr, when in changed if when.date() > stand]
        place = (book.sheet_names.get(SHEET_MASSNAHMEN.key, ""), book.stand_cell)
        file_date, shown = f"Stand der Datei: {format_date(stand)}", _day
    elif book.saved_at is not None:
        saved = book.saved_at
        newer = [(nr, when) for nr, when in changed if when > saved]
        place = ("", "")
        file_date, shown = f"Datei gespeichert am {_moment(saved)}", _moment
    else:
        return None
    if not newer:
        return None
    latest = shown(max(when for _, when in newer))
    message = _message([nr for nr, _ in newer], latest, file_date)
    return Problem(*place, "", "", message, Severity.WARNING)


def _message(nrs: list[str], latest: str, file_date: str) -> str:
    if len(nrs) == 1:
        changes = f"die letzte Änderung der Maßnahme {nrs[0]} in der Datenbank (geändert am {latest}"
    else:
        changes = (
            f"die letzten Änderungen der Maßnahmen {short_list(nrs)} in der Datenbank "
            f"(zuletzt geändert am {latest}"
        )
    return (
        f"Die Datei ist älter als {changes}; {file_date}) – sie würde neuere Angaben überschreiben. "
        "Bitte prüfen Sie, ob die Datei aktuell ist."
    )


def _day(moment: datetime) -> str:
    return format_date(moment.date())


def _moment(moment: datetime) -> str:
    return moment.strftime("%d.%m.%Y um %H:%M Uhr")
