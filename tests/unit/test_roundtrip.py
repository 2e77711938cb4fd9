"""Import the example files, export the list, import that export again: nothing changes (issue 3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import openpyxl

from gera_desktop.domain.funding import entered_amounts
from gera_desktop.domain.rules import funding_input
from gera_desktop.excel.liste import write_liste
from gera_desktop.persistence.database import Database
from gera_desktop.services.importer import ImportService
from gera_desktop.services.massnahmen import MassnahmenService
from tests.conftest import EXAMPLES


def test_an_exported_list_imports_again_with_zero_changes(database: Database, tmp_path) -> None:
    importer = ImportService(database, user="anna")
    measures = MassnahmenService(database)
    importer.run(EXAMPLES / "massnahmenliste-2024-06.xlsx")
    importer.run(EXAMPLES / "zulieferung-umweltamt.xlsx")
    before = measures.list()
    export = tmp_path / "export.xlsx"
    write_liste(export, before, date(2024, 7, 1))

    report = importer.run(export)

    assert report.ok, report.as_text()
    assert (report.new, report.changed, report.not_in_file) == ([], [], 0)
    assert report.unchanged_count == 26
    assert report.extra_columns == ["Interne Notiz"]
    assert not report.written
    assert measures.list() == before
    assert sum(len(m.meilensteine) + len(m.finanzen) + len(m.beteiligungen) for m in before) == 19


def test_a_changed_cell_in_the_export_is_the_only_change(database: Database, tmp_path) -> None:
    importer = ImportService(database, user="anna")
    measures = MassnahmenService(database)
    importer.run(EXAMPLES / "massnahmenliste-2024-06.xlsx")
    importer.run(EXAMPLES / "zulieferung-umweltamt.xlsx")
    records = measures.list()
    um14 = next(m for m in records if m.nr == "UM-14")
    um14.zusatzspalten["Interne Notiz"] = "mit AG Umwelt abgestimmt"
    export = tmp_path / "export.xlsx"
    write_liste(export, records, date(2024, 7, 1))

    report = importer.run(export)

    assert [(c.nr, [change.feld for change in c.changes]) for c in report.changed] == [
        ("UM-14", ["Zusatzspalte „Interne Notiz“"])
    ]
    assert measures.get("UM-14").zusatzspalten == {"Interne Notiz": "mit AG Umwelt abgestimmt"}


def test_raising_only_the_costs_in_an_exported_list_recomputes_the_computed_amounts(
    database: Database, tmp_path
) -> None:
    importer = ImportService(database, user="anna")
    measures = MassnahmenService(database)
    importer.run(EXAMPLES / "massnahmenliste-2024-06.xlsx")
    records = measures.list()
    um04 = next(m for m in records if m.nr == "UM-04")
    assert entered_amounts(funding_input(um04)) == {}
    export = tmp_path / "export.xlsx"
    write_liste(export, [um04], date(2024, 7, 1))
    _type_into(export, "Gesamtkosten (€)", 700_000)  # Bundesmittel and Eigenanteil stay as exported

    report = importer.run(export)

    assert report.ok, report.as_text()
    assert [(c.nr, [change.feld for change in c.changes]) for c in report.changed] == [
        ("UM-04", ["Gesamtkosten"])
    ]
    after = measures.get("UM-04")
    assert (after.gesamtkosten, after.bundesmittel, after.eigenanteil) == (Decimal("700000.00"), None, None)


def _type_into(path, header: str, value: object) -> None:
    """Change the first measure's cell below ``header`` as someone would in Excel."""
    book = openpyxl.load_workbook(path)
    sheet = book["Maßnahmen"]
    column = next(cell.column for cell in sheet[5] if cell.value == header)
    sheet.cell(6, column, value)
    book.save(path)


def test_entered_and_computed_amounts_keep_their_kind_through_the_round_trip(
    database: Database, tmp_path
) -> None:
    importer = ImportService(database, user="anna")
    measures = MassnahmenService(database)
    importer.run(EXAMPLES / "massnahmenliste-2024-06.xlsx")
    measures.update(replace(measures.get("UM-04"), bundesmittel=Decimal("500000"), drittmittel=Decimal(1000)))
    before = measures.list()
    export = tmp_path / "export.xlsx"
    write_liste(export, before, date(2024, 7, 1))

    report = importer.run(export)

    assert (report.changed, report.unchanged_count, report.written) == ([], 25, False)
    um04 = measures.get("UM-04")
    assert entered_amounts(funding_input(um04)) == {"bundesmittel": 500000, "drittmittel": 1000}
    assert all(entered_amounts(funding_input(m)) == {} for m in measures.list() if m.nr != "UM-04")
