"""The subcommands of the command line (no Qt). ``COMMANDS`` is what the parser offers, in this order."""

from __future__ import annotations

from gera_desktop.cli_commands.common import Command

COMMANDS: tuple[Command, ...] = ()

__all__ = ["COMMANDS", "Command"]
