"""The comparison in the window: a Stand against today or another Stand, new, dropped-out and changed
measures with each changed field old → new, the sums per Innovationsfeld, and the workbook; the programme
office's cycle of issue 12 on the sample data."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gera_desktop.domain.records import MassnahmeData
from gera_desktop.services.changes import Outcome
from gera_desktop.services.core import Anwendung
from gera_desktop.ui.dialogs.vergleich import NO_STAND, VergleichDialog
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.models.vergleich import TOTAL
from gera_desktop.ui.operations import Operations
from tests.conftest import EXAMPLES
from tests.ui.operations_support import cell_texts, write_and_wait

NAME = "Vorlage Stadtrat 14.12.2021"
UMWELTAMT = EXAMPLES / "zulieferung-umweltamt.xlsx"


def _dialog(qtbot, operations: Operations, von: str | None = None) -> VergleichDialog:
    dialog = VergleichDialog(operations, None, von)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.comparison is not None or dialog.summary.text() == NO_STAND)
    return dialog


def _costs(core: Anwendung, nr: str, amount: int) -> Outcome[MassnahmeData]:
    return core.update(replace(core.get(nr), gesamtkosten=Decimal(amount)))


def test_the_umweltamt_delivery_against_the_stand_frozen_before(
    qtbot, qtmodeltester, window: MainWindow
) -> None:
    """Issue 12, „Done when“: freeze a Stand, import the Umweltamt delivery, compare."""
    ops = window.operations
    write_and_wait(qtbot, ops, lambda core: core.freeze_stand(NAME))
    write_and_wait(qtbot, ops, lambda core: core.import_file(UMWELTAMT))

    window.stand_actions.vergleich.trigger()
    qtbot.waitUntil(lambda: bool(window.findChildren(VergleichDialog)))
    dialog = window.findChildren(VergleichDialog)[0]
    qtbot.waitUntil(lambda: dialog.comparison is not None)
    qtmodeltester.check(dialog.changes_model)
    qtmodeltester.check(dialog.sums_model)

    lines = cell_texts(dialog.changes_model)
    um_06 = [line[2:] for line in lines if line[0] == "UM-06"]
    assert ["geändert", "Gesamtkosten", "420.000,00 €", "450.000,00 €"] in um_06
    new = [line for line in lines if line[0] == "UM-14"]
    assert [line[2:] for line in new] == [["neu", "Gesamtkosten", "", "120.000,00 €"]]
    assert dialog.summary.text().startswith(f"A: Stand „{NAME}“ vom ")
    assert "B: heute – 1 neu, 0 entfallen," in dialog.summary.text()
    sums = {row[0]: row for row in cell_texts(dialog.sums_model)}
    umwelt = sums["Umwelt"]
    assert int(umwelt[2]) == int(umwelt[1]) + 1  # UM-14
    assert umwelt[5] == "+150.000,00 €"  # 30.000 € more for UM-06, 120.000 € for UM-14
    assert sums[TOTAL][5] == "+150.000,00 €"


def test_without_a_stand_the_dialog_says_how_to_make_one(qtbot, operations) -> None:
    dialog = _dialog(qtbot, operations)

    assert dialog.summary.text() == NO_STAND
    assert not dialog.save_button.isEnabled()
    assert dialog.changes_model.rowCount() == 0


def test_two_staende_and_a_measure_dropped_out(qtbot, operations) -> None:
    write_and_wait(qtbot, operations, lambda core: core.freeze_stand("Mittelabruf 2024/I"))
    write_and_wait(qtbot, operations, lambda core: core.delete("P-04", None))
    write_and_wait(qtbot, operations, lambda core: _costs(core, "UM-06", 1000))
    write_and_wait(qtbot, operations, lambda core: core.freeze_stand("Mittelabruf 2024/II"))
    dialog = _dialog(qtbot, operations, von="Mittelabruf 2024/I")

    assert dialog.von.currentText() == "Mittelabruf 2024/I"
    assert dialog.bis.currentText() == "heute"
    with qtbot.waitSignal(dialog.compared):
        dialog.choose("Mittelabruf 2024/I", "Mittelabruf 2024/II")

    lines = cell_texts(dialog.changes_model)
    assert lines[0][0] == "P-04"
    assert lines[0][2] == "entfallen (gelöscht)"
    assert {line[0] for line in lines[1:]} == {"UM-06"}  # its computed amounts changed with the costs
    assert ["Gesamtkosten", "420.000,00 €", "1.000,00 €"] in [line[3:] for line in lines]
    assert dialog.comparison is not None
    assert not dialog.comparison.b.is_today


def test_a_comparison_with_today_follows_the_changes(qtbot, operations) -> None:
    write_and_wait(qtbot, operations, lambda core: core.freeze_stand(NAME))
    dialog = _dialog(qtbot, operations)
    assert dialog.changes_model.rowCount() == 0

    with qtbot.waitSignal(dialog.compared):
        write_and_wait(qtbot, operations, lambda core: _costs(core, "UM-06", 450000))

    assert {line[0] for line in cell_texts(dialog.changes_model)} == {"UM-06"}


def test_a_stand_frozen_meanwhile_can_be_chosen(qtbot, operations) -> None:
    write_and_wait(qtbot, operations, lambda core: core.freeze_stand(NAME))
    dialog = _dialog(qtbot, operations)

    with qtbot.waitSignal(dialog.read):
        write_and_wait(qtbot, operations, lambda core: core.freeze_stand("Später"))

    assert [dialog.bis.itemText(i) for i in range(dialog.bis.count())] == ["heute", "Später", NAME]
    assert dialog.von.currentText() == NAME


def test_the_workbook_is_written_in_the_background(qtbot, operations, tmp_path: Path, monkeypatch) -> None:
    write_and_wait(qtbot, operations, lambda core: core.freeze_stand(NAME))
    write_and_wait(qtbot, operations, lambda core: _costs(core, "UM-06", 450000))
    dialog = _dialog(qtbot, operations)
    target = tmp_path / "vergleich"
    suggested: list[str] = []
    told: list[str] = []

    def save_name(_parent, _title, start, file_filter):
        suggested.append(Path(start).name)
        return str(target), file_filter

    def exec_box(box: QMessageBox) -> int:
        told.append(box.text())
        next(b for b in box.buttons() if b.text() == "Ordner öffnen").click()
        return 0

    opened: list[Path] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(Path(url.toLocalFile())))
    dialog.in_mio.setChecked(True)

    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(told))

    written = target.with_suffix(".xlsx")
    assert suggested[0].startswith("Vergleich_Vorlage-Stadtrat-14.12.2021_")
    assert told == [f"Vergleich „{NAME}“ – heute, öffentlich, in Mio. € gespeichert unter „vergleich.xlsx“."]
    assert opened == [tmp_path]
    book = openpyxl.load_workbook(written, read_only=True)
    assert book.sheetnames[:2] == ["Vergleich", "Änderungen"]
    rows = [row for row in book["Änderungen"].iter_rows(values_only=True) if row[0] == "UM-06"]
    book.close()
    assert ["UM-06", rows[0][1], "Gesamtkosten", "420.000,00 €", "450.000,00 €"] == list(rows[0][:5])


def test_the_headers_name_both_sides_and_the_difference(qtbot, operations) -> None:
    write_and_wait(qtbot, operations, lambda core: core.freeze_stand(NAME))
    dialog = _dialog(qtbot, operations)

    headers = [dialog.sums_model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Innovationsfeld", "Maßnahmen A", "Maßnahmen B", "Gesamtkosten A", "Gesamtkosten B",
                       "Gesamtkosten Δ"]  # fmt: skip
    assert cell_texts(dialog.sums_model)[-1][5] == "±0"
