"""The Papierkorb: deleted measures with who deleted them and when; restore them, delete them for good,
or empty the Papierkorb.

It reads the Papierkorb and writes through the operations of the application core, in the background,
and reads it again whenever a write changed it (also one made elsewhere: an undo, a deletion). Every
write goes onto the undo stack as one step (``ui.undo``): a restored measure goes back into the
Papierkorb with Strg+Z, and purged ones come back into it unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.services.changes import Changes
from gera_desktop.ui.main_parts import count_text
from gera_desktop.ui.models.rows import DisplayRole, ModelIndex, RowsTableModel
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.questions import ask_yes_no
from gera_desktop.ui.record_tables import Selection, record_table

if TYPE_CHECKING:
    from gera_desktop.domain.records import MassnahmeData
    from gera_desktop.services.massnahmen import TrashEntry

HEADERS = ("Nr.", "Maßnahme", "gelöscht am", "gelöscht von")
COL_NR, COL_TITEL, COL_AM, COL_VON = range(len(HEADERS))
EMPTY_TEXT = "Der Papierkorb ist leer."
UNDO_HINT = (
    "Meilensteine, Jahresscheiben, Beteiligungen, Mittelabrufe und Beschlüsse werden mitgelöscht. "
    "Bis zum Beenden des Programms lässt sich das mit „Rückgängig“ (Strg+Z) zurücknehmen; "
    "der Verlauf bleibt erhalten."
)


class TrashTableModel(RowsTableModel):
    """One row per measure in the trash, most recently deleted first."""

    HEADERS = HEADERS

    def entry(self, row: int) -> TrashEntry:
        """The entry shown in ``row``."""
        entry: TrashEntry = self._rows[row]
        return entry

    def data(self, index: ModelIndex, role: int = DisplayRole) -> Any:
        if not index.isValid() or role not in (DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry = self._rows[index.row()]
        values = (
            entry.nr,
            entry.titel,
            entry.geloescht_am.strftime("%d.%m.%Y %H:%M"),
            entry.geloescht_von or "",
        )
        return values[index.column()]


class TrashDialog(QDialog):
    """The measures in the Papierkorb: Wiederherstellen, Endgültig löschen and Papierkorb leeren (both
    after asking); each write is pushed onto ``undo_stack``."""

    restored = Signal(str)
    purged = Signal(str)
    read = Signal()

    def __init__(self, operations: Operations, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._undo_stack = undo_stack
        self.model = TrashTableModel(self)
        self._build_ui()
        self._connect_signals()
        self._read_trash()

    def _build_ui(self) -> None:
        self.setWindowTitle("Papierkorb")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Gelöschte Maßnahmen liegen hier, bis sie wiederhergestellt oder endgültig gelöscht werden.", self
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = record_table(self, self.model, COL_TITEL, "Papierkorb", Selection.ExtendedSelection)
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_label)
        layout.addLayout(self._buttons())
        self.resize(760, 420)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.restore_button = QPushButton("Wiederherstellen", self)
        self.purge_button = QPushButton("Endgültig löschen …", self)
        self.empty_button = QPushButton("Papierkorb leeren …", self)
        self.close_button = QPushButton("Schließen", self)
        row.addWidget(self.restore_button)
        row.addWidget(self.purge_button)
        row.addWidget(self.empty_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.restore_button.setDefault(True)
        return row

    def _connect_signals(self) -> None:
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.purge_button.clicked.connect(self._on_purge_button_clicked)
        self.empty_button.clicked.connect(self._on_empty_button_clicked)
        self.close_button.clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(self._on_restore_button_clicked)
        self._operations.changed.connect(self._on_operations_changed)

    # --- actions -------------------------------------------------------------------------------------

    def _read_trash(self) -> None:
        """Read the Papierkorb (in the background); ``read`` once it is shown."""
        self._operations.read(lambda core, _steps: core.trash(), on_success=self._show_trash, parent=self)

    def _show_trash(self, entries: list[TrashEntry]) -> None:
        """Show the entries and select the first."""
        self.model.set_rows(entries)
        empty = self.model.rowCount() == 0
        self.table.setVisible(not empty)
        self.empty_label.setVisible(empty)
        self.empty_button.setEnabled(not empty)
        if not empty:
            self.table.selectRow(0)
        self._on_selection_changed()
        self.read.emit()

    def select(self, nr: str) -> None:
        """Select the entry of one measure (only that one)."""
        self.table.clearSelection()
        for row in range(self.model.rowCount()):
            if self.model.entry(row).nr == nr:
                self.table.selectRow(row)

    def selected_entries(self) -> list[TrashEntry]:
        """The entries the user selected."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.entry(row) for row in rows]

    def restore_selected(self) -> None:
        """Bring the selected measures back; each restored one is announced by ``restored``."""
        for entry in self.selected_entries():
            self._restore(entry)

    def _restore(self, entry: TrashEntry) -> None:
        nr, version = entry.nr, entry.massnahme.version
        self._operations.write(
            lambda core, _steps: core.restore(nr, version), on_success=self._restored, parent=self
        )

    def _restored(self, record: MassnahmeData) -> None:
        from gera_desktop.ui.undo import RestoreCommand, push_done

        push_done(self._undo_stack, RestoreCommand(self._operations, record))
        self.restored.emit(record.nr)

    def purge_selected(self) -> None:
        """Delete the selected measures for good, after asking."""
        entries = self.selected_entries()
        if not entries or not self._confirm_purge(entries):
            return
        self._operations.write(
            lambda core, _steps: core.purge(entries),
            on_success=lambda purged: self._purged(purged, ""),
            parent=self,
        )

    def empty_trash(self) -> None:
        """Delete every measure in the Papierkorb for good, after asking."""
        count = self.model.rowCount()
        if not count or not self._ask(f"Soll der Papierkorb mit {count_text(count)} geleert werden?"):
            return
        from gera_desktop.ui.undo import EMPTIED

        self._operations.write(
            lambda core, _steps: core.empty_trash(),
            on_success=lambda purged: self._purged(purged, EMPTIED),
            parent=self,
        )

    def _purged(self, entries: list[TrashEntry], text: str) -> None:
        from gera_desktop.ui.undo import PurgeCommand, push_done

        if entries:
            push_done(self._undo_stack, PurgeCommand(self._operations, entries, text))
        for entry in entries:
            self.purged.emit(entry.nr)

    def _confirm_purge(self, entries: list[TrashEntry]) -> bool:
        if len(entries) == 1:
            what = f"die Maßnahme „{entries[0].nr} – {entries[0].titel}“"
        else:
            what = count_text(len(entries))
        return self._ask(f"Soll {what} endgültig gelöscht werden?")

    def _ask(self, question: str) -> bool:
        return ask_yes_no(self, f"{question}\n\n{UNDO_HINT}")

    def _on_operations_changed(self, changes: Changes) -> None:
        if changes.trash or changes.database_replaced:
            self._read_trash()

    def _on_restore_button_clicked(self) -> None:
        self.restore_selected()

    def _on_purge_button_clicked(self) -> None:
        self.purge_selected()

    def _on_empty_button_clicked(self) -> None:
        self.empty_trash()

    def _on_selection_changed(self, *_args: Any) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.restore_button.setEnabled(chosen)
        self.purge_button.setEnabled(chosen)
