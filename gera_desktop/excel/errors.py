"""Errors of the workbook reader: files that cannot be read at all, and single cells that cannot be parsed."""

from __future__ import annotations

from gera_desktop.domain.errors import GeraError


class WorkbookFileError(GeraError):
    """The file as a whole cannot be read; the message says what to do."""


class MissingFileError(WorkbookFileError):
    """The file does not exist (any more) or is not a file."""


class UnsupportedFileError(WorkbookFileError):
    """Not an .xlsx/.xlsm workbook: .xls, .ods, CSV, an encrypted file, or something else."""


class UnsafeFileError(WorkbookFileError):
    """A file built to exhaust memory or time (zip bomb, XML entity declarations)."""


class DamagedFileError(WorkbookFileError):
    """A workbook whose zip or XML content is broken."""


class CellError(GeraError):
    """One cell's value does not fit its column; the reader adds sheet, cell and header."""
