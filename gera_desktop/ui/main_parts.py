"""Pieces of the main window: the status bar's figures, the read-only note, the bar over a Stand shown, the
first size on a screen, the remembered layout, the question before deleting, the wait for the list's
first paint at the start, and the parts of the window built after its own first paint."""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStatusBar,
    QWidget,
)

from gera_desktop import config
from gera_desktop.domain.formatting import format_euro, format_number
from gera_desktop.services.listing import Totals
from gera_desktop.ui.colours import Tone, show_banner
from gera_desktop.ui.detail_pane import DetailPane
from gera_desktop.ui.dialogs.fitting import FRAME_ALLOWANCE
from gera_desktop.ui.elided import ElidedLabel
from gera_desktop.ui.views.list_view import MassnahmenListView

if TYPE_CHECKING:
    from gera_desktop.domain.stand import Snapshot
    from gera_desktop.services.core_results import DatabaseFacts

T = TypeVar("T")
PAINT_WAIT_S = 0.5
"""The longest a worker waits for the first paint of a widget (one hidden or minimised is never painted)."""
SETTINGS_FILE = "gera-desktop.ini"
LEFT_OUT_TIP = "Abgelehnte und abgebrochene Maßnahmen zählen in keiner Summe des Programms."
LOADING = "Maßnahmen werden geladen …"
DETAIL_SHARE = 42
"""Per cent of the first window's width for the detail (at most what the form asks for)."""
GEOMETRY, SPLITTER, COLUMNS, VIEW = "fenster/geometrie", "fenster/teiler", "liste/spalten", "fenster/ansicht"


def count_text(shown: int, total: int | None = None) -> str:
    """``'3 von 25 Maßnahmen'``, ``'1.250 Maßnahmen'``, ``'1 Maßnahme'``, ``'Keine Maßnahmen'``."""
    total = shown if total is None else total
    if total == 0:
        return "Keine Maßnahmen"
    noun = "Maßnahme" if total == 1 else "Maßnahmen"
    if shown == total:
        return f"{_whole(total)} {noun}"
    return f"{_whole(shown)} von {_whole(total)} {noun}"


def _whole(count: int) -> str:
    return format_number(Decimal(count), 0)


def sums_text(totals: Totals) -> str:
    """The sums of the shown measures as the status bar shows them, naming the measures left out."""
    text = (
        f"Gesamtkosten {format_euro(totals.gesamtkosten)}   ·   "
        f"Bundesmittel {format_euro(totals.bundesmittel)}   ·   "
        f"Eigenanteil {format_euro(totals.eigenanteil)}   ·   "
        f"Mittel abgerufen {format_euro(totals.abgerufen)}"
    )
    if totals.left_out:
        noun = "Maßnahme" if totals.left_out == 1 else "Maßnahmen"
        text += f"   ·   ohne {_whole(totals.left_out)} abgelehnte oder abgebrochene {noun}"
    return text


class StatusFigures:
    """The status bar: how many measures are shown of how many, their sums, and the database."""

    def __init__(self, bar: QStatusBar) -> None:
        self.count_label = QLabel(LOADING, bar)
        self.sums_label = ElidedLabel("", bar)  # shortened in a narrow window, never widening it
        self.database_label = ElidedLabel("", bar)
        for label in (self.count_label, self.sums_label, self.database_label):
            label.setContentsMargins(8, 0, 8, 0)
        bar.addWidget(self.count_label)
        bar.addWidget(self.sums_label)
        bar.addPermanentWidget(self.database_label)

    def show_database(self, name: str) -> None:
        """Name the open database."""
        self.database_label.setText(f"Datenbank: {name}")

    def show(self, shown: int, total: int, totals: Totals) -> None:
        """The count and, when measures are shown, their sums."""
        self.count_label.setText(count_text(shown, total))
        self.sums_label.setText(sums_text(totals))
        self.sums_label.setToolTip(LEFT_OUT_TIP if totals.left_out else "")
        self.sums_label.setVisible(shown > 0)


