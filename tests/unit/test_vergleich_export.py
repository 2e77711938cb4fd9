"""The comparison through the export service, as the export dialog will ask for it: it reads its Stände
itself, refuses what does not fit in German, and a cancelled export leaves the old file."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from gera_desktop.domain.errors import NotFoundError, ValidationError
from gera_desktop.domain.progress import WorkCancelled
from gera_desktop.excel.writing import temp_files
from gera_desktop.persistence.database import Database
from gera_desktop.services.export import CANCELLED_MESSAGE, VERGLEICH, ExportRequest, ExportService
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.staende import StaendeService
from tests.unit.sample_data import add_measures
from tests.unit.stopper import Stopper
from tests.unit.test_anlage import rows_of

NAME = "Vorlage Stadtrat 14.12.2021"
OLD_CONTENT = b"der Vergleich von gestern"


@pytest.fixture
def frozen(database: Database) -> Database:
    """A database with a Stand of 1,200 measures, one of them changed since."""
    add_measures(database, *(f"P-{i:04d}" for i in range(1, 1201)))
    StaendeService(database).freeze(NAME)
    measures = MassnahmenService(database, user="anna")
    measures.update(replace(measures.get("P-0001"), gesamtkosten=Decimal("60000.00")))
    return database


def test_the_comparison_with_today_is_written_without_records(frozen: Database, tmp_path: Path) -> None:
    target = tmp_path / "vergleich.xlsx"
    request = ExportRequest(VERGLEICH, von=NAME)

    assert ExportService(frozen).export(target, [], request) == target

    assert request.label == f"Vergleich „{NAME}“ – heute, öffentlich"
    first = next(row for row in rows_of(target, "Vergleich") if row[0] == "P-0001")
    assert first[3:6] == [12345.67, 60000, 47654.33]


@pytest.mark.parametrize(
    ("request_", "name", "message"),
    [
        (
            ExportRequest(VERGLEICH),
            "v.xlsx",
            "Für den Vergleich bitte den Stand angeben, von dem er ausgeht.",
        ),
        (
            ExportRequest(VERGLEICH, von=NAME),
            "v.csv",
            "Die Datei „v.csv“ muss für Vergleich auf .xlsx enden.",
        ),
    ],
)
def test_a_request_that_does_not_fit_is_refused(
    frozen: Database, tmp_path: Path, request_: ExportRequest, name: str, message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        ExportService(frozen).export(tmp_path / name, [], request_)

    assert [p.message for p in raised.value.problems] == [message]
    assert not (tmp_path / name).exists()


def test_an_unknown_stand_is_refused(frozen: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="Es gibt keinen Stand „Juni“"):
        ExportService(frozen).export(tmp_path / "v.xlsx", [], ExportRequest(VERGLEICH, von="Juni"))


def test_a_comparison_stopped_half_way_leaves_the_old_file(frozen: Database, tmp_path: Path) -> None:
    target = tmp_path / "vergleich.xlsx"
    target.write_bytes(OLD_CONTENT)
    stopper = Stopper(after=2)

    with pytest.raises(WorkCancelled) as raised:
        ExportService(frozen).export(
            target,
            [],
            ExportRequest(VERGLEICH, von=NAME),
            progress=stopper.progress,
            cancelled=stopper.cancelled,
        )

    assert raised.value.message == CANCELLED_MESSAGE
    assert target.read_bytes() == OLD_CONTENT
    assert temp_files(target) == []
    done, total = stopper.reports[-1]
    assert 0 < done < total
