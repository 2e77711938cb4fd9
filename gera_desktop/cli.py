"""The command line: a German argparse parser and the dispatch to the subcommands. No Qt on this path.

Each subcommand lives in ``gera_desktop/cli_commands/`` as a ``Command`` (its arguments and its run
function); ``build_parser`` adds every command listed in ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import NoReturn

from gera_desktop import __version__
from gera_desktop.cli_commands.bericht import BERICHT
from gera_desktop.cli_commands.common import DB_HELP, Command
from gera_desktop.cli_commands.data import DEMO, IMPORT
from gera_desktop.cli_commands.database import BACKUP, CHECK, RESTORE
from gera_desktop.cli_commands.exits import EXIT_USAGE
from gera_desktop.cli_commands.export import EXPORT
from gera_desktop.cli_commands.fristen import FRISTEN
from gera_desktop.cli_commands.protokoll import PROTOKOLL
from gera_desktop.cli_commands.stand import STAND
from gera_desktop.cli_commands.template import TEMPLATE
from gera_desktop.config import APP_NAME, APP_TITLE
from gera_desktop.domain.masking import mask_passwords

COMMANDS: tuple[Command, ...] = (
    DEMO,
    IMPORT,
    EXPORT,
    STAND,
    FRISTEN,
    PROTOKOLL,
    BERICHT,
    TEMPLATE,
    BACKUP,
    RESTORE,
    CHECK,
)
"""What the parser offers, in this order."""

# argparse writes its messages in English; these are the phrases a user meets.
_GERMAN_PHRASES = (
    ("the following arguments are required:", "es fehlt:"),
    ("unrecognized arguments:", "unbekannte Angaben:"),
    ("invalid choice:", "ungültige Auswahl:"),
    ("(choose from", "(möglich:"),
    ("expected at least one argument", "mindestens ein Wert fehlt"),
    ("expected one argument", "der Wert fehlt"),
    ("not allowed with argument", "nicht zusammen mit"),
    ("ambiguous option:", "mehrdeutige Option:"),
    ("could match", "passt zu"),
    ("invalid int value:", "keine ganze Zahl:"),
)


def _german(message: str) -> str:
    """argparse's English error message in German (a database password it quotes masked)."""
    message = mask_passwords(message)
    message = re.sub(r"^argument (\S+): ", r"\1: ", message)
    for english, german in _GERMAN_PHRASES:
        message = message.replace(english, german)
    return message


class GermanHelpFormatter(argparse.HelpFormatter):
    """Help texts with German headings."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "Aufruf: " if prefix is None else prefix)


class GermanArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks German to the user."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", GermanHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"
        self.add_argument("-h", "--help", action="help", help="diese Hilfe zeigen und beenden")

    def error(self, message: str) -> NoReturn:
        """Wrong usage: the short usage line and a German message, exit code 2."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: Fehler: {_german(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; ``--db`` is accepted before and after every subcommand."""
    parser = GermanArgumentParser(
        prog=APP_NAME,
        usage="%(prog)s [--db DB] [--version] [BEFEHL …]",
        description=f"{APP_TITLE}. Ohne Befehl öffnet sich das Programmfenster.",
    )
    parser.add_argument("--db", metavar="DB", default=None, help=DB_HELP)
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help="Version zeigen und beenden"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="BEFEHL", title="Befehle", prog=APP_NAME)
    for command in COMMANDS:
        _add_command(subparsers, command)
    return parser


def _add_command(
    subparsers: argparse._SubParsersAction[GermanArgumentParser],
    command: Command,
) -> None:
    sub = subparsers.add_parser(
        command.name,
        help=command.summary,
        description=command.description or command.summary,
        epilog=f"Beispiel: {command.example}",
    )
    command.add_arguments(sub)
    # After the command too; SUPPRESS keeps a --db given before the command when none follows it.
    sub.add_argument("--db", metavar="DB", default=argparse.SUPPRESS, help=DB_HELP)
    sub.set_defaults(run=command.run)


def run_command(args: argparse.Namespace) -> int:
    """Run the subcommand the user chose; its return value is the exit code."""
    code: int = args.run(args)
    return code
