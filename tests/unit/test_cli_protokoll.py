"""``gera-desktop protokoll``: the changes as an aligned table with German dates, by Nr. and date, into a
workbook, and German messages for what cannot be read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from gera_desktop.__main__ import main
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.core import Anwendung


@pytest.fixture
def demo(tmp_path: Path) -> str:
    """The sample measures, one of them edited by Frau Schmidt, and a changed Förderquote."""
    path = tmp_path / "gera.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    database = open_database(f"sqlite:///{path}")
    try:
        core = Anwendung.on(database, user="Frau Schmidt")
        record = core.get("P-07")
        record.titel = "Neuer Titel"
        core.update(record)
        core.save_settings(ProgrammEinstellungen(foerderquote=Decimal("80")))
    finally:
        database.dispose()
    return str(path)


def test_the_newest_changes_are_an_aligned_table(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["protokoll", "--db", demo]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "Zeitpunkt",
        "Nr.",
        "Benutzer",
        "Feld",
        "Alter",
        "Wert",
        "Neuer",
        "Wert",
        "Quelle",
    ]
    today = f"{date.today():%d.%m.%Y}"
    assert lines[2].startswith(today)
    assert "–" in lines[2]
    assert "Einstellung: Förderquote" in lines[2]
    assert "90 %" in lines[2]
    assert "P-07" in lines[3]
    assert "Neuer Titel" in lines[3]
    assert lines[2].index("Frau Schmidt") == lines[3].index("Frau Schmidt") == lines[0].index("Benutzer")
    assert lines[-1].endswith("Zeilen (alle Einträge).")


def test_nr_and_seit_narrow_the_table(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["protokoll", "--nr", "P-07", "--seit", f"{date.today():%d.%m.%Y}", "--db", demo]) == 0

    out = capsys.readouterr().out.splitlines()
    assert "Neuer Titel" in out[2]
    assert all(line.split()[2] == "P-07" for line in out[2:-1])
    assert out[-1] == f"{len(out) - 3} Zeilen (Nr. P-07 · ab {date.today():%d.%m.%Y})."

    assert main(["protokoll", "--seit", "1.1.40", "--db", demo]) == 0
    assert capsys.readouterr().out == "Keine Änderungen (ab 01.01.2040).\n"


def test_the_workbook_holds_every_line(demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "protokoll.xlsx"

    assert main(["protokoll", "--nr", "P-07", "--datei", str(target), "--db", demo]) == 0

    assert capsys.readouterr().out == f"Änderungsprotokoll (Nr. P-07) geschrieben: {target}\n"
    rows = CalamineWorkbook.from_path(str(target)).get_sheet_by_name("Änderungsprotokoll").to_python()
    body = rows[5:]
    assert body[0][1:4] == ["P-07", "Frau Schmidt", "Maßnahme"]
    assert body[0][5] == "Neuer Titel"
    assert len(body) > 5
    assert {row[1] for row in body} == {"P-07"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--seit", "31.02.2025"], "--seit: "),
        (["--seit", "gestern"], "„gestern“ ist kein Datum. Bitte als TT.MM.JJJJ eintragen"),
        (["--datei", "protokoll.csv"], "„protokoll.csv“: das Protokoll wird als .xlsx-Datei geschrieben"),
    ],
)
def test_bad_arguments_are_usage_errors_in_german(
    demo: str, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["protokoll", *argv, "--db", demo]) == 2

    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert "Error" not in err


def test_a_missing_database_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["protokoll", "--db", str(tmp_path / "tippfehler.sqlite")]) == 1
    assert "gibt es nicht" in capsys.readouterr().err
