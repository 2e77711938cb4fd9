"""Run as a program (``python -m tests.ui.screen_fit OUT.json [SHOT.png]``, or through ``open_on_screen``)
under the offscreen platform with a screen size and ``QT_SCALE_FACTOR`` set, and ``GERA_TEXT_SCALE`` for
the high-contrast palette and the font that many times its size (200 % text): opens the main window on a
fresh profile with the sample data, a measure in the detail, and writes what a user would notice as JSON:
the screen's available geometry, the window's frame and minimum size, the font's size before and after
scaling, and every visible input or label that is cut off. It looks at each view (Liste, Zeitplan,
Übersicht) and each tab of the detail form, at the window's first size and at its minimum size.
``test_screen_sizes`` starts one such process per scale factor, ``test_accessibility`` one with 200 % text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from gera_desktop import config

config.init(Path(tempfile.mkdtemp(prefix="gera-screen-")) / "user")  # a fresh profile, before any window

from PySide6.QtCore import QRect  # noqa: E402
from PySide6.QtGui import QPalette  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

from gera_desktop.persistence.opening import open_database  # noqa: E402
from gera_desktop.resources import demo_data  # noqa: E402
from gera_desktop.services.core import Anwendung  # noqa: E402
from gera_desktop.services.demo import load_demo  # noqa: E402
from gera_desktop.ui.app import create_application  # noqa: E402
from gera_desktop.ui.main_window import MainWindow  # noqa: E402
from tests.ui.contrast_support import contrast_and_font  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
RUN_S = 120
CHECKED = (QLabel, QLineEdit, QAbstractButton, QComboBox, QAbstractSpinBox, QTabBar)
"""What a user reads or types into; tables and text areas scroll by themselves."""
COMPOUND = (QComboBox, QAbstractSpinBox, QTabBar)
"""Widgets that size their own parts (a combo box's text field, a tab bar's scroll buttons)."""
VIEWS = ("Liste", "Zeitplan", "Übersicht")


def open_on_screen(folder: Path, scale: str, width: int, height: int, text_scale: float = 1) -> dict:
    """Run this program in a process of its own on an offscreen screen ``width`` × ``height`` at
    ``QT_SCALE_FACTOR`` ``scale`` (and ``text_scale``: high contrast and the font so many times its size);
    what it found."""
    screen = {"name": "bildschirm", "x": 0, "y": 0, "width": width, "height": height}
    config_file = folder / "bildschirm.json"
    config_file.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    out = folder / "fenster.json"
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config_file}", "QT_SCALE_FACTOR": scale}
    env["GERA_TEXT_SCALE"] = str(text_scale)
    run = subprocess.run(
        [sys.executable, "-m", "tests.ui.screen_fit", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_S,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


def wait_until(app: QApplication, done: Callable[[], bool]) -> None:
    """Process events until ``done()`` (the window's own work decides how long)."""
    while not done():
        app.processEvents()


def settle(app: QApplication, window: MainWindow) -> None:
    """Let layouts and the window's reads finish."""
    wait_until(app, lambda: not window.operations.busy)
    for _ in range(5):
        app.processEvents()


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton | QLineEdit) else ""
    name = widget.accessibleName() or text or widget.objectName()
    return f"{type(widget).__name__} „{name[:50]}“"


def _scrolled(widget: QWidget) -> bool:
    """Whether the widget lies inside a scroll area's viewport (the user scrolls to what is cut off)."""
    parent = widget.parentWidget()
    while parent is not None:
        if (
            isinstance(parent.parentWidget(), QAbstractScrollArea)
            and parent.objectName() == "qt_scrollarea_viewport"
        ):
            return True
        parent = parent.parentWidget()
    return False


def _hidden_by_user(widget: QWidget) -> bool:
    """Inside a pane that is collapsed to nothing (the detail hidden at the splitter)."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent.width() == 0 or parent.height() == 0:
            return True
        parent = parent.parentWidget()
    return False


def clipped(window: QWidget) -> list[str]:
    """Every visible input or label that is smaller than it needs, or cut off by the window's edge or a
    parent, unless it lies in a scroll area."""
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CHECKED) or not widget.isVisible() or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget.parentWidget(), COMPOUND) or _hidden_by_user(widget):
            continue
        problem = _problem(widget)
        if problem:
            found.append(f"{_name(widget)}: {problem}")
    return found


def _problem(widget: QWidget) -> str:
    need, size = widget.minimumSizeHint(), widget.size()
    if size.width() < need.width() or size.height() < need.height():
        return f"{size.width()}×{size.height()} statt mindestens {need.width()}×{need.height()}"
    if widget.hasHeightForWidth() and size.height() < widget.heightForWidth(size.width()):
        return f"{size.height()} hoch statt {widget.heightForWidth(size.width())} für den umbrochenen Text"
    if not _scrolled(widget):
        shown = widget.visibleRegion().boundingRect()
        if shown != widget.rect():
            return f"nur {shown.width()}×{shown.height()} von {size.width()}×{size.height()} sichtbar"
    return ""


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def look_everywhere(app: QApplication, window: MainWindow, where: str) -> list[str]:
    """Clipped widgets in each view and, beside the list, on each tab of the detail form."""
    found: list[str] = []
    for page, view in enumerate(VIEWS):
        window.show_view(page)
        settle(app, window)
        found += [f"{where}, {view}: {problem}" for problem in clipped(window)]
    window.show_view(0)
    form = window.detail.form
    for tab in range(form.count()):
        form.setCurrentIndex(tab)
        settle(app, window)
        found += [f"{where}, Reiter {form.tabText(tab)}: {problem}" for problem in clipped(window)]
    form.setCurrentIndex(0)
    return found


def main(out: Path, shot: Path | None) -> None:
    folder = Path(tempfile.mkdtemp(prefix="gera-screen-db-"))
    database = open_database(f"sqlite:///{folder / 'beispiel.sqlite'}")
    load_demo(database, demo_data(), user="test")
    app = create_application()
    text_scale = float(os.environ.get("GERA_TEXT_SCALE", "1"))
    points = [app.font().pointSizeF()]
    if text_scale != 1:
        contrast_and_font(app, text_scale).__enter__()  # for the whole run
    points.append(app.font().pointSizeF())
    window = MainWindow(Anwendung.on(database))
    listed: list[bool] = []
    window.loaded.connect(lambda: listed.append(True))
    window.show()
    wait_until(app, lambda: bool(listed))
    nr = window.list_view.visible_records()[0].nr
    window.list_view.select(nr)
    wait_until(app, lambda: window.detail.current_nr() == nr)
    settle(app, window)
    facts: dict[str, object] = {
        "available": _rect(window.screen().availableGeometry()),
        "frame": _rect(window.frameGeometry()),
        "points": points,
        "background": app.palette().color(QPalette.ColorRole.Window).name(),
    }
    if shot is not None:
        window.grab().save(str(shot))
    problems = look_everywhere(app, window, "erste Größe")
    least = window.minimumSizeHint()  # with every view built
    facts["minimum"] = [least.width(), least.height()]
    window.resize(least)
    settle(app, window)
    problems += look_everywhere(app, window, "kleinste Größe")
    facts["clipped"] = problems
    out.write_text(json.dumps(facts, ensure_ascii=False, indent=1), encoding="utf-8")
    window.close()
    database.dispose()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
