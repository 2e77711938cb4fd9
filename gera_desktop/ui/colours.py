"""Colours taken from the palette, so a high-contrast theme (Windows' or the user's) stays readable.

A colour that carries meaning (a problem in red, a warning in brown, the Ampel) keeps its hue, but its
lightness is chosen against the palette's background until the contrast is at least WCAG's 4.5 : 1. A
tinted background is the palette's own background with a little of the hue mixed in, and text on it keeps
the palette's text colour. This module holds the only hues of the screen; the pages printed on white paper
(the Sachstandsbericht, the Zeitplan's PDF) keep their own.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QFrame, QWidget

from gera_desktop.domain.enums import Ampel

Role = QPalette.ColorRole
READABLE = 4.5
"""WCAG's least contrast for normal text."""
AMPEL_HUES = {Ampel.GRUEN: QColor("#2e7d32"), Ampel.GELB: QColor("#f2b600"), Ampel.ROT: QColor("#c62828")}


class Tone(Enum):
    """What a text says beyond its words: each a hue, made readable on the palette's background."""

    PROBLEM = QColor("#b3261e")
    WARNING = QColor("#8a4b00")
    INFO = QColor("#1f5fa8")
    NOTICE = QColor("#f2b600")
    MUTED = QColor()
    """No hue: the palette's text colour, quieter (notes, where a value comes from)."""


def luminance(colour: QColor) -> float:
    """The relative luminance of ``colour`` (0 black … 1 white), as WCAG defines it."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(part) for part in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: QColor, second: QColor) -> float:
    """WCAG's contrast ratio of two colours (1 … 21)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(hue: QColor, background: QColor, ratio: float = READABLE) -> QColor:
    """``hue`` made darker on a light background, lighter on a dark one, until it reads at ``ratio``."""
    towards = QColor("black") if luminance(background) > 0.18 else QColor("white")
    for step in range(21):
        colour = blend(hue, towards, step / 20)
        if contrast(colour, background) >= ratio:
            return colour
    return towards


def blend(first: QColor, second: QColor, share: float) -> QColor:
    """``first`` with ``share`` (0 … 1) of ``second`` mixed in."""
    keep = 1 - share
    return QColor.fromRgbF(
        first.redF() * keep + second.redF() * share,
        first.greenF() * keep + second.greenF() * share,
        first.blueF() * keep + second.blueF() * share,
    )


def tone_colour(palette: QPalette, tone: Tone, background: Role = Role.Window) -> QColor:
    """The text colour of ``tone`` on the palette's ``background``."""
    if tone is Tone.MUTED:
        return muted(palette, background)
    return readable(tone.value, palette.color(background))


def muted(palette: QPalette, background: Role = Role.Window) -> QColor:
    """A quieter text colour (notes, where a value comes from) that still reads on ``background``."""
    back = palette.color(background)
    return readable(blend(palette.color(Role.WindowText), back, 0.35), back)


def tint(palette: QPalette, hue: QColor, share: float = 0.16, background: Role = Role.Base) -> QColor:
    """A background: the palette's ``background`` with ``share`` of ``hue`` (its text stays readable)."""
    return blend(palette.color(background), hue, share)


def app_palette() -> QPalette:
    """The application's palette (what widgets without their own inherit)."""
    return QGuiApplication.palette()


class Shade(Enum):
    """What a table cell shows by its colours."""

    COMPUTED = "computed"
    """Text of a value the program computed (quieter than what the user typed)."""
    BAND = "band"
    """Background of a group's header row or a sum row."""
    BAND_TEXT = "band text"
    """Text on such a row (set, so that a disabled header row is not greyed out)."""
    PROBLEM = "problem"
    """Background of a cell whose value has a problem (its tooltip says which)."""


_shades: dict[tuple[int, Shade], QBrush] = {}


def shade(kind: Shade) -> QBrush:
    """The brush of ``kind`` in the application's palette (cached per palette: models ask per cell)."""
    palette = app_palette()
    key = (palette.cacheKey(), kind)
    if key not in _shades:
        _shades[key] = QBrush(shade_colour(palette, kind))
    return _shades[key]


def shade_colour(palette: QPalette, kind: Shade) -> QColor:
    """The colour of ``kind`` in ``palette``."""
    if kind is Shade.COMPUTED:
        return muted(palette, Role.Base)
    if kind is Shade.BAND:
        return tint(palette, palette.color(Role.Text), 0.1)
    if kind is Shade.BAND_TEXT:
        return readable(palette.color(Role.Text), tint(palette, palette.color(Role.Text), 0.1))
    return tint(palette, Tone.PROBLEM.value, 0.2)


def show_tone(widget: QWidget, tone: Tone | None, *, bold: bool = False) -> None:
    """Write ``widget``'s text in ``tone`` (``None``: the palette's own text colour), again whenever the
    palette changes."""
    _Toned.on(widget).set(tone, bold)


def show_banner(frame: QFrame, tone: Tone) -> None:
    """Fill ``frame`` with the palette's background tinted by ``tone``, framed, its text in the palette's
    text colour (made readable on the tint), again whenever the palette changes."""
    frame.setAutoFillBackground(True)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    _Toned.on(frame).set(tone, False, banner=True)


class _Toned(QObject):
    """Keeps a widget's text colour derived from the palette it inherits."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._tone: Tone | None = None
        self._banner = False
        self._applying = False
        widget.installEventFilter(self)

    @classmethod
    def on(cls, widget: QWidget) -> _Toned:
        found = widget.findChild(_Toned, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return found if isinstance(found, _Toned) else cls(widget)

    def set(self, tone: Tone | None, bold: bool, *, banner: bool = False) -> None:
        self._tone, self._banner = tone, banner
        font = QFont()  # only the weight set: the size still follows the application's font
        if bold:
            font.setBold(True)
        self._widget.setFont(font)
        self._apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange and not self._applying:
            QTimer.singleShot(0, self, self._apply)  # once the parent's palette changed too
        return False

    def _apply(self) -> None:
        parent = self._widget.parentWidget()
        inherited = QPalette(parent.palette() if parent is not None else app_palette())
        self._applying = True
        try:
            if self._tone is None:
                self._widget.setPalette(QPalette())
                return
            self._widget.setPalette(self._palette(inherited, self._tone))
        finally:
            self._applying = False

    def _palette(self, inherited: QPalette, tone: Tone) -> QPalette:
        """Only the roles set that the tone changes; the others still follow the parent."""
        palette = QPalette()
        if self._banner:
            background = tint(inherited, tone.value, background=Role.Window)
            palette.setColor(Role.Window, background)
            colour = readable(inherited.color(Role.WindowText), background)
        else:
            colour = tone_colour(inherited, tone)
        palette.setColor(Role.WindowText, colour)
        palette.setColor(Role.Text, colour)
        return palette
