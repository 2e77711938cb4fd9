"""The first thing a user sees on an empty database: three ways to get started."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCommandLinkButton, QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

INTRO = (
    "In dieser Datenbank sind noch keine Maßnahmen erfasst. "
    "Übernehmen Sie die vorhandene Maßnahmenliste aus Excel, schauen Sie sich das Programm mit "
    "Beispieldaten an oder legen Sie die erste Maßnahme von Hand an."
)


class WelcomePanel(QWidget):
    """Three big buttons: import the Maßnahmenliste, load the sample data, create the first measure."""

    import_requested = Signal()
    demo_requested = Signal()
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build_ui()
        self._connect_signals()

    def _build_ui(self) -> None:
        card = QFrame(self)
        card.setObjectName("welcomeCard")
        card.setStyleSheet(
            "#welcomeCard { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }"
        )
        card.setFixedWidth(600)
        self.import_button = _big_button(
            card, "Maßnahmenliste importieren …", "Excel-Datei (.xlsx) übernehmen"
        )
        self.demo_button = _big_button(card, "Beispieldaten laden", "25 Maßnahmen zum Ausprobieren")
        self.new_button = _big_button(card, "Erste Maßnahme anlegen", "Eine Maßnahme von Hand erfassen")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(36, 32, 36, 36)
        layout.setSpacing(14)
        layout.addWidget(_heading(card))
        layout.addWidget(_intro(card))
        layout.addSpacing(8)
        for button in (self.import_button, self.demo_button, self.new_button):
            layout.addWidget(button)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def _connect_signals(self) -> None:
        self.import_button.clicked.connect(self.import_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.new_button.clicked.connect(self.new_requested)


def _heading(parent: QWidget) -> QLabel:
    label = QLabel("Willkommen bei der Maßnahmenverwaltung", parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _intro(parent: QWidget) -> QLabel:
    label = QLabel(INTRO, parent)
    label.setWordWrap(True)
    return label


def _big_button(parent: QWidget, title: str, hint: str) -> QCommandLinkButton:
    button = QCommandLinkButton(title, hint, parent)
    button.setMinimumHeight(64)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button
