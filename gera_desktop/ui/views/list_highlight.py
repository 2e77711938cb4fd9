"""The list's search hits, marked in the cells: the found part of the text in the palette's highlight
colours (in a selected row the other way round), also where the search matched another spelling
("muell" marks "Müll"). Only the searched columns get this delegate, and a cell without a hit paints as
any other.

A repaint draws every visible cell, so what a cell's marks need is worked out once per search and kept:
the hits of each text (``hit_ranges``), and for each text and width the pieces drawn (elided as Qt
elides, each piece's place). A cell with hits then paints as Qt paints it without text, and the text
in up to a few ``drawText`` runs: before a hit, the hit on its background, after it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from gera_desktop.services.listing_text import hit_ranges, search_folded

ModelIndex = QModelIndex | QPersistentModelIndex
ColorRole = QPalette.ColorRole
State = QStyle.StateFlag
ITEM = QStyle.ControlElement.CE_ItemViewItem
TEXT_RECT = QStyle.SubElement.SE_ItemViewItemText
ENABLED = State.State_Enabled
RIGHT = Qt.AlignmentFlag.AlignRight
COLOUR_STATES = State.State_Selected | State.State_Active
"""What of a cell's state its colours depend on."""
ELLIPSES = ("…", "...")
KEPT = 20_000
"""How many texts (and texts at a width) the caches hold before they start again (scrolling through
100,000 measures must not grow them without end)."""
Hits = tuple[tuple[int, int], ...]
Run = tuple[int, int, str, bool]
"""One piece of a cell's text as drawn: its x offset and width in pixels, its text, whether it is a hit."""
Runs = tuple[int, tuple[Run, ...]]
"""The width of the drawn text, and its pieces."""
Colours = tuple[QColor, QColor, QColor]
"""The text's colour, a hit's background and a hit's text colour."""


class HitDelegate(QStyledItemDelegate):
    """Paints a cell's text with the part the search found marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._hits: dict[str, Hits] = {}
        self._runs: dict[tuple[str, int], Runs] = {}
        self._colours: dict[tuple[int, int], Colours] = {}
        self._font = QFont()
        self._metrics = QFontMetrics(self._font)
        self._margin: tuple[QStyle | None, int] = (None, 0)

    def set_search(self, text: str) -> bool:
        """Mark what the search text ``text`` finds (as the filter compares it); True if that changed."""
        needle = search_folded(text)
        changed, self._needle = needle != self._needle, needle
        if changed:
            self._hits.clear()
            self._runs.clear()
        return changed

    def searching(self) -> bool:
        """True while there is a search text to mark."""
        return bool(self._needle)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        hits = self._hits.get(text)
        if hits is None:
            hits = self._hits_of(text)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        if not hits or not opt.state & ENABLED:  # no hit, or a group's header row
            style.drawControl(ITEM, opt, painter, widget)
            return
        rect = style.subElementRect(TEXT_RECT, opt, widget)
        margin = self._text_margin(style, widget)
        opt.text = ""
        style.drawControl(ITEM, opt, painter, widget)
        self._draw_runs(painter, opt, text, hits, rect.adjusted(margin, 0, -margin, 0))

    def _hits_of(self, text: str) -> Hits:
        """The hits in ``text``, worked out once per search."""
        if len(self._hits) >= KEPT:
            self._hits.clear()
        hits = self._hits[text] = tuple(hit_ranges(text, self._needle)) if text else ()
        return hits

    def _text_margin(self, style: QStyle, widget: QWidget | None) -> int:
        """The space the style keeps left and right of a cell's text (as Qt's delegate keeps it)."""
        known, margin = self._margin
        if known is not style:
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
            self._margin = (style, margin)
        return margin

    def _draw_runs(
        self, painter: QPainter, opt: QStyleOptionViewItem, text: str, hits: Hits, rect: QRect
    ) -> None:
        """``text`` in ``rect`` as the view would draw it, elided, with the ``hits`` marked."""
        if opt.font != self._font:
            self._font = QFont(opt.font)
            self._metrics = QFontMetrics(self._font)
            self._runs.clear()
        width = rect.width()
        found = self._runs.get((text, width))
        if found is None:
            if len(self._runs) >= KEPT:
                self._runs.clear()
            found = self._runs[(text, width)] = _runs(self._metrics, text, hits, width)
        drawn, runs = found
        metrics = self._metrics
        x = rect.left()
        if opt.displayAlignment & RIGHT:
            x = rect.right() + 1 - drawn
        top = rect.top() + (rect.height() - metrics.height()) // 2
        baseline = top + metrics.ascent()
        plain, mark, marked = self._colours_of(opt)
        taller = metrics.height() > rect.height()  # the rows not (yet) as high as a larger font
        if taller:
            painter.save()
            painter.setClipRect(opt.rect)
        painter.setFont(self._font)
        for offset, run_width, piece, hit in runs:
            if hit:
                painter.fillRect(x + offset, top, run_width, metrics.height(), mark)
            painter.setPen(marked if hit else plain)
            painter.drawText(x + offset, baseline, piece)
        if taller:
            painter.restore()

    def _colours_of(self, opt: QStyleOptionViewItem) -> Colours:
        """The colours of a cell's text and its hits, kept per palette and the cell's state."""
        key = (opt.palette.cacheKey(), (opt.state & COLOUR_STATES).value)
        found = self._colours.get(key)
        if found is None:
            if len(self._colours) >= 64:
                self._colours.clear()
            found = self._colours[key] = _colours(opt)
        return found


def _runs(metrics: QFontMetrics, text: str, hits: Hits, width: int) -> Runs:
    """``text`` elided to ``width`` as Qt elides a cell's text, cut into pieces at the ``hits``."""
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    kept = _kept(text, shown)
    cuts: list[tuple[int, int, bool]] = []
    at = 0
    for start, end in hits:
        if start >= kept:
            break
        if start > at:
            cuts.append((at, start, False))
        cuts.append((start, min(end, kept), True))
        at = min(end, kept)
    if at < len(shown):
        cuts.append((at, len(shown), False))
    runs = []
    for start, end, hit in cuts:
        offset = metrics.horizontalAdvance(shown[:start])
        runs.append((offset, metrics.horizontalAdvance(shown[:end]) - offset, shown[start:end], hit))
    return metrics.horizontalAdvance(shown), tuple(runs)


def _kept(text: str, shown: str) -> int:
    """How many characters of ``text`` are left in ``shown``, its elided form (Qt elides with "…", or
    with "..." where the font has no "…")."""
    if shown == text:
        return len(text)
    for ellipsis in ELLIPSES:
        if shown.endswith(ellipsis) and text.startswith(shown[: -len(ellipsis)]):
            return len(shown) - len(ellipsis)
    return 0


def _colours(opt: QStyleOptionViewItem) -> Colours:
    """Text on the cell's colours; a hit in the highlight colours, in a selected row the other way round
    (the selection's text colour as its background)."""
    selected = bool(opt.state & State.State_Selected)
    text = ColorRole.HighlightedText if selected else ColorRole.Text
    mark = ColorRole.HighlightedText if selected else ColorRole.Highlight
    marked = ColorRole.Highlight if selected else ColorRole.HighlightedText
    return _colour(opt, text), _colour(opt, mark), _colour(opt, marked)


def _colour(opt: QStyleOptionViewItem, role: ColorRole) -> QColor:
    """The palette's colour ``role`` in the cell's colour group (the window active or not), a copy that
    outlives the option's palette."""
    active = opt.state & State.State_Active
    group = QPalette.ColorGroup.Normal if active else QPalette.ColorGroup.Inactive
    return QColor(opt.palette.color(group, role))
