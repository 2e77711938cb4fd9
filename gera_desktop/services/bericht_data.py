"""What the Sachstandsbericht shows (``services.core_bericht`` reads it, the ui paints it): apart from the
use case so that the program window is painted before this class is made."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from gera_desktop.domain.fristen import Frist
    from gera_desktop.domain.programm import ProgrammStand
    from gera_desktop.domain.records import MassnahmeData
    from gera_desktop.domain.settings import ProgrammEinstellungen
    from gera_desktop.services.overview import OverviewFigures


@dataclass(frozen=True)
class ReportData:
    """What the Sachstandsbericht of ``stand`` shows: the measures (with their children, by Nr.), the
    programme settings, and of those measures at ``stand`` the Übersicht's figures, the programme view
    (funds called and at risk) and the Fristen."""

    stand: date
    settings: ProgrammEinstellungen
    figures: OverviewFigures
    programm: ProgrammStand
    fristen: list[Frist]
    records: list[MassnahmeData]
