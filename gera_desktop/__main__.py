"""Entry point: ``gera-desktop`` and ``python -m gera_desktop``.

Without a subcommand the program window opens (Qt is imported on that path only, and the command line's
parser with its subcommands is not built for it); with one, the command line does the work – without Qt,
except ``bericht``, whose PDF the ui paints (offscreen): its writer is handed over here. Exit codes:
0 done, 1 rejected with a message (nothing written), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable

from gera_desktop import config
from gera_desktop.cli_commands.exits import EXIT_REJECTED, EXIT_USAGE, UsageError
from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.masking import mask_passwords

EXIT_INTERRUPTED = 130
log = logging.getLogger("gera_desktop.cli")


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` (default: the process's arguments) and run the GUI or the chosen subcommand."""
    window = _window_only(sys.argv[1:] if argv is None else argv)
    if window is not None:
        return _guarded(lambda: _run_gui(window.db))
    from gera_desktop.cli import build_parser, run_command  # every subcommand: not needed for the window

    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version and wrong usage end here
        return _exit_code(stop)
    if args.command is None:
        return _guarded(lambda: _run_gui(args.db))
    from gera_desktop.services.logfile import logged_to_file

    with logged_to_file():
        return _guarded(lambda: run_command(_with_pdf_writer(args)), args.command)


def _window_only(argv: list[str]) -> argparse.Namespace | None:
    """The arguments when they ask for nothing but the window (none, or only ``--db``); else ``None``,
    and the whole command line's parser reads them (with its German help and messages)."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    parser.add_argument("--db")
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def _with_pdf_writer(args: argparse.Namespace) -> argparse.Namespace:
    """``bericht`` is the one command that loads Qt: it gets the ui's PDF writer (an offscreen Qt)."""
    from gera_desktop.cli_commands.bericht import NAME

    if args.command == NAME:
        from gera_desktop.ui.report.command import write_pdf

        args.pdf_writer = write_pdf
    return args


def _run_gui(db: str | None) -> int:
    from gera_desktop import ui  # Qt is loaded here and nowhere on the command-line paths

    return ui.run(config.database_url(db))


def _guarded(action: Callable[[], int], command: str = "") -> int:
    """Run ``action``; our errors become a German message and exit code 1, bugs keep their traceback.

    No password of a database URL is printed, neither in a message nor in a traceback. A command's
    refusal is logged by its kind only (messages name files and folders); a bug with its traceback."""
    try:
        return action()
    except UsageError as error:
        print(f"Fehler: {mask_passwords(error.message)}", file=sys.stderr)
        return EXIT_USAGE
    except GeraError as error:
        log.warning("Befehl %s: abgelehnt (%s)", command, type(error).__name__)
        print(f"Fehler: {mask_passwords(error.message)}", file=sys.stderr)
        return EXIT_REJECTED
    except BrokenPipeError:  # the reader of our output went away (``gera-desktop check | head -3``)
        _silence_stdout()
        return EXIT_REJECTED
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:
        log.exception("Befehl %s: unerwarteter Programmfehler", command)
        print(mask_passwords(traceback.format_exc()), end="", file=sys.stderr)
        print("Unerwarteter Programmfehler (siehe oben). Bitte an den IT-Service melden.", file=sys.stderr)
        return EXIT_REJECTED


def _silence_stdout() -> None:
    """Send what is left of standard output nowhere, so that the exit does not fail on it again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _exit_code(stop: SystemExit) -> int:
    if stop.code is None or isinstance(stop.code, int):
        return stop.code or 0
    print(stop.code, file=sys.stderr)
    return EXIT_REJECTED


if __name__ == "__main__":
    sys.exit(main())
