"""The subcommands of the command line (no Qt). ``COMMANDS`` is what the parser offers, in this order."""

from __future__ import annotations

from gera_desktop.cli_commands.common import Command
from gera_desktop.cli_commands.data import DEMO, IMPORT
from gera_desktop.cli_commands.database import BACKUP, CHECK, RESTORE
from gera_desktop.cli_commands.export import EXPORT
from gera_desktop.cli_commands.stand import STAND
from gera_desktop.cli_commands.template import TEMPLATE

COMMANDS: tuple[Command, ...] = (DEMO, IMPORT, EXPORT, STAND, TEMPLATE, BACKUP, RESTORE, CHECK)

__all__ = ["COMMANDS", "Command"]
