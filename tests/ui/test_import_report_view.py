"""The import report as models over the report: a table of new and changed measures with their fields, and
tables of warnings and errors; pass Qt's model tester, fold away long lists of changes, never lay out
rows nobody sees."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from gera_desktop.excel.parsed import Problem
from gera_desktop.services.audit import Change
from gera_desktop.services.import_report import ChangedMeasure, ImportReport
from gera_desktop.ui.dialogs.import_report_models import ChangesModel
from gera_desktop.ui.dialogs.import_report_view import ImportReportView


def _report(new: int, changed: int) -> ImportReport:
    return ImportReport(
        "liste.xlsx",
        dry_run=True,
        new=[f"N-{n}" for n in range(new)],
        changed=[
            ChangedMeasure(
                f"C-{n}", [Change("Gesamtkosten", "1,00 €", "2,00 €"), Change("Ampel", None, "rot")]
            )
            for n in range(changed)
        ],
        warnings=[Problem("Maßnahmen", "Maßnahmen!A7", "", "", "Zeile 7 ausgeblendet")],
    )


def test_the_models_pass_the_model_tester(qtbot, qtmodeltester) -> None:
    view = ImportReportView()
    qtbot.addWidget(view)

    view.show_report(_report(new=2, changed=3))

    qtmodeltester.check(view.changes_model)
    qtmodeltester.check(view.warnings_model)
    qtmodeltester.check(view.errors_model)


def test_new_measures_then_changed_ones_with_their_fields(qtbot) -> None:
    view = ImportReportView()
    qtbot.addWidget(view)

    view.show_report(_report(new=1, changed=1))

    model = view.changes_model
    rows = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    assert rows == [
        ["N-0", "", "neue Maßnahme"],
        ["▾ C-0", "", "2 Felder geändert"],
        ["    Gesamtkosten", "1,00 €", "2,00 €"],
        ["    Ampel", "(leer)", "rot"],
    ]
    assert model.is_unfolded(1)
    assert view.warnings_model.index(0, 0).data() == "Maßnahmen!A7"
    assert view.tabs.tabText(0) == "Neu und geändert (2)"


def test_ten_thousand_measures_are_rows_of_a_model_folded_away(qtbot) -> None:
    view = ImportReportView()
    qtbot.addWidget(view)

    view.show_report(_report(new=4_000, changed=6_000))

    model = view.changes_model
    assert model.rowCount() == 10_000
    assert not model.is_unfolded(4_000)
    assert model.index(9_999, 0).data() == "▸ C-5999"
    assert view.tabs.tabText(0) == "Neu und geändert (10.000)"


def test_a_click_on_a_changed_measure_folds_its_fields_in_and_out(qtbot, qtmodeltester) -> None:
    view = ImportReportView()
    qtbot.addWidget(view)
    view.show_report(_report(new=1, changed=40))
    model = view.changes_model
    view.show()
    qtbot.waitExposed(view)
    second = model.changed_row(1)
    view.changes.scrollTo(model.index(second, 0))

    qtbot.mouseClick(view.changes.viewport(), Qt.MouseButton.LeftButton, pos=_centre(view, second))

    assert model.is_unfolded(second)
    assert model.rowCount() == 43
    assert model.index(second + 2, 0).data() == "    Ampel"
    assert model.index(second + 3, 0).data() == "▸ C-2"
    qtmodeltester.check(model)
    qtbot.mouseClick(view.changes.viewport(), Qt.MouseButton.LeftButton, pos=_centre(view, second))
    assert not model.is_unfolded(second)
    assert model.index(second + 1, 0).data() == "▸ C-2"


def test_the_table_asks_only_for_the_rows_it_shows(qtbot, monkeypatch) -> None:
    view = ImportReportView()
    qtbot.addWidget(view)
    view.resize(800, 400)
    view.show()
    qtbot.waitExposed(view)
    asked: set[int] = set()
    cells = ChangesModel._cells

    def counted(model: ChangesModel, row: int) -> tuple[str, str, str]:
        asked.add(row)
        return cells(model, row)

    monkeypatch.setattr(ChangesModel, "_cells", counted)

    view.show_report(_report(new=10_000, changed=10_000))
    qtbot.waitUntil(lambda: bool(asked))
    view.changes.viewport().repaint()

    assert len(asked) < 500


def _centre(view: ImportReportView, row: int) -> QPoint:
    return view.changes.visualRect(view.changes_model.index(row, 0)).center()
