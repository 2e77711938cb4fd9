"""Stände on a real database: freezing, listing, opening, deleting; names; nothing done to measures later
changes a Stand; the programme settings and effective amounts in force are part of it; audit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.errors import (
    DatabaseError,
    DuplicateError,
    NotFoundError,
    ReadOnlyError,
    ValidationError,
)
from gera_desktop.domain.models import Aenderung, Stand, StandTeil
from gera_desktop.domain.records import BeteiligungData, FinanzjahrData, MassnahmeData, MeilensteinData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.persistence import frozen
from gera_desktop.persistence.database import Database
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.settings import SettingsService
from gera_desktop.services.staende import StaendeService
from tests.records import measure, with_children

NAME = "Vorlage Stadtrat 14.12.2021"


@pytest.fixture
def measures(database: Database) -> MassnahmenService:
    service = MassnahmenService(database, user="anna")
    service.create(with_children(measure("P-01")))
    service.create(
        measure(
            "UM-06",
            titel="Sensorik für Hochwasserprävention",
            innovationsfeld=Innovationsfeld.UMWELT,
            status=Umsetzungsstand.IN_UMSETZUNG,
            gesamtkosten=Decimal("420000.00"),
            **dict.fromkeys(("foerderfaehig", "foerderquote", "bundesmittel", "eigenanteil", "abgerufen")),
            zusatzspalten={"Interne Notiz": "mit FD Tiefbau abstimmen", "Priorität": 1},
            meilensteine=[MeilensteinData("Pegel installiert", date(2024, 4, 30), date(2024, 6, 12))],
            finanzen=[FinanzjahrData(2024, Decimal("200000.00"), Decimal("150000.00"), Decimal("90000.00"))],
            beteiligungen=[
                BeteiligungData(date(2023, 3, 14), "Workshop", "Rathaus", 34, "Standorte gewählt")
            ],
        )
    )
    return service


@pytest.fixture
def staende(database: Database) -> StaendeService:
    return StaendeService(database, user="bmeier")


def comparable(record: MassnahmeData) -> MassnahmeData:
    """A record without the live row's bookkeeping (a Stand refers to no row)."""
    return replace(record, id=None, version=None)


# --- freezing, listing, opening ----------------------------------------------------------------------


def test_a_stand_holds_every_measure_with_children_extra_columns_and_bookkeeping(
    measures: MassnahmenService, staende: StaendeService
) -> None:
    info = staende.freeze(NAME, "Drucksache 82/2019")

    snapshot = staende.load(NAME)
    assert (info.name, info.angelegt_von, info.bemerkung, info.anzahl) == (
        NAME,
        "bmeier",
        "Drucksache 82/2019",
        2,
    )
    assert snapshot.info == info
    assert snapshot.zeitpunkt == info.angelegt_am
    assert [m.record for m in snapshot.measures] == [comparable(r) for r in measures.list()]
    um06 = snapshot.measures[1].record
    assert um06.zusatzspalten == {"Interne Notiz": "mit FD Tiefbau abstimmen", "Priorität": 1}
    assert um06.beteiligungen == [
        BeteiligungData(date(2023, 3, 14), "Workshop", "Rathaus", 34, "Standorte gewählt")
    ]
    assert um06.geaendert_von == "anna"


def test_a_stand_holds_the_effective_amounts_and_the_settings_in_force(
    database: Database, measures: MassnahmenService, staende: StaendeService
) -> None:
    SettingsService(database).save(ProgrammEinstellungen(Decimal(80), Decimal("5000000.00"), "Programmbüro"))
    staende.freeze(NAME)
    SettingsService(database).save(ProgrammEinstellungen(Decimal(90)))

    snapshot = staende.load(NAME)

    assert snapshot.settings == ProgrammEinstellungen(Decimal(80), Decimal("5000000.00"), "Programmbüro")
    um06 = snapshot.measures[1]
    assert um06.record.bundesmittel is None  # stored as computed, as in the live record
    assert um06.effektiv == {
        "foerderfaehig": Decimal("420000.00"),
        "foerderquote": Decimal("80.00"),
        "bundesmittel": Decimal("336000.00"),  # 80 % – the rate in force when it was taken
        "drittmittel": Decimal("0.00"),
        "eigenanteil": Decimal("84000.00"),
        "abgerufen": Decimal("90000.00"),  # the budget years' Abgerufen
    }
    assert staende.today().measures[1].effektiv["bundesmittel"] == Decimal("378000.00")


