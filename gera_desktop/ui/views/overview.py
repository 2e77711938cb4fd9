"""The Übersicht: a dashboard of the programme. Measures per Umsetzungsstand and per Ampel, money per
Innovationsfeld, Bundesmittel against the envelope, abgerufen against bewilligt, milestones due in the
next 60 days and overdue ones, the Fristen overdue and due (``overview_fristen``). Every entry leads to
the list, filtered accordingly (``filter_requested``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.enums import Ampel
from gera_desktop.domain.formatting import format_date, format_euro
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services.listing import ListFilter
from gera_desktop.services.overview import DUE_DAYS, DueMilestone, Group, OverviewFigures, overview_figures
from gera_desktop.ui.ampel import ampel_icon
from gera_desktop.ui.colours import Tone, show_tone
from gera_desktop.ui.keyboard import pass_tab_on
from gera_desktop.ui.views.overview_cards import Card, Entry, EntryTable, german_count, no_rating_icon
from gera_desktop.ui.views.overview_fristen import FristenCard
from gera_desktop.ui.views.overview_money import CallsCard, EnvelopeCard

NO_AMPEL = "ohne Bewertung"
MONEY_HEADERS = [
    "Innovationsfeld", "Maßnahmen", "Gesamtkosten", "Bundesmittel", "Eigenanteil", "Mittel abgerufen",
]  # fmt: skip
MILESTONE_HEADERS = ["Nr.", "Meilenstein", "Termin"]
LEFT_OUT_SHOWN = 10
"""At most this many Nrs. of left-out measures are named."""


MILESTONES_SHOWN = 50
"""Milestones listed one by one on a card; more are summed up in one row."""


def _nrs_filter(nrs: Sequence[str], label: str) -> ListFilter:
    return ListFilter(nrs=frozenset(nrs), label=label)


class OverviewView(QWidget):
    """The dashboard; ``set_data`` fills it, a click on an entry emits ``filter_requested(ListFilter)``."""

    filter_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures: OverviewFigures | None = None
        self._build_ui()
        pass_tab_on(self)
        self._connect_signals()

    # --- building -----------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        page = QWidget(scroll)
        scroll.setWidget(page)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(12)
        layout.addLayout(self._build_heading_row(page))
        self.left_out_note = QLabel(page)
        self.left_out_note.setWordWrap(True)
        show_tone(self.left_out_note, Tone.MUTED)
        layout.addWidget(self.left_out_note)
        layout.addLayout(self._build_grid(page))
        layout.addStretch(1)

    def _build_heading_row(self, page: QWidget) -> QHBoxLayout:
        """The heading, and the buttons that save the Übersicht as PDF or workbook."""
        row = QHBoxLayout()
        row.addWidget(self._build_heading(page), 1)
        self.pdf_button = QPushButton(self.tr("Als PDF speichern …"), page)
        self.pdf_button.setToolTip(self.tr("Die Übersicht als PDF-Dokument speichern (A4)"))
        self.xlsx_button = QPushButton(self.tr("Als Excel speichern …"), page)
        self.xlsx_button.setToolTip(self.tr("Die Übersicht als Excel-Arbeitsmappe speichern"))
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(False)  # until there are figures
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _build_heading(self, page: QWidget) -> QWidget:
        self.heading = QLabel(self.tr("Übersicht"), page)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        return self.heading

    def _build_grid(self, page: QWidget) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(12)
        self.status_table = EntryTable([self.tr("Umsetzungsstand"), self.tr("Anzahl")], {1}, header=False)
        self.ampel_table = EntryTable([self.tr("Ampel"), self.tr("Anzahl")], {1}, header=False)
        self.money_table = EntryTable([self.tr(h) for h in MONEY_HEADERS], {1, 2, 3, 4, 5})
        self.due_table = EntryTable([self.tr(h) for h in MILESTONE_HEADERS], set())
        self.overdue_table = EntryTable([self.tr(h) for h in MILESTONE_HEADERS], set())
        for table in (self.due_table, self.overdue_table):
            table.stretch_column(1)
        self.envelope_card = EnvelopeCard(page)
        self.calls_card = CallsCard(page)
        grid.addWidget(self._card(self.tr("Maßnahmen nach Umsetzungsstand"), self.status_table), 0, 0, 2, 1)
        grid.addWidget(self._card(self.tr("Maßnahmen nach Ampel"), self.ampel_table), 0, 1)
        grid.addWidget(self.envelope_card, 0, 2)
        grid.addWidget(self.calls_card, 1, 1, 1, 2)
        money = self._card(self.tr("Kosten und Förderung nach Innovationsfeld"), self.money_table)
        grid.addWidget(money, 2, 0, 1, 3)
        due = self.tr("Meilensteine in den nächsten {n} Tagen").format(n=DUE_DAYS)
        self.due_card = self._card(due, self.due_table)
        self.overdue_card = self._card(self.tr("Überfällige Meilensteine"), self.overdue_table)
        grid.addLayout(self._pair(self.due_card, self.overdue_card), 3, 0, 1, 3)
        self.fristen_card = FristenCard(page)
        grid.addWidget(self.fristen_card, 4, 0, 1, 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        return grid

    def _card(self, title: str, table: EntryTable) -> Card:
        card = Card(title, self)
        card.body.addWidget(table)
        card.body.addStretch(1)
        return card

    def _pair(self, left: Card, right: Card) -> QGridLayout:
        row = QGridLayout()
        row.setSpacing(12)
        row.addWidget(left, 0, 0)
        row.addWidget(right, 0, 1)
        row.setColumnStretch(0, 1)
        row.setColumnStretch(1, 1)
        return row

    def _connect_signals(self) -> None:
        for table in self.tables():
            table.entry_chosen.connect(self._on_entry_chosen)
        self.calls_card.show_button.clicked.connect(self._on_calls_card_show_clicked)

    def tables(self) -> list[EntryTable]:
        """Every table whose rows lead to the list."""
        return [
            self.status_table,
            self.ampel_table,
            self.money_table,
            self.due_table,
            self.overdue_table,
            self.fristen_card.table,
        ]

    # --- filling ------------------------------------------------------------------------------------

    def set_data(
        self, records: Sequence[MassnahmeData], settings: ProgrammEinstellungen, today: date
    ) -> None:
        """Show the figures of ``records`` (with their milestones and budget years) at ``today``."""
        self.show_figures(overview_figures(records, settings, today))

    def show_figures(self, figures: OverviewFigures) -> None:
        """Show figures computed elsewhere (by the core, in the background)."""
        today = figures.today
        self.figures = figures
        self.pdf_button.setEnabled(True)
        self.xlsx_button.setEnabled(True)
        self.heading.setText(
            self.tr("Übersicht – {count} am {today}").format(
                count=_measures(figures.count), today=format_date(today)
            )
        )
        self._show_left_out(figures.left_out)
        self.status_table.set_entries(self._status_entries(figures))
        self.ampel_table.set_entries(self._ampel_entries(figures))
        self.money_table.set_entries(self._money_entries(figures))
        self.due_table.set_entries(self._milestone_entries(figures.due), self.tr("Keine"))
        self.overdue_table.set_entries(self._milestone_entries(figures.overdue), self.tr("Keine"))
        self.due_card.title.setText(
            self.tr("Meilensteine in den nächsten {n} Tagen ({count})").format(
                n=DUE_DAYS, count=german_count(len(figures.due))
            )
        )
        self.overdue_card.title.setText(
            self.tr("Überfällige Meilensteine ({count})").format(count=german_count(len(figures.overdue)))
        )
        self.envelope_card.show_envelope(figures.envelope)
        self.calls_card.show_calls(figures.calls)
        self.fristen_card.show_fristen(figures.fristen)

    def _show_left_out(self, nrs: Sequence[str]) -> None:
        """Say which measures count in no figure of the programme (abgelehnt or abgebrochen)."""
        self.left_out_note.setVisible(bool(nrs))
        shown = ", ".join(nrs[:LEFT_OUT_SHOWN]) + (", …" if len(nrs) > LEFT_OUT_SHOWN else "")
        if len(nrs) == 1:
            text = self.tr(
                "{count} ist abgelehnt oder abgebrochen ({nrs}) und zählt in keiner Summe: nicht bei den "
                "Innovationsfeldern, nicht beim Fördervolumen und nicht beim Mittelabruf."
            )
        else:
            text = self.tr(
                "{count} sind abgelehnt oder abgebrochen ({nrs}) und zählen in keiner Summe: nicht bei den "
                "Innovationsfeldern, nicht beim Fördervolumen und nicht beim Mittelabruf."
            )
        self.left_out_note.setText(text.format(count=_measures(len(nrs)), nrs=shown))

    def _status_entries(self, figures: OverviewFigures) -> list[Entry]:
        return [
            _count_entry(str(status), group, ListFilter(status=status, label=f"Umsetzungsstand „{status}“"))
            for status, group in figures.by_status.items()
        ]

    def _ampel_entries(self, figures: OverviewFigures) -> list[Entry]:
        entries = []
        for ampel, group in figures.by_ampel.items():
            if ampel is None:
                entry = _count_entry(self.tr(NO_AMPEL), group, _nrs_filter(group.nrs, f"Ampel: {NO_AMPEL}"))
                entry.icon = no_rating_icon()
                entries.append(entry)
            else:
                entry = _count_entry(str(ampel), group, ListFilter(ampel=ampel, label=f"Ampel „{ampel}“"))
                entry.icon = ampel_icon(Ampel(ampel))
                entries.append(entry)
        return entries

    def _money_entries(self, figures: OverviewFigures) -> list[Entry]:
        entries = [
            Entry(
                _money_cells(str(feld), group),
                ListFilter(innovationsfeld=feld, label=f"Innovationsfeld „{feld}“") if group.count else None,
            )
            for feld, group in figures.by_feld.items()
        ]
        entries.append(
            Entry(
                _money_cells(self.tr("Summe"), figures.total), ListFilter(label="Alle Maßnahmen"), bold=True
            )
        )
        return entries

    def _milestone_entries(self, milestones: list[DueMilestone]) -> list[Entry]:
        """One row per milestone, the first ``MILESTONES_SHOWN``; the rest in one row that leads to their
        measures in the list (thousands of rows would hold up the window and help nobody here)."""
        entries = [
            Entry(
                [m.nr, m.bezeichnung, format_date(m.termin)],
                _nrs_filter([m.nr], f"{m.nr}: Meilenstein „{m.bezeichnung}“ am {format_date(m.termin)}"),
                tooltip=f"{m.nr} – {m.titel}",
            )
            for m in milestones[:MILESTONES_SHOWN]
        ]
        rest = milestones[MILESTONES_SHOWN:]
        if rest:
            label = self.tr("… und {n} weitere").format(n=german_count(len(rest)))
            nrs = sorted({m.nr for m in rest})
            entries.append(Entry([label, "", ""], _nrs_filter(nrs, self.tr("Weitere Meilensteine"))))
        return entries

    # --- slots --------------------------------------------------------------------------------------

    @Slot(object)
    def _on_entry_chosen(self, target: ListFilter) -> None:
        self.filter_requested.emit(target)

    @Slot()
    def _on_calls_card_show_clicked(self) -> None:
        if self.figures is not None and self.figures.calls.nrs:
            self.filter_requested.emit(_nrs_filter(self.figures.calls.nrs, "Freigabe „freigegeben“"))


def _count_entry(label: str, group: Group, target: ListFilter) -> Entry:
    return Entry([label, german_count(group.count)], target if group.count else None)


def _money_cells(label: str, group: Group) -> list[str]:
    totals = group.totals
    return [
        label,
        german_count(group.count),
        format_euro(totals.gesamtkosten),
        format_euro(totals.bundesmittel),
        format_euro(totals.eigenanteil),
        format_euro(totals.abgerufen),
    ]


def _measures(count: int) -> str:
    return "1 Maßnahme" if count == 1 else f"{german_count(count)} Maßnahmen"
