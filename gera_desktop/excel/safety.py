"""Checks of a workbook file before any XML parser sees it (spec section 6).

Only ``.xlsx`` and ``.xlsm`` are read. Everything else, and anything built to exhaust memory, is refused
here with a German message that says what to do. Only the first bytes, the zip directory and (for old
Office files) the compound-file directory are read, so a hostile file costs milliseconds.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from gera_desktop.excel.errors import (
    DamagedFileError,
    MissingFileError,
    UnsafeFileError,
    UnsupportedFileError,
)

ACCEPTED_SUFFIXES = (".xlsx", ".xlsm")
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_CHECK_FROM_BYTES = 5 * 1024 * 1024
MAX_MEMBERS = 5_000
MAX_PROLOG_BYTES = 4096

ZIP_BROKEN = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OverflowError, struct.error, OSError)
"""What ``zipfile`` raises for a damaged archive (mangled names, offsets, sizes, compressed data)."""

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")

SAVE_AS_XLSX = (
    "Bitte öffnen Sie die Datei in Excel oder LibreOffice und speichern Sie sie als "
    "Excel-Arbeitsmappe (.xlsx)."
)


def check_file(path: Path) -> None:
    """Refuse every file that is not a plain, harmless .xlsx/.xlsm workbook.

    Raises ``MissingFileError``, ``UnsupportedFileError``, ``UnsafeFileError`` or ``DamagedFileError``.
    """
    head = _read_head(path)
    if head.startswith(OLE_MAGIC):
        raise UnsupportedFileError(_ole_message(path))
    if not head.startswith(ZIP_MAGICS):
        raise UnsupportedFileError(_not_zip_message(path, head))
    _check_zip(path)
    if path.suffix.lower() not in ACCEPTED_SUFFIXES:
        raise UnsupportedFileError(
            f"„{path.name}“ hat die Endung „{path.suffix}“. Eingelesen werden nur Excel-Arbeitsmappen "
            "mit der Endung .xlsx oder .xlsm. Bitte speichern Sie die Datei als .xlsx."
        )


def _read_head(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(MAX_PROLOG_BYTES)
    except FileNotFoundError:
        raise MissingFileError(f"Die Datei „{path}“ wurde nicht gefunden.") from None
    except IsADirectoryError:
        raise MissingFileError(
            f"„{path}“ ist ein Ordner, keine Datei. Bitte wählen Sie eine .xlsx-Datei."
        ) from None
    except OSError as error:
        raise MissingFileError(
            f"Die Datei „{path}“ kann nicht gelesen werden ({error.strerror or error}). "
            "Ist sie in einem anderen Programm geöffnet oder fehlt die Berechtigung?"
        ) from None


def _not_zip_message(path: Path, head: bytes) -> str:
    known = _known_format(head)
    if known:
        return f"„{path.name}“ ist {known}"
    if path.suffix.lower() in TEXT_SUFFIXES or (head and b"\x00" not in head):
        return (
            f"„{path.name}“ ist eine Text- oder CSV-Datei, keine Excel-Arbeitsmappe. Bitte öffnen Sie sie "
            "in Excel (Daten › Aus Text/CSV) oder LibreOffice und speichern Sie sie als "
            "Excel-Arbeitsmappe (.xlsx)."
        )
    return f"„{path.name}“ ist keine Excel-Arbeitsmappe. {SAVE_AS_XLSX}"


def _known_format(head: bytes) -> str | None:
    """What a renamed file of another common kind is, with what to do (the rest of the sentence)."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:200].lower()
    if b"%PDF-" in head[:1024]:
        return (
            "ein PDF-Dokument, keine Excel-Arbeitsmappe. Aus einem PDF lässt sich die Tabelle nicht "
            "einlesen; bitte lassen Sie sich die Liste als Excel-Datei (.xlsx) schicken."
        )
    if start.startswith((b"<!doctype html", b"<html", b"<table")):
        return f"eine Webseite (HTML), keine Excel-Arbeitsmappe. {SAVE_AS_XLSX}"
    if start.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return f"eine XML-Tabelle im alten Format „XML-Kalkulationstabelle 2003“. {SAVE_AS_XLSX}"
    return None


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_members(path, members)
            _check_kind(path, archive, {m.filename for m in members})
            _check_prologs(path, archive, members)
    except ZIP_BROKEN:
        raise DamagedFileError(
            f"„{path.name}“ ist beschädigt (das Zip-Archiv der Arbeitsmappe ist unvollständig). "
            "Bitte lassen Sie sich die Datei erneut schicken oder speichern Sie sie in Excel neu."
        ) from None


def _check_members(path: Path, members: list[zipfile.ZipInfo]) -> None:
    refuse = (
        f"„{path.name}“ wird aus Sicherheitsgründen nicht eingelesen: "
        "sie würde entpackt {what}. Eine echte Maßnahmenliste ist viel kleiner. "
        "Falls die Datei aus Excel stammt: leere Zeilen und Spalten unterhalb und rechts der Tabelle löschen "
        "und die Datei neu speichern."
    )
    if len(members) > MAX_MEMBERS:
        raise UnsafeFileError(refuse.format(what=f"aus {len(members):,} Teilen bestehen".replace(",", ".")))
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise UnsafeFileError(refuse.format(what="mehr als 200 MB belegen"))
    for member in members:
        if member.file_size > RATIO_CHECK_FROM_BYTES and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise UnsafeFileError(
                refuse.format(what=f"auf mehr als das {MAX_RATIO}-Fache anwachsen (Zip-Bombe)")
            )


