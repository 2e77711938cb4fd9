"""The detail form driven as a user would: read a demo measure, edit, save, discard, leave, undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QComboBox, QMainWindow, QMessageBox

from gera_desktop.domain.enums import Ampel, Freigabe, Innovationsfeld, Projektart, Umsetzungsstand
from gera_desktop.domain.records import FIELD_KEYS
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.persistence.database import Database
from gera_desktop.resources import demo_data
from gera_desktop.services.core import Anwendung
from gera_desktop.services.demo import load_demo
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.services.settings import SettingsService
from gera_desktop.ui.dialogs.conflict import ConflictDialog, Decision
from gera_desktop.ui.dialogs.trash import TrashDialog
from gera_desktop.ui.inputs import DateEdit
from gera_desktop.ui.operations import Operations
from gera_desktop.ui.views.detail import DetailView

EDIT = Qt.ItemDataRole.EditRole
Button = QMessageBox.StandardButton


@pytest.fixture
def service(database: Database) -> MassnahmenService:
    load_demo(database, demo_data(), user="Import")
    return MassnahmenService(database, user="Frau Schmidt")


@pytest.fixture
def stack(qtbot) -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def operations(qtbot, database: Database, service: MassnahmenService) -> Operations:
    return Operations(Anwendung.on(database, user=service.user))


@pytest.fixture
def view(qtbot, operations, stack) -> DetailView:
    detail = DetailView(operations, stack)
    qtbot.addWidget(detail, before_close_func=lambda _view: _finish(qtbot, operations))
    detail.resize(900, 800)
    detail.show()
    return detail


def _finish(qtbot, operations: Operations) -> None:
    qtbot.waitUntil(lambda: not operations.busy)


def _load(qtbot, view: DetailView, nr: str) -> None:
    """Open the measure in the detail and wait until it is shown."""
    with qtbot.waitSignal(view.loaded):
        view.load(nr)


def _save(qtbot, view: DetailView) -> None:
    """Save and wait until the stored measure is shown."""
    with qtbot.waitSignal(view.saved):
        assert view.save()


class Questions:
    """Questions the view asks (``asked``), each answered with the next of ``answers``."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answers: list[Button] = []

    def __call__(self, _parent, _title, text, *_args) -> Button:
        self.asked.append(text)
        return self.answers.pop(0)


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    asking = Questions()
    monkeypatch.setattr(QMessageBox, "question", asking)
    return asking


def _type(qtbot, view: DetailView, key: str, text: str) -> None:
    """Replace a field's text as a user would (select all, type)."""
    editor: Any = view.form.fields[key].editor
    line = getattr(editor, "line", editor)
    line.selectAll()
    if text.isascii():
        qtbot.keyClick(line, Qt.Key.Key_Delete)
        qtbot.keyClicks(line, text)
    else:
        line.insert(text)


def _text(view: DetailView, key: str) -> str:
    editor: Any = view.form.fields[key].editor
    return str(editor.text())


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# --- reading ------------------------------------------------------------------------------------------


def test_a_demo_measure_shows_its_values_in_german(qtbot, view, service) -> None:
    _load(qtbot, view, "UM-01")
    fields = view.form.fields

    assert view.header.title.text() == "UM-01 · Digitales Theater „√My“"
    assert _text(view, "titel") == "Digitales Theater „√My“"
    assert _text(view, "gesamtkosten") == "450.000,00 €"
    assert _text(view, "bundesmittel") == ""  # the demo's amount is what the rules compute
    assert fields["bundesmittel"].placeholder() == "berechnet: 405.000,00 €"
    assert _text(view, "foerderquote") == "90 %"
    assert _text(view, "fortschritt") == "70 %"
    assert _text(view, "beginn") == "01.03.2023"
    assert _text(view, "beschlussdatum") == "14.12.2021"
    assert fields["ampel"].combo.currentText() == "grün"
    assert fields["status"].combo.currentText() == "in Umsetzung"
    assert fields["beteiligung"].box.isChecked()
    assert fields["stand"].shown.text() == date.today().strftime("%d.%m.%Y")
    assert view.form.meilensteine.rowCount() == 2
    assert view.form.finanzen.index(4, 1).data() == "450.000,00 €"
    # every field with a value, every child row, and the council decision of its Drucksache-Nr.
    assert view.form.verlauf.rowCount() == len(service.history("UM-01")) == 28
    assert view.form.verlauf.index(0, 5).data() == "Import massnahmenliste-beispiel.json"
    assert not view.has_unsaved_changes()
    assert not view.buttons.save_button.isEnabled()


