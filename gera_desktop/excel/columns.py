"""The sheets of the Maßnahmenliste workbook (spec sections 1 and 4) over the column spec of
``domain.columns``, and the cell formats the writers use.

Reader, both workbook layouts, CSV and JSON read these tables; the columns themselves (header, synonyms,
kind, rule, visibility) live in the domain, where the GUI reads them too.
"""

from __future__ import annotations

from dataclasses import dataclass

from gera_desktop.domain.columns import (
    BETEILIGUNG_FORMATE,
    BETEILIGUNGEN,
    FINANZEN,
    MASSNAHMEN,
    MEILENSTEINE,
    NR,
    Column,
    Kind,
    Visibility,
)
from gera_desktop.domain.council_columns import BESCHLUESSE, MITTELABRUFE

__all__ = [
    "BETEILIGUNGEN",
    "BETEILIGUNG_FORMATE",
    "DATE_FORMAT",
    "FINANZEN",
    "LIST_COLUMNS",
    "MASSNAHMEN",
    "MEILENSTEINE",
    "MONEY_FORMAT",
    "NR",
    "PERCENT_FORMAT",
    "SHEETS",
    "SHEET_BETEILIGUNGEN",
    "SHEET_FINANZEN",
    "SHEET_MASSNAHMEN",
    "SHEET_MEILENSTEINE",
    "Column",
    "Kind",
    "SheetSpec",
    "Visibility",
]


@dataclass(frozen=True)
class SheetSpec:
    """One sheet of the workbook: its names, its columns and the key of its rows."""

    key: str
    title: str
    names: tuple[str, ...]
    columns: tuple[Column, ...]
    row_key: tuple[str, ...]
    required: bool = False

    def column(self, key: str) -> Column:
        """The column with this key."""
        return next(c for c in self.columns if c.key == key)


SHEET_MASSNAHMEN = SheetSpec(
    "massnahmen",
    "Maßnahmen",
    ("Maßnahmen", "Maßnahmenliste", "Projekte", "Projektliste", "Übersicht"),
    MASSNAHMEN,
    ("nr",),
    required=True,
)
SHEET_MEILENSTEINE = SheetSpec(
    "meilensteine", "Meilensteine", ("Meilensteine", "Termine"), MEILENSTEINE, ("nr", "bezeichnung")
)
SHEET_FINANZEN = SheetSpec(
    "finanzen",
    "Finanzen",
    ("Finanzen", "Finanzplan", "Jahresscheiben", "Kosten- und Finanzierungsplan"),
    FINANZEN,
    ("nr", "jahr"),
)
SHEET_BETEILIGUNGEN = SheetSpec(
    "beteiligungen",
    "Beteiligung",
    ("Beteiligung", "Bürgerbeteiligung", "Beteiligungen"),
    BETEILIGUNGEN,
    ("nr", "datum", "format"),
)

SHEETS = (SHEET_MASSNAHMEN, SHEET_MEILENSTEINE, SHEET_FINANZEN, SHEET_BETEILIGUNGEN)
LIST_COLUMNS: dict[str, tuple[Column, ...]] = {
    **{sheet.key: sheet.columns[1:] for sheet in SHEETS[1:]},
    "mittelabrufe": MITTELABRUFE,
    "beschluesse": BESCHLUESSE,
}
"""The columns of every list of a measure, by its key (without the Nr. the sheets name the measure by):
the three sheets' and the calls and decisions, which have no sheet (spec section 9)."""

MONEY_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "DD.MM.YYYY"
PERCENT_FORMAT = "0 %"
