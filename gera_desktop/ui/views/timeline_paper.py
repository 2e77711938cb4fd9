"""The Zeitplan's colours on paper (its PDF, PNG and printout): fixed, for white paper whatever the screen's
theme. Its bar hues are the meaning of the colours; the screen adapts them to its palette
(``timeline_colours``)."""

from __future__ import annotations

from gera_desktop.domain.enums import Ampel, Umsetzungsstand
from gera_desktop.ui.views.timeline_style import Scheme

SUBTLE_TEXT = "#495057"
"""The summary line under a printed page's title."""

PAPER = Scheme(
    background="#ffffff",
    stripe="#f6f7f9",
    header_band="#e7ecf2",
    scale="#f1f3f5",
    selected_band="#d4e2fb",
    selection="#1c3f95",
    text="#212529",
    grid="#dde1e6",
    year_grid="#aeb5bd",
    summary="#5f6b76",
    today="#d6336c",
    today_text="#ffffff",
    milestone="#212529",
    overdue="#c92a2a",
    ampel={Ampel.GRUEN: "#2f9e44", Ampel.GELB: "#f2c200", Ampel.ROT: "#e03131"},
    no_ampel="#adb5bd",
    status={
        Umsetzungsstand.IDEE: "#c5b3e6",
        Umsetzungsstand.GEPLANT: "#a5d0ec",
        Umsetzungsstand.BEANTRAGT: "#3d8bcd",
        Umsetzungsstand.IN_UMSETZUNG: "#1b9e77",
        Umsetzungsstand.VERZOEGERT: "#f08c00",
        Umsetzungsstand.ABGESCHLOSSEN: "#5c6f82",
        Umsetzungsstand.ABGELEHNT: "#d9a3a3",
        Umsetzungsstand.ABGEBROCHEN: "#8d8d8d",
    },
)
