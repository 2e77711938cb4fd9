"""Audit completeness: every change through any path leaves exactly its audit rows, and nothing else.

A seeded random sequence of actions – create, edit (fields, extra columns, milestones, budget years,
participation events, the Nr.), refused edits, delete into the trash, restore, purge, and imports of
workbooks holding edited, new and trashed measures – runs against the services. Around every action
the test reads the complete state (every measure with its children, also in the trash) and the audit
table. Two checks:

* per action: the new audit rows, as readers expand them, are exactly the field-level differences
  between the state before and after (old → new display text per field, as ``diff_records`` words
  them), plus one row for a move into or out of the trash or a purge, each with the right source
  (Bearbeitung, Import <Datei>, Wiederherstellung); a new measure is stored as one row "angelegt";
  a refused action leaves no row and no change;
* at the end: replaying each measure's history (``history``, which follows renames) gives the current
  display text of every field.

Restoring a backup replaces the whole database, audit trail included: afterwards the trail is the one
in the backup, and the trail up to the restore is kept in the automatic backup taken just before.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from gera_desktop.domain.enums import Ampel, Innovationsfeld, Quelle, Umsetzungsstand
from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.models import Aenderung
from gera_desktop.domain.records import (
    FIELD_KEYS,
    BeteiligungData,
    FinanzjahrData,
    MassnahmeData,
    MeilensteinData,
)
from gera_desktop.excel.liste import write_liste
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.audit import (
    CREATED,
    Change,
    diff_records,
    expanded,
    import_quelle,
    to_data,
    value_text,
)
from gera_desktop.services.backup import BackupService
from gera_desktop.services.importer import ImportService
from gera_desktop.services.labels import field_label
from gera_desktop.services.massnahmen import IN_TRASH, PURGED, RESTORED, MassnahmenService

SEEDS = (3, 17, 29)
ACTIONS = 40
TITLE = field_label("titel")
MARKERS = {IN_TRASH, RESTORED, PURGED}
Row = tuple[str, str, str | None, str | None, str]
"""An audit row as compared: Nr., field, old text, new text, source."""


# --- the state the user can see ----------------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """A measure as stored, and whether it lies in the trash."""

    record: MassnahmeData
    in_trash: bool


def state(service: MassnahmenService) -> dict[int, Seen]:
    """Every measure by id, with its children, in the trash or not."""
    seen = {r.id: Seen(r, False) for r in service.list()}
    seen |= {e.massnahme.id: Seen(e.massnahme, True) for e in service.trash()}
    return {record_id: s for record_id, s in seen.items() if record_id is not None}


def audit_rows_after(db: Database, last_id: int) -> list[Row]:
    """The audit lines written after ``last_id`` as every reader shows them (an "angelegt" row expanded)."""
    query = select(Aenderung).where(Aenderung.id > last_id).order_by(Aenderung.id)
    with db.read_session() as session:
        lines = [line for row in session.scalars(query) for line in expanded(to_data(row))]
    return [(a.massnahme_nr, a.feld, a.alter_wert, a.neuer_wert, a.quelle) for a in lines]


def stored_rows_after(db: Database, last_id: int) -> list[tuple[str, str]]:
    """The audit rows as stored after ``last_id``: Nr. and field."""
    query = select(Aenderung.massnahme_nr, Aenderung.feld).where(Aenderung.id > last_id)
    with db.read_session() as session:
        return [(nr, feld) for nr, feld in session.execute(query)]


def last_audit_id(db: Database) -> int:
    with db.read_session() as session:
        return session.scalar(select(func.max(Aenderung.id))) or 0


def expected_rows(before: dict[int, Seen], after: dict[int, Seen], quelle: str) -> list[Row]:
    """The rows an action must write: per measure, its field differences or its trash move."""
    rows: list[Row] = []
    for record_id in sorted(before.keys() | after.keys()):
        old, new = before.get(record_id), after.get(record_id)
        if new is None:
            assert old is not None
            changes = [Change(TITLE, old.record.titel, PURGED)]
        elif old is not None and old.in_trash != new.in_trash:
            moved = (
                Change(TITLE, IN_TRASH, RESTORED)
                if old.in_trash
                else Change(TITLE, old.record.titel, IN_TRASH)
            )
            changes = [moved, *diff_records(old.record, new.record)]
        else:
            changes = diff_records(old.record if old else None, new.record)
        nr = (new or old).record.nr  # type: ignore[union-attr]
        rows += [(nr, feld[:80], alt, neu, quelle) for feld, alt, neu in changes]
    return rows


# --- random measures and edits -----------------------------------------------------------------------


TEXTS = ("Sensorik im Stadtwald", "Digitaler Bauantrag", "Mobilitätsstation Bahnhof", "Open-Data-Portal")
OFFICES = ("Umweltamt", "Amt für Stadtentwicklung", "Verkehrsplanung")


def money(rng: random.Random, low: int = 1_000, high: int = 400_000) -> Decimal:
    return Decimal(rng.randrange(low * 100, high * 100)) / 100


def new_measure(rng: random.Random, nr: str) -> MassnahmeData:
    record = MassnahmeData(
        nr=nr,
        titel=rng.choice(TEXTS),
        innovationsfeld=rng.choice(list(Innovationsfeld)),
        federfuehrung=rng.choice(OFFICES),
        beginn=date(2024, rng.randint(1, 12), 1),
        ende=date(2026, rng.randint(1, 12), 28),
        status=rng.choice(list(Umsetzungsstand)),
        gesamtkosten=money(rng),
        ampel=rng.choice([None, *Ampel]),
        zusatzspalten={"Priorität": rng.choice(["hoch", "niedrig", 1, 2.5])} if rng.random() < 0.5 else {},
    )
    for _ in range(rng.randint(0, 2)):
        edit_children(rng, record)
    return record


def edit_fields(rng: random.Random, record: MassnahmeData) -> None:
    """One visible change of a field or an extra column."""
    choice = rng.randrange(9)
    if choice == 0:
        record.titel = rng.choice(TEXTS) + f" {rng.randint(1, 99)}"
    elif choice == 1:
        record.bemerkung = rng.choice([None, "mit Amt 61 abgestimmt", "Zeile eins\nZeile zwei"])
    elif choice == 2:
        record.status = rng.choice(list(Umsetzungsstand))
    elif choice == 3:
        record.ampel = rng.choice([None, *Ampel])
    elif choice == 4:
        record.fortschritt = rng.choice([None, Decimal(rng.randint(0, 100)), Decimal("33.5")])
    elif choice == 5:
        record.gesamtkosten = money(rng)
    elif choice == 6:
        record.ende = date(rng.choice([2025, 2026, 2027]), rng.randint(1, 12), 28)
    elif choice == 7:
        record.beteiligung = not record.beteiligung
    else:
        edit_extra_columns(rng, record)


def edit_extra_columns(rng: random.Random, record: MassnahmeData) -> None:
    extra = dict(record.zusatzspalten)
    header = rng.choice(["Priorität", "Förderaufruf", "Interne Notiz"])
    if header in extra and rng.random() < 0.4:
        del extra[header]
    else:
        extra[header] = rng.choice(["hoch", "2021", -5, 7, "mit Ampel 🚦"])
    record.zusatzspalten = extra


def edit_children(rng: random.Random, record: MassnahmeData) -> None:
    """Add, change or remove one milestone, budget year or participation event."""
    kind = rng.randrange(3)
    if kind == 0:
        rows: list[Any] = list(record.meilensteine)
        new: Any = MeilensteinData(f"Meilenstein {rng.randint(1, 6)}", date(2025, rng.randint(1, 12), 15))
        record.meilensteine = _edit_list(rng, rows, new, lambda r: replace(r, erledigt_am=date(2025, 12, 1)))
    elif kind == 1:
        rows = list(record.finanzen)
        new = FinanzjahrData(rng.randint(2024, 2026), plan=money(rng, 100, 50_000))
        record.finanzen = _edit_list(rng, rows, new, lambda r: replace(r, ist=money(rng, 100, 50_000)))
    else:
        rows = list(record.beteiligungen)
        new = BeteiligungData(date(2025, rng.randint(1, 12), 3), rng.choice(["Workshop", "Umfrage"]))
        record.beteiligungen = _edit_list(
            rng, rows, new, lambda r: replace(r, teilnehmende=rng.randint(1, 80))
        )


def _edit_list(rng: random.Random, rows: list[Any], new: Any, change: Any) -> list[Any]:
    """Remove or change a random row, or add ``new`` (a duplicate key is refused by validation)."""
    if rows and rng.random() < 0.3:
        rows.pop(rng.randrange(len(rows)))
    elif rows and rng.random() < 0.5:
        index = rng.randrange(len(rows))
        rows[index] = change(rows[index])
    else:
        rows.append(new)
    return rows


def edited(rng: random.Random, record: MassnahmeData) -> MassnahmeData:
    copy = replace(record, zusatzspalten=dict(record.zusatzspalten))
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.6:
            edit_fields(rng, copy)
        else:
            edit_children(rng, copy)
    return copy


# --- the actions -------------------------------------------------------------------------------------


class Actor:
    """Runs random actions; each returns the source its audit rows must carry (``None``: refused)."""

    def __init__(self, db: Database, folder: Path, rng: random.Random, prefix: str) -> None:
        self.db, self.folder, self.rng, self.prefix = db, folder, rng, prefix
        self.service = MassnahmenService(db, user="anna")
        self.importer = ImportService(db, user="bernd")
        self.numbers = 0

    def fresh_nr(self) -> str:
        self.numbers += 1
        return f"{self.prefix}-{self.numbers:02d}"

    def pick(self, in_trash: bool) -> MassnahmeData | None:
        candidates = [s.record for s in state(self.service).values() if s.in_trash is in_trash]
        return self.rng.choice(candidates) if candidates else None

    def create(self) -> str:
        self.service.create(new_measure(self.rng, self.fresh_nr()))
        return Quelle.BEARBEITUNG.value

    def update(self) -> str | None:
        record = self.pick(in_trash=False)
        if record is None:
            return self.create()
        changed = edited(self.rng, record)
        if self.rng.random() < 0.1:
            changed.nr = self.fresh_nr()
        if self.rng.random() < 0.08:
            changed.titel = ""  # refused: required
        self.service.update(changed)
        return Quelle.BEARBEITUNG.value

    def delete(self) -> str | None:
        record = self.pick(in_trash=False)
        if record is None:
            return None
        self.service.delete(record.nr, record.version)
        return Quelle.BEARBEITUNG.value

    def restore(self) -> str | None:
        record = self.pick(in_trash=True)
        if record is None:
            return None
        self.service.restore(record.nr)
        return Quelle.WIEDERHERSTELLUNG.value

    def purge(self) -> str | None:
        record = self.pick(in_trash=True)
        if record is None:
            return None
        self.service.purge(record.nr)
        return Quelle.BEARBEITUNG.value

    def import_file(self) -> str | None:
        """A workbook with some stored measures edited, maybe a new one and maybe one from the trash."""
        seen = state(self.service)
        active = [s.record for s in seen.values() if not s.in_trash]
        chosen = self.rng.sample(active, k=min(len(active), self.rng.randint(1, 3)))
        records = [edited(self.rng, r) if self.rng.random() < 0.7 else r for r in chosen]
        if self.rng.random() < 0.4:
            records.append(new_measure(self.rng, self.fresh_nr()))
        trashed = [s.record for s in seen.values() if s.in_trash]
        if trashed and self.rng.random() < 0.2:
            records.append(self.rng.choice(trashed))
        path = self.folder / f"zulieferung-{self.prefix}-{self.numbers}-{self.rng.randrange(10**6)}.xlsx"
        write_liste(path, records, date.today())
        report = self.importer.run(path)
        return import_quelle(path.name) if report.written else None

    def act(self) -> str | None:
        actions = [self.create, self.update, self.delete, self.restore, self.purge, self.import_file]
        action = self.rng.choices(actions, weights=[15, 40, 10, 8, 4, 18])[0]
        try:
            return action()
        except GeraError:
            return None


def check_action(actor: Actor) -> str | None:
    """One random action, and its audit rows against the change it made."""
    before, last = state(actor.service), last_audit_id(actor.db)
    quelle = actor.act()
    after, rows = state(actor.service), audit_rows_after(actor.db, last)
    if quelle is None:
        assert (rows, after) == ([], before), "eine abgelehnte Aktion hat etwas geschrieben"
        return None
    assert sorted(rows) == sorted(expected_rows(before, after, quelle))
    created = sorted(after[record_id].record.nr for record_id in after.keys() - before.keys())
    stored = stored_rows_after(actor.db, last)
    assert sorted((nr, feld) for nr, feld in stored if nr in created) == [(nr, CREATED) for nr in created]
    return quelle


def replayed(service: MassnahmenService, record: MassnahmeData) -> dict[str, str | None]:
    """The newest value per field label in the measure's history (trash marks are no values)."""
    values: dict[str, str | None] = {}
    for entry in reversed(service.history(record.nr)):
        if entry.neuer_wert not in MARKERS and entry.alter_wert not in MARKERS:
            values[entry.feld] = entry.neuer_wert
    return values


