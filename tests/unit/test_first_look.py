"""The start's first look at a SQLite file: the list read with plain sqlite3 before the database is opened.

It must list exactly what the opened database lists (every field, typed as SQLAlchemy returns it, the
sum of Abgerufen, nothing from the Papierkorb) with the programme settings, and it must step aside
(``None``) wherever the database has to be opened first.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gera_desktop.domain.records import ListRecord, MeilensteinData, NotReadError
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.persistence.opening import open_database
from gera_desktop.resources import demo_data
from gera_desktop.services.core import Anwendung
from tests.unit.sample_data import damage


@pytest.fixture
def demo_core(sqlite_url: str) -> Anwendung:
    """The core of a SQLite file with the demo data, one measure in the Papierkorb and own settings."""
    core = Anwendung(sqlite_url)
    core.open()
    core.load_demo(demo_data())
    first = core.list_records()[0]
    core.delete(first.nr, first.version)
    core.save_settings(
        ProgrammEinstellungen(Decimal("85.50"), Decimal("2500000.00"), "Programmbüro zum Test")
    )
    return core


def by_id(records: list[ListRecord]) -> list[ListRecord]:
    return sorted(records, key=lambda record: record.id or 0)


def test_the_first_look_lists_what_the_opened_database_lists(demo_core: Anwendung) -> None:
    opened, settings = demo_core.list_records(), demo_core.settings()
    demo_core.close()

    look = Anwendung(demo_core.url).first_look()

    assert look is not None
    assert len(look.records) == len(opened) == 24
    assert by_id(look.records) == by_id(opened)
    for looked, read in zip(by_id(look.records), by_id(opened), strict=True):
        assert {key: type(value) for key, value in vars(looked).items()} == {
            key: type(value) for key, value in vars(read).items()
        }
    assert (
        look.settings
        == settings
        == ProgrammEinstellungen(Decimal("85.50"), Decimal("2500000.00"), "Programmbüro zum Test")
    )


def test_each_listed_measure_gets_lists_of_its_own(
    demo_core: Anwendung,
) -> None:
    demo_core.close()

    look = Anwendung(demo_core.url).first_look()

    assert look is not None
    look.records[0].meilensteine.append(MeilensteinData("Start", date(2026, 1, 1)))
    look.records[0].zusatzspalten["Wahlkreis"] = "Ost"
    assert all(not r.meilensteine and not r.zusatzspalten for r in look.records[1:])


def test_opening_after_the_first_look_does_not_make_the_views_read_everything_again(
    demo_core: Anwendung,
) -> None:
    demo_core.close()
    core = Anwendung(demo_core.url)
    assert core.first_look() is not None

    outcome = core.open(listed=True)

    assert not outcome.changes.database_replaced
    assert not outcome.changes.read_only
    assert outcome.value.name == Path(demo_core.url.removeprefix("sqlite:///")).name


def test_no_first_look_at_a_database_that_is_not_there_yet(tmp_path: Path) -> None:
    assert Anwendung(f"sqlite:///{tmp_path / 'neu.sqlite'}").first_look() is None
    assert not (tmp_path / "neu.sqlite").exists()


def test_no_first_look_at_an_empty_file_or_one_that_is_no_database(tmp_path: Path) -> None:
    empty, text = tmp_path / "leer.sqlite", tmp_path / "text.sqlite"
    empty.touch()
    text.write_text("Das ist keine Datenbank." * 200, encoding="utf-8")

    assert Anwendung(f"sqlite:///{empty}").first_look() is None
    assert Anwendung(f"sqlite:///{text}").first_look() is None


def test_no_first_look_while_a_migration_is_due(demo_core: Anwendung, tmp_path: Path) -> None:
    demo_core.close()
    path = Path(demo_core.url.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0002'")
    connection.close()

    assert Anwendung(demo_core.url).first_look() is None


def test_no_first_look_at_a_damaged_file(demo_core: Anwendung, tmp_path: Path) -> None:
    demo_core.close()
    path = Path(demo_core.url.removeprefix("sqlite:///"))
    damaged = tmp_path / "kaputt.sqlite"
    shutil.copyfile(path, damaged)
    damage(damaged)

    assert Anwendung(f"sqlite:///{damaged}").first_look() is None
    assert open_database(f"sqlite:///{damaged}").damaged  # opening it says so, read-only


def test_no_first_look_at_a_server_database() -> None:
    assert Anwendung("postgresql+psycopg://gera@server/massnahmen").first_look() is None


def test_the_first_look_changes_nothing_in_the_file(demo_core: Anwendung) -> None:
    demo_core.close()
    path = Path(demo_core.url.removeprefix("sqlite:///"))
    before = {p.name: p.read_bytes() for p in path.parent.glob(f"{path.name}*")}

    assert Anwendung(demo_core.url).first_look() is not None

    assert {p.name: p.read_bytes() for p in path.parent.glob(f"{path.name}*")} == before


def test_a_first_look_at_some_fields_holds_those_as_the_whole_reading_does(demo_core: Anwendung) -> None:
    opened = {record.id: record for record in demo_core.list_records()}
    demo_core.close()
    keys = {"nr", "titel", "cluster", "gesamtkosten", "abgerufen_jahresscheiben"}

    look = Anwendung(demo_core.url).first_look(keys)

    assert look is not None
    assert look.read == frozenset(keys | {"id"})
    assert len(look.records) == len(opened) == 24
    for record in look.records:
        whole = opened[record.id]
        assert {key: getattr(record, key) for key in look.read} == {
            key: getattr(whole, key) for key in look.read
        }
    assert any(record.abgerufen_jahresscheiben for record in look.records)


def test_a_field_the_first_look_did_not_read_is_never_a_silent_default(demo_core: Anwendung) -> None:
    demo_core.close()

    look = Anwendung(demo_core.url).first_look({"nr", "titel"})

    assert look is not None
    record = look.records[0]
    with pytest.raises(NotReadError, match="kurzbeschreibung"):
        _ = record.kurzbeschreibung  # the dataclass default would be ``None``
    with pytest.raises(NotReadError):
        _ = record.gesamtkosten
    assert record.meilensteine == []
    assert record.zusatzspalten == {}


def test_the_first_look_refuses_fields_the_list_does_not_have(demo_core: Anwendung) -> None:
    demo_core.close()

    with pytest.raises(KeyError):
        Anwendung(demo_core.url).first_look({"nr", "meilensteine"})
