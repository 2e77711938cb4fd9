"""``stand``: freeze every measure as a named Stand, list the Stände, delete one.

``stand loeschen`` deletes without asking, as every command of the command line acts without a question
(``restore`` too); the program window asks first.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from gera_desktop.cli_commands.common import DB_HELP, Command, open_existing, say, table
from gera_desktop.cli_commands.exits import EXIT_OK
from gera_desktop.domain.formatting import format_count

if TYPE_CHECKING:
    from gera_desktop.domain.stand import StandInfo
    from gera_desktop.services.staende import StaendeService

ACTIONS = {
    "anlegen": "alle Maßnahmen (außer dem Papierkorb) als Stand mit diesem Namen einfrieren",
    "liste": "die Stände zeigen, die neuesten zuerst",
    "loeschen": "einen Stand löschen (ohne Rückfrage)",
}
NAME_HELP = "Name des Stands, z. B. „Vorlage Stadtrat 14.12.2021“ (höchstens 120 Zeichen, eindeutig)"


def _arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="aktion", metavar="AKTION", title="Aktionen", required=True)
    for name, summary in ACTIONS.items():
        sub = actions.add_parser(name, help=summary, description=summary[:1].upper() + summary[1:] + ".")
        if name != "liste":
            sub.add_argument("name", metavar="NAME", help=NAME_HELP)
        if name == "anlegen":
            sub.add_argument("--bemerkung", metavar="TEXT", help="eine Bemerkung zum Stand")
        sub.add_argument("--db", metavar="DB", default=argparse.SUPPRESS, help=DB_HELP)


def run_stand(args: argparse.Namespace) -> int:
    """Freeze, list or delete, as ``args.aktion`` says."""
    from gera_desktop.services.staende import StaendeService

    core = open_existing(args)
    try:
        _RUNS[args.aktion](StaendeService(core.db), args)
    finally:
        core.close()
    return EXIT_OK


def _freeze(service: StaendeService, args: argparse.Namespace) -> None:
    info = service.freeze(args.name, args.bemerkung)
    say(f"Stand „{info.name}“ angelegt: {_measures(info.anzahl)} eingefroren.")


def _list(service: StaendeService, _args: argparse.Namespace) -> None:
    staende = service.list()
    if not staende:
        say("Es gibt noch keinen Stand. Anlegen mit: gera-desktop stand anlegen NAME")
        return
    rows = [("Name", "Angelegt am", "von", "Maßnahmen", "Bemerkung")]
    rows += [_row(info) for info in staende]
    say(table(rows, right_aligned=(3,)))


def _row(info: StandInfo) -> tuple[str, str, str, str, str]:
    note = " ".join((info.bemerkung or "").split())
    return (
        info.name,
        f"{info.angelegt_am:%d.%m.%Y %H:%M}",
        info.angelegt_von,
        format_count(info.anzahl),
        note,
    )


def _delete(service: StaendeService, args: argparse.Namespace) -> None:
    info = service.delete(args.name)
    say(f"Stand „{info.name}“ gelöscht ({_measures(info.anzahl)}, angelegt am {info.angelegt_am:%d.%m.%Y}).")


def _measures(count: int) -> str:
    return f"{format_count(count)} {'Maßnahme' if count == 1 else 'Maßnahmen'}"


_RUNS: dict[str, Callable[[StaendeService, argparse.Namespace], None]] = {
    "anlegen": _freeze,
    "liste": _list,
    "loeschen": _delete,
}

STAND = Command(
    name="stand",
    summary="Stände: alle Maßnahmen als benannten Stand einfrieren, Stände zeigen oder löschen",
    example='gera-desktop stand anlegen "Vorlage Stadtrat 14.12.2021"',
    add_arguments=_arguments,
    run=run_stand,
    description=(
        "Ein Stand friert alle Maßnahmen außerhalb des Papierkorbs mit Meilensteinen, Jahresscheiben, "
        "Beteiligungen, berechneten Beträgen und den Programmeinstellungen ein – etwa das, was dem "
        "Stadtrat vorgelegt wurde. Spätere Änderungen an Maßnahmen ändern ihn nicht. Mit "
        "„export DATEI.xlsx --layout vergleich --von NAME“ wird er mit heute verglichen. "
        "„stand loeschen“ fragt nicht nach."
    ),
)