def test_a_long_title_shows_its_beginning(qtbot, view) -> None:
    _load(qtbot, view, "UM-06")
    assert view.form.fields["titel"].edit.cursorPosition() == 0


def test_every_field_of_a_measure_is_on_the_form(view) -> None:
    assert set(view.form.fields) == set(FIELD_KEYS)
    keys = ("nr", "gesamtkosten", "foerderfaehig", "stand")
    labels = [view.form.fields[key].label.text().replace("&", "") for key in keys]  # without the Alt letter
    assert labels == ["Maßnahmen-Nr. *:", "Gesamtkosten *:", "davon förderfähig:", "Stand:"]


# --- editing and saving -------------------------------------------------------------------------------


def test_edited_title_and_costs_are_saved_with_an_audit_row(qtbot, view, service) -> None:
    _load(qtbot, view, "UM-01")
    _type(qtbot, view, "titel", "Digitales Theater Gera")
    _type(qtbot, view, "gesamtkosten", "460.000")
    assert view.form.fields["bundesmittel"].placeholder() == "berechnet: 414.000,00 €"
    assert view.form.fields["eigenanteil"].message_text() == ""
    assert view.has_unsaved_changes()
    assert view.buttons.unsaved.isVisibleTo(view)

    with qtbot.waitSignal(view.saved) as saved:
        _click(qtbot, view.buttons.save_button)

    stored = service.get("UM-01")
    assert (stored.titel, stored.gesamtkosten, stored.eigenanteil) == ("Digitales Theater Gera", 460000, None)
    assert saved.args[0].version == stored.version
    latest = {entry.feld: entry for entry in service.history("UM-01") if entry.benutzer == "Frau Schmidt"}
    assert (latest["Maßnahme"].alter_wert, latest["Maßnahme"].neuer_wert) == (
        "Digitales Theater „√My“",
        "Digitales Theater Gera",
    )
    assert latest["Gesamtkosten"].neuer_wert == "460.000,00 €"
    assert _text(view, "gesamtkosten") == "460.000,00 €"
    assert view.form.fields["eigenanteil"].placeholder() == "berechnet: 46.000,00 €"
    assert not view.has_unsaved_changes()


def test_discard_brings_back_the_loaded_values(qtbot, view, service) -> None:
    _load(qtbot, view, "P-02")
    before = _text(view, "titel")
    with qtbot.waitSignal(view.dirty_changed) as became_dirty:
        _type(qtbot, view, "titel", "Versehentlich geaendert")
    view.form.fields["ampel"].combo.setCurrentIndex(3)
    assert became_dirty.args == [True]

    with qtbot.waitSignal(view.dirty_changed) as became_clean:
        _click(qtbot, view.buttons.discard_button)

    assert became_clean.args == [False]

    assert _text(view, "titel") == before
    assert view.form.fields["ampel"].value() == service.get("P-02").ampel
    assert not view.has_unsaved_changes()
    assert service.get("P-02").version == 1


def test_leaving_asks_only_when_something_changed(qtbot, view, service, questions) -> None:
    _load(qtbot, view, "P-03")
    assert view.maybe_leave()
    assert questions.asked == []

    _type(qtbot, view, "stadtteil", "Lusan")
    questions.answers.append(Button.Cancel)
    assert not view.maybe_leave()
    assert "„P-03 – " in questions.asked[0]
    assert _text(view, "stadtteil") == "Lusan"

    questions.answers.append(Button.Discard)
    assert view.maybe_leave()
    assert _text(view, "stadtteil") == ""

    _type(qtbot, view, "stadtteil", "Bieblach")
    questions.answers.append(Button.Save)
    left: list[bool] = []
    with qtbot.waitSignal(view.saved):
        assert not view.maybe_leave(then=lambda: left.append(True))  # stays until it is stored
    assert service.get("P-03").stadtteil == "Bieblach"
    assert left == [True]


