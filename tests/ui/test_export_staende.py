"""The export dialog and the Stände: an annex can be frozen as a Stand with its export (a proposed name, a
name that cannot be taken refused before any file is written), and layout „Vergleich“ writes the
comparison of a Stand with today or another Stand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gera_desktop import resources
from gera_desktop.domain.records import ListRecord
from gera_desktop.persistence.database import Database
from gera_desktop.services.core import Anwendung
from gera_desktop.services.demo import load_demo
from gera_desktop.ui.dialogs.export_dialog import ExportDialog
from gera_desktop.ui.operations import Operations

NAME = "Vorlage Stadtrat 14.12.2021"
TODAY = f"{date.today():%d.%m.%Y}"


class Screen:
    """The file the user chooses, the names offered and the final messages (answered „Schließen“)."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.suggested: list[str] = []
        self.messages: list[str] = []

    def save_name(self, _parent, _title, start, file_filter):
        self.suggested.append(Path(start).name)
        return str(self.target), file_filter

    def exec_box(self, box: QMessageBox) -> int:
        self.messages.append(box.text())
        next(b for b in box.buttons() if b.text() == "Schließen").click()
        return 0


@pytest.fixture
def screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Screen:
    screen = Screen(tmp_path / "Anlage.xlsx")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", screen.save_name)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: screen.exec_box(box))
    return screen


@pytest.fixture
def records(database: Database) -> list[ListRecord]:
    load_demo(database, resources.demo_data(), user="test")
    return Anwendung.on(database).list_records()


def _shown(qtbot, database: Database, records, **kwargs) -> ExportDialog:
    """The dialog once it knows the Stände."""
    operations = Operations(Anwendung.on(database, user="test"))
    dialog = ExportDialog(operations, records, records, **kwargs)
    qtbot.addWidget(dialog, before_close_func=lambda _dialog: qtbot.waitUntil(lambda: not operations.busy))
    qtbot.waitUntil(lambda: not operations.busy)
    return dialog


def _export(qtbot, dialog: ExportDialog) -> Path:
    with qtbot.waitSignal(dialog.exported) as blocker:
        dialog.export_button.click()
    return blocker.args[0]


def test_the_annex_proposes_a_stand_named_after_it(qtbot, database: Database, records) -> None:
    dialog = _shown(qtbot, database, records, layout="anlage")

    dialog.anlage.anlage_nr.setText("2")
    dialog.anlage.drucksache.setText("82/2019 7. Ergänzung")

    assert dialog.anlage.stand_name.text() == f"Anlage 2 zu Drucksache 82/2019 7. Ergänzung, {TODAY}"
    assert not dialog.anlage.stand_name.isEnabled()
    assert dialog.anlage.frozen_stand() is None

    dialog.anlage.freeze.setChecked(True)
    dialog.anlage.stand_name.setText("Vorlage Dezember")
    dialog.anlage.stand_name.textEdited.emit("Vorlage Dezember")
    dialog.anlage.drucksache.setText("82/2019 8. Ergänzung")

    assert dialog.anlage.frozen_stand() == "Vorlage Dezember"  # typed by the user: kept


def test_freezing_happens_with_the_export(qtbot, database: Database, records, screen: Screen) -> None:
    dialog = _shown(qtbot, database, records, layout="anlage")
    dialog.anlage.drucksache.setText("82/2019")
    dialog.anlage.freeze.setChecked(True)

    path = _export(qtbot, dialog)

    assert path == screen.target
    name = f"Anlage 1 zu Drucksache 82/2019, {TODAY}"
    assert screen.messages[0].endswith(f"\n\nAlle Maßnahmen wurden als Stand „{name}“ eingefroren.")
    staende = Anwendung.on(database).staende()
    assert [(info.name, info.anzahl) for info in staende] == [(name, 25)]
    assert (
        staende[0].bemerkung
        == "Eingefroren beim Export: Anlage zur Beschlussvorlage, öffentlich, Datei „Anlage.xlsx“."
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Bitte einen Namen für den Stand angeben."),
        (NAME.upper(), f"Es gibt schon einen Stand „{NAME}“."),
    ],
)
def test_a_name_that_cannot_be_taken_writes_no_file(
    qtbot, database: Database, records, screen: Screen, name: str, message: str
) -> None:
    Anwendung.on(database).freeze_stand(NAME)
    dialog = _shown(qtbot, database, records, layout="anlage")
    dialog.anlage.drucksache.setText("82/2019")
    dialog.anlage.freeze.setChecked(True)
    dialog.anlage.stand_name.setText(name)

    dialog.export_button.click()

    assert message in dialog.anlage.stand_problem.text()
    assert screen.suggested == []
    assert not screen.target.exists()
    assert [info.name for info in Anwendung.on(database).staende()] == [NAME]


def test_a_read_only_database_offers_no_stand(qtbot, database: Database, records) -> None:
    dialog = _shown(qtbot, database, records, layout="anlage", read_only=True)

    assert not dialog.anlage.freeze.isEnabled()


def test_vergleich_needs_a_stand(qtbot, database: Database, records) -> None:
    dialog = _shown(qtbot, database, records)

    assert not dialog.layout_buttons["vergleich"].isEnabled()
    assert dialog.layout_buttons["vergleich"].toolTip() == "Es gibt noch keinen Stand zum Vergleichen."


def test_the_comparison_with_today_in_mio(qtbot, database: Database, records, screen: Screen) -> None:
    core = Anwendung.on(database)
    core.freeze_stand(NAME)
    core.update(replace(core.get("UM-06"), gesamtkosten=Decimal(450000)))
    dialog = _shown(qtbot, database, records)
    dialog.set_layout("vergleich")

    assert dialog.vergleich.isVisibleTo(dialog)
    assert not dialog.scope.isEnabled()
    assert dialog.vergleich.von.currentText() == NAME
    assert dialog.vergleich.bis.currentText() == "heute"
    dialog.vergleich.in_mio.setChecked(True)

    path = _export(qtbot, dialog)

    assert screen.suggested[0].startswith("Vergleich_Vorlage-Stadtrat-14.12.2021_")
    assert screen.messages == [
        f"Vergleich „{NAME}“ – heute, öffentlich, in Mio. € exportiert nach „Anlage.xlsx“."
    ]
    book = openpyxl.load_workbook(path, read_only=True)
    changes = [row[:5] for row in book["Änderungen"].iter_rows(values_only=True) if row[0] == "UM-06"]
    book.close()
    assert ("UM-06", changes[0][1], "Gesamtkosten", "420.000,00 €", "450.000,00 €") in changes
