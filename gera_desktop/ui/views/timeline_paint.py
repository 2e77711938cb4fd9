"""Painting shared by the Zeitplan on screen and its PDF/PNG export: row bands, grid lines, the time
scale, the label column and the "Heute" tag, each in the colours of a ``Scheme`` (the palette's on screen,
fixed ones on paper). Row backgrounds and grid are painted in scene coordinates (x in days), the scale and
the labels in device pixels."""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from gera_desktop.ui.views.timeline_rows import Row, RowLayout
from gera_desktop.ui.views.timeline_scale import Period, Tier, TimeAxis, label_step, periods, tier_for
from gera_desktop.ui.views.timeline_style import ROW_HEIGHT, Scheme

SCALE_HEIGHT = 26.0
"""Height of the time scale (and the column titles beside it), on screen and in print."""
NR_WIDTH = 62.0
LABEL_PADDING = 6.0


def _pen(colour: str, width: float = 1.0) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCosmetic(True)
    return pen


def row_band(layout: RowLayout, index: int, selected: str | None, scheme: Scheme) -> str:
    """The background colour of row ``index``: group header, selected measure or stripe."""
    row = layout.rows[index]
    if row.record is None:
        return scheme.header_band
    if row.record.nr == selected:
        return scheme.selected_band
    return scheme.stripe if index % 2 else scheme.background


