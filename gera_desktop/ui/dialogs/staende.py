"""The Stände: every frozen Stand with its date, who froze it, how many measures it holds and its remark,
the newest first. „Stand einfrieren …“ freezes today's measures, „Anzeigen“ opens a Stand read-only in
the window, „Vergleichen …“ compares it, „Löschen …“ deletes it after a question.

It reads the Stände and writes through the operations of the application core, in the background, and
reads them again whenever a write changed them (also one made elsewhere: an annex export with a Stand).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.formatting import format_count
from gera_desktop.domain.stand import StandInfo
from gera_desktop.services.changes import Changes
from gera_desktop.ui.dialogs.stand_freeze import FreezeDialog
from gera_desktop.ui.models.staende import COL_BEMERKUNG, StaendeTableModel
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.questions import ask_yes_no
from gera_desktop.ui.record_tables import empty_note, record_table

EMPTY_TEXT = (
    "Es gibt noch keinen Stand.\n\nFrieren Sie mit „Stand einfrieren …“ alle Maßnahmen ein, etwa das, "
    "was dem Stadtrat vorgelegt wird – oder beim Export einer Anlage."
)


class StaendeDialog(QDialog):
    """The Stände; ``show_requested(name)`` and ``compare_requested(name)`` for the window to act on."""

    show_requested = Signal(str)
    compare_requested = Signal(str)
    read = Signal()

    def __init__(self, operations: Operations, read_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._read_only = read_only
        self.model = StaendeTableModel(self)
        self.freeze_dialog: FreezeDialog | None = None
        self._build_ui()
        self._connect_signals()
        self._read_staende()

    def _build_ui(self) -> None:
        self.setWindowTitle("Stände")
        layout = QVBoxLayout(self)
        self.table = record_table(self, self.model, COL_BEMERKUNG, "Stände")
        layout.addWidget(self.table, 1)
        self.empty_label = empty_note(self, EMPTY_TEXT)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(self._buttons())
        self.resize(860, 420)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.freeze_button = QPushButton("Stand einfrieren …", self)
        self.show_button = QPushButton("Anzeigen", self)
        self.compare_button = QPushButton("Vergleichen …", self)
        self.delete_button = QPushButton("Löschen …", self)
        self.close_button = QPushButton("Schließen", self)
        for button in (self.freeze_button, self.show_button, self.compare_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.show_button.setDefault(True)
        self.freeze_button.setEnabled(not self._read_only)
        return row

    def _connect_signals(self) -> None:
        self.freeze_button.clicked.connect(self._on_freeze_button_clicked)
        self.show_button.clicked.connect(self._on_show_button_clicked)
        self.compare_button.clicked.connect(self._on_compare_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.close_button.clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(self._on_show_button_clicked)
        self._operations.changed.connect(self._on_operations_changed)

    # --- reading ------------------------------------------------------------------------------------

    def _read_staende(self) -> None:
        """Read the Stände (in the background); ``read`` once they are shown."""
        self._operations.read(lambda core, _steps: core.staende(), on_success=self._show_staende, parent=self)

    def _show_staende(self, staende: list[StandInfo]) -> None:
        """Show them, keeping the chosen Stand chosen (else the newest)."""
        kept = self.selected_name()
        self.model.set_rows(staende)
        empty = not staende
        self.table.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if not empty:
            names = self.model.names()
            self.table.selectRow(names.index(kept) if kept in names else 0)
        self._on_selection_changed()
        self.read.emit()

    def select(self, name: str) -> None:
        """Choose the Stand ``name``."""
        names = self.model.names()
        if name in names:
            self.table.selectRow(names.index(name))

    def selected_name(self) -> str | None:
        """The name of the chosen Stand (``None``: none)."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.info(rows[0].row()).name if rows else None

    # --- actions ------------------------------------------------------------------------------------

    def freeze(self) -> FreezeDialog:
        """Ask for the name and remark of a new Stand (window-modal); it is chosen once frozen."""
        dialog = FreezeDialog(self._operations, self.model.names(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.frozen.connect(lambda info: self._select_when_read(info.name))
        self.freeze_dialog = dialog
        dialog.open()
        return dialog

    def _select_when_read(self, name: str) -> None:
        def select() -> None:
            self.read.disconnect(select)
            self.select(name)

        self.read.connect(select)

    def delete_selected(self) -> None:
        """Delete the chosen Stand after asking."""
        name = self.selected_name()
        if name is None or not self._confirm_delete(self.model.info(self.model.names().index(name))):
            return
        self._operations.write(lambda core, _steps: core.delete_stand(name), parent=self)

    def _confirm_delete(self, info: StandInfo) -> bool:
        count = f"{format_count(info.anzahl)} {'Maßnahme' if info.anzahl == 1 else 'Maßnahmen'}"
        return ask_yes_no(
            self,
            f"Soll der Stand „{info.name}“ vom {info.angelegt_am:%d.%m.%Y} ({count}) gelöscht werden?\n\n"
            "Das lässt sich nicht rückgängig machen; die Maßnahmen selbst bleiben unverändert.",
        )

    # --- slots --------------------------------------------------------------------------------------

    def _on_operations_changed(self, changes: Changes) -> None:
        if changes.staende or changes.database_replaced:
            self._read_staende()

    def _on_freeze_button_clicked(self) -> None:
        self.freeze()

    def _on_show_button_clicked(self, *_args: Any) -> None:
        name = self.selected_name()
        if name is not None:
            self.show_requested.emit(name)
            self.accept()

    def _on_compare_button_clicked(self) -> None:
        name = self.selected_name()
        if name is not None:
            self.compare_requested.emit(name)

    def _on_delete_button_clicked(self) -> None:
        self.delete_selected()

    def _on_selection_changed(self, *_args: Any) -> None:
        chosen = self.selected_name() is not None
        self.show_button.setEnabled(chosen)
        self.compare_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen and not self._read_only)
