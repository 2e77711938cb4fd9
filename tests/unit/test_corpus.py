"""Hostile and broken files: the importer over a corpus of mutated example workbooks.

Each mutant of the two example workbooks (bytes flipped in the zip or inside an XML member, members
truncated, swapped or deleted, a 5 MB cell text, control characters in the shared strings) goes through
``ImportService`` twice on a fresh database: a dry run, then a real run. Every outcome is an
``ImportReport`` or one of our ``GeraError``s, each run ends within seconds, the real run agrees with the
dry run, and a run with errors leaves the database exactly as it was (and takes no backup). The corpus
is seeded: the same mutants on every run.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import sqlite3
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from gera_desktop import config
from gera_desktop.domain.errors import GeraError
from gera_desktop.persistence.integrity import integrity_problems
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.import_report import ImportReport
from gera_desktop.services.importer import ImportService
from tests.conftest import EXAMPLES

LISTE = EXAMPLES / "massnahmenliste-2024-06.xlsx"
UMWELTAMT = EXAMPLES / "zulieferung-umweltamt.xlsx"
SECONDS_PER_RUN = 10.0
"""A generous bound: a run that takes longer is a hang, not a slow machine."""
HUGE = 5 * 1024 * 1024
Members = dict[str, bytes]


# --- building mutants ---------------------------------------------------------------------------------


def read_members(path: Path) -> Members:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zip_bytes(members: Members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def flip(data: bytes, rng: random.Random, count: int) -> bytes:
    """``count`` bytes at random offsets XORed with a random non-zero value."""
    mutable = bytearray(data)
    for _ in range(count):
        mutable[rng.randrange(len(mutable))] ^= rng.randrange(1, 256)
    return bytes(mutable)


def replace_first_title(members: Members, text: str) -> Members:
    """Put ``text`` (raw XML) in place of the first measure's title: the shared string after its Nr."""
    xml = members["xl/sharedStrings.xml"].decode("utf-8")
    items = list(re.finditer(r"<si>\s*<t(?:\s[^>]*)?>([^<]*)</t>\s*</si>", xml))
    first_nr = next(i for i, item in enumerate(items) if re.fullmatch(r"[A-Z]{1,3}-\d+", item.group(1)))
    title = items[first_nr + 1]
    start, end = title.span(1)
    return {**members, "xl/sharedStrings.xml": (xml[:start] + text + xml[end:]).encode("utf-8")}


Mutation = Callable[[Path, random.Random], bytes]


@dataclass(frozen=True)
class Mutant:
    """One file of the corpus: which example, what was done to it, and the seed."""

    source: Path
    label: str
    mutate: Mutation
    seed: int
    expect: str | None = None
    """The outcome this damage must have (an error class name, ``REFUSED_CELL`` or ``CONTROL_CELL``);
    ``None``: any."""

    def build(self, folder: Path) -> Path:
        path = folder / f"{self.source.stem}-mutant.xlsx"
        path.write_bytes(self.mutate(self.source, random.Random(self.seed)))
        return path


def flip_file(count: int) -> Mutation:
    return lambda source, rng: flip(source.read_bytes(), rng, count)


def flip_member(count: int) -> Mutation:
    def mutate(source: Path, rng: random.Random) -> bytes:
        members = read_members(source)
        name = rng.choice(sorted(members))
        return zip_bytes({**members, name: flip(members[name], rng, count)})

    return mutate


def truncate(name: str) -> Mutation:
    def mutate(source: Path, rng: random.Random) -> bytes:
        members = read_members(source)
        return zip_bytes(
            {**members, name: members[name][: int(len(members[name]) * rng.uniform(0.05, 0.95))]}
        )

    return mutate


def swap(first: str, second: str) -> Mutation:
    def mutate(source: Path, _rng: random.Random) -> bytes:
        members = read_members(source)
        return zip_bytes({**members, first: members[second], second: members[first]})

    return mutate


def delete(name: str) -> Mutation:
    def mutate(source: Path, _rng: random.Random) -> bytes:
        return zip_bytes({n: d for n, d in read_members(source).items() if n != name})

    return mutate


def shared_text(text: str) -> Mutation:
    return lambda source, _rng: zip_bytes(replace_first_title(read_members(source), text))


COMMON = ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
          "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml")  # fmt: skip
REFUSED_CELL = "Bericht mit Fehler in der Zelle des Titels"
CONTROL_CELL = "Bericht mit Steuerzeichen-Fehler in der Zelle des Titels"
DAMAGED = "DamagedFileError"
CONTROL_TEXTS = {
    "raw-SOH": ("Maßnahme\x01mit Steuerzeichen", DAMAGED),
    "charref-SOH": ("Maßnahme&#1;mit Steuerzeichen", DAMAGED),
    "raw-VT": ("Maßnahme\x0bmit Steuerzeichen", DAMAGED),
    "charref-ESC": ("&#27;[31mrot&#27;[0m", DAMAGED),
    "nul-charref": ("&#0;", DAMAGED),
    "excel-escape": ("Maßnahme_x0001_mit Steuerzeichen", CONTROL_CELL),
    "bidi-override": ("Ma\u202eßnahme\u202c", None),
}


def random_letters(size: int) -> str:
    """Text that does not compress well, so that it reaches the XML parser (no zip-bomb ratio)."""
    rng = random.Random(size)
    return "".join(rng.choices("abcdefghijklmnopqrstuvwxyzäöüß ", k=size))


