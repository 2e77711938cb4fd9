"""Fixture workbooks for the reader tests, built in tmp_path: openpyxl files, raw XML, and hostile files."""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import xlsxwriter
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

TITLE_BLOCK: list[list[object]] = [
    ["Stadt Gera – Smart City Modellprojekt"],
    ["Maßnahmenliste"],
    ["Stand: 30.06.2024"],
    [],
]
"""Rows 1–4 as the city writes them; the header follows in row 5, data from row 6."""

MEASURE: dict[str, object] = {
    "Maßnahmen-Nr.": "T-01",
    "Maßnahme": "Testmaßnahme",
    "Innovationsfeld": "Energie",
    "Federführung": "Umweltamt",
    "Beginn": date(2024, 1, 1),
    "Ende": date(2025, 12, 31),
    "Umsetzungsstand": "geplant",
    "Gesamtkosten (€)": 100_000,
}
"""A measure that breaks no rule, keyed by header."""


def measure(nr: str | None = "T-01", /, **by_header: object) -> dict[str, object]:
    """A valid measure with a number and changed cells (pass headers with spaces via ``**{...}``)."""
    return {**MEASURE, "Maßnahmen-Nr.": nr, **by_header}


def table(*records: dict[str, object]) -> list[list[object]]:
    """A header row (every header the records use, in first-seen order) and one row per record."""
    headers: list[str] = []
    for record in records:
        headers += [h for h in record if h not in headers]
    return [list(headers), *([record.get(h) for h in headers] for record in records)]


@dataclass
class Sheet:
    """One sheet to write: rows from A1, number formats and merged ranges by cell, hidden rows and columns
    (a column range such as ``"J:L"`` is written as one ``<col>`` element)."""

    title: str
    rows: list[list[object]]
    formats: dict[str, str] = field(default_factory=dict)
    merged: list[str] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[str] = field(default_factory=list)


def save(path: Path, *sheets: Sheet, date1904: bool = False) -> Path:
    """Write the sheets with openpyxl (normal mode, so every sheet has its dimension)."""
    wb = Workbook()
    wb.remove(wb.active)
    if date1904:
        wb.epoch = CALENDAR_MAC_1904
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title)
        for row in sheet.rows:
            ws.append(row)
        for ref, number_format in sheet.formats.items():
            ws[ref].number_format = number_format
        for cells in sheet.merged:
            ws.merge_cells(cells)
        for number in sheet.hidden_rows:
            ws.row_dimensions[number].hidden = True
        for columns in sheet.hidden_columns:
            first, _, last = columns.partition(":")
            ws.column_dimensions.group(first, last or first, hidden=True)
    wb.save(path)
    return path


def excel_like(path: Path, *sheets: Sheet) -> Path:
    """Write the sheets with XlsxWriter, which stores text as Excel does: shared strings, a CR as
    ``_x000D_``, other control characters as ``_xHHHH_`` and a literal ``_x0041_`` as ``_x005F_x0041_``."""
    book = xlsxwriter.Workbook(path, {"default_date_format": "dd.mm.yyyy", "strings_to_formulas": False})
    for sheet in sheets:
        page = book.add_worksheet(sheet.title)
        for number, row in enumerate(sheet.rows):
            page.write_row(number, 0, row)
    book.close()
    return path


def measures_file(path: Path, *records: dict[str, object], **options: object) -> Path:
    """A one-sheet list "Maßnahmen" with the title block, header in row 5 and data from row 6."""
    sheet = Sheet("Maßnahmen", [*TITLE_BLOCK, *table(*records)], **options)  # type: ignore[arg-type]
    return save(path, sheet)


def replace_in_member(path: Path, member: str, pattern: str, replacement: str) -> Path:
    """Rewrite one zip member with a regular-expression substitution (must match at least once)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    text, count = re.subn(pattern, replacement, parts[member].decode("utf-8"))
    assert count, f"{pattern!r} not found in {member}"
    parts[member] = text.encode("utf-8")
    return write_zip(path, parts)


def write_zip(path: Path, parts: Mapping[str, bytes | str]) -> Path:
    """A zip archive with these members (deflated)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


# --- a workbook written from raw XML parts -------------------------------------------------------------

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0&quot; %&quot;"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
"""Cell styles: 0 general, 1 date (numFmt 14), 2 percent (numFmt 9), 3 a literal ' %' (not a percentage)."""
DATE_STYLE, PERCENT_STYLE, LITERAL_PERCENT_STYLE = 1, 2, 3


