"""The files of a SQLite database on disk, named without SQLAlchemy (the start reads the list before it is
loaded): the ``-wal`` and ``-shm`` files beside it and a URI that reads it without changing anything."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote


def wal_file(path: Path) -> Path:
    """The write-ahead log next to a SQLite file."""
    return path.with_name(path.name + "-wal")


def side_files(path: Path) -> tuple[Path, Path]:
    """The ``-wal`` and ``-shm`` files SQLite keeps next to a database in WAL mode."""
    return wal_file(path), path.with_name(path.name + "-shm")


def readonly_uri(path: Path) -> str:
    """A SQLite URI that opens ``path`` read-only; without a ``-wal`` file also ``immutable``.

    ``immutable`` keeps SQLite from creating ``-wal``/``-shm`` files next to a file we must not touch;
    when a ``-wal`` file exists its committed content is part of the database, so it is read normally.
    """
    flags = "mode=ro" if wal_file(path).exists() else "mode=ro&immutable=1"
    return f"file:{quote(path.resolve().as_posix(), safe='/:')}?{flags}"
