"""The Stände use cases of the application core: freezing and deleting say that the Stände changed, a Stand
opens with its own measures, the comparison and the annex export with a Stand go through the core."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from gera_desktop.domain.errors import DuplicateError, NotFoundError, ValidationError
from gera_desktop.domain.vergleich import Art
from gera_desktop.persistence.database import Database
from gera_desktop.resources import demo_data
from gera_desktop.services.changes import Changes
from gera_desktop.services.core import Anwendung
from gera_desktop.services.export import VERGLEICH, ExportRequest

NAME = "Vorlage Stadtrat 14.12.2021"


@pytest.fixture
def core(database: Database) -> Anwendung:
    core = Anwendung.on(database, user="Frau Schmidt")
    core.load_demo(demo_data())
    return core


def test_freezing_and_deleting_a_stand_change_the_staende_only(core: Anwendung) -> None:
    frozen = core.freeze_stand(NAME, "für den Stadtrat")

    assert frozen.changes == Changes(staende=True)
    assert not frozen.changes.measures
    assert (frozen.value.name, frozen.value.angelegt_von, frozen.value.anzahl) == (NAME, "Frau Schmidt", 25)
    assert [info.name for info in core.staende()] == [NAME]

    deleted = core.delete_stand(NAME)

    assert deleted.changes == Changes(staende=True)
    assert core.staende() == []


def test_a_stand_opens_with_the_measures_as_frozen(core: Anwendung) -> None:
    core.freeze_stand(NAME)
    record = core.get("UM-06")
    core.update(replace(record, gesamtkosten=Decimal("999000.00")))

    snapshot = core.stand(NAME)

    shown = {r.nr: r for r in snapshot.records}
    assert len(shown) == 25
    assert shown["UM-06"].gesamtkosten == record.gesamtkosten
    assert snapshot.info is not None
    assert snapshot.info.name == NAME


def test_comparing_with_today_and_with_another_stand(core: Anwendung) -> None:
    core.freeze_stand(NAME)
    core.update(replace(core.get("UM-06"), gesamtkosten=Decimal("450000.00")))
    core.freeze_stand("Mittelabruf 2024/II")

    with_today = core.compare(NAME)
    between = core.compare(NAME, "Mittelabruf 2024/II")

    assert [row.nr for row in with_today.of(Art.GEAENDERT)] == ["UM-06"]
    assert with_today.b.is_today
    assert not between.b.is_today
    assert [row.nr for row in between.of(Art.GEAENDERT)] == ["UM-06"]


def test_an_unknown_stand_is_named_in_german(core: Anwendung) -> None:
    core.freeze_stand(NAME)
    with pytest.raises(
        NotFoundError, match=f"Es gibt keinen Stand „Gibt es nicht“. Vorhandene Stände: {NAME}"
    ):
        core.compare("Gibt es nicht")


def test_the_comparison_workbook_is_written_through_the_core(core: Anwendung, tmp_path: Path) -> None:
    core.freeze_stand(NAME)
    target = tmp_path / "vergleich.xlsx"

    comparison = core.write_comparison(target, ExportRequest(VERGLEICH, von=NAME))

    assert target.exists()
    assert comparison.a.name == NAME


def test_an_annex_export_freezes_a_stand_with_it(core: Anwendung, tmp_path: Path) -> None:
    target = tmp_path / "anlage.xlsx"
    request = ExportRequest("anlage", drucksache="82/2019")

    outcome = core.export_and_freeze(target, core.list_records(), request, "Anlage 1 zu Drucksache 82/2019")

    assert outcome.value == target
    assert target.exists()
    assert outcome.changes == Changes(staende=True)
    assert [(info.name, info.anzahl) for info in core.staende()] == [("Anlage 1 zu Drucksache 82/2019", 25)]


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("  ", ValidationError, "Bitte einen Namen für den Stand angeben."),
        ("x" * 121, ValidationError, "zu lang (121 Zeichen, höchstens 120)"),
        ("vorlage  STADTRAT 14.12.2021", DuplicateError, f"Es gibt schon einen Stand „{NAME}“"),
    ],
)
def test_a_name_that_cannot_be_taken_writes_no_file(
    core: Anwendung, tmp_path: Path, name: str, error: type[Exception], message: str
) -> None:
    core.freeze_stand(NAME)
    target = tmp_path / "anlage.xlsx"

    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        core.export_and_freeze(target, core.list_records(), ExportRequest("anlage", drucksache="1"), name)

    assert not target.exists()
    assert [info.name for info in core.staende()] == [NAME]
