"""Flowing the report's blocks onto A4 pages of a paint device: every text wrapped to its width, measured
with the device's fonts, placed line by line, so that nothing is cut off – a text or table that does not
fit continues on the next page (a table with its header again).

The result is plain data (``Page`` with ``Text`` and ``Shape`` items in device units), so that the
painting is simple and tests can read what stands where and in which size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from gera_desktop.ui.report.blocks import (
    Align,
    Block,
    Column,
    Fields,
    Heading,
    PageBreak,
    Paragraph,
    Style,
    Table,
)
from gera_desktop.ui.report.metrics import Metrics

MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 50.0, 36.0, 32.0
HEADER_HEIGHT, FOOTER_HEIGHT = 34.0, 22.0
LABEL_WIDTH = 140.0
FIELD_PAD = 1.0
DOT = 7.0
CELL_PAD = 2.0
GAP = 5.0
KEEP_LINES = 4
"""A row of at most this many lines is never split: it moves to the next page whole."""
HEADER_FILL, RULE = "#e9ecef", "#adb5bd"


class Shape(Enum):
    """What a ``Mark`` draws."""

    RULE = "rule"
    FILL = "fill"
    DOT = "dot"


@dataclass(frozen=True)
class Text:
    """One line of text in its box (device units)."""

    x: float
    y: float
    width: float
    height: float
    text: str
    style: Style
    align: Align = Align.LEFT


@dataclass(frozen=True)
class Mark:
    """A line, a filled box or a coloured dot (device units)."""

    x: float
    y: float
    width: float
    height: float
    shape: Shape
    colour: str


Item = Text | Mark


@dataclass
class Page:
    """What stands on one page, besides its header and footer."""

    items: list[Item] = field(default_factory=list)

    def texts(self) -> list[str]:
        """The page's lines of text, top to bottom."""
        return [item.text for item in self.items if isinstance(item, Text)]


@dataclass(frozen=True)
class Cell:
    """A cell of a row: where it stands across, its lines, their style and alignment."""

    x: float
    width: float
    lines: list[str]
    style: Style
    align: Align = Align.LEFT
    dot: str = ""


@dataclass(frozen=True)
class Row:
    """A row of cells side by side, optionally on a filled background, with a rule below."""

    cells: list[Cell]
    fill: str = ""
    rule: bool = True
    pad: float = CELL_PAD
    """Space above and below the lines and beside each cell's text, in points."""

    @property
    def count(self) -> int:
        """How many lines the row has."""
        return max((len(cell.lines) for cell in self.cells), default=1)

    def part(self, start: int, end: int) -> Row:
        """The row's lines ``start`` to ``end`` (when it is split over two pages)."""
        return Row([_cell_part(cell, start, end) for cell in self.cells], self.fill, self.rule, self.pad)


def _cell_part(cell: Cell, start: int, end: int) -> Cell:
    return Cell(
        cell.x, cell.width, cell.lines[start:end], cell.style, cell.align, cell.dot if start == 0 else ""
    )


