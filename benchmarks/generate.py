"""Generate a Maßnahmenliste in the city's format with many measures (for benchmarks and fault tests)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from gera_desktop.domain.enums import Ampel, Innovationsfeld, Umsetzungsstand
from gera_desktop.excel.columns import BETEILIGUNGEN, FINANZEN, MASSNAHMEN, MEILENSTEINE

MEASURE_KEYS = (
    "nr", "titel", "kurzbeschreibung", "innovationsfeld", "federfuehrung", "ansprechpartner", "email",
    "beginn", "ende", "status", "ampel", "fortschritt", "gesamtkosten", "foerderquote", "bundesmittel",
    "drittmittel", "eigenanteil", "drucksache", "beteiligung",
)  # fmt: skip


def _headers(columns: tuple, keys: tuple[str, ...]) -> list[str]:
    by_key = {c.key: c.header for c in columns}
    return [by_key[k] for k in keys]


def measure_row(i: int, rng: random.Random) -> list[object]:
    """One measure with plausible values; the funding figures add up."""
    beginn = date(2022, 1, 1) + timedelta(days=rng.randrange(700))
    kosten = rng.randrange(10_000, 2_000_000)
    bund = round(kosten * 0.9, 2)
    return [
        f"M-{i:05d}", f"Maßnahme Nummer {i}", "Digitale Plattform für die Stadtgesellschaft " * 2,
        rng.choice(list(Innovationsfeld)).value, rng.choice(["Umweltamt", "Amt für Zentrale Steuerung"]),
        "A. Muster", f"person{i}@gera.example", beginn, beginn + timedelta(days=rng.randrange(200, 1200)),
        rng.choice(list(Umsetzungsstand)).value, rng.choice(list(Ampel)).value, rng.randrange(0, 101),
        kosten, 90, bund, 0, round(kosten - bund, 2), f"{i}/2024", rng.choice(["ja", "nein"]),
    ]  # fmt: skip


def generate(
    path: Path, measures: int, milestones: int = 5, years: int = 4, seed: int = 1, *, write_only: bool = True
) -> Path:
    """Write the workbook: title block, header in row 5, and the child sheets (Plan adds up to the costs).

    ``write_only=False`` writes as Excel does, with the sheet's recorded ``<dimension>``.
    """
    rng = random.Random(seed)
    wb = Workbook(write_only=write_only)
    if not write_only:
        wb.remove(wb.active)
    sheet = wb.create_sheet("Maßnahmen")
    for line in ("Stadt Gera – Smart City Modellprojekt", "Maßnahmenliste", "Stand: 30.06.2024", None):
        sheet.append([line])
    sheet.append(_headers(MASSNAHMEN, MEASURE_KEYS))
    ms = wb.create_sheet("Meilensteine")
    ms.append(_headers(MEILENSTEINE, ("nr", "bezeichnung", "termin", "erledigt_am")))
    fin = wb.create_sheet("Finanzen")
    fin.append(_headers(FINANZEN, ("nr", "jahr", "plan", "ist", "abgerufen")))
    wb.create_sheet("Beteiligung").append(_headers(BETEILIGUNGEN, ("nr", "datum", "format")))
    for i in range(1, measures + 1):
        row = measure_row(i, rng)
        sheet.append(row)
        for k in range(milestones):
            termin = date(2023, 1, 1) + timedelta(days=60 * k)
            ms.append([row[0], f"Meilenstein {k + 1}", termin, termin if k < 2 else None])
        for y in range(years):
            plan = row[12] // years + (row[12] % years if y == 0 else 0)  # type: ignore[operator]
            fin.append([row[0], 2023 + y, plan, plan // 2 if y < 2 else 0, 0])
    wb.save(path)
    return path
