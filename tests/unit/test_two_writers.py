"""Two writers on one database never lose an update, and a held SQLite lock delays or refuses, no crash.

Two real processes (multiprocessing, spawn) each run a ``MassnahmenService`` against the same database
(one SQLite file, or the same PostgreSQL database over two connections). The test process drives them
through seeded random interleavings of "load the measure" and "append my token to its Bemerkung and
save" – one after the other, or both saves at the same instant. A model of the stored state predicts
every outcome: a save on the current version succeeds and raises the version by exactly one, a stale
one raises ``ConflictError`` naming who saved before; the final text holds every successful token in
commit order, and the audit log has one row per successful save.

A third process holding SQLite's write lock (``BEGIN IMMEDIATE``) for one second only delays a save;
held beyond the busy timeout (5 s) the save fails with the German "Datenbank ist belegt" message.
"""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from gera_desktop import config
from gera_desktop.__main__ import main
from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.errors import ConflictError, DatabaseBusyError
from gera_desktop.domain.models import Aenderung
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.audit import expanded, to_data
from gera_desktop.services.labels import field_label
from gera_desktop.services.massnahmen import MassnahmenService
from tests.conftest import EXAMPLES

SPAWN = multiprocessing.get_context("spawn")
REPLY_TIMEOUT = 60.0
"""Seconds to wait for a worker's answer before the test fails (a hang is a failure, not a wait)."""
SEEDS = (11, 23, 42)
STEPS = 60
BUSY_TIMEOUT = 5.0
START = "Start;"
LISTE = EXAMPLES / "massnahmenliste-2024-06.xlsx"


def sample(nr: str) -> MassnahmeData:
    return MassnahmeData(
        nr=nr,
        titel="Digitaler Zwilling der Innenstadt",
        innovationsfeld=Innovationsfeld.BAUEN,
        federfuehrung="Amt für Stadtentwicklung",
        beginn=date(2024, 1, 1),
        ende=date(2026, 12, 31),
        status=Umsetzungsstand.IN_UMSETZUNG,
        gesamtkosten=Decimal("250000.00"),
        bemerkung=START,
    )


# --- the writer process -------------------------------------------------------------------------------


def writer_process(pipe: Connection, url: str, user: str, user_dir: str) -> None:
    """A second program: loads and saves when told, answers with what happened."""
    config.init(Path(user_dir))
    db = open_database(url)
    service = MassnahmenService(db, user=user)
    loaded: MassnahmeData | None = None
    try:
        while True:
            command, argument = pipe.recv()
            if command == "stop":
                break
            if command == "load":
                loaded = service.get(argument)
                pipe.send(("loaded", loaded.version, loaded.bemerkung))
            else:
                assert loaded is not None
                pipe.send(_save(service, replace(loaded, bemerkung=(loaded.bemerkung or "") + argument)))
                loaded = None
    finally:
        db.dispose()


def _save(service: MassnahmenService, data: MassnahmeData) -> tuple[Any, ...]:
    try:
        saved = service.update(data)
    except ConflictError as conflict:
        return ("conflict", conflict.changed_by, conflict.message)
    except DatabaseBusyError as busy:
        return ("busy", None, busy.message)
    except Exception as error:  # reported to the test, which fails with it
        return ("error", None, repr(error))
    return ("saved", saved.version, saved.bemerkung)


class Writer:
    """The test's handle on one writer process."""

    def __init__(self, url: str, user: str, user_dir: Path) -> None:
        self.user = user
        self.pipe, child = SPAWN.Pipe()
        self.process = SPAWN.Process(target=writer_process, args=(child, url, user, str(user_dir)))
        self.process.start()
        child.close()

    def send(self, command: str, argument: str = "") -> None:
        self.pipe.send((command, argument))

    def receive(self) -> tuple[Any, ...]:
        if not self.pipe.poll(REPLY_TIMEOUT):
            raise AssertionError(f"{self.user}: keine Antwort (Prozess lebt: {self.process.is_alive()})")
        reply: tuple[Any, ...] = self.pipe.recv()
        assert reply[0] != "error", f"{self.user}: {reply[2]}"
        return reply

    def stop(self) -> None:
        self.send("stop")
        self.process.join(REPLY_TIMEOUT)
        assert self.process.exitcode == 0, f"{self.user} endete mit {self.process.exitcode}"


