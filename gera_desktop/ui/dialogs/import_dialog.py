"""The import dialog: a dry run of the chosen workbook first, its report, then "Importieren".

Both runs are operations of the application core on the thread pool (the dry run a read, the import a
write) with a progress bar in the dialog; "Abbrechen" stops them (nothing is written). Errors of the file
(an .xls, a damaged workbook) are shown in the dialog in German. After a successful import the dialog
emits ``imported(report)``; the views take the new and changed measures from the core's ``changed``.
"""

from __future__ import annotations

from enum import Enum, auto
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.errors import GeraError
from gera_desktop.services.import_report import ImportReport
from gera_desktop.ui.colours import Tone, show_tone
from gera_desktop.ui.dialogs.import_report_view import ImportReportView, german_count
from gera_desktop.ui.operations import Operation, Operations
from gera_desktop.ui.workers import show_error

FILE_FILTER = "Excel-Arbeitsmappen (*.xlsx *.xlsm)"


class Phase(Enum):
    """What the dialog is doing."""

    IDLE = auto()
    CHECKING = auto()
    IMPORTING = auto()


class ImportDialog(QDialog):
    """Dry run, report, import. Without ``path`` the user chooses a file first; when they cancel that,
    ``path`` stays ``None`` and ``exec()`` returns at once (nothing is shown)."""

    imported = Signal(object)

    def __init__(
        self, operations: Operations, read_only: bool, path: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._operations = operations
        self._read_only = read_only
        self._path: Path | None = None
        self._report: ImportReport | None = None
        self._task: Operation | None = None
        self._phase = Phase.IDLE
        self._close_when_done = False
        self.setWindowTitle(self.tr("Maßnahmenliste importieren"))
        self._build_ui()
        self._connect_signals()
        chosen = path if path is not None else self._ask_file()
        if chosen is not None:
            self.check_file(chosen)
        self._update_buttons()

    # --- building -----------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        file_row = QHBoxLayout()
        self.file_label = QLabel(self)
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Andere Datei …"), self)
        self.choose_button.setAutoDefault(False)
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)
        layout.addLayout(file_row)
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        layout.addLayout(self._build_progress())
        self.report_view = ImportReportView(self)
        self.report_view.hide()
        layout.addWidget(self.report_view, 1)
        layout.addStretch(0)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            self.tr("Importieren"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.close_button = self.buttons.addButton(
            self.tr("Schließen"), QDialogButtonBox.ButtonRole.RejectRole
        )
        layout.addWidget(self.buttons)
        self.resize(820, 600)

    def _build_progress(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.phase_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        row.addWidget(self.phase_label)
        row.addWidget(self.progress, 1)
        self._show_progress(False)
        return row

    def _connect_signals(self) -> None:
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.close_button.clicked.connect(self._on_close_button_clicked)

    # --- the public steps ---------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The file being checked or imported."""
        return self._path

    @property
    def report(self) -> ImportReport | None:
        """The report of the last run (dry or real)."""
        return self._report

    @property
    def busy(self) -> bool:
        """True while a dry run or an import runs."""
        return self._phase is not Phase.IDLE

    def check_file(self, path: Path) -> None:
        """Start the dry run of ``path`` (nothing is written)."""
        self._path = Path(path)
        self._report = None
        self.file_label.setText(self.tr("Datei: {name}").format(name=self._path.name))
        self.file_label.setToolTip(str(self._path))
        self.report_view.clear()
        self.report_view.hide()
        self._start(Phase.CHECKING, self.tr("Die Datei wird geprüft …"))

    def start_import(self) -> None:
        """Import the checked file (a backup is taken first)."""
        if self._can_import():
            self._start(Phase.IMPORTING, self.tr("Die Änderungen werden gespeichert …"))

    def exec(self) -> int:
        """Show the dialog modally, unless the user did not choose a file."""
        if self._path is None:
            return int(QDialog.DialogCode.Rejected)
        return super().exec()

    def open(self) -> None:
        """Show the dialog window-modally, unless the user did not choose a file."""
        if self._path is not None:
            super().open()

    def reject(self) -> None:
        """Closing while work runs stops the work first; the dialog closes when it has stopped."""
        if self._task is not None:
            self._close_when_done = True
            self._task.cancel()
            return
        super().reject()

    # --- running ------------------------------------------------------------------------------------

    def _start(self, phase: Phase, text: str) -> None:
        assert self._path is not None
        self._phase = phase
        self._set_headline(text)
        self.phase_label.setText(text)
        self.progress.setRange(0, 0)
        self._show_progress(True)
        path = self._path
        callbacks = {
            "on_success": self._on_task_done,
            "on_failed": self._on_task_failed,
            "on_progress": self._on_task_progress,
            "on_cancelled": self._on_task_cancelled,
            "parent": self,
        }
        if phase is Phase.CHECKING:
            self._task = self._operations.read(
                lambda core, steps: core.check_import(path, steps.progress, steps.cancelled), **callbacks
            )
        else:
            self._task = self._operations.write(
                lambda core, steps: core.import_file(path, steps.progress, steps.cancelled), **callbacks
            )
        self._update_buttons()

    @Slot(int, int)
    def _on_task_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_task_done(self, report: ImportReport) -> None:
        self._report = report
        self.report_view.show_report(report)
        self.report_view.show()
        if self._phase is Phase.CHECKING:
            self._show_dry_run(report)
        else:
            self._show_import(report)
        self._ended()

    def _on_task_failed(self, error: BaseException) -> None:
        if isinstance(error, GeraError):
            self._set_headline(error.message, error=True)
        else:
            self._set_headline(
                self.tr("Beim Einlesen ist ein unerwarteter Programmfehler aufgetreten."), error=True
            )
            show_error(self, error)
        self._ended()

    def _on_task_cancelled(self) -> None:
        if self._phase is Phase.CHECKING:
            self._set_headline(self.tr("Die Prüfung wurde abgebrochen. Es wurde nichts gespeichert."))
        else:
            self._set_headline(self.tr("Der Import wurde abgebrochen. Es wurde nichts gespeichert."))
        self._ended()

    def _ended(self) -> None:
        """The run is over and its outcome shown; a close asked for meanwhile happens now."""
        self._task = None
        self._phase = Phase.IDLE
        self._show_progress(False)
        self._update_buttons()
        if self._close_when_done:
            super().reject()

    # --- showing ------------------------------------------------------------------------------------

    def _show_dry_run(self, report: ImportReport) -> None:
        """The outcome of a check; a dry run's headline begins with "Probelauf"."""
        head = self.tr("Probelauf: ") if report.dry_run else ""
        if report.errors:
            self._set_headline(
                head
                + self.tr(
                    "Die Datei enthält {n} und kann so nicht importiert werden. Bitte korrigieren Sie die "
                    "genannten Zellen in Excel, speichern Sie die Datei und lesen Sie sie erneut ein."
                ).format(n=_errors_text(len(report.errors))),
                error=True,
            )
        elif not report.has_changes:
            no_changes = self.tr("Keine Änderungen – die Datenbank entspricht bereits der Datei.")
            self._set_headline(head + no_changes)
        elif self._read_only:
            self._set_headline(
                head
                + self.tr(
                    "Die Datenbank ist nur zum Lesen geöffnet; die Änderungen lassen sich nicht speichern."
                ),
                error=True,
            )
        else:
            self._set_headline(head + self._ready_text(report))

    def _ready_text(self, report: ImportReport) -> str:
        text = self.tr(
            "Die Datei kann importiert werden; es wurde noch nichts gespeichert. Bitte prüfen "
            "Sie die Änderungen und klicken Sie dann auf „Importieren“."
        )
        if report.warnings:
            text += " " + self.tr("Bitte beachten Sie auch die Warnungen ({n}).").format(
                n=german_count(len(report.warnings))
            )
        return text

    def _show_import(self, report: ImportReport) -> None:
        if report.errors:
            self._show_dry_run(report)
            return
        if not report.written:
            self._set_headline(self.tr("Keine Änderungen – die Datenbank entspricht bereits der Datei."))
            return
        text = self.tr("Importiert: {new} neu, {changed} geändert.").format(
            new=german_count(len(report.new)), changed=german_count(len(report.changed))
        )
        if report.backup_path is not None:
            text += " " + self.tr("Vorher wurde eine Sicherung angelegt: {name}").format(
                name=report.backup_path.name
            )
        self._set_headline(text)
        self.imported.emit(report)

    def _set_headline(self, text: str, *, error: bool = False) -> None:
        self.headline.setText(text)
        show_tone(self.headline, Tone.PROBLEM if error else None, bold=True)

    def _show_progress(self, visible: bool) -> None:
        self.phase_label.setVisible(visible)
        self.progress.setVisible(visible)

    def _can_import(self) -> bool:
        report = self._report
        return (
            not self.busy
            and not self._read_only
            and report is not None
            and report.dry_run
            and report.ok
            and report.has_changes
        )

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(self._can_import())
        self.import_button.setDefault(self._can_import())
        self.choose_button.setEnabled(not self.busy)
        self.close_button.setText(self.tr("Abbrechen") if self.busy else self.tr("Schließen"))

    # --- slots --------------------------------------------------------------------------------------

    @Slot()
    def _on_choose_button_clicked(self) -> None:
        chosen = self._ask_file()
        if chosen is not None:
            self.check_file(chosen)

    @Slot()
    def _on_import_button_clicked(self) -> None:
        self.start_import()

    @Slot()
    def _on_close_button_clicked(self) -> None:
        if self._task is not None:
            self._task.cancel()
            return
        self.reject()

    def _ask_file(self) -> Path | None:
        start = str(self._path.parent) if self._path is not None else str(Path.home())
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Maßnahmenliste importieren"), start, self.tr(FILE_FILTER)
        )
        return Path(name) if name else None


def _errors_text(n: int) -> str:
    return "1 Fehler" if n == 1 else f"{german_count(n)} Fehler"