def test_ctrl_s_saves_while_typing(qtbot, view, service) -> None:
    _load(qtbot, view, "P-04")
    _type(qtbot, view, "zielwert", "500 Nutzer")
    line = view.form.fields["zielwert"].edit
    line.setFocus()

    with qtbot.waitSignal(view.saved):
        qtbot.keyClick(line, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert service.get("P-04").zielwert == "500 Nutzer"


# --- checks while typing ------------------------------------------------------------------------------


def test_a_funding_error_shows_at_the_field_while_typing_and_blocks_saving(qtbot, view, service) -> None:
    _load(qtbot, view, "UM-01")
    _type(qtbot, view, "abgerufen", "500.000")

    message = view.form.fields["abgerufen"].message_text()
    assert message == "Abgerufen (500.000,00 €) ist mehr als die Bundesmittel (405.000,00 €)."
    assert view.form.marked_tabs() == ["Finanzen"]

    _click(qtbot, view.buttons.save_button)

    assert service.get("UM-01").abgerufen is None
    assert service.get("UM-01").version == 1
    assert view.form.currentIndex() == 2


def test_an_empty_funding_field_shows_the_computed_default(qtbot, view) -> None:
    _load(qtbot, view, "P-01")
    _type(qtbot, view, "bundesmittel", "")
    _type(qtbot, view, "eigenanteil", "")

    assert view.form.fields["bundesmittel"].placeholder() == "berechnet: 46.800,00 €"
    assert view.form.fields["eigenanteil"].placeholder() == "berechnet: 5.200,00 €"
    assert view.form.fields["foerderfaehig"].placeholder() == "berechnet: 52.000,00 €"

    _type(qtbot, view, "foerderquote", "80")
    assert view.form.fields["bundesmittel"].placeholder() == "berechnet: 41.600,00 €"
    _type(qtbot, view, "foerderquote", "")
    assert view.form.fields["foerderquote"].placeholder() == "Programmsatz: 90 %"


def test_an_empty_mittel_abgerufen_shows_the_budget_years_calls(qtbot, view) -> None:
    _load(qtbot, view, "UM-01")
    assert _text(view, "abgerufen") == ""
    assert view.form.fields["abgerufen"].placeholder() == "berechnet: 233.730,00 €"

    years = view.form.finanzen
    years.setData(years.index(0, 3), "110.000", EDIT)  # 2023: 106.650 € -> 110.000 €

    assert view.form.fields["abgerufen"].placeholder() == "berechnet: 237.080,00 €"


def test_an_entered_amount_that_no_longer_fits_is_recomputed_in_one_click_that_can_be_undone(
    qtbot, view, service, stack
) -> None:
    _load(qtbot, view, "P-01")
    _type(qtbot, view, "bundesmittel", "40.000")  # less than the 46.800 € computed: kept as entered
    _save(qtbot, view)
    assert view.form.recompute_offered() == []
    _type(qtbot, view, "gesamtkosten", "30.000")

    assert (
        view.form.fields["bundesmittel"]
        .message_text()
        .startswith("Die Bundesmittel (40.000,00 €) übersteigen")
    )
    assert view.form.recompute_offered() == ["bundesmittel"]
    button = view.form.recompute_buttons["bundesmittel"]
    assert "(27.000,00 €)" in button.toolTip()
    with qtbot.waitSignal(view.saved):
        _click(qtbot, button)

    stored = service.get("P-01")
    assert (stored.gesamtkosten, stored.bundesmittel) == (Decimal("30000.00"), None)
    assert _text(view, "bundesmittel") == ""
    assert view.form.fields["bundesmittel"].placeholder() == "berechnet: 27.000,00 €"
    assert view.form.recompute_offered() == []
    assert not view.has_unsaved_changes()
    assert stack.count() == 2

    stack.undo()

    qtbot.waitUntil(lambda: _text(view, "bundesmittel") == "40.000,00 €")
    stored = service.get("P-01")
    assert (stored.gesamtkosten, stored.bundesmittel) == (Decimal("52000.00"), Decimal("40000.00"))


def test_a_stored_amount_that_a_new_programme_rate_breaks_offers_neu_berechnen(
    qtbot, view, service, database
) -> None:
    service.update(replace(service.get("P-02"), foerderquote=None, bundesmittel=Decimal("42000")))
    SettingsService(database).save(ProgrammEinstellungen(foerderquote=Decimal(80)))

    _load(qtbot, view, "P-02")

    assert view.form.fields["bundesmittel"].message_text() == (
        "Die Bundesmittel (42.000,00 €) übersteigen 80 % der förderfähigen Kosten (38.400,00 €)."
    )
    assert view.form.marked_tabs() == ["Finanzen"]
    assert view.form.recompute_offered() == ["bundesmittel"]
    with qtbot.waitSignal(view.saved):
        _click(qtbot, view.form.recompute_buttons["bundesmittel"])

    assert service.get("P-02").bundesmittel is None
    assert view.form.fields["bundesmittel"].placeholder() == "berechnet: 38.400,00 €"
    assert view.form.marked_tabs() == []


def test_neu_berechnen_on_a_new_measure_only_clears_the_field(qtbot, view, service) -> None:
    view.new_measure()
    _type(qtbot, view, "gesamtkosten", "1000")
    _type(qtbot, view, "eigenanteil", "500")

    assert view.form.recompute_offered() == ["eigenanteil"]
    _click(qtbot, view.form.recompute_buttons["eigenanteil"])

    assert _text(view, "eigenanteil") == ""
    assert view.form.fields["eigenanteil"].placeholder() == "berechnet: 100,00 €"
    assert view.is_new()
    assert service.count() == 25


def test_text_that_is_no_amount_is_named_at_its_field(qtbot, view, service) -> None:
    _load(qtbot, view, "P-05")
    _type(qtbot, view, "folgekosten", "ca. 500")

    assert view.form.fields["folgekosten"].message_text().startswith("„ca. 500“ ist kein Betrag.")
    assert not view.save()
    assert service.get("P-05").version == 1


def test_a_taken_nr_is_named_at_the_nr_field(qtbot, view, service) -> None:
    _load(qtbot, view, "P-05")
    _type(qtbot, view, "nr", "P-06")

    assert view.save()  # only the database knows the Nr. is taken

    qtbot.waitUntil(lambda: "P-06" in view.form.fields["nr"].message_text())
    assert "schon vergeben" in view.form.fields["nr"].message_text()
    assert view.form.currentIndex() == 0


# --- tables -------------------------------------------------------------------------------------------


def test_rows_of_the_tables_are_added_edited_removed_and_saved(qtbot, view, service) -> None:
    _load(qtbot, view, "UM-01")
    milestones = view.form.panels["meilensteine"]
    _click(qtbot, milestones.add_button)
    model = view.form.meilensteine
    model.setData(model.index(2, 0), "Evaluation", EDIT)
    model.setData(model.index(2, 1), "15.12.2026", EDIT)
    model.setData(model.index(1, 2), "30.06.2026", EDIT)
    milestones.select_rows([0])
    _click(qtbot, milestones.remove_button)

    years = view.form.finanzen
    _click(qtbot, view.form.panels["finanzen"].add_button)
    years.setData(years.index(4, 1), "0", EDIT)
    years.setData(years.index(3, 1), "60.000,00", EDIT)
    events = view.form.beteiligungen
    _click(qtbot, view.form.panels["beteiligungen"].add_button)
    events.setData(events.index(1, 0), "5.9.2024", EDIT)
    events.setData(events.index(1, 1), "Infostand", EDIT)
    events.setData(events.index(1, 3), "120", EDIT)

    with qtbot.waitSignal(view.saved):
        _click(qtbot, view.buttons.save_button)

    stored = service.get("UM-01")
    assert [(m.bezeichnung, m.termin, m.erledigt_am) for m in stored.meilensteine] == [
        ("Abschluss dritte Spielzeit", date(2026, 6, 30), date(2026, 6, 30)),
        ("Evaluation", date(2026, 12, 15), None),
    ]
    assert [(f.jahr, f.plan) for f in stored.finanzen][-1] == (2027, 0)
    assert [(b.format, b.teilnehmende) for b in stored.beteiligungen] == [
        ("Workshop", 25),
        ("Infostand", 120),
    ]


def test_an_unfinished_milestone_blocks_saving_and_is_marked(qtbot, view, service) -> None:
    _load(qtbot, view, "UM-04")
    _click(qtbot, view.form.panels["meilensteine"].add_button)
    view.form.meilensteine.setData(view.form.meilensteine.index(2, 0), "Ohne Termin", EDIT)

    assert not view.save()

    assert view.form.marked_tabs() == ["Meilensteine"]
    assert "Termin: Pflichtfeld" in view.form.panels["meilensteine"].message_text()
    assert view.form.meilensteine.problem(2, "termin") is not None
    assert len(service.get("UM-04").meilensteine) == 2


def test_a_plan_that_does_not_add_up_is_a_warning_below_the_years(qtbot, view, service) -> None:
    _load(qtbot, view, "UM-01")
    years = view.form.finanzen
    years.setData(years.index(0, 1), "100.000", EDIT)

    note = view.form.panels["finanzen"].note.text()
    assert note == (
        "Die Planansätze der Haushaltsjahre ergeben 430.000,00 €, "
        "die Gesamtkosten betragen aber 450.000,00 €."
    )
    with qtbot.waitSignal(view.saved):
        view.save()  # a warning, not an error
    assert service.get("UM-01").finanzen[0].plan == Decimal("100000.00")


# --- a new measure ------------------------------------------------------------------------------------


def test_a_new_measure_starts_with_the_defaults_and_is_created(qtbot, view, service) -> None:
    view.new_measure()
    fields = view.form.fields
    assert (fields["art"].value(), fields["freigabe"].value(), fields["status"].value()) == (
        Projektart.UMSETZUNG,
        Freigabe.NICHT_EINGEREICHT,
        Umsetzungsstand.IDEE,
    )
    assert fields["titel"].message_text() == ""  # nothing said before the user tried

    assert not view.save()
    assert fields["titel"].message_text() == "Pflichtfeld – bitte ausfüllen."
    assert fields["innovationsfeld"].message_text() == "Pflichtfeld – bitte ausfüllen."

    for key, text in (("nr", "UM-12"), ("federfuehrung", "Amt fuer Umwelt"), ("gesamtkosten", "80000")):
        _type(qtbot, view, key, text)
    _type(qtbot, view, "titel", "Klimasensoren in Grünanlagen")
    _type(qtbot, view, "beginn", "1.1.26")
    _type(qtbot, view, "ende", "31.12.2027")
    fields["innovationsfeld"].set_value(Innovationsfeld.UMWELT)
    with qtbot.waitSignal(view.saved):
        _click(qtbot, view.buttons.save_button)

    stored = service.get("UM-12")
    assert (stored.titel, stored.beginn, stored.gesamtkosten) == (
        "Klimasensoren in Grünanlagen",
        date(2026, 1, 1),
        Decimal("80000.00"),
    )
    assert view.current_nr() == "UM-12"
    assert view.form.fields["bundesmittel"].placeholder() == "berechnet: 72.000,00 €"


# --- undo and redo ------------------------------------------------------------------------------------


def test_undo_after_saving_restores_the_old_value_and_redo_applies_it_again(
    qtbot, view, service, stack
) -> None:
    _load(qtbot, view, "P-07")
    old_title, old_ampel = _text(view, "titel"), view.form.fields["ampel"].value()
    _type(qtbot, view, "titel", "Neuer Titel")
    view.form.fields["ampel"].set_value(Ampel.ROT)
    _save(qtbot, view)
    assert stack.count() == 1
    assert service.get("P-07").titel == "Neuer Titel"

    stack.undo()

    qtbot.waitUntil(lambda: _text(view, "titel") == old_title)  # the form follows the database
    stored = service.get("P-07")
    assert (stored.titel, stored.ampel) == (old_title, old_ampel)
    assert old_ampel != Ampel.ROT
    stack.redo()
    qtbot.waitUntil(lambda: _text(view, "titel") == "Neuer Titel")
    assert (service.get("P-07").titel, service.get("P-07").ampel) == ("Neuer Titel", Ampel.ROT)


def test_undo_of_a_new_measure_moves_it_to_the_trash(qtbot, view, service, stack) -> None:
    view.new_measure()
    for key, text in (("nr", "UM-20"), ("titel", "Test"), ("federfuehrung", "Amt"), ("gesamtkosten", "1000")):
        _type(qtbot, view, key, text)
    _type(qtbot, view, "beginn", "01.01.2026")
    _type(qtbot, view, "ende", "01.06.2026")
    view.form.fields["innovationsfeld"].set_value(Innovationsfeld.ENERGIE)
    _save(qtbot, view)

    stack.undo()

    qtbot.waitUntil(lambda: view.current_nr() is None)  # the form does not show a measure that is gone
    assert [entry.nr for entry in service.trash()] == ["UM-20"]


# --- conflict -----------------------------------------------------------------------------------------


def test_a_conflict_is_resolved_field_by_field_and_saved_on_the_new_version(
    qtbot, view, service, database, monkeypatch
) -> None:
    _load(qtbot, view, "UM-03")
    colleague = MassnahmenService(database, user="Herr Meier")
    theirs = colleague.update(replace(colleague.get("UM-03"), titel="Sein Titel", ampel=Ampel.GELB))
    _type(qtbot, view, "titel", "Mein Titel")
    _type(qtbot, view, "stadtteil", "Zwoetzen")
    shown: list[list[str]] = []

    def choose(dialog: ConflictDialog) -> int:
        shown.append(dialog.keys())
        dialog.choose("titel", mine=True)
        dialog.accept_choice()
        return ConflictDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictDialog, "exec", choose)
    with qtbot.waitSignal(view.saved):
        _click(qtbot, view.buttons.save_button)

    stored = service.get("UM-03")
    assert shown == [["titel", "stadtteil", "ampel"]]
    assert (stored.titel, stored.stadtteil, stored.ampel) == ("Mein Titel", "Zwoetzen", Ampel.GELB)
    assert stored.version == (theirs.version or 0) + 1
    assert _text(view, "titel") == "Mein Titel"


