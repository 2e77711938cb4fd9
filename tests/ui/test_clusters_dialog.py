"""Bearbeiten ▸ Cluster …: the Clusters with their number of measures and description, added, renamed
(their measures follow), described and deleted while empty; German messages for a taken name; the list
follows every change, also one made by saving a measure."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from gera_desktop.ui.dialogs.clusters import ClustersDialog
from gera_desktop.ui.help_actions import menu
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.operations import Operations
from tests.ui.operations_support import cell_texts, write_and_wait

Button = QMessageBox.StandardButton


def _dialog(qtbot, operations: Operations, read_only: bool = False) -> ClustersDialog:
    dialog = ClustersDialog(operations, read_only)
    qtbot.addWidget(dialog)
    qtbot.waitSignal(dialog.read).wait()
    return dialog


def _join(qtbot, operations: Operations, nr: str, cluster: str) -> None:
    write_and_wait(qtbot, operations, lambda core: core.update(replace(core.get(nr), cluster=cluster)))


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """What the input dialogs and questions answer; the warnings shown end up in ``warnings``."""
    given: dict[str, object] = {"text": ("", False), "multi": ("", False), "yes": False, "warnings": []}
    monkeypatch.setattr(QInputDialog, "getText", lambda *_args, **_kw: given["text"])
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *_args, **_kw: given["multi"])
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: Button.Yes if given["yes"] else Button.No)
    warnings: list[str] = given["warnings"]  # type: ignore[assignment]
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_: warnings.append(text))
    return given


def test_the_clusters_are_listed_with_their_measures_and_follow_a_save(
    qtbot, qtmodeltester, operations
) -> None:
    dialog = _dialog(qtbot, operations)
    assert dialog.empty_label.isVisibleTo(dialog)
    assert not dialog.table.isVisibleTo(dialog)
    assert not dialog.rename_button.isEnabled()

    with qtbot.waitSignal(dialog.read):
        _join(qtbot, operations, "UM-06", "Klimaanpassung")
    with qtbot.waitSignal(dialog.read):
        write_and_wait(
            qtbot, operations, lambda core: core.describe_cluster("Klimaanpassung", "Hitze\nStarkregen")
        )
    qtmodeltester.check(dialog.model)

    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Name", "Maßnahmen", "Beschreibung"]
    assert cell_texts(dialog.model) == [["Klimaanpassung", "1", "Hitze Starkregen"]]
    assert dialog.selected_name() == "Klimaanpassung"
    assert not dialog.delete_button.isEnabled()
    assert dialog.delete_button.toolTip() == "Nur ein Cluster ohne Maßnahmen kann gelöscht werden."


def test_a_cluster_is_added_and_a_taken_name_is_refused_in_german(qtbot, operations, answers) -> None:
    dialog = _dialog(qtbot, operations)
    answers["text"] = ("  Digitale Verwaltung ", True)
    with qtbot.waitSignal(dialog.read):
        dialog.add_button.click()
    assert cell_texts(dialog.model) == [["Digitale Verwaltung", "0", ""]]

    answers["text"] = ("digitale verwaltung", True)
    dialog.add_button.click()
    qtbot.waitUntil(lambda: bool(answers["warnings"]))
    assert answers["warnings"] == [
        "Es gibt schon ein Cluster „Digitale Verwaltung“. Bitte wählen Sie einen anderen Namen."
    ]


def test_renaming_describing_and_deleting(qtbot, operations, answers) -> None:
    _join(qtbot, operations, "UM-06", "Klimaanpassung")
    write_and_wait(qtbot, operations, lambda core: core.create_cluster("Alt"))
    dialog = _dialog(qtbot, operations)
    dialog.table.selectRow(dialog.model.names().index("Klimaanpassung"))

    answers["text"] = ("Klima und Umwelt", True)
    with qtbot.waitSignal(dialog.read):
        dialog.rename_button.click()
    assert dialog.selected_name() == "Klima und Umwelt"
    assert operations.core.get("UM-06").cluster == "Klima und Umwelt"

    answers["multi"] = ("Hitze, Starkregen", True)
    with qtbot.waitSignal(dialog.read):
        dialog.describe_button.click()
    assert cell_texts(dialog.model)[1] == ["Klima und Umwelt", "1", "Hitze, Starkregen"]

    dialog.table.selectRow(dialog.model.names().index("Alt"))
    dialog.delete_button.click()  # answered "Nein"
    assert dialog.model.names() == ["Alt", "Klima und Umwelt"]
    answers["yes"] = True
    with qtbot.waitSignal(dialog.read):
        dialog.delete_button.click()
    assert dialog.model.names() == ["Klima und Umwelt"]


def test_a_read_only_database_shows_the_clusters_without_changes(qtbot, operations) -> None:
    write_and_wait(qtbot, operations, lambda core: core.create_cluster("Mobilität"))
    dialog = _dialog(qtbot, operations, read_only=True)

    assert dialog.model.names() == ["Mobilität"]
    buttons = (dialog.add_button, dialog.rename_button, dialog.describe_button, dialog.delete_button)
    assert not any(button.isEnabled() for button in buttons)


def test_bearbeiten_offers_the_cluster_dialog(qtbot, window: MainWindow) -> None:
    entries = [action.text().replace("&", "") for action in menu(window, "Bearbeiten").actions()]
    assert "Cluster …" in entries

    dialog = window.dialogs.open_clusters()
    qtbot.waitSignal(dialog.read).wait()
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Cluster"
    dialog.close()
