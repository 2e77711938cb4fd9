"""The list's search hits, marked in the cells: the found part of the text in the palette's highlight
colours (in a selected row the other way round), also where the search matched another spelling
("muell" marks "Müll"). Only the searched columns get this delegate, and a cell without a hit paints as
any other."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from gera_desktop.services.listing_text import hit_ranges, search_folded

ModelIndex = QModelIndex | QPersistentModelIndex
ColorRole = QPalette.ColorRole
ELLIPSIS = "…"


class HitDelegate(QStyledItemDelegate):
    """Paints a cell's text with the part the search found marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_search(self, text: str) -> bool:
        """Mark what the search text ``text`` finds (as the filter compares it); True if that changed."""
        needle = search_folded(text)
        changed, self._needle = needle != self._needle, needle
        return changed

    def searching(self) -> bool:
        """True while there is a search text to mark."""
        return bool(self._needle)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        if not self._needle:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        text = opt.text
        enabled = opt.state & QStyle.StateFlag.State_Enabled  # not a group's header row
        hits = hit_ranges(text, self._needle) if text and enabled else []
        if hits:
            text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, opt.widget) + 1
            opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if hits:
            _draw_marked(painter, opt, text, hits, text_rect.adjusted(margin, 0, -margin, 0))


def _draw_marked(
    painter: QPainter, opt: QStyleOptionViewItem, text: str, hits: list[tuple[int, int]], rect: QRect
) -> None:
    """``text`` elided into ``rect`` as the view would, the ``hits`` on the highlight colours."""
    shown = QFontMetrics(opt.font).elidedText(text, opt.textElideMode, rect.width())
    kept = len(shown) if shown == text else len(shown) - len(ELLIPSIS)
    layout = QTextLayout(shown, opt.font)
    layout.setFormats([_marked(opt, start, min(end, kept)) for start, end in hits if start < kept])
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(rect.width())
    layout.endLayout()
    x: float = rect.left()
    if opt.displayAlignment & Qt.AlignmentFlag.AlignRight:
        x = rect.right() + 1 - line.naturalTextWidth()
    y = rect.top() + (rect.height() - line.height()) / 2
    painter.save()
    painter.setClipRect(rect)
    painter.setPen(_colour(opt, _selected(opt, ColorRole.HighlightedText, ColorRole.Text)))
    layout.draw(painter, QPointF(x, y))
    painter.restore()


def _marked(opt: QStyleOptionViewItem, start: int, end: int) -> QTextLayout.FormatRange:
    """One hit: highlight on text, or in a selected row the text colour of the selection as its
    background."""
    mark = QTextCharFormat()
    mark.setBackground(_colour(opt, _selected(opt, ColorRole.HighlightedText, ColorRole.Highlight)))
    mark.setForeground(_colour(opt, _selected(opt, ColorRole.Highlight, ColorRole.HighlightedText)))
    found = QTextLayout.FormatRange()
    found.start, found.length, found.format = start, end - start, mark
    return found


def _selected(opt: QStyleOptionViewItem, selected: ColorRole, other: ColorRole) -> ColorRole:
    return selected if opt.state & QStyle.StateFlag.State_Selected else other


def _colour(opt: QStyleOptionViewItem, role: ColorRole) -> QColor:
    """The palette's colour ``role`` in the cell's colour group (inactive window, disabled row)."""
    if not opt.state & QStyle.StateFlag.State_Enabled:
        group = QPalette.ColorGroup.Disabled
    elif not opt.state & QStyle.StateFlag.State_Active:
        group = QPalette.ColorGroup.Inactive
    else:
        group = QPalette.ColorGroup.Normal
    return opt.palette.color(group, role)
