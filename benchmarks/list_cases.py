"""Liste (issues 4 and 11): setting and clearing a text filter, and a sort by every kind of column
(text, money, money partly computed, date, enum) in the main window at 1,000, 10,000 and 100,000
measures, each with the repaint of the table and the status bar (whose count and sums follow the filter).
Floor: a plain Python filter or ``sorted`` of the same records, put into a plain table model of the same
size and repainted. Goal ≤ 1.5×.

The measures are made in memory (without milestones and budget years, as the list holds them) and reach
the window as if read from its database: ``Anwendung.list_records`` answers with them while the window
is built. Every measured step is the program's own: filter bar -> list -> model reset -> status bar;
sort indicator (a click on the column header) -> model sort. The list answers synchronously today;
should it filter in the background one day, ``_shown`` must wait for the model first.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from operator import attrgetter
from typing import Any
from unittest.mock import patch

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView

from benchmarks import fixtures
from benchmarks.harness import BenchmarkError, Row, Settings, count, emit, heading, paired, timed
from benchmarks.qt_support import application, run_events, shown_window
from gera_desktop.domain.enums import Ampel, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.funding import DEFAULT_FOERDERQUOTE
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.core import Anwendung
from gera_desktop.services.listing import ListFilter
from gera_desktop.ui.models.massnahmen import COLUMN_KEYS

GOAL = 1.5
LEADS = ("Umweltamt", "Amt für Zentrale Steuerung", "Fachdienst Stadtplanung", "Verkehrsplanung", "Sozialamt")
SEARCH = "zentrale steuerung"
RATE = DEFAULT_FOERDERQUOTE / 100
STATUS_ORDER = {status: position for position, status in enumerate(Umsetzungsstand)}
SORTS: tuple[tuple[str, str, Callable[[MassnahmeData], Any]], ...] = (
    ("Nr. (Text)", "nr", attrgetter("nr")),
    ("Maßnahme (Text)", "titel", attrgetter("titel")),
    ("Gesamtkosten (Geld)", "gesamtkosten", attrgetter("gesamtkosten")),
    ("Bundesmittel (Geld, berechnet)", "bundesmittel", lambda r: r.bundesmittel or r.gesamtkosten * RATE),
    ("Beginn (Datum)", "beginn", attrgetter("beginn")),
    ("Umsetzungsstand (Aufzählung)", "status", lambda r: STATUS_ORDER[r.status]),
)
ModelIndex = QModelIndex | QPersistentModelIndex


def generated_records(n: int, seed: int = 1) -> list[MassnahmeData]:
    """Plausible measures; every second one leaves its funding fields empty (computed defaults)."""
    rng = random.Random(seed)
    return [_record(i, rng) for i in range(1, n + 1)]


def _record(i: int, rng: random.Random) -> MassnahmeData:
    beginn = date(2021, 1, 1) + timedelta(days=rng.randrange(1500))
    kosten = Decimal(rng.randrange(1_000_000, 200_000_000)) / 100
    given = i % 2 == 0
    return MassnahmeData(
        nr=f"M-{i:05d}",
        titel=f"{rng.choice(('Digitale', 'Smarte', 'Öffentliche', 'Offene'))} Plattform Nummer {i}",
        innovationsfeld=rng.choice(list(Innovationsfeld)),
        federfuehrung=rng.choice(LEADS),
        beginn=beginn,
        ende=beginn + timedelta(days=rng.randrange(200, 1200)),
        status=rng.choice(list(Umsetzungsstand)),
        gesamtkosten=kosten,
        kurzbeschreibung="Digitale Plattform für die Stadtgesellschaft in Gera " * 3,
        ampel=rng.choice([*Ampel, None]),
        bundesmittel=(kosten * 9 / 10).quantize(Decimal("0.01")) if given else None,
        eigenanteil=(kosten / 10).quantize(Decimal("0.01")) if given else None,
    )


@dataclass(frozen=True)
class Pair:
    """A case and its floor; ``setup`` and ``floor_setup`` run before each call, not timed."""

    case: Callable[[], object]
    floor: Callable[[], object]
    setup: Callable[[], object] | None = None
    floor_setup: Callable[[], object] | None = None


class PlainModel(QAbstractTableModel):
    """The floor's table model: the raw attribute of each shown column as text, nothing else."""

    def __init__(self, keys: list[str]) -> None:
        super().__init__()
        self.keys = keys
        self._rows: list[MassnahmeData] = []

    def set_rows(self, rows: list[MassnahmeData]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.keys)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        value = getattr(self._rows[index.row()], self.keys[index.column()])
        return "" if value is None else str(value)


def plain_filter(records: list[MassnahmeData], needle: str) -> list[MassnahmeData]:
    """The floor's search: the same four fields, lower-cased on every call."""
    return [
        r
        for r in records
        if needle in r.nr.lower()
        or needle in r.titel.lower()
        or needle in r.federfuehrung.lower()
        or needle in (r.kurzbeschreibung or "").lower()
    ]


def _chosen(records: list[MassnahmeData], ids: object) -> list[MassnahmeData]:
    """What the core's ``list_records`` would read: every record, or those with the given ids."""
    return list(records) if ids is None else [r for r in records if r.id in ids]  # type: ignore[operator]


