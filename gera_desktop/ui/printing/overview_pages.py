"""The Übersicht on paper and as PDF: its cards (``services.overview_sections``) as headings and tables,
laid out and painted as the Sachstandsbericht's pages are (``ui.report``), with the Programmbüro, "Übersicht
– Stand …" and "Seite n von m" on every page. The PDF is written atomically: the old file or the new one.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPagedPaintDevice

from gera_desktop.domain.formatting import format_count, format_date, format_euro, format_number
from gera_desktop.excel.writing import atomic_target
from gera_desktop.services.overview import OverviewFigures
from gera_desktop.services.overview_sections import (
    Section,
    Share,
    Value,
    left_out_note,
    overview_sections,
    overview_title,
)
from gera_desktop.ui.report.blocks import Align, Block, Column, Heading, PageBreak, Paragraph, Style, Table
from gera_desktop.ui.report.layout import lay_out
from gera_desktop.ui.report.metrics import Metrics
from gera_desktop.ui.report.painting import Letterhead, add_letterhead, paint_pages
from gera_desktop.ui.report.writer import pdf_writer

TITLE = "Übersicht"
NONE = "Keine."
WIDE_HEADERS = {"Maßnahme": 3.0, "Meilenstein": 3.0, "Frist": 4.0, "Innovationsfeld": 3.0}


def overview_blocks(figures: OverviewFigures) -> list[Block]:
    """The Übersicht's title, its note on the measures left out and one table per card."""
    blocks: list[Block] = [PageBreak(), Heading(overview_title(figures), Style.TITLE)]
    note = left_out_note(figures)
    if note:
        blocks.append(Paragraph(note, Style.SMALL))
    for section in overview_sections(figures):
        blocks += _section_blocks(section)
    return blocks


def _section_blocks(section: Section) -> list[Block]:
    blocks: list[Block] = [Heading(section.title)]
    if not section.rows:
        blocks.append(Paragraph(NONE))
    else:
        columns = [_column(index, header, section) for index, header in enumerate(section.headers)]
        rows = [[value_text(v) for v in row] for row in section.rows]
        total = [value_text(v) for v in section.total] if section.total is not None else None
        blocks.append(Table(columns, rows, total))
    if section.note:
        blocks.append(Paragraph(section.note, Style.SMALL))
    return blocks


def _column(index: int, header: str, section: Section) -> Column:
    numeric = any(isinstance(row[index], int | Decimal) for row in section.rows)
    share = WIDE_HEADERS.get(header, 1.4 if numeric or index else 2.4)
    return Column(header, share, Align.RIGHT if numeric else Align.LEFT)


def value_text(value: Value) -> str:
    """A value in German: ``1.234,56 €``, ``51,0 %``, ``1.250``, ``31.12.2025``."""
    if value is None:
        return ""
    if isinstance(value, Share):
        return f"{format_number(value * 100, 1)} %"
    if isinstance(value, Decimal):
        return format_euro(value)
    if isinstance(value, int):
        return format_count(value)
    if isinstance(value, date):
        return format_date(value)
    return value


def paint_overview(device: QPagedPaintDevice, figures: OverviewFigures, programme: str) -> int:
    """Paint the Übersicht on ``device`` (its page size and orientation as set); the page count."""
    metrics = Metrics(device)
    pages = lay_out(overview_blocks(figures), metrics)
    add_letterhead(pages, metrics, Letterhead(programme, figures.today, TITLE))
    paint_pages(device, pages, metrics, what="Die Übersicht")
    return len(pages)


def write_overview_pdf(path: str | os.PathLike[str], figures: OverviewFigures, programme: str) -> int:
    """Write the Übersicht as PDF (A4 portrait) to ``path``, atomically; the page count."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = pdf_writer(buffer, f"Übersicht {format_date(figures.today)}")
    count = paint_overview(writer, figures, programme)
    with atomic_target(path) as temp:
        Path(temp).write_bytes(bytes(buffer.data().data()))
    return count
