"""The commands that bring measures into the database: demo (and import)."""

from __future__ import annotations

import argparse

from gera_desktop.cli_commands.common import EXIT_OK, Command, measures_text, open_chosen, say
from gera_desktop.resources import demo_data
from gera_desktop.services.demo import load_demo


def _demo_arguments(_parser: argparse.ArgumentParser) -> None:
    """``demo`` has no arguments besides ``--db``."""


def run_demo(args: argparse.Namespace) -> int:
    """Fill an empty database with the sample measures; a database with measures is refused."""
    db = open_chosen(args)
    try:
        count = load_demo(db, demo_data())
    finally:
        db.dispose()
    say(f"{measures_text(count)} angelegt (Beispieldaten) in {db.display_name}.")
    return EXIT_OK


DEMO = Command(
    name="demo",
    summary="die Beispielmaßnahmen in eine leere Datenbank laden",
    example="gera-desktop demo --db beispiel.sqlite",
    add_arguments=_demo_arguments,
    run=run_demo,
    description=(
        "Lädt die 25 Beispielmaßnahmen (mit Meilensteinen, Jahresscheiben und Bürgerbeteiligung) in eine "
        "leere Datenbank, zum Ausprobieren und Schulen. Eine Datenbank mit Maßnahmen wird abgelehnt."
    ),
)
