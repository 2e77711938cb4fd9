"""The Zeitplan's colours: on screen from the palette (a high-contrast theme shows it black on white text,
bars and lines standing out), on paper the fixed ones whatever the screen's theme."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from gera_desktop.domain.enums import Ampel
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.ui.colours import READABLE, Role, contrast
from gera_desktop.ui.views.timeline import TimelineView
from gera_desktop.ui.views.timeline_colours import GRAPHIC, screen_scheme
from gera_desktop.ui.views.timeline_paper import PAPER
from gera_desktop.ui.views.timeline_style import ColourMode, Palette, Scheme
from tests.ui import timeline_support as tl
from tests.ui.contrast_support import contrast_and_font, high_contrast


def _dark() -> QPalette:
    palette = QPalette(QColor("#2d2d2d"))
    for role, colour in ((Role.Base, "#1e1e1e"), (Role.AlternateBase, "#262626"), (Role.Text, "#e6e6e6")):
        palette.setColor(role, QColor(colour))
    palette.setColor(Role.Highlight, QColor("#264f78"))  # a dark blue: too dark to show on its own
    return palette


PALETTES = {"hell": lambda: QApplication.palette(), "Kontrast": high_contrast, "dunkel": _dark}


def _ratio(first: str, second: str) -> float:
    return contrast(QColor(first), QColor(second))


@pytest.mark.parametrize("name", PALETTES)
def test_on_screen_text_reads_and_bars_lines_and_milestones_stand_out(qapp, name: str) -> None:
    scheme = screen_scheme(PALETTES[name]())
    for band in (scheme.background, scheme.stripe, scheme.header_band, scheme.selected_band, scheme.scale):
        assert _ratio(scheme.text, band) >= READABLE, band
    assert _ratio(scheme.today_text, scheme.today) >= READABLE
    graphics = [scheme.today, scheme.overdue, scheme.summary, scheme.selection, scheme.milestone]
    graphics += [scheme.year_grid, *(scheme.edge(fill) for fill in scheme.fills())]
    for colour in graphics:
        assert _ratio(colour, scheme.background) >= GRAPHIC, colour
    pens = Palette()
    for fill in scheme.fills():
        assert contrast(pens.text_on(fill, scheme).color(), QColor(fill)) >= READABLE, fill  # "45 %"


@pytest.mark.parametrize("name", PALETTES)
def test_on_screen_every_bar_colour_of_a_mode_stays_its_own(qapp, name: str) -> None:
    scheme = screen_scheme(PALETTES[name]())
    for mode in ColourMode:
        fills = [QColor(colour) for _label, colour in scheme.legend(mode)]
        for one, other in combinations(fills, 2):
            distance = sum(abs(a - b) for a, b in zip(_rgb(one), _rgb(other), strict=True))
            assert distance >= 60, (mode, one.name(), other.name())


def _rgb(colour: QColor) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()


def test_the_selection_is_drawn_in_the_palettes_highlight(qapp) -> None:
    assert screen_scheme(high_contrast()).selection == QColor("yellow").name()
    assert screen_scheme(high_contrast()).selected_band != screen_scheme(high_contrast()).background
    dark = screen_scheme(_dark())  # a Highlight too dark on the dark background is lightened
    assert dark.selection != QColor("#264f78").name()
    assert _ratio(dark.selection, dark.background) >= GRAPHIC


def _share(widget: QWidget, *colours: str) -> float:
    """The share of ``widget``'s pixels that are one of ``colours``."""
    return _image_share(widget.grab().toImage(), *colours)


def _image_share(image: QImage, *colours: str) -> float:
    step = 4
    points = [(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)]
    same = sum(1 for x, y in points if image.pixelColor(x, y).name() in colours)
    return same / len(points)


@pytest.fixture
def view(qtbot, demo_records: list[MassnahmeData]) -> TimelineView:
    return tl.shown_view(qtbot, demo_records)


@pytest.fixture
def demo_records(database) -> list[MassnahmeData]:
    return tl.demo_records(database)


def test_a_high_contrast_theme_turns_the_zeitplan_black_with_its_own_bars(qtbot, qapp, view) -> None:
    assert _share(view.chart.viewport(), "#000000") < 0.05
    with contrast_and_font(qapp, scale=1):
        qtbot.waitUntil(lambda: _share(view.chart.viewport(), "#000000") > 0.5)
        assert _share(view.labels, "#000000") > 0.5
        scheme: Scheme = view.scene.chart.scheme
        assert _share(view.scale_header, scheme.scale) > 0.5
        assert QColor(scheme.scale).lightness() < 40  # a little lighter than black, as a table's header
        red = next(r.nr for r in view.records() if r.ampel is Ampel.ROT)
        bar = tl.bar(view, red)
        assert bar.brush.color().name() == scheme.ampel[Ampel.ROT]
        assert bar.pen.color().name() == scheme.edge(scheme.ampel[Ampel.ROT])
        assert scheme.ampel[Ampel.ROT] in view.legend_label.text()  # the legend names what it means
        assert Ampel.ROT.value in tl.legend_text(view)
    qtbot.waitUntil(lambda: _share(view.chart.viewport(), "#000000") < 0.05)


def test_the_png_and_pdf_keep_the_paper_colours_in_a_high_contrast_theme(
    qtbot, qapp, view, tmp_path: Path
) -> None:
    with contrast_and_font(qapp, scale=1):
        qtbot.waitUntil(lambda: view.scene.chart.scheme.background == "#000000")
        view.export_png(tmp_path / "zeitplan.png")
    image = QImage(str(tmp_path / "zeitplan.png"))
    assert _image_share(image, PAPER.background, PAPER.stripe) > 0.5
    assert _image_share(image, "#000000") < 0.01
