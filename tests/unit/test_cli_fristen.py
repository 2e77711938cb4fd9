"""``gera-desktop fristen`` and the core's Fristen: the sample data's deadlines as an aligned German table,
overdue first; the trash, done milestones and called calls left out; exit codes as the other commands."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gera_desktop.__main__ import main
from gera_desktop.cli_commands import fristen as command
from gera_desktop.domain.enums import Abrufstatus
from gera_desktop.domain.fristen import Fristart, Zustand
from gera_desktop.domain.records import MeilensteinData, MittelabrufData
from gera_desktop.persistence.database import Database
from gera_desktop.resources import demo_data
from gera_desktop.services.core import Anwendung

TODAY = date(2026, 1, 15)


@pytest.fixture
def demo(tmp_path: Path) -> str:
    """A SQLite file with the 25 sample measures."""
    path = tmp_path / "gera.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    return str(path)


@pytest.fixture
def core(database: Database) -> Anwendung:
    core = Anwendung.on(database, user="Frau Schmidt")
    core.load_demo(demo_data())
    return core


def on_day(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setattr(command, "today", lambda: day)


def test_the_sample_datas_fristen_are_printed_as_a_table(
    demo: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    on_day(monkeypatch, TODAY)

    assert main(["fristen", "--db", demo]) == 0

    heading, blank, header, rule, *lines = capsys.readouterr().out.splitlines()
    assert heading.startswith("Fristen am 15.01.2026: ")
    assert heading.endswith(" demnächst")
    assert blank == ""
    assert header.split() == ["Datum", "Fälligkeit", "Art", "Nr.", "Maßnahme", "Frist"]
    assert set(rule) == {"-", " "}
    assert len(lines) == sum(int(part.split()[0]) for part in heading.split(": ")[1].split(", "))
    overdue = [line for line in lines if "überfällig" in line]
    assert lines[: len(overdue)] == overdue
    cells = [re.split(r"\s{2,}", line) for line in lines]
    assert ["31.12.2025", "seit 15 Tagen überfällig", "Projektende überschritten", "UM-02"] in [
        row[:4] for row in cells
    ]
    assert cells[-1] == ["31.12.2026", "in 350 Tagen", "Programmfrist", "Programmende"]


def test_no_fristen_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = Anwendung(f"sqlite:///{tmp_path / 'leer.sqlite'}")
    empty.open()
    empty.close()
    on_day(monkeypatch, date(2027, 1, 1))  # after the default Programmende, the only deadline

    assert main(["--db", str(tmp_path / "leer.sqlite"), "fristen"]) == 0

    assert capsys.readouterr().out == "Keine Fristen.\n"


def test_a_missing_database_exits_1_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "tippfehler.sqlite"

    assert main(["fristen", "--db", str(missing)]) == 1

    assert "gibt es nicht. Es wurde nichts angelegt." in capsys.readouterr().err
    assert not missing.exists()


def test_fristen_help_is_german(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fristen", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Aufruf: gera-desktop fristen")
    assert "Beispiel: gera-desktop fristen --db gera.sqlite" in out
    assert main(["fristen", "--bis", "2026"]) == 2
    assert "unbekannte Angaben: --bis 2026" in capsys.readouterr().err


def test_the_core_leaves_out_the_trash_done_milestones_and_called_calls(core: Anwendung) -> None:
    record = core.get("UM-06")
    done = MeilensteinData("Erledigt", date(2026, 1, 20), erledigt_am=date(2026, 1, 10))
    due = MeilensteinData("Abnahme Sensoren", date(2026, 2, 1))
    planned = MittelabrufData(date(2026, 3, 1), Decimal("5000.00"), status=Abrufstatus.GEPLANT)
    called = MittelabrufData(date(2026, 2, 1), Decimal("7000.00"), status=Abrufstatus.ABGERUFEN)
    core.update(
        replace(
            record,
            meilensteine=[done, due],
            mittelabrufe=[planned, called],
            verstetigung="Umweltamt",
            folgekosten=Decimal("1200.00"),
        )
    )
    found = [f for f in core.fristen(TODAY) if f.nr == "UM-06"]

    assert [(f.art, f.datum, f.zustand) for f in found] == [
        (Fristart.MEILENSTEIN, date(2026, 2, 1), Zustand.FAELLIG),
        (Fristart.MITTELABRUF, date(2026, 3, 1), Zustand.DEMNAECHST),
    ]
    assert found[0].massnahme_id == record.id

    core.delete("UM-06", None)

    assert [f for f in core.fristen(TODAY) if f.nr == "UM-06"] == []
