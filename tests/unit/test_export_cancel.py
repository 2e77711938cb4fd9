"""Stopping a running export: the old file stays byte for byte, nothing half-written or temporary remains;
an export that runs to its end reports its progress up to the last piece."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gera_desktop.domain.progress import Checkpoints, WorkCancelled
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.excel.writing import atomic_target, temp_files
from gera_desktop.persistence.database import Database
from gera_desktop.services.export import CANCELLED_MESSAGE, LAYOUTS, ExportRequest, ExportService, Layout
from tests.records import measure, with_children
from tests.unit.stopper import Stopper

STAND = date(2026, 11, 26)
OLD_CONTENT = b"die Anlage von gestern"
MEASURES = 1_200
"""More than two progress steps of 500 measures each."""


@pytest.fixture(scope="module")
def many_records() -> list[MassnahmeData]:
    return [with_children(measure(f"P-{i:04d}")) for i in range(1, MEASURES + 1)]


def _request(layout: Layout) -> ExportRequest:
    return ExportRequest(layout, drucksache="82/2026", stand=STAND)


def _target(tmp_path: Path, layout: Layout) -> Path:
    target = tmp_path / f"export{_request(layout).suffix}"
    target.write_bytes(OLD_CONTENT)
    return target


def _export(
    database: Database, target: Path, records: list[MassnahmeData], layout: Layout, stopper: Stopper
) -> Path:
    return ExportService(database).export(
        target, records, _request(layout), progress=stopper.progress, cancelled=stopper.cancelled
    )


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_export_stopped_half_way_leaves_the_old_file_and_no_temporary_file(
    database: Database, tmp_path: Path, many_records: list[MassnahmeData], layout: Layout
) -> None:
    target = _target(tmp_path, layout)
    stopper = Stopper(after=2)

    with pytest.raises(WorkCancelled) as raised:
        _export(database, target, many_records, layout, stopper)

    assert raised.value.message == CANCELLED_MESSAGE
    assert target.read_bytes() == OLD_CONTENT
    assert temp_files(target) == []
    done, total = stopper.reports[-1]
    assert 0 < done < total, "it stopped in the middle, not before or after the work"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_export_reports_its_progress_up_to_the_end(
    database: Database, tmp_path: Path, many_records: list[MassnahmeData], layout: Layout
) -> None:
    target = tmp_path / f"neu{_request(layout).suffix}"
    stopper = Stopper()

    _export(database, target, many_records, layout, stopper)

    assert target.exists()
    done = [d for d, _ in stopper.reports]
    assert done == sorted(done)
    assert len(stopper.reports) >= 3
    assert stopper.reports[-1][0] == stopper.reports[-1][1]


def test_an_export_cancelled_before_it_starts_writes_no_file(
    database: Database, tmp_path: Path, many_records: list[MassnahmeData]
) -> None:
    target = tmp_path / "nie.xlsx"

    with pytest.raises(WorkCancelled):
        _export(database, target, many_records, "liste", Stopper(after=0))

    assert not target.exists()
    assert temp_files(target) == []


def test_a_cancel_that_arrives_after_the_last_row_still_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "liste.xlsx"
    target.write_bytes(OLD_CONTENT)
    asked: list[bool] = []

    with pytest.raises(WorkCancelled):
        _write_then_cancel(target, asked)

    assert target.read_bytes() == OLD_CONTENT
    assert temp_files(target) == []


def _write_then_cancel(target: Path, asked: list[bool]) -> None:
    """The whole new file is written, then the user presses "Abbrechen"."""
    with atomic_target(target, Checkpoints(cancelled=lambda: bool(asked))) as temp:
        temp.write_bytes(b"fertig geschrieben")
        asked.append(True)
