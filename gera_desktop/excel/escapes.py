"""Excel's ``_xHHHH_`` escapes in cell text (ECMA-376 ST_Xstring), decoded on reading, added on writing.

XML cannot hold most control characters, so Excel writes them as ``_x`` + four hex digits + ``_``: the
carriage return of a line break typed in a cell is ``_x000D_``. A literal ``_x0041_`` in the text is
written ``_x005F_x0041_`` (``_x005F_`` is the underscore). Excel, LibreOffice and python-calamine decode
such text from left to right, each escape once; ``encode_text`` is the inverse, so text written with it
reads back exactly.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ESCAPE_START = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_SURROGATES = range(0xD800, 0xE000)


def decode_text(text: str) -> str:
    """The text as Excel shows it: every ``_xHHHH_`` is the character with that code.

    Surrogate halves are no characters of their own and stay as written.
    """
    if "_x" not in text:
        return text
    return _ESCAPE.sub(_character, text)


def _character(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    return match.group(0) if code in _SURROGATES else chr(code)


def encode_text(text: str) -> str:
    """Text for a cell, with every ``_`` that starts a literal ``_xHHHH_`` escaped as ``_x005F_``."""
    if "_x" not in text:
        return text
    return _ESCAPE_START.sub("_x005F_", text)
