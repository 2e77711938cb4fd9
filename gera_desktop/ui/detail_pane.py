"""The detail beside the views, hidden and shown: by the splitter's handle (dragged to the edge it collapses
the detail, dragged back it shows it) or by Ansicht ▸ Detailbereich. Liste, Zeitplan and Übersicht each
keep their own choice (the Übersicht starts without the detail), remembered between starts as ``states``."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QSplitter

DEFAULT_SHOWN = (True, True, False)
"""Liste, Zeitplan, Übersicht: whether the detail is shown beside them on a fresh profile."""
VIEWS, DETAIL = 0, 1
SHOWN_KEY, WIDTH_KEY = "fenster/detailbereich", "fenster/detailbreite"


class DetailPane(QObject):
    """Whether the splitter's second widget (the detail) is shown beside the current view;
    ``shown_changed(shown)`` after each change, by the handle or by ``set_shown``."""

    shown_changed = Signal(bool)

    def __init__(self, splitter: QSplitter) -> None:
        super().__init__(splitter)
        self._splitter = splitter
        views, detail = splitter.widget(VIEWS), splitter.widget(DETAIL)
        assert views is not None
        assert detail is not None
        self._views, self._detail = views, detail
        self._shown = list(DEFAULT_SHOWN)
        self._page = 0
        self.width = 0
        """The detail's width when shown (0: its size hint)."""
        splitter.setCollapsible(VIEWS, False)
        splitter.setCollapsible(DETAIL, True)
        splitter.splitterMoved.connect(self._on_splitter_moved)

    def is_shown(self) -> bool:
        """Whether the detail has room now."""
        return self._splitter.sizes()[DETAIL] > 0

    def follow_view(self, page: int) -> None:
        """Another view is shown: the detail beside it as chosen for that view."""
        self._page = page
        self._apply(self._shown[page])

    def set_shown(self, shown: bool) -> None:
        """Show or hide the detail beside the current view (and remember that for the view)."""
        self._shown[self._page] = shown
        self._apply(shown)

    def save(self, settings: QSettings) -> None:
        """Remember the choice per view and the detail's width."""
        settings.setValue(SHOWN_KEY, ",".join("1" if shown else "0" for shown in self._shown))
        settings.setValue(WIDTH_KEY, self.width)

    def restore(self, settings: QSettings) -> None:
        """The choice per view and the detail's width as remembered (the defaults when there is none)."""
        flags = str(settings.value(SHOWN_KEY, "")).split(",")
        if len(flags) == len(self._shown) and set(flags) <= {"0", "1"}:
            self._shown = [flag == "1" for flag in flags]
        width = str(settings.value(WIDTH_KEY, ""))
        self.width = int(width) if width.isdigit() else 0

    def _apply(self, shown: bool) -> None:
        sizes = self._splitter.sizes()
        total = sum(sizes)
        if shown and sizes[DETAIL] == 0:
            detail = self._detail
            wanted = max(self.width or detail.sizeHint().width(), detail.minimumSizeHint().width())
            room = total - self._views.minimumSizeHint().width()
            width = min(wanted, room)
            self._splitter.setSizes([total - width, width])
        elif not shown and sizes[DETAIL] > 0:
            self.width = sizes[DETAIL]
            self._splitter.setSizes([total, 0])
        self.shown_changed.emit(shown)

    def _on_splitter_moved(self, _position: int, _index: int) -> None:
        width = self._splitter.sizes()[DETAIL]
        if width > 0:
            self.width = width
        self._shown[self._page] = width > 0
        self.shown_changed.emit(width > 0)
