"""The tabs of the detail form: every field of a measure, its lists and its history.

``DetailForm`` shows a record, reads the record back from what the user typed, and shows problems
next to their fields (with a marker on the tab) and computed funding defaults as grey placeholders. It
knows no service; ``DetailView`` loads and saves.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QPushButton,
    QSizePolicy,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain import funding, rules
from gera_desktop.domain.columns import MASSNAHMEN
from gera_desktop.domain.enums import Umsetzungsstand
from gera_desktop.domain.errors import FieldProblem
from gera_desktop.domain.formatting import format_euro
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.services.typed_input import InputError
from gera_desktop.ui.colours import Role, Tone, tone_colour
from gera_desktop.ui.inputs import percent_text
from gera_desktop.ui.models.children import (
    BeteiligungenModel,
    ChildTableModel,
    MeilensteineModel,
    VerlaufModel,
)
from gera_desktop.ui.models.council import BeschluesseModel, MittelabrufeModel
from gera_desktop.ui.models.extra_columns import ZusatzspaltenModel
from gera_desktop.ui.models.finanzen import FinanzenModel
from gera_desktop.ui.views import detail_council as council
from gera_desktop.ui.views import detail_tabs as tabs
from gera_desktop.ui.views.detail_controls import DetailButtons, DetailHeader
from gera_desktop.ui.views.detail_fields import Field, make_field
from gera_desktop.ui.views.detail_tables import TablePanel
from gera_desktop.ui.views.history_table import HistoryTable

if TYPE_CHECKING:
    from gera_desktop.services.audit import AenderungData  # with SQLAlchemy: not on the start path

FUNDING_KEYS = funding.DEFAULTED_KEYS
CHILD_FIELD = re.compile(r"(\w+)\[(\d+)\]\.(\w+)")
HISTORY_CAPS, HISTORY_VALUES = {0: 140, 1: 130, 2: 190, 5: 160}, (3, 4)
"""Most pixels the columns Feld and Quelle take before their text is cut (the tooltip has it all)."""
TAB_WARNING = "Auf diesem Reiter stimmt noch etwas nicht."
RECOMPUTE = "Neu berechnen"
TAB_BAR_MARGIN = 4

TABLE_NAMES = {
    "meilensteine": "Meilensteine",
    "finanzen": "Finanzen je Haushaltsjahr",
    "beteiligungen": "Beteiligungen",
    "mittelabrufe": "Mittelabrufe",
    "beschluesse": "Beschlüsse",
    "zusatzspalten": "Zusatzspalten",
}
"""The names a screen reader gives the tables of the detail."""


class FormPage(QWidget):
    """The detail's page while a measure is shown: which one it is, the form, and the buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = DetailHeader(self)
        self.form = DetailForm(self)
        self.buttons = DetailButtons(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.buttons)


