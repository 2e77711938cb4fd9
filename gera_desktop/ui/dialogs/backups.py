"""The "Sicherungen" dialog: the backups of the open database, back it up now, restore one after asking.

A PostgreSQL database is backed up by IT with the server's tools; the dialog says so and offers nothing.
Everything runs through the operations of the application core, in the background: a restore is a write
after which the core has opened the restored database (migrated if it is older) and every view reads
again (``Changes.database_replaced``); the dialog then emits ``restored()``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.formatting import format_number
from gera_desktop.services.backup import CANCELLED_MESSAGE as BACKUP_CANCELLED
from gera_desktop.services.backup import BackupInfo
from gera_desktop.services.core_results import DatabaseFacts
from gera_desktop.ui.models.rows import ModelIndex, RowsTableModel
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.questions import ask_yes_no
from gera_desktop.ui.workers import show_error

HEADERS = ("Datum", "Anlass", "Größe", "Automatisch")
COL_DATUM, COL_ANLASS, COL_GROESSE, COL_AUTOMATISCH = range(len(HEADERS))
KILO = 1024
POSTGRES_TEXT = (
    "Diese Datenbank liegt auf einem PostgreSQL-Server. Sicherungen erstellt und spielt die IT "
    "mit den Werkzeugen des Servers ein; bitte wenden Sie sich dafür an den IT-Service."
)


def size_text(size: int) -> str:
    """``84 kB``, ``1,2 MB`` (German decimal comma; at least 1 kB)."""
    if size < KILO * KILO:
        kilobytes = max(Decimal(size) / KILO, Decimal(1)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return f"{format_number(kilobytes, 0)} kB"
    return f"{format_number(Decimal(size) / (KILO * KILO), 1)} MB"


def date_text(info: BackupInfo) -> str:
    """``26.11.2026 14:03``."""
    return f"{info.created:%d.%m.%Y %H:%M}"


def reason_text(info: BackupInfo) -> str:
    """The reason as words: ``vor-Import-liste-xlsx`` -> ``vor Import liste xlsx``."""
    return info.reason.replace("-", " ")


class BackupsModel(RowsTableModel):
    """The backups, newest first; the ``BackupInfo`` of a row under ``Qt.UserRole``."""

    HEADERS = HEADERS
    NUMBERED = False

    def backup(self, row: int) -> BackupInfo:
        """The backup in ``row``."""
        info: BackupInfo = self._rows[row]
        return info

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell_text(info, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_GROESSE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return info
        return None


def _cell_text(info: BackupInfo, column: int) -> str:
    if column == COL_DATUM:
        return date_text(info)
    if column == COL_ANLASS:
        return reason_text(info)
    if column == COL_GROESSE:
        return size_text(info.size)
    return "ja" if info.automatic else "nein"


class BackupsDialog(QDialog):
    """Backups of the open database: list, "Jetzt sichern", "Wiederherstellen…", "Ordner öffnen"."""

    restored = Signal()
    read = Signal()

    def __init__(self, operations: Operations, facts: DatabaseFacts | None, parent: QWidget | None = None):
        super().__init__(parent)
        self._operations = operations
        self._available = facts is not None and facts.backups_available
        self._folder: Path | None = None
        self._busy = False
        self.model = BackupsModel(self)
        self.setWindowTitle(self.tr("Sicherungen"))
        self._build_ui(facts.name if facts else "")
        self._connect_signals()
        self.refresh()

    # --- building -----------------------------------------------------------------------------------

    def _build_ui(self, name: str) -> None:
        layout = QVBoxLayout(self)
        self.intro = QLabel(self._intro_text(name), self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = self._build_table()
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addLayout(self._build_buttons())
        if self._available:
            self.resize(680, 420)
        else:
            self.setMinimumWidth(520)

    def _intro_text(self, name: str) -> str:
        if not self._available:
            return self.tr(POSTGRES_TEXT)
        return self.tr(
            "Sicherungen der Datenbank „{name}“. Vor jedem Import und jeder Wiederherstellung sichert "
            "das Programm automatisch (die letzten 20 bleiben); Ihre eigenen Sicherungen bleiben immer."
        ).format(name=name)

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setAccessibleName(self.tr("Sicherungen"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ANLASS, QHeaderView.ResizeMode.Stretch)
        table.setVisible(self._available)
        return table

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Jetzt sichern"), self)
        self.restore_button = QPushButton(self.tr("Wiederherstellen …"), self)
        self.folder_button = QPushButton(self.tr("Ordner öffnen"), self)
        for button in (self.backup_button, self.restore_button, self.folder_button):
            button.setVisible(self._available)
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        row.addWidget(self.buttons)
        return row

    def _connect_signals(self) -> None:
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._on_restore_button_clicked)

    # --- state --------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the backup folder again (in the background); ``read`` once it is shown."""
        if not self._available:
            self._update_buttons()
            return
        self._operations.read(
            lambda core, _steps: (core.backups(), core.backup_folder),
            on_success=self._show_backups,
            parent=self,
        )

    def _show_backups(self, found: tuple[list[BackupInfo], Path]) -> None:
        backups, self._folder = found
        self.folder_button.setToolTip(str(self._folder))
        self.model.set_rows(backups)
        self._update_buttons()
        self.read.emit()

    def selected_backup(self) -> BackupInfo | None:
        """The backup the user selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        """Select one backup (as a click would)."""
        self.table.selectRow(row)

    @Slot()
    def _update_buttons(self) -> None:
        self.backup_button.setEnabled(not self._busy)
        self.restore_button.setEnabled(not self._busy and self.selected_backup() is not None)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.buttons.setEnabled(not busy)
        self._update_buttons()

    def reject(self) -> None:
        """Closing waits while a backup or a restore runs (a backup's progress window can stop it)."""
        if not self._busy:
            super().reject()

    # --- backing up ---------------------------------------------------------------------------------

    @Slot()
    def _on_backup_button_clicked(self) -> None:
        self._set_busy(True)
        self._operations.read(
            lambda core, steps: core.backup(progress=steps.progress, cancelled=steps.cancelled),
            on_success=self._on_backup_done,
            on_failed=self._on_task_failed,
            on_cancelled=self._on_backup_cancelled,
            label=self.tr("Die Datenbank wird gesichert …"),
            parent=self,
            cancellable=True,
        )

    def _on_backup_done(self, info: BackupInfo) -> None:
        self._set_busy(False)
        self.refresh()
        self.status.setText(
            self.tr("Gesichert: {date} ({size}).").format(date=date_text(info), size=size_text(info.size))
        )

    def _on_backup_cancelled(self) -> None:
        self._set_busy(False)
        self.refresh()
        self.status.setText(self.tr(BACKUP_CANCELLED))

    def _on_task_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.refresh()
        show_error(self, error)

    # --- restoring ----------------------------------------------------------------------------------

    @Slot()
    def _on_restore_button_clicked(self) -> None:
        info = self.selected_backup()
        if info is None or self._busy or not self._confirm_restore(info):
            return
        self._set_busy(True)
        self._operations.write(
            lambda core, _steps: core.restore_backup(info.path),
            on_success=lambda safety: self._on_restore_done(info, safety),
            on_failed=self._on_task_failed,
            label=self.tr("Die Sicherung wird wiederhergestellt …"),
            parent=self,
            cancellable=False,  # the copy into the live database is one step; it cannot stop half-way
        )

    def _confirm_restore(self, info: BackupInfo) -> bool:
        return ask_yes_no(
            self,
            self.tr(
                "Die Datenbank auf den Stand vom {date} zurücksetzen?\n\n"
                "Alle Änderungen seit dieser Sicherung sind danach nicht mehr in der Datenbank. Vorher "
                "sichert das Programm den jetzigen Stand automatisch, damit Sie ihn bei Bedarf "
                "zurückholen können."
            ).format(date=date_text(info)),
        )

    def _on_restore_done(self, info: BackupInfo, safety: BackupInfo) -> None:
        self._set_busy(False)
        self.refresh()
        message = self.tr(
            "Die Datenbank wurde auf den Stand vom {date} zurückgesetzt. Der Stand davor ist gesichert "
            "({safety})."
        ).format(date=date_text(info), safety=date_text(safety))
        self.status.setText(message)
        QMessageBox.information(self, APP_TITLE, message)
        self.restored.emit()

    # --- folder -------------------------------------------------------------------------------------

    @Slot()
    def _on_folder_button_clicked(self) -> None:
        folder = self._folder
        if folder is None:
            return
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
