"""Files that are not plain .xlsx workbooks are refused before any XML parser sees them, quickly."""

from __future__ import annotations

import shutil
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from gera_desktop.excel.errors import (
    DamagedFileError,
    MissingFileError,
    UnsafeFileError,
    UnsupportedFileError,
    WorkbookFileError,
)
from gera_desktop.excel.reader import read_workbook
from gera_desktop.excel.safety import check_file, ole_stream_names
from tests.conftest import EXAMPLES
from tests.workbooks import (
    BILLION_LAUGHS,
    LAUGHS_DOCTYPE,
    measure,
    measures_file,
    ods_file,
    ole_file,
    write_zip,
    zeros_member,
)

MB = 1024 * 1024


def refused(path: Path, error: type[WorkbookFileError]) -> str:
    """Check the file; it must be refused with this error, fast and without much memory. The message."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(error) as caught:
            read_workbook(path)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.perf_counter() - started < 5
    assert peak < 20 * MB
    return caught.value.message


def test_the_example_workbooks_pass(tmp_path: Path) -> None:
    for example in EXAMPLES.glob("*.xlsx"):
        check_file(example)
    macro_book = shutil.copy(EXAMPLES / "zulieferung-umweltamt.xlsx", tmp_path / "liste.xlsm")
    check_file(Path(macro_book))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    message = refused(tmp_path / "fehlt.xlsx", MissingFileError)
    assert "fehlt.xlsx" in message
    assert "nicht gefunden" in message


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "ordner.xlsx"
    folder.mkdir()
    assert "Ordner" in refused(folder, MissingFileError)


def test_an_old_xls_file_is_to_be_saved_as_xlsx(tmp_path: Path) -> None:
    message = refused(ole_file(tmp_path / "alt.xls", "Workbook", "SummaryInformation"), UnsupportedFileError)
    assert "alten Excel-Format" in message
    assert ".xlsx" in message
    assert "Kennwort" not in message


def test_an_encrypted_workbook_asks_to_remove_the_password(tmp_path: Path) -> None:
    path = ole_file(tmp_path / "geheim.xlsx", "EncryptionInfo", "EncryptedPackage", "\x06DataSpaces")
    assert {"encryptioninfo", "encryptedpackage"} <= ole_stream_names(path)
    message = refused(path, UnsupportedFileError)
    assert "Kennwort" in message
    assert "verschlüsselt" in message


def test_an_unknown_office_container_gets_the_message_for_both(tmp_path: Path) -> None:
    message = refused(ole_file(tmp_path / "brief.xlsx", "WordDocument"), UnsupportedFileError)
    assert ".xls" in message
    assert "Kennwort" in message


def test_a_truncated_office_container_still_gets_a_message(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.xls"
    path.write_bytes(ole_file(tmp_path / "x.xls", "Workbook").read_bytes()[:600])
    assert ".xls" in refused(path, UnsupportedFileError)


def test_an_ods_file_is_to_be_saved_as_xlsx_in_libreoffice(tmp_path: Path) -> None:
    message = refused(ods_file(tmp_path / "liste.ods"), UnsupportedFileError)
    assert "OpenDocument" in message
    assert "LibreOffice" in message


@pytest.mark.parametrize("name", ["liste.csv", "liste.xlsx"])
def test_a_csv_file_is_named_as_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Maßnahmen-Nr.;Maßnahme\nP-01;Portal\n", encoding="utf-8")
    message = refused(path, UnsupportedFileError)
    assert "CSV" in message
    assert ".xlsx" in message


def test_binary_garbage_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "bild.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "keine Excel-Arbeitsmappe" in refused(path, UnsupportedFileError)


RENAMED = {
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n", "ein PDF-Dokument"),
    "html": (b"\xef\xbb\xbf<!DOCTYPE html>\n<html><body><table><tr><td>P-01</td></tr></table>", "Webseite"),
    "xml-2003": (
        b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
        "XML-Kalkulationstabelle 2003",
    ),
}


@pytest.mark.parametrize("kind", RENAMED)
def test_a_renamed_document_is_called_what_it_is(tmp_path: Path, kind: str) -> None:
    content, name = RENAMED[kind]
    path = tmp_path / "liste.xlsx"
    path.write_bytes(content)
    message = refused(path, UnsupportedFileError)
    assert name in message
    assert "CSV" not in message


def test_a_zip_without_a_workbook_is_not_a_workbook(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "brief.xlsx", {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}
    )
    assert "keine Excel-Arbeitsmappe" in refused(path, UnsupportedFileError)


def test_a_binary_workbook_is_named(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "liste.xlsx", {"[Content_Types].xml": "<Types/>", "xl/workbook.bin": b"\0"})
    assert ".xlsb" in refused(path, UnsupportedFileError)


def test_a_truncated_zip_is_damaged(tmp_path: Path) -> None:
    whole = (EXAMPLES / "massnahmenliste-2024-06.xlsx").read_bytes()
    path = tmp_path / "abgebrochen.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert "beschädigt" in refused(path, DamagedFileError)


def test_only_xlsx_and_xlsm_are_read(tmp_path: Path) -> None:
    path = measures_file(tmp_path / "liste.xlsx", measure())
    renamed = path.rename(tmp_path / "liste.zip")
    assert ".xlsx" in refused(renamed, UnsupportedFileError)


def test_a_zip_bomb_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    path = measures_file(tmp_path / "bombe.xlsx", measure())
    with zipfile.ZipFile(path, "a") as archive:
        zeros_member(archive, "xl/media/image1.bin", 50 * MB)
    assert "Zip-Bombe" in refused(path, UnsafeFileError)


def test_members_unpacking_beyond_200_mb_are_refused(tmp_path: Path) -> None:
    path = measures_file(tmp_path / "riesig.xlsx", measure())
    with zipfile.ZipFile(path, "a") as archive:
        for i in range(51):
            zeros_member(archive, f"xl/media/image{i}.bin", 4 * MB)
    assert "200 MB" in refused(path, UnsafeFileError)


def test_too_many_members_are_refused(tmp_path: Path) -> None:
    path = measures_file(tmp_path / "viele.xlsx", measure())
    with zipfile.ZipFile(path, "a") as archive:
        for i in range(5_001):
            archive.writestr(f"xl/media/{i}.txt", "")
    assert "Teilen" in refused(path, UnsafeFileError)


def test_an_entity_declaration_is_refused_before_parsing(tmp_path: Path) -> None:
    path = measures_file(tmp_path / "lol.xlsx", measure())
    with zipfile.ZipFile(path) as archive:
        parts: dict[str, bytes | str] = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/sharedStrings.xml"] = BILLION_LAUGHS + "<sst><si><t>&lol9;</t></si></sst>"
    assert "DOCTYPE" in refused(write_zip(path, parts), UnsafeFileError)


def test_an_entity_declaration_further_in_is_refused_by_defusedxml(tmp_path: Path) -> None:
    """A declaration behind a long comment escapes the quick look at each part's beginning."""
    path = measures_file(tmp_path / "lol.xlsx", measure(Maßnahme="LOL"))
    with zipfile.ZipFile(path) as archive:
        parts: dict[str, bytes | str] = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert isinstance(sheet, bytes)
    body = sheet.decode().replace(">LOL<", ">&lol9;<")
    parts["xl/worksheets/sheet1.xml"] = f"<!--{'x' * 10_000}-->{LAUGHS_DOCTYPE}{body}"
    write_zip(path, parts)
    check_file(path)  # the quick look does not see it …
    assert "DOCTYPE" in refused(path, UnsafeFileError)  # … the parser does
