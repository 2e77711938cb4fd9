"""Hilfe ▸ Über, Hilfe ▸ Support-Paket erstellen and Datei ▸ Vorlage speichern, as a user reaches them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QTableWidget

from gera_desktop import __version__
from gera_desktop.persistence.database import Database
from gera_desktop.services.about import database_location
from gera_desktop.services.core import Anwendung
from gera_desktop.ui.dialogs.about import AboutDialog
from gera_desktop.ui.help_actions import HelpActions, add_help_actions
from gera_desktop.ui.main_menu import make_action
from gera_desktop.ui.operations import Operations
from tests.ui.main_window_support import open_main_window


class StandInWindow(QMainWindow):
    """A window with the main window's Datei and Hilfe menus and the operations on its database."""

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.operations = Operations(Anwendung.on(database), self)
        datei = self.menuBar().addMenu("&Datei")
        for text in ("Neue Maßnahme", "Importieren …"):
            datei.addAction(make_action(self, text))
        datei.addMenu("&Exportieren")
        datei.addSeparator()
        datei.addAction(make_action(self, "Beenden"))
        self.menuBar().addMenu("&Hilfe").addAction(make_action(self, "Über die Maßnahmenverwaltung …"))


@pytest.fixture
def window(qtbot, database: Database) -> StandInWindow:
    stand_in = StandInWindow(database)
    qtbot.addWidget(stand_in, before_close_func=lambda w: qtbot.waitUntil(lambda: not w.operations.busy))
    return stand_in


@pytest.fixture
def actions(window: StandInWindow) -> HelpActions:
    facts = window.operations.core.facts()
    return add_help_actions(window, window.operations, lambda: facts)


