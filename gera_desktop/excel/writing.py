"""What every export shares: the atomic write into place, the locked-target message, safe text cells.

Exports are written to a temporary file next to the target, flushed to disk and moved into place with
``os.replace``, so the target is always either the previous file or the complete new one. The temporary
file is named after the target (``.Maßnahmenliste.xlsx.k3j4h5q8.tmp``); one that a crashed or killed
export left behind is removed by the next export to the same target once it is an hour old.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zipfile import ZIP_DEFLATED, ZipFile

from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.formatting import format_number
from gera_desktop.domain.progress import Checkpoints
from gera_desktop.excel.escapes import encode_text
from gera_desktop.excel.values import MAX_CELL_TEXT as MAX_CELL_TEXT  # where the exports look for it

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook

FORMULA_TRIGGERS = ("=", "+", "-", "@")
"""First characters with which Excel would read text as a formula."""

CSV_TRIGGERS = (*FORMULA_TRIGGERS, "\t", "\r")
"""First characters that OWASP's CSV-injection advice neutralises with a leading apostrophe."""

# As ``openpyxl.cell.cell`` has them (a test holds them equal); kept here so that writing a file that is
# no workbook (JSON, CSV, support package, timeline) does not load openpyxl.
ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
"""Excel's error values: text equal to one of them would be read as the error."""
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
"""Control characters that XML 1.0, and so no cell, can hold."""
ERROR_TEXTS = frozenset(
    {*ERROR_CODES, "#NV", "#WERT!", "#BEZUG!", "#ZAHL!", "#SPILL!", "#ÜBERLAUF!", "#CALC!", "#KALK!"}
)
"""Excel's error values, also as German Excel shows them: typed into a cell, Excel takes them as errors."""


DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 3600
"""A temporary file untouched this long belongs to no running export (an export takes seconds)."""


class ExportError(GeraError):
    """An export could not be written; the previous file (if any) is unchanged."""


@contextmanager
def atomic_target(path: str | os.PathLike[str], checkpoints: Checkpoints | None = None) -> Iterator[Path]:
    """Yield a temporary file next to ``path``; after the block it replaces ``path`` in one step.

    On any failure the temporary file is removed and the old target is left as it was. Locked
    targets and file-system errors become an ``ExportError`` with a German message. A user who
    stopped the export (``checkpoints``) gets ``WorkCancelled`` before the move, not a new file.
    """
    target = Path(path)
    refuse_if_locked(target)
    remove_stale_temps(target)
    temp = _create_temp(target)
    try:
        try:
            yield temp
            if checkpoints is not None:
                checkpoints.check()
            _flush_to_disk(temp)
        except OSError as exc:
            raise _write_failed(target, exc) from exc
        _move_into_place(temp, target)
    except BaseException:
        with suppress(OSError):
            temp.unlink(missing_ok=True)
        raise


def save_workbook(workbook: Workbook, path: Path) -> None:
    """``workbook.save(path)`` (as openpyxl's ``save_workbook``), but the zip is closed when writing fails.

    openpyxl leaves its ``ZipFile`` open when a write fails (a full disk); the garbage collector then
    tries to close it, fails again and prints a traceback ("Exception ignored in ZipFile.__del__").
    Here it is closed at once, and a failure of that close is the same ``OSError`` as the first.
    """
    if workbook.write_only and not workbook.worksheets:
        workbook.create_sheet()
    from openpyxl.writer.excel import ExcelWriter

    with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        workbook.properties.modified = datetime.now(tz=UTC).replace(tzinfo=None)
        ExcelWriter(workbook, archive).save()


def refuse_if_locked(target: Path) -> None:
    """Raise the "still open" message if an office program's lock file sits next to the target."""
    if not target.exists():
        return
    for lock in lock_files(target):
        if lock.exists():
            raise locked_error(target, lock)


def lock_files(target: Path) -> tuple[Path, ...]:
    """The lock files Excel (short and long names) and LibreOffice create next to an open file."""
    name = target.name
    return (
        target.with_name(f"~${name}"),
        target.with_name(f"~${name[2:]}"),
        target.with_name(f".~lock.{name}#"),
    )


def locked_error(target: Path, lock: Path | None = None) -> ExportError:
    """The German message for a target that another program holds open."""
    message = (
        f"Die Datei „{target.name}“ ist noch geöffnet, vermutlich in Excel. "
        "Bitte schließen Sie sie und exportieren Sie erneut."
    )
    if lock is not None:
        message += (
            f" Falls die Datei nirgends mehr geöffnet ist, löschen Sie bitte die Hilfsdatei „{lock.name}“ "
            "im selben Ordner."
        )
    return ExportError(message)


def temp_files(target: Path) -> list[Path]:
    """The temporary files of exports to ``target`` (running ones, or left behind by a crash)."""
    return sorted(target.parent.glob(f".{glob.escape(target.name)}.*{TEMP_SUFFIX}"))


