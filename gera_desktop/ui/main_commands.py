"""What the main window adds right after the measures are first listed (nothing of it is seen then): the
commands that open dialogs and windows (Datei ▸ Importieren, Exportieren, Sicherungen …, Bearbeiten ▸
Papierkorb …, Ansicht ▸ Stände …, Fristen, Programm …), the commands added to its menus (Hilfe, Drucken,
Gruppieren nach, Vorlage speichern), an Alt letter for every menu entry, tables that pass Tab on, and the
guard that keeps Strg+E from text fields; and Löschen, which asks first.

Their modules are not imported before the window and the list are painted, so the start pays neither for
them nor for the widgets and actions they build.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from gera_desktop.domain.records import MassnahmeData
from gera_desktop.services.core_results import DatabaseFacts
from gera_desktop.services.export import LAYOUTS
from gera_desktop.ui.fristen_action import add_fristen_action
from gera_desktop.ui.grouping_actions import add_grouping_actions
from gera_desktop.ui.help_actions import add_help_actions
from gera_desktop.ui.keyboard import give_menu_mnemonics, make_keyboard_friendly
from gera_desktop.ui.main_dialogs import MainDialogs
from gera_desktop.ui.main_menu import MainActions
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.printing.action import add_print_actions
from gera_desktop.ui.shortcut_keys import FieldShortcutGuard
from gera_desktop.ui.stand_actions import add_stand_actions
from gera_desktop.ui.views.detail_controls import confirm_delete
from gera_desktop.ui.workspace import Workspace


class WindowCommands(QObject):
    """The dialogs of ``window`` and the commands that open them, wired; ``show_measure(nr)`` shows a
    measure in the list (one restored from the Papierkorb, or asked for in a window beside it)."""

    def __init__(
        self,
        window: QMainWindow,
        actions: MainActions,
        workspace: Workspace,
        operations: Operations,
        facts: Callable[[], DatabaseFacts | None],
        show_measure: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window, self._workspace, self._operations = window, workspace, operations
        undo_stack = workspace.detail.undo_stack
        self.dialogs = MainDialogs(window, operations, workspace.list_view, facts, show_measure, undo_stack)
        self.help_actions = add_help_actions(window, operations, facts, workspace.views.currentIndex)
        self.stand_actions = add_stand_actions(window)
        self.grouping_actions = add_grouping_actions(window, workspace)
        self.fristen_action = add_fristen_action(window)
        self.print_actions = add_print_actions(window, workspace)
        self._connect_signals(actions, workspace, show_measure)
        give_menu_mnemonics(window.menuBar())
        make_keyboard_friendly(window)
        self._guard = FieldShortcutGuard(window, actions.kept_from_fields(), actions.left_to_fields())

    def _connect_signals(
        self, a: MainActions, workspace: Workspace, show_measure: Callable[[str], None]
    ) -> None:
        d = self.dialogs
        a.delete.triggered.connect(self._on_delete_triggered)
        a.import_list.triggered.connect(lambda: d.open_import())
        a.export.triggered.connect(lambda: d.open_export())
        for layout, action in zip(LAYOUTS, a.export_actions(), strict=True):
            action.triggered.connect(lambda _checked=False, layout=layout: d.open_export(layout))
        a.report.triggered.connect(d.open_report)
        a.backups.triggered.connect(d.open_backups)
        a.trash.triggered.connect(d.open_trash)
        a.clusters.triggered.connect(d.open_clusters)
        a.settings.triggered.connect(d.open_settings)
        a.protokoll.triggered.connect(d.open_protokoll)
        a.programm.triggered.connect(d.open_programm)
        self.stand_actions.staende.triggered.connect(d.open_staende)
        self.stand_actions.vergleich.triggered.connect(lambda: d.open_vergleich())
        self.fristen_action.triggered.connect(d.open_fristen)
        d.measure_requested.connect(show_measure)  # the same: the list, the measure selected
        d.stand_requested.connect(workspace.show_stand)

    def _on_delete_triggered(self) -> None:
        """Löschen: the measure selected in the list; the detail deletes the one it shows itself."""
        nr, detail = self._workspace.list_view.current_nr(), self._workspace.detail
        if not nr:
            return
        if detail.current_nr() == nr:
            detail.delete()
            return
        self._operations.read(lambda core, _steps: core.get(nr), on_success=self._delete, parent=self)

    def _delete(self, record: MassnahmeData) -> None:
        from gera_desktop.ui.undo import DeleteCommand, push_done  # with the column spec: not for the start

        if not confirm_delete(self._window, record):
            return
        stack, operations = self._workspace.detail.undo_stack, self._operations
        operations.write(
            lambda core, _steps: core.delete(record.nr, record.version),
            on_success=lambda trashed: push_done(stack, DeleteCommand(operations, trashed.massnahme)),
            parent=self,
        )

    def save(self) -> None:
        """Remember what these commands chose for the next start (the grouping)."""
        self.grouping_actions.save()
