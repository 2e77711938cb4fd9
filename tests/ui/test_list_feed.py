"""The list follows the database through the operations' ``changed`` signal: it reads only what a write
changed, lets deleted measures go without reading, reads everything after a write of very many measures
or a new database, and recomputes amounts and sums after new programme settings. Nobody calls refresh."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.persistence.database import Database
from gera_desktop.services.changes import Changes, Outcome
from gera_desktop.services.core import Anwendung
from gera_desktop.services.listing import FUNDING_KEYS, sort_records
from gera_desktop.ui.main_window import MainWindow
from gera_desktop.ui.models.massnahmen import COL_BUNDESMITTEL, COL_GESAMTKOSTEN
from gera_desktop.ui.views import list_feed
from tests.records import measure
from tests.ui.main_window_support import open_main_window


def _cell(window: MainWindow, nr: str, column: int) -> str:
    row = window.list_view.model.row_of(nr)
    assert row is not None, nr
    return window.list_view.model.index(row, column).data()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Collection[int] | None]:
    """The ids each reading of the list's records asked for (``None``: every measure)."""
    asked: list[Collection[int] | None] = []
    original = Anwendung.list_records

    def spy(core: Anwendung, ids: Collection[int] | None = None) -> Any:
        asked.append(None if ids is None else set(ids))
        return original(core, ids)

    monkeypatch.setattr(Anwendung, "list_records", spy)
    return asked


def _write(qtbot, window: MainWindow, work: Any) -> None:
    """A write made elsewhere (another dialog, an undo), through the window's operations."""
    with qtbot.waitSignal(window.operations.changed):
        window.operations.write(lambda core, _steps: work(core))
    qtbot.waitUntil(lambda: not window.operations.busy)


def test_a_changed_measure_is_read_alone_and_shows_in_its_row_and_the_sums(qtbot, window, reads) -> None:
    core = window.operations.core
    um01 = core.get("UM-01")
    reads.clear()

    _write(qtbot, window, lambda c: c.update(replace(um01, gesamtkosten=Decimal("460000.00"))))

    assert reads == [{um01.id}]
    assert _cell(window, "UM-01", COL_GESAMTKOSTEN) == "460.000,00 €"
    assert window.status.sums_label.text().startswith("Gesamtkosten 4.101.000,00 €")


def test_a_deleted_measure_leaves_the_list_without_reading_it(qtbot, window, reads) -> None:
    reads.clear()

    _write(qtbot, window, lambda c: c.delete("P-02", None))

    assert reads == []
    assert window.list_view.model.row_of("P-02") is None
    assert window.status.count_label.text() == "24 Maßnahmen"


def test_a_new_measure_is_added_to_the_list_where_the_sort_puts_it(qtbot, window, reads) -> None:
    reads.clear()

    _write(qtbot, window, lambda c: c.create(measure("P-015", gesamtkosten=Decimal("52000.00"))))

    assert reads == [{window.operations.core.get("P-015").id}]
    shown = [r.nr for r in window.list_view.visible_records()]
    assert shown == [r.nr for r in sort_records(window.list_view.all_records(), "nr")]
    assert "P-015" in shown
    assert window.status.count_label.text() == "26 Maßnahmen"


def test_a_write_of_very_many_measures_reads_the_list_again(
    qtbot, window, reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_feed, "MANY", 1)
    core = window.operations.core
    first, second = core.get("UM-01"), core.get("UM-02")
    reads.clear()

    def two(c: Anwendung) -> Changes:
        return (
            c.update(replace(first, titel="Eins")).changes | c.update(replace(second, titel="Zwei")).changes
        )

    with qtbot.waitSignal(window.loaded):
        window.operations.write(lambda c, _steps: Outcome(None, two(c)))

    assert reads == [None]
    assert window.list_view.model.record_count() == 25


def test_new_programme_settings_change_the_computed_amounts(qtbot, database: Database) -> None:
    empty = dict.fromkeys((*FUNDING_KEYS, "abgerufen"), None)
    Anwendung.on(database).create(measure("A-1", gesamtkosten=Decimal("1000.00"), **empty))
    window = open_main_window(qtbot, database)
    assert _cell(window, "A-1", COL_BUNDESMITTEL) == "900,00 €"

    _write(qtbot, window, lambda c: c.save_settings(ProgrammEinstellungen(foerderquote=Decimal(75))))

    qtbot.waitUntil(lambda: _cell(window, "A-1", COL_BUNDESMITTEL) == "750,00 €")
    assert "Bundesmittel 750,00 €" in window.status.sums_label.text()
