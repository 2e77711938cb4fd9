"""The benchmark harness (``benchmarks/run.py``): each row says ``ok`` or ``VERFEHLT`` against its goal,
``--only`` picks a file case together with its floor, and a quick run completes and prints every row.

No timing is asserted: the figures depend on the machine and its load."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.cases import CASES, LISTE_FLOOR, chosen
from benchmarks.harness import Row, format_row
from benchmarks.list_cases import SORTS
from benchmarks.run import choose

ROOT = Path(__file__).resolve().parents[1]
QUICK_ROWS = [
    "Start: leeres QMainWindow gezeichnet (Boden)",
    "Start: Hauptfenster gezeichnet",
    "Start: 2.000 Maßnahmen gelistet, Summen gezeichnet",
    "Leerlauf (Boden)",
    "Import prüfen (2.000 Maßnahmen, Probelauf)",
    "Import speichern (2.000) + Fenster neu laden",
    "Export Maßnahmenliste (2.000)",
    "Sicherung der Datenbank (2.000)",
    "Wiederherstellung (2.000) + Fenster neu laden",
    *(f"Liste {n}: Filter {what}" for n in ("1.000", "10.000") for what in ("Text setzen", "aufheben")),
    *(f"Liste {n}: Sortieren {label}" for n in ("1.000", "10.000") for label, _key, _plain in SORTS),
    "1.000 Balken aufbauen und zeichnen",
    "Zoom-Stufe + Neuzeichnen",
    "Innovationsfeld zu-/aufklappen + Neuzeichnen",
    "Farbe nach Ampel/Umsetzungsstand + Neuzeichnen",
    "Ans andere Ende scrollen + Neuzeichnen",
    "select() der letzten Maßnahme",
    "PDF 1.000 Maßnahmen",
    "Leeres QMainWindow (Boden)",
    "Nach dem Laden von 2.000 Maßnahmen",
    *(f"… und {step}" for step in ("Filtern", "Sortieren", "Maßnahmen öffnen", "Zeitplan")),
    *(case.name for case in CASES),
]


def test_a_ratio_above_its_goal_is_reported_as_missed() -> None:
    line = format_row(
        Row("Export Maßnahmenliste", 2.5, "s", floor=1.25, ratio=2.0, goal=1.2, basis="openpyxl")
    )

    assert "2,50 s" in line
    assert "1,25 s" in line
    assert "2,00×" in line
    assert "≤ 1,2×" in line
    assert "VERFEHLT" in line
    assert line.endswith("Boden: openpyxl")


def test_a_ratio_within_its_goal_is_ok_and_shows_the_stretch_goal() -> None:
    line = format_row(Row("Import", 0.9, "s", floor=1.0, ratio=0.9, goal=1.0, stretch=0.5))

    assert " ok " in line
    assert "VERFEHLT" not in line
    assert "Streckziel ≤ 0,5×" in line


def test_an_absolute_goal_judges_the_value_itself() -> None:
    frozen = format_row(Row("Import", 150.0, "ms", floor=10.0, goal=100.0, absolute=True))
    quick = format_row(Row("Sicherung", 12.5, "ms", floor=10.0, goal=100.0, absolute=True))

    assert "150 ms" in frozen
    assert "≤ 100 ms" in frozen
    assert "VERFEHLT" in frozen
    assert "12,5 ms" in quick
    assert " ok" in quick


def test_a_floor_row_carries_no_verdict() -> None:
    line = format_row(Row("openpyxl read-only (Boden Import)", 6.04, "s"))

    assert line.split() == ["openpyxl", "read-only", "(Boden", "Import)", "6,04", "s"]


def test_only_picks_a_file_case_together_with_its_floor() -> None:
    assert [case.name for case in chosen(("export maßnahmenliste",))] == [
        LISTE_FLOOR,
        "Export Maßnahmenliste",
    ]
    assert chosen(()) == CASES


def test_only_a_section_name_runs_that_section_and_no_file_case_of_the_same_name() -> None:
    assert [(section.name, texts) for section, texts in choose(["Liste"])] == [("Liste", [])]
    assert [(section.name, texts) for section, texts in choose(["anlage"])] == [("Dateien", ["anlage"])]
    assert choose(["gibt es nicht"]) == []


@pytest.mark.slow
def test_a_quick_run_completes_and_prints_every_row(tmp_path: Path) -> None:
    results = tmp_path / "ergebnisse.md"

    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--results", str(results)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for name in QUICK_ROWS:
        assert any(line.startswith(name) for line in lines), f"Zeile fehlt: {name}"
    judged = [line for line in lines if "≤ " in line]
    assert all(" ok" in line or "VERFEHLT" in line for line in judged)
    assert not [line for line in lines if line.startswith(("FEHLER", "!!"))]
    assert done.stdout in results.read_text(encoding="utf-8")