class Bench:
    """The main window showing ``records`` and, beside it, the floor's plain table of the same size."""

    def __init__(self, records: list[MassnahmeData], settings: Settings) -> None:
        self.records = records
        db_file = settings.workdir / f"liste-{len(records)}.sqlite"
        self.db = open_database(fixtures.url(db_file))
        with (
            patch.object(Anwendung, "first_look", lambda _core, _keys=None: None),  # an empty file
            patch.object(Anwendung, "list_records", lambda _core, ids=None: _chosen(records, ids)),
        ):
            self.window = shown_window(self.db)
        self.table = self.window.list_view.table
        self.plain_model = PlainModel(self.window.list_view.visible_columns())
        self.plain = self._plain_table()
        run_events(0.2)

    def _plain_table(self) -> QTableView:
        """A plain table of the list's size, columns and row height (so it paints as many cells)."""
        plain = QTableView()
        plain.setModel(self.plain_model)
        plain.verticalHeader().setVisible(False)
        plain.verticalHeader().setDefaultSectionSize(self.table.verticalHeader().defaultSectionSize())
        header = self.table.horizontalHeader()
        for column, key in enumerate(self.plain_model.keys):
            plain.setColumnWidth(column, header.sectionSize(COLUMN_KEYS.index(key)))
        plain.resize(self.table.size())
        plain.show()
        return plain

    def close(self) -> None:
        """Close both windows and the database (the next size gets new ones)."""
        self.window.close()
        self.plain.close()
        self.window.deleteLater()
        self.plain.deleteLater()
        run_events(0.05)
        self.db.dispose()

    def _shown(self) -> None:
        """Repaint what a filter or a sort changes, the table and the status bar's count and sums, in one
        pass as the floor does: a second ``repaint`` would also paint what Qt left for after the first
        (a table laid out again raises its scroll bars and repaints them with its frame later), which the
        floor leaves for after its clock as well."""
        self.window.statusBar().update()
        self.table.viewport().repaint()

    def _plain_shown(self, rows: list[MassnahmeData]) -> None:
        self.plain_model.set_rows(rows)
        self.plain.viewport().repaint()

    def _filter(self, f: ListFilter) -> None:
        self.window.list_view.set_filter(f)

    def filter_pairs(self) -> tuple[Pair, Pair]:
        """Setting the search text (from every measure shown), and clearing it (from the found ones)."""
        found, everything = ListFilter(text=SEARCH), ListFilter()
        plain_found = plain_filter(self.records, SEARCH)

        def case(f: ListFilter) -> Callable[[], None]:
            def run() -> None:
                self._filter(f)
                self._shown()

            return run

        setting = Pair(
            case(found),
            lambda: self._plain_shown(plain_filter(self.records, SEARCH)),
            setup=lambda: self._filter(everything),
            floor_setup=lambda: self.plain_model.set_rows(list(self.records)),
        )
        clearing = Pair(
            case(everything),
            lambda: self._plain_shown(list(self.records)),
            setup=lambda: self._filter(found),
            floor_setup=lambda: self.plain_model.set_rows(plain_found),
        )
        return setting, clearing

    def sort_pair(self, key: str, plain_key: Callable[[MassnahmeData], Any]) -> Pair:
        """Each call is one click on the column header: descending, then ascending, and so on."""
        header, column = self.table.horizontalHeader(), COLUMN_KEYS.index(key)
        state = {"case": False, "floor": False}
        down, up = Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder

        def case() -> None:
            state["case"] = not state["case"]
            header.setSortIndicator(column, down if state["case"] else up)
            self._shown()

        def floor() -> None:
            state["floor"] = not state["floor"]
            self._plain_shown(sorted(self.records, key=plain_key, reverse=state["floor"]))

        return Pair(case, floor)

    def check_filter(self) -> None:
        """The list finds what the plain search finds (else the comparison would be unfair)."""
        self.window.list_view.set_filter(ListFilter(text=SEARCH))
        shown, expected = self.window.list_view.model.rowCount(), len(plain_filter(self.records, SEARCH))
        self.window.list_view.set_filter(ListFilter())
        if shown != expected:
            raise BenchmarkError(f"Die Liste zeigt {shown} statt {expected} gefundener Maßnahmen")


def measure(name: str, basis: str, pair: Pair, repeat: int) -> Row:
    """Warm up once each, then ``repeat`` pairs (even: a sort runs both ways equally often)."""
    timed(pair.case, pair.setup)
    timed(pair.floor, pair.floor_setup)
    result = paired(pair.case, pair.floor, repeat, setup=pair.setup, floor_setup=pair.floor_setup)
    return Row(name, result.seconds * 1000, "ms", result.floor * 1000, result.ratio, GOAL, basis=basis)


def run(settings: Settings) -> None:
    """The cases at each size, one window per size."""
    application()
    sizes = (1_000, 10_000) if settings.quick else (1_000, 10_000, 100_000)
    heading(
        "Liste",
        "Filter und Sortieren im Hauptfenster mit Neuzeichnen von Tabelle und Statuszeile; Boden: "
        "dasselbe in reinem Python mit einem schlichten Tabellenmodell gleicher Größe.",
    )
    for n in sizes:
        repeat = settings.pick(6 if n < 100_000 else 4, 2)
        bench = Bench(generated_records(n), settings)
        bench.check_filter()
        setting, clearing = bench.filter_pairs()
        emit(measure(f"Liste {count(n)}: Filter Text setzen", "Python-Filter + Neuzeichnen", setting, repeat))
        emit(measure(f"Liste {count(n)}: Filter aufheben", "alle zeigen + Neuzeichnen", clearing, repeat))
        bench.window.list_view.set_filter(ListFilter())
        for label, key, plain_key in SORTS:
            pair = bench.sort_pair(key, plain_key)
            emit(measure(f"Liste {count(n)}: Sortieren {label}", "sorted() + Neuzeichnen", pair, repeat))
        bench.close()
