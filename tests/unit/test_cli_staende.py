"""Stände and the comparison on the command line, and the programme office's cycle end to end on the
sample data: freeze a Stand, import the Umweltamt delivery, export the comparison."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gera_desktop.__main__ import main
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.staende import StaendeService
from tests.conftest import EXAMPLES
from tests.unit.test_anlage import rows_of

NAME = "Vorlage Stadtrat 14.12.2021"


@pytest.fixture
def demo(tmp_path: Path) -> str:
    """A SQLite file with the 25 sample measures."""
    path = tmp_path / "gera.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    return str(path)


def stand_names(db: str) -> list[str]:
    database = open_database(f"sqlite:///{db}")
    try:
        return [info.name for info in StaendeService(database).list()]
    finally:
        database.dispose()


# --- stand anlegen, liste, loeschen -------------------------------------------------------------------


def test_a_stand_is_frozen_listed_and_deleted(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stand", "anlegen", NAME, "--bemerkung", "Drucksache 82/2019", "--db", demo]) == 0
    assert capsys.readouterr().out == f"Stand „{NAME}“ angelegt: 25 Maßnahmen eingefroren.\n"

    assert main(["--db", demo, "stand", "liste"]) == 0
    header, _rule, line = capsys.readouterr().out.splitlines()
    assert header.split() == ["Name", "Angelegt", "am", "von", "Maßnahmen", "Bemerkung"]
    assert line.startswith(NAME)
    assert line.endswith("25  Drucksache 82/2019")

    assert main(["stand", "loeschen", NAME.upper(), "--db", demo]) == 0
    assert capsys.readouterr().out.startswith(f"Stand „{NAME}“ gelöscht (25 Maßnahmen, angelegt am ")
    assert stand_names(demo) == []
    assert main(["stand", "liste", "--db", demo]) == 0
    assert "Es gibt noch keinen Stand." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["stand", "anlegen", "  "], "Bitte einen Namen für den Stand angeben."),
        (["stand", "loeschen", "Mittelabruf 2024/II"], "Es gibt keinen Stand „Mittelabruf 2024/II“."),
        (["stand", "anlegen", NAME.lower()], f"Es gibt schon einen Stand „{NAME}“"),
    ],
)
def test_refused_stand_actions_exit_1_with_a_german_message(
    demo: str, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stand", "anlegen", NAME, "--db", demo]) == 0
    capsys.readouterr()

    assert main([*argv, "--db", demo]) == 1

    err = capsys.readouterr().err
    assert err.startswith("Fehler: ")
    assert message in err
    assert "Traceback" not in err
    assert stand_names(demo) == [NAME]


def test_stand_without_an_action_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stand"]) == 2
    assert "gera-desktop stand: Fehler: es fehlt: AKTION" in capsys.readouterr().err


def test_stand_of_a_missing_database_file_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "tippfehler.sqlite"

    assert main(["stand", "anlegen", NAME, "--db", str(missing)]) == 1

    assert "gibt es nicht. Es wurde nichts angelegt." in capsys.readouterr().err
    assert not missing.exists()


def test_stand_help_is_german_and_names_the_actions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stand", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Aufruf: gera-desktop stand")
    for action in ("anlegen", "liste", "loeschen"):
        assert f"\n    {action} " in out
    assert "fragt nicht nach" in out


# --- export --layout vergleich --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("v.xlsx", ["--layout", "vergleich"], "Für den Vergleich bitte den Stand angeben"),
        ("v.xlsx", ["--von", NAME], "--von gilt nur zusammen mit --layout vergleich"),
        (
            "v.xlsx",
            ["--layout", "anlage", "--drucksache", "1", "--mio"],
            "--mio gilt nur zusammen mit --layout vergleich",
        ),
        (
            "v.xlsx",
            ["--layout", "vergleich", "--von", NAME, "--nr", "UM-06"],
            "--nr gilt nicht für den Vergleich",
        ),
        (
            "v.xlsx",
            ["--layout", "vergleich", "--von", NAME, "--betreff", "x"],
            "--betreff gilt nur zusammen mit",
        ),
        ("v.csv", ["--layout", "vergleich", "--von", NAME], "--layout gilt nur für Excel-Dateien (.xlsx)"),
    ],
)
def test_comparison_options_that_do_not_fit_are_usage_errors(
    demo: str, tmp_path: Path, name: str, options: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / name

    assert main(["export", str(target), *options, "--db", demo]) == 2

    assert message in capsys.readouterr().err
    assert not target.exists()


def test_comparing_with_an_unknown_stand_writes_nothing(
    demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "vergleich.xlsx"
    assert main(["stand", "anlegen", NAME, "--db", demo]) == 0

    assert (
        main(["export", str(target), "--layout", "vergleich", "--von", NAME, "--bis", "Juni", "--db", demo])
        == 1
    )

    assert f"Es gibt keinen Stand „Juni“. Vorhandene Stände: {NAME}." in capsys.readouterr().err
    assert not target.exists()


def test_two_stands_are_compared_with_each_other(
    demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "vergleich.xlsx"
    assert main(["stand", "anlegen", NAME, "--db", demo]) == 0
    assert main(["import", str(EXAMPLES / "zulieferung-umweltamt.xlsx"), "--db", demo]) == 0
    assert main(["stand", "anlegen", "Mittelabruf 2024/II", "--db", demo]) == 0
    capsys.readouterr()

    argv = [
        "export",
        str(target),
        "--layout",
        "vergleich",
        "--von",
        NAME,
        "--bis",
        "Mittelabruf 2024/II",
        "--mio",
    ]
    assert main([*argv, "--db", demo]) == 0

    assert capsys.readouterr().out == (
        f"Vergleich „{NAME}“ – „Mittelabruf 2024/II“, öffentlich, in Mio. € exportiert nach {target}: "
        "1 neu, 0 entfallen, 1 geändert.\n"
    )
    assert rows_of(target, "Vergleich")[0][0] == f"Vergleich {NAME} – Mittelabruf 2024/II"


# --- the programme office's cycle on the sample data ----------------------------------------------------


def subtotals(path: Path, sheet: str, columns: dict[str, int]) -> dict[str, dict[str, Any]]:
    """Innovationsfeld -> amount -> the subtotal row's (cached) value."""
    found = {}
    for row in rows_of(path, sheet):
        label = str(row[0])
        if label.startswith("Zwischensumme "):
            feld = label.removeprefix("Zwischensumme ").rsplit(" (", 1)[0]
            found[feld] = {amount: Decimal(str(row[index])) for amount, index in columns.items()}
    return found