class DetailForm(QTabWidget):
    """Stammdaten, Zeitraum und Status, Finanzen, Meilensteine, Beteiligung, Mittelabrufe, Beschlüsse,
    Verlauf."""

    field_edited = Signal(str)
    lists_edited = Signal()
    recompute_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, Field] = {column.key: make_field(column, self) for column in MASSNAHMEN}
        self.recompute_buttons = {key: self._recompute_button(key) for key in funding.AMOUNT_KEYS}
        self.meilensteine = MeilensteineModel(self)
        self.finanzen = FinanzenModel(self)
        self.beteiligungen = BeteiligungenModel(self)
        self.mittelabrufe = MittelabrufeModel(self)
        self.beschluesse = BeschluesseModel(self)
        self.zusatzspalten = ZusatzspaltenModel(self)
        self.verlauf = VerlaufModel(self)
        self.panels = {
            "meilensteine": TablePanel(self.meilensteine, "Meilenstein hinzufügen", self),
            "finanzen": TablePanel(self.finanzen, "Haushaltsjahr hinzufügen", self),
            "beteiligungen": TablePanel(self.beteiligungen, "Beteiligung hinzufügen", self),
            "mittelabrufe": TablePanel(self.mittelabrufe, "Mittelabruf hinzufügen", self),
            "beschluesse": TablePanel(self.beschluesse, "Beschluss hinzufügen", self),
            "zusatzspalten": TablePanel(self.zusatzspalten, "Zusatzspalte hinzufügen", self),
        }
        for key, panel in self.panels.items():
            panel.table.setAccessibleName(TABLE_NAMES[key])
        self._showing = False
        self._build_ui()
        self._connect_signals()

    def sizeHint(self) -> QSize:  # noqa: N802
        """Wide enough for every tab's title (they scroll only once the user narrows the detail)."""
        return super().sizeHint().expandedTo(QSize(self.tabBar().sizeHint().width() + TAB_BAR_MARGIN, 0))

    def _build_ui(self) -> None:
        self.panels["zusatzspalten"].table.setMinimumHeight(120)
        self.panels["finanzen"].table.setMinimumHeight(190)
        self.verlauf_table = HistoryTable(self.verlauf, HISTORY_CAPS, HISTORY_VALUES, self)
        self.verlauf_table.setAccessibleName("Verlauf der Änderungen")
        self.addTab(tabs.form_page(tabs.STAMMDATEN, self.fields, self._extra_columns()), "")
        self.addTab(tabs.form_page(tabs.ZEITRAUM, self.fields), "")
        self.addTab(tabs.form_page(tabs.FINANZEN, self.fields, self._budget_years()), "")
        self.addTab(tabs.table_page(self.panels["meilensteine"]), "")
        self.addTab(tabs.table_page(self.panels["beteiligungen"]), "")
        self.addTab(tabs.table_page(self.panels["mittelabrufe"], council.CALLS_PAGE_NOTE), "")
        self.addTab(tabs.table_page(self.panels["beschluesse"], council.DECISIONS_PAGE_NOTE), "")
        self.addTab(
            tabs.table_page(self.verlauf_table, "Alle gespeicherten Änderungen, die neuesten oben."), ""
        )
        for index, title in enumerate(tabs.TAB_TITLES):
            self.setTabText(index, title)

    def _extra_columns(self) -> list[tuple[str, QWidget]]:
        return [("Zusatzspalten aus der Maßnahmenliste", self.panels["zusatzspalten"])]

    def _budget_years(self) -> list[tuple[str, QWidget]]:
        return [("Jahresscheiben", self.panels["finanzen"])]

    def _recompute_button(self, key: str) -> QPushButton:
        """„Neu berechnen“ right of an amount field, shown while its entered amount does not fit."""
        button = QPushButton(RECOMPUTE, self)
        button.setAccessibleName(f"{self.fields[key].label.text().removesuffix(':')} {RECOMPUTE.lower()}")
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        button.hide()
        self.fields[key].add_button(button)
        return button

    def _connect_signals(self) -> None:
        for key, field in self.fields.items():
            field.changed.connect(lambda key=key: self.field_edited.emit(key))
        for key, button in self.recompute_buttons.items():
            button.clicked.connect(lambda _checked=False, key=key: self.recompute_requested.emit(key))
        self.panels["beschluesse"].rows_changed.connect(self._on_decisions_rows_changed)
        for panel in self.panels.values():
            panel.rows_changed.connect(self.lists_edited)

    # --- showing and reading a record ----------------------------------------------------------------

    def show_record(self, record: MassnahmeData, history: list[AenderungData]) -> None:
        """Fill every field and table (signals of the fields are blocked meanwhile)."""
        self._showing = True
        for field in self.fields.values():
            field.blockSignals(True)
            field.set_value(getattr(record, field.key))
            field.blockSignals(False)
        self.meilensteine.set_rows(record.meilensteine)
        self.finanzen.set_rows(record.finanzen)
        self.beteiligungen.set_rows(record.beteiligungen)
        self.mittelabrufe.set_rows(record.mittelabrufe)
        self.beschluesse.set_rows(record.beschluesse)
        self._showing = False
        self.zusatzspalten.set_values(record.zusatzspalten)
        self.verlauf.set_rows(history)

    def read(self, base: MassnahmeData) -> tuple[MassnahmeData, list[FieldProblem]]:
        """The record as typed (on top of ``base``) and the fields whose text is no value of their kind."""
        values: dict[str, Any] = {}
        problems = []
        for key, field in self.fields.items():
            try:
                values[key] = field.value()
            except InputError as error:
                values[key] = None
                problems.append(FieldProblem(key, error.message))
        problems += [FieldProblem("zusatzspalten", text) for text in self.zusatzspalten.problems()]
        record = replace(
            base,
            **values,
            zusatzspalten=self.zusatzspalten.values(),
            meilensteine=self.meilensteine.rows(),
            finanzen=self.finanzen.rows(),
            beteiligungen=self.beteiligungen.rows(),
            mittelabrufe=self.mittelabrufe.rows(),
            beschluesse=self.beschluesse.rows(),
        )
        return record, problems

    def state(self) -> tuple[Any, ...]:
        """Everything the user can change, to tell whether something was changed."""
        fields = tuple(field.state() for field in self.fields.values())
        lists = (
            self.meilensteine.rows(),
            self.finanzen.rows(),
            self.beteiligungen.rows(),
            self.mittelabrufe.rows(),
            self.beschluesse.rows(),
        )
        return (*fields, *lists, self.zusatzspalten.state())

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid changes (read-only database)."""
        for field in self.fields.values():
            field.editor.setEnabled(editable)
        for panel in self.panels.values():
            panel.setEnabled(editable)
        for button in self.recompute_buttons.values():
            button.setEnabled(editable)

    # --- problems ------------------------------------------------------------------------------------

    def show_problems(self, problems: list[FieldProblem]) -> None:
        """Messages next to their fields and below their tables; tabs with a problem get a marker."""
        by_field: dict[str, list[str]] = {}
        lists: dict[str, list[str]] = {name: [] for name in self.panels}
        cells: dict[str, dict[tuple[int, str], str]] = {name: {} for name in self.panels}
        for problem in problems:
            child = CHILD_FIELD.fullmatch(problem.field)
            if child:
                name, row, key = child.group(1), int(child.group(2)), child.group(3)
                cells.setdefault(name, {})[(row, key)] = problem.message
                lists.setdefault(name, []).append(problem.message)
            elif problem.field in self.fields:
                by_field.setdefault(problem.field, []).append(self._without_label(problem))
            else:
                lists.setdefault(problem.field, []).append(problem.message)
        for key, field in self.fields.items():
            field.show_message("\n".join(by_field.get(key, [])))
        for name, panel in self.panels.items():
            panel.show_messages(lists.get(name, []))
            if isinstance(panel.model, ChildTableModel):
                panel.model.set_problems(cells.get(name, {}))
        self._mark_tabs({tabs.tab_of(problem.field) for problem in problems})

    def _without_label(self, problem: FieldProblem) -> str:
        label = self.fields[problem.field].label.text().replace("&", "")  # without its Alt letter
        prefix = f"{label.removesuffix(':').removesuffix(' *')}: "
        return problem.message.removeprefix(prefix)

    def _mark_tabs(self, marked: set[int]) -> None:
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for index in range(self.count()):
            has_problem = index in marked
            problem = tone_colour(self.tabBar().palette(), Tone.PROBLEM, Role.Button)
            self.tabBar().setTabTextColor(index, problem if has_problem else QColor())
            self.setTabIcon(index, icon if has_problem else QIcon())
            self.setTabToolTip(index, TAB_WARNING if has_problem else "")

    def marked_tabs(self) -> list[str]:
        """The titles of the tabs that show a problem marker."""
        return [self.tabText(i) for i in range(self.count()) if self.tabToolTip(i) == TAB_WARNING]

    def go_to(self, problem_field: str) -> None:
        """Show the tab of a field and put the cursor into it."""
        self.setCurrentIndex(tabs.tab_of(problem_field))
        field = self.fields.get(problem_field)
        if field is not None:
            field.editor.setFocus()

    # --- funding -------------------------------------------------------------------------------------

    def show_funding(self, record: MassnahmeData, programme_rate: Decimal) -> None:
        """Grey computed defaults in empty funding fields, "Neu berechnen" at entered amounts that do not
        fit; the Jahresscheiben sum against Gesamtkosten."""
        placeholders = dict.fromkeys(FUNDING_KEYS, "wird aus den Gesamtkosten berechnet")
        placeholders["abgerufen"] = "Summe der Jahresscheiben"
        misfits: dict[str, Decimal] = {}
        if record.gesamtkosten is not None and record.gesamtkosten >= 0:
            values = rules.funding_input(record)
            computed = funding.compute(values, programme_rate)
            placeholders = {key: _placeholder(key, getattr(computed, key)) for key in FUNDING_KEYS}
            misfits = _recomputed(values, programme_rate)
        placeholders["foerderquote"] = f"Programmsatz: {percent_text(programme_rate)}"
        for key, text in placeholders.items():
            self.fields[key].set_placeholder(text)
        for key, button in self.recompute_buttons.items():
            button.setVisible(key in misfits)
            button.setToolTip(_recompute_tip(misfits[key]) if key in misfits else "")
        self._show_plan_sum(record, council.show_calls(self, record))

    def recompute_offered(self) -> list[str]:
        """The amount fields that show "Neu berechnen" now."""
        return [key for key, button in self.recompute_buttons.items() if not button.isHidden()]

    def _show_plan_sum(self, record: MassnahmeData, calls_note: str) -> None:
        """The Jahresscheiben's note: their plan against Gesamtkosten, and where Abgerufen comes from."""
        warnings = rules.plan_warnings(record) if record.gesamtkosten is not None else []
        plan = ""
        if warnings:
            plan = warnings[0].message
        elif any(row.plan is not None for row in record.finanzen):
            total = format_euro(self.finanzen.total("plan"))
            plan = f"Die Planansätze ergeben {total} und entsprechen damit den Gesamtkosten."
        text = "\n".join(line for line in (plan, calls_note) if line)
        self.panels["finanzen"].show_note(text, warning=bool(warnings))

    def _on_decisions_rows_changed(self) -> None:
        if not self._showing:
            council.follow_decisions(self)


