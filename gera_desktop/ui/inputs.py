"""Input widgets for German office users: amounts ``1.234,56 €``, percentages ``90 %`` and dates
``31.12.2025`` with a calendar, each allowed to stay empty.

They read what people type with the parsers of ``services.typed_input`` (``1234,5``, ``1.234,56 €``,
``1.2.25``), which raise ``InputError`` with a German message.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from gera_desktop.domain.formatting import format_date, format_euro, format_number
from gera_desktop.services.typed_input import (
    InputError,
    parse_date_text,
    parse_money_text,
    parse_percent_text,
)
from gera_desktop.ui.colours import Role, Tone, app_palette, tone_colour

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)
DATE_PLACEHOLDER = "TT.MM.JJJJ"


def money_text(value: Decimal | None) -> str:
    """What a money field shows for a value: ``1.234,56 €`` (empty for ``None``)."""
    return format_euro(value)


def percent_text(value: Decimal | None) -> str:
    """What a percent field shows: ``90 %``, ``33,5 %``."""
    if value is None:
        return ""
    return f"{format_number(value, 2).rstrip('0').rstrip(',')} %"


def count_text(value: int | None) -> str:
    """A whole number with German thousands separators."""
    return "" if value is None else format_number(Decimal(value), 0)


class _ParsedEdit(QLineEdit):
    """A line edit that reads its text as one kind of value and shows it formatted when left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editingFinished.connect(self._on_self_editing_finished)

    def _parse(self, text: str):
        raise NotImplementedError

    def _format(self, value) -> str:
        raise NotImplementedError

    def value(self):
        """The typed value (``None`` when empty); ``InputError`` for text that is no such value."""
        return self._parse(self.text())

    def set_value(self, value) -> None:
        """Show a value formatted (``None``: empty)."""
        self.setText(self._format(value))

    def _on_self_editing_finished(self) -> None:
        try:
            value = self.value()
        except InputError:
            return
        formatted = self._format(value)
        if formatted != self.text():
            self.setText(formatted)


class MoneyEdit(_ParsedEdit):
    """An amount in euro: accepts ``1234,5``, ``1.234,56`` and ``1.234,56 €``; shows ``1.234,56 €``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setToolTip("Betrag in Euro, z. B. 1.234,56")

    def _parse(self, text: str) -> Decimal | None:
        return parse_money_text(text)

    def _format(self, value: Decimal | None) -> str:
        return money_text(value)


class PercentEdit(_ParsedEdit):
    """A percentage 0–100: accepts ``90``, ``90,5`` and ``90 %``; shows ``90 %``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setToolTip("Prozentwert von 0 bis 100, z. B. 90 oder 90,5")

    def _parse(self, text: str) -> Decimal | None:
        return parse_percent_text(text)

    def _format(self, value: Decimal | None) -> str:
        return percent_text(value)


class DateLineEdit(_ParsedEdit):
    """A date typed as ``TT.MM.JJJJ`` (also ``T.M.JJ``); shown as ``31.12.2025``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(DATE_PLACEHOLDER)

    def _parse(self, text: str) -> date | None:
        return parse_date_text(text)

    def _format(self, value: date | None) -> str:
        return format_date(value)


class DateEdit(QWidget):
    """A date field that may stay empty: typed German date, or picked from a calendar (Monday first)."""

    textChanged = Signal(str)  # noqa: N815 - named like QLineEdit's signal
    editingFinished = Signal()  # noqa: N815
    picked = Signal()
    """A date was chosen in the calendar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = DateLineEdit(self)
        self.button = QToolButton(self)
        self.calendar = QCalendarWidget()
        self._build_ui()
        self._connect_signals()

    def _build_ui(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.calendar.setLocale(GERMAN)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.menu = QMenu(self)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.calendar)
        self.menu.addAction(action)
        self.button.setIcon(calendar_icon())
        self.button.setToolTip("Datum im Kalender wählen")
        self.button.setAccessibleName("Kalender öffnen")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.menu.aboutToShow.connect(self._on_menu_about_to_show)

    def _connect_signals(self) -> None:
        self.button.clicked.connect(self._on_button_clicked)
        self.calendar.clicked.connect(self._on_calendar_clicked)
        self.calendar.activated.connect(self._on_calendar_clicked)
        self.line.textChanged.connect(self.textChanged)
        self.line.editingFinished.connect(self.editingFinished)

    def value(self) -> date | None:
        """The date (``None`` when empty); ``InputError`` for text that is no date."""
        return self.line.value()

    def set_value(self, value: date | None) -> None:
        """Show a date (``None``: empty)."""
        self.line.set_value(value)

    def text(self) -> str:
        """The text as typed."""
        return self.line.text()

    def setText(self, text: str) -> None:  # noqa: N802 - like QLineEdit
        """Replace the typed text."""
        self.line.setText(text)

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 - like QLineEdit
        """Grey text while empty."""
        self.line.setPlaceholderText(text)

    def placeholderText(self) -> str:  # noqa: N802 - like QLineEdit
        """The grey text shown while empty."""
        return self.line.placeholderText()

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - like QLineEdit
        """No typing and no calendar."""
        self.line.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    def _on_button_clicked(self) -> None:
        self.menu.popup(self.mapToGlobal(QPoint(0, self.height())))

    def _on_menu_about_to_show(self) -> None:
        try:
            current = self.value()
        except InputError:
            current = None
        shown = current or date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _on_calendar_clicked(self, picked: QDate) -> None:
        self.menu.hide()
        self.set_value(date(picked.year(), picked.month(), picked.day()))
        self.line.setFocus()
        self.editingFinished.emit()
        self.picked.emit()


def calendar_icon(size: int = 16) -> QIcon:
    """A small calendar sheet (drawn, so it needs no icon theme)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    palette = app_palette()
    ink = palette.color(Role.ButtonText)
    painter.setPen(ink)
    painter.setBrush(palette.color(Role.Base))
    painter.drawRect(QRect(1, 2, size - 3, size - 4))
    painter.fillRect(QRect(2, 3, size - 4, 3), tone_colour(palette, Tone.PROBLEM, Role.Button))
    for row in range(2):
        for column in range(3):
            painter.fillRect(QRect(3 + column * 4, 8 + row * 3, 2, 2), ink)
    painter.end()
    return QIcon(pixmap)