def visible_rows(layout: RowLayout, top: float, bottom: float) -> range:
    """The indexes of the rows between scene y ``top`` and ``bottom``."""
    first = max(int(top // ROW_HEIGHT), 0)
    last = min(int(bottom // ROW_HEIGHT) + 1, len(layout.rows))
    return range(first, last)


def paint_row_bands(
    painter: QPainter, layout: RowLayout, area: QRectF, selected: str | None, scheme: Scheme
) -> None:
    """Fill the rows that cross ``area`` (scene coordinates) with their band colour."""
    for index in visible_rows(layout, area.top(), area.bottom()):
        band = QRectF(area.left(), index * ROW_HEIGHT, area.width(), ROW_HEIGHT)
        painter.fillRect(band, QColor(row_band(layout, index, selected, scheme)))


def paint_grid(painter: QPainter, axis: TimeAxis, px_per_day: float, area: QRectF, scheme: Scheme) -> None:
    """Vertical lines at the start of every period of the scale; years stronger (scene coordinates)."""
    start, end = axis.date_at(area.left()), axis.date_at(area.right())
    for period in periods(tier_for(px_per_day), start, end):
        x = axis.x(period.start)
        year_start = period.start.month == 1
        painter.setPen(_pen(scheme.year_grid if year_start else scheme.grid))
        painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
    painter.setPen(_pen(scheme.year_grid))
    painter.drawLine(QPointF(axis.days, area.top()), QPointF(axis.days, area.bottom()))


def scale_labels(
    axis: TimeAxis, px_per_day: float, left: float, right: float, metrics: QFontMetricsF
) -> list[tuple[QRectF, str]]:
    """The labels of the periods between scene x ``left`` and ``right`` that fit into the visible part
    of their period (``left`` at device x 0), each with the device x span it is centred in."""
    tier = tier_for(px_per_day)
    step = label_step(tier, px_per_day)
    shown: list[tuple[QRectF, str]] = []
    for period in _periods_in(axis, tier, left, right):
        if tier is Tier.YEARS and (period.start.year - axis.first.year) % step:
            continue
        start = (max(axis.x(period.start), left) - left) * px_per_day
        end = (min(axis.x(period.end), right) - left) * px_per_day
        if metrics.horizontalAdvance(period.label) + 6 <= end - start or step > 1:
            shown.append((QRectF(start, 0, end - start, 0), period.label))
    return shown


def _periods_in(axis: TimeAxis, tier: Tier, left: float, right: float) -> list[Period]:
    found = periods(tier, axis.first, axis.last)
    return [p for p in found if axis.x(p.end) > left and axis.x(p.start) < right]


def bold_font(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


def paint_scale(
    painter: QPainter, rect: QRectF, axis: TimeAxis, px_per_day: float, left: float, scheme: Scheme
) -> None:
    """The time scale in ``rect`` (device pixels); scene x ``left`` is at ``rect.left()``."""
    painter.save()
    painter.setClipRect(rect)
    painter.fillRect(rect, QColor(scheme.scale))
    right = left + rect.width() / px_per_day
    tier = tier_for(px_per_day)
    for period in _periods_in(axis, tier, left, right):
        x = rect.left() + (axis.x(period.start) - left) * px_per_day
        painter.setPen(_pen(scheme.year_grid if period.start.month == 1 else scheme.grid))
        painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
    painter.setPen(QColor(scheme.text))
    painter.setFont(bold_font(painter.font()))
    metrics = QFontMetricsF(painter.font())
    for span, label in scale_labels(axis, px_per_day, left, right, metrics):
        box = QRectF(rect.left() + span.center().x() - 80, rect.top(), 160, rect.height())
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
    painter.setPen(_pen(scheme.year_grid))
    painter.drawLine(rect.bottomLeft(), rect.bottomRight())
    painter.restore()


def paint_today_tag(painter: QPainter, x: float, top: float, right: float, scheme: Scheme) -> QRectF:
    """The "Heute" tag at the today line (device x ``x``), hanging from ``top``; to the line's left
    when there is no room before ``right``. Returns its rectangle."""
    metrics = painter.fontMetrics()
    width = metrics.horizontalAdvance("Heute") + 10
    left = x - 1 if x - 1 + width <= right else x + 1 - width
    rect = QRectF(left, top, width, metrics.height() + 4)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(scheme.today))
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(QColor(scheme.today_text))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "Heute")
    painter.restore()
    return rect


def today_x(axis: TimeAxis, today: date) -> float | None:
    """The scene x of the today line, or None when today lies outside the axis."""
    return axis.x(today) + 0.5 if axis.contains(today) else None


def paint_label_header(painter: QPainter, rect: QRectF, scheme: Scheme) -> None:
    """The column titles "Nr." and "Maßnahme" above the label column."""
    painter.save()
    painter.fillRect(rect, QColor(scheme.scale))
    painter.setFont(bold_font(painter.font()))
    painter.setPen(QColor(scheme.text))
    align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
    left = rect.left() + LABEL_PADDING + 12
    painter.drawText(QRectF(left, rect.top(), NR_WIDTH, rect.height()), align, "Nr.")
    painter.drawText(QRectF(left + NR_WIDTH, rect.top(), rect.width(), rect.height()), align, "Maßnahme")
    painter.setPen(_pen(scheme.year_grid))
    painter.drawLine(rect.bottomLeft(), rect.bottomRight())
    painter.drawLine(rect.topRight(), rect.bottomRight())
    painter.restore()


def paint_labels(
    painter: QPainter,
    rect: QRectF,
    layout: RowLayout,
    first_row: float,
    selected: str | None,
    scheme: Scheme,
    row_height: float = ROW_HEIGHT,
    header_suffix: str = "",
) -> None:
    """The label column in ``rect`` (device pixels); row ``first_row`` (may be fractional, when
    scrolled) starts at ``rect.top()``, each row ``row_height`` pixels high; ``header_suffix`` is added
    to group titles (" – Forts." on a printed page)."""
    painter.save()
    painter.setClipRect(rect)
    painter.fillRect(rect, QColor(scheme.background))
    bold = bold_font(painter.font())
    first = max(int(first_row), 0)
    last = min(math.ceil(first_row + rect.height() / row_height - 1e-6), len(layout.rows))
    for index in range(first, last):
        y = rect.top() + (index - first_row) * row_height
        row_rect = QRectF(rect.left(), y, rect.width(), row_height)
        painter.fillRect(row_rect, QColor(row_band(layout, index, selected, scheme)))
        painter.setPen(QColor(scheme.text))
        _paint_label(painter, row_rect, layout.rows[index], bold, header_suffix)
    painter.setPen(_pen(scheme.year_grid))
    painter.drawLine(rect.topRight(), rect.bottomRight())
    painter.restore()


def _paint_label(painter: QPainter, rect: QRectF, row: Row, bold: QFont, header_suffix: str) -> None:
    text_rect = rect.adjusted(LABEL_PADDING, 0, -LABEL_PADDING, 0)
    align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
    if row.record is None:
        painter.save()
        painter.setFont(bold)
        arrow = "▸" if row.group.folded else "▾"
        text = painter.fontMetrics().elidedText(
            f"{arrow} {row.group.title}{header_suffix}", Qt.TextElideMode.ElideRight, int(text_rect.width())
        )
        painter.drawText(text_rect, align, text)
        painter.restore()
        return
    nr_rect = QRectF(text_rect.left() + 12, rect.top(), NR_WIDTH, rect.height())
    painter.drawText(nr_rect, align, row.record.nr)
    title_rect = text_rect.adjusted(12 + NR_WIDTH, 0, 0, 0)
    title = painter.fontMetrics().elidedText(
        row.record.titel, Qt.TextElideMode.ElideRight, int(title_rect.width())
    )
    painter.drawText(title_rect, align, title)
