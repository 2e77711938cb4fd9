"""Qt's print preview for one printout: a printer set to A4 in the printout's orientation, the pages
painted whenever the preview (or, once the user prints, the printer) asks for them, and a German message
when they cannot be."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QWidget

from gera_desktop.config import APP_TITLE
from gera_desktop.domain.errors import GeraError

Portrait, Landscape = QPageLayout.Orientation.Portrait, QPageLayout.Orientation.Landscape


@dataclass(frozen=True)
class Printout:
    """Something to print: its name (preview title, print job), its paper and how it paints a printer."""

    name: str
    orientation: QPageLayout.Orientation
    paint: Callable[[QPrinter], int]


def new_printer(printout: Printout) -> QPrinter:
    """A printer set to A4 in the printout's orientation (the pages keep their own margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), printout.orientation, QMarginsF()))
    printer.setDocName(printout.name)
    printer.setCreator(APP_TITLE)
    return printer


def show_preview(parent: QWidget, printout: Printout) -> None:
    """The print preview of ``printout``; its pages are painted whenever the preview asks for them."""
    printer = new_printer(printout)  # the dialog does not own it: kept alive here while it is shown
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Druckvorschau – {printout.name}")
    dialog.paintRequested.connect(lambda printer: paint_or_tell(parent, printout, printer))
    dialog.exec()
    dialog.deleteLater()


def paint_or_tell(parent: QWidget, printout: Printout, printer: QPrinter) -> int:
    """Paint ``printout`` on ``printer``; a German message when it cannot be (0 pages then)."""
    try:
        return printout.paint(printer)
    except GeraError as error:
        QMessageBox.warning(parent, APP_TITLE, error.message)
        return 0


def chosen_pages(printer: QPrinter) -> range | None:
    """The pages the user chose in the print dialog (``None``: all)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        return range(printer.fromPage(), max(printer.toPage(), printer.fromPage()) + 1)
    return None
