"""The German input fields: amounts, percentages and dates as office staff type them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt

from gera_desktop.services.typed_input import InputError, parse_count_text, parse_money_text
from gera_desktop.ui.inputs import DateEdit, MoneyEdit, PercentEdit, percent_text


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.234,56", Decimal("1234.56")),
        ("1234,5", Decimal("1234.50")),
        ("1.234,56 €", Decimal("1234.56")),
        ("1 400 000", Decimal("1400000.00")),
        ("", None),
    ],
)
def test_amounts_are_read_as_germans_type_them(typed: str, amount: Decimal | None) -> None:
    assert parse_money_text(typed) == amount


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ca. 50.000", "kein Betrag"),
        ("12,345", "zwei Nachkommastellen"),
        ("-5", "negativ"),
    ],
)
def test_wrong_amounts_say_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_money_text(typed)


def test_a_money_field_shows_euro_after_typing(qtbot) -> None:
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    qtbot.keyClicks(edit, "46800")
    qtbot.keyClick(edit, Qt.Key.Key_Return)

    assert edit.text() == "46.800,00 €"
    assert edit.value() == Decimal("46800.00")


def test_a_money_field_keeps_wrong_text_for_correction(qtbot) -> None:
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "zwanzig")
    qtbot.keyClick(edit, Qt.Key.Key_Return)

    assert edit.text() == "zwanzig"
    with pytest.raises(InputError):
        edit.value()


def test_percentages_show_without_needless_decimals(qtbot) -> None:
    edit = PercentEdit()
    qtbot.addWidget(edit)
    edit.set_value(Decimal("90.00"))
    assert edit.text() == "90 %"
    assert percent_text(Decimal("33.50")) == "33,5 %"
    edit.setText("95,25")
    assert edit.value() == Decimal("95.25")


def test_counts_refuse_negative_numbers() -> None:
    assert parse_count_text("1.250") == 1250
    with pytest.raises(InputError, match="negativ"):
        parse_count_text("-3")


def test_a_short_date_is_completed_to_the_german_form(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit.line, "1.2.25")
    qtbot.keyClick(edit.line, Qt.Key.Key_Return)

    assert edit.text() == "01.02.2025"
    assert edit.value() == date(2025, 2, 1)


def test_an_impossible_date_is_refused_in_german(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.setText("31.02.2024")
    with pytest.raises(InputError, match="diesen Tag gibt es nicht"):
        edit.value()


def test_a_date_picked_in_the_calendar_lands_in_the_field(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.set_value(date(2025, 3, 14))
    edit.menu.aboutToShow.emit()
    assert edit.calendar.selectedDate() == QDate(2025, 3, 14)
    assert edit.calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday

    with qtbot.waitSignal(edit.editingFinished):
        edit.calendar.clicked.emit(QDate(2025, 12, 31))

    assert edit.value() == date(2025, 12, 31)
    assert edit.text() == "31.12.2025"


def test_an_empty_date_stays_empty(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    assert edit.value() is None
    assert edit.line.placeholderText() == "TT.MM.JJJJ"
