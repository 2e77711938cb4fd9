"""What the programme is made of (for Hilfe ▸ Über and the support package): the libraries it ships with
their versions and licences, read from the installed package metadata, and where its database is.

The PyInstaller bundle carries the metadata of every library (``copy_metadata(..., recursive=True)`` in
installer.spec), so the list is the same in the source tree and in the installed programme.
"""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib import metadata
from importlib.metadata import PackageMetadata

from gera_desktop.domain.masking import masked_url
from gera_desktop.persistence.database import Database

DISTRIBUTION = "gera-desktop"
LICENCE_CLASSIFIER = "License :: OSI Approved :: "
UNKNOWN_LICENCE = "siehe Paketangaben"
MAX_LICENCE_TEXT = 80
"""Longer ``License`` fields hold the whole licence text, not its name."""
BACKENDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA_MARKER = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class Library:
    """One bundled library: its name, version and licence (an SPDX expression where the package has one)."""

    name: str
    version: str
    licence: str


def python_runtime() -> Library:
    """The Python interpreter the programme runs on."""
    return Library("Python", platform.python_version(), "PSF-2.0")


def bundled_libraries() -> list[Library]:
    """Every library the programme needs at run time (its requirements and theirs), sorted by name."""
    found: dict[str, Library] = {}
    pending = [(DISTRIBUTION, frozenset[str]())]
    while pending:
        name, extras = pending.pop()
        for requirement in _requirements(name, extras):
            key = _normalized(requirement[0])
            if key in found:
                continue
            library = _installed(requirement[0])
            if library is not None:
                found[key] = library
                pending.append(requirement)
    return sorted(found.values(), key=lambda library: library.name.casefold())


def _requirements(name: str, extras: frozenset[str]) -> list[tuple[str, frozenset[str]]]:
    """The distributions ``name`` requires (with their extras), leaving out extras nobody asked for."""
    wanted = []
    for line in metadata.requires(name) or []:
        requirement, _, marker = line.partition(";")
        extra = _EXTRA_MARKER.search(marker)
        if extra and _normalized(extra.group(1)) not in extras:
            continue
        match = _REQUIREMENT.match(requirement)
        if match:
            asked = frozenset(_normalized(e) for e in (match.group(2) or "").split(",") if e.strip())
            wanted.append((match.group(1), asked))
    return wanted


def _installed(name: str) -> Library | None:
    """The library as installed, or ``None`` when it is not (a requirement for another platform)."""
    try:
        meta = metadata.metadata(name)
    except metadata.PackageNotFoundError:
        return None
    return Library(meta["Name"], meta["Version"], licence_of(meta))


def licence_of(meta: PackageMetadata) -> str:
    """The licence: the SPDX expression, a short ``License`` field, or the OSI classifier."""
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    text = _field(meta, "License")
    if text and len(text) <= MAX_LICENCE_TEXT and "\n" not in text:
        return text
    classifiers = meta.get_all("Classifier") or []
    named = [c.removeprefix(LICENCE_CLASSIFIER) for c in classifiers if c.startswith(LICENCE_CLASSIFIER)]
    return ", ".join(named) or UNKNOWN_LICENCE


def _field(meta: PackageMetadata, name: str) -> str:
    values = meta.get_all(name) or []
    return str(values[0]).strip() if values else ""


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def database_location(db: Database) -> str:
    """Where the data is: the SQLite file's full path, or the server address without a password."""
    if db.file is not None:
        return str(db.file)
    return masked_url(db.url)


def database_backend(db: Database) -> str:
    """``SQLite`` or ``PostgreSQL`` (the database system's name)."""
    dialect = db.engine.dialect.name
    return BACKENDS.get(dialect, dialect)
