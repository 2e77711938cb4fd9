"""The command line writes the program's log file as the window does: one line per operation, refusals
and bugs, never the terminal and never a password; the file is closed again after each command."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from gera_desktop.__main__ import main
from gera_desktop.services import logfile
from tests.conftest import EXAMPLES


def _operation_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split(": ", 1)[1] for line in lines if " gera_desktop.domain.oplog: " in line]


def test_an_import_on_the_command_line_writes_its_line_into_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'daten.sqlite'}"
    assert main(["import", str(EXAMPLES / "massnahmenliste-2024-06.xlsx"), "--db", url]) == 0

    lines = _operation_lines(logfile.log_path())
    assert any(line.startswith("Import „massnahmenliste-2024-06.xlsx“: 25 neu") for line in lines), lines
    assert "gera_desktop" not in capsys.readouterr().err


def test_a_refused_command_and_a_bug_are_logged_without_their_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "postgresql+psycopg://gera:geheim-passwort@localhost/nirgends"
    assert main(["check", "--db", str(tmp_path / "fehlt.sqlite")]) == 1

    def broken(_db: object) -> None:
        raise RuntimeError(f"Programmfehler zum Test {secret}")

    monkeypatch.setattr("gera_desktop.persistence.integrity.check_database", broken)
    url = f"sqlite:///{tmp_path / 'da.sqlite'}"
    assert main(["demo", "--db", url]) == 0
    assert main(["check", "--db", url]) == 1

    text = logfile.log_path().read_text(encoding="utf-8")
    assert "WARNING gera_desktop.cli: Befehl check: abgelehnt (" in text
    assert "ERROR gera_desktop.cli: Befehl check: unerwarteter Programmfehler" in text
    assert "RuntimeError: Programmfehler zum Test" in text
    assert "geheim-passwort" not in text
    assert str(tmp_path) not in text.split("RuntimeError")[0]


def test_each_command_closes_its_log_file_again(tmp_path: Path) -> None:
    before = list(logging.getLogger().handlers)
    assert main(["check", "--db", f"sqlite:///{tmp_path / 'x.sqlite'}"]) in (0, 1)
    assert logging.getLogger().handlers == before
