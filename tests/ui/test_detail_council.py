"""The council cycle in the detail form: calls and decisions recorded in their tabs and saved, Mittel
abgerufen and the Jahresscheiben' Abgerufen following the called calls (read-only, with a note), German
messages at the cells, the decisions' pair in the Stammdaten, and the Cluster picked or typed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

from gera_desktop.domain.enums import Abrufstatus, Beschlussart, Beschlussergebnis
from gera_desktop.domain.records import BeschlussData, MittelabrufData
from gera_desktop.persistence.database import Database
from gera_desktop.resources import demo_data
from gera_desktop.services.core import Anwendung
from gera_desktop.services.demo import load_demo
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.views.detail import DetailView
from gera_desktop.ui.views.detail_fields import ClusterField
from tests.ui.operations_support import cell_texts, write_and_wait

EDIT = Qt.ItemDataRole.EditRole
CALLS_NOTE = "Aus den Mittelabrufen berechnet: 30.000,00 € (abgerufen und ausgezahlt)."


@pytest.fixture
def core(database: Database) -> Anwendung:
    load_demo(database, demo_data(), user="Import")
    return Anwendung.on(database, user="Frau Schmidt")


@pytest.fixture
def operations(qtbot, core: Anwendung) -> Operations:
    return Operations(core)


@pytest.fixture
def view(qtbot, operations: Operations) -> DetailView:
    detail = DetailView(operations, QUndoStack())
    qtbot.addWidget(detail, before_close_func=lambda _view: qtbot.waitUntil(lambda: not operations.busy))
    detail.resize(900, 800)
    detail.show()
    return detail


def _load(qtbot, view: DetailView, nr: str) -> None:
    with qtbot.waitSignal(view.loaded):
        view.load(nr)


def _save(qtbot, view: DetailView) -> None:
    with qtbot.waitSignal(view.saved):
        assert view.save()


def _add_call(view: DetailView, datum: str, betrag: str, status: str = "") -> int:
    model = view.form.mittelabrufe
    row = view.form.panels["mittelabrufe"].add_row()
    view.form.panels["mittelabrufe"].table.closePersistentEditor(model.index(row, 0))
    model.setData(model.index(row, 0), datum, EDIT)
    model.setData(model.index(row, 1), betrag, EDIT)
    if status:
        model.setData(model.index(row, model.column_of("status")), status, EDIT)
    return row


def _cluster(view: DetailView) -> ClusterField:
    field = view.form.fields["cluster"]
    assert isinstance(field, ClusterField)
    return field


# --- calls --------------------------------------------------------------------------------------------


def test_a_call_is_recorded_in_its_tab_and_saved(qtbot, qtmodeltester, view, core) -> None:
    _load(qtbot, view, "UM-06")
    assert view.form.tabText(5) == "Mittelabrufe"
    _add_call(view, "15.3.2024", "30.000", "abgerufen")
    row = _add_call(view, "2.9.2024", "20.000,00")
    view.form.mittelabrufe.setData(view.form.mittelabrufe.index(row, 4), "zweiter Abruf", EDIT)
    qtmodeltester.check(view.form.mittelabrufe)

    assert cell_texts(view.form.mittelabrufe) == [
        ["15.03.2024", "30.000,00 €", "2024/I", "abgerufen", ""],
        ["02.09.2024", "20.000,00 €", "2024/II", "geplant", "zweiter Abruf"],
    ]
    assert view.form.panels["mittelabrufe"].note.text() == (
        "Abgerufen (abgerufen und ausgezahlt): 30.000,00 € · geplant: 20.000,00 €"
    )
    _save(qtbot, view)

    stored = core.get("UM-06")
    assert stored.mittelabrufe == [
        MittelabrufData(date(2024, 3, 15), Decimal("30000.00"), "2024/I", Abrufstatus.ABGERUFEN),
        MittelabrufData(
            date(2024, 9, 2), Decimal("20000.00"), "2024/II", Abrufstatus.GEPLANT, "zweiter Abruf"
        ),
    ]
    assert [(f.jahr, f.abgerufen) for f in stored.finanzen if f.abgerufen] == [(2024, Decimal("30000.00"))]


def test_the_halbjahr_follows_the_date_until_another_is_set(qtbot, view) -> None:
    _load(qtbot, view, "UM-06")
    model = view.form.mittelabrufe
    row = _add_call(view, "15.3.2024", "1.000")
    halbjahr = model.index(row, model.column_of("halbjahr"))

    model.setData(model.index(row, 0), "1.10.2024", EDIT)
    assert halbjahr.data() == "2024/II"
    model.setData(halbjahr, "2025/I", EDIT)
    model.setData(model.index(row, 0), "1.11.2024", EDIT)
    assert halbjahr.data() == "2025/I"


def test_called_calls_make_mittel_abgerufen_and_the_years_read_only_before_saving(
    qtbot, qtmodeltester, view
) -> None:
    _load(qtbot, view, "UM-04")  # 157.500,00 € abgerufen in its Jahresscheiben
    field = view.form.fields["abgerufen"]
    years = view.form.finanzen
    column = years.column_of("abgerufen")
    assert not field.edit.isReadOnly()
    assert field.note_text() == ""
    assert years.flags(years.index(0, column)) & Qt.ItemFlag.ItemIsEditable

    row = _add_call(view, "15.3.2024", "30.000", "ausgezahlt")

    assert field.edit.isReadOnly()
    assert field.note_text().startswith(CALLS_NOTE)
    assert field.placeholder() == "berechnet: 30.000,00 €"
    assert not years.flags(years.index(0, column)) & Qt.ItemFlag.ItemIsEditable
    assert years.index(years.rowCount() - 1, column).data() == "30.000,00 €"
    qtmodeltester.check(years)
    assert "Abgerufen aus den Mittelabrufen berechnet (2024: 30.000,00 €)." in (
        view.form.panels["finanzen"].note.text()
    )

    view.form.mittelabrufe.setData(view.form.mittelabrufe.index(row, 3), "geplant", EDIT)

    assert not field.edit.isReadOnly()
    assert field.note_text() == ""
    assert years.index(years.rowCount() - 1, column).data() == "157.500,00 €"


def test_bad_input_in_a_call_is_named_at_its_cell(qtbot, view) -> None:
    _load(qtbot, view, "UM-06")
    panel, model = view.form.panels["mittelabrufe"], view.form.mittelabrufe
    row = _add_call(view, "15.3.2024", "1.000")

    assert not model.setData(model.index(row, model.column_of("status")), "erledigt", EDIT)
    assert panel.message_text() == (
        "Status: „erledigt“ ist kein gültiger Wert. Erlaubt sind: geplant, abgerufen, ausgezahlt."
    )
    assert not model.setData(model.index(row, 1), "zwölf", EDIT)
    assert panel.message_text().startswith("Betrag:")

    model.setData(model.index(row, 1), "0", EDIT)
    model.setData(model.index(row, 0), "1.1.2015", EDIT)
    assert not view.save()
    assert view.form.currentIndex() == 5
    assert "Mittelabrufe" in view.form.marked_tabs()
    assert model.problem(row, "betrag") is not None
    assert "Betrag: Der Betrag muss größer als 0 € sein." in panel.message_text()
    assert "liegt nicht in den Haushaltsjahren 2019 bis 2035" in panel.message_text()


# --- decisions ----------------------------------------------------------------------------------------


def test_a_decision_is_recorded_and_the_pair_shows_the_latest_council_decision(
    qtbot, qtmodeltester, view, core
) -> None:
    _load(qtbot, view, "UM-06")  # one council decision: 82/2019 7. Ergänzung of 14.12.2021
    model, panel = view.form.beschluesse, view.form.panels["beschluesse"]
    assert cell_texts(model) == [
        ["Stadtrat", "82/2019", "7. Ergänzung", "", "14.12.2021", "beschlossen", "nein", ""]
    ]
    row = panel.add_row()
    panel.table.closePersistentEditor(model.index(row, 0))
    for column, text in enumerate(["Stadtrat", "41/2024", "", "Bauausschuss", "20.3.2024", "vertagt", "ja"]):
        assert model.setData(model.index(row, column), text, EDIT)
    qtmodeltester.check(model)

    assert view.form.fields["drucksache"].value() == "41/2024"
    assert view.form.fields["beschlussdatum"].value() == date(2024, 3, 20)
    _save(qtbot, view)

    stored = core.get("UM-06")
    assert stored.beschluesse[-1] == BeschlussData(
        Beschlussart.STADTRAT,
        date(2024, 3, 20),
        Beschlussergebnis.VERTAGT,
        "41/2024",
        gremium="Bauausschuss",
        umlaufbeschluss=True,
    )
    assert (stored.drucksache, stored.beschlussdatum) == ("41/2024", date(2024, 3, 20))


def test_a_pair_typed_in_the_stammdaten_shows_up_as_a_decision_after_saving(qtbot, view) -> None:
    _load(qtbot, view, "UM-06")
    view.form.fields["drucksache"].set_value("12/2025")
    view.form.fields["beschlussdatum"].set_value(date(2025, 2, 26))
    _save(qtbot, view)

    assert cell_texts(view.form.beschluesse)[-1] == [
        "Stadtrat",
        "12/2025",
        "",
        "",
        "26.02.2025",
        "beschlossen",
        "nein",
        "",
    ]


def test_the_result_offers_the_values_of_its_art_and_a_misfit_is_named(qtbot, view) -> None:
    _load(qtbot, view, "UM-06")
    model, panel = view.form.beschluesse, view.form.panels["beschluesse"]
    delegate = panel.table.itemDelegate()
    result = model.index(0, model.column_of("ergebnis"))

    editor = delegate.createEditor(panel.table.viewport(), QStyleOptionViewItem(), result)
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "beschlossen",
        "geändert beschlossen",
        "abgelehnt",
        "vertagt",
    ]
    editor.deleteLater()

    model.setData(model.index(0, 0), "Fördermittelgeber", EDIT)
    editor = delegate.createEditor(panel.table.viewport(), QStyleOptionViewItem(), result)
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "freigegeben",
        "Nachbesserung",
        "abgelehnt",
    ]
    editor.deleteLater()
    assert not view.save()
    assert (
        "Ergebnis: „beschlossen“ passt nicht zu einem Beschluss (Fördermittelgeber)" in panel.message_text()
    )
    assert model.problem(0, "ergebnis") is not None


def test_a_rejection_by_the_funder_asks_for_its_reason_at_the_cell(qtbot, view, core) -> None:
    _load(qtbot, view, "UM-06")
    model, panel = view.form.beschluesse, view.form.panels["beschluesse"]
    row = panel.add_row()
    panel.table.closePersistentEditor(model.index(row, 0))
    for key, text in [("art", "Fördermittelgeber"), ("datum", "1.3.2022"), ("ergebnis", "abgelehnt")]:
        assert model.setData(model.index(row, model.column_of(key)), text, EDIT)

    assert not view.save()
    assert model.problem(row, "begruendung") == (
        "Beschluss Fördermittelgeber vom 01.03.2022: Begründung: Bei einer Ablehnung durch den "
        "Fördermittelgeber Pflichtfeld – bitte ausfüllen."
    )
    model.setData(model.index(row, model.column_of("begruendung")), "Kosten nicht förderfähig", EDIT)
    _save(qtbot, view)
    assert core.get("UM-06").beschluesse[-1].begruendung == "Kosten nicht förderfähig"


# --- the Cluster --------------------------------------------------------------------------------------


def test_the_cluster_field_offers_the_known_clusters_and_a_new_name_creates_one(
    qtbot, view, operations, core
) -> None:
    write_and_wait(qtbot, operations, lambda c: c.create_cluster("Mobilität"))
    _load(qtbot, view, "UM-06")
    combo = _cluster(view).combo
    qtbot.waitUntil(lambda: combo.count() == 1)
    assert combo.itemText(0) == "Mobilität"

    write_and_wait(qtbot, operations, lambda c: c.create_cluster("Klimaanpassung"))
    qtbot.waitUntil(lambda: combo.count() == 2)
    assert combo.currentText() == ""  # the offer changed, the measure's Cluster did not

    combo.setEditText("Digitale Verwaltung")
    _save(qtbot, view)

    assert core.get("UM-06").cluster == "Digitale Verwaltung"
    qtbot.waitUntil(lambda: combo.count() == 3)
    assert [c.name for c in core.clusters()] == ["Digitale Verwaltung", "Klimaanpassung", "Mobilität"]
