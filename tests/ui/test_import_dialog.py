"""The import dialog: dry run with its report, then the import; German errors; cancelling writes nothing."""

from __future__ import annotations

import shutil
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QTableView

from gera_desktop.excel import reader
from gera_desktop.persistence.database import Database
from gera_desktop.services.core import Anwendung
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.dialogs.import_dialog import ImportDialog
from gera_desktop.ui.operations import Operations
from tests.conftest import EXAMPLES
from tests.workbooks import TITLE_BLOCK, Sheet, measure, measures_file, ole_file, save, table

UMWELTAMT = EXAMPLES / "zulieferung-umweltamt.xlsx"
WAIT = 5
UM06 = measure(
    "UM-06",
    Maßnahme="Sensorik für Hochwasserprävention und Bewässerung von Naturdenkmälern",
    Innovationsfeld="Umwelt",
    Beginn="01.05.2023",
    Ende="30.06.2026",
    Umsetzungsstand="in Umsetzung",
    **{"Gesamtkosten (€)": 420_000},
)
"""The demo's UM-06 as a row of a file (``measure()`` has the other required columns)."""


def _numbers(db: Database) -> list[str]:
    return [m.nr for m in MassnahmenService(db).list(with_children=False)]


def _dialog(qtbot, db: Database, path: Path | None) -> ImportDialog:
    """The import dialog on ``db`` (its work is over before the test's database closes)."""
    operations = Operations(Anwendung.on(db, user="test"))
    dialog = ImportDialog(operations, db.read_only, path)
    qtbot.addWidget(dialog, before_close_func=lambda _dialog: qtbot.waitUntil(lambda: not operations.busy))
    return dialog


def _checked(qtbot, db: Database, path: Path) -> ImportDialog:
    dialog = _dialog(qtbot, db, path)
    qtbot.waitUntil(lambda: not dialog.busy)
    return dialog


def _counts(dialog: ImportDialog) -> dict[str, str]:
    return {caption: box.number.text() for caption, box in dialog.report_view.counts.items()}


def _problems(table: QTableView) -> list[tuple[str, ...]]:
    """Every row of a warnings or errors table: place, column, message, found."""
    model = table.model()
    return [tuple(model.index(row, c).data() for c in range(4)) for row in range(model.rowCount())]


def _tree(table: QTableView) -> dict[str, list[tuple[str, str, str]]]:
    """Each measure of the changes with the rows of its unfolded fields (field, old, new)."""
    model = table.model()
    result: dict[str, list[tuple[str, str, str]]] = {}
    fields: list[tuple[str, str, str]] = []
    for row in range(model.rowCount()):
        first, old, new = (model.index(row, column).data() for column in range(3))
        if first.startswith(" "):
            fields.append((first.strip(), old, new))
        else:
            fields = result.setdefault(first.removeprefix("▾ ").removeprefix("▸ "), [])
    return result


def test_the_dry_run_shows_the_umweltamt_changes_and_writes_nothing(qtbot, demo: Database) -> None:
    dialog = _checked(qtbot, demo, UMWELTAMT)

    assert _counts(dialog) == {"Neu": "1", "Geändert": "1", "Unverändert": "0", "Nicht in der Datei": "24"}
    changes = _tree(dialog.report_view.changes)
    assert changes["UM-14"] == []
    assert ("Gesamtkosten", "420.000,00 €", "450.000,00 €") in changes["UM-06"]
    assert ("Bemerkungen", "(leer)", "Mehrkosten durch zusätzliche Pegel") in changes["UM-06"]
    assert "Probelauf" in dialog.headline.text()
    assert "„Interne Notiz“" in dialog.report_view.notes.text()
    assert dialog.import_button.isEnabled()
    assert dialog.report_view.tabs.tabText(0) == "Neu und geändert (2)"
    assert "UM-14" not in _numbers(demo)


def test_the_dry_run_names_the_clusters_the_file_creates(qtbot, demo: Database, tmp_path: Path) -> None:
    path = measures_file(tmp_path / "cluster.xlsx", measure("T-01", Projektbündel="Smart Mobility"))

    dialog = _checked(qtbot, demo, path)

    assert "Neue Cluster, die angelegt werden: „Smart Mobility“" in dialog.report_view.notes.text()
    assert dialog.report_view.notes.isVisibleTo(dialog)