def settled(qtbot, window: StandInWindow) -> None:
    """Wait until the command's work in the background is over."""
    qtbot.waitUntil(lambda: not window.operations.busy)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Message boxes shown (kind, text), never left to block."""
    shown: list[tuple[str, str]] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda _parent, _title, text, kind=kind: shown.append((kind, text))
        )
    return shown


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[str]:
    """Answer the save dialog with ``path`` (``None``: Abbrechen); returns the suggested names."""
    suggested: list[str] = []

    def answer(_parent, _title, start, _filter):
        suggested.append(Path(start).name)
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return suggested


def entries(menu: QMenu) -> list[str]:
    return [action.text().replace("&", "") for action in menu.actions() if not action.isSeparator()]


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def menu_of(window: QMainWindow, title: str) -> QMenu:
    (found,) = [a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title]
    assert isinstance(found, QMenu)
    return found


def test_the_commands_sit_in_datei_and_hilfe(window: StandInWindow, actions: HelpActions) -> None:
    assert entries(menu_of(window, "Datei")) == [
        "Neue Maßnahme",
        "Importieren …",
        "Exportieren",
        "Vorlage speichern …",
        "Beenden",
    ]
    assert entries(menu_of(window, "Hilfe")) == [
        "Handbuch",
        "Hilfe zu dieser Ansicht",
        "Support-Paket erstellen …",
        "Über die Maßnahmenverwaltung …",
    ]
    assert menu_of(window, "Hilfe").actions()[-1] is actions.about


def test_the_main_window_offers_each_command_once(qtbot, database: Database, monkeypatch) -> None:
    main = open_main_window(qtbot, database)
    opened: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: opened.append(dialog))

    datei, hilfe = entries(menu_of(main, "Datei")), entries(menu_of(main, "Hilfe"))
    menu_of(main, "Hilfe").actions()[-1].trigger()
    qtbot.waitUntil(lambda: bool(opened))

    assert datei.count("Vorlage speichern …") == 1
    assert datei.index("Importieren …") < datei.index("Vorlage speichern …") < datei.index("Beenden")
    assert hilfe == [
        "Handbuch",
        "Hilfe zu dieser Ansicht",
        "Support-Paket erstellen …",
        "Über die Maßnahmenverwaltung …",
    ]
    assert len(opened) == 1


def test_the_about_dialog_names_programme_version_organisation_and_database(
    qtbot, database: Database
) -> None:
    dialog = AboutDialog(Anwendung.on(database).facts(), programmbuero="Programmbüro Smart City")
    qtbot.addWidget(dialog)

    assert "Smart City Gera – Maßnahmenverwaltung" in dialog.title.text()
    assert f"Version {__version__}" in dialog.title.text()
    assert "Stadt Gera" in dialog.title.text()
    assert database_location(database) in dialog.facts.text()
    assert "Programmbüro Smart City" in dialog.facts.text()


def test_the_about_dialog_lists_the_libraries_with_their_licences(qtbot, database: Database) -> None:
    dialog = AboutDialog(Anwendung.on(database).facts())
    qtbot.addWidget(dialog)
    table = dialog.libraries
    cells = [[cell_text(table, row, column) for column in range(3)] for row in range(table.rowCount())]
    rows = {name: (version, licence) for name, version, licence in cells}

    assert rows["Qt"][1] == "LGPL-3.0-only"
    assert "LGPL-3.0-only" in rows["PySide6_Essentials"][1]
    assert rows["SQLAlchemy"][1] == "MIT"
    assert rows["Python"][1] == "PSF-2.0"
    assert all(version and licence for version, licence in rows.values())


def test_hilfe_ueber_opens_the_about_dialog(
    qtbot, window: StandInWindow, actions: HelpActions, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[AboutDialog] = []

    def record(dialog: AboutDialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(AboutDialog, "exec", record)

    actions.about.trigger()
    settled(qtbot, window)

    (dialog,) = opened
    assert "Programmbüro" in dialog.facts.text()  # the programme office from the settings


def test_vorlage_speichern_writes_the_template(
    qtbot,
    window: StandInWindow,
    actions: HelpActions,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages,
) -> None:
    suggested = choose_file(monkeypatch, tmp_path / "Vorlage Umweltamt.xlsx")

    actions.save_template.trigger()
    settled(qtbot, window)

    assert suggested == ["Maßnahmenliste-Vorlage.xlsx"]
    assert "Ausfüllhinweise" in load_workbook(tmp_path / "Vorlage Umweltamt.xlsx").sheetnames
    ((kind, text),) = messages
    assert kind == "information"
    assert str(tmp_path / "Vorlage Umweltamt.xlsx") in text


def test_support_paket_writes_the_zip_for_the_it_service(
    qtbot,
    window: StandInWindow,
    actions: HelpActions,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages,
) -> None:
    suggested = choose_file(monkeypatch, tmp_path / "fuer-die-it")

    actions.support_package.trigger()
    settled(qtbot, window)

    assert suggested[0].startswith("gera-desktop-Support_")
    with zipfile.ZipFile(tmp_path / "fuer-die-it.zip") as archive:
        info = archive.read("info.txt").decode("utf-8")
    assert "Qt (PySide6): 6." in info
    ((kind, text),) = messages
    assert kind == "information"
    assert "keine Maßnahmen" in text


def test_a_folder_that_is_gone_gives_a_german_message(
    qtbot,
    window: StandInWindow,
    actions: HelpActions,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages,
) -> None:
    choose_file(monkeypatch, tmp_path / "weg" / "support.zip")

    actions.support_package.trigger()
    settled(qtbot, window)

    assert messages == [("warning", f"Der Ordner „{tmp_path / 'weg'}“ existiert nicht.")]


def test_abbrechen_in_the_file_dialog_writes_nothing(
    actions: HelpActions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages
) -> None:
    choose_file(monkeypatch, None)

    actions.save_template.trigger()
    actions.support_package.trigger()

    assert messages == []
    assert list(tmp_path.glob("*.xlsx")) + list(tmp_path.glob("*.zip")) == []
