"""The export dialog: layout, annex fields, scope; writes in the background; errors in German; the folder."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox
from python_calamine import CalamineWorkbook

from gera_desktop import resources
from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.persistence.database import Database
from gera_desktop.services.core import Anwendung
from gera_desktop.services.demo import load_demo
from gera_desktop.services.export import CANCELLED_MESSAGE, ExportService
from gera_desktop.services.listing import ListFilter, apply_filter
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.dialogs.export_dialog import ExportDialog
from gera_desktop.ui.operations import Operations
from tests.ui.task_support import Gate

UMWELT = ListFilter(innovationsfeld=Innovationsfeld.UMWELT)


class Screen:
    """What the user is asked and answers: the save dialog, the final message, the opened folders."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.suggested: list[str] = []
        self.messages: list[str] = []
        self.warnings: list[str] = []
        self.opened: list[Path] = []
        self.click = "Schließen"

    def save_name(self, _parent, _title, start, file_filter):
        self.suggested.append(Path(start).name)
        self.filter = file_filter
        return str(self.target), file_filter

    def exec_box(self, box: QMessageBox) -> int:
        self.messages.append(box.text())
        (button,) = [b for b in box.buttons() if b.text() == self.click]
        button.click()
        return 0


@pytest.fixture
def screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Screen:
    screen = Screen(tmp_path / "export" / "Anlage.xlsx")
    screen.target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", screen.save_name)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: screen.exec_box(box))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: screen.warnings.append(text))
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: screen.opened.append(Path(url.toLocalFile()))
    )
    return screen


@pytest.fixture
def records(database: Database) -> list[MassnahmeData]:
    load_demo(database, resources.demo_data(), user="test")
    return MassnahmenService(database).list(with_children=False)


def _dialog(qtbot, database: Database, records: list[MassnahmeData], **kwargs) -> ExportDialog:
    operations = Operations(Anwendung.on(database, user="test"))
    dialog = ExportDialog(operations, records, apply_filter(records, UMWELT), **kwargs)
    qtbot.addWidget(dialog, before_close_func=lambda _dialog: qtbot.waitUntil(lambda: not operations.busy))
    return dialog


def _export(qtbot, dialog: ExportDialog) -> Path:
    with qtbot.waitSignal(dialog.exported) as blocker:
        dialog.export_button.click()
    return blocker.args[0]


def test_the_annex_of_the_filtered_measures(qtbot, database: Database, records, screen: Screen) -> None:
    dialog = _dialog(qtbot, database, records, layout="anlage")
    dialog.anlage.drucksache.setText("82/2019")
    dialog.anlage.anlage_nr.setText("2")
    dialog.anlage.betreff.setText("Sachstand Umwelt")
    dialog.scope.filtered.click()

    path = _export(qtbot, dialog)

    assert path == screen.target
    assert screen.suggested == ["Anlage_2_Drucksache_82-2019.xlsx"]
    assert screen.filter == "Excel-Arbeitsmappe (*.xlsx)"
    sheet = openpyxl.load_workbook(path)["Anlage"]
    assert [sheet.cell(row, 1).value for row in (1, 2)] == [
        "Anlage 2 zur Drucksache Nr. 82/2019",
        "Sachstand Umwelt",
    ]
    headers = [cell.value for cell in sheet[5]]
    numbers = {sheet.cell(row, 1).value for row in range(6, sheet.max_row + 1)}
    umwelt = {m.nr for m in records if m.innovationsfeld is Innovationsfeld.UMWELT}
    assert umwelt
    assert umwelt <= numbers
    assert not ({m.nr for m in records} - umwelt) & numbers
    assert "E-Mail" not in headers
    assert screen.messages == [
        f"{len(umwelt)} Maßnahmen exportiert nach „Anlage.xlsx“ (Anlage zur Beschlussvorlage, öffentlich)."
    ]
    assert screen.opened == []
    assert dialog.result() == ExportDialog.DialogCode.Accepted


def test_the_scope_names_both_counts(qtbot, database: Database, records) -> None:
    dialog = _dialog(qtbot, database, records)
    umwelt = len(apply_filter(records, UMWELT))

    assert dialog.scope.all.text() == "Alle Maßnahmen (25)"
    assert dialog.scope.filtered.text() == f"Nur die gefilterten Maßnahmen ({umwelt})"
    assert dialog.scope.all.isChecked()


def test_the_annex_needs_a_drucksache(qtbot, database: Database, records, screen: Screen) -> None:
    dialog = _dialog(qtbot, database, records, layout="anlage")

    dialog.export_button.click()

    assert dialog.anlage.problem.text() == "Für die Anlage bitte die Drucksache angeben."
    assert dialog.anlage.problem.isVisibleTo(dialog)
    assert screen.suggested == []


