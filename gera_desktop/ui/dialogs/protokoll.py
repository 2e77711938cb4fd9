"""Bearbeiten ▸ Änderungsprotokoll: every change to measures, programme settings and Stände, newest first,
filtered by Nr., user, field, source and time span, with the number of lines shown; export to Excel.

A window beside the main window (not modal). It reads through the operations of the application core in
the background, at most ``LIMIT`` lines (the note says what is left out), and reads again after every
write, since each one adds to the log. A read answered after a newer one was asked for is dropped.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.formatting import format_count, format_date
from gera_desktop.services.changes import Changes
from gera_desktop.services.typed_input import InputError
from gera_desktop.ui.colours import Tone, show_tone
from gera_desktop.ui.inputs import DateEdit
from gera_desktop.ui.models.rows import DisplayRole, ModelIndex, RowsTableModel
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.views.history_table import HistoryTable

if TYPE_CHECKING:
    from gera_desktop.services.audit import AenderungData
    from gera_desktop.services.audit_query import ProtokollChoices, ProtokollFilter, ProtokollPage

HEADERS = ("Zeitpunkt", "Nr.", "Benutzer", "Feld", "Alter Wert", "Neuer Wert", "Quelle")
COL_ZEIT, COL_NR, COL_BENUTZER, COL_FELD, COL_ALT, COL_NEU, COL_QUELLE = range(len(HEADERS))
CAPS = {COL_ZEIT: 140, COL_NR: 90, COL_BENUTZER: 130, COL_FELD: 200, COL_QUELLE: 170}
ALL = "Alle"
LIMIT = 2_000
"""The newest lines shown at most: wrapped rows sized to their text cost time with every line."""
NO_MEASURE_CHOICE = "ohne Maßnahme (Einstellungen, Stände)"
NO_MEASURE_TEXT = "–"


class ProtokollModel(RowsTableModel):
    """One line per changed field, newest first: when, which measure, who, which field, old, new, source."""

    HEADERS = HEADERS
    NUMBERED = False

    def line(self, row: int) -> AenderungData:
        """The line shown in ``row``."""
        line: AenderungData = self._rows[row]
        return line

    def data(self, index: ModelIndex, role: int = DisplayRole) -> Any:
        if not index.isValid() or role not in (DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        line = self._rows[index.row()]
        values = (
            line.zeitpunkt.strftime("%d.%m.%Y %H:%M"),
            line.massnahme_nr or NO_MEASURE_TEXT,
            line.benutzer,
            line.feld,
            line.alter_wert or "",
            line.neuer_wert or "",
            line.quelle,
        )
        text = values[index.column()]
        if role == DisplayRole:
            return " ".join(text.split())
        return text or None


class ProtokollDialog(QDialog):
    """The Änderungsprotokoll; ``read`` after each list shown, ``exported(path)`` after a workbook."""

    read = Signal()
    exported = Signal(str)

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._asked = 0
        self.model = ProtokollModel(self)
        self._build_ui()
        self._connect_signals()
        self._read_choices()
        self.refresh()

    def _build_ui(self) -> None:
        self.setWindowTitle("Änderungsprotokoll")
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = HistoryTable(self.model, CAPS, (COL_ALT, COL_NEU), self)
        self.table.setAccessibleName("Änderungen")
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.count_label = QLabel(self)
        self.count_label.setWordWrap(True)
        self.export_button = QPushButton("Exportieren (Excel) …", self)
        self.close_button = QPushButton("Schließen", self)
        row.addWidget(self.count_label, 1)
        row.addWidget(self.export_button)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.resize(1100, 640)

    def _filters(self) -> QHBoxLayout:
        self.nr_box = _combo(self, editable=True)
        self.benutzer_box = _combo(self)
        self.feld_box = _combo(self, editable=True)
        self.quelle_box = _combo(self)
        self.von_edit, self.bis_edit = DateEdit(self), DateEdit(self)
        left, right = QFormLayout(), QFormLayout()
        for form, entries in (
            (
                left,
                (
                    ("Maßnahme (Nr.):", self.nr_box),
                    ("Benutzer:", self.benutzer_box),
                    ("Feld:", self.feld_box),
                ),
            ),
            (right, (("Quelle:", self.quelle_box), ("von:", self.von_edit), ("bis:", self.bis_edit))),
        ):
            for label, widget in entries:
                form.addRow(label, widget)
                widget.setAccessibleName(label.rstrip(":"))
        row = QHBoxLayout()
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        return row

    def _connect_signals(self) -> None:
        for box in (self.nr_box, self.benutzer_box, self.feld_box, self.quelle_box):
            box.activated.connect(self.refresh)
            typed = box.lineEdit()
            if typed is not None:
                typed.editingFinished.connect(self.refresh)
        for edit in (self.von_edit, self.bis_edit):
            edit.editingFinished.connect(self.refresh)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.close_button.clicked.connect(self.close)
        self._operations.changed.connect(self._on_operations_changed)

    # --- the filter -----------------------------------------------------------------------------------

    def current_filter(self) -> ProtokollFilter:
        """What the filters say (``InputError`` for a date that is none)."""
        from gera_desktop.services.audit import NO_MEASURE
        from gera_desktop.services.audit_query import ProtokollFilter

        nr = _chosen(self.nr_box)
        return ProtokollFilter(
            nr=NO_MEASURE if nr == NO_MEASURE_CHOICE else nr,
            benutzer=_chosen(self.benutzer_box),
            feld=_chosen(self.feld_box),
            quelle=_chosen(self.quelle_box),
            von=_date(self.von_edit, "von"),
            bis=_date(self.bis_edit, "bis"),
        )

    def _read_choices(self) -> None:
        self._operations.read(
            lambda core, _steps: core.protokoll_choices(), on_success=self._show_choices, parent=self
        )

    def _show_choices(self, choices: ProtokollChoices) -> None:
        _fill(self.nr_box, [NO_MEASURE_CHOICE, *choices.nrs])
        _fill(self.benutzer_box, choices.benutzer)
        _fill(self.feld_box, choices.felder)
        _fill(self.quelle_box, list(choices.quellen))

    # --- reading and showing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the lines the filters take (in the background); a bad filter is named in the note."""
        try:
            f = self.current_filter()
        except InputError as error:
            self._show_problem(error.message)
            return
        if f.problems():
            self._show_problem(" ".join(f.problems()))
            return
        self._asked += 1
        asked = self._asked
        self._operations.read(
            lambda core, _steps: core.protokoll(f, LIMIT),
            on_success=lambda page: self._show_page(page, asked),
            parent=self,
        )

    def _show_problem(self, message: str) -> None:
        show_tone(self.note, Tone.PROBLEM, bold=True)
        self.note.setText(message)
        self.note.show()

    def _show_page(self, page: ProtokollPage, asked: int) -> None:
        if asked != self._asked:
            return  # a newer filter was asked for meanwhile
        self.model.set_rows(page.lines)
        show_tone(self.note, None)
        self.note.setText(page.count_text())
        self.note.setVisible(page.limited)
        self.count_label.setText(f"Angezeigt: {_lines(page)}")
        self.read.emit()

    def _on_operations_changed(self, changes: Changes) -> None:
        self._read_choices()
        self.refresh()

    # --- export -----------------------------------------------------------------------------------------

    def _on_export_button_clicked(self) -> None:
        try:
            f = self.current_filter()
        except InputError as error:
            self._show_problem(error.message)
            return
        path = self._ask_path()
        if path is not None:
            self.export_to(path, f)

    def export_to(self, path: Path, f: ProtokollFilter) -> None:
        """Write every line ``f`` takes into ``path`` (in the background, with progress and Abbrechen)."""
        self._operations.read(
            lambda core, steps: core.write_protokoll(path, f, steps.progress, steps.cancelled),
            on_success=lambda written: self._on_exported(written),
            label="Das Änderungsprotokoll wird geschrieben …",
            parent=self,
            cancellable=True,
        )

    def _on_exported(self, path: Path) -> None:
        self.count_label.setText(f"Gespeichert: {path}")
        self.exported.emit(str(path))

    def _ask_path(self) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"Änderungsprotokoll {format_date(date.today())}.xlsx"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Änderungsprotokoll exportieren", str(Path(folder) / name), "Excel-Arbeitsmappe (*.xlsx)"
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def _lines(page: ProtokollPage) -> str:
    count = len(page.lines)
    return f"{format_count(count)} {'Zeile' if count == 1 else 'Zeilen'}"


def _combo(parent: QWidget, editable: bool = False) -> QComboBox:
    box = QComboBox(parent)
    box.setEditable(editable)
    box.addItem(ALL)
    box.setMinimumContentsLength(14)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    if editable:
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    return box


def _fill(box: QComboBox, items: list[str]) -> None:
    """The choices ``Alle`` and ``items``, keeping what is chosen or typed."""
    current = box.currentText()
    box.blockSignals(True)
    box.clear()
    box.addItem(ALL)
    box.addItems(items)
    if box.isEditable():
        box.setEditText(current)
    else:
        box.setCurrentIndex(max(box.findText(current), 0))
    box.blockSignals(False)


def _chosen(box: QComboBox) -> str | None:
    text = " ".join(box.currentText().split())
    return None if not text or text == ALL else text


def _date(edit: DateEdit, label: str) -> date | None:
    try:
        return edit.value()
    except InputError as error:
        raise InputError(f"Zeitraum „{label}“: {error.message}") from None
