"""Exporting measures into a file: the Maßnahmenliste, the council annex, CSV or JSON (spec section 7),
and the comparison of two Stände or of a Stand with today (``vergleich``, spec section 9).

The CLI and the export dialog both describe what they want as an ``ExportRequest`` and let
``ExportService.export`` check it and pick the writer; the annex, the list, CSV and JSON read the programme
settings (Förderquote, Fördervolumen) from the database for the effective amounts. Every writer replaces
the target only once the new file is complete; a file held open by Excel raises ``ExportError`` with a
German message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from gera_desktop.domain.errors import FieldProblem, GeraError, ValidationError
from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.domain.oplog import logged_operation
from gera_desktop.domain.progress import Cancelled, Checkpoints, Progress
from gera_desktop.domain.records import MassnahmeData

if TYPE_CHECKING:
    from gera_desktop.domain.vergleich import Comparison
    from gera_desktop.excel.anlage import AnlageOptions
    from gera_desktop.persistence.database import Database

MeasuresLayout = Literal["liste", "anlage", "csv", "json"]
Layout = MeasuresLayout | Literal["vergleich"]
LAYOUTS: tuple[Layout, ...] = get_args(MeasuresLayout)
"""The layouts that write the measures the user chose (the export menu's); ``VERGLEICH`` compares Stände."""
VERGLEICH: Layout = "vergleich"
SUFFIXES: dict[Layout, str] = {
    "liste": ".xlsx",
    "anlage": ".xlsx",
    "csv": ".csv",
    "json": ".json",
    "vergleich": ".xlsx",
}
LABELS: dict[Layout, str] = {
    "liste": "Maßnahmenliste",
    "anlage": "Anlage zur Beschlussvorlage",
    "csv": "CSV",
    "json": "JSON",
    "vergleich": "Vergleich",
}
DEFAULT_BETREFF = "Smart City Modellprojekt Gera – Stand der Maßnahmen"
DEFAULT_ANLAGE_NR = "1"
CANCELLED_MESSAGE = (
    "Der Export wurde abgebrochen. Es wurde keine Datei geschrieben; eine vorhandene Datei dieses Namens "
    "ist unverändert."
)

DAMAGED_NOTE = (
    "Achtung: Die Datenbank ist beschädigt. Die Datei enthält, was sich noch lesen ließ, und kann "
    "unvollständig sein; bitte spielen Sie eine intakte Sicherung ein."
)
"""Said with every export from a database found damaged (it may still be read, to rescue the data)."""


class NothingToExportError(GeraError):
    """No measure matches: no file is written."""


@dataclass(frozen=True)
class ExportRequest:
    """What to write: the layout and, for the council annex, what it is attached to.

    ``intern`` adds contact persons and remarks to the annex and the comparison (not for the public); an
    empty ``anlage_nr`` or ``betreff`` means the defaults. The comparison sets the Stand named ``von``
    (A) against the one named ``bis`` (B; empty: today), its amounts shown ``in_mio`` if wished.
    """

    layout: Layout = "liste"
    drucksache: str = ""
    anlage_nr: str = DEFAULT_ANLAGE_NR
    betreff: str = DEFAULT_BETREFF
    intern: bool = False
    stand: date = field(default_factory=date.today)
    von: str = ""
    bis: str = ""
    in_mio: bool = False
    gruppierung: Gruppierung = Gruppierung.INNOVATIONSFELD
    """What the annex groups its measures by (with a subtotal per group)."""

    @property
    def label(self) -> str:
        """What is written, in German: ``Anlage zur Beschlussvorlage, öffentlich``, ``CSV``,
        ``Vergleich „Vorlage Stadtrat 14.12.2021“ – heute, öffentlich``."""
        visibility = "intern" if self.intern else "öffentlich"
        if self.layout == "anlage":
            grouped = ", nach Cluster" if self.gruppierung is Gruppierung.CLUSTER else ""
            return f"{LABELS['anlage']}, {visibility}{grouped}"
        if self.layout == VERGLEICH:
            bis = f"„{self.bis.strip()}“" if self.bis.strip() else "heute"
            mio = ", in Mio. €" if self.in_mio else ""
            return f"{LABELS[VERGLEICH]} „{self.von.strip()}“ – {bis}, {visibility}{mio}"
        return LABELS[self.layout]

    @property
    def suffix(self) -> str:
        """The file ending the layout needs: ``.xlsx``, ``.csv`` or ``.json``."""
        return SUFFIXES[self.layout]

    def anlage_options(self) -> AnlageOptions:
        """The annex's title data (defaults filled in)."""
        from gera_desktop.excel.anlage import AnlageOptions

        return AnlageOptions(
            drucksache=self.drucksache.strip(),
            anlage_nr=self.anlage_nr.strip() or DEFAULT_ANLAGE_NR,
            betreff=self.betreff.strip() or DEFAULT_BETREFF,
            stand=self.stand,
            intern=self.intern,
            gruppierung=self.gruppierung,
        )

    def problems(self, path: Path) -> list[FieldProblem]:
        """What does not fit: an unknown layout, a wrong file ending, a missing Drucksache or Stand A."""
        if self.layout not in SUFFIXES:
            return [FieldProblem("layout", f"Unbekanntes Exportformat „{self.layout}“.")]
        problems = []
        if path.suffix.lower() != self.suffix:
            problems.append(
                FieldProblem(
                    "datei",
                    f"Die Datei „{path.name}“ muss für {LABELS[self.layout]} auf {self.suffix} enden.",
                )
            )
        if self.layout == "anlage" and not self.drucksache.strip():
            problems.append(FieldProblem("drucksache", "Für die Anlage bitte die Drucksache angeben."))
        if self.layout == VERGLEICH and not self.von.strip():
            problems.append(
                FieldProblem("von", "Für den Vergleich bitte den Stand angeben, von dem er ausgeht.")
            )
        return problems


class ExportService:
    """Writes measures of one database into files."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def export(
        self,
        path: Path,
        records: Sequence[MassnahmeData],
        request: ExportRequest,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Path:
        """Write ``records`` to ``path`` as ``request`` says; returns the written file.

        Raises ``ValidationError`` for a request that does not fit, ``NothingToExportError`` without
        records and ``ExportError`` when the file cannot be written (the old file then stays). The
        comparison takes no records: it reads its Stände (and today's measures) itself.
        ``progress(done, total)`` hears how far it is; once ``cancelled()`` is true the export stops
        with ``WorkCancelled`` and no file is written.
        """
        path = Path(path)
        if request.layout == VERGLEICH:
            with logged_operation(f"Export {request.label}", datei=path):
                self.write_comparison(path, request, progress=progress, cancelled=cancelled)
            return path
        with logged_operation(
            f"Export {request.label}", datei=path, counts={"Maßnahme|Maßnahmen": len(records)}
        ):
            problems = request.problems(path)
            if problems:
                raise ValidationError(problems)
            if not records:
                raise NothingToExportError(
                    "Es gibt keine Maßnahmen zum Exportieren. Es wurde keine Datei geschrieben."
                )
            checkpoints = Checkpoints(progress, cancelled, message=CANCELLED_MESSAGE)
            checkpoints.check()
            self._write(path, records, request, checkpoints)
        return path

    def write_comparison(
        self,
        path: Path,
        request: ExportRequest,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Comparison:
        """Write the comparison of Stand ``request.von`` with ``request.bis`` (or today) to ``path``;
        returns the comparison. Raises as ``export`` does, and ``NotFoundError`` for an unknown Stand."""
        from gera_desktop.excel.vergleich import VergleichOptions, write_vergleich
        from gera_desktop.services.staende import StaendeService
        from gera_desktop.services.vergleich import compare

        path = Path(path)
        problems = request.problems(path)
        if problems:
            raise ValidationError(problems)
        checkpoints = Checkpoints(progress, cancelled, message=CANCELLED_MESSAGE)
        staende = StaendeService(self._db)
        comparison = compare(staende.load(request.von), staende.snapshot(request.bis))
        checkpoints.check()
        write_vergleich(path, comparison, VergleichOptions(request.in_mio, request.intern), checkpoints)
        return comparison

    def _write(
        self, path: Path, records: Sequence[MassnahmeData], request: ExportRequest, checkpoints: Checkpoints
    ) -> None:
        """The writers (and openpyxl, SQLAlchemy for the settings) are imported with the first export."""
        from gera_desktop.excel.anlage import write_anlage
        from gera_desktop.excel.csv_export import write_csv
        from gera_desktop.excel.json_format import write_json
        from gera_desktop.excel.liste import write_liste
        from gera_desktop.services.settings import SettingsService

        if request.layout == "liste":
            rate = SettingsService(self._db).load().foerderquote
            write_liste(path, records, request.stand, checkpoints, programme_rate=rate)
            return
        settings = SettingsService(self._db).load()
        if request.layout == "anlage":
            write_anlage(path, records, request.anlage_options(), settings, checkpoints)
        elif request.layout == "csv":
            write_csv(path, records, checkpoints, settings.foerderquote)
        else:
            write_json(path, records, request.stand, checkpoints, settings.foerderquote)
