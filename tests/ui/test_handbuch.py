"""Hilfe ▸ Handbuch: the manual's pages, links and pictures, its window, and F1 at each view."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication

from gera_desktop.resources import SOURCE_ROOT, resource_path
from gera_desktop.ui.handbuch import CHAPTERS, START, HandbuchWindow, page_url
from gera_desktop.ui.help_actions import menu
from gera_desktop.ui.main_window import MainWindow
from tests.ui.main_window_support import open_main_window

HANDBUCH = resource_path("handbuch")
PAGES = sorted(path.name for path in HANDBUCH.glob("*.md"))
MARKDOWN_TARGET = re.compile(r"\]\(([^)\s]+)\)")


def links(page: str) -> list[tuple[str, str]]:
    """Every link of the page as Qt shows it: (its text, where it leads)."""
    document = QTextDocument()
    document.setMarkdown((HANDBUCH / page).read_text(encoding="utf-8"))
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isAnchor():
                found.append((fragment.text(), fragment.charFormat().anchorHref()))
            it += 1
        block = block.next()
    return found


def test_the_contents_name_every_page_and_only_pages_there_are() -> None:
    assert sorted(page for page, _title in CHAPTERS) == PAGES
    assert START in PAGES


@pytest.mark.parametrize("page", PAGES)
def test_every_link_of_a_page_leads_to_a_page_of_the_manual(qapp, page: str) -> None:
    shown = links(page)
    assert shown, f"{page} links nowhere"
    for text, href in shown:
        assert not QUrl(href).scheme(), f"{page}: „{text}“ leads out of the manual ({href})"
        assert (HANDBUCH / href).is_file(), f"{page}: „{text}“ leads to {href}, which does not exist"


@pytest.mark.parametrize("page", PAGES)
def test_every_picture_of_a_page_is_a_png_there(page: str) -> None:
    for target in MARKDOWN_TARGET.findall((HANDBUCH / page).read_text(encoding="utf-8")):
        if target.startswith("bilder/"):
            assert not QImage(str(HANDBUCH / target)).isNull(), f"{page}: picture {target} missing"


def test_every_picture_is_shown_on_some_page() -> None:
    text = "".join((HANDBUCH / page).read_text(encoding="utf-8") for page in PAGES)
    for picture in (HANDBUCH / "bilder").glob("*.png"):
        assert f"bilder/{picture.name}" in text, f"{picture.name} is on no page"


def test_the_window_shows_a_page_with_its_pictures_at_the_width_of_the_page(qtbot) -> None:
    manual = HandbuchWindow()
    qtbot.addWidget(manual)
    manual.show_page("import.md")
    qtbot.waitExposed(manual)
    assert manual.browser.document().toPlainText().startswith("Eine Zulieferung importieren")
    assert manual.contents.currentItem().text() == "Eine Zulieferung importieren"
    picture = manual.browser.loadResource(
        QTextDocument.ResourceType.ImageResource.value, page_url("bilder/import.png")
    )
    assert isinstance(picture, QImage)
    assert not picture.isNull()
    assert picture.width() <= max(480, manual.browser.viewport().width())


def test_a_link_leads_on_and_zurueck_and_vor_lead_back_and_forth(qtbot) -> None:
    manual = HandbuchWindow()
    qtbot.addWidget(manual)
    manual.show_page(START)
    assert not manual.back.isEnabled()
    manual.browser.setSource(manual.browser.source().resolved(QUrl("meldungen.md")))  # as a click does
    assert manual.page() == "meldungen.md"
    assert manual.contents.currentItem().text() == "Wenn eine Meldung erscheint"
    manual.back.trigger()
    assert manual.page() == START
    assert manual.forward.isEnabled()
    manual.forward.trigger()
    assert manual.page() == "meldungen.md"
    manual.home.trigger()
    assert manual.page() == START


def test_a_click_in_the_contents_shows_the_chapter(qtbot) -> None:
    manual = HandbuchWindow()
    qtbot.addWidget(manual)
    manual.show_page(START)
    qtbot.waitExposed(manual)
    click_chapter(qtbot, manual, "Sicherungen")
    assert manual.page() == "sicherungen.md"


def test_strg_f_searches_the_page_and_says_when_nothing_is_found(qtbot) -> None:
    manual = HandbuchWindow()
    qtbot.addWidget(manual)
    manual.show_page("meldungen.md")
    qtbot.waitExposed(manual)
    manual.activateWindow()
    qtbot.waitUntil(manual.isActiveWindow)
    qtbot.keyClick(manual.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert manual.find_bar.isVisible()
    qtbot.keyClicks(manual.find_bar.field, "Speicherplatz")
    assert manual.browser.textCursor().selectedText() == "Speicherplatz"
    qtbot.keyClicks(manual.find_bar.field, "xyz")
    assert manual.find_bar.note.text() == "„Speicherplatzxyz“ kommt auf dieser Seite nicht vor."
    qtbot.keyClick(manual.find_bar.field, Qt.Key.Key_Escape)
    assert not manual.find_bar.isVisible()


def press_f1(qtbot, widget) -> HandbuchWindow:
    """Press F1 in ``widget``; the manual's window that opens."""
    qtbot.keyClick(widget, Qt.Key.Key_F1)
    manual = _open_manual()
    qtbot.addWidget(manual)
    return manual