def check_replay(service: MassnahmenService) -> None:
    """Each field's current display text is the newest value its history records."""
    for seen in state(service).values():
        record, history = seen.record, replayed(service, seen.record)
        for key in FIELD_KEYS:
            assert history.get(field_label(key)) == value_text(key, getattr(record, key)), (record.nr, key)
        for header, value in record.zusatzspalten.items():
            assert history.get(f"Zusatzspalte „{header}“") == value_text(header, value), (record.nr, header)


def test_every_change_through_every_path_leaves_exactly_its_audit_rows(database, tmp_path) -> None:
    sources: set[str] = set()
    for seed in SEEDS:
        actor = Actor(database, tmp_path, random.Random(seed), prefix=f"A{seed}")
        for _ in range(ACTIONS):
            quelle = check_action(actor)
            sources.add((quelle or "abgelehnt").split()[0])
        check_replay(actor.service)
    assert sources == {"Bearbeitung", "Import", "Wiederherstellung", "abgelehnt"}


# --- restoring a backup ------------------------------------------------------------------------------


def all_rows(db: Database) -> list[Row]:
    return audit_rows_after(db, 0)


@pytest.fixture
def sqlite_database(sqlite_url: str) -> Iterator[Database]:
    db = open_database(sqlite_url)
    yield db
    db.dispose()


def test_a_restored_backup_brings_its_own_trail_and_the_replaced_trail_is_kept(sqlite_database, tmp_path):
    db = sqlite_database
    actor = Actor(db, tmp_path, random.Random(5), prefix="R")
    for _ in range(15):
        check_action(actor)
    backups = BackupService(db)
    backup = backups.create(tmp_path / "stand.sqlite").path
    trail_at_backup, state_at_backup = all_rows(db), state(actor.service)
    for _ in range(15):
        check_action(actor)
    trail_before_restore = all_rows(db)
    assert trail_before_restore != trail_at_backup

    safety = backups.restore(backup)
    db.dispose()

    assert all_rows(db) == trail_at_backup
    assert state(actor.service) == state_at_backup
    check_replay(actor.service)
    kept = open_database(f"sqlite:///{safety.path}")
    try:
        assert all_rows(kept) == trail_before_restore
    finally:
        kept.dispose()