def remove_stale_temps(target: Path) -> None:
    """Delete the temporary files that killed exports to ``target`` left behind (an hour old or older)."""
    limit = time.time() - STALE_TEMP_SECONDS
    for leftover in temp_files(target):
        with suppress(OSError):
            if leftover.stat().st_mtime < limit:
                leftover.unlink()


def _create_temp(target: Path) -> Path:
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    except FileNotFoundError as exc:
        raise ExportError(f"Der Ordner „{target.parent}“ existiert nicht.") from exc
    except OSError as exc:
        raise _write_failed(target, exc) from exc
    os.close(handle)
    return Path(name)


def _flush_to_disk(temp: Path) -> None:
    with temp.open("r+b") as handle:
        os.fsync(handle.fileno())


def _move_into_place(temp: Path, target: Path) -> None:
    _copy_permissions(target, temp)
    try:
        os.replace(temp, target)
    except PermissionError as exc:
        raise locked_error(target) from exc
    except OSError as exc:
        raise _write_failed(target, exc) from exc
    _sync_directory(target.parent)


def _copy_permissions(target: Path, temp: Path) -> None:
    """The new file gets the old file's permissions (mkstemp creates it readable by its owner only)."""
    if os.name == "nt":
        return
    with suppress(OSError):
        if target.exists():
            shutil.copymode(target, temp)
        else:
            temp.chmod(0o644)


def _sync_directory(directory: Path) -> None:
    """Make the rename durable (POSIX); Windows has no directory handles for this."""
    if os.name == "nt":
        return
    with suppress(OSError):
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _write_failed(target: Path, exc: OSError) -> ExportError:
    if isinstance(exc, PermissionError):
        reason = "Es fehlt die Berechtigung, in diesen Ordner zu schreiben."
    elif exc.errno in DISK_FULL:
        reason = "Auf dem Datenträger ist nicht genug Platz."
    else:
        reason = f"Fehler des Betriebssystems: {exc.strerror or exc}."
    return ExportError(
        f"Die Datei „{target.name}“ konnte nicht geschrieben werden. {reason} "
        "Eine vorhandene Datei dieses Namens ist unverändert."
    )


# --- text cells ---------------------------------------------------------------------------------------


class CellTextError(ValueError):
    """Text that cannot go into a cell; the writers turn it into an ``ExportError`` naming the field."""


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be written into a cell (German), or ``None`` if it can."""
    if len(text) > MAX_CELL_TEXT:
        return (
            f"ist {format_number(Decimal(len(text)), 0)} Zeichen lang; Excel erlaubt höchstens "
            f"{format_number(Decimal(MAX_CELL_TEXT), 0)} Zeichen je Zelle. Bitte kürzen Sie den Text"
        )
    if ILLEGAL_CHARACTERS_RE.search(text):
        return "enthält ein Steuerzeichen, das Excel nicht speichern kann. Bitte entfernen Sie es"
    return None


def text_error(nr: str, header: str, text: str) -> ExportError:
    """The German message for text of measure ``nr`` in column ``header`` that no cell can hold."""
    problem = text_problem(text) or "kann nicht geschrieben werden"
    return ExportError(f"Der Text im Feld „{header}“ der Maßnahme {nr} {problem}.")


def needs_quote_prefix(text: str) -> bool:
    """True for text that Excel would take as a formula or an error value."""
    return text.startswith(FORMULA_TRIGGERS) or is_error_text(text)


def is_error_text(text: str) -> bool:
    """True for text that spells an Excel error value such as ``#N/A`` or ``#NV``."""
    return text.startswith("#") and text.upper() in ERROR_TEXTS


def csv_safe(text: str) -> str:
    """Text for a CSV field, with a leading apostrophe where a spreadsheet would see a formula or an
    error value (OWASP)."""
    return "'" + text if text.startswith(CSV_TRIGGERS) or is_error_text(text) else text


def set_text(cell: Cell, text: str) -> None:
    """Put ``text`` into a (normal-mode) cell as text, never as a formula; too long text raises.

    A literal ``_xHHHH_`` in the text is escaped, so that Excel shows the text as it is."""
    if len(text) > MAX_CELL_TEXT:
        raise CellTextError(text)
    cell.value = encode_text(text)
    if needs_quote_prefix(text):
        cell.data_type = "s"
        cell.quotePrefix = True


def quoted_text_cell(sheet: Any, text: str, style: Any) -> Cell:
    """A write-only cell holding ``text`` as a string with ``style`` (which carries the quote prefix)."""
    from openpyxl.cell.cell import Cell

    cell = Cell(sheet, 1, 1, encode_text(text), style_array=style)
    cell.data_type = "s"
    return cell
