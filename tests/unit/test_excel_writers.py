"""The ``liste`` export and the atomic writer: read back with openpyxl and python-calamine."""

from __future__ import annotations

import errno
import os
import tempfile
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from gera_desktop.domain.funding import AMOUNT_KEYS, compute
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.rules import funding_input
from gera_desktop.excel.columns import (
    DATE_FORMAT,
    MASSNAHMEN,
    MONEY_FORMAT,
    PERCENT_FORMAT,
    SHEET_FINANZEN,
    SHEET_MEILENSTEINE,
    Column,
    Kind,
)
from gera_desktop.excel.json_reading import read_json
from gera_desktop.excel.liste import write_liste
from gera_desktop.excel.reader import read_workbook
from gera_desktop.excel.writing import MAX_CELL_TEXT, ExportError, atomic_target
from gera_desktop.resources import demo_data
from tests.records import measure, sample_records

STAND = date(2024, 6, 30)
HEADERS = [c.header for c in MASSNAHMEN]


@pytest.fixture
def records() -> list[MassnahmeData]:
    return sample_records()


@pytest.fixture
def liste(tmp_path: Path, records: list[MassnahmeData]) -> Path:
    path = tmp_path / "Maßnahmenliste.xlsx"
    write_liste(path, records, STAND)
    return path


