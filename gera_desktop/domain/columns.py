"""The single column spec of a measure and its lists (spec sections 1, 3 and 4): key, German header,
synonyms, kind, rule, public or internal.

The workbook's reader and writers (``excel.columns`` adds the sheets), CSV, JSON, the validation, the list
view's headers and the detail form all read these tables; nothing else names a header or a synonym.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum

from gera_desktop.domain.enums import (
    Ampel,
    Freigabe,
    Innovationsfeld,
    Projektart,
    Umsetzungsstand,
    Zielbild,
)


class Kind(Enum):
    """How a cell is parsed and written."""

    TEXT = "Text"
    DATE = "Datum"
    MONEY = "Betrag"
    PERCENT = "Prozent"
    INTEGER = "Ganzzahl"
    YEAR = "Jahr"
    ENUM = "Auswahl"
    BOOL = "ja/nein"


class Visibility(Enum):
    """Who may see a column: everybody, or only the administration (personal data, internal notes)."""

    PUBLIC = "öffentlich"
    PERSONAL = "personenbezogen"
    INTERNAL = "intern"


@dataclass(frozen=True)
class Column:
    """One column: its key in code, its German header, accepted synonyms, type and rule."""

    key: str
    header: str
    synonyms: tuple[str, ...] = ()
    kind: Kind = Kind.TEXT
    required: bool = False
    max_length: int | None = None
    choices: type[StrEnum] | None = None
    aliases: dict[str, str] = field(default_factory=dict)
    minimum: int | None = None
    maximum: int | None = None
    visibility: Visibility = Visibility.PUBLIC
    rule: str = ""

    @property
    def public(self) -> bool:
        """True when the column may appear in public exports."""
        return self.visibility is Visibility.PUBLIC

    @property
    def names(self) -> tuple[str, ...]:
        """The header and every synonym."""
        return (self.header, *self.synonyms)


def _c(key: str, header: str, *synonyms: str, **options: object) -> Column:
    return Column(key, header, synonyms, **options)  # type: ignore[arg-type]


NR = _c(
    "nr",
    "Maßnahmen-Nr.",
    "Nr.",
    "Lfd. Nr.",
    "Projekt-Nr.",
    "Projektnummer",
    "Maßnahmennummer",
    "ID",
    required=True,
    max_length=20,
    rule="Pflichtfeld; eindeutig; Buchstaben, Ziffern, Leerzeichen, - / .",
)

MASSNAHMEN = (
    NR,
    _c(
        "titel",
        "Maßnahme",
        "Titel",
        "Projekt",
        "Projekttitel",
        "Bezeichnung",
        "Vorhaben",
        required=True,
        max_length=200,
        rule="Pflichtfeld",
    ),
    _c("kurzbeschreibung", "Kurzbeschreibung", "Beschreibung", "Ziel", max_length=4000),
    _c(
        "art",
        "Projektart",
        "Art",
        "Typ",
        "Phase",
        kind=Kind.ENUM,
        choices=Projektart,
        aliases={"Pilot": "Pilotprojekt", "Umsetzung": "Umsetzungsmaßnahme"},
        rule="leer = Umsetzungsmaßnahme",
    ),
    _c(
        "innovationsfeld",
        "Innovationsfeld",
        "Handlungsfeld",
        "Themenfeld",
        kind=Kind.ENUM,
        choices=Innovationsfeld,
        required=True,
        rule="Pflichtfeld",
    ),
    _c("zielbild", "Zielbild", kind=Kind.ENUM, choices=Zielbild),
    _c(
        "cluster",
        "Cluster",
        "Projektbündel",
        "Bündel",
        max_length=120,
        rule="Name eines Clusters; ein neuer Name legt das Cluster an",
    ),
    _c("stadtteil", "Stadtteil", "Raumbezug", "Ortsteil"),
    _c(
        "federfuehrung",
        "Federführung",
        "Federführendes Amt",
        "Amt",
        "Fachbereich",
        "Verantwortlich",
        "Zuständigkeit",
        required=True,
        max_length=120,
        rule="Pflichtfeld",
    ),
    _c("partner", "Partner", "Beteiligte", "Beteiligte Partner", "Kooperationspartner"),
    _c(
        "ansprechpartner",
        "Ansprechpartner/in",
        "Ansprechpartner",
        "Ansprechpartnerin",
        "Kontakt",
        "Projektleitung",
        visibility=Visibility.PERSONAL,
        rule="personenbezogen, nicht öffentlich",
    ),
    _c(
        "telefon",
        "Telefon",
        "Tel.",
        "Telefonnummer",
        visibility=Visibility.PERSONAL,
        rule="personenbezogen, nicht öffentlich",
    ),
    _c(
        "email",
        "E-Mail",
        "Mail",
        "E-Mail-Adresse",
        visibility=Visibility.PERSONAL,
        rule="genau ein @; personenbezogen, nicht öffentlich",
    ),
    _c(
        "beginn",
        "Beginn",
        "Start",
        "Projektbeginn",
        "Beginn (geplant)",
        "Laufzeit von",
        kind=Kind.DATE,
        required=True,
        rule="Pflichtfeld; TT.MM.JJJJ",
    ),
    _c(
        "ende",
        "Ende",
        "Projektende",
        "Ende (geplant)",
        "Laufzeit bis",
        kind=Kind.DATE,
        required=True,
        rule="Pflichtfeld; nicht vor Beginn",
    ),
    _c(
        "status",
        "Umsetzungsstand",
        "Status",
        "Stand der Umsetzung",
        "Bearbeitungsstand",
        kind=Kind.ENUM,
        choices=Umsetzungsstand,
        required=True,
        aliases={"in Arbeit": "in Umsetzung", "Verzug": "verzögert"},
        rule="Pflichtfeld",
    ),
    _c(
        "ampel", "Ampel", "Ampelstatus", "Bewertung", kind=Kind.ENUM, choices=Ampel, aliases={"gruen": "grün"}
    ),
    _c(
        "fortschritt",
        "Fortschritt (%)",
        "Fortschritt",
        "Vervollständigung",
        kind=Kind.PERCENT,
        rule="0 bis 100 %",
    ),
    _c(
        "gesamtkosten",
        "Gesamtkosten (€)",
        "Gesamtkosten",
        "Kosten",
        "Gesamtvolumen",
        "Gesamtausgaben",
        kind=Kind.MONEY,
        required=True,
        rule="Pflichtfeld; nicht negativ",
    ),
    _c(
        "foerderfaehig",
        "davon förderfähig (€)",
        "förderfähige Kosten",
        "zuwendungsfähig",
        kind=Kind.MONEY,
        rule="höchstens Gesamtkosten; leer = Gesamtkosten",
    ),
    _c(
        "foerderquote",
        "Förderquote (%)",
        "Förderquote",
        "Fördersatz",
        kind=Kind.PERCENT,
        rule="leer = Programmförderquote (90 %)",
    ),
    _c(
        "bundesmittel",
        "Bundesmittel (€)",
        "Fördermittel",
        "Förderung",
        "Zuwendung",
        "Bundesanteil",
        kind=Kind.MONEY,
        rule="leer = förderfähig × Förderquote; höchstens dieser Wert",
    ),
    _c("drittmittel", "Drittmittel (€)", "Mittel Dritter", kind=Kind.MONEY, rule="leer = 0"),
    _c(
        "eigenanteil",
        "Eigenanteil (€)",
        "Eigenmittel",
        "Eigenanteil Stadt",
        "kommunaler Anteil",
        kind=Kind.MONEY,
        rule="leer = Gesamtkosten − Bundesmittel − Drittmittel",
    ),
    _c(
        "abgerufen",
        "Mittel abgerufen (€)",
        "abgerufen",
        "Mittelabruf",
        "abgerufene Mittel",
        kind=Kind.MONEY,
        rule="höchstens Bundesmittel",
    ),
    _c("produkt", "Produkt", "Produktnummer", "Teilplan", rule="Doppik-Produkt, z. B. 1.1.1.01"),
    _c("investitionsnummer", "Investitionsnummer", "Inv.-Nr.", "Kostenstelle"),
    _c("drucksache", "Drucksache-Nr.", "Drucksache", "DS-Nr.", "Beschluss-Nr.", "Vorlage"),
    _c("beschlussdatum", "Beschlussdatum", "Datum Beschluss", "Stadtratsbeschluss vom", kind=Kind.DATE),
    _c(
        "freigabe",
        "Freigabe Fördermittelgeber",
        "Freigabe",
        "Freigabe KfW",
        "Stand Förderung",
        kind=Kind.ENUM,
        choices=Freigabe,
        rule="leer = nicht eingereicht",
    ),
    _c(
        "beteiligung",
        "Bürgerbeteiligung",
        "Beteiligung vorgesehen",
        kind=Kind.BOOL,
        rule="ja/nein, x = ja, leer = nein",
    ),
    _c("verstetigung", "Betrieb nach Projektende", "Verstetigung", "Weiterbetrieb durch", "Betreiber"),
    _c(
        "folgekosten",
        "Folgekosten p. a. (€)",
        "Folgekosten",
        "jährliche Folgekosten",
        kind=Kind.MONEY,
        rule="jährliche Betriebskosten nach Projektende",
    ),
    _c("wirkungsindikator", "Wirkungsindikator", "Indikator", "Kennzahl"),
    _c("zielwert", "Zielwert", "Zielgröße"),
    _c(
        "bemerkung",
        "Bemerkungen",
        "Bemerkung",
        "Anmerkungen",
        "Hinweise",
        max_length=4000,
        visibility=Visibility.INTERNAL,
        rule="intern, nicht öffentlich",
    ),
    _c(
        "stand",
        "Stand",
        "Letzte Aktualisierung",
        "aktualisiert am",
        kind=Kind.DATE,
        rule="wird bei jeder Änderung gesetzt",
    ),
)

MEILENSTEINE = (
    NR,
    _c(
        "bezeichnung",
        "Meilenstein",
        "Bezeichnung",
        "Titel",
        required=True,
        max_length=200,
        rule="Pflichtfeld",
    ),
    _c(
        "termin", "Termin", "Fällig am", "geplant", "Datum", kind=Kind.DATE, required=True, rule="Pflichtfeld"
    ),
    _c("erledigt_am", "Erledigt am", "erledigt", "Ist-Termin", kind=Kind.DATE),
    _c("bemerkung", "Bemerkung", max_length=4000),
)

FINANZEN = (
    NR,
    _c(
        "jahr",
        "Haushaltsjahr",
        "Jahr",
        kind=Kind.YEAR,
        required=True,
        minimum=2019,
        maximum=2035,
        rule="Pflichtfeld; 2019 bis 2035",
    ),
    _c("plan", "Plan (€)", "Planansatz", "Ansatz", "Soll", kind=Kind.MONEY),
    _c("ist", "Ist (€)", "Ist-Ausgaben", "Ausgaben", kind=Kind.MONEY),
    _c("abgerufen", "Abgerufen (€)", "Mittelabruf", kind=Kind.MONEY),
)

BETEILIGUNG_FORMATE = (
    "Workshop",
    "Bürgerforum",
    "Vollversammlung",
    "Online-Umfrage",
    "Ideenwettbewerb",
    "Mitmachkurs",
    "Infostand",
)

BETEILIGUNGEN = (
    NR,
    _c("datum", "Datum", "Termin", kind=Kind.DATE, required=True, rule="Pflichtfeld"),
    _c(
        "format",
        "Format",
        "Beteiligungsformat",
        "Art",
        required=True,
        max_length=120,
        rule="Pflichtfeld; z. B. " + ", ".join(BETEILIGUNG_FORMATE),
    ),
    _c("ort", "Ort"),
    _c("teilnehmende", "Teilnehmende", "Teilnehmer", "Anzahl", kind=Kind.INTEGER, minimum=0),
    _c("ergebnis", "Ergebnis", "Ergebnisse", "Wirkung auf die Maßnahme", max_length=4000),
)
