"""What an import found, for the import dialog: the counts, the changed fields (measure, then field: old →
new; a click on a changed measure folds its fields in or out), and the warnings and errors with their
cells; the lists are tables over models of the report (``import_report_models``), so that 10,000 measures
show at once."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.formatting import short_list
from gera_desktop.excel.parsed import Problem
from gera_desktop.services.import_report import ImportReport
from gera_desktop.ui.dialogs.import_report_models import ChangesModel, ProblemsModel, german_count

COUNTS = ("Neu", "Geändert", "Unverändert", "Nicht in der Datei")
EXPAND_UP_TO = 30
"""Changed measures are shown unfolded up to this many."""
ROW_HEIGHT_FACTOR = 1.6
"""Row height as a multiple of the font's line height (every row of the changes has one line)."""
FITTED_ROWS = 100
"""The columns fit the text of this many rows (Qt's default, 1,000, asks the model a few thousand times)."""
WRAP_UP_TO = 500
"""Up to this many warnings or errors, each row is as high as its wrapped message; more rows keep one
line each (the tooltip has the whole message), so that measuring them never holds up the window."""

__all__ = ["ImportReportView", "german_count"]


class CountBox(QFrame):
    """A big number with its caption underneath."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.number = QLabel("–", self)
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(caption, self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)

    def set_count(self, n: int | None) -> None:
        """Show ``n`` (``None``: a dash)."""
        self.number.setText("–" if n is None else german_count(n))


class ImportReportView(QWidget):
    """The report of a dry run or an import; ``show_report`` fills it, ``clear`` empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build_ui()

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        counts = QGridLayout()
        self.counts = {caption: CountBox(caption, self) for caption in COUNTS}
        for column, box in enumerate(self.counts.values()):
            counts.addWidget(box, 0, column)
        layout.addLayout(counts)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.notes)
        self.tabs = QTabWidget(self)
        self.changes_model = ChangesModel(self)
        self.warnings_model = ProblemsModel(self)
        self.errors_model = ProblemsModel(self)
        self.changes = self._build_changes()
        self.warnings = self._build_problem_table(self.warnings_model)
        self.errors = self._build_problem_table(self.errors_model)
        self.tabs.addTab(self.changes, "")
        self.tabs.addTab(self.warnings, "")
        self.tabs.addTab(self.errors, "")
        layout.addWidget(self.tabs, 1)
        self.clear()

    def _build_changes(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.changes_model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        rows = table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(round(table.fontMetrics().height() * ROW_HEIGHT_FACTOR))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(FITTED_ROWS)
        header.setStretchLastSection(True)
        table.setToolTip(self.tr("Ein Klick auf eine geänderte Maßnahme klappt ihre Felder auf oder zu."))
        table.clicked.connect(self._on_changes_clicked)
        return table

    def _build_problem_table(self, model: ProblemsModel) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(FITTED_ROWS)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    # --- filling ------------------------------------------------------------------------------------

    def clear(self) -> None:
        """Nothing known yet."""
        for box in self.counts.values():
            box.set_count(None)
        self.notes.clear()
        self.notes.hide()
        self.changes_model.set_report(None)
        self._fill_problems(self.warnings, self.warnings_model, [])
        self._fill_problems(self.errors, self.errors_model, [])
        self._set_tab_titles(0, 0, 0)

    def show_report(self, report: ImportReport) -> None:
        """Show the counts, the notes, the changes and the problems of ``report``."""
        values = (len(report.new), len(report.changed), report.unchanged_count, report.not_in_file)
        for box, value in zip(self.counts.values(), values, strict=True):
            box.set_count(value)
        self._show_notes(report)
        self._fill_changes(report)
        self._fill_problems(self.warnings, self.warnings_model, report.warnings)
        self._fill_problems(self.errors, self.errors_model, report.errors)
        self._set_tab_titles(len(report.new) + len(report.changed), len(report.warnings), len(report.errors))
        self.tabs.setCurrentWidget(self.errors if report.errors else self.changes)

    def _set_tab_titles(self, changes: int, warnings: int, errors: int) -> None:
        titles = (
            self.tr("Neu und geändert ({n})"),
            self.tr("Warnungen ({n})"),
            self.tr("Fehler ({n})"),
        )
        for index, (title, n) in enumerate(zip(titles, (changes, warnings, errors), strict=True)):
            self.tabs.setTabText(index, title.format(n=german_count(n)))

    def _show_notes(self, report: ImportReport) -> None:
        lines = []
        if report.total_rows:
            rows = "; ".join(f"{t.sheet} Zeile {t.row} („{t.label}“)" for t in report.total_rows)
            lines.append(self.tr("Übersprungene Summenzeilen: {rows}").format(rows=rows))
        if report.ignored_sheets:
            sheets = short_list(report.ignored_sheets)
            lines.append(self.tr("Nicht eingelesene Blätter: {sheets}").format(sheets=sheets))
        if report.extra_columns:
            headers = ", ".join(f"„{h}“" for h in report.extra_columns)
            lines.append(
                self.tr("Zusätzliche Spalten, die übernommen werden: {headers}").format(headers=headers)
            )
        if report.new_clusters:
            names = short_list([f"„{name}“" for name in report.new_clusters], 10)
            lines.append(self.tr("Neue Cluster, die angelegt werden: {names}").format(names=names))
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))

    def _fill_changes(self, report: ImportReport) -> None:
        self.changes_model.set_report(report, unfold_up_to=EXPAND_UP_TO)

    @Slot(QModelIndex)
    def _on_changes_clicked(self, index: QModelIndex) -> None:
        self.changes_model.toggle(index.row())

    def _fill_problems(self, table: QTableView, model: ProblemsModel, problems: list[Problem]) -> None:
        model.set_problems(problems)
        rows = table.verticalHeader()
        fitted = (
            QHeaderView.ResizeMode.ResizeToContents
            if len(problems) <= WRAP_UP_TO
            else QHeaderView.ResizeMode.Fixed
        )
        rows.setSectionResizeMode(fitted)