def test_measures_in_the_trash_are_not_frozen(measures: MassnahmenService, staende: StaendeService) -> None:
    measures.delete("P-01", None)

    assert staende.freeze(NAME).anzahl == 1
    assert [m.record.nr for m in staende.load(NAME).measures] == ["UM-06"]


def test_an_empty_database_gives_an_empty_stand(staende: StaendeService) -> None:
    assert staende.freeze(NAME).anzahl == 0
    assert staende.load(NAME).measures == ()


def test_stands_are_listed_newest_first(database: Database, staende: StaendeService) -> None:
    staende.freeze("Mittelabruf 2024/I")
    staende.freeze("Mittelabruf 2024/II")
    with database.write_session() as session:
        session.execute(
            update(Stand).where(Stand.name == "Mittelabruf 2024/I").values(angelegt_am=datetime(2024, 7, 1))
        )

    assert [info.name for info in staende.list()] == ["Mittelabruf 2024/II", "Mittelabruf 2024/I"]


def test_a_stand_is_opened_by_its_name_ignoring_case_and_spacing(
    measures: MassnahmenService, staende: StaendeService
) -> None:
    staende.freeze(NAME)

    assert staende.load("  vorlage stadtrat   14.12.2021 ").name == NAME
    assert staende.snapshot(NAME).name == NAME
    assert staende.snapshot("").is_today


# --- nothing done to measures changes a Stand -------------------------------------------------------


def test_a_stand_stays_unchanged_after_its_measures_are_edited_deleted_purged_and_restored(
    database: Database, measures: MassnahmenService, staende: StaendeService
) -> None:
    staende.freeze(NAME)
    frozen = staende.load(NAME)
    um06 = measures.get("UM-06")
    measures.update(replace(um06, gesamtkosten=Decimal("450000.00"), meilensteine=[], zusatzspalten={}))
    measures.create(measure("UM-14"))
    SettingsService(database).save(ProgrammEinstellungen(Decimal(50)))
    measures.delete("P-01", None)
    measures.purge("P-01")
    measures.delete("UM-06", None)
    measures.restore("UM-06")

    assert staende.load(NAME) == frozen
    assert frozen.measures[1].record.gesamtkosten == Decimal("420000.00")
    assert [m.record.nr for m in frozen.measures] == ["P-01", "UM-06"]


def test_another_stand_is_taken_of_the_measures_as_they_are_then(
    measures: MassnahmenService, staende: StaendeService
) -> None:
    staende.freeze("vorher")
    measures.update(replace(measures.get("UM-06"), gesamtkosten=Decimal("450000.00")))
    staende.freeze("nachher")

    costs = {name: staende.load(name).measures[1].record.gesamtkosten for name in ("vorher", "nachher")}
    assert costs == {"vorher": Decimal("420000.00"), "nachher": Decimal("450000.00")}


