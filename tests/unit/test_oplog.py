"""The operation log line: what, how many, how long, how it ended – and never more than a file's name."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from gera_desktop.domain.errors import GeraError
from gera_desktop.domain.formatting import format_seconds
from gera_desktop.domain.oplog import logged_operation
from gera_desktop.domain.progress import WorkCancelled
from gera_desktop.services.import_errors import ImportCancelled

LOGGER = "gera_desktop.domain.oplog"


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger=LOGGER)
    return caplog


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.0004, "0 ms"), (0.0234, "23 ms"), (0.9994, "999 ms"), (4.2, "4,2 s"), (75, "75,0 s")],
)
def test_durations_read_as_germans_write_them(seconds: float, text: str) -> None:
    assert format_seconds(seconds) == text


def test_a_finished_operation_gives_its_counts_and_duration(log) -> None:
    folder = Path("/home/anna.schmidt/Dokumente")
    with logged_operation("Import", datei=folder / "liste.xlsx") as operation:
        operation.counts.update({"neu": 10_000, "geändert": 0, "Warnung|Warnungen": 1})
        operation.counts["MB"] = 31.54

    (line,) = log.records
    assert line.levelno == logging.INFO
    message = line.getMessage()
    assert message.startswith("Import „liste.xlsx“: 10.000 neu, 0 geändert, 1 Warnung, 31,5 MB in ")
    assert message.endswith((" ms", " s"))
    assert "anna" not in message


def test_how_an_operation_ended_without_its_message(log) -> None:
    for error in (
        ImportCancelled(),
        WorkCancelled("gestoppt"),
        GeraError("Die Maßnahme „Geheim“ von Anna Schmidt"),
        KeyError("anna@gera.example"),
    ):
        with pytest.raises(type(error)), logged_operation("Export"):
            raise error

    ended = [(line.levelno, line.getMessage().split(" nach ")[0], line.getMessage()) for line in log.records]
    assert [(level, start) for level, start, _ in ended] == [
        (logging.INFO, "Export: abgebrochen"),
        (logging.INFO, "Export: abgebrochen"),
        (logging.WARNING, "Export: abgelehnt"),
        (logging.ERROR, "Export: fehlgeschlagen"),
    ]
    assert ended[2][2].endswith("(GeraError)")
    assert ended[3][2].endswith("(KeyError)")
    assert not any("Geheim" in text or "anna" in text for _, _, text in ended)


def test_a_logged_function_logs_each_call_with_counts_from_its_result(log) -> None:
    @logged_operation("Sicherung", result=lambda size: {"MB": size / 1e6})
    def backup(size: int) -> int:
        return size

    assert backup(2_500_000) == 2_500_000
    assert backup(500_000) == 500_000
    assert [line.getMessage().split(" in ")[0] for line in log.records] == [
        "Sicherung: 2,5 MB",
        "Sicherung: 0,5 MB",
    ]


def test_an_operation_without_counts_says_it_is_done(log) -> None:
    with logged_operation("Einstellungen speichern"):
        pass
    assert log.records[0].getMessage().startswith("Einstellungen speichern: fertig in ")
