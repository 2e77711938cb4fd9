"""The parts of the export dialog: the layout choice, the annex's fields (with „Als Stand einfrieren“), the
comparison's Stände and options, the scope (all or filtered)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.domain.stand import TODAY
from gera_desktop.services.export import DEFAULT_ANLAGE_NR, DEFAULT_BETREFF, Layout
from gera_desktop.ui.colours import Tone, show_banner, show_tone
from gera_desktop.ui.dialogs.fitting import fit_to_screen
from gera_desktop.ui.flow_layout import FlowLayout

LAYOUT_TEXTS: dict[Layout, tuple[str, str]] = {
    "liste": ("Maßnahmenliste (Excel)", "mit Meilensteinen, Finanzen und Beteiligung"),
    "anlage": ("Anlage zur Beschlussvorlage (Excel)", "für den Stadtrat"),
    "csv": ("CSV", "für das Open-Data-Portal, nur öffentliche Angaben"),
    "json": ("JSON", "vollständig, für andere Programme"),
    "vergleich": ("Vergleich (Excel)", "eines Stands mit einem anderen oder mit heute"),
}
"""Each layout's name (the radio button) and what it holds (beside it, wrapped in a narrow dialog or with
large text)."""


def german_count(n: int) -> str:
    """``1.250``."""
    return f"{n:,}".replace(",", ".")


def layout_box(parent: QWidget, group: QButtonGroup, buttons: dict[Layout, QRadioButton]) -> QGroupBox:
    """The "Format" box: one radio button per layout, registered in ``group`` and ``buttons``, each with
    what it holds beside it (also its accessible description)."""
    box = QGroupBox(parent.tr("Format"), parent)
    grid = QGridLayout(box)
    grid.setColumnStretch(1, 1)
    for row, (key, (name, holds)) in enumerate(LAYOUT_TEXTS.items()):
        button = QRadioButton(parent.tr(name), box)
        button.setAccessibleDescription(parent.tr(holds))
        group.addButton(button)
        buttons[key] = button
        grid.addWidget(button, row, 0)
        note = QLabel(parent.tr(holds), box)
        note.setWordWrap(True)
        show_tone(note, Tone.MUTED)
        grid.addWidget(note, row, 1)
    return box


class AnlageBox(QGroupBox):
    """Drucksache (required), Anlage-Nr., Betreff, öffentlich/intern and the grouping (Innovationsfeld or
    Cluster) of the council annex."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Anlage zur Beschlussvorlage"))
        self._build_ui()
        self.intern.toggled.connect(self._on_intern_toggled)
        self.drucksache.textChanged.connect(self._propose_stand)
        self.anlage_nr.textChanged.connect(self._propose_stand)
        self.stand_name.textEdited.connect(self._on_stand_name_edited)
        self.freeze.toggled.connect(self._on_freeze_toggled)

    def _build_ui(self) -> None:
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a field under its label if need be
        self.drucksache = QLineEdit(self)
        self.drucksache.setPlaceholderText(self.tr("z. B. 82/2019 7. Ergänzung"))
        self.problem = QLabel(self)
        show_tone(self.problem, Tone.PROBLEM)
        self.problem.hide()
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.drucksache)
        column.addWidget(self.problem)
        form.addRow(self.tr("Drucksache *"), column)
        self.anlage_nr = QLineEdit(DEFAULT_ANLAGE_NR, self)
        self.anlage_nr.setMaximumWidth(80)
        form.addRow(self.tr("Anlage-Nr."), self.anlage_nr)
        self.betreff = QLineEdit(DEFAULT_BETREFF, self)
        form.addRow(self.tr("Betreff"), self.betreff)
        form.addRow(self.tr("Fassung"), self._build_audience())
        self.by_cluster = QCheckBox(self.tr("gruppiert nach Cluster (statt nach Innovationsfeld)"), self)
        self.by_cluster.setToolTip(
            self.tr("Eine Gruppe mit Zwischensumme je Cluster, Maßnahmen ohne Cluster zuletzt")
        )
        form.addRow(self.tr("Gruppen"), self.by_cluster)
        self.warning = QLabel(
            self.tr(
                "Achtung: Die interne Fassung enthält personenbezogene Daten\n"
                "(Ansprechpartner/in, Telefon, E-Mail) und die Bemerkungen.\n"
                "Sie ist nicht zur Veröffentlichung bestimmt."
            ),
            self,
        )
        show_banner(self.warning, Tone.WARNING)
        self.warning.setMargin(6)
        self.warning.hide()
        form.addRow(self.warning)
        self._build_freeze(form)

    def _build_freeze(self, form: QFormLayout) -> None:
        """„Als Stand einfrieren“ with a name proposed from the Anlage-Nr. and the Drucksache."""
        self._name_edited = False
        self.freeze = QCheckBox(self.tr("Als Stand einfrieren"), self)
        self.freeze.setToolTip(
            self.tr("Alle Maßnahmen werden mit dem Export als benannter Stand eingefroren.")
        )
        self.stand_name = QLineEdit(self)
        self.stand_name.setAccessibleName(self.tr("Name des Stands"))
        self.stand_name.setEnabled(False)
        self.stand_problem = QLabel(self)
        show_tone(self.stand_problem, Tone.PROBLEM)
        self.stand_problem.setWordWrap(True)
        self.stand_problem.hide()
        form.addRow(self.freeze, self.stand_name)
        form.addRow("", self.stand_problem)
        self._propose_stand()

    def stand_proposal(self) -> str:
        """``Anlage 2 zu Drucksache 82/2019, 01.12.2026``."""
        nr = self.anlage_nr.text().strip() or DEFAULT_ANLAGE_NR
        drucksache = self.drucksache.text().strip()
        where = f" zu Drucksache {drucksache}" if drucksache else ""
        return f"Anlage {nr}{where}, {date.today():%d.%m.%Y}"

    def frozen_stand(self) -> str | None:
        """The name of the Stand to freeze with the export (``None``: none)."""
        return self.stand_name.text() if self.freeze.isChecked() else None

    def show_stand_problem(self, message: str) -> None:
        """A German message under the Stand's name (empty: none)."""
        self.stand_problem.setText(message)
        self.stand_problem.setVisible(bool(message))

    def _propose_stand(self) -> None:
        if not self._name_edited:
            self.stand_name.setText(self.stand_proposal())

    def _on_stand_name_edited(self) -> None:
        self._name_edited = True

    def _on_freeze_toggled(self, checked: bool) -> None:
        self.stand_name.setEnabled(checked)
        self.show_stand_problem("")

    def _build_audience(self) -> QWidget:
        row = QWidget(self)
        layout = FlowLayout(row)  # one under the other when they do not fit side by side
        self.oeffentlich = QRadioButton(self.tr("öffentlich"), row)
        self.intern = QRadioButton(self.tr("intern (mit Kontaktdaten)"), row)
        self.oeffentlich.setChecked(True)
        layout.addWidget(self.oeffentlich)
        layout.addWidget(self.intern)
        return row

    def gruppierung(self) -> Gruppierung:
        """What the annex groups its measures by."""
        return Gruppierung.CLUSTER if self.by_cluster.isChecked() else Gruppierung.INNOVATIONSFELD

    def show_problem(self, message: str) -> None:
        """A German message under the Drucksache field (empty: none)."""
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def _on_intern_toggled(self, checked: bool) -> None:
        self.warning.setVisible(checked)
        fit_to_screen(self.window(), self.window().width())


