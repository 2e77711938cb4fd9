"""The main window's two pages: the welcome panel of an empty database, or the views of the measures
beside the detail. The welcome panel (and its module) is built when it is first needed, not at the start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStackedWidget, QWidget

from gera_desktop import resources
from gera_desktop.ui.operations import Operations

if TYPE_CHECKING:
    from gera_desktop.ui.welcome import WelcomePanel

WELCOME_PAGE, WORK_PAGE = 0, 1


class MainPages(QStackedWidget):
    """``work`` shown first; the welcome panel offers ``import_list``, ``new`` and the sample data."""

    def __init__(self, work: QWidget, operations: Operations, import_list: QAction, new: QAction) -> None:
        super().__init__(work.parentWidget())
        self._welcome: WelcomePanel | None = None
        self._operations = operations
        self._offers = (import_list, new)
        self._writable = False
        self.addWidget(QWidget(self))  # the welcome panel's place
        self.addWidget(work)
        self.setCurrentIndex(WORK_PAGE)

    @property
    def welcome(self) -> WelcomePanel:
        """The welcome panel (built at its first use)."""
        if self._welcome is None:
            from gera_desktop.ui.welcome import WelcomePanel

            import_list, new = self._offers
            welcome = WelcomePanel(self)
            stand_in = self.widget(WELCOME_PAGE)
            assert stand_in is not None
            self.insertWidget(WELCOME_PAGE, welcome)
            self.removeWidget(stand_in)
            stand_in.deleteLater()
            welcome.import_requested.connect(import_list.trigger)
            welcome.new_requested.connect(new.trigger)
            welcome.demo_requested.connect(self._on_welcome_demo_requested)
            welcome.setEnabled(self._writable)
            self._welcome = welcome
        return self._welcome

    def show_welcome(self, shown: bool) -> None:
        """The welcome panel (``True``) or the views of the measures."""
        if shown:
            self.setCurrentWidget(self.welcome)
        else:
            self.setCurrentIndex(WORK_PAGE)

    def _on_welcome_demo_requested(self) -> None:
        self._operations.write(lambda core, _steps: core.load_demo(resources.demo_data()), parent=self)

    def set_writable(self, writable: bool) -> None:
        """The welcome panel's offers work only on a database that may be written."""
        self._writable = writable
        if self._welcome is not None:
            self._welcome.setEnabled(writable)
