"""The Übersicht on the demo data: the numbers a user reads, and where a click on an entry leads."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gera_desktop import resources
from gera_desktop.domain.enums import Ampel, Freigabe, Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.formatting import format_euro
from gera_desktop.domain.funding import FundingInput, compute
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.persistence.database import Database
from gera_desktop.services.demo import load_demo
from gera_desktop.services.listing import ListFilter, apply_filter
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.views import overview
from gera_desktop.ui.views.overview import OverviewView
from gera_desktop.ui.views.overview_cards import EntryTable

TODAY = date(2024, 8, 15)
ENVELOPE = ProgrammEinstellungen(foerdervolumen=Decimal("15000000"))


@pytest.fixture
def records(database: Database) -> list[MassnahmeData]:
    load_demo(database, resources.demo_data(), user="test")
    return MassnahmenService(database).list()


@pytest.fixture
def view(qtbot, records: list[MassnahmeData]) -> OverviewView:
    widget = OverviewView()
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    widget.set_data(records, ENVELOPE, TODAY)
    return widget


def _rows(table: EntryTable) -> list[list[str]]:
    model = table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _funding(record: MassnahmeData):
    values = FundingInput(
        record.gesamtkosten, record.foerderfaehig, record.foerderquote, record.bundesmittel,
        record.drittmittel, record.eigenanteil, record.abgerufen,
    )  # fmt: skip
    return compute(values, ENVELOPE.foerderquote)


def _click(qtbot, view: OverviewView, table: EntryTable, first_cell: str) -> list[ListFilter]:
    (row,) = [r for r, cells in enumerate(_rows(table)) if cells[0] == first_cell]
    emitted: list[ListFilter] = []
    view.filter_requested.connect(emitted.append)
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return emitted


def test_measures_per_umsetzungsstand_and_ampel_match_the_demo_data(
    view: OverviewView, records: list[MassnahmeData]
) -> None:
    status = Counter(r.status for r in records)
    ampel = Counter(r.ampel for r in records)

    assert _rows(view.status_table) == [[str(s), str(status[s])] for s in Umsetzungsstand]
    assert _rows(view.ampel_table) == [
        *([str(a), str(ampel[a])] for a in Ampel),
        ["ohne Bewertung", str(ampel[None])],
    ]
    assert view.heading.text() == "Übersicht – 25 Maßnahmen am 15.08.2024"


def test_sums_per_innovationsfeld_are_the_effective_amounts(
    view: OverviewView, records: list[MassnahmeData]
) -> None:
    rows = {cells[0]: cells[1:] for cells in _rows(view.money_table)}
    counted = [r for r in records if r.status is not Umsetzungsstand.ABGELEHNT]

    for feld in Innovationsfeld:
        members = [_funding(r) for r in counted if r.innovationsfeld is feld]
        assert rows[str(feld)][:4] == [
            str(len(members)),
            format_euro(sum((f.gesamtkosten for f in members), Decimal(0))),
            format_euro(sum((f.bundesmittel for f in members), Decimal(0))),
            format_euro(sum((f.eigenanteil for f in members), Decimal(0))),
        ]
    # UM-11 (abgelehnt, 1.000.000 €) is left out of Wirtschaft und Innovationskraft and of the sum.
    assert rows["Wirtschaft und Innovationskraft"][:2] == ["6", "703.000,00 €"]
    assert rows["Summe"] == ["24", "4.091.000,00 €", "3.681.900,00 €", "409.100,00 €", "391.230,00 €"]
    assert rows["Tourismus, Kultur und Freizeit"][4] == "233.730,00 €"  # UM-01's budget years


def test_the_left_out_measures_are_named(qtbot, view: OverviewView, records: list[MassnahmeData]) -> None:
    assert view.left_out_note.isVisibleTo(view)
    assert view.left_out_note.text() == (
        "1 Maßnahme ist abgelehnt oder abgebrochen (UM-11) und zählt in keiner Summe: nicht bei den "
        "Innovationsfeldern, nicht beim Fördervolumen und nicht beim Mittelabruf."
    )
    pursued = [r for r in records if r.nr != "UM-11"]
    view.set_data(pursued, ENVELOPE, TODAY)
    assert not view.left_out_note.isVisibleTo(view)
    assert _rows(view.money_table)[-1][:2] == ["Summe", "24"]


def test_bundesmittel_against_the_envelope(view: OverviewView, records: list[MassnahmeData]) -> None:
    counted = [
        _funding(r).bundesmittel
        for r in records
        if r.status not in (Umsetzungsstand.ABGELEHNT, Umsetzungsstand.ABGEBROCHEN)
    ]
    planned = sum(counted, Decimal(0))
    card = view.envelope_card

    assert card.planned.text() == format_euro(planned)
    assert card.envelope.text() == "15.000.000,00 €"
    assert card.rest.text() == f"Noch nicht verplant: {format_euro(Decimal('15000000') - planned)}"
    assert card.bar.text() == "24,5 %"


def test_without_an_envelope_the_card_says_where_to_set_it(qtbot, view: OverviewView, records) -> None:
    view.set_data(records, ProgrammEinstellungen(), TODAY)

    card = view.envelope_card
    assert card.envelope.text() == "nicht festgelegt – unter Datei ▸ Einstellungen festlegen"
    assert not card.bar.isVisibleTo(card)
    assert not card.rest.isVisibleTo(card)


def test_abgerufen_against_bewilligt(view: OverviewView, records: list[MassnahmeData]) -> None:
    approved = [r for r in records if r.freigabe is Freigabe.FREIGEGEBEN]
    bewilligt = sum((_funding(r).bundesmittel for r in approved), Decimal(0))
    card = view.calls_card

    assert card.bewilligt.text() == format_euro(bewilligt)
    assert card.abgerufen.text() == "391.230,00 €"
    assert f"Freigabe „freigegeben“ ({len(approved)})" in card.note.text()


def test_milestones_due_and_overdue(view: OverviewView) -> None:
    assert _rows(view.due_table) == [["UM-08", "Quartiersanalyse Plattenbau", "30.09.2024"]]
    assert _rows(view.overdue_table) == [["UM-07", "Standortkonzept Mobilitätsstationen", "30.06.2024"]]
    assert view.due_card.title.text() == "Meilensteine in den nächsten 60 Tagen (1)"


def test_no_milestones_says_keine(view: OverviewView, records) -> None:
    view.set_data(records, ENVELOPE, date(2020, 1, 1))

    assert _rows(view.due_table) == [["Keine", "", ""]]
    assert view.due_table.target(0) is None


@pytest.mark.parametrize(
    ("table", "entry", "expected"),
    [
        ("status_table", "in Umsetzung", {"status": Umsetzungsstand.IN_UMSETZUNG}),
        ("ampel_table", "gelb", {"ampel": Ampel.GELB}),
        ("ampel_table", "ohne Bewertung", {"ampel": None}),
        ("money_table", "Umwelt", {"innovationsfeld": Innovationsfeld.UMWELT}),
        ("money_table", "Summe", {}),
    ],
)
def test_a_click_leads_to_the_list_filtered_accordingly(
    qtbot,
    view: OverviewView,
    records: list[MassnahmeData],
    table: str,
    entry: str,
    expected: dict[str, object],
) -> None:
    emitted = _click(qtbot, view, getattr(view, table), entry)

    (chosen,) = emitted
    shown = apply_filter(records, chosen)
    wanted = [r for r in records if all(getattr(r, key) == value for key, value in expected.items())]
    assert [r.nr for r in shown] == [r.nr for r in wanted]
    assert shown


def test_a_milestone_leads_to_its_measure(qtbot, view: OverviewView, records) -> None:
    (chosen,) = _click(qtbot, view, view.overdue_table, "UM-07")

    assert [r.nr for r in apply_filter(records, chosen)] == ["UM-07"]
    assert chosen.label == "UM-07: Meilenstein „Standortkonzept Mobilitätsstationen“ am 30.06.2024"


def test_the_approved_measures_are_one_click_away(view: OverviewView, records) -> None:
    emitted: list[ListFilter] = []
    view.filter_requested.connect(emitted.append)

    view.calls_card.show_button.click()

    (chosen,) = emitted
    assert {r.nr for r in apply_filter(records, chosen)} == {
        r.nr for r in records if r.freigabe is Freigabe.FREIGEGEBEN
    }
    assert (
        view.calls_card.show_button.text() == f"Diese {len(chosen.nrs or ())} Maßnahmen in der Liste zeigen"
    )


def test_an_empty_entry_leads_nowhere_and_enter_works_like_a_click(qtbot, view: OverviewView) -> None:
    assert _click(qtbot, view, view.status_table, "Idee") == []

    emitted: list[ListFilter] = []
    view.filter_requested.connect(emitted.append)
    view.status_table.setCurrentCell(3, 0)
    qtbot.keyClick(view.status_table, Qt.Key.Key_Return)

    assert [f.status for f in emitted] == [list(Umsetzungsstand)[3]]


def test_many_milestones_end_in_one_row_leading_to_the_rest(
    qtbot, view: OverviewView, records, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(overview, "MILESTONES_SHOWN", 2)
    later = date(2030, 1, 1)  # every open milestone is overdue then
    view.set_data(records, ENVELOPE, later)
    overdue = view.figures.overdue if view.figures else []

    rows = _rows(view.overdue_table)
    assert len(rows) == 3
    assert rows[:2] == [[m.nr, m.bezeichnung, m.termin.strftime("%d.%m.%Y")] for m in overdue[:2]]
    assert rows[2] == [f"… und {len(overdue) - 2} weitere", "", ""]
    (chosen,) = _click(qtbot, view, view.overdue_table, rows[2][0])
    assert {r.nr for r in apply_filter(records, chosen)} == {m.nr for m in overdue[2:]}
