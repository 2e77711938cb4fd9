"""What a start costs: which heavy libraries a fresh program process has loaded after each step.

``--version`` and ``--help`` load none of them; the program window is built and shown before SQLAlchemy
is loaded, and the first look lists the measures of a SQLite file without it (the database opens in the
background after that); opening an up-to-date database loads SQLAlchemy but not Alembic (with Mako and
Pygments), which only a due migration needs; openpyxl waits for the first spreadsheet action, so neither
the program window nor the demo data load it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from gera_desktop import __version__
from gera_desktop.cli import COMMANDS
from gera_desktop.persistence import migrate
from gera_desktop.persistence.database import make_engine
from gera_desktop.persistence.opening import open_database
from gera_desktop.resources import demo_data
from gera_desktop.services.demo import load_demo
from tests.faults.killing import REPO, RUN_LIMIT, child_env

HEAVY = ("PySide6", "alembic", "mako", "openpyxl", "pygments", "sqlalchemy")
ALEMBIC = {"alembic", "mako", "pygments"}
AUTOQUIT_ENV = "GERA_DESKTOP_AUTOQUIT_MS"
"""``gera_desktop.ui.app.AUTOQUIT_ENV`` (not imported: this test process stays without Qt)."""

CHILD = """
import contextlib, io, json, sys
loaded = {{}}
for label, code in {steps!r}:
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code)
    loaded[label] = sorted({{name.split(".")[0] for name in sys.modules}} & {heavy!r})
print("LOADED", json.dumps(loaded))
"""


def loaded_after(steps: dict[str, str], base: Path, **env: str) -> dict[str, list[str]]:
    """Run the steps' Python code in order in one new interpreter; the heavy libraries loaded after each."""
    script = CHILD.format(steps=list(steps.items()), heavy=set(HEAVY))
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**child_env(base), **env},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=RUN_LIMIT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout.rpartition("LOADED ")[2])
    return result


def main_call(*argv: str) -> str:
    """Code that runs ``gera-desktop ARGV`` through ``main`` (exit code 0 required)."""
    return f"from gera_desktop.__main__ import main\nassert main({list(argv)!r}) == 0\n"


