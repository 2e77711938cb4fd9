"""The program's log file in the user log directory, for the window and the command line alike: one line
per operation (``domain.oplog``), start and errors; no password ever reaches it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gera_desktop import config
from gera_desktop.domain.masking import mask_passwords

LOG_FILE = "gera-desktop.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5


def log_path() -> Path:
    """Where the log file is (in the user log directory)."""
    return config.paths().log_dir / LOG_FILE


def start_log() -> Path:
    """Write the program's log into the user log directory (rotating: 5 files of 1 MB), from its first
    line on (the program's start does without ``logging.handlers`` until then)."""
    _add_handler()
    return log_path()


@contextmanager
def logged_to_file() -> Iterator[Path]:
    """The log file for one command of the command line; closed again afterwards (tests run many)."""
    handler = _add_handler()
    try:
        yield log_path()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def _add_handler() -> logging.Handler:
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingLogFile(path)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(PasswordMask())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler


class RotatingLogFile(logging.Handler):
    """The log file, rotating (``BACKUPS`` files of ``MAX_BYTES``), opened with the first line written to
    it: importing ``logging.handlers`` (with ``socket`` and ``pickle``) costs the window's start about
    5 ms, and the first line comes once the database is open."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            from logging.handlers import RotatingFileHandler

            self._file = RotatingFileHandler(
                self.path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


class PasswordMask(logging.Filter):
    """No database password goes into the log: message and traceback of each line masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = mask_passwords(record.getMessage()), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_passwords(record.exc_text)
        return True
