"""The Sachstandsbericht (issue 13 point 5): the PDF of the sample data read back page by page, its layout
(no text below 9 pt, a long Steckbrief continued and never cut off), stopping and failing without a half
file, and Datei ▸ Sachstandsbericht (PDF) … in the window."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from gera_desktop.domain.enums import Ampel
from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.progress import WorkCancelled
from gera_desktop.persistence.database import Database
from gera_desktop.services.bericht_data import ReportData
from gera_desktop.services.core import Anwendung
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.report.blocks import MIN_POINTS
from gera_desktop.ui.report.layout import Page, Text, lay_out
from gera_desktop.ui.report.metrics import Metrics
from gera_desktop.ui.report.painting import Letterhead
from gera_desktop.ui.report.steckbrief import steckbrief_blocks
from gera_desktop.ui.report.writer import paint_steckbrief, pdf_writer, report_pages, write_report
from tests.records import measure

STAND = date(2025, 6, 30)
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils fehlt")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of the PDF, as poppler's pdftotext reads it."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return out.split("\f")[:-1]


@pytest.fixture
def data(qapp, demo: Database) -> ReportData:
    return Anwendung.on(demo).report_data(STAND)


def _metrics() -> Metrics:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = pdf_writer(buffer, "Test")
    metrics = Metrics(writer)
    metrics.keep = (buffer, writer)  # type: ignore[attr-defined]
    return metrics


@needs_pdftotext
def test_the_sample_report_has_a_summary_and_a_steckbrief_per_measure(
    data: ReportData, tmp_path: Path
) -> None:
    target = tmp_path / "Sachstandsbericht.pdf"
    count = write_report(target, data)
    pages = pdf_pages(target)
    assert count == len(pages) == 1 + len(data.records) == 26
    summary = pages[0]
    for text in ("Sachstandsbericht", "Gesamtkosten", "4.091.000,00 €", "Mittel abgerufen", "391.230,00 €"):
        assert text in summary
    assert "grün: 4 · gelb: 3 · rot: 1 · ohne Ampel: 17" in summary
    assert "Gefährdet bis" in summary
    assert "31.12.2026" in summary
    assert "Fristen (2 überfällig" in summary
    for number, (page, record) in enumerate(zip(pages[1:], data.records, strict=True), start=2):
        assert f"{record.nr} – " in page.splitlines()[2]
        for heading in (
            "Finanzierung",
            "Mittelabrufe",
            "Meilensteine",
            "Beteiligung",
            "Beschlüsse",
            "Verstetigung",
        ):
            assert heading in page
        assert f"Seite {number} von 26" in page
        assert "Sachstandsbericht – Stand 30.06.2025" in page


@needs_pdftotext
def test_a_steckbrief_shows_effective_amounts_calls_and_decisions(data: ReportData, tmp_path: Path) -> None:
    target = tmp_path / "bericht.pdf"
    write_report(target, data)
    page = next(p for p in pdf_pages(target) if "UM-02 – Digitalisierung der musealen Sammlungen" in p)
    assert "Bundesmittel" in page
    assert "342.000,00 €" in page
    assert "82/2019 7. Ergänzung" in page
    assert "beschlossen" in page
    assert "gelb" in page
    assert "freigegeben" in page


def test_no_text_of_the_report_is_below_9_points(data: ReportData) -> None:
    pages = report_pages(data, _metrics())
    texts = [item for page in pages for item in page.items if isinstance(item, Text)]
    assert texts
    assert min(item.style.points for item in texts) >= MIN_POINTS
    assert all(f"Seite {n} von {len(pages)}" in page.texts() for n, page in enumerate(pages, start=1))


def test_a_long_kurzbeschreibung_continues_on_the_next_page_and_nothing_is_cut_off(qapp) -> None:
    words = [f"Satz{n} über digitale Stadtentwicklung in Gera." for n in range(130)]
    record = measure("P-77", kurzbeschreibung=" ".join(words))
    metrics = _metrics()
    pages: list[Page] = lay_out(steckbrief_blocks(record, Decimal(90), STAND), metrics)
    assert len(pages) >= 2
    assert "P-77 Bürger-Serviceportal und digitale Bürgerdienste (Fortsetzung)" in pages[1].texts()
    flowed = " ".join(text for page in pages for text in page.texts() if not text.endswith("(Fortsetzung)"))
    assert all(word in flowed for word in words)
    bottom = metrics.device.height()
    assert all(
        item.y + item.height <= bottom for page in pages for item in page.items if isinstance(item, Text)
    )
    assert "Verstetigung" in pages[-1].texts()


def test_stopping_writes_no_file_and_keeps_the_old_one(data: ReportData, tmp_path: Path) -> None:
    folder = tmp_path / "Berichte"
    folder.mkdir()
    target = folder / "bericht.pdf"
    target.write_bytes(b"alt")
    with pytest.raises(WorkCancelled, match="kein Sachstandsbericht"):
        write_report(target, data, cancelled=lambda: True)
    assert target.read_bytes() == b"alt"
    assert sorted(p.name for p in folder.iterdir()) == ["bericht.pdf"]


def test_a_full_disk_is_a_german_message_and_keeps_the_old_file(
    data: ReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "Berichte"
    folder.mkdir()
    target = folder / "bericht.pdf"
    target.write_bytes(b"alt")

    def disk_full(self: Path, _data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    with pytest.raises(GeraError, match="nicht genug Platz") as caught:
        write_report(target, data)
    monkeypatch.undo()
    assert "Eine vorhandene Datei dieses Namens ist unverändert" in caught.value.message
    assert sorted(p.name for p in folder.iterdir()) == ["bericht.pdf"]
    assert target.read_bytes() == b"alt"


def test_the_window_writes_the_report_in_the_background(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "Bericht Juni"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), "PDF-Dokument (*.pdf)"))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    action = window.commands.report
    assert action.isEnabled()
    datei = window.menuBar().actions()[0].menu()
    assert isinstance(datei, QMenu)
    assert action in datei.actions()
    action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    written = tmp_path / "Bericht Juni.pdf"
    assert told == [f"Der Sachstandsbericht (26 Seiten) wurde gespeichert:\n{written}"]
    assert written.read_bytes().startswith(b"%PDF")


def test_the_window_names_a_missing_folder(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "gibt es nicht" / "bericht.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(missing), ""))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    window.commands.report.trigger()
    qtbot.waitUntil(lambda: bool(warned), timeout=30_000)
    assert warned == [f"Der Ordner „{missing.parent}“ existiert nicht."]


@needs_pdftotext
def test_a_steckbrief_paints_on_a_printer_for_the_print_preview(qapp, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "vorschau.pdf"))
    letterhead = Letterhead("Smart City Programmbüro der Stadt Gera", STAND)
    record = measure("P-05", titel="Mobilitätsinsel", ampel=Ampel.ROT)
    assert paint_steckbrief(printer, record, Decimal(90), letterhead) == 1
    [page] = pdf_pages(tmp_path / "vorschau.pdf")
    assert "P-05 – Mobilitätsinsel" in page
    assert "rot" in page
    assert "Seite 1 von 1" in page
    assert "A. Muster" not in page
    assert "Intern" not in page
