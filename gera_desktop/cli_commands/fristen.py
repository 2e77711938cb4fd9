"""``fristen``: print the Fristen – programme deadlines, milestones, exceeded Ende, planned calls, open
Verstetigung – as an aligned table, the overdue ones first (``domain.fristen``)."""

from __future__ import annotations

import argparse
from datetime import date

from gera_desktop.cli_commands.common import Command, open_existing, say, table
from gera_desktop.cli_commands.exits import EXIT_OK
from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.fristen import HEADERS, NONE_DUE, Frist, row_texts, summary


def today() -> date:
    """The day the Fristen are counted from (a function, so that tests can fix it)."""
    return date.today()


def _arguments(_parser: argparse.ArgumentParser) -> None:
    """No arguments besides ``--db``."""


def run_fristen(args: argparse.Namespace) -> int:
    """Print the Fristen of the chosen database at today."""
    core = open_existing(args)
    try:
        day = today()
        say(fristen_text(core.fristen(day), day))
    finally:
        core.close()
    return EXIT_OK


def fristen_text(found: list[Frist], day: date) -> str:
    """The heading line and the table, or "Keine Fristen."."""
    if not found:
        return NONE_DUE
    rows = [HEADERS, *((format_date(f.datum), *row_texts(f)) for f in found)]
    return f"Fristen am {format_date(day)}: {summary(found)}\n\n{table(rows)}"


FRISTEN = Command(
    name="fristen",
    summary="die Fristen zeigen: Programmfristen, Meilensteine, Projektenden, Mittelabrufe, Verstetigung",
    example="gera-desktop fristen --db gera.sqlite",
    add_arguments=_arguments,
    run=run_fristen,
    description=(
        "Zeigt, was fällig ist: die Programmfristen aus den Einstellungen, Meilensteine, die überfällig "
        "oder in den nächsten 60 Tagen fällig sind, Maßnahmen nach ihrem Ende, die nicht abgeschlossen "
        "sind, die im laufenden Halbjahr geplanten Mittelabrufe und Maßnahmen, die in den nächsten "
        "12 Monaten enden und deren Betrieb nach Projektende oder Folgekosten noch fehlen. Überfällige "
        "zuerst, dann nach Datum. Abgelehnte und abgebrochene Maßnahmen und der Papierkorb bleiben außen vor."
    ),
)
