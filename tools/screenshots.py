"""Pictures for the Handbuch (and the README): the program with the sample data on Qt's offscreen platform.

    uv run python tools/screenshots.py                     # every picture into resources/handbuch/bilder/
    uv run python tools/screenshots.py --nur liste zeitplan --ziel /tmp/bilder
    uv run python tools/screenshots.py --bildschirme           # also the README's docs/bilder/fenster-*.png

The sample data are loaded into a temporary database (nothing of the user's is read or changed), with a
Stand, a later change and a backup, so that the comparison and the backups have something to show. The
window is 1366 × 768 pixels, the size of the smallest screens of the city. Pictures are saved as PNG
with a thin frame, the strongest compression and without an alpha channel, then made smaller still by
``optipng`` where it is installed (lossless; Debian package ``optipng``).

``--bildschirme`` also makes the README's pictures of the whole window on the city's screens (1366 × 768
at 100 % and 125 %, 1920 × 1080 at 150 %): one process of ``tests.ui.screen_fit`` per screen, on Qt's
offscreen platform with that screen size and scale factor, as ``tests/ui/test_screen_sizes.py`` runs it;
these are reduced to 256 colours by ``pngquant`` where it is installed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from gera_desktop import config

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "resources" / "handbuch" / "bilder"
SCREENS_TARGET = ROOT / "docs" / "bilder"
SCREENS = (("1", 1366, 768), ("1.25", 1366, 768), ("1.5", 1920, 1080))
"""The README's screens: scale factor, width and height in pixels."""
USER = "M. Beispiel"
SIZE = (1366, 768)
WAIT_S = 60
STAND = "Vorlage Stadtrat 14.12.2021"
SEARCH = "digital"
PICTURES = (
    "liste",
    "suche",
    "ohne-detail",
    "detail",
    "import",
    "export",
    "zeitplan",
    "uebersicht",
    "staende",
    "vergleich",
    "sicherungen",
    "protokoll",
)


def main(argv: list[str] | None = None) -> int:
    """Open the sample data in a fresh user directory and save the pictures asked for."""
    parser = argparse.ArgumentParser(description="Bilder für das Handbuch erzeugen")
    parser.add_argument("--ziel", type=Path, default=TARGET, help="Ordner für die Bilder")
    parser.add_argument("--nur", nargs="+", choices=PICTURES, default=list(PICTURES), help="nur diese Bilder")
    parser.add_argument(
        "--bildschirme", action="store_true", help=f"auch die Fensterbilder in {SCREENS_TARGET} erzeugen"
    )
    args = parser.parse_args(argv)
    if args.bildschirme:
        for scale, width, height in SCREENS:
            print(screen_picture(scale, width, height))
    with tempfile.TemporaryDirectory() as tmp:
        config.init(Path(tmp))
        shots = Shots(Path(tmp), args.ziel)
        try:
            for name in PICTURES:
                if name in args.nur:
                    getattr(shots, f"shot_{name.replace('-', '_')}")()
        finally:
            shots.close()
    return 0


