"""What a page of the Sachstandsbericht says, before it is laid out: headings, paragraphs, label–value
fields and tables (plain data; ``layout`` flows them onto pages, ``painting`` paints them).

Text styles carry their size in points; none is below 9 pt (issue 13).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Style(Enum):
    """A text style: its size in points and whether it is bold."""

    TITLE = (15.0, True)
    HEADING = (11.0, True)
    BODY = (9.0, False)
    STRONG = (9.0, True)
    SMALL = (9.0, False)

    @property
    def points(self) -> float:
        """The size in points."""
        return self.value[0]

    @property
    def bold(self) -> bool:
        """True for a bold style."""
        return self.value[1]


MIN_POINTS = 9.0
"""No text of the report is smaller (issue 13)."""


class Align(Enum):
    """Where a text sits in its cell."""

    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Heading:
    """A heading; kept on one page with the start of what follows it."""

    text: str
    style: Style = Style.HEADING


@dataclass(frozen=True)
class Paragraph:
    """Running text, wrapped; it continues on the next page when it does not fit."""

    text: str
    style: Style = Style.BODY


@dataclass(frozen=True)
class Fields:
    """Label–value rows (a measure's data); a long value wraps and may continue on the next page.
    ``marks`` colour the dot before a value (the Ampel), by row index."""

    rows: list[tuple[str, str]]
    marks: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    """A table column: its header, its share of the width and where its texts sit."""

    header: str
    share: float
    align: Align = Align.LEFT


@dataclass(frozen=True)
class Table:
    """A table with a header row (repeated on a next page); a ``total`` row closes it in bold."""

    columns: list[Column]
    rows: list[list[str]]
    total: list[str] | None = None


@dataclass(frozen=True)
class PageBreak:
    """What follows starts on a new page; ``title`` heads the pages it continues on (a Steckbrief)."""

    title: str = ""


Block = Heading | Paragraph | Fields | Table | PageBreak
