"""The parts of the export dialog: the layout choice, the annex's fields, the scope (all or filtered)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.services.export import DEFAULT_ANLAGE_NR, DEFAULT_BETREFF, Layout

LAYOUT_TEXTS: dict[Layout, str] = {
    "liste": "Maßnahmenliste (Excel, mit Meilensteinen, Finanzen und Beteiligung)",
    "anlage": "Anlage zur Beschlussvorlage (Excel, für den Stadtrat)",
    "csv": "CSV (Open-Data-Portal, nur öffentliche Angaben)",
    "json": "JSON (vollständig, für andere Programme)",
}
PROBLEM_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a4b00; background: #fff4e0; border: 1px solid #e0b060; padding: 6px;"


def german_count(n: int) -> str:
    """``1.250``."""
    return f"{n:,}".replace(",", ".")


def layout_box(parent: QWidget, group: QButtonGroup, buttons: dict[Layout, QRadioButton]) -> QGroupBox:
    """The "Format" box: one radio button per layout, registered in ``group`` and ``buttons``."""
    box = QGroupBox(parent.tr("Format"), parent)
    layout = QVBoxLayout(box)
    for key, text in LAYOUT_TEXTS.items():
        button = QRadioButton(parent.tr(text), box)
        group.addButton(button)
        buttons[key] = button
        layout.addWidget(button)
    return box


class AnlageBox(QGroupBox):
    """Drucksache (required), Anlage-Nr., Betreff and öffentlich/intern of the council annex."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Anlage zur Beschlussvorlage"))
        self._build_ui()
        self.intern.toggled.connect(self._on_intern_toggled)

    def _build_ui(self) -> None:
        form = QFormLayout(self)
        self.drucksache = QLineEdit(self)
        self.drucksache.setPlaceholderText(self.tr("z. B. 82/2019 7. Ergänzung"))
        self.problem = QLabel(self)
        self.problem.setStyleSheet(PROBLEM_STYLE)
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
        self.warning = QLabel(
            self.tr(
                "Achtung: Die interne Fassung enthält personenbezogene Daten\n"
                "(Ansprechpartner/in, Telefon, E-Mail) und die Bemerkungen.\n"
                "Sie ist nicht zur Veröffentlichung bestimmt."
            ),
            self,
        )
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()
        form.addRow(self.warning)

    def _build_audience(self) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.oeffentlich = QRadioButton(self.tr("öffentlich"), row)
        self.intern = QRadioButton(self.tr("intern (mit Kontaktdaten)"), row)
        self.oeffentlich.setChecked(True)
        layout.addWidget(self.oeffentlich)
        layout.addWidget(self.intern)
        layout.addStretch(1)
        return row

    def show_problem(self, message: str) -> None:
        """A German message under the Drucksache field (empty: none)."""
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def _on_intern_toggled(self, checked: bool) -> None:
        self.warning.setVisible(checked)
        self.window().adjustSize()


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
