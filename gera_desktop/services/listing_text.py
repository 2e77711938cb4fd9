"""Text as the list compares it: the folded form a search looks in, and the order text sorts in (no Qt).

Searching ignores case, the spelling of umlauts (ä = ae, ß = ss), spaces and dashes; sorting files
umlauts under their base letter (DIN 5007) and numbers by value (P-2 before P-10).
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import cache
from typing import Any

_DIGITS = re.compile(r"(\d+)")
_OTHER_DASHES = re.compile("[\u00ad\u2010-\u2015\u2212]")
"""Dashes besides ``-``: soft hyphen, hyphen, non-breaking hyphen, figure, en and em dash, bar, minus."""


def folded(text: str | None) -> str:
    """Text for comparing without case: composed umlauts, folded case (ß = ss), single spaces."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.casefold().split())


def search_folded(text: str | None) -> str:
    """Text as the search compares it: folded case (ß = ss), umlauts spelt out (ä = ae, ö = oe, ü = ue),
    without spaces and dashes, so that "muell" finds "Müll", "strasse" "Straße" and "e akte" "E-Akte"
    (made for every measure once per data change: string methods, no regular expression per character).
    """
    if not text:
        return ""
    if text.isascii():
        text = text.casefold()
    else:
        text = unicodedata.normalize("NFC", text).casefold()
        if not text.isascii():
            text = _OTHER_DASHES.sub("", text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))
    text = "".join(text.split())
    return text.replace("-", "") if "-" in text else text


def hit_ranges(text: str, needle: str) -> list[tuple[int, int]]:
    """Where the search finds ``needle`` (already ``search_folded``) in ``text``: the start and end of
    the characters of ``text`` each hit covers, so that "muell" marks "Müll" in "Die Müllabfuhr" and
    "e-akte" marks "E – Akte" (empty when the search does not find it there)."""
    if not needle or needle not in search_folded(text):
        return []
    letters, spans = _folded_letters(text)
    hits: list[tuple[int, int]] = []
    start = letters.find(needle)
    while start >= 0:
        end = start + len(needle)
        hits.append((spans[start][0], spans[end - 1][1]))
        start = letters.find(needle, end)
    return hits


def _folded_letters(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``search_folded(text)``, and for each of its letters the characters of ``text`` it comes from
    (a letter with its combining marks folds as one: ``u`` + ``◌̈`` gives "ue")."""
    if text.isascii():  # most cells: each letter folds to itself in lower case, or to nothing
        kept = [at for at, letter in enumerate(text) if letter != "-" and not letter.isspace()]
        return "".join(map(text.__getitem__, kept)).lower(), [(at, at + 1) for at in kept]
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    start, length = 0, len(text)
    while start < length:
        end = start + 1
        while end < length and not text[end].isascii() and unicodedata.combining(text[end]):
            end += 1
        letter = text[start]
        if end > start + 1 or not letter.isascii():
            piece = search_folded(text[start:end])
        else:
            piece = "" if letter == "-" or letter.isspace() else letter.lower()
        pieces.append(piece)
        spans.extend([(start, end)] * len(piece))
        start = end
    return "".join(pieces), spans


def haystack(*fields: str | None) -> str:
    """The searched fields of one measure, each ``search_folded``, separated so that no match spans two."""
    return "\0".join(search_folded(text) for text in fields)


def sort_key(value: Any) -> Any:
    """What a value sorts by: enums in their declared order, Nr.-like text naturally (P-2 before P-10),
    German text alphabetically (ä as a, ß as ss), everything else by itself."""
    if isinstance(value, Enum):
        return _enum_positions(type(value))[value]
    if isinstance(value, str):
        parts: list[str | int] = list(_DIGITS.split(_din_5007(folded(value))))
        parts[1::2] = map(int, parts[1::2])
        return tuple(parts)
    return value


def _din_5007(text: str) -> str:
    """Umlauts filed under their base letter (ß is already "ss" after casefold)."""
    if text.isascii():
        return text
    return text.replace("ä", "a").replace("ö", "o").replace("ü", "u")


@cache
def _enum_positions(kind: type[Enum]) -> dict[Enum, int]:
    return {member: position for position, member in enumerate(kind)}