# --- names --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Bitte einen Namen für den Stand angeben."),
        ("x" * 121, "Der Name des Stands ist zu lang (121 Zeichen, höchstens 120)."),
        ("Stand\nzwei", "Der Name „Stand\nzwei“ enthält Steuerzeichen."),
        (
            " Heute",
            "„Heute“ steht im Vergleich für die aktuellen Maßnahmen. Bitte einen anderen Namen wählen.",
        ),
    ],
)
def test_bad_names_are_refused_in_german(staende: StaendeService, name: str, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        staende.freeze(name)

    assert raised.value.for_field("name") == [message]
    assert staende.list() == []


def test_a_too_long_remark_is_refused(staende: StaendeService) -> None:
    with pytest.raises(ValidationError) as raised:
        staende.freeze(NAME, "x" * 4001)

    assert raised.value.for_field("bemerkung") == [
        "Die Bemerkung ist zu lang (4.001 Zeichen, höchstens 4.000)."
    ]


def test_names_are_unique_ignoring_case_and_spacing(staende: StaendeService) -> None:
    first = staende.freeze(f"  {NAME} ")

    with pytest.raises(DuplicateError) as raised:
        staende.freeze("VORLAGE  Stadtrat 14.12.2021")

    assert first.name == NAME
    assert raised.value.message.startswith(f"Es gibt schon einen Stand „{NAME}“ (angelegt am ")
    assert "von bmeier, 0 Maßnahmen). Bitte wählen Sie einen anderen Namen." in raised.value.message
    assert len(staende.list()) == 1


def test_an_unknown_stand_names_the_existing_ones(staende: StaendeService) -> None:
    with pytest.raises(NotFoundError) as none_yet:
        staende.load("Mittelabruf 2024/II")
    staende.freeze("Mittelabruf 2024/I")
    staende.freeze(NAME)

    with pytest.raises(NotFoundError) as raised:
        staende.delete("Mittelabruf 2024/II")

    assert (
        none_yet.value.message
        == "Es gibt keinen Stand „Mittelabruf 2024/II“. Es wurde noch kein Stand angelegt."
    )
    assert raised.value.message == (
        f"Es gibt keinen Stand „Mittelabruf 2024/II“. Vorhandene Stände: Mittelabruf 2024/I, {NAME}."
    )


# --- deleting, audit ----------------------------------------------------------------------------------


def test_deleting_a_stand_removes_it_with_its_data_and_leaves_the_others(
    database: Database, measures: MassnahmenService, staende: StaendeService
) -> None:
    staende.freeze("Mittelabruf 2024/I")
    staende.freeze(NAME)
    kept = staende.load(NAME)

    deleted = staende.delete("mittelabruf 2024/i")

    assert deleted.name == "Mittelabruf 2024/I"
    assert [info.name for info in staende.list()] == [NAME]
    assert staende.load(NAME) == kept
    with database.read_session() as session:
        assert len(session.scalars(select(StandTeil.stand_id)).all()) == 1
    assert staende.freeze("Mittelabruf 2024/I").anzahl == 2  # the name is free again


def test_freezing_and_deleting_are_in_the_audit_log_under_no_measure(
    database: Database, measures: MassnahmenService, staende: StaendeService
) -> None:
    staende.freeze(NAME)
    staende.delete(NAME)

    with database.read_session() as session:
        rows = session.scalars(
            select(Aenderung).where(Aenderung.massnahme_nr == "").order_by(Aenderung.id)
        ).all()
    assert [(r.benutzer, r.feld, r.alter_wert, r.neuer_wert) for r in rows] == [
        ("bmeier", f"Stand „{NAME}“", None, "angelegt (2 Maßnahmen)"),
        ("bmeier", f"Stand „{NAME}“", rows[1].alter_wert, "gelöscht"),
    ]
    assert rows[1].alter_wert is not None
    assert rows[1].alter_wert.endswith("von bmeier, 2 Maßnahmen")
    assert measures.history("UM-06")[0].feld != f"Stand „{NAME}“"


# --- what the program cannot read ---------------------------------------------------------------------


def test_a_stand_of_a_newer_format_is_refused_in_german(database: Database, staende: StaendeService) -> None:
    staende.freeze(NAME)
    with database.write_session() as session:
        session.execute(update(Stand).values(format=frozen.FORMAT + 1))

    with pytest.raises(DatabaseError) as raised:
        staende.load(NAME)

    assert raised.value.message == (
        f"Der Stand „{NAME}“ wurde von einer neueren Version von gera-desktop angelegt "
        f"(Format {frozen.FORMAT + 1}) und kann mit dieser Version nicht geöffnet werden."
    )


def test_a_damaged_stand_is_refused_in_german(
    database: Database, measures: MassnahmenService, staende: StaendeService
) -> None:
    staende.freeze(NAME)
    with database.write_session() as session:
        session.execute(update(StandTeil).values(daten=b"kaputt"))

    with pytest.raises(
        DatabaseError, match=f"Der Stand „{NAME}“ ist beschädigt und kann nicht gelesen werden"
    ):
        staende.load(NAME)


def test_a_read_only_database_shows_its_stands_but_takes_no_new_one(
    database: Database, measures: MassnahmenService, staende: StaendeService
) -> None:
    staende.freeze(NAME)
    database.read_only, database.read_only_reason = True, "Die Datenbankdatei ist schreibgeschützt."

    with pytest.raises(ReadOnlyError, match="Die Datenbankdatei ist schreibgeschützt"):
        staende.freeze("Mittelabruf 2024/II")
    with pytest.raises(ReadOnlyError):
        staende.delete(NAME)

    assert [info.name for info in staende.list()] == [NAME]
    assert len(staende.load(NAME).measures) == 2
