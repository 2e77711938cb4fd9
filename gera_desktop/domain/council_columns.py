"""The column spec of a measure's calls of funds and decisions (spec section 9): key, German header, kind
and rule, as JSON, the validation and the audit log read them. They are lists of a measure, not sheets
of the workbook (the liste layout gains only the Cluster column)."""

from __future__ import annotations

from gera_desktop.domain.columns import Column, Kind
from gera_desktop.domain.enums import Abrufstatus, Beschlussart, Beschlussergebnis

MITTELABRUFE = (
    Column("datum", "Datum", kind=Kind.DATE, required=True, rule="Pflichtfeld"),
    Column("betrag", "Betrag (€)", kind=Kind.MONEY, required=True, rule="Pflichtfeld; größer als 0"),
    Column("halbjahr", "Halbjahr", rule="z. B. 2024/I oder 2024/II; leer = nach dem Datum"),
    Column(
        "status",
        "Status",
        kind=Kind.ENUM,
        choices=Abrufstatus,
        required=True,
        rule="abgerufen und ausgezahlt zählen als abgerufen",
    ),
    Column("bemerkung", "Bemerkung", max_length=4000),
)

BESCHLUESSE = (
    Column("art", "Art", kind=Kind.ENUM, choices=Beschlussart, required=True, rule="Pflichtfeld"),
    Column("drucksache", "Drucksache-Nr.", rule="beim Stadtrat Pflichtfeld"),
    Column("ergaenzung", "Ergänzung", rule="z. B. 7. Ergänzung"),
    Column("gremium", "Gremium"),
    Column("datum", "Datum", kind=Kind.DATE, required=True, rule="Pflichtfeld"),
    Column(
        "ergebnis",
        "Ergebnis",
        kind=Kind.ENUM,
        choices=Beschlussergebnis,
        required=True,
        rule="Stadtrat: beschlossen, geändert beschlossen, abgelehnt, vertagt; "
        "Fördermittelgeber: freigegeben, Nachbesserung, abgelehnt",
    ),
    Column("umlaufbeschluss", "Umlaufbeschluss", kind=Kind.BOOL, rule="ja/nein"),
    Column("begruendung", "Begründung", max_length=4000, rule="bei Ablehnung der Grund"),
)
