"""Bearbeiten ▸ Cluster …: the Clusters of the strategy with their number of measures and description.
„Neues Cluster …“ adds one, „Umbenennen …“ renames it (its measures follow), „Beschreibung …“ describes
it, „Löschen …“ deletes one without measures after a question.

It reads the Clusters and writes through the operations of the application core, in the background, and
reads them again whenever a write changed them or the measures (a save may create or fill a Cluster).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.services.changes import Changes
from gera_desktop.services.clusters import ClusterData
from gera_desktop.services.core import Anwendung
from gera_desktop.ui.models.council import COL_BESCHREIBUNG, ClustersTableModel
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.questions import ask_yes_no
from gera_desktop.ui.record_tables import empty_note, record_table
from gera_desktop.ui.workers import show_error

TITLE = "Cluster"
EMPTY_TEXT = (
    "Es gibt noch kein Cluster.\n\nLegen Sie mit „Neues Cluster …“ eines an – oder tragen Sie bei einer "
    "Maßnahme unter Stammdaten einen neuen Cluster-Namen ein."
)
HAS_MEASURES_TIP = "Nur ein Cluster ohne Maßnahmen kann gelöscht werden."


class ClustersDialog(QDialog):
    """The Clusters; ``read`` once the list shown is up to date."""

    read = Signal()

    def __init__(self, operations: Operations, read_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._read_only = read_only
        self._wanted: str | None = None
        self.model = ClustersTableModel(self)
        self._build_ui()
        self._connect_signals()
        self._read_clusters()

    def _build_ui(self) -> None:
        self.setWindowTitle(TITLE)
        layout = QVBoxLayout(self)
        self.table = record_table(self, self.model, COL_BESCHREIBUNG, TITLE)
        layout.addWidget(self.table, 1)
        self.empty_label = empty_note(self, EMPTY_TEXT)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(self._buttons())
        self.resize(760, 400)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton("Neues Cluster …", self)
        self.rename_button = QPushButton("Umbenennen …", self)
        self.describe_button = QPushButton("Beschreibung …", self)
        self.delete_button = QPushButton("Löschen …", self)
        self.close_button = QPushButton("Schließen", self)
        for button in (self.add_button, self.rename_button, self.describe_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.add_button.setEnabled(not self._read_only)
        return row

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.rename_button.clicked.connect(self._on_rename_button_clicked)
        self.describe_button.clicked.connect(self._on_describe_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.close_button.clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(self._on_describe_button_clicked)
        self._operations.changed.connect(self._on_operations_changed)

    # --- reading ------------------------------------------------------------------------------------

    def _read_clusters(self) -> None:
        """Read the Clusters (in the background); ``read`` once they are shown."""
        self._operations.read(lambda core, _steps: core.clusters(), on_success=self._show, parent=self)

    def _show(self, clusters: list[ClusterData]) -> None:
        """Show them, keeping the chosen Cluster chosen (or the one just added or renamed)."""
        kept = self._wanted or self.selected_name()
        self._wanted = None
        self.model.set_rows(clusters)
        self.table.setVisible(bool(clusters))
        self.empty_label.setVisible(not clusters)
        names = self.model.names()
        if names:
            self.table.selectRow(names.index(kept) if kept in names else 0)
        self._on_selection_changed()
        self.read.emit()

    def selected(self) -> ClusterData | None:
        """The chosen Cluster (``None``: none)."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.cluster(rows[0].row()) if rows else None

    def selected_name(self) -> str | None:
        """The name of the chosen Cluster."""
        chosen = self.selected()
        return chosen.name if chosen is not None else None

    # --- actions ------------------------------------------------------------------------------------

    def add(self) -> None:
        """Ask for a name and add the Cluster."""
        name, ok = QInputDialog.getText(
            self, "Neues Cluster", "Name des Clusters:", QLineEdit.EchoMode.Normal
        )
        if ok and name.strip():
            self._write(lambda core: core.create_cluster(name), name)

    def rename(self) -> None:
        """Ask for the new name of the chosen Cluster and rename it."""
        chosen = self.selected()
        if chosen is None:
            return
        name, ok = QInputDialog.getText(
            self,
            "Cluster umbenennen",
            f"Neuer Name für „{chosen.name}“:",
            QLineEdit.EchoMode.Normal,
            chosen.name,
        )
        if ok and name.strip() and name != chosen.name:
            self._write(lambda core: core.rename_cluster(chosen.name, name), name)

    def describe(self) -> None:
        """Ask for the description of the chosen Cluster and store it."""
        chosen = self.selected()
        if chosen is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, "Cluster beschreiben", f"Beschreibung von „{chosen.name}“:", chosen.beschreibung or ""
        )
        if ok:
            self._write(lambda core: core.describe_cluster(chosen.name, text), chosen.name)

    def delete_selected(self) -> None:
        """Delete the chosen Cluster after asking."""
        chosen = self.selected()
        if chosen is None or not ask_yes_no(self, f"Soll das Cluster „{chosen.name}“ gelöscht werden?"):
            return
        self._write(lambda core: core.delete_cluster(chosen.name), None)

    def _write(self, work: Callable[[Anwendung], object], wanted: str | None) -> None:
        """Run the write; ``wanted`` is chosen once the Clusters are read again."""
        self._wanted = " ".join(wanted.split()) if wanted else None
        self._operations.write(lambda core, _steps: work(core), on_failed=self._on_write_failed, parent=self)

    def _on_write_failed(self, error: BaseException) -> None:
        self._wanted = None
        show_error(self, error)

    # --- slots --------------------------------------------------------------------------------------

    def _on_operations_changed(self, changes: Changes) -> None:
        if changes.clusters or changes.measures:
            self._read_clusters()

    def _on_add_button_clicked(self) -> None:
        self.add()

    def _on_rename_button_clicked(self) -> None:
        self.rename()

    def _on_describe_button_clicked(self, *_args: Any) -> None:
        if not self._read_only:
            self.describe()

    def _on_delete_button_clicked(self) -> None:
        self.delete_selected()

    def _on_selection_changed(self, *_args: Any) -> None:
        chosen = self.selected()
        writable = chosen is not None and not self._read_only
        self.rename_button.setEnabled(writable)
        self.describe_button.setEnabled(writable)
        self.delete_button.setEnabled(writable and chosen is not None and chosen.anzahl == 0)
        self.delete_button.setToolTip(HAS_MEASURES_TIP if chosen is not None and chosen.anzahl else "")
