"""``export``: measures (all or a selection) as a Maßnahmenliste or council annex (.xlsx), CSV or JSON, and
the comparison of a Stand with another or with today (``--layout vergleich``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from gera_desktop.cli_commands.common import Command, measures_text, open_existing, say
from gera_desktop.cli_commands.exits import EXIT_OK, UsageError
from gera_desktop.domain.errors import GeraError, NotFoundError
from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.excel.cells import enum_parser
from gera_desktop.excel.columns import SHEET_MASSNAHMEN
from gera_desktop.services.export import (
    DAMAGED_NOTE,
    DEFAULT_ANLAGE_NR,
    DEFAULT_BETREFF,
    VERGLEICH,
    ExportRequest,
    Layout,
    NothingToExportError,
)

if TYPE_CHECKING:
    from gera_desktop.persistence.database import Database
    from gera_desktop.services.core import Anwendung
    from gera_desktop.services.massnahmen import MassnahmenService

ANLAGE: Layout = "anlage"
LAYOUTS = ("liste", ANLAGE, VERGLEICH)
GRUPPIERUNGEN = {"innovationsfeld": Gruppierung.INNOVATIONSFELD, "cluster": Gruppierung.CLUSTER}
"""The annex's ``--gruppierung`` choices."""
__all__ = ["DEFAULT_BETREFF", "EXPORT", "NothingToExportError"]

FORMATS: dict[str, Layout] = {".xlsx": "liste", ".csv": "csv", ".json": "json"}
"""The layout each file ending stands for (an .xlsx may also be the annex, ``--layout anlage``)."""


def export_target(text: str) -> Path:
    """The target file; its ending chooses the format."""
    path = Path(text)
    if path.suffix.lower() not in FORMATS:
        raise argparse.ArgumentTypeError(
            f"„{path.name}“: die Dateiendung bestimmt das Format; möglich sind {', '.join(FORMATS)}"
        )
    return path


def choice_of(key: str) -> Callable[[str], StrEnum]:
    """An argument type for an enum column: its values and synonyms as in the spreadsheet."""
    column = SHEET_MASSNAHMEN.column(key)
    assert column.choices is not None
    parse = enum_parser(column.choices, column.aliases)

    def choose(text: str) -> StrEnum:
        try:
            value = parse(text)
        except GeraError as error:
            raise argparse.ArgumentTypeError(error.message) from error
        if value is None:
            raise argparse.ArgumentTypeError("der Wert fehlt")
        assert isinstance(value, StrEnum)
        return value

    choose.__name__ = column.header
    return choose


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="DATEI",
        type=export_target,
        help="Zieldatei: .xlsx (Maßnahmenliste), .csv (für das Open-Data-Portal) oder .json",
    )
    selection = parser.add_argument_group("Auswahl (ohne Angabe: alle Maßnahmen außerhalb des Papierkorbs)")
    _add_choice(selection, "--innovationsfeld", "innovationsfeld", "FELD")
    _add_choice(selection, "--status", "status", "STAND")
    selection.add_argument(
        "--nr", metavar="NR", action="append", dest="numbers", help="nur diese Maßnahme (mehrfach möglich)"
    )
    _anlage_arguments(parser.add_argument_group("Anlage zur Beschlussvorlage (Datei .xlsx)"))
    _vergleich_arguments(
        parser.add_argument_group("Vergleich mit einem Stand (Datei .xlsx, --layout vergleich)")
    )


