"""Screenshots for the README: the main window with the sample data on Qt's offscreen platform.

Run as ``uv run python tools/screenshots.py``; writes ``docs/screenshots/{liste,detail,zeitplan}.png``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop

from gera_desktop import config

TARGET = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SIZE = (1600, 900)
WAIT_S = 30


def main() -> int:
    """Open the sample data in a fresh user directory and save one picture per view."""
    with tempfile.TemporaryDirectory() as tmp:
        config.init(Path(tmp))
        return _shoot(Path(tmp) / "beispiel.sqlite")


def _shoot(database_file: Path) -> int:
    from gera_desktop.resources import demo_data
    from gera_desktop.services.core import Anwendung
    from gera_desktop.ui.app import create_application
    from gera_desktop.ui.main_window import MainWindow

    core = Anwendung(f"sqlite:///{database_file}")
    core.open()
    core.load_demo(demo_data())
    app = create_application()
    window = MainWindow(core)
    window.resize(*SIZE)
    window.show()
    TARGET.mkdir(parents=True, exist_ok=True)
    _wait(app, lambda: window.list_view.model.rowCount() > 0)  # the measures are read in the background
    window.list_view.select("UM-01")
    _wait(app, lambda: window.detail.current_nr() == "UM-01")
    _save(app, window, "liste")
    window.detail.form.setCurrentIndex(2)
    _save(app, window.detail, "detail")
    window.show_view(1)
    _wait(app, lambda: bool(window.timeline.records()))
    _save(app, window, "zeitplan")
    _wait(app, lambda: not window.operations.busy)
    window.close()
    core.close()
    return 0


def _wait(app: object, ready: Callable[[], bool]) -> None:
    """Let the event loop run until ``ready()`` (work in the background reports through it)."""
    deadline = time.monotonic() + WAIT_S
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError("Zeitüberschreitung beim Warten auf das Programmfenster")
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)  # type: ignore[attr-defined]


def _save(app: object, widget: object, name: str) -> None:
    app.processEvents()  # type: ignore[attr-defined]
    path = TARGET / f"{name}.png"
    widget.grab().save(str(path))  # type: ignore[attr-defined]
    print(f"{path}")


if __name__ == "__main__":
    raise SystemExit(main())
