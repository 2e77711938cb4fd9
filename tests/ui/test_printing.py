"""Datei ▸ Drucken … and Steckbrief drucken …: the print preview's pages, painted onto a printer in PDF
mode (no real printer), for the list as filtered, the Zeitplan, the Übersicht and a Steckbrief; and the
Übersicht saved as PDF and workbook."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox
from python_calamine import CalamineWorkbook

from gera_desktop.services.listing import ListFilter
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.printing.list_pages import ListPrintout, paint_list
from gera_desktop.ui.printing.preview import Landscape, Printout, new_printer
from tests.ui.main_window_support import select

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils fehlt")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of the PDF, as poppler's pdftotext reads it."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return out.split("\f")[:-1]


@pytest.fixture
def printed(monkeypatch, tmp_path: Path) -> list[tuple[str, Path]]:
    """The preview dialogs opened (title, PDF): instead of showing itself, each asks for its pages once,
    on its own printer switched to a PDF file."""
    opened: list[tuple[str, Path]] = []

    def exec_(dialog: QPrintPreviewDialog) -> int:
        path = tmp_path / f"druck{len(opened)}.pdf"
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        dialog.paintRequested.emit(printer)
        opened.append((dialog.windowTitle(), path))
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    return opened


@pytest.fixture
def told(monkeypatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: messages.append(text))
    return messages


def test_datei_offers_drucken_with_strg_p(window: MainWindow) -> None:
    datei = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Datei")
    assert isinstance(datei, QMenu)
    texts = [a.text().replace("&", "") for a in datei.actions()]  # without the Alt letters
    assert "Drucken …" in texts
    assert "Steckbrief drucken …" in texts
    actions = window.print_actions
    assert actions.print_shown.shortcut() == QKeySequence("Ctrl+P")
    assert actions.print_steckbrief.shortcut() == QKeySequence("Ctrl+Shift+P")


@needs_pdftotext
def test_strg_p_prints_the_list_as_filtered(qtbot, window: MainWindow, printed) -> None:
    everyone = [r.nr for r in window.list_view.visible_records()]
    window.list_view.set_filter(ListFilter(text=everyone[0]))
    shown = [r.nr for r in window.list_view.visible_records()]
    assert 0 < len(shown) < len(everyone)
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed
    assert printed[0][0] == "Druckvorschau – Maßnahmenliste"
    pages = pdf_pages(printed[0][1])
    assert len(pages) == 1
    text = pages[0]
    assert "Maßnahmenliste" in text
    assert f"Suche „{everyone[0]}“" in text
    assert "Seite 1 von 1" in text
    assert all(nr in text for nr in shown)
    assert not any(nr in text.split() for nr in set(everyone) - set(shown))
    assert "Gesamtkosten" in text
    assert " €" in text


@needs_pdftotext
def test_the_zeitplan_prints_over_its_pages(qtbot, window: MainWindow, printed) -> None:
    window.show_view(1)
    qtbot.waitUntil(lambda: bool(window.timeline.records()), timeout=10_000)
    window.print_actions.print_shown.trigger()
    title, path = printed[0]
    assert title == "Druckvorschau – Zeitplan"
    pages = pdf_pages(path)
    assert len(pages) >= 1
    assert "Zeitplan der Maßnahmen" in pages[0]
    assert f"Seite 1 von {len(pages)}" in pages[0]
    first = window.timeline.records()[0]
    assert any(first.nr in page for page in pages)


@needs_pdftotext
def test_the_steckbrief_of_the_selected_measure_prints(qtbot, window: MainWindow, printed) -> None:
    nr = window.list_view.visible_records()[0].nr
    select(qtbot, window, nr)
    assert window.print_actions.print_steckbrief.isEnabled()
    qtbot.keyClick(
        window.list_view.table,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    title, path = printed[0]
    assert title == f"Druckvorschau – Steckbrief {nr}"
    text = "\n".join(pdf_pages(path))
    record = window.detail.current_record()
    assert record is not None
    assert f"{nr} – " in text
    assert record.titel.split()[0] in text
    assert "Steckbrief – Stand" in text
    assert "Finanzierung" in text
    assert "Seite 1 von" in text


@needs_pdftotext
def test_the_uebersicht_prints_its_cards(qtbot, window: MainWindow, printed) -> None:
    window.show_view(2)
    qtbot.waitUntil(lambda: window.workspace.overview.figures is not None, timeout=10_000)
    window.print_actions.print_shown.trigger()
    text = "\n".join(pdf_pages(printed[0][1]))
    assert "Übersicht – Stand" in text
    assert "Kosten und Förderung nach Innovationsfeld" in text
    assert "Maßnahmen nach Ampel" in text
    assert "Summe" in text


def test_without_a_measure_the_steckbrief_is_explained(window: MainWindow, printed, told) -> None:
    action = window.print_actions.print_steckbrief
    assert window.list_view.current_nr() is None
    assert not action.isEnabled()
    action.setEnabled(True)  # a measure was selected, but the detail shows none (yet)
    window.detail.clear()
    action.trigger()
    assert not printed
    assert told
    assert "Maßnahme aus" in told[0]


def _rows(count: int) -> ListPrintout:
    headers = ["Nr.", "Maßnahme", "Beginn", "Gesamtkosten"]
    return ListPrintout(
        "Maßnahmenliste",
        f"{count} Maßnahmen",
        date(2025, 12, 31),
        headers,
        [100, 200, 80, 110],
        [False, False, False, True],
        count,
        lambda row: ([f"M-{row:05d}", f"Maßnahme {row}", "01.01.2025", "1.234,56 €"], False),
    )


@needs_pdftotext
def test_ten_thousand_rows_print_with_the_header_on_every_page(tmp_path: Path, qapp) -> None:
    printout = Printout("Liste", Landscape, lambda p: 0)
    printer = new_printer(printout)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "liste.pdf"))
    count = paint_list(printer, _rows(10_000), range(2, 4))  # pages 2 and 3 of all
    pages = pdf_pages(tmp_path / "liste.pdf")
    assert len(pages) == 2
    assert count > 100
    for number, page in zip((2, 3), pages, strict=True):
        assert "Nr." in page
        assert "Gesamtkosten" in page
        assert f"Seite {number} von {count}" in page
        assert "01.01.2025" in page
        assert "1.234,56 €" in page
    per_page = 10_000 // count + 1
    assert f"M-{per_page:05d}" in pages[0] or f"M-{per_page - 1:05d}" in pages[0]


@needs_pdftotext
def test_the_uebersicht_saves_as_pdf_and_workbook(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    window.show_view(2)
    overview = window.workspace.overview
    qtbot.waitUntil(overview.xlsx_button.isEnabled, timeout=10_000)
    for name, button in (("übersicht", overview.pdf_button), ("übersicht.xlsx", overview.xlsx_button)):
        chosen = (str(tmp_path / name), "")
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, chosen=chosen: chosen)
        count = len(told)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda count=count: len(told) > count, timeout=20_000)
    pdf, xlsx = tmp_path / "übersicht.pdf", tmp_path / "übersicht.xlsx"
    assert told == [f"Die Übersicht wurde gespeichert:\n{pdf}", f"Die Übersicht wurde gespeichert:\n{xlsx}"]
    assert "Kosten und Förderung nach Innovationsfeld" in "\n".join(pdf_pages(pdf))
    rows = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_name("Übersicht").to_python()
    cells = [str(c) for row in rows for c in row]
    assert any(c.startswith("Übersicht – ") for c in cells)
    assert "Kosten und Förderung nach Innovationsfeld" in cells
    assert "Summe" in cells
    sums = next(row for row in rows if row[0] == "Summe")
    assert isinstance(sums[2], float)
    assert sums[2] > 0