def _anlage_arguments(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--layout",
        choices=LAYOUTS,
        help=(
            "liste: die vollständige Maßnahmenliste (Standard); anlage: die Anlage zur Beschlussvorlage; "
            "vergleich: ein Stand gegenüber einem anderen oder heute"
        ),
    )
    group.add_argument(
        "--drucksache",
        metavar="TEXT",
        help="Drucksache-Nr., z. B. „82/2019 7. Ergänzung“ (Pflicht für die Anlage)",
    )
    group.add_argument("--anlage", metavar="N", dest="anlage_nr", help="Nummer der Anlage (Standard: 1)")
    group.add_argument("--betreff", metavar="TEXT", help=f"Betreffzeile (Standard: „{DEFAULT_BETREFF}“)")
    group.add_argument(
        "--intern",
        action="store_true",
        help=(
            "mit Ansprechpartner/in, Telefon, E-Mail und Bemerkungen (nicht für die Öffentlichkeit; "
            "auch für den Vergleich)"
        ),
    )
    group.add_argument(
        "--gruppierung",
        choices=GRUPPIERUNGEN,
        help=(
            "Gruppen mit Zwischensumme: innovationsfeld (Standard) oder cluster "
            "(Maßnahmen ohne Cluster zuletzt unter „Ohne Cluster“); die Gesamtsumme bleibt gleich"
        ),
    )


