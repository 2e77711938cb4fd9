"""Ansicht ▸ Programm und Mittelabrufe … on the sample data: what can be called per half-year (the current one
marked), the funds at risk with their total, following every saved call, a double-click selecting the
measure in the main window, and the workbook written in the background."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox
from python_calamine import CalamineWorkbook

from gera_desktop.domain.enums import Abrufstatus
from gera_desktop.domain.records import MittelabrufData
from gera_desktop.services.core import Anwendung
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.models.programm import TOTAL
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.views.programm import ProgrammView
from tests.ui.main_window_support import finish_operations
from tests.ui.operations_support import cell_texts, write_and_wait

TODAY = date(2025, 3, 1)
UM01 = ["UM-01", "Offene urbane Datenplattform", "405.000,00 €", "233.730,00 €", "0,00 €", "171.270,00 €"]


def _view(qtbot, operations: Operations) -> ProgrammView:
    view = ProgrammView(operations, None, today=lambda: TODAY)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.stand is not None)
    return view


def _row(view: ProgrammView, nr: str) -> list[str]:
    return next(row for row in cell_texts(view.gefaehrdet_model) if row[0] == nr)


def _plan_call(core: Anwendung) -> object:
    planned = MittelabrufData(date(2026, 5, 4), Decimal("100000.00"), status=Abrufstatus.GEPLANT)
    return core.update(replace(core.get("UM-01"), mittelabrufe=[planned]))


def test_half_years_and_funds_at_risk_on_the_sample(qtbot, qtmodeltester, operations) -> None:
    view = _view(qtbot, operations)

    qtmodeltester.check(view.halbjahre_model)
    qtmodeltester.check(view.gefaehrdet_model)
    halbjahre = cell_texts(view.halbjahre_model)
    assert [row[0] for row in halbjahre][:5] == [
        "2023/I",
        "2023/II",
        "2024/I",
        "2024/II",
        "2025/I (aktuelles Halbjahr)",
    ]
    assert halbjahre[0][1:] == ["178.650,00 €", "178.650,00 €", "0,00 €", "0,00 €"]
    assert halbjahre[-1][0] == "2026/II"
    current = view.halbjahre_model.index(4, 2)
    assert current.data(Qt.ItemDataRole.FontRole).bold()
    assert view.halbjahre_model.index(3, 2).data(Qt.ItemDataRole.FontRole) is None
    assert _row(view, "UM-01")[0] == "UM-01"
    assert _row(view, "UM-01")[2:] == UM01[2:]
    total = cell_texts(view.gefaehrdet_model)[-1]
    assert total[:2] == ["", TOTAL]
    assert total[5] == view.summary.text().split("Gefährdet: ")[1].split(" bei")[0]
    assert "Programmende 31.12.2026" in view.summary.text()
    assert "Nicht berücksichtigt (abgelehnt oder abgebrochen): UM-11." in view.summary.text()
    assert "31.12.2026" in view.gefaehrdet_box.title()


def test_a_call_saved_through_the_core_updates_the_view(qtbot, operations) -> None:
    view = _view(qtbot, operations)

    with qtbot.waitSignal(view.shown):
        write_and_wait(qtbot, operations, _plan_call)

    assert _row(view, "UM-01")[4:] == ["100.000,00 €", "71.270,00 €"]
    halbjahre = {row[0]: row for row in cell_texts(view.halbjahre_model)}
    assert halbjahre["2026/I"][3] == "100.000,00 €"


def test_settings_with_an_earlier_programmende_update_the_view(qtbot, operations) -> None:
    view = _view(qtbot, operations)
    with qtbot.waitSignal(view.shown):
        write_and_wait(qtbot, operations, _plan_call)
    settings = operations.core.settings()

    with qtbot.waitSignal(view.shown):
        write_and_wait(
            qtbot,
            operations,
            lambda core: core.save_settings(replace(settings, programmende=date(2026, 3, 31))),
        )

    assert _row(view, "UM-01")[4:] == ["0,00 €", "171.270,00 €"]  # the call of May 2026 is too late
    assert cell_texts(view.halbjahre_model)[-1][0] == "2026/I"  # the half-year of the Programmende


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: the view comes forward
def test_a_double_click_selects_the_measure_in_the_main_window(qtbot, window: MainWindow) -> None:
    finish_operations(qtbot, window)
    window.commands.programm.trigger()
    view = window.findChild(ProgrammView)
    assert view is not None
    assert not view.isModal()
    qtbot.waitUntil(lambda: view.stand is not None)
    row = next(r for r in range(view.gefaehrdet_model.rowCount()) if view.gefaehrdet_model.nr(r) == "UM-04")

    view.gefaehrdet_table.doubleClicked.emit(view.gefaehrdet_model.index(row, 1))

    qtbot.waitUntil(lambda: window.list_view.current_nr() == "UM-04")
    window.commands.programm.trigger()
    assert window.findChildren(ProgrammView) == [view]  # one at a time: the open one comes forward


def test_the_workbook_is_written_in_the_background(qtbot, operations, tmp_path: Path, monkeypatch) -> None:
    view = _view(qtbot, operations)
    told: list[str] = []
    suggested: list[str] = []

    def save_name(_parent, _title, start, file_filter):
        suggested.append(Path(start).name)
        return str(tmp_path / "programm"), file_filter

    def exec_box(box: QMessageBox) -> int:
        told.append(box.text())
        return 0

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: None)

    with qtbot.waitSignal(view.saved):
        view.save_button.click()
    qtbot.waitUntil(lambda: bool(told))

    assert suggested == ["Programm-und-Mittelabrufe-2025-03-01.xlsx"]
    assert told == ["Programm und Mittelabrufe gespeichert unter „programm.xlsx“."]
    book = CalamineWorkbook.from_path(str(tmp_path / "programm.xlsx"))
    assert book.sheet_names == ["Halbjahre", "Gefährdete Mittel"]
    rows = book.get_sheet_by_name("Gefährdete Mittel").to_python()
    assert next(row for row in rows if row[0] == "UM-01")[2:] == [405000.0, 233730.0, 0.0, 171270.0]
