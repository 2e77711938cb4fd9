"""The export dialog: which layout (Maßnahmenliste, council annex, CSV, JSON, the comparison of Stände), the
annex's title data, public or internal, all measures or those of the current filter; then the target file
and a background run with progress and "Abbrechen" (a stopped export writes no file and leaves an existing
one as it was). An annex can be frozen as a Stand with its export (a write: the Stand is taken once the
file is written; a name that cannot be taken is refused before).

The export is a read operation of the application core: it reads the chosen measures again with their
milestones, budget years and participation (the list holds them without), in the order the list shows
them, and writes the file. Afterwards a message offers "Ordner öffnen".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.errors import DuplicateError, ValidationError
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.stand import StandInfo, name_problems
from gera_desktop.services.core import Anwendung
from gera_desktop.services.export import (
    CANCELLED_MESSAGE,
    DAMAGED_NOTE,
    LABELS,
    VERGLEICH,
    ExportRequest,
    Layout,
)
from gera_desktop.ui.dialogs.export_form import AnlageBox, ScopeBox, VergleichBox, layout_box
from gera_desktop.ui.dialogs.fitting import FittingScrollArea, fit_to_screen
from gera_desktop.ui.dialogs.stand_freeze import taken_problem
from gera_desktop.ui.operations import Operations, Steps
from gera_desktop.ui.workers import show_error

FILE_FILTERS: dict[str, str] = {
    ".xlsx": "Excel-Arbeitsmappe (*.xlsx)",
    ".csv": "CSV-Datei (*.csv)",
    ".json": "JSON-Datei (*.json)",
}
LEAST_WIDTH = 560
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def suggested_name(request: ExportRequest) -> str:
    """The file name offered: ``Anlage_1_Drucksache_82-2019.xlsx``, ``Maßnahmenliste_2026-11-26.xlsx``,
    ``Maßnahmen_2026-11-26.csv``."""
    if request.layout == "anlage":
        options = request.anlage_options()
        drucksache = _UNSAFE.sub("-", options.drucksache).strip("-") or "ohne-Nr"
        return f"Anlage_{_UNSAFE.sub('-', options.anlage_nr)}_Drucksache_{drucksache}{request.suffix}"
    if request.layout == VERGLEICH:
        return (
            f"Vergleich_{_UNSAFE.sub('-', request.von).strip('-')}_{request.stand:%Y-%m-%d}{request.suffix}"
        )
    stem = "Maßnahmenliste" if request.layout == "liste" else "Maßnahmen"
    return f"{stem}_{request.stand:%Y-%m-%d}{request.suffix}"


def ask_export_target(parent: QWidget, request: ExportRequest) -> Path | None:
    """The file the user chooses (offered: ``suggested_name`` in the documents folder), with the ending
    the layout needs; ``None`` when the user cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder or Path.home()) / suggested_name(request))
    name, _filter = QFileDialog.getSaveFileName(
        parent, parent.tr("Exportieren als"), start, parent.tr(FILE_FILTERS[request.suffix])
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == request.suffix else path.with_name(path.name + request.suffix)


class ExportDialog(QDialog):
    """Choose what to export and where; writes in the background; emits ``exported(path)``."""

    exported = Signal(object)

    def __init__(
        self,
        operations: Operations,
        all_records: Sequence[MassnahmeData],
        visible_records: Sequence[MassnahmeData],
        parent: QWidget | None = None,
        layout: Layout | None = None,
        *,
        damaged: bool = False,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self._operations = operations
        self._damaged = damaged
        self._read_only = read_only
        self._staende: list[str] = []
        self._all = list(all_records)
        self._visible = list(visible_records)
        self._running = False
        self.setWindowTitle(self.tr("Exportieren"))
        self._build_ui()
        self._connect_signals()
        self.set_layout(layout or "liste")
        fit_to_screen(self, LEAST_WIDTH)
        self._read_staende()

    # --- building -----------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        main = QVBoxLayout(self)
        fields = FittingScrollArea(self)  # scrolls with large text on a small screen
        main.addWidget(fields, 1)
        self.layout_group = QButtonGroup(self)
        self.layout_buttons: dict[Layout, QRadioButton] = {}
        fields.body_layout.addWidget(layout_box(self, self.layout_group, self.layout_buttons))
        self.anlage = AnlageBox(self)
        self.anlage.freeze.setEnabled(not self._read_only)
        fields.body_layout.addWidget(self.anlage)
        self.vergleich = VergleichBox(self)
        fields.body_layout.addWidget(self.vergleich)
        self.scope = ScopeBox(len(self._all), len(self._visible), self)
        fields.body_layout.addWidget(self.scope)
        fields.body_layout.addStretch(1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        main.addWidget(self.status)
        self.buttons = QDialogButtonBox(self)
        role = QDialogButtonBox.ButtonRole
        self.export_button = self.buttons.addButton(self.tr("Exportieren …"), role.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("Abbrechen"), role.RejectRole)
        self.export_button.setDefault(True)
        main.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.layout_group.buttonToggled.connect(self._on_layout_group_button_toggled)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

    # --- state --------------------------------------------------------------------------------------

    def set_layout(self, layout: Layout) -> None:
        """Choose the layout (as a click on its radio button would)."""
        self.layout_buttons[layout].setChecked(True)
        self._update_anlage()

    def current_layout(self) -> Layout:
        """The chosen layout."""
        return next(key for key, button in self.layout_buttons.items() if button.isChecked())

    def request(self) -> ExportRequest:
        """What the dialog's fields ask for."""
        layout = self.current_layout()
        if layout == VERGLEICH:
            box = self.vergleich
            return ExportRequest(
                VERGLEICH,
                von=box.von.currentText(),
                bis=box.bis.currentData() or "",
                in_mio=box.in_mio.isChecked(),
                intern=box.intern.isChecked(),
            )
        if layout != "anlage":
            return ExportRequest(layout)
        return ExportRequest(
            layout,
            drucksache=self.anlage.drucksache.text(),
            anlage_nr=self.anlage.anlage_nr.text(),
            betreff=self.anlage.betreff.text(),
            intern=self.anlage.intern.isChecked(),
            stand=date.today(),
            gruppierung=self.anlage.gruppierung(),
        )

    def chosen_records(self) -> list[MassnahmeData]:
        """All measures or those of the filter, as the user chose."""
        return self._visible if self.scope.only_visible() else self._all

    @Slot()
    def _on_layout_group_button_toggled(self) -> None:
        self._update_anlage()

    def _update_anlage(self) -> None:
        layout = self.current_layout()
        self.anlage.setEnabled(layout == "anlage")
        self.anlage.show_problem("")
        if self.vergleich.isVisibleTo(self) != (layout == VERGLEICH):
            self.vergleich.setVisible(layout == VERGLEICH)
            fit_to_screen(self, self.width())
        self.scope.setEnabled(layout != VERGLEICH)  # the comparison always covers every measure

    def _read_staende(self) -> None:
        self._operations.read(lambda core, _steps: core.staende(), on_success=self._show_staende, parent=self)

    def _show_staende(self, staende: list[StandInfo]) -> None:
        """The comparison can be chosen once there is a Stand."""
        self._staende = [info.name for info in staende]
        self.vergleich.set_staende(self._staende)
        button = self.layout_buttons[VERGLEICH]
        button.setEnabled(bool(staende))
        button.setToolTip("" if staende else self.tr("Es gibt noch keinen Stand zum Vergleichen."))

    # --- exporting ----------------------------------------------------------------------------------

    @Slot()
    def _on_export_button_clicked(self) -> None:
        if self._running:
            return
        request = self.request()
        problems = [p for p in request.problems(Path(f"x{request.suffix}")) if p.field == "drucksache"]
        if problems:
            self.anlage.show_problem(problems[0].message)
            self.anlage.drucksache.setFocus()
            return
        if not self._stand_name_fits(request):
            return
        target = ask_export_target(self, request)
        if target is not None:
            self._start(target, request, self.chosen_records())

    def _stand_name_fits(self, request: ExportRequest) -> bool:
        """False (and the reason shown) when the Stand to freeze with the annex cannot take its name."""
        name = self.anlage.frozen_stand() if request.layout == "anlage" else None
        problems = [] if name is None else name_problems(name) + taken_problem(name, self._staende)
        self.anlage.show_stand_problem(problems[0].message if problems else "")
        if problems:
            self.anlage.stand_name.setFocus()
        return not problems

    def _start(self, target: Path, request: ExportRequest, records: list[MassnahmeData]) -> None:
        self._set_running(True)
        self.status.clear()
        stand = self.anlage.frozen_stand() if request.layout == "anlage" else None
        options = {
            "on_success": lambda path: self._on_export_done(path, request, len(records), stand),
            "on_failed": self._on_export_failed,
            "on_cancelled": self._on_export_cancelled,
            "label": self.tr("{what} wird geschrieben …").format(what=LABELS[request.layout]),
            "parent": self,
            "cancellable": True,
        }
        if request.layout == VERGLEICH:
            self._operations.read(lambda core, steps: _comparison(core, target, request, steps), **options)
        elif stand is not None:
            self._operations.write(
                lambda core, steps: core.export_and_freeze(
                    target, records, request, stand, steps.progress, steps.cancelled
                ),
                **options,
            )
        else:
            self._operations.read(
                lambda core, steps: core.export(target, records, request, steps.progress, steps.cancelled),
                **options,
            )

    def _on_export_done(self, path: Path, request: ExportRequest, count: int, stand: str | None) -> None:
        self._set_running(False)
        self.exported.emit(path)
        text = self._done_text(path, request, count)
        if stand is not None:
            text += "\n\n" + self.tr("Alle Maßnahmen wurden als Stand „{name}“ eingefroren.").format(
                name=stand
            )
        if self._damaged:
            text += "\n\n" + self.tr(DAMAGED_NOTE)
        if offer_folder(self, text, path):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        self.accept()

    def _done_text(self, path: Path, request: ExportRequest, count: int) -> str:
        if request.layout == VERGLEICH:
            return self.tr("{label} exportiert nach „{name}“.").format(label=request.label, name=path.name)
        what = (
            self.tr("1 Maßnahme")
            if count == 1
            else self.tr("{n} Maßnahmen").format(n=f"{count:,}".replace(",", "."))
        )
        return self.tr("{what} exportiert nach „{name}“ ({label}).").format(
            what=what, name=path.name, label=request.label
        )

    def _on_export_cancelled(self) -> None:
        self._set_running(False)
        self.status.setText(self.tr(CANCELLED_MESSAGE))

    def _on_export_failed(self, error: BaseException) -> None:
        self._set_running(False)
        if isinstance(error, ValidationError) and error.for_field("drucksache"):
            self.anlage.show_problem(error.for_field("drucksache")[0])
            return
        if isinstance(error, ValidationError) and error.for_field("name"):
            self.anlage.show_stand_problem(error.for_field("name")[0])
            return
        if isinstance(error, DuplicateError):
            self.anlage.show_stand_problem(error.message)
            return
        show_error(self, error)

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.export_button.setEnabled(not running)
        self.cancel_button.setEnabled(not running)

    def reject(self) -> None:
        """Closing waits while a file is being written; the progress window's "Abbrechen" stops it."""
        if not self._running:
            super().reject()


def _comparison(core: Anwendung, target: Path, request: ExportRequest, steps: Steps) -> Path:
    """On the worker thread: the comparison written into ``target``."""
    core.write_comparison(target, request, steps.progress, steps.cancelled)
    return target


def offer_folder(parent: QWidget, text: str, path: Path) -> bool:
    """Say what was written; True when the user chose "Ordner öffnen"."""
    box = QMessageBox(
        QMessageBox.Icon.Information, APP_TITLE, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setInformativeText(str(path.parent))
    open_folder = box.addButton(parent.tr("Ordner öffnen"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(parent.tr("Schließen"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_folder)
    box.exec()
    return box.clickedButton() is open_folder
