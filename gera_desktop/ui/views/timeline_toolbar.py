"""The Zeitplan's toolbar (colour, grouping, "Heute", zoom, "Ziehen", "Speichern als") and asking
where to save the chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.formatting import format_date
from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.ui.flow_layout import FlowLayout, together
from gera_desktop.ui.views.timeline_style import ColourMode

SAVE_TITLE = "Zeitplan speichern"
TODAY_KEYS = "Ctrl+T"
DRAG_MODIFIER_TEXT = "Alt"
"""The key held to drag a bar or a milestone (Strg is the view's zoom with the mouse wheel)."""


@dataclass
class Toolbar:
    """The toolbar's layout and its controls."""

    layout: FlowLayout
    colour_combo: QComboBox
    grouping_combo: QComboBox
    zoom_out_button: QToolButton
    zoom_in_button: QToolButton
    fit_button: QPushButton
    today_button: QToolButton
    edit: QToolButton
    save_button: QPushButton
    pdf_action: QAction
    png_action: QAction


def build_toolbar(parent: QWidget) -> Toolbar:
    """ "Farbe nach", "Gruppieren nach", "Heute", zoom out and in, "Alles zeigen", "Ziehen" (the edit mode)
    and "Speichern als"."""
    bar = FlowLayout(spacing=12)  # in a narrow window (beside the detail): on two lines
    bar.setContentsMargins(6, 4, 6, 0)
    colour = _combo(parent, bar, parent.tr("Farbe nach:"), [(parent.tr(m.value), m) for m in ColourMode])
    grouping = _combo(parent, bar, parent.tr("Gruppen:"), [(parent.tr(g.value), g) for g in Gruppierung])
    grouping.setToolTip(parent.tr("Die Maßnahmen nach Innovationsfeld oder nach Cluster gruppieren"))
    today = _tool_button(
        parent, parent.tr("Heute"), parent.tr("Den heutigen Tag in die Mitte rücken (Strg+T)")
    )
    today.setShortcut(QKeySequence(TODAY_KEYS))
    zoom_out = _tool_button(parent, "−", parent.tr("Verkleinern (Strg + Mausrad)"))
    zoom_in = _tool_button(parent, "+", parent.tr("Vergrößern (Strg + Mausrad)"))
    fit = QPushButton(parent.tr("Alles zeigen"), parent)
    fit.setToolTip(parent.tr("Den ganzen Zeitraum in der Breite des Fensters zeigen"))
    bar.addWidget(together(parent, today, zoom_out, zoom_in, fit))
    edit = _tool_button(parent, parent.tr("Ziehen"), parent.tr(EDIT_TIP))
    edit.setCheckable(True)
    bar.addWidget(edit)
    save, pdf, png = _save_button(parent)
    bar.addWidget(save)
    return Toolbar(bar, colour, grouping, zoom_out, zoom_in, fit, today, edit, save, pdf, png)


EDIT_TIP = (
    "Balken und Meilensteine mit der Maus ziehen, um Beginn, Ende oder Termin zu ändern "
    f"(ohne diesen Schalter: {DRAG_MODIFIER_TEXT} gedrückt halten und ziehen)"
)


def _combo(parent: QWidget, bar: FlowLayout, label: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox(parent)
    for text, data in items:
        combo.addItem(text, data)
    bar.addWidget(together(parent, QLabel(label, parent), combo))
    return combo


def _save_button(parent: QWidget) -> tuple[QPushButton, QAction, QAction]:
    """ "Speichern als" with a menu: PDF (A4 quer, for printing) or PNG (for presentations)."""
    button = QPushButton(parent.tr("Speichern als"), parent)
    button.setToolTip(parent.tr("Den Zeitplan als PDF oder als Bild speichern"))
    menu = QMenu(button)
    pdf = menu.addAction(parent.tr("PDF-Dokument (A4 quer, zum Drucken)…"))
    png = menu.addAction(parent.tr("Bild (PNG, für Präsentationen)…"))
    button.setMenu(menu)
    return button, pdf, png


def _tool_button(parent: QWidget, text: str, tooltip: str) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tooltip)
    button.setMinimumWidth(30)
    return button


def ask_path(parent: QWidget, today: date, suffix: str, file_filter: str) -> str:
    """Where to save the chart (proposed: "Zeitplan <date>" in the documents); the ending added."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = f"Zeitplan {format_date(today)}.{suffix}"
    path, _ = QFileDialog.getSaveFileName(
        parent, parent.tr(SAVE_TITLE), str(Path(folder) / name), file_filter
    )
    if path and not path.lower().endswith(f".{suffix}"):
        path += f".{suffix}"
    return path


def run_export(parent: QWidget, export: Callable[[], object]) -> None:
    """Save; a German message when that fails."""
    try:
        export()
    except GeraError as error:
        QMessageBox.warning(parent, parent.tr(SAVE_TITLE), error.message)


def save_as(
    parent: QWidget, today: date, suffix: str, file_filter: str, export: Callable[[str], object]
) -> None:
    """Ask where (``ask_path``), then ``export(path)``; a German message when that fails."""
    path = ask_path(parent, today, suffix, file_filter)
    if path:
        run_export(parent, lambda: export(path))