def test_importieren_writes_the_changes_and_says_so(qtbot, demo: Database) -> None:
    dialog = _checked(qtbot, demo, UMWELTAMT)

    with qtbot.waitSignal(dialog.imported) as blocker:
        dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)

    report = blocker.args[0]
    assert report.written
    assert "UM-14" in _numbers(demo)
    assert MassnahmenService(demo).get("UM-06").gesamtkosten == Decimal("450000.00")
    assert dialog.headline.text().startswith("Importiert: 1 neu, 1 geändert.")
    if report.backup_path is not None:
        assert report.backup_path.name in dialog.headline.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.close_button.text() == "Schließen"


def test_an_old_xls_file_gets_the_german_message(qtbot, demo: Database, tmp_path: Path) -> None:
    dialog = _checked(qtbot, demo, ole_file(tmp_path / "alt.xls", "Workbook", "SummaryInformation"))

    assert "„alt.xls“ ist im alten Excel-Format (.xls, Excel 97–2003)" in dialog.headline.text()
    assert not dialog.import_button.isEnabled()
    assert not dialog.report_view.isVisibleTo(dialog)


def test_errors_are_listed_with_their_cells_and_block_the_import(
    qtbot, demo: Database, tmp_path: Path
) -> None:
    path = measures_file(tmp_path / "fehler.xlsx", measure("T-01", **{"Gesamtkosten (€)": "ca. 50.000"}))
    dialog = _checked(qtbot, demo, path)

    table = dialog.report_view.errors
    assert table.model().rowCount() == 1
    cell, header, message, found = (table.model().index(0, c).data() for c in range(4))
    assert cell.startswith("Maßnahmen!")
    assert header == "Gesamtkosten (€)"
    assert "kein Betrag" in message
    assert found == "ca. 50.000"
    assert dialog.report_view.tabs.currentWidget() is table
    assert dialog.headline.text().startswith(
        "Probelauf: Die Datei enthält 1 Fehler und kann so nicht importiert"
    )
    assert not dialog.import_button.isEnabled()


def test_a_missing_column_is_one_error_naming_its_rows(qtbot, demo: Database, tmp_path: Path) -> None:
    records = [measure(f"T-{n:02}") for n in range(1, 31)]
    for record in records:
        del record["Federführung"]
    dialog = _checked(qtbot, demo, measures_file(tmp_path / "ohne.xlsx", *records))

    assert _problems(dialog.report_view.errors) == [
        (
            "Maßnahmen",
            "",
            "Im Blatt „Maßnahmen“ fehlt die Pflichtspalte „Federführung“; neue Maßnahmen brauchen sie – "
            "betroffen: Zeilen 6–35.",
            "",
        )
    ]
    assert dialog.report_view.tabs.tabText(2) == "Fehler (1)"


def test_the_plausibility_warnings_are_listed_with_their_place(qtbot, demo: Database, tmp_path: Path) -> None:
    rows = [
        *TITLE_BLOCK,
        *table(
            {**UM06, "Förderquote (%)": 0.9, "Bundesmittel (€)": None, "Eigenanteil (€)": None},
            measure("T-01", Bemerkungen="neu"),
        ),
    ]
    notes = [Sheet(f"Notiz {n}", [["frei"]]) for n in range(1, 8)]
    sheet = Sheet("Maßnahmen", rows, hidden_rows=[7], hidden_columns=["L"])
    dialog = _checked(qtbot, demo, save(tmp_path / "alt.xlsx", sheet, *notes))

    warnings = _problems(dialog.report_view.warnings)
    places = [(place, header) for place, header, _, _ in warnings]
    assert places == [
        ("Maßnahmen!A3", ""),
        ("Maßnahmen!I6", "Förderquote (%)"),
        ("Maßnahmen", ""),
        ("Maßnahmen", ""),
    ]
    assert warnings[0][2].startswith("Die Datei ist älter als die letzte Änderung der Maßnahme UM-06")
    assert warnings[1][2].startswith("0,9 – gemeint 90 %?")
    assert warnings[1][3] == "0,9"
    assert warnings[2][2] == "Zeile 7 ausgeblendet – sie wird trotzdem eingelesen."
    assert warnings[3][2] == "Spalte L (Bemerkungen) ausgeblendet – ihre Werte werden trotzdem eingelesen."
    assert dialog.report_view.tabs.tabText(1) == "Warnungen (4)"
    assert "Bitte beachten Sie auch die Warnungen (4)." in dialog.headline.text()
    assert dialog.headline.text().startswith("Probelauf: ")
    assert "Notiz 1, Notiz 2, Notiz 3, Notiz 4, Notiz 5 und 2 weitere" in dialog.report_view.notes.text()
    assert dialog.import_button.isEnabled()