def _open_manual() -> HandbuchWindow:
    """The one manual's window shown."""
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, HandbuchWindow) and w.isVisible()]
    assert len(shown) == 1
    return shown[0]


@pytest.mark.parametrize(("view", "page"), [(0, "liste.md"), (1, "zeitplan.md"), (2, "uebersicht.md")])
def test_f1_opens_the_page_of_the_view_shown(qtbot, window: MainWindow, view: int, page: str) -> None:
    window.show_view(view)
    manual = press_f1(qtbot, window.views.currentWidget())
    assert manual.page() == page
    assert manual.isVisible()


def test_hilfe_handbuch_opens_the_start_page_and_f1_in_a_dialog_its_page(qtbot, window: MainWindow) -> None:
    hilfe = menu(window, "Hilfe")
    assert [a.text().replace("&", "") for a in hilfe.actions()][:2] == ["Handbuch", "Hilfe zu dieser Ansicht"]
    window.help_actions.handbuch.trigger()
    manual = _open_manual()
    qtbot.addWidget(manual)
    assert manual.page() == START
    dialog = window.dialogs.open_backups()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_F1)
    assert manual.page() == "sicherungen.md"
    click_chapter(qtbot, manual, "Papierkorb und Rückgängig")  # read on while the dialog is open
    assert manual.page() == "papierkorb.md"
    dialog.close()


def click_chapter(qtbot, manual: HandbuchWindow, title: str) -> None:
    """Click the chapter in the manual's contents with the mouse."""
    item = manual.contents.findItems(title, Qt.MatchFlag.MatchExactly)[0]
    where = manual.contents.visualItemRect(item).center()
    qtbot.mouseClick(manual.contents.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_the_screenshot_tool_saves_a_picture_of_the_program(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    tool = SOURCE_ROOT / "tools" / "screenshots.py"
    run = subprocess.run(
        [sys.executable, str(tool), "--nur", "sicherungen", "--ziel", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    picture = QImage(str(tmp_path / "sicherungen.png"))
    assert not picture.isNull()
    assert picture.width() > 300
    assert [p.name for p in tmp_path.iterdir()] == ["sicherungen.png"]


def test_f1_in_a_dialog_opens_the_manual_of_the_dialogs_own_window(qtbot, demo) -> None:
    open_main_window(qtbot, demo)  # another main window, open before
    second = open_main_window(qtbot, demo)
    dialog = second.dialogs.open_backups()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_F1)
    manual = _open_manual()
    qtbot.addWidget(manual)
    assert manual is second.help_actions.open_handbuch("sicherungen.md")
    dialog.close()
