"""``gera-desktop export … --layout anlage --gruppierung cluster`` (issue 13): the annex grouped by Cluster
from the command line; the option is documented and refused where it does not fit."""

from __future__ import annotations

from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from gera_desktop.__main__ import main
from gera_desktop.domain.enums import Innovationsfeld
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.massnahmen import MassnahmenService
from tests.records import measure

ANNEX = ["--layout", "anlage", "--drucksache", "12/2025"]


@pytest.fixture
def clustered(tmp_path: Path) -> Path:
    path = tmp_path / "cluster.sqlite"
    db = open_database(f"sqlite:///{path}")
    try:
        service = MassnahmenService(db, user="test")
        service.create(measure("P-1", cluster="Quartier Ost"))
        service.create(measure("P-2", innovationsfeld=Innovationsfeld.UMWELT))
        service.create(measure("P-3", innovationsfeld=Innovationsfeld.UMWELT, cluster="Bildung digital"))
    finally:
        db.dispose()
    return path


def _first_cells(path: Path) -> list[object]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Anlage").to_python()
    return [row[0] for row in rows[5:]]


def test_export_the_annex_grouped_by_cluster(
    clustered: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "anlage.xlsx"
    assert main(["export", str(target), *ANNEX, "--gruppierung", "cluster", "--db", str(clustered)]) == 0

    assert _first_cells(target)[:9] == [
        "Cluster: Bildung digital", "P-3", "Zwischensumme Bildung digital (1 Maßnahme)",
        "Cluster: Quartier Ost", "P-1", "Zwischensumme Quartier Ost (1 Maßnahme)",
        "Ohne Cluster", "P-2", "Zwischensumme Ohne Cluster (1 Maßnahme)",
    ]  # fmt: skip
    assert "Anlage zur Beschlussvorlage, öffentlich, nach Cluster" in capsys.readouterr().out


def test_the_annex_is_grouped_by_innovationsfeld_unless_asked(clustered: Path, tmp_path: Path) -> None:
    target = tmp_path / "anlage.xlsx"
    assert main(["export", str(target), *ANNEX, "--db", str(clustered)]) == 0
    assert _first_cells(target)[0] == f"Innovationsfeld: {Innovationsfeld.UMWELT}"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--gruppierung", "cluster"], "--gruppierung gilt nur zusammen mit --layout anlage"),
        ([*ANNEX, "--gruppierung", "bündel"], "--gruppierung"),
    ],
)
def test_gruppierung_that_does_not_fit_is_a_usage_error(
    options: list[str], message: str, clustered: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.xlsx"
    assert main(["export", str(target), *options, "--db", str(clustered)]) == 2
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_help_documents_the_gruppierung(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--gruppierung {innovationsfeld,cluster}" in out
    assert "„Ohne Cluster“" in out