class Flow:
    """Places blocks one below the other, page after page."""

    def __init__(self, metrics: Metrics) -> None:
        self.m = metrics
        self.left = metrics.pt(MARGIN_SIDE)
        self.width = metrics.device.width() - 2 * self.left
        self.top = metrics.pt(MARGIN_TOP + HEADER_HEIGHT)
        self.bottom = metrics.device.height() - metrics.pt(MARGIN_BOTTOM + FOOTER_HEIGHT)
        self.pages: list[Page] = []
        self.y = self.top
        self._title = ""
        self._repeat: Row | None = None

    # --- pages ------------------------------------------------------------------------------------------

    def new_page(self) -> None:
        """Start a page; a continued Steckbrief names itself, a continued table repeats its header."""
        self.pages.append(Page())
        self.y = self.top
        if self._title and len(self.pages) > 1:
            self._text_line(f"{self._title} (Fortsetzung)", Style.STRONG)
            self.y += self.m.pt(GAP)
        if self._repeat is not None:
            self._place(self._repeat)

    def start(self, title: str) -> None:
        """What follows starts on a new page; ``title`` heads the pages it continues on."""
        self._title = ""
        self.new_page()
        self._title = title

    @property
    def at_top(self) -> bool:
        """True while nothing stands on the current page below its continuation title."""
        return not self.pages or not self.pages[-1].items

    def room(self) -> float:
        """The height left on the current page."""
        return self.bottom - self.y

    # --- blocks -----------------------------------------------------------------------------------------

    def add(self, block: Block) -> None:
        """Place one block."""
        if isinstance(block, PageBreak):
            self.start(block.title)
        elif isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, Paragraph):
            self._rows([self._text_row(block.text, block.style)])
            self.y += self.m.pt(GAP)
        elif isinstance(block, Fields):
            self._rows(
                [self._field_row(i, label, value, block) for i, (label, value) in enumerate(block.rows)]
            )
            self.y += self.m.pt(GAP)
        else:
            self._table(block)

    def _heading(self, block: Heading) -> None:
        lines = self.m.wrap(block.text, block.style, self.width)
        needed = len(lines) * self.m.line(block.style) + 2 * self.m.line(Style.BODY)
        if not self.at_top and self.room() < needed + self.m.pt(GAP):
            self.new_page()
        if not self.at_top:
            self.y += self.m.pt(GAP)
        for line in lines:
            self._text_line(line, block.style)
        self.y += self.m.pt(GAP / 2)

    def _table(self, block: Table) -> None:
        header = self._table_row(block.columns, [c.header for c in block.columns], Style.STRONG, HEADER_FILL)
        body = [self._table_row(block.columns, cells, Style.BODY) for cells in block.rows]
        if block.total is not None:
            body.append(self._table_row(block.columns, block.total, Style.STRONG))
        first = body[0].count if body else 0
        if self.room() < self._height(header) + self.m.line(Style.BODY) * min(first, KEEP_LINES):
            self.new_page()
        self._place(header)
        self._repeat = header
        try:
            self._rows(body)
        finally:
            self._repeat = None
        self.y += self.m.pt(GAP)

    # --- rows -------------------------------------------------------------------------------------------

    def _text_row(self, text: str, style: Style) -> Row:
        return Row(
            [Cell(self.left, self.width, self.m.wrap(text, style, self.width), style)], rule=False, pad=0
        )

    def _field_row(self, index: int, label: str, value: str, block: Fields) -> Row:
        label_width = self.m.pt(LABEL_WIDTH)
        dot = block.marks.get(index, "")
        indent = self.m.pt(DOT + 4) if dot else 0.0
        x, width = self.left + label_width + indent, self.width - label_width - indent
        return Row(
            [
                Cell(
                    self.left,
                    label_width,
                    self.m.wrap(label, Style.STRONG, label_width - self.m.pt(4)),
                    Style.STRONG,
                ),
                Cell(x, width, self.m.wrap(value or "–", Style.BODY, width), Style.BODY, dot=dot),
            ],
            rule=False,
            pad=FIELD_PAD,
        )

    def _table_row(
        self, columns: Sequence[Column], texts: Sequence[str], style: Style, fill: str = ""
    ) -> Row:
        total = sum(c.share for c in columns)
        cells, x = [], self.left
        for column, text in zip(columns, texts, strict=True):
            width = self.width * column.share / total
            inner = width - 2 * self.m.pt(CELL_PAD)
            cells.append(Cell(x, width, self.m.wrap(text, style, inner), style, column.align))
            x += width
        return Row(cells, fill)

    def _height(self, row: Row) -> float:
        style = row.cells[0].style
        return row.count * self.m.line(style) + 2 * self.m.pt(row.pad)

    def _rows(self, rows: Sequence[Row]) -> None:
        for row in rows:
            self._row(row)

    def _row(self, row: Row) -> None:
        """Place a row whole; a short one that does not fit goes to the next page, a long one is split."""
        if not self.pages:
            self.new_page()
        if self._height(row) <= self.room():
            self._place(row)
            return
        if row.count <= KEEP_LINES and not self.at_top:
            self.new_page()
            self._row(row)
            return
        pad = 2 * self.m.pt(row.pad)
        fit = max(int((self.room() - pad) // self.m.line(row.cells[0].style)), 0 if not self.at_top else 1)
        if fit:
            self._place(row.part(0, fit))
        self.new_page()
        self._row(row.part(fit, row.count))

    def _place(self, row: Row) -> None:
        page = self.pages[-1]
        height = self._height(row)
        if row.fill:
            page.items.append(Mark(self.left, self.y, self.width, height, Shape.FILL, row.fill))
        pad = self.m.pt(row.pad)
        for cell in row.cells:
            self._place_cell(page, cell, self.y + pad, pad)
        self.y += height
        if row.rule:
            page.items.append(Mark(self.left, self.y, self.width, 0.0, Shape.RULE, RULE))

    def _place_cell(self, page: Page, cell: Cell, y: float, pad: float) -> None:
        line = self.m.line(cell.style)
        if cell.dot:
            size = self.m.pt(DOT)
            dot_x = cell.x - self.m.pt(DOT + 4)
            page.items.append(Mark(dot_x, y + (line - size) / 2, size, size, Shape.DOT, cell.dot))
        for index, text in enumerate(cell.lines):
            x, width = cell.x + pad, cell.width - 2 * pad
            page.items.append(Text(x, y + index * line, width, line, text, cell.style, cell.align))

    def _text_line(self, text: str, style: Style) -> None:
        line = self.m.line(style)
        self.pages[-1].items.append(Text(self.left, self.y, self.width, line, text, style))
        self.y += line


def lay_out(blocks: Sequence[Block], metrics: Metrics, each: Callable[[], None] | None = None) -> list[Page]:
    """The pages the blocks fill; ``each()`` after every page break (a new measure: progress, cancel)."""
    flow = Flow(metrics)
    for block in blocks:
        if isinstance(block, PageBreak) and each is not None:
            each()
        flow.add(block)
    return flow.pages