def _check_kind(path: Path, archive: zipfile.ZipFile, names: set[str]) -> None:
    if "mimetype" in names and archive.read("mimetype")[:100].startswith(ODS_MIMETYPE):
        raise UnsupportedFileError(
            f"„{path.name}“ ist eine OpenDocument-Tabelle (.ods). Bitte öffnen Sie sie in LibreOffice und "
            "speichern Sie sie über „Datei › Speichern unter…“ im Format „Excel 2007-365 (.xlsx)“."
        )
    if "xl/workbook.bin" in names:
        raise UnsupportedFileError(
            f"„{path.name}“ ist eine Excel-Binärarbeitsmappe (.xlsb). Bitte öffnen Sie sie in Excel und "
            "speichern Sie sie als Excel-Arbeitsmappe (.xlsx)."
        )
    if "xl/workbook.xml" not in names:
        raise UnsupportedFileError(f"„{path.name}“ ist keine Excel-Arbeitsmappe. {SAVE_AS_XLSX}")


XML_SUFFIXES = (".xml", ".rels", ".vml")
DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def _check_prologs(path: Path, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Refuse XML with a document type or entity declarations (the billion-laughs attack) early.

    Only each member's beginning is unpacked; declarations further in are refused by defusedxml.
    """
    for member in members:
        if not member.filename.lower().endswith(XML_SUFFIXES):
            continue
        if member.flag_bits & 0x1:
            raise UnsupportedFileError(
                f"„{path.name}“ ist ein verschlüsseltes Zip-Archiv. Bitte speichern Sie die Arbeitsmappe in "
                "Excel ohne Kennwort als .xlsx."
            )
        try:
            with archive.open(member) as stream:
                prolog = stream.read(MAX_PROLOG_BYTES)
        except NotImplementedError:
            raise UnsupportedFileError(
                f"„{path.name}“ ist mit einem unbekannten Verfahren gepackt. {SAVE_AS_XLSX}"
            ) from None
        if any(marker in prolog for marker in DECLARATIONS):
            raise UnsafeFileError(entity_message(path.name))


def entity_message(name: str) -> str:
    """The German refusal of XML with entity or document-type declarations."""
    return (
        f"„{name}“ wird aus Sicherheitsgründen nicht eingelesen: sie enthält XML-Deklarationen "
        "(DOCTYPE/ENTITY), wie sie Excel nie schreibt und wie sie für Angriffe benutzt werden. "
        "Bitte lassen Sie sich die Datei "
        "erneut schicken oder öffnen Sie sie in Excel und speichern Sie sie neu."
    )


def _ole_message(path: Path) -> str:
    streams = ole_stream_names(path)
    if streams & {"encryptioninfo", "encryptedpackage"}:
        return (
            f"„{path.name}“ ist mit einem Kennwort geschützt (verschlüsselt) und kann nicht gelesen werden. "
            "Bitte öffnen Sie die Datei in Excel, entfernen Sie das Kennwort unter „Datei › Informationen › "
            "Arbeitsmappe schützen › Mit Kennwort verschlüsseln“ und speichern Sie sie erneut."
        )
    if streams & {"workbook", "book"}:
        return f"„{path.name}“ ist im alten Excel-Format (.xls, Excel 97–2003). {SAVE_AS_XLSX}"
    return (
        f"„{path.name}“ ist im alten Office-Format (.xls) oder mit einem Kennwort verschlüsselt. "
        "Bitte öffnen Sie die Datei in Excel, entfernen Sie gegebenenfalls das Kennwort und "
        "speichern Sie sie als "
        "Excel-Arbeitsmappe (.xlsx)."
    )


# --- the directory of an OLE2 compound file ([MS-CFB]), enough to tell .xls from an encrypted .xlsx ---

END_OF_CHAIN = 0xFFFFFFFE
MAX_SECTOR_NUMBER = 0xFFFFFFFA
HEADER_BYTES = 512
DIR_ENTRY_BYTES = 128
MAX_DIRECTORY_SECTORS = 1_000


def ole_stream_names(path: Path) -> set[str]:
    """The lower-cased names in a compound file's directory; empty when it cannot be read."""
    try:
        with path.open("rb") as stream:
            return _directory_names(stream)
    except (OSError, struct.error, ValueError, IndexError):
        return set()


def _directory_names(stream: BinaryIO) -> set[str]:
    header = stream.read(HEADER_BYTES)
    sector_size = 1 << struct.unpack_from("<H", header, 0x1E)[0]
    if sector_size not in (512, 4096):
        return set()
    first_directory = struct.unpack_from("<I", header, 0x30)[0]
    fat_sectors = [s for s in struct.unpack_from("<109I", header, 0x4C) if s <= MAX_SECTOR_NUMBER]

    def sector(number: int) -> bytes:
        stream.seek((number + 1) * sector_size)
        return stream.read(sector_size)

    fat_bytes = b"".join(sector(s) for s in fat_sectors)
    fat = struct.unpack(f"<{len(fat_bytes) // 4}I", fat_bytes[: len(fat_bytes) // 4 * 4])
    names: set[str] = set()
    current = first_directory
    for _ in range(MAX_DIRECTORY_SECTORS):
        if current > MAX_SECTOR_NUMBER:
            break
        names |= _entry_names(sector(current))
        current = fat[current] if current < len(fat) else END_OF_CHAIN
    return names


def _entry_names(data: bytes) -> set[str]:
    names = set()
    for offset in range(0, len(data) - DIR_ENTRY_BYTES + 1, DIR_ENTRY_BYTES):
        length = struct.unpack_from("<H", data, offset + 64)[0]
        if 2 <= length <= 64:
            names.add(data[offset : offset + length - 2].decode("utf-16-le", "replace").lower())
    return names