class ReadOnlyBar(QLabel):
    """A yellow note above everything while the database can only be read, saying why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBar")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setContentsMargins(12, 8, 12, 8)
        show_banner(self, Tone.NOTICE)
        self.hide()

    def show_for(self, facts: DatabaseFacts) -> None:
        """Visible with the reason while the database is read-only, hidden otherwise."""
        from html import escape  # not before the first paint: ``html`` brings its entity table

        self.setText(f"<b>Nur lesen:</b> {escape(facts.read_only_reason or '')}")
        self.setVisible(facts.read_only)


class StandBar(QFrame):
    """A blue bar above everything while a Stand is shown: which one, and „Zurück zu heute“."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("standBar")
        show_banner(self, Tone.INFO)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.back_button = QPushButton("Zurück zu heute", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.back_button)
        self.back_button.clicked.connect(self.back_requested)
        self.hide()

    def show_for(self, snapshot: Snapshot | None) -> None:
        """Visible, naming the Stand, while one is shown; hidden for today's measures."""
        if snapshot is not None:
            from html import escape

            name = escape(snapshot.name)
            self.label.setText(
                f"<b>Sie sehen den Stand „{name}“ vom {snapshot.zeitpunkt:%d.%m.%Y}.</b> "
                "Die Maßnahmen sind so eingefroren, wie sie damals waren; hier lässt sich nichts ändern."
            )
        self.setVisible(snapshot is not None)


class FirstPaint(QObject):
    """Whether ``widget`` has been painted once since this was made. A worker waits for it (``wait``) before
    long Python work, such as importing SQLAlchemy: meanwhile each Python call of the paint (the table's
    ``data()``) would wait for the interpreter lock. ``then()`` runs on the GUI thread after that paint."""

    def __init__(self, widget: QWidget, then: Callable[[], object] | None = None) -> None:
        super().__init__(widget)
        self._widget = widget
        self._painted = threading.Event()
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and watched is self._widget:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self._on_painted)  # once this paint is over
        return False

    def _on_painted(self) -> None:
        self._painted.set()
        if self._then is not None:
            self._then()

    def wait(self) -> None:
        """On a worker thread: return once the widget was painted, or after ``PAINT_WAIT_S``."""
        self._painted.wait(PAINT_WAIT_S)


class Completing(Protocol):
    def complete(self) -> Any: ...


class Later(Generic[T]):
    """A part of the main window built after its first paint (by its ``complete()``, which builds them
    all at once): reading it earlier builds them then."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, window: Completing, owner: type | None = None) -> T:
        part: T = getattr(window.complete(), self._name)
        return part


# --- remembered layout ------------------------------------------------------------------------------------


def place_first(window: QMainWindow, splitter: QSplitter, detail_wanted: int) -> None:
    """The window's first size on a fresh profile: most of the available screen (room left for the
    title bar), in its middle, never smaller than the window can be; the detail beside the views with
    ``detail_wanted`` pixels or its share of the width, whichever is less."""
    screen = window.screen().availableGeometry()
    least = window.minimumSizeHint().width()
    width = max(min(1840, screen.width() * 92 // 100), min(least, screen.width()))
    height = min(1000, screen.height() - FRAME_ALLOWANCE)
    window.resize(width, height)
    window.move(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 3)
    detail_width = min(detail_wanted, max(DETAIL_SHARE * width // 100, 360))
    splitter.setSizes([width - detail_width, detail_width])


def window_settings() -> QSettings:
    """The window's remembered layout: an INI file in the user's config directory (tests: tmp_path)."""
    return QSettings(str(config.paths().config_dir / SETTINGS_FILE), QSettings.Format.IniFormat)


def restore_layout(
    window: QMainWindow,
    splitter: QSplitter,
    pane: DetailPane,
    list_view: MassnahmenListView,
    show_view: Callable[[int], None],
) -> None:
    """Geometry, splitter, the detail beside each view, the list's columns and the last view, as the user
    left them."""
    settings = window_settings()
    geometry = _bytes(settings, GEOMETRY)
    if not geometry.isEmpty():
        window.restoreGeometry(geometry)
    state = _bytes(settings, SPLITTER)
    if not state.isEmpty():
        splitter.restoreState(state)
    pane.restore(settings)
    list_view.restore_header_state(_bytes(settings, COLUMNS))
    view = str(settings.value(VIEW, 0))
    show_view(int(view) if view.isdigit() else 0)


def save_layout(
    window: QMainWindow, splitter: QSplitter, pane: DetailPane, list_view: MassnahmenListView, view: int
) -> None:
    """Remember geometry, splitter, the detail beside each view, the list's columns and the current view
    for the next start."""
    settings = window_settings()
    settings.setValue(GEOMETRY, window.saveGeometry())
    settings.setValue(SPLITTER, splitter.saveState())
    pane.save(settings)
    settings.setValue(COLUMNS, list_view.header_state())
    settings.setValue(VIEW, view)
    settings.sync()


def _bytes(settings: QSettings, key: str) -> QByteArray:
    value = settings.value(key, QByteArray())
    return value if isinstance(value, QByteArray) else QByteArray()