def mutants_of(source: Path, sheets: tuple[str, ...]) -> list[Mutant]:
    seed = len(source.name)
    corpus = [Mutant(source, f"flip-file-{n}x{k}", flip_file(n), seed + k) for k in range(5) for n in (1, 16)]
    corpus += [Mutant(source, f"flip-member-{k}", flip_member(1 + k % 4), seed + k) for k in range(8)]
    corpus += [Mutant(source, f"truncate-{name}", truncate(name), seed) for name in COMMON + sheets]
    corpus += [Mutant(source, f"delete-{name}", delete(name), seed) for name in COMMON + sheets]
    pairs = [("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"), ("xl/workbook.xml", "xl/styles.xml"),
             ("[Content_Types].xml", "xl/_rels/workbook.xml.rels")]  # fmt: skip
    pairs += [("xl/worksheets/sheet1.xml", sheet) for sheet in sheets]
    corpus += [Mutant(source, f"swap-{a}-{b}", swap(a, b), seed) for a, b in pairs]
    for key, (text, expect) in CONTROL_TEXTS.items():
        corpus.append(Mutant(source, f"control-{key}", shared_text(text), seed, expect))
    corpus += [
        Mutant(source, "huge-5MB-text", shared_text(random_letters(HUGE)), seed, REFUSED_CELL),
        Mutant(
            source, "huge-5MB-repeated", shared_text("Sehr lang " * (HUGE // 10)), seed, "UnsafeFileError"
        ),
        Mutant(source, "huge-just-too-long-text", shared_text("x" * 32_768), seed, REFUSED_CELL),
    ]
    return corpus


CORPUS = [
    *mutants_of(LISTE, ("xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml")),
    *mutants_of(UMWELTAMT, ()),
]


# --- running the importer -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the current schema, copied for every mutant (a migration each is slow)."""
    path = tmp_path_factory.mktemp("vorlage") / "leer.sqlite"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def fresh(empty_database: Path, tmp_path: Path) -> Path:
    path = tmp_path / "frisch.sqlite"
    shutil.copyfile(empty_database, path)
    return path


def snapshot(path: Path) -> list[str]:
    """Every row of every table (and the schema), read without changing the file."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def backups() -> list[str]:
    folder = config.paths().backup_dir
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


Outcome = ImportReport | GeraError


def timed_run(service: ImportService, path: Path, *, dry_run: bool) -> Outcome:
    started = time.monotonic()
    try:
        outcome: Outcome = service.run(path, dry_run=dry_run)
    except GeraError as error:
        outcome = error
    assert time.monotonic() - started < SECONDS_PER_RUN, "der Import brauchte zu lange"
    return outcome


def check_expected(mutant: Mutant, outcome: Outcome) -> None:
    """Damage with a known effect has that effect; a refused title names its cell (row 6 / row 5)."""
    if mutant.expect in (REFUSED_CELL, CONTROL_CELL):
        assert isinstance(outcome, ImportReport), outcome
        assert [p.cell for p in outcome.errors] in (["Maßnahmen!B6"], ["Projekte!B5"]), outcome.errors
        reason = "zu lang" if mutant.expect == REFUSED_CELL else "Steuerzeichen"
        assert reason in outcome.errors[0].message
        assert len(outcome.as_text()) < 10_000, "der Bericht zeigt den Text nicht ganz"
    elif mutant.expect is not None:
        assert type(outcome).__name__ == mutant.expect, outcome


def summary(outcome: Outcome) -> tuple[str, object]:
    """What the user sees of an outcome, for comparing the dry with the real run."""
    if isinstance(outcome, GeraError):
        return type(outcome).__name__, outcome.message
    return "Bericht", (outcome.new, outcome.changed, outcome.errors, outcome.warnings)


@pytest.mark.slow
@pytest.mark.parametrize("mutant", CORPUS, ids=lambda m: f"{m.source.stem}-{m.label}")
def test_a_broken_file_gives_a_report_or_our_error_and_writes_nothing_on_errors(
    mutant: Mutant, fresh: Path, tmp_path: Path
) -> None:
    book = mutant.build(tmp_path)
    before = snapshot(fresh)
    db = open_database(f"sqlite:///{fresh}")
    try:
        service = ImportService(db, user="pruefer")
        dry = timed_run(service, book, dry_run=True)
        assert snapshot(fresh) == before
        real = timed_run(service, book, dry_run=False)
        assert summary(real) == summary(dry)
        check_expected(mutant, real)
        after, written = snapshot(fresh), isinstance(real, ImportReport) and real.written
        with db.engine.connect() as connection:
            assert integrity_problems(connection.connection.driver_connection) == []  # type: ignore[arg-type]
    finally:
        db.dispose()
    if written:
        assert isinstance(real, ImportReport)
        assert real.ok
        assert after != before
        assert len(backups()) == 1
    else:
        assert isinstance(real, GeraError) or not real.ok or not real.has_changes
        assert after == before
        assert backups() == []


def test_the_corpus_covers_every_kind_of_damage() -> None:
    """Bounded, and every kind of mutation is in it for both examples."""
    kinds = {(m.source.name, m.label.split("-")[0]) for m in CORPUS}
    expected = {"flip", "truncate", "delete", "swap", "control", "huge"}
    assert kinds == {(s.name, k) for s in (LISTE, UMWELTAMT) for k in expected}
    assert 60 <= len(CORPUS) <= 110


def test_the_unmutated_examples_import_so_the_corpus_starts_from_good_files(fresh: Path) -> None:
    db = open_database(f"sqlite:///{fresh}")
    try:
        report = ImportService(db, user="pruefer").run(LISTE)
    finally:
        db.dispose()
    assert report.ok
    assert report.written
    assert len(report.new) == 25
