"""The command line through ``main(argv)``: exit codes, German output, --db anywhere, no Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import gera_desktop.__main__ as gera_main
from gera_desktop import __version__, config
from gera_desktop.__main__ import main
from gera_desktop.cli_commands.export import DEFAULT_BETREFF
from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.persistence.database import Database
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.massnahmen import MassnahmenService
from tests import workbooks
from tests.conftest import EXAMPLES
from tests.records import measure

CLI_CALLS = [["check"], ["export", "alle.json"], ["backup", "sicherung.sqlite"]]


def _fresh_file(path: Path) -> Path:
    open_database(f"sqlite:///{path}").dispose()
    return path


def _add_measures(path: Path, *numbers: str) -> None:
    db = open_database(f"sqlite:///{path}")
    try:
        for nr in numbers:
            MassnahmenService(db, user="test").create(measure(nr))
    finally:
        db.dispose()


def _numbers(path: Path) -> list[str]:
    db = open_database(f"sqlite:///{path}")
    try:
        return [m.nr for m in MassnahmenService(db).list(with_children=False)]
    finally:
        db.dispose()


# --- usage ------------------------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"gera-desktop {__version__}"


def test_help_is_german_and_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Aufruf: gera-desktop")
    for command in ("demo", "import", "export", "check", "backup", "restore"):
        assert f"\n    {command} " in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["gibtsnicht"], "BEFEHL: ungültige Auswahl: 'gibtsnicht'"),
        (["check", "--unbekannt"], "unbekannte Angaben: --unbekannt"),
        (["--db"], "--db: der Wert fehlt"),
        (["restore"], "es fehlt: SICHERUNG"),
    ],
)
def test_wrong_usage_exits_2_with_a_german_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("Aufruf: gera-desktop")
    assert f"Fehler: {message}" in err


@pytest.mark.parametrize(
    ("argv", "db"), [([], None), (["--db", "x.sqlite"], "x.sqlite"), (["--db=x.sqlite"], "x.sqlite")]
)
def test_without_a_command_the_window_opens_on_the_database_named(
    argv: list[str], db: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str | None] = []

    def run_gui(name: str | None) -> int:
        opened.append(name)
        return 0

    monkeypatch.setattr(gera_main, "_run_gui", run_gui)

    assert main(argv) == 0

    assert opened == [db]


def test_the_window_does_not_load_the_commands(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "import gera_desktop.__main__ as m\n"
        "m._run_gui = lambda db: print('DB', db) or 0\n"
        "m.main(['--db', 'x.sqlite'])\n"
        "print('CLI', sorted(n for n in sys.modules if n.startswith('gera_desktop.cli')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert (
        "DB x.sqlite\nCLI ['gera_desktop.cli_commands', 'gera_desktop.cli_commands.exits']" in result.stdout
    ), result.stderr


def test_the_command_line_does_not_load_qt(tmp_path: Path) -> None:
    db = _fresh_file(tmp_path / "ohne-qt.sqlite")
    _add_measures(db, "P-1")
    script = (
        "import sys\n"
        "from gera_desktop.__main__ import main\n"
        f"codes = [main([*argv, '--db', {str(db)!r}]) for argv in {CLI_CALLS!r}]\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'gera_desktop.ui')))\n"
        "print('CODES', codes, 'QT', qt)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert "CODES [0, 0, 0] QT []" in result.stdout, result.stderr


def test_a_reader_that_goes_away_is_no_program_error(tmp_path: Path) -> None:
    """``gera-desktop check | head -1``: the pipe closes early; no traceback, no 'Programmfehler'."""
    db = _fresh_file(tmp_path / "pipe.sqlite")
    command = [sys.executable, "-m", "gera_desktop", "check", "--db", str(db)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        process.stdout.close()
        _out, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert err.decode() == ""


# --- check and --db ---------------------------------------------------------------------------------


def test_check_of_a_fresh_database_is_fine(database: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--db", database.url]) == 0
    out = capsys.readouterr().out
    assert "Zustand: in Ordnung" in out
    assert "Maßnahmen: 0 (im Papierkorb: 0)" in out


def test_db_before_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _fresh_file(tmp_path / "vorne.sqlite")
    assert main(["--db", str(db), "check"]) == 0
    assert "Datenbank: vorne.sqlite" in capsys.readouterr().out


def test_db_after_the_command_wins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    front, back = _fresh_file(tmp_path / "vorne.sqlite"), _fresh_file(tmp_path / "hinten.sqlite")
    assert main(["--db", str(front), "check", "--db", str(back)]) == 0
    assert "Datenbank: hinten.sqlite" in capsys.readouterr().out


def test_db_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(config.DB_ENV, str(_fresh_file(tmp_path / "umgebung.sqlite")))
    assert main(["check"]) == 0
    assert "Datenbank: umgebung.sqlite" in capsys.readouterr().out


def test_without_db_the_default_database_is_used(
    user_dirs: config.Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    _fresh_file(user_dirs.default_database)
    assert main(["check"]) == 0
    assert f"Datenbank: {user_dirs.default_database.name}" in capsys.readouterr().out


def test_check_of_a_missing_file_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "tippfehler.sqlite"
    assert main(["check", "--db", str(missing)]) == 1
    assert "gibt es nicht" in capsys.readouterr().err
    assert not missing.exists()


def test_check_of_a_damaged_database_exits_1_and_leaves_it_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _fresh_file(tmp_path / "kaputt.sqlite")
    _add_measures(path, "P-1", "P-2")
    content = bytearray(path.read_bytes())
    page = 4096
    content[page * 2 : page * 2 + 64] = b"\xff" * 64  # a b-tree page header destroyed
    path.write_bytes(bytes(content))

    assert main(["check", "--db", str(path)]) == 1

    captured = capsys.readouterr()
    assert "Zustand: NICHT in Ordnung" in captured.out
    assert "gera-desktop restore" in captured.err
    assert path.read_bytes() == bytes(content)


def test_check_of_a_file_that_is_no_database_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notizen.sqlite"
    path.write_text("Das ist keine Datenbank.\n" * 200, encoding="utf-8")
    assert main(["check", "--db", str(path)]) == 1
    assert "NICHT in Ordnung" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == "Das ist keine Datenbank.\n" * 200


# --- errors -----------------------------------------------------------------------------------------


def test_a_bug_shows_its_traceback_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_db: object) -> None:
        raise RuntimeError("Programmfehler zum Test")

    monkeypatch.setattr("gera_desktop.persistence.integrity.check_database", broken)
    assert main(["check", "--db", str(_fresh_file(tmp_path / "x.sqlite"))]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err
    assert "RuntimeError: Programmfehler zum Test" in err


# --- backup and restore -----------------------------------------------------------------------------


def test_backup_into_a_named_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _fresh_file(tmp_path / "live.sqlite")
    _add_measures(db, "P-1")
    target = tmp_path / "sicherung.sqlite"

    assert main(["backup", str(target), "--db", str(db)]) == 0

    assert f"Sicherung angelegt: {target}" in capsys.readouterr().out
    assert _numbers(target) == ["P-1"]


def test_backup_into_the_backup_folder_and_list_it(
    tmp_path: Path, user_dirs: config.Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _fresh_file(tmp_path / "live.sqlite")
    assert main(["--db", str(db), "backup"]) == 0
    made = list(user_dirs.backup_dir.glob("live_*_manuell.sqlite"))
    assert len(made) == 1
    capsys.readouterr()

    assert main(["backup", "--liste", "--db", str(db)]) == 0

    out = capsys.readouterr().out
    assert made[0].name in out
    assert "manuell" in out


def test_restore_brings_back_the_backed_up_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _fresh_file(tmp_path / "live.sqlite")
    _add_measures(db, "P-1")
    backup = tmp_path / "stand.sqlite"
    assert main(["backup", str(backup), "--db", str(db)]) == 0
    _add_measures(db, "P-2")

    assert main(["restore", str(backup), "--db", str(db)]) == 0

    assert _numbers(db) == ["P-1"]
    out = capsys.readouterr().out
    assert "Sicherung „stand.sqlite“ eingespielt." in out
    assert "Der Stand davor ist gesichert" in out


def test_restore_of_a_missing_backup_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _fresh_file(tmp_path / "live.sqlite")
    _add_measures(db, "P-1")

    assert main(["restore", str(tmp_path / "gibtsnicht.sqlite"), "--db", str(db)]) == 1

    assert "gibt es nicht" in capsys.readouterr().err
    assert _numbers(db) == ["P-1"]


def test_backup_of_a_postgresql_database_is_refused(
    postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--db", postgres_url]) == 1
    assert "Werkzeugen des Servers" in capsys.readouterr().err


# --- demo -------------------------------------------------------------------------------------------


def test_demo_then_export_gives_the_sample_measures_with_their_children(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--db", database_url]) == 0
    assert "25 Maßnahmen angelegt (Beispieldaten)" in capsys.readouterr().out

    target = tmp_path / "beispiel.json"
    assert main(["export", str(target), "--db", database_url]) == 0
    measures = json.loads(target.read_text(encoding="utf-8"))["massnahmen"]
    assert len(measures) == 25
    kinds = ("meilensteine", "finanzen", "beteiligungen")
    children = {key: sum(len(m[key]) for m in measures) for key in kinds}
    assert min(children.values()) > 0

    assert main(["check", "--db", database_url]) == 0
    out = capsys.readouterr().out
    assert "Maßnahmen: 25 (im Papierkorb: 0)" in out
    assert f"Meilensteine: {children['meilensteine']}" in out
    assert f"Finanzjahre: {children['finanzen']}" in out
    assert f"Beteiligungen: {children['beteiligungen']}" in out


def test_demo_refuses_a_database_with_measures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _fresh_file(tmp_path / "echt.sqlite")
    _add_measures(db, "P-1")

    assert main(["demo", "--db", str(db)]) == 1

    assert "nur in eine leere Datenbank" in capsys.readouterr().err
    assert _numbers(db) == ["P-1"]


# --- import -----------------------------------------------------------------------------------------


def test_import_of_the_example_list(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(EXAMPLES / "massnahmenliste-2024-06.xlsx"), "--db", database_url]) == 0

    out = capsys.readouterr().out
    assert "Die Änderungen wurden gespeichert." in out
    assert "Neu: 25 · Geändert: 0" in out
    assert main(["check", "--db", database_url]) == 0
    assert "Maßnahmen: 25 (im Papierkorb: 0)" in capsys.readouterr().out


def test_import_dry_run_reports_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _fresh_file(tmp_path / "live.sqlite")
    path = workbooks.measures_file(
        tmp_path / "neu.xlsx", workbooks.measure("T-01"), workbooks.measure("T-02")
    )

    assert main(["import", str(path), "--dry-run", "--db", str(db)]) == 0
    assert "Probelauf neu.xlsx" in capsys.readouterr().out
    assert _numbers(db) == []

    assert main(["import", str(path), "--db", str(db)]) == 0
    assert _numbers(db) == ["T-01", "T-02"]


def test_import_of_a_file_with_an_error_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _fresh_file(tmp_path / "live.sqlite")
    broken = workbooks.measure("T-02", Umsetzungsstand="fertig")
    path = workbooks.measures_file(tmp_path / "fehler.xlsx", workbooks.measure("T-01"), broken)

    assert main(["import", str(path), "--db", str(db)]) == 1

    captured = capsys.readouterr()
    assert "Es wurde nichts gespeichert." in captured.out
    assert "„fertig“" in captured.out
    assert "wurde nicht eingelesen" in captured.err
    assert _numbers(db) == []


def test_import_of_a_missing_file_creates_no_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_database = tmp_path / "neu.sqlite"
    assert main(["import", str(tmp_path / "tippfehler.xlsx"), "--db", str(new_database)]) == 1
    assert "tippfehler.xlsx“ wurde nicht gefunden" in capsys.readouterr().err
    assert not new_database.exists()


def test_import_of_an_ods_file_says_how_to_convert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _fresh_file(tmp_path / "live.sqlite")
    assert main(["import", str(workbooks.ods_file(tmp_path / "liste.ods")), "--db", str(db)]) == 1
    assert ".xlsx" in capsys.readouterr().err
    assert _numbers(db) == []


# --- export -----------------------------------------------------------------------------------------


@pytest.fixture
def three_measures(tmp_path: Path) -> Path:
    db = _fresh_file(tmp_path / "drei.sqlite")
    _add_measures(db, "P-10", "P-2")
    live = open_database(f"sqlite:///{db}")
    try:
        MassnahmenService(live, user="test").create(
            measure("UM-1", innovationsfeld=Innovationsfeld.UMWELT, status=Umsetzungsstand.GEPLANT)
        )
    finally:
        live.dispose()
    return db


def test_export_json_holds_every_measure_in_order(
    three_measures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "alle.json"
    assert main(["export", str(target), "--db", str(three_measures)]) == 0

    document = json.loads(target.read_text(encoding="utf-8"))
    assert [m["nr"] for m in document["massnahmen"]] == ["P-2", "P-10", "UM-1"]
    assert document["massnahmen"][0]["gesamtkosten"] == 52000.0
    assert document["massnahmen"][0]["meilensteine"] == []
    assert f"3 Maßnahmen exportiert nach {target} (JSON)." in capsys.readouterr().out


def test_export_a_selection_as_csv(three_measures: Path, tmp_path: Path) -> None:
    target = tmp_path / "umwelt.csv"
    argv = ["--db", str(three_measures), "export", str(target), "--innovationsfeld", "umwelt"]
    assert main([*argv, "--status", "Geplant"]) == 0

    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Maßnahmen-Nr.;Maßnahme;")
    assert [line.split(";")[0] for line in lines[1:]] == ["UM-1"]


def test_export_chosen_numbers_as_maßnahmenliste(three_measures: Path, tmp_path: Path) -> None:
    target = tmp_path / "auswahl.xlsx"
    assert main(["export", str(target), "--nr", "p-10", "--nr", "UM-1", "--db", str(three_measures)]) == 0

    sheet = openpyxl.load_workbook(target, read_only=True)["Maßnahmen"]
    numbers = [row[0] for row in sheet.iter_rows(min_row=6, max_col=1, values_only=True) if row[0]]
    assert numbers == ["P-10", "UM-1"]


def test_export_of_an_unknown_number_writes_nothing(
    three_measures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.json"
    assert main(["export", str(target), "--nr", "P-2", "--nr", "P-99", "--db", str(three_measures)]) == 1
    assert "Diese Maßnahmen-Nr. gibt es nicht: P-99" in capsys.readouterr().err
    assert not target.exists()


def test_export_without_a_matching_measure_writes_nothing(
    three_measures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.json"
    assert main(["export", str(target), "--status", "Idee", "--db", str(three_measures)]) == 1
    assert "Keine Maßnahme passt" in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "liste.ods"], "möglich sind .xlsx, .csv, .json"),
        (["export", "x.json", "--status", "fertig"], "„fertig“ ist nicht vorgesehen. Erlaubt: Idee, geplant"),
    ],
)
def test_export_usage_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_export_keeps_the_previous_file_when_refused(three_measures: Path, tmp_path: Path) -> None:
    target = tmp_path / "stand.json"
    target.write_text("vorher", encoding="utf-8")
    assert main(["export", str(target), "--nr", "P-99", "--db", str(three_measures)]) == 1
    assert target.read_text(encoding="utf-8") == "vorher"


def test_export_of_an_empty_database_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "leer.xlsx"
    assert main(["export", str(target), "--db", str(_fresh_file(tmp_path / "leer.sqlite"))]) == 1
    assert "Die Datenbank hat keine Maßnahmen." in capsys.readouterr().err
    assert not target.exists()


def _anlage_sheet(path: Path) -> tuple[list[object], list[object], list[object]]:
    sheet = openpyxl.load_workbook(path)["Anlage"]
    title = [sheet.cell(row, 1).value for row in (1, 2)]
    headers = [cell.value for cell in sheet[5]]
    numbers = [sheet.cell(row, 1).value for row in range(6, sheet.max_row + 1)]
    return title, headers, numbers


def test_export_the_public_council_annex(three_measures: Path, tmp_path: Path) -> None:
    target = tmp_path / "anlage.xlsx"
    argv = [
        "export",
        str(target),
        "--layout",
        "anlage",
        "--drucksache",
        "82/2019 7. Ergänzung",
        "--anlage",
        "2",
    ]
    assert main([*argv, "--db", str(three_measures)]) == 0

    title, headers, numbers = _anlage_sheet(target)
    assert title == ["Anlage 2 zur Drucksache Nr. 82/2019 7. Ergänzung", DEFAULT_BETREFF]
    assert "E-Mail" not in headers
    assert "Bemerkungen" not in headers
    assert {"P-2", "P-10", "UM-1"} <= set(numbers)


def test_export_the_internal_council_annex(three_measures: Path, tmp_path: Path) -> None:
    target = tmp_path / "anlage-intern.xlsx"
    argv = ["export", str(target), "--layout", "anlage", "--drucksache", "1/2024", "--intern"]
    assert main([*argv, "--betreff", "Sachstand Juni", "--db", str(three_measures)]) == 0

    title, headers, _numbers = _anlage_sheet(target)
    assert title == ["Anlage 1 zur Drucksache Nr. 1/2024", "Sachstand Juni"]
    assert {"Ansprechpartner/in", "Bemerkungen"} <= set(headers)  # name, Telefon and E-Mail in one cell


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("x.xlsx", ["--layout", "anlage"], "bitte die Drucksache angeben"),
        ("x.xlsx", ["--intern"], "--intern gilt nur zusammen mit --layout anlage"),
        ("x.xlsx", ["--drucksache", "1/2024", "--betreff", "x"], "--drucksache, --betreff gilt nur zusammen"),
        ("x.csv", ["--layout", "liste"], "--layout gilt nur für Excel-Dateien (.xlsx), nicht für x.csv"),
    ],
)
def test_annex_options_that_do_not_fit_are_usage_errors(
    name: str,
    options: list[str],
    message: str,
    three_measures: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / name
    assert main(["export", str(target), *options, "--db", str(three_measures)]) == 2
    assert message in capsys.readouterr().err
    assert not target.exists()