def test_discarding_in_a_conflict_shows_their_version(qtbot, view, service, database, monkeypatch) -> None:
    _load(qtbot, view, "UM-03")
    colleague = MassnahmenService(database, user="Herr Meier")
    colleague.update(replace(colleague.get("UM-03"), titel="Sein Titel"))
    _type(qtbot, view, "titel", "Mein Titel")

    def discard(dialog: ConflictDialog) -> int:
        dialog.decision = Decision.DISCARD
        return ConflictDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictDialog, "exec", discard)
    assert view.save()

    qtbot.waitUntil(lambda: _text(view, "titel") == "Sein Titel")
    assert service.get("UM-03").titel == "Sein Titel"
    assert not view.has_unsaved_changes()


# --- deleting -----------------------------------------------------------------------------------------


def test_deleting_asks_moves_to_the_trash_and_the_trash_restores(
    qtbot, view, service, questions, stack
) -> None:
    _load(qtbot, view, "UM-06")
    questions.answers.append(Button.Yes)

    with qtbot.waitSignal(view.deleted) as deleted:
        _click(qtbot, view.buttons.delete_button)

    assert deleted.args == ["UM-06"]
    assert "„UM-06 – " in questions.asked[0]
    assert "Papierkorb" in questions.asked[0]
    assert view.current_nr() is None
    assert stack.undoText() == "Löschen von UM-06"
    trash = TrashDialog(view.operations, stack)
    qtbot.addWidget(trash)
    qtbot.waitSignal(trash.read).wait()
    trash.select("UM-06")
    with qtbot.waitSignal(trash.restored):
        _click(qtbot, trash.restore_button)
    assert service.get("UM-06").nr == "UM-06"
    assert stack.undoText() == "Wiederherstellen von UM-06"