@pytest.fixture
def writers(database: Database, database_url: str, tmp_path: Path) -> Iterator[tuple[Writer, Writer]]:
    pair = (
        Writer(database_url, "anna", tmp_path / "anna"),
        Writer(database_url, "bernd", tmp_path / "bernd"),
    )
    try:
        yield pair
    finally:
        for writer in pair:
            if writer.process.is_alive():
                writer.stop()


# --- the model of the stored measure -----------------------------------------------------------------


@dataclass
class Stored:
    """What the database must hold: version, text, and who saved last."""

    version: int = 1
    text: str = START
    last_user: str | None = None
    commits: list[tuple[str, str]] = field(default_factory=list)
    """(user, token) of every successful save, in commit order."""


@dataclass
class Copy:
    """A writer's loaded copy (``None``: it has to load first)."""

    version: int | None = None


def check_save(stored: Stored, writer: Writer, copy: Copy, token: str, reply: tuple[Any, ...]) -> None:
    """One save's outcome against the model; the model follows a success."""
    assert reply[0] in ("saved", "conflict"), reply
    if reply[0] == "conflict":
        assert copy.version != stored.version, f"{writer.user}: Konflikt auf dem aktuellen Stand"
        assert reply[1] == stored.last_user
        assert f"von {stored.last_user} am" in reply[2]
        return
    assert copy.version == stored.version, f"{writer.user}: veralteter Stand überschrieb {stored.commits}"
    assert (reply[1], reply[2]) == (stored.version + 1, stored.text + token)
    stored.version, stored.text, stored.last_user = reply[1], reply[2], writer.user
    stored.commits.append((writer.user, token))


def save_at_once(stored: Stored, pair: tuple[Writer, Writer], copies: dict[str, Copy], step: int) -> None:
    """Both writers press "Speichern" at the same moment; at most one of two equal copies wins."""
    tokens = {w.user: f"{w.user[0]}{step};" for w in pair}
    for writer in pair:
        writer.send("save", tokens[writer.user])
    replies = {w.user: w.receive() for w in pair}
    saved = sorted((r[1], u) for u, r in replies.items() if r[0] == "saved")
    if copies["anna"].version == copies["bernd"].version == stored.version:
        assert len(saved) == 1, replies
    for _, user in saved:  # successes in commit order (by the version each one created)
        writer = next(w for w in pair if w.user == user)
        check_save(stored, writer, copies[user], tokens[user], replies[user])
    for writer in pair:
        if replies[writer.user][0] == "conflict":
            check_save(stored, writer, copies[writer.user], tokens[writer.user], replies[writer.user])
        copies[writer.user].version = None


def run_schedule(pair: tuple[Writer, Writer], nr: str, seed: int) -> Stored:
    """A seeded random interleaving of loads and saves; returns the model after the last step."""
    rng = random.Random(seed)
    stored, copies = Stored(), {w.user: Copy() for w in pair}
    for step in range(STEPS):
        if all(c.version is not None for c in copies.values()) and rng.random() < 0.3:
            save_at_once(stored, pair, copies, step)
            continue
        writer = rng.choice(pair)
        copy = copies[writer.user]
        if copy.version is None:
            writer.send("load", nr)
            _, copy.version, text = writer.receive()
            assert (copy.version, text) == (stored.version, stored.text)
        else:
            token = f"{writer.user[0]}{step};"
            writer.send("save", token)
            check_save(stored, writer, copy, token, writer.receive())
            copy.version = None
    return stored


def bemerkung_trail(db: Database, nr: str) -> list[tuple[str, str | None, str | None]]:
    """The audit lines of the measure's Bemerkung in the order they were written: who, old, new."""
    query = select(Aenderung).where(Aenderung.massnahme_nr == nr).order_by(Aenderung.id)
    with db.read_session() as session:
        lines = [line for row in session.scalars(query) for line in expanded(to_data(row))]
    label = field_label("bemerkung")
    return [(line.benutzer, line.alter_wert, line.neuer_wert) for line in lines if line.feld == label]


