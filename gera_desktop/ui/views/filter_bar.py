"""The filter bar above the list: search field, three choices, a year range and a reset button."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.enums import Ampel, Innovationsfeld, Umsetzungsstand
from gera_desktop.services.listing import ListFilter
from gera_desktop.ui.ampel import ampel_icon
from gera_desktop.ui.colours import Tone, show_banner
from gera_desktop.ui.flow_layout import FlowLayout, together

ALL = "alle"
NO_YEAR = "–"
FIRST_YEAR, LAST_YEAR = 2019, 2035
SEARCH_HINT = "Suchen in Nr., Maßnahme, Federführung, Kurzbeschreibung, Cluster und Stadtteil (Strg+F)"
SEARCH_TIP = (
    "Sucht in Maßnahmen-Nr., Maßnahme, Federführung, Kurzbeschreibung, Cluster und Stadtteil; "
    "die Treffer sind in der Liste markiert.\n"
    "Groß- und Kleinschreibung, ä oder ae, ß oder ss, Leerzeichen und Bindestriche spielen keine "
    "Rolle: „muell“ findet „Müll“, „e akte“ findet „E-Akte“."
)


class FilterBar(QWidget):
    """Edits a ``ListFilter``; ``changed`` carries the new filter after every change by the user."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selection: ListFilter = ListFilter()
        self._build_ui()
        self._connect_signals()
        self._update_reset()

    # --- building ---------------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(SEARCH_HINT)
        self.search.setToolTip(SEARCH_TIP)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Suche")
        self.innovationsfeld = _choice(self, Innovationsfeld, "Innovationsfeld")
        self.status = _choice(self, Umsetzungsstand, "Umsetzungsstand")
        self.ampel = _choice(self, Ampel, "Ampel")
        for index, ampel in enumerate(Ampel, start=1):
            self.ampel.setItemIcon(index, ampel_icon(ampel))
        self.jahr_von = _year_box(self, "Jahre von")
        self.jahr_bis = _year_box(self, "Jahre bis")
        self.reset_button = QPushButton("Filter zurücksetzen", self)
        self.reset_button.setToolTip("Alle Maßnahmen zeigen")
        self.selection_frame, self.selection_label, self.selection_clear = _selection_banner(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.selection_frame)
        layout.addLayout(self._first_row())
        layout.addLayout(self._second_row())

    def _first_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.reset_button)
        return row

    def _second_row(self) -> FlowLayout:
        """The choices with their labels; they wrap onto a further line in a narrow list."""
        row = FlowLayout()
        for group in (
            (("Innovationsfeld:", self.innovationsfeld),),
            (("Stand:", self.status),),
            (("Ampel:", self.ampel),),
            (("Jahre:", self.jahr_von), ("bis", self.jahr_bis)),
        ):
            labelled = []
            for text, widget in group:
                label = QLabel(text, self)
                label.setBuddy(widget)
                labelled += [label, widget]
            row.addWidget(together(self, *labelled))
        return row

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._on_control_changed)
        for combo in (self.innovationsfeld, self.status, self.ampel):
            combo.currentIndexChanged.connect(self._on_control_changed)
        for box in (self.jahr_von, self.jahr_bis):
            box.valueChanged.connect(self._on_control_changed)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.selection_clear.clicked.connect(self._on_selection_clear_clicked)

    # --- the filter -------------------------------------------------------------------------------------

    def current_filter(self) -> ListFilter:
        """The filter the controls show."""
        return ListFilter(
            text=self.search.text().strip(),
            innovationsfeld=self.innovationsfeld.currentData(),
            status=self.status.currentData(),
            ampel=self.ampel.currentData(),
            jahr_von=_year(self.jahr_von),
            jahr_bis=_year(self.jahr_bis),
            nrs=self._selection.nrs,
            label=self._selection.label,
        )

    def set_filter(self, f: ListFilter) -> None:
        """Show ``f`` in the controls and announce it once."""
        widgets = (self.search, self.innovationsfeld, self.status, self.ampel, self.jahr_von, self.jahr_bis)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self._show(f)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._on_control_changed()

    def _show(self, f: ListFilter) -> None:
        self.search.setText(f.text)
        choices = ((self.innovationsfeld, f.innovationsfeld), (self.status, f.status), (self.ampel, f.ampel))
        for combo, value in choices:
            combo.setCurrentIndex(max(0, combo.findData(value)))
        _show_year(self.jahr_von, f.jahr_von)
        _show_year(self.jahr_bis, f.jahr_bis)
        self._selection = ListFilter(nrs=f.nrs, label=f.label or ("Auswahl" if f.nrs is not None else ""))
        self.selection_label.setText(f"Aus der Übersicht: {self._selection.label}")
        self.selection_frame.setVisible(bool(self._selection.label))

    def reset(self) -> None:
        """Show every measure again."""
        self.set_filter(ListFilter())

    def focus_search(self) -> None:
        """Put the cursor into the search field, its text selected for typing over."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- slots ------------------------------------------------------------------------------------------

    def _on_control_changed(self, *_args: object) -> None:
        self._update_reset()
        self.changed.emit(self.current_filter())

    def _on_reset_button_clicked(self) -> None:
        self.reset()

    def _on_selection_clear_clicked(self) -> None:
        self.set_filter(replace(self.current_filter(), nrs=None, label=""))

    def _update_reset(self) -> None:
        self.reset_button.setEnabled(not self.current_filter().is_empty)


def _choice(parent: QWidget, kind: type[Enum], name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    combo.addItem(ALL, None)
    for member in kind:
        combo.addItem(str(member.value), member)
    # Room for the usual entries, not the longest: the bar must not push the detail aside.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(min(12, max(len(str(m.value)) for m in kind)))
    return combo


def _year_box(parent: QWidget, name: str) -> QSpinBox:
    """A year, or "–" (no limit) at its lowest value."""
    box = QSpinBox(parent)
    box.setAccessibleName(name)
    box.setRange(FIRST_YEAR - 1, LAST_YEAR)
    box.setSpecialValueText(NO_YEAR)
    box.setValue(box.minimum())
    box.setGroupSeparatorShown(False)
    return box


def _show_year(box: QSpinBox, year: int | None) -> None:
    """Show ``year`` ("–" for none); a box already showing it is left alone (it would paint again)."""
    value = year or box.minimum()
    if box.value() != value:
        box.setValue(value)


def _year(box: QSpinBox) -> int | None:
    return None if box.value() == box.minimum() else box.value()


def _selection_banner(parent: QWidget) -> tuple[QFrame, QLabel, QPushButton]:
    """The note shown while the list shows a selection made in the Übersicht."""
    frame = QFrame(parent)
    frame.setObjectName("selectionBanner")
    show_banner(frame, Tone.INFO)
    label = QLabel(frame)
    label.setWordWrap(True)
    clear = QPushButton("Auswahl aufheben", frame)
    layout = QHBoxLayout(frame)
    layout.setContentsMargins(8, 4, 4, 4)
    layout.addWidget(label, 1)
    layout.addWidget(clear)
    frame.hide()
    return frame, label, clear
