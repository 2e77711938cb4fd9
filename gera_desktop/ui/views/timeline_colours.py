"""The Zeitplan's colours on screen, made from the palette, so that a dark or high-contrast theme (Windows'
"Kontrast" themes) shows it as clearly as the light one: the palette's background, alternate rows and text,
group headers as the list's, the selection in its Highlight colour. The bars keep the hues of paper
(``timeline_paper``: their meaning), made to stand apart from the background; their edges, the today line,
milestones and group summaries stand out from it at least as WCAG asks of graphics (3 : 1)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from gera_desktop.ui.colours import Role, Shade, blend, contrast, readable, shade_colour, tint
from gera_desktop.ui.views.timeline_paper import PAPER
from gera_desktop.ui.views.timeline_style import Scheme

GRAPHIC = 3.0
"""WCAG's least contrast of a graphic against its background (a bar's edge, a line, a diamond)."""
FILL = 1.5
"""The least contrast of a bar's fill against the background (its edge makes the outline clear)."""


def screen_scheme(palette: QPalette) -> Scheme:
    """The Zeitplan's colours in ``palette``."""
    base, text = palette.color(Role.Base), palette.color(Role.Text)

    def against(hue: str | QColor, ratio: float) -> str:
        return readable(QColor(hue), base, ratio).name()

    ampel = {key: against(hue, FILL) for key, hue in PAPER.ampel.items()}
    status = {key: against(hue, FILL) for key, hue in PAPER.status.items()}
    no_ampel = against(PAPER.no_ampel, FILL)
    fills = [*ampel.values(), no_ampel, *status.values()]
    today = against(PAPER.today, GRAPHIC)
    return Scheme(
        background=base.name(),
        stripe=palette.color(Role.AlternateBase).name(),
        header_band=shade_colour(palette, Shade.BAND).name(),
        scale=tint(palette, text, 0.06).name(),
        selected_band=tint(palette, palette.color(Role.Highlight), 0.3).name(),
        selection=against(palette.color(Role.Highlight), GRAPHIC),
        text=text.name(),
        grid=blend(base, text, 0.15).name(),
        year_grid=against(blend(base, text, 0.4), GRAPHIC),
        summary=against(blend(text, base, 0.35), GRAPHIC),
        today=today,
        today_text=_best_text(QColor(today), text, base),
        milestone=text.name(),
        overdue=against(PAPER.overdue, GRAPHIC),
        ampel=ampel,
        no_ampel=no_ampel,
        status=status,
        edges={fill: against(fill, GRAPHIC) for fill in fills},
    )


def _best_text(fill: QColor, *choices: QColor) -> str:
    """Of ``choices``, the colour that reads best on ``fill``, made readable on it."""
    return readable(max(choices, key=lambda choice: contrast(choice, fill)), fill).name()