def expected_trail(stored: Stored) -> list[tuple[str, str | None, str | None]]:
    """Creation, then one row per successful save: the text before and after its token."""
    trail: list[tuple[str, str | None, str | None]] = [("pruefer", None, START)]
    text = START
    for user, token in stored.commits:
        trail.append((user, text, text + token))
        text += token
    return trail


def test_random_interleavings_of_two_writers_never_lose_an_update(database, writers) -> None:
    service = MassnahmenService(database, user="pruefer")
    for seed in SEEDS:
        nr = f"ZW-{seed}"
        service.create(sample(nr))

        stored = run_schedule(writers, nr, seed)

        final = service.get(nr)
        assert len(stored.commits) >= STEPS // 5, "zu wenige erfolgreiche Speicherungen für einen Test"
        assert final.version == 1 + len(stored.commits)
        assert final.bemerkung == START + "".join(token for _, token in stored.commits)
        assert final.geaendert_von == stored.last_user
        assert bemerkung_trail(database, nr) == expected_trail(stored)
    for writer in writers:
        writer.stop()


# --- a lock held by another program ------------------------------------------------------------------


def hold_write_lock(path: str, locked: Any, release: Any, seconds: float) -> None:
    """Another program: takes SQLite's write lock and keeps it until released or ``seconds`` passed."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
    try:
        connection.execute("BEGIN IMMEDIATE")
        locked.set()
        release.wait(timeout=seconds)
        connection.execute("COMMIT")
    finally:
        connection.close()


@dataclass
class LockHolder:
    """The test's handle on the lock-holding process."""

    process: Any
    release: Any

    def finish(self) -> None:
        self.release.set()
        self.process.join(REPLY_TIMEOUT)
        assert self.process.exitcode == 0


def lock_for(path: Path, seconds: float) -> LockHolder:
    locked, release = SPAWN.Event(), SPAWN.Event()
    process = SPAWN.Process(target=hold_write_lock, args=(str(path), locked, release, seconds))
    process.start()
    assert locked.wait(REPLY_TIMEOUT), "der andere Prozess bekam die Schreibsperre nicht"
    return LockHolder(process, release)


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    db = open_database(sqlite_url)
    yield db
    db.dispose()


def test_a_lock_held_for_a_second_only_delays_the_save(sqlite_db) -> None:
    service = MassnahmenService(sqlite_db, user="anna")
    record = service.create(sample("ZW-1"))
    assert sqlite_db.file is not None
    holder = lock_for(sqlite_db.file, seconds=1.0)
    try:
        assert service.get("ZW-1").version == 1  # reading is not blocked by a writer (WAL)
        started = time.monotonic()
        saved = service.update(replace(record, bemerkung="nach dem Warten gespeichert"))
        waited = time.monotonic() - started
    finally:
        holder.finish()

    assert 0.5 < waited < BUSY_TIMEOUT
    assert (saved.version, service.get("ZW-1").bemerkung) == (2, "nach dem Warten gespeichert")


@pytest.mark.slow
def test_a_lock_held_too_long_says_the_database_is_busy_and_loses_nothing(sqlite_db, capsys) -> None:
    service = MassnahmenService(sqlite_db, user="anna")
    record = service.create(sample("ZW-1"))
    assert sqlite_db.file is not None
    holder = lock_for(sqlite_db.file, seconds=REPLY_TIMEOUT)
    try:
        with pytest.raises(DatabaseBusyError) as busy:
            service.update(replace(record, bemerkung="erster Versuch"))
        exit_code = main(
            ["import", str(EXAMPLES / "massnahmenliste-2024-06.xlsx"), "--db", str(sqlite_db.file)]
        )
    finally:
        holder.finish()

    assert "Datenbank ist belegt" in busy.value.message
    assert "nichts gespeichert" in busy.value.message
    assert exit_code == 1
    assert "Datenbank ist belegt" in capsys.readouterr().err
    assert service.count() == 1
    assert service.get("ZW-1").version == 1
    saved = service.update(replace(record, bemerkung="zweiter Versuch"))
    assert (saved.version, saved.bemerkung) == (2, "zweiter Versuch")