def _recomputed(values: funding.FundingInput, programme_rate: Decimal) -> dict[str, Decimal]:
    """The entered amounts that do not fit, each with the value it would have as computed."""
    recomputed = {}
    for key in funding.misfits(values, programme_rate):
        cleared: dict[str, Any] = {key: None}
        recomputed[key] = getattr(funding.compute(replace(values, **cleared), programme_rate), key)
    return recomputed


def _recompute_tip(value: Decimal) -> str:
    return (
        "Der eingetragene Betrag passt nicht mehr zu den übrigen Angaben. „Neu berechnen“ löscht ihn, "
        f"so dass wieder der berechnete Wert gilt ({format_euro(value)}), und speichert die Maßnahme. "
        "Mit „Rückgängig“ lässt sich das zurücknehmen."
    )


def _placeholder(key: str, value: Decimal) -> str:
    return f"berechnet: {percent_text(value) if key == 'foerderquote' else format_euro(value)}"


def empty_record() -> MassnahmeData:
    """A new measure before anything is typed: the defaults of the spec, required fields empty."""
    return MassnahmeData(
        nr="",
        titel="",
        innovationsfeld=None,  # type: ignore[arg-type]
        federfuehrung="",
        beginn=None,  # type: ignore[arg-type]
        ende=None,  # type: ignore[arg-type]
        status=Umsetzungsstand.IDEE,
        gesamtkosten=None,  # type: ignore[arg-type]
    )
