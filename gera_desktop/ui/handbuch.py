"""Hilfe ▸ Handbuch: the user manual (Markdown pages in ``resources/handbuch``) in a window of its own.

A ``QTextBrowser`` shows one page (no web engine, nothing from the internet); beside it the table of
contents, above it Zurück, Vor and Inhalt, below it a search in the page (Strg+F). Links between the
pages and the pictures in ``bilder/`` are resolved relative to the page. The window has no parent, so
that it can still be read while a dialog of the main window is open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.config import APP_TITLE
from gera_desktop.resources import resource_path

START = "index.md"
CHAPTERS = (
    ("index.md", "Willkommen"),
    ("erste-schritte.md", "Erste Schritte"),
    ("import.md", "Eine Zulieferung importieren"),
    ("massnahme.md", "Eine Maßnahme bearbeiten"),
    ("liste.md", "Die Liste"),
    ("zeitplan.md", "Der Zeitplan"),
    ("uebersicht.md", "Übersicht und Fristen"),
    ("export.md", "Anlage und andere Exporte"),
    ("staende.md", "Stände und Vergleich"),
    ("bericht.md", "Der Sachstandsbericht"),
    ("drucken.md", "Drucken"),
    ("sicherungen.md", "Sicherungen"),
    ("papierkorb.md", "Papierkorb und Rückgängig"),
    ("protokoll.md", "Änderungsprotokoll und Verlauf"),
    ("einstellungen.md", "Einstellungen"),
    ("tastatur.md", "Tastatur und Barrierefreiheit"),
    ("meldungen.md", "Wenn eine Meldung erscheint"),
)
IMAGE_MIN_WIDTH = 480
NOT_FOUND = "„{text}“ kommt auf dieser Seite nicht vor."


def handbuch_dir() -> QUrl:
    """The folder of the manual's pages as a URL (source tree or bundle)."""
    return QUrl.fromLocalFile(str(resource_path("handbuch")) + "/")


def page_url(page: str) -> QUrl:
    """The URL of one page, e.g. ``page_url("liste.md")``."""
    return handbuch_dir().resolved(QUrl(page))


class PageBrowser(QTextBrowser):
    """The page; pictures wider than the page are shown scaled to its width."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802
        resource = super().loadResource(kind, name)
        if kind != QTextDocument.ResourceType.ImageResource.value or resource is None:
            return resource
        image = QImage.fromData(resource) if not isinstance(resource, QImage) else resource
        width = max(IMAGE_MIN_WIDTH, self.viewport().width() - 40)
        if image.isNull() or image.width() <= width:
            return image
        return image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)


class FindBar(QWidget):
    """Search in the page: a field, Weiter and Zurück, and a note when the text does not occur."""

    def __init__(self, browser: QTextBrowser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._browser = browser
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Auf dieser Seite suchen")
        self.field.setAccessibleName("Auf dieser Seite suchen")
        self.next_button = QPushButton("Weiter", self)
        self.previous_button = QPushButton("Zurück", self)
        self.note = QLabel(self)
        close = QPushButton("Schließen", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (QLabel("Suchen:", self), self.field, self.next_button, self.previous_button):
            layout.addWidget(widget)
        layout.addWidget(self.note, 1)
        layout.addWidget(close)
        self.field.returnPressed.connect(self.find_next)
        self.field.textEdited.connect(lambda _text: self.search(from_start=True))
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(lambda: self.search(backward=True))
        close.clicked.connect(self.hide)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.hide)

    def open(self) -> None:
        """Show the bar with the cursor in the field, its text selected for typing over."""
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def find_next(self) -> None:
        """The next place of the text (after the end: again from the top)."""
        self.search()

    def search(self, backward: bool = False, from_start: bool = False) -> bool:
        """Select the next (or previous) place of the text; say so when it does not occur."""
        text = self.field.text()
        if from_start:
            self._browser.moveCursor(self._browser.textCursor().MoveOperation.Start)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = not text or self._browser.find(text, flags)
        if not found:  # wrap around once
            edge = "End" if backward else "Start"
            self._browser.moveCursor(getattr(self._browser.textCursor().MoveOperation, edge))
            found = self._browser.find(text, flags)
        self.note.setText("" if found else NOT_FOUND.format(text=text))
        return found


class HandbuchWindow(QWidget):
    """The manual: table of contents, the page, Zurück/Vor/Inhalt and a search in the page."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle(f"Handbuch – {APP_TITLE}")
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self._build_ui()
        self._connect_signals()
        self.resize(1100, 720)

    def _build_ui(self) -> None:
        self.contents = QListWidget(self)
        self.contents.setAccessibleName("Inhalt des Handbuchs")
        for page, title in CHAPTERS:
            item = QListWidgetItem(title, self.contents)
            item.setData(Qt.ItemDataRole.UserRole, page)
        self.browser = PageBrowser(self)
        self.browser.setAccessibleName("Seite des Handbuchs")
        self.browser.setOpenExternalLinks(False)
        self.find_bar = FindBar(self.browser, self)
        self.find_bar.hide()
        splitter = QSplitter(self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 860])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._toolbar())
        layout.addWidget(splitter, 1)
        layout.addWidget(self.find_bar)

    def _toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        self.back = bar.addAction("Zurück")
        self.back.setShortcut(QKeySequence.StandardKey.Back)
        self.forward = bar.addAction("Vor")
        self.forward.setShortcut(QKeySequence.StandardKey.Forward)
        self.home = bar.addAction("Inhalt")
        self.search = bar.addAction("Suchen")
        self.search.setShortcut(QKeySequence.StandardKey.Find)
        for action in (self.back, self.forward, self.home, self.search):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text()} ({keys})" if keys else action.text())
        self.back.setEnabled(False)
        self.forward.setEnabled(False)
        return bar

    def _connect_signals(self) -> None:
        self.back.triggered.connect(self.browser.backward)
        self.forward.triggered.connect(self.browser.forward)
        self.home.triggered.connect(lambda: self.show_page(START))
        self.search.triggered.connect(self.find_bar.open)
        self.browser.backwardAvailable.connect(self.back.setEnabled)
        self.browser.forwardAvailable.connect(self.forward.setEnabled)
        self.browser.sourceChanged.connect(self._on_browser_source_changed)
        self.contents.itemActivated.connect(self._on_contents_item_activated)
        self.contents.itemClicked.connect(self._on_contents_item_activated)

    def show_page(self, page: str) -> None:
        """Show ``page`` (a file name such as ``"liste.md"``) and bring the window forward."""
        if self.page() != page:
            self.browser.setSource(page_url(page))
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.activateWindow()  # the program is active (F1, a menu): this brings the window forward

    def page(self) -> str:
        """The file name of the page shown (empty before the first)."""
        return self.browser.source().fileName()

    def _on_browser_source_changed(self, url: QUrl) -> None:
        self.find_bar.note.clear()
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == url.fileName():
                self.contents.setCurrentItem(item)
                return
        self.contents.clearSelection()

    def _on_contents_item_activated(self, item: QListWidgetItem) -> None:
        self.show_page(item.data(Qt.ItemDataRole.UserRole))
