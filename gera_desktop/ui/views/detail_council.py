"""The council cycle on the detail form (spec section 9): the notes of the tabs Mittelabrufe and
Beschlüsse, what the calls make of Mittel abgerufen and the Jahresscheiben' Abgerufen, and the
Drucksache-Nr./Beschlussdatum that follow the decisions, and the Clusters the Cluster field offers.

While the measure has calls that count as called (abgerufen, ausgezahlt), the field Mittel abgerufen and
the column Abgerufen of the Jahresscheiben show the calls' sums, read-only, with a note why; they follow
every edit of the calls at once, before saving.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from gera_desktop.domain.council import called_per_year, drucksache_text, latest_of
from gera_desktop.domain.formatting import format_euro
from gera_desktop.domain.records import BeschlussData, MassnahmeData
from gera_desktop.services.changes import Changes
from gera_desktop.ui.models.council import BeschluesseModel, MittelabrufeModel
from gera_desktop.ui.models.finanzen import FinanzenModel
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.views.detail_fields import ClusterField, Field
from gera_desktop.ui.views.detail_tables import TablePanel


class DetailForm(Protocol):
    """What these helpers need of the form (``views.detail_form.DetailForm``)."""

    fields: dict[str, Field]
    panels: dict[str, TablePanel]
    finanzen: FinanzenModel
    mittelabrufe: MittelabrufeModel
    beschluesse: BeschluesseModel


CALLS_PAGE_NOTE = (
    "Die Mittelabrufe der Bundesmittel. Nur abgerufene und ausgezahlte zählen als abgerufen: Sobald es "
    "solche gibt, bestimmen sie „Mittel abgerufen“ und den abgerufenen Betrag jeder Jahresscheibe. Das "
    "Halbjahr folgt dem Datum, solange kein anderes eingetragen ist."
)
DECISIONS_PAGE_NOTE = (
    "Beschlüsse des Stadtrats und Entscheidungen des Fördermittelgebers. Der neueste Beschluss des "
    "Stadtrats erscheint als Drucksache-Nr. und Beschlussdatum (Reiter „Zeitraum und Status“). Lehnt "
    "der Fördermittelgeber ab, nennen Sie bitte den Grund unter Begründung."
)


def calls_note(total: Decimal) -> str:
    """Why Mittel abgerufen cannot be entered while calls count."""
    return (
        f"Aus den Mittelabrufen berechnet: {format_euro(total)} (abgerufen und ausgezahlt). Ändern "
        "lässt sich der Betrag über den Reiter „Mittelabrufe“."
    )


def years_note(sums: dict[int, Decimal]) -> str:
    """Why the Jahresscheiben' Abgerufen cannot be entered while calls count."""
    years = ", ".join(f"{year}: {format_euro(amount)}" for year, amount in sorted(sums.items()))
    return f"Abgerufen aus den Mittelabrufen berechnet ({years})."


def sums_text(model: MittelabrufeModel) -> str:
    """The line under the calls: ``Abgerufen (abgerufen und ausgezahlt): 30.000,00 € · geplant: …``."""
    if not model.row_count():
        return ""
    called, planned = format_euro(model.total(called=True)), format_euro(model.total(called=False))
    return f"Abgerufen (abgerufen und ausgezahlt): {called} · geplant: {planned}"


def show_calls(form: DetailForm, record: MassnahmeData) -> str:
    """Show what the calls of ``record`` (as typed) make of the amounts; returns the Jahresscheiben's
    note ("" while nothing is called)."""
    sums = called_per_year(record)
    form.finanzen.set_called(sums or None)
    _set_called_field(form.fields["abgerufen"], sum(sums.values(), Decimal("0.00")) if sums else None)
    form.panels["mittelabrufe"].show_note(sums_text(form.mittelabrufe))
    return years_note(sums) if sums else ""


def _set_called_field(field: Field, total: Decimal | None) -> None:
    edit = getattr(field, "edit", None)
    if edit is not None:
        edit.setReadOnly(total is not None)
    if total is not None and field.state() is not None:
        field.blockSignals(True)  # calls win over an entered amount: saving clears it anyway
        field.set_value(None)
        field.blockSignals(False)
    field.show_note(calls_note(total) if total is not None else "")


def latest_pair(decisions: list[BeschlussData]) -> tuple[str | None, date | None]:
    """The Drucksache-Nr. and Beschlussdatum of the latest council decision (none: both empty)."""
    latest = latest_of(decisions)
    return (drucksache_text(latest), latest.datum) if latest is not None else (None, None)


def follow_decisions(form: DetailForm) -> None:
    """Drucksache-Nr. and Beschlussdatum show the latest council decision of the table as edited."""
    pair = latest_pair(form.beschluesse.rows())
    for key, value in zip(("drucksache", "beschlussdatum"), pair, strict=True):
        field = form.fields[key]
        if field.state() != value:
            field.blockSignals(True)
            field.set_value(value)
            field.blockSignals(False)


class ClusterChoices(QObject):
    """The known Clusters in the form's Cluster field, read through the core when the form is built and
    again whenever the Clusters or the measures changed (a save may have created one)."""

    def __init__(self, operations: Operations, field: ClusterField, parent: QWidget) -> None:
        super().__init__(parent)
        self._operations = operations
        self._field = field
        self._parent = parent
        operations.changed.connect(self._on_operations_changed)
        self.read()

    def read(self) -> None:
        """Read the names in the background and offer them."""
        self._operations.read(
            lambda core, _steps: core.cluster_names() if core.is_open else [],
            on_success=self._field.set_choices,
            parent=self._parent,
        )

    def _on_operations_changed(self, changes: Changes) -> None:
        if changes.clusters or changes.measures:
            self.read()
