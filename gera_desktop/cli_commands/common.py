"""What every subcommand shares: its description, the application core on the chosen database, printing
for people.

The command modules import the services (and with them SQLAlchemy, openpyxl) inside their run
functions, so that ``--help`` and ``--version`` load neither.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from gera_desktop import config
from gera_desktop.domain.errors import DatabaseError
from gera_desktop.domain.formatting import format_number

if TYPE_CHECKING:
    from gera_desktop.services.core import Anwendung

DB_HELP = (
    f"Datenbank: eine SQLite-Datei oder eine SQLAlchemy-URL (postgresql+psycopg://…); "
    f"ohne Angabe gilt die Umgebungsvariable {config.DB_ENV}, sonst die Standarddatenbank"
)


@dataclass(frozen=True)
class Command:
    """One subcommand: name, German help, an example call, its arguments and what it does."""

    name: str
    summary: str
    example: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    description: str = ""


def chosen_url(args: argparse.Namespace) -> str:
    """The database URL from ``--db``, the environment variable or the default file."""
    return config.database_url(getattr(args, "db", None))


def open_chosen(args: argparse.Namespace) -> Anwendung:
    """The application core on the database the user chose, opened (and if needed created)."""
    from gera_desktop.services.core import Anwendung

    core = Anwendung(chosen_url(args))
    core.open()
    return core


def open_existing(args: argparse.Namespace) -> Anwendung:
    """``open_chosen``, refusing a SQLite file that does not exist (nothing is created)."""
    from gera_desktop.persistence.database import sqlite_file

    path = sqlite_file(chosen_url(args))
    if path is not None and not path.is_file():
        raise DatabaseError(f"Die Datenbank {path} gibt es nicht. Es wurde nichts angelegt.")
    return open_chosen(args)


def measures_text(count: int) -> str:
    """``'1 Maßnahme'``, ``'1.250 Maßnahmen'``."""
    return f"{format_number(Decimal(count), 0)} {'Maßnahme' if count == 1 else 'Maßnahmen'}"


def say(text: str) -> None:
    """A line for the user on standard output."""
    print(text, flush=True)


def table(rows: Sequence[Sequence[str]], right_aligned: Sequence[int] = ()) -> str:
    """Rows as a plain text table; the first row is the header, columns in ``right_aligned`` go right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if i in right_aligned else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