def test_deleting_is_not_done_when_the_user_says_no(qtbot, view, service, questions) -> None:
    _load(qtbot, view, "UM-06")
    questions.answers.append(Button.No)
    assert not view.delete()
    assert service.trash() == []
    assert view.current_nr() == "UM-06"


def test_deleting_a_measure_someone_changed_meanwhile_explains_it(
    qtbot, view, service, database, questions, warnings
) -> None:
    _load(qtbot, view, "UM-07")
    colleague = MassnahmenService(database, user="Herr Meier")
    colleague.update(replace(colleague.get("UM-07"), zielwert="100"))
    questions.answers.append(Button.Yes)

    assert view.delete()

    qtbot.waitUntil(lambda: bool(warnings))
    assert "von Herr Meier" in warnings[0]
    assert service.trash() == []


def test_a_table_date_is_typed_or_picked_in_the_cell_editor(qtbot, view) -> None:
    _load(qtbot, view, "UM-01")
    view.form.setCurrentIndex(3)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    panel = view.form.panels["meilensteine"]
    done = view.form.meilensteine.index(1, 2)
    panel.table.setCurrentIndex(done)
    panel.table.edit(done)
    editor = panel.table.findChild(DateEdit)
    assert editor is not None
    assert editor.text() == ""

    qtbot.keyClicks(editor.line, "1.7.26")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: done.data() == "01.07.2026")

    due = view.form.meilensteine.index(1, 1)
    panel.table.setCurrentIndex(due)
    panel.table.edit(due)
    editor = next(e for e in panel.table.findChildren(DateEdit) if e.text() == "30.06.2026")
    editor.calendar.clicked.emit(QDate(2026, 9, 30))
    assert due.data() == "30.09.2026"
    assert view.has_unsaved_changes()