def test_the_same_file_again_has_nothing_to_import(qtbot, demo: Database) -> None:
    dialog = _checked(qtbot, demo, EXAMPLES / "massnahmenliste-2024-06.xlsx")

    assert _counts(dialog)["Unverändert"] == "25"
    assert (
        dialog.headline.text() == "Probelauf: Keine Änderungen – die Datenbank entspricht bereits der Datei."
    )
    assert not dialog.import_button.isEnabled()


@pytest.fixture
def held_import(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """The real import (the second reading of the file) waits after reading until released."""
    reading, release = threading.Event(), threading.Event()
    calls: list[Path] = []
    original = reader.read_workbook

    def read(path, *args, **kwargs):
        book = original(path, *args, **kwargs)
        calls.append(path)
        if len(calls) == 2:
            reading.set()
            release.wait(WAIT)
        return book

    monkeypatch.setattr(reader, "read_workbook", read)
    return reading, release


def test_abbrechen_during_the_import_leaves_the_database_unchanged(
    qtbot, demo: Database, held_import: tuple[threading.Event, threading.Event]
) -> None:
    reading, release = held_import
    dialog = _checked(qtbot, demo, UMWELTAMT)
    imported: list[object] = []
    dialog.imported.connect(imported.append)

    dialog.import_button.click()
    assert reading.wait(WAIT)
    assert dialog.close_button.text() == "Abbrechen"
    dialog.close_button.click()
    release.set()
    qtbot.waitUntil(lambda: not dialog.busy)

    assert dialog.headline.text() == "Der Import wurde abgebrochen. Es wurde nichts gespeichert."
    assert imported == []
    assert "UM-14" not in _numbers(demo)
    assert MassnahmenService(demo).get("UM-06").gesamtkosten == Decimal("420000.00")
    assert dialog.import_button.isEnabled()


def test_closing_the_window_while_it_checks_stops_and_then_closes(
    qtbot, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading, release = threading.Event(), threading.Event()
    original = reader.read_workbook

    def read(path, *args, **kwargs):
        reading.set()
        release.wait(WAIT)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(reader, "read_workbook", read)
    dialog = _dialog(qtbot, demo, UMWELTAMT)
    dialog.show()
    assert reading.wait(WAIT)

    dialog.reject()
    assert dialog.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert "UM-14" not in _numbers(demo)


def test_without_a_path_the_file_is_chosen_in_a_dialog(
    qtbot, demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = shutil.copy(UMWELTAMT, tmp_path / "Zulieferung Umweltamt.xlsx")
    asked: list[str] = []

    def choose(_parent, _title, _start, file_filter):
        asked.append(file_filter)
        return str(copy), file_filter

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    dialog = _dialog(qtbot, demo, None)
    qtbot.waitUntil(lambda: not dialog.busy)

    assert asked == ["Excel-Arbeitsmappen (*.xlsx *.xlsm)"]
    assert dialog.path == Path(copy)
    assert dialog.file_label.text() == "Datei: Zulieferung Umweltamt.xlsx"
    assert dialog.import_button.isEnabled()


def test_choosing_no_file_shows_no_dialog(qtbot, demo: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: ("", ""))
    dialog = _dialog(qtbot, demo, None)

    assert dialog.path is None
    assert dialog.exec() == 0
    assert not dialog.isVisible()