ANNEX = {"Gesamtkosten": 5, "Bundesmittel": 6, "Eigenanteil": 7, "Mittel abgerufen": 9}
SIDE_A = {"Gesamtkosten": 3, "Bundesmittel": 7, "Eigenanteil": 11, "Mittel abgerufen": 15}
SIDE_B = {amount: index + 1 for amount, index in SIDE_A.items()}


def test_freeze_import_the_umweltamt_delivery_and_export_the_comparison(demo: str, tmp_path: Path) -> None:
    anlage = ["--layout", "anlage", "--drucksache", "82/2019 7. Ergänzung", "--db", demo]
    assert main(["export", str(tmp_path / "anlage-a.xlsx"), *anlage]) == 0
    assert main(["stand", "anlegen", NAME, "--db", demo]) == 0
    assert main(["import", str(EXAMPLES / "zulieferung-umweltamt.xlsx"), "--db", demo]) == 0
    assert main(["export", str(tmp_path / "anlage-b.xlsx"), *anlage]) == 0
    target = tmp_path / "vergleich.xlsx"

    assert main(["export", str(target), "--layout", "vergleich", "--von", NAME, "--db", demo]) == 0

    changes = [row for row in rows_of(target, "Änderungen")[5:] if row[0] == "UM-06"]
    assert ["UM-06", changes[0][1], "Gesamtkosten", "420.000,00 €", "450.000,00 €"] in changes
    vergleich = {row[0]: row for row in rows_of(target, "Vergleich")}
    assert vergleich["UM-06"][3:5] == [420000, 450000]
    assert vergleich["UM-14"][2:5] == ["geplant", "", 120000]
    assert vergleich["UM-14"][-1] == "neu"
    assert subtotals(target, "Vergleich", SIDE_A) == subtotals(tmp_path / "anlage-a.xlsx", "Anlage", ANNEX)
    assert subtotals(target, "Vergleich", SIDE_B) == subtotals(tmp_path / "anlage-b.xlsx", "Anlage", ANNEX)
    assert subtotals(target, "Vergleich", SIDE_B)["Umwelt"]["Gesamtkosten"] == Decimal(606000)