def code(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def window_painted(db: str) -> tuple[str, ...]:
    """The lines that open the main window on the SQLite file ``db`` and paint it once."""
    return (
        "from PySide6.QtWidgets import QApplication",
        "app = QApplication([])",
        "from gera_desktop.services.core import Anwendung",
        "from gera_desktop.ui.main_window import MainWindow",
        f"window = MainWindow(Anwendung({'sqlite:///' + db!r}))",
        "window.show()",
        "window.repaint()",
    )


def up_to_date_file(path: Path) -> Path:
    """A SQLite file at the newest revision (the test process migrates it)."""
    open_database(f"sqlite:///{path}").dispose()
    return path


def demo_file(path: Path) -> Path:
    """A SQLite file with the demo data."""
    database = open_database(f"sqlite:///{path}")
    load_demo(database, demo_data())
    database.dispose()
    return path


def test_version_and_help_load_no_heavy_library(tmp_path: Path) -> None:
    calls = [["--version"], ["--help"], *[[command.name, "--help"] for command in COMMANDS]]

    loaded = loaded_after({" ".join(argv): main_call(*argv) for argv in calls}, tmp_path)

    assert loaded == {" ".join(argv): [] for argv in calls}


def test_an_up_to_date_database_opens_without_alembic_and_takes_the_demo_data_without_openpyxl(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{up_to_date_file(tmp_path / 'aktuell.sqlite')}"
    steps = {
        "öffnen": code(
            "from gera_desktop.persistence.opening import open_database",
            f"db = open_database({url!r})",
        ),
        "Beispieldaten": code(
            "from gera_desktop.resources import demo_data",
            "from gera_desktop.services.demo import load_demo",
            "assert load_demo(db, demo_data()) == 25",
        ),
        "prüfen": code(
            "from gera_desktop.persistence.integrity import check_database",
            "assert check_database(db).ok",
        ),
    }

    loaded = loaded_after(steps, tmp_path)

    assert loaded == {step: ["sqlalchemy"] for step in steps}


def test_check_and_backup_of_an_up_to_date_database_load_no_alembic(tmp_path: Path) -> None:
    db = str(up_to_date_file(tmp_path / "aktuell.sqlite"))

    loaded = loaded_after(
        {"check": main_call("check", "--db", db), "backup": main_call("backup", "--db", db)}, tmp_path
    )

    assert loaded == {"check": ["sqlalchemy"], "backup": ["sqlalchemy"]}


def test_a_new_database_is_still_migrated_with_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'neu.sqlite'}"
    create = code(
        "from gera_desktop.persistence.opening import open_database",
        f"open_database({url!r}).dispose()",
    )

    loaded = loaded_after({"anlegen": create}, tmp_path)

    assert set(loaded["anlegen"]) >= ALEMBIC
    engine = make_engine(url)
    with engine.connect() as connection:
        assert migrate.stored_revisions(connection) == [migrate.head_revision()]
    engine.dispose()


def test_the_program_window_on_the_demo_data_loads_neither_openpyxl_nor_alembic(tmp_path: Path) -> None:
    db = str(demo_file(tmp_path / "beispiel.sqlite"))

    loaded = loaded_after(
        {"Fenster": main_call("--db", db)}, tmp_path, QT_QPA_PLATFORM="offscreen", **{AUTOQUIT_ENV: "0"}
    )

    assert loaded == {"Fenster": ["PySide6", "sqlalchemy"]}


def test_the_program_window_paints_before_sqlalchemy_is_loaded(tmp_path: Path) -> None:
    db = str(demo_file(tmp_path / "beispiel.sqlite"))
    steps = {
        "Fenster gebaut": code(
            *window_painted(db),
        ),
    }

    loaded = loaded_after(steps, tmp_path, QT_QPA_PLATFORM="offscreen")

    assert loaded == {"Fenster gebaut": ["PySide6"]}


def test_the_program_window_builds_the_detail_form_only_for_a_measure_and_loads_no_workbook_spec(
    tmp_path: Path,
) -> None:
    db = str(demo_file(tmp_path / "beispiel.sqlite"))
    form_modules = ["gera_desktop.ui.views.detail_form", "gera_desktop.services.validation"]
    not_at_start = [*form_modules, "gera_desktop.excel", "importlib.metadata"]
    steps = {
        "Fenster gezeichnet": code(
            *window_painted(db),
            f"assert not set({not_at_start!r}) & set(sys.modules)",
            "assert not window.detail.page_built()",
        ),
        "neue Maßnahme": code(
            "window.detail.new_measure()",
            f"assert set({form_modules!r}) <= set(sys.modules)",
            "assert window.detail.form.fields['nr'].editor.isVisible()",
        ),
    }

    loaded = loaded_after(steps, tmp_path, QT_QPA_PLATFORM="offscreen")

    assert loaded["Fenster gezeichnet"] == ["PySide6"]


AFTER_THE_FIRST_PAINT = [
    "gera_desktop.ui.main_commands",
    "gera_desktop.ui.main_dialogs",
    "gera_desktop.ui.help_actions",
    "gera_desktop.ui.printing",
    "gera_desktop.ui.stand_actions",
    "gera_desktop.ui.grouping_actions",
    "gera_desktop.ui.fristen_action",
    "gera_desktop.ui.shortcut_keys",
    "gera_desktop.ui.welcome",
    "gera_desktop.ui.integrity_check",
    "gera_desktop.ui.views.timeline",
    "gera_desktop.ui.views.overview",
    "gera_desktop.services.export",
]
"""Modules the main window's first paint does without: built (and imported) right after it."""


def test_the_dialogs_and_the_commands_that_open_them_come_right_after_the_list(
    tmp_path: Path,
) -> None:
    db = str(demo_file(tmp_path / "beispiel.sqlite"))
    steps = {
        "Fenster gezeichnet": code(
            *window_painted(db),
            "hilfe = [a.menu() for a in window.menuBar().actions() if a.text() == '&Hilfe'][0]",
            "assert hilfe.actions() == []",
            f"assert not set({AFTER_THE_FIRST_PAINT!r}) & set(sys.modules)",
        ),
        "gleich danach": code(
            "from PySide6.QtCore import QDeadlineTimer, QEventLoop",
            "entries = lambda: [a.text().replace('&', '') for a in hilfe.actions()]",
            "limit = QDeadlineTimer(30_000)",
            "while not entries() and not limit.hasExpired():",
            "    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)",
            "assert 'Handbuch' in entries()",
            "assert 'gera_desktop.ui.main_commands' in sys.modules",
        ),
    }

    loaded = loaded_after(steps, tmp_path, QT_QPA_PLATFORM="offscreen")

    assert loaded["Fenster gezeichnet"] == ["PySide6"]


def test_the_version_is_the_one_of_pyproject_toml() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    assert __version__ == project["version"]


def test_the_first_look_lists_the_measures_without_sqlalchemy(tmp_path: Path) -> None:
    url = f"sqlite:///{demo_file(tmp_path / 'beispiel.sqlite')}"
    look = code(
        "from gera_desktop.services.core import Anwendung",
        f"assert len(Anwendung({url!r}).first_look().records) == 25",
    )

    loaded = loaded_after({"erster Blick": look}, tmp_path)

    assert loaded == {"erster Blick": []}


def test_the_first_export_loads_openpyxl(tmp_path: Path) -> None:
    db = str(demo_file(tmp_path / "beispiel.sqlite"))
    target = tmp_path / "liste.xlsx"

    loaded = loaded_after({"export": main_call("export", str(target), "--db", db)}, tmp_path)

    assert loaded == {"export": ["openpyxl", "sqlalchemy"]}
    assert target.is_file()


# --- what is read without the libraries, as they would read it --------------------------------------

NEXT_REVISION = '''"""One more revision."""

revision: str = "{rev}"
down_revision: str | None = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass
'''


def test_the_newest_revision_is_the_one_alembic_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = migrate.head_revision()
    assert shipped == migrate.script_directory().get_current_head()
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.SCRIPT_LOCATION, folder, ignore=shutil.ignore_patterns("__pycache__"))
    following = f"{int(shipped) + 1:04}"
    (folder / "versions" / f"{following}_mehr.py").write_text(
        NEXT_REVISION.format(rev=following, down=shipped), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "SCRIPT_LOCATION", folder)

    assert migrate.head_revision() == migrate.script_directory().get_current_head() == following


def test_the_text_cell_rules_are_openpyxl_s() -> None:
    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

    from gera_desktop.excel import writing

    assert writing.ERROR_CODES == ERROR_CODES
    assert writing.ILLEGAL_CHARACTERS_RE.pattern == ILLEGAL_CHARACTERS_RE.pattern
