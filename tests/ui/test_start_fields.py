"""The start lists the measures with the fields the list needs first (``FIRST_KEYS``), the other fields
follow once the database is open. Until then a filter, a sort or a column that needs another field waits
for them: the user never sees a wrong result, and afterwards sees what the whole records give."""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from gera_desktop.services.core import Anwendung
from gera_desktop.services.listing import ListFilter, apply_filter, sort_records
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.models.massnahmen import COLUMN_KEYS
from tests.ui import test_start
from tests.ui.main_window_support import LOAD_MS
from tests.ui.test_start import start_window

demo_url = test_start.demo_url

UNREAD = "fortschritt"
"""A field the first look does not read (not shown on a first start)."""
COL_UNREAD = COLUMN_KEYS.index(UNREAD)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Holds the whole reading of the list's records back until it is set (set at the end anyway)."""
    gate = threading.Event()
    original = Anwendung.list_records

    def held(core: Anwendung, ids: Collection[int] | None = None) -> Any:
        gate.wait(LOAD_MS / 1000)
        return original(core, ids)

    monkeypatch.setattr(Anwendung, "list_records", held)
    yield gate
    gate.set()


def _first_look(qtbot, url: str) -> MainWindow:
    window = start_window(qtbot, url)
    window.show()
    qtbot.waitUntil(lambda: window.list_view.record_count() == 25, timeout=LOAD_MS)
    assert not window.list_view.model.complete()
    return window


def _shown(window: MainWindow) -> list[str]:
    return [record.nr for record in window.list_view.model.shown_records()]


def test_a_search_before_the_whole_records_finds_what_it_finds_with_them(
    qtbot, demo_url: str, gate: threading.Event
) -> None:
    window = _first_look(qtbot, demo_url)
    search = ListFilter(text="stadt")

    window.list_view.set_filter(search)
    before = _shown(window)
    with qtbot.waitSignal(window.workspace.feed.loaded, timeout=LOAD_MS):
        gate.set()

    whole = window.list_view.all_records()
    assert window.list_view.model.complete()
    assert 0 < len(before) < 25
    assert before == _shown(window) == [r.nr for r in sort_records(apply_filter(whole, search), "nr")]


def test_a_sort_by_a_field_not_read_yet_waits_for_it_saying_so(
    qtbot, demo_url: str, gate: threading.Event
) -> None:
    window = _first_look(qtbot, demo_url)
    view = window.list_view
    counted = window.status.count_label.text()

    view.table.sortByColumn(COL_UNREAD, Qt.SortOrder.DescendingOrder)

    assert view.model.rowCount() == 0
    assert view.loading_note.isVisibleTo(view)
    assert not view.empty_note.isVisibleTo(view)  # not "no measure passes the filter"
    assert window.status.count_label.text() == counted
    with qtbot.waitSignal(window.workspace.feed.loaded, timeout=LOAD_MS):
        gate.set()
    whole = view.all_records()
    assert _shown(window) == [r.nr for r in sort_records(whole, UNREAD, descending=True)]
    assert not view.loading_note.isVisibleTo(view)


def test_a_column_shown_before_its_field_is_read_stays_empty_until_then(
    qtbot, demo_url: str, gate: threading.Event
) -> None:
    window = _first_look(qtbot, demo_url)
    view, model = window.list_view, window.list_view.model

    view.set_column_visible(UNREAD, True)

    assert all(model.index(row, COL_UNREAD).data() is None for row in range(model.rowCount()))
    assert model.index(0, COLUMN_KEYS.index("titel")).data()
    with qtbot.waitSignal(window.workspace.feed.loaded, timeout=LOAD_MS):
        gate.set()
    record = next(r for r in view.all_records() if r.fortschritt is not None)
    row = model.row_of(record.nr)
    assert row is not None
    assert model.index(row, COL_UNREAD).data().endswith("%")


def test_nothing_is_exported_from_the_first_look(qtbot, demo_url: str, gate: threading.Event) -> None:
    window = _first_look(qtbot, demo_url)

    assert not window.commands.export.isEnabled()
    with qtbot.waitSignal(window.workspace.feed.loaded, timeout=LOAD_MS):
        gate.set()
    assert window.commands.export.isEnabled()
