"""Hilfe ▸ Über: name, version and organisation, where the data is, and the licences of the libraries the
programme ships with (Qt and PySide6 under the LGPL, among others)."""

from __future__ import annotations

import html

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gera_desktop import __version__, config
from gera_desktop.config import APP_TITLE, ORGANISATION
from gera_desktop.services.about import Library, bundled_libraries, python_runtime
from gera_desktop.services.core_results import DatabaseFacts
from gera_desktop.ui.app_icon import application_icon

LIBRARY_HEADERS = ("Bibliothek", "Version", "Lizenz")
QT_LICENCE = "LGPL-3.0-only"
ICON_SIZE = 96


def shipped_libraries() -> list[Library]:
    """Python, Qt itself and every library from the package metadata."""
    return [python_runtime(), Library("Qt", qVersion(), QT_LICENCE), *bundled_libraries()]


def qt_versions() -> str:
    """``6.11.3 (PySide6 6.11.3)`` – for the support package."""
    return f"{qVersion()} (PySide6 {pyside_version})"


class AboutDialog(QDialog):
    """Name, version, Stadt Gera, the database's location and the libraries with their licences."""

    def __init__(self, facts: DatabaseFacts, parent: QWidget | None = None, programmbuero: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Über die Maßnahmenverwaltung"))
        self._facts = facts
        self._programmbuero = programmbuero
        self._build_ui()
        self.resize(720, 560)

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        self.facts = QLabel(self._facts_html(), self)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts.setWordWrap(True)
        layout.addWidget(self.facts)
        layout.addWidget(QLabel(self.tr("Mitgelieferte Bibliotheken und ihre Lizenzen:"), self))
        self.libraries = self._library_table(shipped_libraries())
        layout.addWidget(self.libraries, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        icon = QLabel(self)
        icon.setPixmap(application_icon().pixmap(ICON_SIZE, ICON_SIZE))
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(
            f"<h2>{html.escape(APP_TITLE)}</h2>"
            f"<p>{self.tr('Version')} {html.escape(__version__)}<br>{html.escape(ORGANISATION)}</p>",
            self,
        )
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.title, 1)
        return row

    def _facts_html(self) -> str:
        facts = [
            (self.tr("Zweck"), self.tr("Die Maßnahmen des Smart City Modellprojekts Gera verwalten.")),
            (self.tr("Datenbank"), f"{self._facts.location} ({self._facts.backend})"),
            (self.tr("Protokoll"), str(config.paths().log_dir)),
        ]
        if self._programmbuero:
            facts.append((self.tr("Programmbüro"), self._programmbuero))
        rows = "".join(
            f"<tr><td><b>{html.escape(name)}:</b>&nbsp;</td><td>{html.escape(value)}</td></tr>"
            for name, value in facts
        )
        return f"<table>{rows}</table>"

    def _library_table(self, libraries: list[Library]) -> QTableWidget:
        table = QTableWidget(len(libraries), len(LIBRARY_HEADERS), self)
        table.setHorizontalHeaderLabels([self.tr(header) for header in LIBRARY_HEADERS])
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setAlternatingRowColors(True)
        for row, library in enumerate(libraries):
            for column, text in enumerate((library.name, library.version, library.licence)):
                table.setItem(row, column, QTableWidgetItem(text))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table
