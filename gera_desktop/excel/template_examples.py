"""Example values for the template's "Ausfüllhinweise": one made-up measure, written as people type it."""

from __future__ import annotations

EXAMPLES: dict[str, dict[str, str]] = {
    "massnahmen": {
        "nr": "UM-12",
        "titel": "Digitale Parkraumsteuerung Innenstadt",
        "kurzbeschreibung": "Sensoren melden freie Stellplätze an die Gera-App",
        "art": "Umsetzungsmaßnahme",
        "innovationsfeld": "Mobilität und Infrastruktur",
        "zielbild": "Multimodale Mobilität",
        "cluster": "Smarte Mobilität",
        "stadtteil": "Innenstadt",
        "federfuehrung": "Fachdienst Verkehr",
        "partner": "Stadtwerke Gera AG",
        "ansprechpartner": "Vorname Nachname",
        "telefon": "0365 838-0000",
        "email": "vorname.nachname@gera.de",
        "beginn": "01.03.2025",
        "ende": "31.12.2026",
        "status": "in Umsetzung",
        "ampel": "grün",
        "fortschritt": "40",
        "gesamtkosten": "450.000,00",
        "foerderfaehig": "450.000,00",
        "foerderquote": "90",
        "bundesmittel": "405.000,00",
        "drittmittel": "0,00",
        "eigenanteil": "45.000,00",
        "abgerufen": "120.000,00",
        "produkt": "1.1.1.01",
        "investitionsnummer": "I-2025-017",
        "drucksache": "82/2019 7. Ergänzung",
        "beschlussdatum": "12.06.2024",
        "freigabe": "freigegeben",
        "beteiligung": "ja",
        "verstetigung": "Stadtwerke Gera AG",
        "folgekosten": "12.000,00",
        "wirkungsindikator": "Suchverkehr in der Innenstadt",
        "zielwert": "20 % weniger bis 2027",
        "bemerkung": "Vergabe läuft",
        "stand": "",
    },
    "meilensteine": {
        "nr": "UM-12",
        "bezeichnung": "Ausschreibung veröffentlicht",
        "termin": "30.06.2025",
        "erledigt_am": "27.06.2025",
        "bemerkung": "über die Vergabeplattform",
    },
    "finanzen": {
        "nr": "UM-12",
        "jahr": "2025",
        "plan": "200.000,00",
        "ist": "150.000,00",
        "abgerufen": "120.000,00",
    },
    "beteiligungen": {
        "nr": "UM-12",
        "datum": "15.05.2025",
        "format": "Workshop",
        "ort": "Rathaus, Beratungsraum",
        "teilnehmende": "35",
        "ergebnis": "Standorte der Sensoren abgestimmt",
    },
}


def example(sheet: str, column: str) -> str:
    """The example value of a column of a sheet (by their keys in the column spec)."""
    return EXAMPLES.get(sheet, {}).get(column, "")