def _vergleich_arguments(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--von", metavar="STAND", help="Name des Stands, von dem der Vergleich ausgeht (A)")
    group.add_argument(
        "--bis", metavar="STAND", help="Name des Stands, mit dem verglichen wird (B; ohne Angabe: heute)"
    )
    group.add_argument(
        "--mio", action="store_true", help="Beträge in Mio. € zeigen (die Zellen bleiben genau)"
    )


def check_layout(args: argparse.Namespace) -> None:
    """Refuse options that do not fit the chosen file and layout (exit code 2)."""
    if args.layout is not None and args.file.suffix.lower() != ".xlsx":
        raise UsageError(f"--layout gilt nur für Excel-Dateien (.xlsx), nicht für {args.file.name}.")
    if args.layout == VERGLEICH:
        _check_vergleich(args)
        return
    _refuse(_given(args, ("--von", "--bis", "--mio")), "gilt nur zusammen mit --layout vergleich")
    if args.layout == ANLAGE:
        if not args.drucksache:
            raise UsageError("Für die Anlage bitte die Drucksache angeben, z. B. --drucksache 82/2019.")
        return
    _refuse(
        _given(args, ("--drucksache", "--anlage", "--betreff", "--gruppierung")),
        "gilt nur zusammen mit --layout anlage",
    )
    _refuse(_given(args, ("--intern",)), "gilt nur zusammen mit --layout anlage oder vergleich")


def _check_vergleich(args: argparse.Namespace) -> None:
    if not args.von:
        raise UsageError(
            'Für den Vergleich bitte den Stand angeben, z. B. --von "Vorlage Stadtrat 14.12.2021".'
        )
    _refuse(
        _given(args, ("--drucksache", "--anlage", "--betreff", "--gruppierung")),
        "gilt nur zusammen mit --layout anlage",
    )
    _refuse(
        _given(args, ("--innovationsfeld", "--status", "--nr")),
        "gilt nicht für den Vergleich: er umfasst immer alle Maßnahmen",
    )


def _given(args: argparse.Namespace, options: tuple[str, ...]) -> list[str]:
    """The options the user gave, of ``options``."""
    return [option for option in options if getattr(args, _OPTION_DESTS.get(option, option.lstrip("-")))]


_OPTION_DESTS = {"--anlage": "anlage_nr", "--nr": "numbers"}


def _refuse(given: list[str], reason: str) -> None:
    if given:
        raise UsageError(f"{', '.join(given)} {reason}.")


def _add_choice(group: argparse._ArgumentGroup, option: str, key: str, metavar: str) -> None:
    column = SHEET_MASSNAHMEN.column(key)
    allowed = " · ".join(column.choices or ())
    group.add_argument(option, metavar=metavar, type=choice_of(key), help=f"nur {column.header}: {allowed}")


def selected_measures(service: MassnahmenService, args: argparse.Namespace) -> list[MassnahmeData]:
    """The measures the arguments select, in the order of their Nr.; unknown Nr. are refused."""
    from gera_desktop.services.queries import MassnahmenFilter

    chosen = MassnahmenFilter(innovationsfeld=args.innovationsfeld, status=args.status)
    records = service.list(chosen, with_children=False)
    if args.numbers:
        records = _only_numbers(service, records, args.numbers)
    if not records:
        chosen = args.innovationsfeld or args.status or args.numbers
        reason = "Keine Maßnahme passt zu den Angaben." if chosen else "Die Datenbank hat keine Maßnahmen."
        raise NothingToExportError(f"{reason} Es wurde keine Datei geschrieben.")
    return records


def _only_numbers(
    service: MassnahmenService, records: list[MassnahmeData], numbers: list[str]
) -> list[MassnahmeData]:
    from gera_desktop.domain.models import nr_key

    wanted = {nr_key(nr): nr for nr in numbers}
    existing = {nr_key(m.nr) for m in service.list(with_children=False)}
    unknown = [nr for key, nr in wanted.items() if key not in existing]
    if unknown:
        raise NotFoundError(
            f"Diese Maßnahmen-Nr. gibt es nicht: {', '.join(unknown)}. Es wurde keine Datei geschrieben."
        )
    return [m for m in records if nr_key(m.nr) in wanted]


def run_export(args: argparse.Namespace) -> int:
    """Write the selected measures into the file; its ending (and ``--layout``) chooses the format.

    From a damaged database (opened read-only) the export still runs, and says that it may be incomplete."""
    from gera_desktop.services.massnahmen import MassnahmenService

    check_layout(args)
    core = open_existing(args)
    try:
        if args.layout == VERGLEICH:
            said = write_comparison(core.db, args)
        else:
            records = selected_measures(MassnahmenService(core.db), args)
            label = write_export(core, args, records)
            said = f"{measures_text(len(records))} exportiert nach {args.file} ({label})."
        damaged = core.facts().damaged
    finally:
        core.close()
    say(said)
    if damaged:
        print(DAMAGED_NOTE, file=sys.stderr)
    return EXIT_OK


def write_export(core: Anwendung, args: argparse.Namespace, records: list[MassnahmeData]) -> str:
    """Write the file through the export service; returns what was written, in German."""
    layout = ANLAGE if args.layout == ANLAGE else FORMATS[args.file.suffix.lower()]
    request = ExportRequest(
        layout,
        drucksache=args.drucksache or "",
        anlage_nr=args.anlage_nr or DEFAULT_ANLAGE_NR,
        betreff=args.betreff or DEFAULT_BETREFF,
        intern=args.intern,
        gruppierung=GRUPPIERUNGEN[args.gruppierung or "innovationsfeld"],
    )
    core.export(args.file, records, request)
    return request.label


def write_comparison(db: Database, args: argparse.Namespace) -> str:
    """Write the comparison; returns what was written and what it found, in German."""
    from gera_desktop.domain.vergleich import Art

    request = ExportRequest(VERGLEICH, von=args.von, bis=args.bis or "", in_mio=args.mio, intern=args.intern)
    from gera_desktop.services.export import ExportService

    comparison = ExportService(db).write_comparison(args.file, request)
    found = ", ".join(f"{len(comparison.of(art))} {art}" for art in (Art.NEU, Art.ENTFALLEN, Art.GEAENDERT))
    return f"{request.label} exportiert nach {args.file}: {found}."


EXPORT = Command(
    name="export",
    summary="Maßnahmen in eine Datei schreiben: .xlsx (Maßnahmenliste oder Anlage), .csv oder .json",
    example='gera-desktop export anlage.xlsx --layout anlage --drucksache "82/2019 7. Ergänzung" --anlage 2',
    add_arguments=_arguments,
    run=run_export,
    description=(
        "Schreibt die Maßnahmen in eine Datei; die Dateiendung bestimmt das Format. Eine vorhandene Datei "
        "wird ersetzt – erst wenn die neue vollständig geschrieben ist. Mit --layout vergleich --von STAND "
        "wird ein Stand mit einem anderen (--bis STAND) oder mit heute verglichen."
    ),
)
