"""Ansicht ▸ Gruppieren nach: keine Gruppen / Innovationsfeld / Cluster, one setting for the list and the
Zeitplan (its toolbar offers the same choice), remembered for the next start.

``add_grouping_actions(window, workspace)`` is called once the window has built its menus.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMainWindow

from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.ui.help_actions import menu
from gera_desktop.ui.main_menu import make_action
from gera_desktop.ui.main_parts import window_settings
from gera_desktop.ui.workspace import Workspace

GROUPING = "ansicht/gruppierung"
NONE = "keine"
CHOICES: dict[str, Gruppierung | None] = {
    NONE: None,
    "innovationsfeld": Gruppierung.INNOVATIONSFELD,
    "cluster": Gruppierung.CLUSTER,
}
TEXTS = {NONE: "Keine Gruppen", "innovationsfeld": "Innovationsfeld", "cluster": "Cluster"}
TIPS = {
    NONE: "Die Liste ohne Gruppen (der Zeitplan nach Innovationsfeld)",
    "innovationsfeld": "Liste und Zeitplan nach Innovationsfeld gruppieren",
    "cluster": "Liste und Zeitplan nach Cluster gruppieren, Maßnahmen ohne Cluster zuletzt",
}


class GroupingActions(QObject):
    """One checkable command per choice; the checked one follows the workspace."""

    def __init__(self, window: QMainWindow, workspace: Workspace) -> None:
        super().__init__(window)
        self._workspace = workspace
        self.group = QActionGroup(window)
        self.actions = {name: make_action(window, TEXTS[name], tip=TIPS[name]) for name in CHOICES}
        for name, action in self.actions.items():
            action.setCheckable(True)
            self.group.addAction(action)
            action.triggered.connect(lambda _checked=False, by=CHOICES[name]: workspace.set_grouping(by))
        workspace.grouping_changed.connect(self._check)
        self._check(workspace.grouping)

    def _check(self, by: Gruppierung | None) -> None:
        self.actions[_name(by)].setChecked(True)

    def restore(self) -> None:
        """Group as at the end of the last session."""
        self._workspace.set_grouping(CHOICES.get(str(window_settings().value(GROUPING, NONE))))

    def save(self) -> None:
        """Remember the grouping for the next start."""
        settings = window_settings()
        settings.setValue(GROUPING, _name(self._workspace.grouping))
        settings.sync()


def _name(by: Gruppierung | None) -> str:
    return next(name for name, choice in CHOICES.items() if choice is by)


def add_grouping_actions(window: QMainWindow, workspace: Workspace) -> GroupingActions:
    """Put "Gruppieren nach" below the views in Ansicht and take the remembered grouping."""
    actions = GroupingActions(window, workspace)
    ansicht = menu(window, "Ansicht")
    ansicht.addSeparator()
    submenu = ansicht.addMenu("Gruppieren nach")
    submenu.addActions(list(actions.actions.values()))
    actions.restore()
    return actions
