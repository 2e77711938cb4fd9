"""The detail's two pages: „Keine Maßnahme geöffnet“, or the measure shown with its header, form and
buttons. The form (36 fields, eight tabs, its tables and checks) is built when a measure is first shown:
the window's start shows the empty page only, so it neither builds the form nor imports its modules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from gera_desktop.ui.keyboard import make_keyboard_friendly

if TYPE_CHECKING:
    from gera_desktop.ui.views.detail_controls import DetailButtons, DetailHeader
    from gera_desktop.ui.views.detail_form import DetailForm, FormPage

EMPTY_TEXT = (
    "Keine Maßnahme geöffnet.\n\nWählen Sie eine Maßnahme in der Liste aus "
    "oder legen Sie mit „Neue Maßnahme“ eine neue an."
)
FORM_WIDTH_CHARS = 130
"""The form's width in average characters of its font: its size hint, set by the titles of its eight tabs
(780 pixels at 6 a character)."""
MARGIN = 6


class DetailPages(QWidget):
    """The empty page, and the page of a measure (``page``, with ``form``, ``header``, ``buttons``) built
    at its first use; ``_page_built(page)`` lets a subclass wire it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page: FormPage | None = None
        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(self.pages)

    @property
    def page(self) -> FormPage:
        """Header, form and buttons (built now if they are not yet)."""
        if self._page is None:
            from gera_desktop.ui.views.detail_form import FormPage

            self._page = FormPage(self)
            self.pages.addWidget(self._page)
            self._page_built(self._page)
            make_keyboard_friendly(self.window())  # its labels' letters, beside the window's own
        return self._page

    def page_built(self) -> bool:
        """Whether the page of a measure exists (a measure was shown)."""
        return self._page is not None

    @property
    def form(self) -> DetailForm:
        """The tabs with every field of the measure."""
        return self.page.form

    @property
    def header(self) -> DetailHeader:
        """Which measure is shown."""
        return self.page.header

    @property
    def buttons(self) -> DetailButtons:
        """Speichern, Verwerfen, In den Papierkorb."""
        return self.page.buttons

    def show_page(self, measure: bool) -> None:
        """The page of the measure (``True``, built if need be) or the empty one."""
        self.pages.setCurrentWidget(self.page if measure else self.empty_label)

    def preferred_width(self) -> int:
        """The width the form wants; estimated from the font while the form is not built."""
        if self._page is None:
            return self.fontMetrics().averageCharWidth() * FORM_WIDTH_CHARS + 2 * MARGIN
        return self.sizeHint().width()

    def _page_built(self, page: FormPage) -> None:
        """Called once the page of a measure was built."""
