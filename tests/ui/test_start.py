"""The start of the window on a SQLite file: the measures are listed straight from the file, with their
sums, and the database is opened after that, without reading the list a second time."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from PySide6.QtWidgets import QMessageBox

from gera_desktop.persistence import migrate
from gera_desktop.persistence.database import make_engine
from gera_desktop.persistence.opening import open_database
from gera_desktop.resources import demo_data
from gera_desktop.services.core import Anwendung
from gera_desktop.services.demo import load_demo
from gera_desktop.ui.main_parts import VIEW, window_settings
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.views.list_feed import ListFeed
from tests.ui.main_window_support import LOAD_MS, finish_operations


@pytest.fixture
def demo_url(tmp_path: Path) -> str:
    """A closed SQLite file with the 25 measures of the demo data."""
    url = f"sqlite:///{tmp_path / 'beispiel.sqlite'}"
    database = open_database(url)
    load_demo(database, demo_data())
    database.dispose()
    return url


def start_window(qtbot, url: str) -> MainWindow:
    """The window on a core that is not open yet, as the program starts it."""
    window = MainWindow(Anwendung(url))
    qtbot.addWidget(window, before_close_func=lambda w: finish_operations(qtbot, w))
    return window


def test_the_measures_are_listed_with_their_sums_before_the_database_is_open(
    qtbot, demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole_readings: list[ListFeed] = []
    reading = ListFeed.load

    def load(feed: ListFeed) -> None:
        whole_readings.append(feed)
        reading(feed)

    monkeypatch.setattr(ListFeed, "load", load)
    window = start_window(qtbot, demo_url)
    sums = window.status.sums_label

    window.show()
    qtbot.waitUntil(lambda: sums.text().startswith("Gesamtkosten "), timeout=LOAD_MS)
    assert window.list_view.record_count() == 25
    assert window.status.count_label.text() == "25 Maßnahmen"
    first_sums = sums.text()
    assert not window.commands.new.isEnabled()  # nothing is written before the database is open

    with qtbot.waitSignal(window.workspace.feed.loaded, timeout=LOAD_MS):
        pass  # the rest of each measure's fields, read once the database is open
    qtbot.waitUntil(lambda: window.facts is not None and window.commands.new.isEnabled(), timeout=LOAD_MS)
    assert window.windowTitle().endswith("– beispiel.sqlite")
    assert window.list_view.record_count() == 25
    assert window.list_view.model.complete()
    assert sums.text() == first_sums
    assert whole_readings == [window.workspace.feed]


def test_a_file_that_needs_a_migration_is_listed_once_it_is_migrated(qtbot, demo_url: str) -> None:
    engine = make_engine(demo_url)
    with engine.begin() as connection:  # as an older version left it: revisions back
        command.downgrade(migrate.alembic_config(connection), "0002")
    engine.dispose()
    window = start_window(qtbot, demo_url)

    with qtbot.waitSignal(window.loaded, timeout=LOAD_MS):
        window.show()

    assert window.facts is not None
    assert not window.facts.read_only
    assert window.list_view.record_count() == 25


@pytest.mark.parametrize("page", [1, 2], ids=["Zeitplan", "Übersicht"])
def test_a_remembered_zeitplan_or_uebersicht_shows_its_measures_without_a_message(
    qtbot, demo_url: str, monkeypatch: pytest.MonkeyPatch, page: int
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a: warnings.append(text))
    settings = window_settings()
    settings.setValue(VIEW, page)
    settings.sync()
    window = start_window(qtbot, demo_url)

    with qtbot.waitSignal(window.loaded, timeout=LOAD_MS):
        window.show()

    assert window.views.currentIndex() == page
    if page == 1:
        qtbot.waitUntil(lambda: len(window.timeline.records()) == 25, timeout=LOAD_MS)
        assert any(record.meilensteine for record in window.timeline.records())
    else:
        overview = window.workspace.overview
        qtbot.waitUntil(lambda: overview.figures is not None, timeout=LOAD_MS)
        assert overview.figures is not None
        assert overview.figures.count == 25
    finish_operations(qtbot, window)
    assert warnings == []


def test_the_detail_sizes_itself_for_its_form_before_building_it(qtbot, demo_url: str) -> None:
    window = start_window(qtbot, demo_url)
    with qtbot.waitSignal(window.loaded, timeout=LOAD_MS):
        window.show()
    assert not window.detail.page_built()
    estimated = window.detail.preferred_width()

    window.detail.new_measure()

    assert window.detail.form.isVisible()
    built = window.detail.sizeHint().width()
    assert abs(estimated - built) <= built // 10
    assert window.detail.preferred_width() == built
