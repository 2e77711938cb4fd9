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