class VergleichBox(QGroupBox):
    """The comparison: Stand A (von), B (bis: a Stand or heute), in Mio. €, öffentlich or intern."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Vergleich"))
        form = QFormLayout(self)
        self.von = QComboBox(self)
        self.bis = QComboBox(self)
        self.in_mio = QCheckBox(self.tr("Beträge in Mio. €"), self)
        self.intern = QCheckBox(self.tr("intern (mit Kontaktdaten und Bemerkungen)"), self)
        form.addRow(self.tr("Von Stand (A)"), self.von)
        form.addRow(self.tr("bis (B)"), self.bis)
        form.addRow(self.in_mio)
        form.addRow(self.intern)

    def set_staende(self, names: list[str]) -> None:
        """The Stände to choose from, the newest first (A: the newest, B: heute)."""
        self.von.clear()
        self.von.addItems(names)
        self.bis.clear()
        self.bis.addItem(TODAY, "")
        for name in names:
            self.bis.addItem(name, name)


class ScopeBox(QGroupBox):
    """All measures, or only those the list's filter shows."""

    def __init__(self, all_count: int, visible_count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Umfang"))
        layout = QVBoxLayout(self)
        self.all = QRadioButton(self.tr("Alle Maßnahmen ({n})").format(n=german_count(all_count)), self)
        self.filtered = QRadioButton(
            self.tr("Nur die gefilterten Maßnahmen ({n})").format(n=german_count(visible_count)), self
        )
        self.all.setChecked(True)
        self.filtered.setEnabled(0 < visible_count < all_count)
        layout.addWidget(self.all)
        layout.addWidget(self.filtered)

    def only_visible(self) -> bool:
        """True when the user chose the filtered measures."""
        return self.filtered.isChecked()