class Shots:
    """The main window over the sample data; one method per picture."""

    def __init__(self, folder: Path, target: Path) -> None:
        from gera_desktop.services.core import Anwendung
        from gera_desktop.ui.app import create_application
        from gera_desktop.ui.main_window import MainWindow

        self.folder, self.target = folder, target
        target.mkdir(parents=True, exist_ok=True)
        self.core = Anwendung(f"sqlite:///{folder / 'beispiel.sqlite'}", USER)
        _prepare(self.core, folder)
        self.app = create_application()
        self.window = MainWindow(self.core)
        self.window.resize(*SIZE)
        self.window.show()
        self.wait(lambda: self.window.list_view.model.rowCount() > 0 and self.window.facts is not None)
        self.window.list_view.select("UM-01")
        self.wait(lambda: self.window.detail.current_nr() == "UM-01")

    def shot_liste(self) -> None:
        self.window.show_view(0)
        self.save(self.window, "liste")

    def shot_suche(self) -> None:
        """The list with a search typed: only the measures found, the hits marked."""
        self.window.show_view(0)
        everything = len(self.window.list_view.visible_records())
        self.window.list_view.filter_bar.search.setText(SEARCH)
        self.wait(lambda: len(self.window.list_view.visible_records()) < everything)
        self.window.list_view.select("UM-02")
        self.wait(lambda: self.window.detail.current_nr() == "UM-02")
        self.save(self.window, "suche")
        self.window.list_view.filter_bar.search.clear()
        self.wait(lambda: len(self.window.list_view.visible_records()) == everything)
        self.window.list_view.select("UM-01")
        self.wait(lambda: self.window.detail.current_nr() == "UM-01")

    def shot_ohne_detail(self) -> None:
        """The list across the whole window, the detail hidden (Ansicht ▸ Detailbereich)."""
        self.window.show_view(0)
        pane = self.window.workspace.detail_pane
        pane.set_shown(False)
        self.save(self.window, "ohne-detail")
        pane.set_shown(True)

    def shot_detail(self) -> None:
        self.window.detail.form.setCurrentIndex(2)  # Finanzen
        self.save(self.window.detail, "detail")
        self.window.detail.form.setCurrentIndex(0)

    def shot_import(self) -> None:
        dialog = self.window.dialogs.open_import(_changed_delivery(self.core, self.folder))
        assert dialog is not None
        self.wait(lambda: dialog.report is not None and not dialog.busy)
        self.save(dialog, "import", close=dialog)

    def shot_export(self) -> None:
        dialog = self.window.dialogs.open_export("anlage")
        self.save(dialog, "export", close=dialog)

    def shot_zeitplan(self) -> None:
        self.window.show_view(1)
        self.wait(lambda: bool(self.window.timeline.records()))
        self.save(self.window, "zeitplan")
        self.window.show_view(0)

    def shot_uebersicht(self) -> None:
        self.window.show_view(2)
        self.save(self.window, "uebersicht")
        self.window.show_view(0)

    def shot_staende(self) -> None:
        dialog = self.window.dialogs.open_staende()
        self.save(dialog, "staende", close=dialog)

    def shot_vergleich(self) -> None:
        dialog = self.window.dialogs.open_vergleich(STAND)
        compared: list[object] = []
        dialog.compared.connect(compared.append)
        self.wait(lambda: bool(compared))
        self.save(dialog, "vergleich", close=dialog)

    def shot_sicherungen(self) -> None:
        dialog = self.window.dialogs.open_backups()
        self.save(dialog, "sicherungen", close=dialog)

    def shot_protokoll(self) -> None:
        dialog = self.window.dialogs.open_protokoll()
        self.wait(lambda: dialog.model.rowCount() > 0)
        self.save(dialog, "protokoll", close=dialog)

    def wait(self, ready: Callable[[], bool]) -> None:
        """Let the event loop run until ``ready()`` and no background work runs."""
        deadline = time.monotonic() + WAIT_S
        while not ready() or self.window.operations.busy:
            if time.monotonic() > deadline:
                raise RuntimeError("Zeitüberschreitung beim Warten auf das Programmfenster")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)

    def save(self, widget: QWidget, name: str, close: QWidget | None = None) -> None:
        """Grab ``widget`` once everything is read and painted; then close ``close``."""
        self.wait(lambda: True)
        self.app.processEvents()
        image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
        _frame(image)
        path = self.target / f"{name}.png"
        if not image.save(str(path), "PNG", 0):  # quality 0: the strongest compression
            raise RuntimeError(f"{path} konnte nicht gespeichert werden")
        _optimise(path)
        print(path)
        if close is not None:
            close.close()
            self.wait(lambda: True)

    def close(self) -> None:
        self.window.close()
        self.core.close()
        QApplication.processEvents()


