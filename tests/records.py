"""Sample measures (plain records) for writer, CSV and JSON tests, including the awkward cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from gera_desktop.domain.enums import (
    Ampel,
    Freigabe,
    Innovationsfeld,
    Projektart,
    Umsetzungsstand,
    Zielbild,
)
from gera_desktop.domain.records import BeteiligungData, FinanzjahrData, MassnahmeData, MeilensteinData

LONG_TEXT = "Sehr lange Beschreibung. " * 1200
"""30,000 characters: long, but still fits into one Excel cell."""


def measure(nr: str = "P-01", **overrides: Any) -> MassnahmeData:
    """A complete, consistent measure; ``overrides`` replace single fields."""
    values: dict[str, Any] = {
        "nr": nr,
        "titel": "Bürger-Serviceportal und digitale Bürgerdienste",
        "innovationsfeld": Innovationsfeld.WIRTSCHAFT,
        "federfuehrung": "Amt für Zentrale Steuerung",
        "beginn": date(2021, 2, 1),
        "ende": date(2022, 6, 30),
        "status": Umsetzungsstand.ABGESCHLOSSEN,
        "gesamtkosten": Decimal("52000.00"),
        "kurzbeschreibung": "Online-Dienste für Bürgerinnen und Bürger",
        "art": Projektart.PILOT,
        "zielbild": Zielbild.LERNEN,
        "stadtteil": "Innenstadt",
        "partner": "Thüringer Landesverwaltungsamt",
        "ansprechpartner": "A. Muster",
        "telefon": "0365 838-1200",
        "email": "muster@smartcity.example",
        "ampel": Ampel.GRUEN,
        "fortschritt": Decimal("100"),
        "foerderfaehig": Decimal("52000.00"),
        "foerderquote": Decimal("90"),
        "bundesmittel": Decimal("46800.00"),
        "drittmittel": Decimal("0.00"),
        "eigenanteil": Decimal("5200.00"),
        "abgerufen": Decimal("46800.00"),
        "produkt": "1.1.1.01",
        "investitionsnummer": "I-2021-07",
        "drucksache": "82/2019 7. Ergänzung",
        "beschlussdatum": date(2021, 12, 14),
        "freigabe": Freigabe.FREIGEGEBEN,
        "beteiligung": True,
        "verstetigung": "Amt für Zentrale Steuerung",
        "folgekosten": Decimal("4500.00"),
        "wirkungsindikator": "Zahl der Online-Anträge",
        "zielwert": "5.000 pro Jahr",
        "bemerkung": "Intern: Verlängerung geprüft",
        "stand": date(2024, 6, 30),
    }
    values.update(overrides)
    return MassnahmeData(**values)


def with_children(record: MassnahmeData) -> MassnahmeData:
    """The record with two milestones, two budget years and one participation event."""
    record.meilensteine = [
        MeilensteinData("Start Pilotbetrieb", date(2021, 9, 1), date(2021, 9, 3), "pünktlich"),
        MeilensteinData("Abschlussbericht", date(2022, 6, 30)),
    ]
    record.finanzen = [
        FinanzjahrData(2021, Decimal("30000.00"), Decimal("29500.50"), Decimal("26550.45")),
        FinanzjahrData(2022, Decimal("22000.00"), None, None),
    ]
    record.beteiligungen = [
        BeteiligungData(date(2021, 5, 4), "Workshop", "Rathaus, Ratssaal", 34, "Wünsche gesammelt"),
    ]
    return record


def sample_records() -> list[MassnahmeData]:
    """Four measures covering the edge cases every writer must handle."""
    formulas = measure(
        "UM-01",
        titel="=SUMME(A1:A9)",
        kurzbeschreibung="-5",
        partner="@x",
        stadtteil="+49 Stadtmitte",
        zielwert="#NV",
        innovationsfeld=Innovationsfeld.TOURISMUS,
        status=Umsetzungsstand.IN_UMSETZUNG,
        zusatzspalten={"Interne Notiz": "=1+1", "Priorität": 2},
    )
    empty_funding = measure(
        "UM-02",
        titel="Sensorik für Hochwasserprävention an der Weißen Elster",
        innovationsfeld=Innovationsfeld.UMWELT,
        status=Umsetzungsstand.GEPLANT,
        gesamtkosten=Decimal("420000.00"),
        **dict.fromkeys(
            ("foerderfaehig", "foerderquote", "bundesmittel", "drittmittel", "eigenanteil", "abgerufen"), None
        ),
        fortschritt=Decimal("33.5"),
        ampel=None,
        zielbild=None,
        beteiligung=False,
        freigabe=Freigabe.NICHT_EINGEREICHT,
        beschlussdatum=None,
        zusatzspalten={"Priorität": 1, "Förderaufruf": "2021"},
    )
    long_text = measure(
        "UM-03",
        titel="Grünflächen-Monitoring „Ökologie“ in Gera-Lusan",
        kurzbeschreibung=LONG_TEXT,
        bemerkung="Zeile eins\nZeile zwei",
        innovationsfeld=Innovationsfeld.UMWELT,
        gesamtkosten=Decimal("1234567.89"),
        foerderfaehig=Decimal("1000000.00"),
        foerderquote=Decimal("90.5"),
        bundesmittel=Decimal("905000.00"),
        drittmittel=Decimal("100000.00"),
        eigenanteil=Decimal("229567.89"),
        abgerufen=None,
    )
    return [with_children(measure()), formulas, empty_funding, long_text]