def test_intern_warns_about_personal_data_and_includes_it(
    qtbot, database: Database, records, screen: Screen
) -> None:
    dialog = _dialog(qtbot, database, records, layout="anlage")
    dialog.anlage.drucksache.setText("1/2026")
    assert not dialog.anlage.warning.isVisibleTo(dialog)

    dialog.anlage.intern.click()

    assert dialog.anlage.warning.isVisibleTo(dialog)
    assert "personenbezogene Daten" in dialog.anlage.warning.text()
    path = _export(qtbot, dialog)
    assert "Ansprechpartner/in" in [cell.value for cell in openpyxl.load_workbook(path)["Anlage"][5]]


def test_the_annex_grouped_by_cluster(qtbot, database: Database, records, screen: Screen) -> None:
    service = MassnahmenService(database, user="test")
    service.update(replace(service.get(records[0].nr), cluster="Quartier Ost"))
    dialog = _dialog(qtbot, database, records, layout="anlage")
    dialog.anlage.drucksache.setText("1/2026")
    assert not dialog.anlage.by_cluster.isChecked()  # by Innovationsfeld unless asked

    dialog.anlage.by_cluster.click()

    path = _export(qtbot, dialog)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Anlage").to_python()
    labels = [row[0] for row in rows]
    assert labels[5:7] == ["Cluster: Quartier Ost", records[0].nr]
    assert "Ohne Cluster" in labels
    assert screen.messages[0].endswith("(Anlage zur Beschlussvorlage, öffentlich, nach Cluster).")


def test_the_annex_fields_only_count_for_the_annex(qtbot, database: Database, records) -> None:
    dialog = _dialog(qtbot, database, records)

    assert dialog.current_layout() == "liste"
    assert not dialog.anlage.isEnabled()
    dialog.layout_buttons["anlage"].click()
    assert dialog.anlage.isEnabled()


def test_the_maßnahmenliste_has_the_milestones_although_the_list_has_none(
    qtbot, database: Database, records, screen: Screen
) -> None:
    screen.target = screen.target.with_name("Liste.xlsx")
    assert all(not m.meilensteine for m in records)
    dialog = _dialog(qtbot, database, records)

    path = _export(qtbot, dialog)

    assert screen.suggested[0].startswith("Maßnahmenliste_")
    milestones = list(
        openpyxl.load_workbook(path, read_only=True)["Meilensteine"].iter_rows(values_only=True)
    )
    expected = sum(len(m.meilensteine) for m in MassnahmenService(database).list())
    assert expected > 0
    assert len([row for row in milestones[5:] if row[0]]) == expected


def test_a_name_without_ending_gets_one_and_ordner_oeffnen_opens_the_folder(
    qtbot, database: Database, records, screen: Screen
) -> None:
    screen.target = screen.target.with_name("open-data")
    screen.click = "Ordner öffnen"
    dialog = _dialog(qtbot, database, records, layout="csv")

    path = _export(qtbot, dialog)

    assert path.name == "open-data.csv"
    assert path.read_text(encoding="utf-8-sig").startswith("Maßnahmen-Nr.;")
    assert screen.opened == [path.parent]


def test_a_file_open_in_excel_is_reported_in_german(
    qtbot, database: Database, records, screen: Screen
) -> None:
    screen.target.write_bytes(b"alt")
    (screen.target.parent / "~$Anlage.xlsx").write_bytes(b"")
    dialog = _dialog(qtbot, database, records, layout="liste")
    dialog.show()

    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(screen.warnings))

    assert "„Anlage.xlsx“ ist noch geöffnet, vermutlich in Excel" in screen.warnings[0]
    assert screen.target.read_bytes() == b"alt"
    assert dialog.isVisible()
    assert dialog.export_button.isEnabled()


def test_the_dialog_stays_open_while_the_file_is_written(
    qtbot, database: Database, records, screen: Screen, monkeypatch: pytest.MonkeyPatch
) -> None:
    writing, release = threading.Event(), threading.Event()
    original = ExportService.export

    def slow_export(self, path, chosen, request, **kwargs):
        writing.set()
        release.wait(5)
        return original(self, path, chosen, request, **kwargs)

    monkeypatch.setattr(ExportService, "export", slow_export)
    dialog = _dialog(qtbot, database, records)
    dialog.show()
    dialog.export_button.click()
    assert writing.wait(5)

    dialog.reject()
    assert dialog.isVisible()
    assert not dialog.cancel_button.isEnabled()
    with qtbot.waitSignal(dialog.exported):
        release.set()
    assert screen.target.is_file()


def test_abbrechen_stops_the_export_and_keeps_the_old_file(
    qtbot, database: Database, records, screen: Screen, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen.target.write_bytes(b"die Liste von gestern")
    gate = Gate()
    gate.hold_progress_of(monkeypatch, ExportService, "export")
    dialog = _dialog(qtbot, database, records, layout="liste")
    dialog.show()

    gate.start_then_abbrechen(qtbot, dialog, dialog.export_button)

    assert dialog.status.text() == CANCELLED_MESSAGE
    assert screen.target.read_bytes() == b"die Liste von gestern"
    assert sorted(p.name for p in screen.target.parent.iterdir()) == ["Anlage.xlsx"]
    assert dialog.isVisible()
    assert screen.messages == screen.warnings == []