def screen_picture(scale: str, width: int, height: int) -> Path:
    """The whole window on a screen of ``width`` × ``height`` pixels at ``scale`` (e.g. "1.25"), saved in
    ``docs/bilder`` as ``fenster-<width>x<height>-<percent>.png``."""
    path = SCREENS_TARGET / f"fenster-{width}x{height}-{round(float(scale) * 100)}.png"
    SCREENS_TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        screen = Path(tmp) / "bildschirm.json"
        size = {"name": "bildschirm", "x": 0, "y": 0, "width": width, "height": height}
        screen.write_text(json.dumps({"screens": [size]}), encoding="utf-8")
        platform = f"offscreen:configfile={screen}"
        env = {**os.environ, "QT_QPA_PLATFORM": platform, "QT_SCALE_FACTOR": scale}
        command = [sys.executable, "-m", "tests.ui.screen_fit", str(Path(tmp) / "fenster.json"), str(path)]
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"{path.name} konnte nicht erzeugt werden:\n{run.stderr[-2000:]}")
    _optimise(path, colours=True)
    return path


def _optimise(path: Path, colours: bool = False) -> None:
    """Make the PNG smaller where the tools are installed: with ``colours``, first to at most 256 colours
    by ``pngquant`` (as the README's pictures have been), then without changing a pixel by ``optipng``."""
    pngquant = shutil.which("pngquant")
    if colours and pngquant is not None:
        quantise = [pngquant, "--force", "--skip-if-larger", "--quality", "80-100", "--output", str(path)]
        subprocess.run([*quantise, str(path)], check=False)  # 98: not smaller, 99: too lossy – keep it
    optipng = shutil.which("optipng")
    if optipng is not None:
        subprocess.run([optipng, "-quiet", "-o2", "-strip", "all", str(path)], check=True)


def _frame(image: QImage) -> None:
    """A thin grey frame, so that a picture stands apart from the page around it."""
    painter = QPainter(image)
    painter.setPen(QColor("#8a8f96"))
    painter.drawRect(0, 0, image.width() - 1, image.height() - 1)
    painter.end()


def _prepare(core: object, folder: Path) -> None:
    """The sample data, frozen as a Stand, then a later change and a backup."""
    from gera_desktop.domain.enums import Umsetzungsstand
    from gera_desktop.resources import demo_data
    from gera_desktop.services.core import Anwendung

    assert isinstance(core, Anwendung)
    core.open()
    core.load_demo(demo_data())
    core.freeze_stand(STAND, "Beispiel")
    record = core.get("UM-07")
    core.update(replace(record, status=Umsetzungsstand.IN_UMSETZUNG, gesamtkosten=Decimal("410000")))
    core.backup()


def _changed_delivery(core: object, folder: Path) -> Path:
    """A Maßnahmenliste as an office sends it back: the sample data with two changed measures."""
    import openpyxl

    from gera_desktop.services.core import Anwendung
    from gera_desktop.services.export import ExportRequest

    assert isinstance(core, Anwendung)
    path = folder / "Zulieferung Umweltamt.xlsx"
    records = [core.get(record.nr) for record in core.list_records()]
    core.export(path, records, ExportRequest(layout="liste"))
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header_row, columns = _header(sheet)
    for row in sheet.iter_rows(min_row=header_row + 1):
        nr = row[columns["Maßnahmen-Nr."]].value
        if nr == "UM-06":
            row[columns["Fortschritt (%)"]].value = 0.6
        elif nr == "UM-09":
            row[columns["Umsetzungsstand"]].value = "in Umsetzung"
    book.save(path)
    return path


def _header(sheet: object) -> tuple[int, dict[str, int]]:
    """The header row of the sheet and the column index of each header."""
    for row in sheet.iter_rows(max_row=25):  # type: ignore[attr-defined]
        texts = [str(cell.value or "").strip() for cell in row]
        if "Maßnahmen-Nr." in texts:
            return row[0].row, {text: index for index, text in enumerate(texts)}
    raise RuntimeError("Die Kopfzeile der Maßnahmenliste fehlt.")


if __name__ == "__main__":
    raise SystemExit(main())