def raw_workbook(
    path: Path,
    sheet_data: str,
    *,
    strings: tuple[str, ...] = (),
    date1904: bool = False,
    dimension: str | None = None,
    sheet_name: str = "Maßnahmen",
    prefixed: bool = False,
) -> Path:
    """A minimal .xlsx around hand-written ``<sheetData>`` content (rows of ``<c>`` elements).

    ``strings`` become the shared strings (plain text, or the inner XML of ``<si>`` if it starts with
    ``<``); ``prefixed`` writes the sheet with an ``x:`` namespace prefix, as the OpenXML SDK does.
    """
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    workbook_pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    items = "".join(f"<si>{s}</si>" if s.startswith("<") else f"<si><t>{s}</t></si>" for s in strings)
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _relationships(("officeDocument", "xl/workbook.xml")),
        "xl/workbook.xml": (
            f'<workbook xmlns="{NS}" xmlns:r="{REL_NS}">{workbook_pr}'
            f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": _relationships(
            ("worksheet", "worksheets/sheet1.xml"),
            ("styles", "styles.xml"),
            ("sharedStrings", "sharedStrings.xml"),
        ),
        "xl/worksheets/sheet1.xml": _sheet_xml(f"{dim}<sheetData>{sheet_data}</sheetData>", prefixed),
        "xl/styles.xml": STYLES,
        "xl/sharedStrings.xml": f'<sst xmlns="{NS}" count="{len(strings)}">{items}</sst>',
    }
    return write_zip(path, parts)


def _sheet_xml(content: str, prefixed: bool) -> str:
    sheet = f'<worksheet xmlns="{NS}">{content}</worksheet>'
    if prefixed:
        sheet = re.sub(r"<(/?)(\w+)", r"<\1x:\2", sheet).replace(' xmlns="', ' xmlns:x="', 1)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{sheet}'


def _relationships(*targets: tuple[str, str]) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_NS}/{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(targets, start=1)
    )
    return f'<Relationships xmlns="{PKG_NS}">{rels}</Relationships>'


def _content_types() -> str:
    office = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = {
        "/xl/workbook.xml": f"{office}.sheet.main+xml",
        "/xl/worksheets/sheet1.xml": f"{office}.worksheet+xml",
        "/xl/styles.xml": f"{office}.styles+xml",
        "/xl/sharedStrings.xml": f"{office}.sharedStrings+xml",
    }
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides.items())
        + "</Types>"
    )


def inline(ref: str, text: str) -> str:
    """An inline-string cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def number(ref: str, value: object, style: int = 0) -> str:
    """A number cell, optionally styled (``DATE_STYLE``, ``PERCENT_STYLE``…)."""
    return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'


def header_and_measure(extra_headers: dict[str, str] | None = None, **cells: str) -> str:
    """Row 1: the headers of ``MEASURE`` (A–H) and ``extra_headers`` by column letter; row 2: its values.

    Values are inline strings; ``cells`` maps a column letter to the raw ``<c>`` XML of row 2 for that
    column, replacing or adding a cell (e.g. ``H=number("H2", 5)``).
    """
    heads = dict(zip("ABCDEFGH", MEASURE, strict=True))
    heads.update(extra_headers or {})
    texts = ["T-01", "Testmaßnahme", "Energie", "Umweltamt", "01.01.2024", "31.12.2025", "geplant", "100000"]
    values = {letter: inline(f"{letter}2", text) for letter, text in zip("ABCDEFGH", texts, strict=True)}
    values.update(cells)
    header_row = "".join(inline(f"{letter}1", header) for letter, header in sorted(heads.items()))
    return f'<row r="1">{header_row}</row><row r="2">{"".join(v for _, v in sorted(values.items()))}</row>'


# --- hostile and foreign files -------------------------------------------------------------------------


def zeros_member(archive: zipfile.ZipFile, name: str, size: int) -> None:
    """Add a member of ``size`` zero bytes, compressed in chunks (a real zip bomb, built in milliseconds)."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as stream:
        chunk = b"\0" * (1 << 20)
        for _ in range(size // len(chunk)):
            stream.write(chunk)


def ole_file(path: Path, *streams: str) -> Path:
    """A minimal OLE2 compound file whose directory names these (empty) streams.

    An encrypted .xlsx is such a file with ``EncryptionInfo`` and ``EncryptedPackage``; an old .xls has
    ``Workbook``. Sector 0 holds the FAT, sector 1 the directory (512-byte sectors).
    """
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)
    struct.pack_into("<H", header, 0x20, 6)
    struct.pack_into("<IIIII", header, 0x2C, 1, 1, 0, 4096, end)
    struct.pack_into("<III", header, 0x40, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))
    names = ["Root Entry", *streams]
    assert len(names) <= 4, "one directory sector holds four entries"
    directory = b"".join(_dir_entry(name, 5 if i == 0 else 2) for i, name in enumerate(names))
    directory += b"\0" * (512 - len(directory))
    path.write_bytes(bytes(header) + fat + directory)
    return path


def _dir_entry(name: str, kind: int) -> bytes:
    entry = bytearray(128)
    encoded = name.encode("utf-16-le") + b"\0\0"
    entry[0 : len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    struct.pack_into("<I", entry, 116, 0xFFFFFFFE)
    return bytes(entry)


def ods_file(path: Path) -> Path:
    """A (minimal) OpenDocument spreadsheet: its first member is the mimetype, stored."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return path


LAUGHS_DOCTYPE = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + "]>"
)
"""The classic entity bomb: nine levels of ten references expand to a thousand million "lol" (``&lol9;``)."""
BILLION_LAUGHS = '<?xml version="1.0"?>\n' + LAUGHS_DOCTYPE
