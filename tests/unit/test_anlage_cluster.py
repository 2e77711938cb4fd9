"""The council annex grouped by Cluster (issue 13): a block with its subtotal per Cluster, "Ohne Cluster"
last, the same grand total as grouped by Innovationsfeld, the same print setup."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from gera_desktop.domain.grouping import Gruppierung
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.excel.anlage import write_anlage
from tests.unit.test_anlage import (
    APART,
    OPTIONS,
    SETTINGS,
    TOTAL,
    Evaluator,
    annex_records,
    overview,
    row_with,
    rows_of,
)

CLUSTERS = {"UM-01": "Zentrum Innenstadt", "P-01": "Zentrum Innenstadt", "UM-03": "Digitale Verwaltung"}
BY_CLUSTER = replace(OPTIONS, gruppierung=Gruppierung.CLUSTER)


def clustered_records() -> list[MassnahmeData]:
    """The annex's records (P-01 given first); UM-02 and the refused UM-11 without a Cluster."""
    return [replace(r, cluster=CLUSTERS.get(r.nr)) for r in annex_records()]


@pytest.fixture
def by_cluster(tmp_path: Path) -> Path:
    path = tmp_path / "Anlage nach Cluster.xlsx"
    write_anlage(path, clustered_records(), BY_CLUSTER, SETTINGS)
    return path


def test_measures_are_grouped_by_cluster_alphabetically_without_cluster_last(by_cluster: Path):
    labels = [row[0] for row in rows_of(by_cluster, "Anlage")[5:]]
    assert labels == [
        "Cluster: Digitale Verwaltung", "UM-03", "Zwischensumme Digitale Verwaltung (1 Maßnahme)",
        "Cluster: Zentrum Innenstadt", "P-01", "UM-01", "Zwischensumme Zentrum Innenstadt (2 Maßnahmen)",
        "Ohne Cluster", "UM-02", "Zwischensumme Ohne Cluster (1 Maßnahme)",
        TOTAL, "", APART, "UM-11", "Summe nicht weiterverfolgte Maßnahmen (1 Maßnahme)",
    ]  # fmt: skip


def test_cluster_subtotals_add_up_and_the_grand_total_is_the_innovationsfeld_annexs(
    by_cluster: Path, tmp_path: Path
):
    by_field = tmp_path / "Anlage nach Innovationsfeld.xlsx"
    write_anlage(by_field, clustered_records(), OPTIONS, SETTINGS)
    clustered, fielded = Evaluator(by_cluster), Evaluator(by_field)
    rows, field_rows = rows_of(by_cluster, "Anlage"), rows_of(by_field, "Anlage")
    zentrum = row_with(rows, "Zwischensumme Zentrum Innenstadt (2 Maßnahmen)")
    assert clustered.workbook["Anlage"][f"F{zentrum}"].value == f"=SUM(F{zentrum - 2}:F{zentrum - 1})"
    assert clustered.value("Anlage", f"G{zentrum}") == Decimal("46800") * 2
    total, field_total = row_with(rows, TOTAL), row_with(field_rows, TOTAL)
    for letter in "FGHIJ":
        assert clustered.value("Anlage", f"{letter}{total}") == fielded.value(
            "Anlage", f"{letter}{field_total}"
        )
        assert rows[total - 1][5:] == field_rows[field_total - 1][5:]  # the stored results too
    subtotals = [i for i, row in enumerate(rows, start=1) if str(row[0]).startswith("Zwischensumme")]
    assert (
        clustered.workbook["Anlage"][f"G{total}"].value
        == "=SUM(" + ",".join(f"G{r}" for r in subtotals) + ")"
    )


def test_overview_has_a_table_per_cluster_before_the_innovationsfelder(by_cluster: Path):
    sheet = openpyxl.load_workbook(by_cluster)["Übersicht"]
    assert sheet["A5"].value == "Cluster"
    figures = overview(by_cluster)
    assert figures["Digitale Verwaltung"][:3] == [1, Decimal("1234567.89"), Decimal("905000")]
    assert figures["Zentrum Innenstadt"][:3] == [2, Decimal("104000"), Decimal("93600")]
    assert figures["Ohne Cluster"][:3] == [1, Decimal("420000"), Decimal("336000")]
    assert figures["Summe"][:3] == [4, Decimal("1758567.89"), Decimal("1334600")]
    umwelt = figures["Umwelt"][:3]  # plain numbers: the Anlage has no block per Innovationsfeld
    assert [Decimal(str(v)) for v in umwelt] == [2, Decimal("1654567.89"), Decimal("1241000")]
    labels = [row[0].value for row in sheet.iter_rows(min_row=6)]
    assert labels.index("Ohne Cluster") < labels.index("Innovationsfeld") < labels.index("Umwelt")


def test_cluster_annex_prints_as_the_innovationsfeld_annex(by_cluster: Path):
    workbook = openpyxl.load_workbook(by_cluster)
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9)
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.oddFooter.center.text == "Seite &P von &N"
    assert workbook["Anlage"].print_title_rows == "$5:$5"
    assert workbook["Anlage"].freeze_panes == "A6"


def test_a_cluster_named_like_an_innovationsfeld_stays_a_cluster(tmp_path: Path):
    path = tmp_path / "anlage.xlsx"
    records = [replace(r, cluster="Umwelt") for r in clustered_records() if r.nr == "P-01"]
    write_anlage(path, records, BY_CLUSTER, SETTINGS)
    labels = [row[0] for row in rows_of(path, "Anlage")[5:]]
    assert labels[:3] == ["Cluster: Umwelt", "P-01", "Zwischensumme Umwelt (1 Maßnahme)"]
    assert overview(path)["Wirtschaft und Innovationskraft"][:2] == [1, 52000]
