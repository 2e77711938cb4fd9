"""``gera-desktop bericht FILE.pdf [--db DB]``: the one command that loads Qt (offscreen), with the exit
codes of every command: 0 written, 1 refused with a German message, 2 wrong usage."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gera_desktop import resources
from gera_desktop.__main__ import main
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.demo import load_demo


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "beispiel.sqlite"
    db = open_database(f"sqlite:///{path}")
    load_demo(db, resources.demo_data(), user="test")
    db.dispose()
    return path


def test_the_report_is_written_and_named(
    qapp, demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "Sachstandsbericht.pdf"
    assert main(["bericht", str(target), "--db", str(demo_file)]) == 0
    assert capsys.readouterr().out == f"Sachstandsbericht gespeichert: {target} (26 Seiten, 25 Maßnahmen).\n"
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (
            ["bericht", "bericht.xlsx"],
            2,
            "bitte eine Datei mit der Endung .pdf angeben (nicht „bericht.xlsx“)",
        ),
        (["bericht"], 2, "es fehlt: DATEI"),
        (["bericht", "fehlt/bericht.pdf"], 1, "Der Ordner „fehlt“ existiert nicht."),
    ],
)
def test_bad_calls_exit_with_a_german_message(
    qapp,
    demo_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([*argv, "--db", str(demo_file)]) == code
    err = capsys.readouterr().err
    assert message.casefold() in err.casefold()
    assert "Traceback" not in err
    assert not list(tmp_path.glob("*.pdf"))


def test_a_missing_database_is_refused(qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bericht", str(tmp_path / "b.pdf"), "--db", str(tmp_path / "fehlt.sqlite")]) == 1
    assert "gibt es nicht" in capsys.readouterr().err
    assert not (tmp_path / "fehlt.sqlite").exists()
    assert not (tmp_path / "b.pdf").exists()


def test_the_command_paints_offscreen_without_a_display(demo_file: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    home = tmp_path / "home"  # the command's log file goes there, not into the user's folders
    env |= {
        "HOME": str(home),
        **{f"XDG_{kind}_HOME": str(home / kind) for kind in ("DATA", "STATE", "CONFIG", "CACHE")},
    }
    target = tmp_path / "bericht.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "gera_desktop", "bericht", str(target), "--db", str(demo_file)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "26 Seiten" in result.stdout
    assert target.read_bytes().startswith(b"%PDF")
