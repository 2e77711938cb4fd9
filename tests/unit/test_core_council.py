"""The Cluster use cases of the application core: listed with description and number of measures, added,
renamed (the measures follow), described and deleted while empty, each write saying that the Clusters
changed; bad names are refused with German messages."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gera_desktop.domain.errors import ConflictError, DuplicateError, NotFoundError, ValidationError
from gera_desktop.persistence.database import Database
from gera_desktop.resources import demo_data
from gera_desktop.services.changes import Changes
from gera_desktop.services.clusters import ClusterData
from gera_desktop.services.core import Anwendung

KLIMA = "Klimaanpassung"


@pytest.fixture
def core(database: Database) -> Anwendung:
    core = Anwendung.on(database, user="Frau Schmidt")
    core.load_demo(demo_data())
    return core


def _join(core: Anwendung, nr: str, cluster: str | None) -> None:
    core.update(replace(core.get(nr), cluster=cluster))


def test_a_new_cluster_is_listed_with_its_description_and_no_measures(core: Anwendung) -> None:
    created = core.create_cluster("  Digitale   Verwaltung ", "Portal und E-Akte")

    assert created.changes == Changes(clusters=True)
    assert core.clusters() == [ClusterData("Digitale Verwaltung", "Portal und E-Akte", 0)]
    assert core.cluster_names() == ["Digitale Verwaltung"]


def test_a_cluster_counts_the_measures_outside_the_trash(core: Anwendung) -> None:
    _join(core, "UM-06", KLIMA)
    _join(core, "UM-07", "klimaanpassung")  # another spelling joins the same Cluster
    core.delete("UM-07", None)

    assert core.clusters() == [ClusterData(KLIMA, None, 1)]


def test_renaming_a_cluster_changes_its_measures(core: Anwendung) -> None:
    _join(core, "UM-06", KLIMA)
    measure_id = core.get("UM-06").id
    assert measure_id is not None

    renamed = core.rename_cluster(KLIMA, "Klima und Umwelt")

    assert renamed.value == ClusterData("Klima und Umwelt", None, 1)
    assert renamed.changes == Changes.of(changed=[measure_id], clusters=True)
    assert core.get("UM-06").cluster == "Klima und Umwelt"


def test_a_rename_is_in_the_history_and_a_form_with_the_old_name_meets_a_conflict(core: Anwendung) -> None:
    _join(core, "UM-06", KLIMA)
    open_in_form = core.get("UM-06")

    core.rename_cluster(KLIMA, "Klima und Umwelt")

    latest = core.measure("UM-06").history[0]
    assert (latest.feld, latest.alter_wert, latest.neuer_wert) == ("Cluster", KLIMA, "Klima und Umwelt")
    assert latest.benutzer == "Frau Schmidt"
    with pytest.raises(ConflictError):
        core.update(replace(open_in_form, titel="Neuer Titel"))
    assert [c.name for c in core.clusters()] == ["Klima und Umwelt"]


def test_a_cluster_may_change_the_spelling_of_its_own_name_but_not_take_another(core: Anwendung) -> None:
    core.create_cluster(KLIMA)
    core.create_cluster("Mobilität")

    assert core.rename_cluster(KLIMA, "KLIMAANPASSUNG").value.name == "KLIMAANPASSUNG"
    with pytest.raises(DuplicateError, match="Es gibt schon ein Cluster „Mobilität“"):
        core.rename_cluster("klimaanpassung", "mobilität")
    with pytest.raises(DuplicateError, match="Es gibt schon ein Cluster"):
        core.create_cluster(" MOBILITÄT ")


@pytest.mark.parametrize(
    ("name", "message"),
    [("   ", "Name: Pflichtfeld – bitte ausfüllen."), ("x" * 121, "Name: Der Name ist zu lang (121 Zeichen")],
)
def test_a_bad_name_is_refused_in_german(core: Anwendung, name: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        core.create_cluster(name)

    assert refused.value.problems[0].message.startswith(message)
    assert core.clusters() == []


def test_describing_a_cluster_keeps_its_measures(core: Anwendung) -> None:
    _join(core, "UM-06", KLIMA)

    described = core.describe_cluster(KLIMA, "  Hitze, Starkregen  ")

    assert described.value == ClusterData(KLIMA, "Hitze, Starkregen", 1)
    assert described.changes == Changes(clusters=True)


def test_only_a_cluster_without_measures_can_be_deleted(core: Anwendung) -> None:
    _join(core, "UM-06", KLIMA)

    with pytest.raises(ValidationError) as refused:
        core.delete_cluster(KLIMA)
    assert "1 Maßnahme gehört dazu" in refused.value.message

    core.delete("UM-06", None)  # in the Papierkorb it does not count, and loses its Cluster
    assert core.delete_cluster(KLIMA).changes == Changes(clusters=True)
    assert core.clusters() == []
    core.restore("UM-06")
    assert core.get("UM-06").cluster is None


def test_an_unknown_cluster_is_named(core: Anwendung) -> None:
    with pytest.raises(NotFoundError, match="Ein Cluster „Mobilität“ gibt es nicht"):
        core.delete_cluster("Mobilität")
