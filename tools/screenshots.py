"""Screenshots for the README: the main window with the sample data on Qt's offscreen platform.

Run as ``uv run python tools/screenshots.py``; writes ``docs/screenshots/{liste,detail,zeitplan}.png``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gera_desktop import config

TARGET = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SIZE = (1600, 900)


def main() -> int:
    """Open the sample data in a fresh user directory and save one picture per view."""
    with tempfile.TemporaryDirectory() as tmp:
        config.init(Path(tmp))
        return _shoot(Path(tmp) / "beispiel.sqlite")


def _shoot(database_file: Path) -> int:
    from gera_desktop.persistence.opening import open_database
    from gera_desktop.resources import demo_data
    from gera_desktop.services.demo import load_demo
    from gera_desktop.ui.app import create_application
    from gera_desktop.ui.main_window import MainWindow

    db = open_database(f"sqlite:///{database_file}")
    load_demo(db, demo_data())
    app = create_application()
    window = MainWindow(db)
    window.resize(*SIZE)
    window.show()
    TARGET.mkdir(parents=True, exist_ok=True)
    window.list_view.select("UM-01")
    _save(app, window, "liste")
    window.detail.form.setCurrentIndex(2)
    _save(app, window.detail, "detail")
    window.show_view(1)
    _save(app, window, "zeitplan")
    window.close()
    db.dispose()
    return 0


def _save(app: object, widget: object, name: str) -> None:
    app.processEvents()  # type: ignore[attr-defined]
    path = TARGET / f"{name}.png"
    widget.grab().save(str(path))  # type: ignore[attr-defined]
    print(f"{path}")


if __name__ == "__main__":
    raise SystemExit(main())
