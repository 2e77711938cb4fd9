"""Calls, decisions and Clusters through the services: saved and loaded with the measure, audited, in the
list's effective amounts, copied into a Stand; the Clusters themselves; the deadline settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.orm import Session

from gera_desktop.domain.council import cluster_key
from gera_desktop.domain.enums import Abrufstatus, Beschlussart, Beschlussergebnis
from gera_desktop.domain.errors import DuplicateError, NotFoundError, ValidationError
from gera_desktop.domain.models import Cluster
from gera_desktop.domain.records import BeschlussData, FinanzjahrData, MassnahmeData, MittelabrufData
from gera_desktop.domain.rules import effective_amounts
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.persistence.database import Database
from gera_desktop.services import mapping, queries
from gera_desktop.services.clusters import ClusterData, ClusterService
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.settings import SettingsService
from gera_desktop.services.staende import StaendeService
from tests.records import measure

MAERZ, SEPTEMBER = date(2024, 3, 15), date(2024, 9, 2)
COUNCIL = BeschlussData(
    Beschlussart.STADTRAT,
    date(2021, 12, 14),
    Beschlussergebnis.BESCHLOSSEN,
    "82/2019",
    "7. Ergänzung",
    "Stadtrat",
)
FUNDER = BeschlussData(Beschlussart.FOERDERMITTELGEBER, date(2022, 2, 1), Beschlussergebnis.FREIGEGEBEN)


def council_measure(nr: str = "UM-06", cluster: str | None = "Klimaanpassung") -> MassnahmeData:
    """A measure of 100.000 € (90 % Bundesmittel) with two calls (one called), two decisions and a Cluster."""
    record = measure(
        nr, gesamtkosten=Decimal("100000.00"), cluster=cluster, drucksache=None, beschlussdatum=None
    )
    computed: dict[str, Any] = dict.fromkeys(("foerderfaehig", "bundesmittel", "drittmittel", "eigenanteil"))
    record = replace(record, **computed)
    record.abgerufen = None
    record.finanzen = [FinanzjahrData(2024, Decimal("100000.00"))]
    record.mittelabrufe = [
        MittelabrufData(SEPTEMBER, Decimal("20000.00"), status=Abrufstatus.GEPLANT),
        MittelabrufData(MAERZ, Decimal("30000.00"), status=Abrufstatus.ABGERUFEN, bemerkung="1. Abruf"),
    ]
    record.beschluesse = [FUNDER, COUNCIL]
    return record


def list_record(database: Database, nr: str) -> MassnahmeData:
    with database.read_session() as session:
        return next(r for r in queries.load_list_records(session, []) if r.nr == nr)


def test_a_new_measure_keeps_its_calls_decisions_and_cluster(measures: MassnahmenService) -> None:
    created = measures.create(council_measure())

    loaded = measures.get("UM-06")

    assert loaded == created
    assert loaded.cluster == "Klimaanpassung"
    assert loaded.mittelabrufe == [
        MittelabrufData(MAERZ, Decimal("30000.00"), "2024/I", Abrufstatus.ABGERUFEN, "1. Abruf"),
        MittelabrufData(SEPTEMBER, Decimal("20000.00"), "2024/II", Abrufstatus.GEPLANT),
    ]
    assert loaded.beschluesse == [COUNCIL, FUNDER]
    assert (loaded.drucksache, loaded.beschlussdatum) == ("82/2019 7. Ergänzung", date(2021, 12, 14))
    assert loaded.finanzen == [FinanzjahrData(2024, Decimal("100000.00"), None, Decimal("30000.00"))]


def test_the_history_of_a_new_measure_names_its_calls_decisions_and_cluster(
    measures: MassnahmenService,
) -> None:
    measures.create(council_measure())

    lines = {line.feld: line.neuer_wert for line in measures.history("UM-06")}

    assert lines["Cluster"] == "Klimaanpassung"
    assert lines["Mittelabruf vom 15.03.2024 über 30.000,00 €"] == (
        "Datum: 15.03.2024; Betrag: 30.000,00 €; Halbjahr: 2024/I; Status: abgerufen; Bemerkung: 1. Abruf"
    )
    assert lines["Beschluss Stadtrat „82/2019 7. Ergänzung“ vom 14.12.2021"] == (
        "Art: Stadtrat; Datum: 14.12.2021; Ergebnis: beschlossen; Drucksache-Nr.: 82/2019; "
        "Ergänzung: 7. Ergänzung; Gremium: Stadtrat; Umlaufbeschluss: nein"
    )


def test_a_changed_call_is_audited_and_the_called_funds_follow(
    database: Database, measures: MassnahmenService
) -> None:
    created = measures.create(council_measure())
    paid = replace(created.mittelabrufe[1], status=Abrufstatus.AUSGEZAHLT)

    saved = measures.update(replace(created, mittelabrufe=[created.mittelabrufe[0], paid]))

    (change,) = [
        line for line in measures.history("UM-06") if line.feld.startswith("Mittelabruf") and line.alter_wert
    ]
    assert (change.feld, change.alter_wert, change.neuer_wert) == (
        "Mittelabruf vom 02.09.2024 über 20.000,00 €: Status",
        "geplant",
        "ausgezahlt",
    )
    assert created.version is not None
    assert saved.version == created.version + 1
    assert saved.finanzen[0].abgerufen == Decimal("50000.00")
    assert effective_amounts(saved, Decimal(90))["abgerufen"] == Decimal("50000.00")
    assert effective_amounts(list_record(database, "UM-06"), Decimal(90))["abgerufen"] == Decimal("50000.00")


def test_a_saved_pair_adds_a_council_decision_and_an_empty_one_deletes_none(
    measures: MassnahmenService,
) -> None:
    created = measures.create(council_measure())

    added = measures.update(
        replace(created, drucksache="82/2019 9. Ergänzung", beschlussdatum=date(2024, 5, 2))
    )
    kept = measures.update(replace(added, drucksache=None, beschlussdatum=None))

    new = BeschlussData(
        Beschlussart.STADTRAT, date(2024, 5, 2), Beschlussergebnis.BESCHLOSSEN, "82/2019", "9. Ergänzung"
    )
    assert added.beschluesse == [COUNCIL, FUNDER, new]
    assert kept.beschluesse == added.beschluesse
    assert (kept.drucksache, kept.beschlussdatum) == ("82/2019 9. Ergänzung", date(2024, 5, 2))


def test_without_its_last_called_call_a_measure_has_called_nothing(
    database: Database, measures: MassnahmenService
) -> None:
    created = measures.create(council_measure())

    saved = measures.update(replace(created, mittelabrufe=created.mittelabrufe[1:]))

    assert saved.finanzen[0].abgerufen is None
    assert effective_amounts(list_record(database, "UM-06"), Decimal(90))["abgerufen"] == Decimal("0.00")


def test_a_cluster_is_created_by_name_and_joined_in_any_spelling(
    database: Database, measures: MassnahmenService
) -> None:
    measures.create(council_measure("UM-06"))
    measures.create(council_measure("UM-07", cluster="  KLIMAANPASSUNG "))
    measures.create(council_measure("UM-08", cluster="Digitale Verwaltung"))
    measures.create(council_measure("UM-09", cluster=None))
    clusters = ClusterService(database)

    described = clusters.describe("klimaanpassung", "  Maßnahmen gegen Hitze und Hochwasser ")

    assert measures.get("UM-07").cluster == "Klimaanpassung"
    assert list_record(database, "UM-07").cluster == "Klimaanpassung"
    assert list_record(database, "UM-09").cluster is None
    assert described == ClusterData("Klimaanpassung", "Maßnahmen gegen Hitze und Hochwasser", 2)
    assert clusters.list() == [
        ClusterData("Digitale Verwaltung", None, 1),
        ClusterData("Klimaanpassung", "Maßnahmen gegen Hitze und Hochwasser", 2),
    ]
    with pytest.raises(NotFoundError, match="Ein Cluster „Mobilität“ gibt es nicht"):
        clusters.describe("Mobilität", None)


def test_a_measure_leaving_its_cluster_is_audited(measures: MassnahmenService) -> None:
    created = measures.create(council_measure())

    measures.update(replace(created, cluster=None))

    change = next(line for line in measures.history("UM-06") if line.feld == "Cluster")
    assert (change.alter_wert, change.neuer_wert) == ("Klimaanpassung", None)


def test_a_stand_holds_the_calls_decisions_and_cluster(
    database: Database, measures: MassnahmenService
) -> None:
    created = measures.create(council_measure())
    staende = StaendeService(database, user="anna")
    staende.freeze("Vorlage Stadtrat")
    measures.update(replace(created, cluster=None, mittelabrufe=[], beschluesse=[]))

    (frozen,) = staende.load("Vorlage Stadtrat").measures

    assert frozen.record.cluster == "Klimaanpassung"
    assert frozen.record.mittelabrufe == created.mittelabrufe
    assert frozen.record.beschluesse == created.beschluesse
    assert frozen.effektiv["abgerufen"] == Decimal("30000.00")


def test_the_deadline_settings_are_stored_and_checked(database: Database) -> None:
    service = SettingsService(database)
    chosen = ProgrammEinstellungen(
        programmende=date(2027, 6, 30),
        stichtag_neue_massnahmen=date(2025, 12, 31),
        verwendungsnachweis=date(2028, 6, 30),
    )

    assert service.load().programmende == date(2026, 12, 31)
    service.save(chosen)
    assert service.load() == chosen
    with pytest.raises(ValidationError) as raised:
        service.save(replace(chosen, stichtag_neue_massnahmen=date(2027, 7, 1)))
    assert raised.value.problems[0].message == (
        "Der Stichtag für neue Maßnahmen (01.07.2027) liegt nach dem Programmende (30.06.2027)."
    )
    assert service.load() == chosen


def test_a_cluster_created_meanwhile_by_another_session_is_a_german_error(
    measures: MassnahmenService, monkeypatch: pytest.MonkeyPatch
) -> None:
    measures.create(council_measure("UM-06"))

    def created_again(session: Session, name: str | None) -> Cluster:
        """As if another session had created the Cluster after this one looked for it."""
        cluster = Cluster(name=name, name_key=cluster_key(name or ""))
        session.add(cluster)
        return cluster

    monkeypatch.setattr(mapping, "cluster_named", created_again)

    with pytest.raises(DuplicateError, match="soeben in einer anderen Sitzung angelegt"):
        measures.create(council_measure("UM-07"))
    assert [r.nr for r in measures.list()] == ["UM-06"]
