"""The list's search as people type (services/listing_text.py, listing.py): every spelling of a word
finds it in every searched field, and the hits in a cell are the characters the user sees matched."""

from __future__ import annotations

import unicodedata
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gera_desktop.services.listing import ListFilter, apply_filter
from gera_desktop.services.listing_index import SEARCH_KEYS
from gera_desktop.services.listing_text import hit_ranges, search_folded
from tests.records import measure

SEARCHED = SEARCH_KEYS
LETTERS = "abcdefghijklmnopqrstuvwxyzäöüß"
SPELLINGS = {"ä": ("ä", "ae", "Ä", "AE"), "ö": ("ö", "oe", "Ö", "OE"), "ü": ("ü", "ue", "Ü", "Ue")}
SPELLINGS["ß"] = ("ß", "ss", "SS", "ẞ")
GAPS = ("", "", "", " ", "  ", "-", "–", "\u2011")
"""What people put between letters or leave out: nothing (mostly), spaces, dashes of every kind."""

words = st.text(alphabet=LETTERS, min_size=3, max_size=12)


@st.composite
def spelt(draw: st.DrawFn, word: str) -> str:
    """``word`` as someone might type or store it: any case, ä or ae, ß or ss, spaces and dashes."""
    typed = []
    for letter in word:
        options = SPELLINGS.get(letter, (letter, letter.upper()))
        typed.append(draw(st.sampled_from(options)) + draw(st.sampled_from(GAPS)))
    return "".join(typed)


@given(data=st.data(), word=words, field=st.sampled_from(SEARCHED))
def test_every_spelling_of_a_word_finds_the_measure_in_every_searched_field(data, word, field) -> None:
    stored = "Projekt " + data.draw(spelt(word)) + " Gera"
    typed = data.draw(spelt(word))
    wanted = measure(**{"nr": "Z-9", field: stored})
    other = measure("A-1", titel="Parkhaus", federfuehrung="Bauamt", kurzbeschreibung=None, stadtteil=None)
    assert apply_filter([other, wanted], ListFilter(text=typed)) == [wanted]


@given(data=st.data(), before=st.text(max_size=8), word=words, after=st.text(max_size=8))
def test_a_hit_marks_exactly_text_the_search_finds_the_typed_word_in(data, before, word, after) -> None:
    text = before + data.draw(spelt(word)) + after
    needle = search_folded(data.draw(spelt(word)))
    hits = hit_ranges(text, needle)
    assert hits  # found in the text, so something is marked
    for start, end in hits:
        assert needle in search_folded(text[start:end])
        assert needle not in search_folded(text[start + 1 : end])  # no more than the hit
        assert needle not in search_folded(text[start : end - 1])
    assert hits == sorted(hits)
    assert all(end <= start for (_, end), (start, _) in pairwise(hits))


@pytest.mark.parametrize(
    ("text", "typed", "marked"),
    [
        ("Die Müllabfuhr", "muell", ["Müll"]),
        ("Straßen und Strassen", "STRASSE", ["Straße", "Strasse"]),
        ("Die E – Akte im Bauamt", "e-akte", ["E – Akte"]),
        (
            unicodedata.normalize("NFD", "Öffentliche Räume"),
            "oeffentliche",
            [unicodedata.normalize("NFD", "Öffentliche")],
        ),
        ("MÜLL und müll", "mü", ["MÜ", "mü"]),
        ("Parkhaus", "muell", []),
        ("Parkhaus", "  ", []),
    ],
)
def test_the_marked_characters_are_the_ones_the_typed_text_matched(text, typed, marked) -> None:
    assert [text[a:b] for a, b in hit_ranges(text, search_folded(typed))] == marked


def test_the_search_looks_into_the_cluster() -> None:
    wanted = measure("P-1", titel="Sensoren", cluster="Grüne Mitte")
    other = measure("P-2", titel="Sensoren", cluster="Daten und Plattform")
    assert [r.nr for r in apply_filter([other, wanted], ListFilter(text="gruene mitte"))] == ["P-1"]
