"""The Verlauf tab's table: old and new values share the width and wrap, rows grow with their text up to
a limit, long values have their whole text in the tooltip."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from gera_desktop.services.audit import AenderungData
from gera_desktop.ui.views.detail_form import DetailForm
from gera_desktop.ui.views.history_table import MAX_LINES
from tests.records import measure

LONG = " ".join(["Bürgerbeteiligung im Stadtteil Lusan mit Workshop und Online-Umfrage"] * 12)


def _entry(alt: str, neu: str, feld: str = "Kurzbeschreibung") -> AenderungData:
    return AenderungData(datetime(2025, 3, 4, 9, 15), "Frau Schmidt", "P-01", feld, alt, neu, "Bearbeitung")


def _form(qtbot, history: list[AenderungData]) -> DetailForm:
    form = DetailForm()
    qtbot.addWidget(form)
    form.resize(760, 600)
    form.show_record(measure(), history)
    form.setCurrentIndex(form.count() - 1)
    form.show()
    qtbot.waitExposed(form)
    return form


def test_old_and_new_values_share_the_width(qtbot, qtmodeltester) -> None:
    form = _form(qtbot, [_entry("alt", "neu")])
    table, model = form.verlauf_table, form.verlauf
    qtmodeltester.check(model)

    widths = [table.columnWidth(column) for column in range(model.columnCount())]
    assert widths[3] == widths[4] >= 160
    assert sum(widths) <= table.viewport().width() + 2
    assert widths[0] >= table.fontMetrics().horizontalAdvance("31.12.2025 14:03")


def test_a_long_value_wraps_into_a_taller_row_with_a_limit_and_a_tooltip(qtbot) -> None:
    form = _form(qtbot, [_entry("kurz", "kurz"), _entry("", LONG[:70]), _entry("", LONG)])
    table, model = form.verlauf_table, form.verlauf
    line = table.fontMetrics().lineSpacing()

    short, medium, long = (table.rowHeight(row) for row in range(3))
    assert short < 2 * line
    assert 2 * line <= medium < long
    assert long <= line * MAX_LINES + 10
    assert model.index(2, 4).data(Qt.ItemDataRole.ToolTipRole) == LONG


def test_widening_the_form_widens_the_values(qtbot) -> None:
    form = _form(qtbot, [_entry("", LONG)])
    table = form.verlauf_table
    before = table.columnWidth(4), table.rowHeight(0)

    form.resize(1200, 600)
    qtbot.waitUntil(lambda: table.columnWidth(4) > before[0])

    assert table.columnWidth(3) == table.columnWidth(4)
    assert table.rowHeight(0) <= before[1]


def test_rows_are_sized_as_they_come_into_view(qtbot) -> None:
    form = _form(qtbot, [_entry("", LONG) for _ in range(300)])
    table = form.verlauf_table
    line = table.fontMetrics().lineSpacing()
    assert table.rowHeight(0) > 2 * line

    table.scrollToBottom()

    qtbot.waitUntil(lambda: table.rowHeight(299) > 2 * line)
