"""The Papierkorb dialog and the dialog that resolves a conflict with someone else's saved version."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from gera_desktop.domain.enums import Ampel
from gera_desktop.domain.records import MeilensteinData
from gera_desktop.persistence.database import Database
from gera_desktop.resources import demo_data
from gera_desktop.services.core import Anwendung
from gera_desktop.services.demo import load_demo
from gera_desktop.services.massnahmen import MassnahmenService
from gera_desktop.ui.dialogs.conflict import ConflictDialog, Decision, differences
from gera_desktop.ui.dialogs.trash import TrashDialog
from gera_desktop.ui.operations import Operations


@pytest.fixture
def service(database: Database) -> MassnahmenService:
    load_demo(database, demo_data(), user="Import")
    return MassnahmenService(database, user="Frau Schmidt")


def _trash_dialog(
    qtbot, service: MassnahmenService, database: Database, stack: QUndoStack | None = None
) -> TrashDialog:
    """The Papierkorb, once it has read its entries (its steps go onto ``stack``)."""
    operations = Operations(Anwendung.on(database, user=service.user))
    dialog = TrashDialog(operations, stack or QUndoStack())
    qtbot.addWidget(dialog, before_close_func=lambda _dialog: qtbot.waitUntil(lambda: not operations.busy))
    qtbot.waitSignal(dialog.read).wait()
    return dialog


def _trash_rows(dialog: TrashDialog) -> list[list[str]]:
    model = dialog.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


# --- Papierkorb ---------------------------------------------------------------------------------------


def test_the_trash_lists_deleted_measures_with_who_and_when(qtbot, qtmodeltester, service, database) -> None:
    service.delete("P-04", None)
    service.delete("UM-02", None)
    dialog = _trash_dialog(qtbot, service, database)
    qtmodeltester.check(dialog.model)

    rows = _trash_rows(dialog)
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Nr.", "Maßnahme", "gelöscht am", "gelöscht von"]
    assert [row[0] for row in rows] == ["UM-02", "P-04"]
    assert rows[0][3] == "Frau Schmidt"
    day, month, rest = rows[0][2].split(".")
    assert (len(day), len(month), len(rest)) == (2, 2, 10)  # 31.12.2025 14:03


def test_restoring_brings_the_measure_back_and_says_so(qtbot, service, database) -> None:
    service.delete("P-04", None)
    dialog = _trash_dialog(qtbot, service, database)
    dialog.select("P-04")

    with qtbot.waitSignal(dialog.restored) as restored:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert restored.args == ["P-04"]
    assert service.get("P-04").nr == "P-04"
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)
    assert dialog.empty_label.isVisibleTo(dialog)
    assert not dialog.restore_button.isEnabled()


def test_purging_asks_first_and_keeps_the_measure_when_refused(qtbot, service, database, monkeypatch) -> None:
    service.delete("P-05", None)
    questions: list[str] = []

    def answer_no(_parent, _title, text, *_args):
        questions.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    dialog = _trash_dialog(qtbot, service, database)
    dialog.select("P-05")
    qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)

    assert "endgültig gelöscht" in questions[0]
    assert "P-05" in questions[0]
    assert [entry.nr for entry in service.trash()] == ["P-05"]


def test_purging_after_yes_deletes_for_good(qtbot, service, database, monkeypatch) -> None:
    service.delete("P-05", None)
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    dialog = _trash_dialog(qtbot, service, database)
    dialog.select("P-05")

    with qtbot.waitSignal(dialog.purged):
        qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)

    assert service.trash() == []
    assert service.history("P-05")[0].neuer_wert == "endgültig gelöscht"
    qtbot.waitUntil(lambda: dialog.empty_label.isVisibleTo(dialog))


def test_an_empty_trash_says_so(qtbot, service, database) -> None:
    dialog = _trash_dialog(qtbot, service, database)

    assert dialog.empty_label.text() == "Der Papierkorb ist leer."
    assert not dialog.purge_button.isEnabled()


# --- Konflikt -----------------------------------------------------------------------------------------


@pytest.fixture
def versions(service, database):
    """The version I loaded, my edit of it, and the version a colleague saved meanwhile."""
    base = service.get("UM-01")
    mine = replace(base, titel="Digitales Theater (mein Titel)", gesamtkosten=Decimal("460000.00"))
    mine = replace(mine, bundesmittel=Decimal("414000.00"), eigenanteil=Decimal("46000.00"))
    colleague = MassnahmenService(database, user="Herr Meier")
    theirs = colleague.update(replace(base, titel="Digitales Theater (sein Titel)", ampel=Ampel.ROT))
    return base, mine, theirs


def test_only_differing_fields_are_shown_german_formatted(qtbot, versions) -> None:
    base, mine, theirs = versions
    dialog = ConflictDialog(mine, theirs, base=base)
    qtbot.addWidget(dialog)

    rows = {row.key: row for row in dialog.rows}
    assert dialog.keys() == ["titel", "ampel", "gesamtkosten", "bundesmittel", "eigenanteil"]
    assert (rows["gesamtkosten"].mine, rows["gesamtkosten"].theirs) == ("460.000,00 €", "450.000,00 €")
    assert (rows["ampel"].mine, rows["ampel"].theirs) == ("grün", "rot")
    assert rows["titel"].note == "von beiden geändert"
    assert rows["ampel"].note == "nur dort geändert"
    assert "hat Herr Meier am" in dialog.intro.text()


def test_presets_keep_my_edits_and_their_other_changes(qtbot, versions) -> None:
    base, mine, theirs = versions
    dialog = ConflictDialog(mine, theirs, base=base)
    qtbot.addWidget(dialog)

    merged = dialog.merged()
    assert merged.titel == "Digitales Theater (mein Titel)"
    assert merged.gesamtkosten == Decimal("460000.00")
    assert merged.ampel == Ampel.ROT
    assert merged.version == theirs.version


def test_choosing_per_field_and_all_at_once(qtbot, versions) -> None:
    base, mine, theirs = versions
    dialog = ConflictDialog(mine, theirs, base=base)
    qtbot.addWidget(dialog)

    dialog.choose("titel", mine=False)
    assert dialog.merged().titel == "Digitales Theater (sein Titel)"
    qtbot.mouseClick(dialog.all_mine_button, Qt.MouseButton.LeftButton)
    assert dialog.merged().ampel == Ampel.GRUEN
    qtbot.mouseClick(dialog.all_theirs_button, Qt.MouseButton.LeftButton)
    assert dialog.merged() == theirs


def test_the_buttons_say_what_was_decided(qtbot, versions) -> None:
    base, mine, theirs = versions
    dialog = ConflictDialog(mine, theirs, base=base)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert dialog.decision is Decision.DISCARD

    dialog = ConflictDialog(mine, theirs, base=base)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.decision is Decision.SAVE
    assert dialog.result() == ConflictDialog.DialogCode.Accepted


def test_lists_are_compared_as_a_whole_one_row_per_line(versions) -> None:
    base, _mine, theirs = versions
    mine = replace(base, meilensteine=[*base.meilensteine, MeilensteinData("Evaluation", base.ende)])

    (row,) = [r for r in differences(mine, theirs, base) if r.key == "meilensteine"]

    assert row.label == "Meilensteine"
    assert row.mine.splitlines() == [
        "Premiere erste Episode · Termin 15.06.2023 · Erledigt am 15.06.2023",
        "Abschluss dritte Spielzeit · Termin 30.06.2026",
        "Evaluation · Termin 30.06.2026",
    ]
    assert row.note == "nur von Ihnen geändert"
