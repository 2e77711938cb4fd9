"""The Übersicht's card "Fristen": the overdue Fristen and those due soon (``domain.fristen``), the first
``FRISTEN_SHOWN`` one by one; a row of a measure leads to it in the list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QStyle, QWidget

from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.fristen import Frist, Zustand, counts
from gera_desktop.services.listing import ListFilter
from gera_desktop.ui.views.overview_cards import Card, Entry, EntryTable, german_count

FRISTEN_SHOWN = 10
"""Fristen listed one by one on the card; the rest is counted (the Fristen window lists them all)."""
HEADERS = ["Datum", "Art", "Nr.", "Frist"]
SHOWN_STATES = (Zustand.UEBERFAELLIG, Zustand.FAELLIG)


class FristenCard(Card):
    """The overdue and due Fristen; ``table`` emits ``entry_chosen(ListFilter)`` for a measure's row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Fristen", parent)
        self.table = EntryTable([self.tr(h) for h in HEADERS], set())
        self.table.stretch_column(3)
        self.body.addWidget(self.table)
        self.body.addStretch(1)

    def show_fristen(self, found: Sequence[Frist]) -> None:
        """Show the overdue and due ones of ``found`` (sorted as ``domain.fristen`` sorts them)."""
        shown = [f for f in found if f.zustand in SHOWN_STATES]
        number = counts(found)
        self.title.setText(
            self.tr("Fristen ({overdue} überfällig, {due} fällig)").format(
                overdue=german_count(number[Zustand.UEBERFAELLIG]), due=german_count(number[Zustand.FAELLIG])
            )
        )
        entries = [_entry(f) for f in shown[:FRISTEN_SHOWN]]
        rest = len(shown) - FRISTEN_SHOWN
        if rest > 0:
            more = self.tr("… und {n} weitere (Ansicht ▸ Fristen)").format(n=german_count(rest))
            entries.append(Entry([more, "", "", ""], muted=True))
        self.table.set_entries(entries, self.tr("Keine"))


def _entry(frist: Frist) -> Entry:
    target = None
    if frist.nr:
        target = ListFilter(
            nrs=frozenset([frist.nr]), label=f"{frist.nr}: {frist.art} am {format_date(frist.datum)}"
        )
    entry = Entry(
        [format_date(frist.datum), str(frist.art), frist.nr or "", frist.text],
        target,
        tooltip=f"{frist.faelligkeit}" + (f" – {frist.nr} {frist.titel}" if frist.nr else ""),
        bold=frist.zustand is Zustand.UEBERFAELLIG,
    )
    if frist.zustand is Zustand.UEBERFAELLIG:
        style = QApplication.style()
        entry.icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning) if style else None
    return entry