def calamine_rows(path: Path, sheet: str) -> list[list[Any]]:
    """All rows of a sheet, padded to equal length (write-only files carry no dimension)."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    width = max(map(len, rows))
    return [[*row, *[""] * (width - len(row))] for row in rows]


def openpyxl_rows(path: Path, sheet: str) -> list[list[Any]]:
    return [list(r) for r in openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True)]


def as_stored(column: Column, value: Any) -> Any:
    """A cell value read back, turned into what the record stores."""
    if value in (None, ""):
        return None
    if column.kind is Kind.DATE:
        return value.date() if isinstance(value, datetime) else value
    if column.kind is Kind.MONEY:
        return Decimal(str(value))
    if column.kind is Kind.PERCENT:
        return Decimal(str(value)) * 100
    if column.kind is Kind.BOOL:
        return {"ja": True, "nein": False}[value]
    return value


def written(record: MassnahmeData, key: str) -> Any:
    """What the list holds for a field: the effective amount (spec section 8), else the stored value."""
    if key in AMOUNT_KEYS:
        return getattr(compute(funding_input(record)), key)
    return getattr(record, key)


def stored(column: Column, record: MassnahmeData) -> Any:
    value = written(record, column.key)
    if column.kind is Kind.ENUM and value is not None:
        return str(value)
    return value


@pytest.mark.parametrize("reader", [openpyxl_rows, calamine_rows])
def test_liste_values_read_back_equal_the_records(liste: Path, records: list[MassnahmeData], reader: Any):
    rows = reader(liste, "Maßnahmen")
    assert rows[4][: len(HEADERS)] == HEADERS
    data = rows[5:]
    assert len(data) == len(records)
    for row, record in zip(data, records, strict=True):
        for column, value in zip(MASSNAHMEN, row, strict=False):
            assert as_stored(column, value) == stored(column, record), (record.nr, column.key)


@pytest.mark.parametrize("reader", [openpyxl_rows, calamine_rows])
def test_extra_columns_follow_the_known_ones_in_first_seen_order(liste: Path, reader: Any):
    rows = reader(liste, "Maßnahmen")
    assert rows[4][len(HEADERS) :] == ["Interne Notiz", "Priorität", "Förderaufruf"]
    extras = {row[0]: row[len(HEADERS) :] for row in rows[5:]}
    assert extras["UM-01"][:2] == ["=1+1", 2]
    assert extras["UM-02"][1:] == [1, "2021"]
    assert extras["P-01"] in ([None, None, None], ["", "", ""])


def test_title_block_header_row_and_layout(liste: Path):
    sheet = openpyxl.load_workbook(liste)["Maßnahmen"]
    assert [sheet.cell(r, 1).value for r in range(1, 6)] == [
        "Stadt Gera – Smart City Modellprojekt",
        "Maßnahmenliste",
        "Stand: 30.06.2024",
        None,
        "Maßnahmen-Nr.",
    ]
    header = sheet["A5"]
    assert header.font.b
    assert header.fill.fill_type == "solid"
    assert sheet.freeze_panes == "A6"
    assert sheet.auto_filter.ref == "A5:AN9"
    for index, title in enumerate(HEADERS, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        assert len(title) < sheet.column_dimensions[letter].width <= 60


def test_column_widths_fit_the_content(liste: Path):
    sheet = openpyxl.load_workbook(liste)["Maßnahmen"]
    width = {c.key: sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i, c in
             enumerate(MASSNAHMEN, start=1)}  # fmt: skip
    assert width["titel"] >= len("Sensorik für Hochwasserprävention an der Weißen Elster")
    assert width["kurzbeschreibung"] == 60
    assert width["gesamtkosten"] >= len("1.234.567,89 €")


def test_typed_cells_carry_the_german_display_formats(liste: Path):
    sheet = openpyxl.load_workbook(liste)["Maßnahmen"]
    row = {c.key: sheet.cell(9, i) for i, c in enumerate(MASSNAHMEN, start=1)}
    assert row["gesamtkosten"].number_format == MONEY_FORMAT
    assert row["gesamtkosten"].value == pytest.approx(1234567.89)
    assert row["beginn"].number_format == DATE_FORMAT
    assert row["beginn"].is_date
    assert row["foerderquote"].number_format == PERCENT_FORMAT
    assert row["foerderquote"].value == pytest.approx(0.905)
    assert row["beteiligung"].value == "ja"


def test_computed_amounts_are_written_as_their_effective_values_and_the_rate_stays_empty(liste: Path):
    sheet = openpyxl.load_workbook(liste)["Maßnahmen"]
    row = {c.key: sheet.cell(8, i).value for i, c in enumerate(MASSNAHMEN, start=1)}
    assert row["nr"] == "UM-02"
    amounts = ("gesamtkosten", "foerderfaehig", "bundesmittel", "drittmittel", "eigenanteil", "abgerufen")
    assert [row[key] for key in amounts] == [420_000, 420_000, 378_000, 0, 42_000, 0]
    assert row["foerderquote"] is None
    assert row["beteiligung"] == "nein"


def test_the_effective_amounts_follow_the_programme_rate(tmp_path: Path):
    path = tmp_path / "liste.xlsx"
    um02 = next(record for record in sample_records() if record.nr == "UM-02")
    write_liste(path, [um02], STAND, programme_rate=Decimal(80))
    sheet = openpyxl.load_workbook(path)["Maßnahmen"]
    row = {c.key: sheet.cell(6, i).value for i, c in enumerate(MASSNAHMEN, start=1)}
    assert (row["foerderquote"], row["bundesmittel"], row["eigenanteil"]) == (None, 336_000, 84_000)


def test_text_that_looks_like_a_formula_is_written_as_quoted_text(liste: Path):
    sheet = openpyxl.load_workbook(liste)["Maßnahmen"]
    row = {c.key: sheet.cell(7, i) for i, c in enumerate(MASSNAHMEN, start=1)}
    for key, text in (("titel", "=SUMME(A1:A9)"), ("kurzbeschreibung", "-5"), ("partner", "@x"),
                      ("stadtteil", "+49 Stadtmitte")):  # fmt: skip
        assert row[key].value == text
        assert row[key].data_type == "s"
        assert row[key].quotePrefix, key
    assert not row["federfuehrung"].quotePrefix
    with zipfile.ZipFile(liste) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert all(b"<f>" not in archive.read(n) for n in sheets)


def test_numbers_keep_their_sign(tmp_path: Path):
    path = tmp_path / "liste.xlsx"
    write_liste(path, [measure(drittmittel=Decimal("-5.00"), zielwert="-5")], STAND)
    sheet = openpyxl.load_workbook(path)["Maßnahmen"]
    amount = sheet.cell(6, HEADERS.index("Drittmittel (€)") + 1)
    text = sheet.cell(6, HEADERS.index("Zielwert") + 1)
    assert (amount.value, amount.data_type, amount.number_format) == (-5, "n", MONEY_FORMAT)
    assert (text.value, text.data_type, text.quotePrefix) == ("-5", "s", True)


@pytest.mark.parametrize("text", ["#N/A", "#NV", "#WERT!"])
def test_error_value_text_stays_text(tmp_path: Path, text: str):
    path = tmp_path / "liste.xlsx"
    write_liste(path, [measure(zielwert=text)], STAND)
    cell = openpyxl.load_workbook(path)["Maßnahmen"].cell(6, HEADERS.index("Zielwert") + 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_every_enum_column_has_a_drop_down(liste: Path):
    workbook = openpyxl.load_workbook(liste)
    sheet = workbook["Maßnahmen"]
    ranges = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    for index, column in enumerate(MASSNAHMEN, start=1):
        if column.kind not in (Kind.ENUM, Kind.BOOL):
            continue
        validation = ranges[f"{openpyxl.utils.get_column_letter(index)}6"]
        assert validation.type == "list"
        sheet_name, cells = validation.formula1.split("!")
        values = [c.value for row in workbook[sheet_name][cells.replace("$", "")] for c in row]
        expected = [str(m) for m in column.choices] if column.choices else ["ja", "nein"]
        assert values == expected, column.key
    assert workbook["Auswahllisten"].sheet_state == "hidden"


def test_child_sheets_have_the_same_layout(liste: Path, records: list[MassnahmeData]):
    for spec in (SHEET_MEILENSTEINE, SHEET_FINANZEN):
        rows = calamine_rows(liste, spec.title)
        assert rows[0][0] == "Stadt Gera – Smart City Modellprojekt"
        assert rows[4] == [c.header for c in spec.columns]
    milestones = calamine_rows(liste, "Meilensteine")[5:]
    assert milestones[0] == ["P-01", "Start Pilotbetrieb", date(2021, 9, 1), date(2021, 9, 3), "pünktlich"]
    assert len(milestones) == sum(len(r.meilensteine) for r in records)
    years = openpyxl_rows(liste, "Finanzen")[5:]
    assert years[0] == ["P-01", 2021, 30000, 29500.5, 26550.45]
    assert years[1] == ["P-01", 2022, 22000, None, None]
    events = calamine_rows(liste, "Beteiligung")[5:]
    assert events == [["P-01", date(2021, 5, 4), "Workshop", "Rathaus, Ratssaal", 34, "Wünsche gesammelt"]]


def test_no_records_still_gives_the_table_headers(tmp_path: Path):
    path = tmp_path / "leer.xlsx"
    write_liste(path, [], STAND)
    assert calamine_rows(path, "Maßnahmen")[4][:3] == HEADERS[:3]


def test_too_long_text_is_refused_naming_measure_and_field(tmp_path: Path):
    path = tmp_path / "liste.xlsx"
    path.write_bytes(b"old")
    too_long = measure("UM-09", kurzbeschreibung="x" * (MAX_CELL_TEXT + 1))
    with pytest.raises(ExportError) as caught:
        write_liste(path, [measure(), too_long], STAND)
    assert "UM-09" in caught.value.message
    assert "Kurzbeschreibung" in caught.value.message
    assert "32.768 Zeichen" in caught.value.message
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["liste.xlsx"]


def test_text_of_exactly_the_limit_is_kept_whole(tmp_path: Path):
    path = tmp_path / "liste.xlsx"
    write_liste(path, [measure(kurzbeschreibung="ä" * MAX_CELL_TEXT)], STAND)
    assert calamine_rows(path, "Maßnahmen")[5][2] == "ä" * MAX_CELL_TEXT


def test_control_characters_are_refused_naming_the_field(tmp_path: Path):
    with pytest.raises(ExportError, match=r"Partner.*P-01.*Steuerzeichen"):
        write_liste(tmp_path / "liste.xlsx", [measure(partner="A\x07B")], STAND)


def test_liste_reads_back_unchanged_with_the_import_reader(tmp_path: Path):
    records = sample_records()
    records[3].kurzbeschreibung = "x" * 4000  # the longest Kurzbeschreibung the import accepts
    path = tmp_path / "liste.xlsx"
    write_liste(path, records, STAND)
    book = read_workbook(path)
    assert book.problems == []
    assert book.ignored_sheets == ["Auswahllisten"]
    rows = {row.nr: row for row in book.massnahmen}
    for record in records:
        assert {c.key: rows[record.nr].values[c.key] for c in MASSNAHMEN} == {
            c.key: written(record, c.key) for c in MASSNAHMEN
        }
        extras = {h: v for h, v in rows[record.nr].extras.items() if v is not None}
        assert extras == record.zusatzspalten
    first = records[0]
    assert [r.values for r in book.meilensteine] == [{"nr": "P-01", **vars(m)} for m in first.meilensteine]
    assert [r.values for r in book.finanzen] == [{"nr": "P-01", **vars(f)} for f in first.finanzen]
    assert [r.values for r in book.beteiligungen] == [{"nr": "P-01", **vars(b)} for b in first.beteiligungen]


def test_the_demo_list_reads_back_unchanged(tmp_path: Path):
    records = read_json(demo_data())
    path = tmp_path / "demo.xlsx"
    write_liste(path, records, STAND)
    book = read_workbook(path)
    assert not book.has_errors, [str(p) for p in book.errors]
    assert [{c.key: r.values[c.key] for c in MASSNAHMEN} for r in book.massnahmen] == [
        {c.key: written(record, c.key) for c in MASSNAHMEN} for record in records
    ]
    assert len(book.meilensteine) == sum(len(r.meilensteine) for r in records)


# --- the atomic writer ---------------------------------------------------------------------------------


def test_replace_refused_by_excel_gives_the_german_message_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "Maßnahmenliste.xlsx"
    path.write_bytes(b"old")

    def locked(*_args: Any) -> None:
        raise PermissionError(13, "Der Prozess kann nicht auf die Datei zugreifen")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError) as caught:
        write_liste(path, sample_records(), STAND)
    assert "„Maßnahmenliste.xlsx“ ist noch geöffnet, vermutlich in Excel" in caught.value.message
    assert "exportieren Sie erneut" in caught.value.message
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["Maßnahmenliste.xlsx"]


@pytest.mark.parametrize(
    "lock_name", ["~$Maßnahmenliste.xlsx", "~$ßnahmenliste.xlsx", ".~lock.Maßnahmenliste.xlsx#"]
)
def test_lock_file_next_to_the_target_refuses_the_export(tmp_path: Path, lock_name: str):
    path = tmp_path / "Maßnahmenliste.xlsx"
    path.write_bytes(b"old")
    (tmp_path / lock_name).write_bytes(b"owner")
    with pytest.raises(ExportError, match="noch geöffnet") as caught:
        write_liste(path, sample_records(), STAND)
    assert lock_name in caught.value.message
    assert path.read_bytes() == b"old"


@pytest.mark.parametrize(
    ("module", "name", "error", "message"),
    [
        (os, "fsync", errno.ENOSPC, "nicht genug Platz"),
        (os, "replace", errno.EIO, "Fehler des Betriebssystems"),
        (tempfile, "mkstemp", errno.ENOSPC, "nicht genug Platz"),
        (zipfile.ZipFile, "writestr", errno.ENOSPC, "nicht genug Platz"),
    ],
)
def test_io_errors_give_a_german_message_and_keep_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: Any, name: str, error: int, message: str
):
    path = tmp_path / "liste.xlsx"
    path.write_bytes(b"old")

    def failing(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(module, name, failing)
    with pytest.raises(ExportError, match=message) as caught:
        write_liste(path, sample_records(), STAND)
    assert "Eine vorhandene Datei dieses Namens ist unverändert" in caught.value.message
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["liste.xlsx"]


def test_a_failure_inside_the_block_removes_the_temporary_file(tmp_path: Path):
    path = tmp_path / "out.csv"
    path.write_text("old", encoding="utf-8")

    def interrupted() -> None:
        with atomic_target(path) as temp:
            temp.write_text("half", encoding="utf-8")
            raise RuntimeError("abgebrochen")

    with pytest.raises(RuntimeError):
        interrupted()
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_the_new_file_keeps_the_old_permissions(tmp_path: Path):
    path = tmp_path / "out.csv"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o664)
    with atomic_target(path) as temp:
        temp.write_text("new", encoding="utf-8")
    assert path.read_text(encoding="utf-8") == "new"
    if os.name != "nt":
        assert path.stat().st_mode & 0o777 == 0o664


def test_missing_folder_is_named(tmp_path: Path):
    with pytest.raises(ExportError, match="existiert nicht"):
        write_liste(tmp_path / "fehlt" / "liste.xlsx", [], STAND)
