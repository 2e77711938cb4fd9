"""The schema revisions shipped with the program, read from the revision files' own lines, without Alembic
or SQLAlchemy (opening an up-to-date database, and the start's first look at the list, need no more)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SHIPPED_MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"
# ``revision: str = "0002"`` and ``down_revision: … = "0001"`` as the revision template writes them.
_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+?)\s*$", re.MULTILINE)


def head_in(versions: Path) -> str:
    """The revision of the folder ``versions`` that no other revises (``RuntimeError`` unless one)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for script in sorted(versions.glob("*.py")):
        for name, value in _REVISION_LINE.findall(script.read_text(encoding="utf-8")):
            found = ast.literal_eval(value)
            names = {found} if isinstance(found, str) else set(found or ())
            (revisions if name == "revision" else revised).update(names)
    heads = revisions - revised
    if len(heads) != 1:
        raise RuntimeError(f"expected one Alembic head in {versions.parent}, found {sorted(heads)}")
    return heads.pop()
