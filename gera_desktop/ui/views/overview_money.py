"""The two money cards of the Übersicht: Bundesmittel against the programme's envelope, and abgerufen
against bewilligt."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from gera_desktop.domain.formatting import format_euro
from gera_desktop.services.overview import Calls, Envelope
from gera_desktop.ui.colours import Tone, show_tone
from gera_desktop.ui.views.overview_cards import Card, ShareBar, german_count

NOT_SET = "nicht festgelegt – unter Datei ▸ Einstellungen festlegen"
LINK_STYLE = "QPushButton { border: none; color: palette(link); text-align: left; padding: 0; }"


def _figure_grid(card: Card) -> QGridLayout:
    grid = QGridLayout()
    grid.setHorizontalSpacing(16)
    grid.setColumnStretch(1, 1)
    card.body.addLayout(grid)
    return grid


def _row(grid: QGridLayout, row: int, label: str, parent: QWidget) -> QLabel:
    grid.addWidget(QLabel(label, parent), row, 0)
    value = QLabel(parent)
    value.setWordWrap(True)
    grid.addWidget(value, row, 1)
    return value


def _note(card: Card) -> QLabel:
    note = QLabel(card)
    note.setWordWrap(True)
    show_tone(note, Tone.MUTED)
    card.body.addWidget(note)
    return note


class EnvelopeCard(Card):
    """Bundesmittel of the counted measures against the Fördervolumen, with a bar and what is left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Bundesmittel und Fördervolumen"), parent)
        grid = _figure_grid(self)
        self.planned = _row(grid, 0, self.tr("Bundesmittel"), self)
        self.envelope = _row(grid, 1, self.tr("Fördervolumen"), self)
        self.bar = ShareBar(self)
        self.body.addWidget(self.bar)
        self.rest = QLabel(self)
        self.rest.setWordWrap(True)
        self.body.addWidget(self.rest)
        self.note = _note(self)
        self.note.setText(self.tr("Bundesmittel aller Maßnahmen außer abgelehnten und abgebrochenen."))
        self.body.addStretch(1)

    def show_envelope(self, figures: Envelope) -> None:
        """Show the planned Bundesmittel, the envelope (or that it is not set) and the share."""
        self.planned.setText(format_euro(figures.planned))
        self.bar.set_share(figures.share)
        self.bar.setVisible(figures.envelope is not None)
        if figures.envelope is None:
            self.envelope.setText(self.tr(NOT_SET))
            self.rest.hide()
            return
        self.envelope.setText(format_euro(figures.envelope))
        left = figures.envelope - figures.planned
        self.rest.show()
        if left >= 0:
            self.rest.setText(self.tr("Noch nicht verplant: {amount}").format(amount=format_euro(left)))
            show_tone(self.rest, None)
        else:
            self.rest.setText(self.tr("Überschritten um {amount}").format(amount=format_euro(-left)))
            show_tone(self.rest, Tone.PROBLEM, bold=True)


class CallsCard(Card):
    """Abgerufen against bewilligt (Bundesmittel of the measures with Freigabe „freigegeben“)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Mittelabruf"), parent)
        grid = _figure_grid(self)
        self.bewilligt = _row(grid, 0, self.tr("Bewilligt"), self)
        self.abgerufen = _row(grid, 1, self.tr("Abgerufen"), self)
        self.bar = ShareBar(self)
        self.body.addWidget(self.bar)
        self.note = _note(self)
        self.show_button = QPushButton(self)
        self.show_button.setStyleSheet(LINK_STYLE)
        self.body.addWidget(self.show_button)
        self.body.addStretch(1)

    def show_calls(self, figures: Calls) -> None:
        """Show bewilligt, abgerufen, the share and which measures count."""
        count = len(figures.nrs)
        self.bewilligt.setText(format_euro(figures.bewilligt))
        self.abgerufen.setText(format_euro(figures.abgerufen))
        self.bar.set_share(figures.share)
        self.note.setText(
            self.tr(
                "Bewilligt: Bundesmittel der Maßnahmen mit Freigabe „freigegeben“ ({n}). Abgerufen: deren "
                "„Mittel abgerufen“, wo leer die Summe der Jahresscheiben."
            ).format(n=german_count(count))
        )
        self.show_button.setText(
            self.tr("Diese {n} Maßnahmen in der Liste zeigen").format(n=german_count(count))
            if count != 1
            else self.tr("Diese Maßnahme in der Liste zeigen")
        )
        self.show_button.setVisible(count > 0)
