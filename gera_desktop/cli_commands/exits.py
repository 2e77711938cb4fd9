"""The command line's exit codes and its usage error (what the program's entry point needs of
``cli_commands``, without the rest of ``common``)."""

from __future__ import annotations

from gera_desktop.domain.errors import GeraError

EXIT_OK = 0
EXIT_REJECTED = 1
"""Refused with a message; nothing was written."""
EXIT_USAGE = 2


class UsageError(GeraError):
    """Arguments that do not fit together (found after parsing): exit code 2, like argparse's own."""
