"""The closed value lists of the Maßnahmenliste (spec section 3), exactly as the city writes them."""

from enum import StrEnum


class Innovationsfeld(StrEnum):
    """The six fields of the Smart City strategy."""

    BAUEN = "Bauen, Wohnen und Lebensraum"
    ENERGIE = "Energie"
    MOBILITAET = "Mobilität und Infrastruktur"
    TOURISMUS = "Tourismus, Kultur und Freizeit"
    UMWELT = "Umwelt"
    WIRTSCHAFT = "Wirtschaft und Innovationskraft"


class Zielbild(StrEnum):
    """The four target pictures of the strategy."""

    LEBENSKONZEPTE = "Attraktive Arbeits-, Wohn- und Lebenskonzepte"
    MOBILITAET = "Multimodale Mobilität"
    NACHHALTIGKEIT = "Nachhaltigkeit"
    LERNEN = "Lebenslanges Lernen und Innovation"


class Projektart(StrEnum):
    """Pilot project (strategy phase) or implementation measure."""

    PILOT = "Pilotprojekt"
    UMSETZUNG = "Umsetzungsmaßnahme"


class Umsetzungsstand(StrEnum):
    """Where a measure stands."""

    IDEE = "Idee"
    GEPLANT = "geplant"
    BEANTRAGT = "beantragt"
    IN_UMSETZUNG = "in Umsetzung"
    VERZOEGERT = "verzögert"
    ABGESCHLOSSEN = "abgeschlossen"
    ABGELEHNT = "abgelehnt"
    ABGEBROCHEN = "abgebrochen"

    @property
    def counts_in_programme(self) -> bool:
        """Whether the measure counts in programme totals (spec section 8: not abgelehnt or abgebrochen)."""
        return self not in NOT_PURSUED


NOT_PURSUED = frozenset({Umsetzungsstand.ABGELEHNT, Umsetzungsstand.ABGEBROCHEN})
"""Measures no longer pursued: listed apart and counted in no programme total (spec section 8)."""


class Ampel(StrEnum):
    """Traffic-light assessment."""

    GRUEN = "grün"
    GELB = "gelb"
    ROT = "rot"


class Freigabe(StrEnum):
    """Approval state at the funding body (KfW / BBSR)."""

    NICHT_EINGEREICHT = "nicht eingereicht"
    EINGEREICHT = "eingereicht"
    NACHBESSERUNG = "Nachbesserung"
    FREIGEGEBEN = "freigegeben"
    ABGELEHNT = "abgelehnt"


class Quelle(StrEnum):
    """Where an audited change came from; imports append the file name."""

    BEARBEITUNG = "Bearbeitung"
    IMPORT = "Import"
    WIEDERHERSTELLUNG = "Wiederherstellung"


class Abrufstatus(StrEnum):
    """Where a call of federal funds (Mittelabruf) stands; only abgerufen and ausgezahlt count as called."""

    GEPLANT = "geplant"
    ABGERUFEN = "abgerufen"
    AUSGEZAHLT = "ausgezahlt"

    @property
    def called(self) -> bool:
        """Whether the call counts as called (spec section 9)."""
        return self is not Abrufstatus.GEPLANT


class Beschlussart(StrEnum):
    """Who decided: the city council (with its committees) or the funding body."""

    STADTRAT = "Stadtrat"
    FOERDERMITTELGEBER = "Fördermittelgeber"


class Beschlussergebnis(StrEnum):
    """The result of a decision: the council's four, the funding body's three (spec section 9)."""

    BESCHLOSSEN = "beschlossen"
    GEAENDERT_BESCHLOSSEN = "geändert beschlossen"
    ABGELEHNT = "abgelehnt"
    VERTAGT = "vertagt"
    FREIGEGEBEN = "freigegeben"
    NACHBESSERUNG = "Nachbesserung"


ERGEBNISSE = {
    Beschlussart.STADTRAT: (
        Beschlussergebnis.BESCHLOSSEN,
        Beschlussergebnis.GEAENDERT_BESCHLOSSEN,
        Beschlussergebnis.ABGELEHNT,
        Beschlussergebnis.VERTAGT,
    ),
    Beschlussart.FOERDERMITTELGEBER: (
        Beschlussergebnis.FREIGEGEBEN,
        Beschlussergebnis.NACHBESSERUNG,
        Beschlussergebnis.ABGELEHNT,
    ),
}
"""The results each kind of decision can have."""