def test_the_format_of_a_participation_offers_the_usual_ones(qtbot, view) -> None:
    _load(qtbot, view, "UM-01")
    view.form.setCurrentIndex(4)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    panel = view.form.panels["beteiligungen"]
    cell = view.form.beteiligungen.index(0, 1)
    panel.table.setCurrentIndex(cell)
    panel.table.edit(cell)
    combo = panel.table.findChild(QComboBox)
    assert combo is not None
    assert combo.currentText() == "Workshop"
    assert [combo.itemText(i) for i in range(combo.count())][:3] == [
        "Workshop",
        "Bürgerforum",
        "Vollversammlung",
    ]

    combo.setCurrentText("Bürgerforum")
    qtbot.keyClick(combo, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: cell.data() == "Bürgerforum")


def test_ctrl_s_in_the_detail_wins_over_a_window_shortcut_of_the_same_keys(
    qtbot, database, service, stack
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    view = DetailView(Operations(Anwendung.on(database, user=service.user)), stack, window)
    window_save = QAction("Speichern", window)
    window_save.setShortcut(QKeySequence("Ctrl+S"))
    window.addAction(window_save)
    window.setCentralWidget(view)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _load(qtbot, view, "P-06")
    _type(qtbot, view, "partner", "Stadtwerke Gera")
    line = view.form.fields["partner"].editor
    line.setFocus()
    triggered: list[bool] = []
    window_save.triggered.connect(triggered.append)

    with qtbot.waitSignal(view.saved):
        qtbot.keyClick(line, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert triggered == []
    assert service.get("P-06").partner == "Stadtwerke Gera"


def test_a_read_only_database_shows_the_measure_without_allowing_changes(qtbot, view) -> None:
    view.set_read_only(True)
    _load(qtbot, view, "P-06")

    assert not view.form.fields["titel"].editor.isEnabled()
    assert not view.form.panels["meilensteine"].isEnabled()
    assert not view.buttons.save_button.isEnabled()
    assert not view.buttons.delete_button.isEnabled()
    assert not view.save()
