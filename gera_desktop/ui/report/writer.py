"""The Sachstandsbericht as a PDF, written with Qt's own PDF writer: the summary page, then one Steckbrief
per measure (more pages where one needs them), A4 portrait, German, no text below 9 pt.

The PDF is made in memory and written to a temporary file next to the target, which then replaces the
target in one step (``excel.writing.atomic_target``): a stopped or failed report leaves no half file,
and a full disk or a folder without write rights becomes a German message. ``paint_steckbrief`` paints
one measure's Steckbrief on any paged device (a printer of the print preview).
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPagedPaintDevice, QPdfWriter

from gera_desktop.domain.oplog import logged_operation
from gera_desktop.domain.progress import Cancelled, Checkpoints, Progress
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.excel.writing import atomic_target
from gera_desktop.services.bericht_data import ReportData
from gera_desktop.services.core_bericht import CANCELLED
from gera_desktop.ui.report.blocks import Block
from gera_desktop.ui.report.layout import Page, lay_out
from gera_desktop.ui.report.metrics import Metrics
from gera_desktop.ui.report.painting import Letterhead, a4_portrait, add_letterhead, paint_pages
from gera_desktop.ui.report.steckbrief import steckbrief_blocks
from gera_desktop.ui.report.summary import summary_blocks

RESOLUTION = 300
"""Device units per inch of the PDF."""


def report_blocks(data: ReportData) -> list[Block]:
    """The summary's blocks, then every measure's Steckbrief."""
    rate = data.settings.foerderquote
    blocks = summary_blocks(data)
    for record in data.records:
        blocks += steckbrief_blocks(record, rate, data.stand)
    return blocks


def report_pages(data: ReportData, metrics: Metrics, checkpoints: Checkpoints | None = None) -> list[Page]:
    """The report laid out on the device of ``metrics``, with header and footer on every page."""
    each = checkpoints.advance if checkpoints is not None else None
    pages = lay_out(report_blocks(data), metrics, each)
    add_letterhead(pages, metrics, Letterhead(data.settings.programmbuero, data.stand))
    return pages


def pdf_writer(target: QIODevice | str, title: str) -> QPdfWriter:
    """A PDF writer for A4 portrait at ``RESOLUTION``."""
    writer = QPdfWriter(target)
    writer.setResolution(RESOLUTION)
    a4_portrait(writer)
    writer.setTitle(title)
    writer.setCreator("gera-desktop")
    return writer


def write_report(
    path: str | os.PathLike[str],
    data: ReportData,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Write the Sachstandsbericht of ``data`` to ``path``; returns the number of pages.

    ``ExportError`` when the file cannot be written (an old file stays), ``WorkCancelled`` once
    ``cancelled()`` is true (no file is written)."""
    counts = {"Maßnahme|Maßnahmen": len(data.records)}
    with logged_operation("Sachstandsbericht", datei=path, counts=counts) as operation:
        checkpoints = Checkpoints(progress, cancelled, message=CANCELLED)
        steps = len(data.records) + 1
        checkpoints.plan(2 * steps)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = pdf_writer(buffer, f"Sachstandsbericht {data.stand:%d.%m.%Y}")
        metrics = Metrics(writer)
        pages = report_pages(data, metrics, checkpoints)
        checkpoints.advance_to(steps)
        paint_pages(writer, pages, metrics, lambda n: checkpoints.advance_to(steps + n * steps // len(pages)))
        with atomic_target(path, checkpoints) as temp:
            Path(temp).write_bytes(bytes(buffer.data().data()))
        operation.counts["Seite|Seiten"] = len(pages)
    return len(pages)


def paint_steckbrief(
    device: QPagedPaintDevice, record: MassnahmeData, programme_rate: Decimal, letterhead: Letterhead
) -> int:
    """Paint one measure's Steckbrief (A4 portrait, pages as it needs) on ``device``; the page count."""
    a4_portrait(device)
    metrics = Metrics(device)
    pages = lay_out(steckbrief_blocks(record, programme_rate, letterhead.stand), metrics)
    add_letterhead(pages, metrics, letterhead)
    paint_pages(device, pages, metrics, what="Der Steckbrief")
    return len(pages)
