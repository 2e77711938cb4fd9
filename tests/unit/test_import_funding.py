"""Funding amounts that follow the costs (issue 10, point 5; spec sections 6 and 8) on the import path.

An amount in the file equal to what the rules compute is stored as computed; a differing one as entered.
A later delivery of new costs recomputes the computed amounts; an entered amount that no longer fits is an
error on the file's row, naming the file's own columns.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import update

from gera_desktop.domain.funding import compute, entered_amounts
from gera_desktop.domain.models import Massnahme
from gera_desktop.domain.rules import funding_input
from gera_desktop.services.audit import Change
from gera_desktop.services.importer import ImportService
from tests.workbooks import TITLE_BLOCK, Sheet, measure, measures_file, save, table

NR, TITEL = "Maßnahmen-Nr.", "Maßnahme"
ALL_AMOUNTS = {
    "Gesamtkosten (€)": 100_000,
    "davon förderfähig (€)": 100_000,
    "Förderquote (%)": 90,
    "Bundesmittel (€)": 90_000,
    "Drittmittel (€)": 0,
    "Eigenanteil (€)": 10_000,
    "Mittel abgerufen (€)": 50_000,
}
"""T-01's funding columns: every amount is what the rules compute (abgerufen: its budget years' sum)."""


@pytest.fixture
def stored(importer: ImportService, tmp_path) -> ImportService:
    """T-01 with every amount computed, T-02 with Bundesmittel of 80.000 € entered (90 % would be 90.000)."""
    path = save(
        tmp_path / "liste.xlsx",
        Sheet(
            "Maßnahmen",
            [
                *TITLE_BLOCK,
                *table(
                    measure("T-01", **ALL_AMOUNTS),
                    measure("T-02", **{"Bundesmittel (€)": 80_000, "Eigenanteil (€)": 20_000}),
                ),
            ],
        ),
        Sheet(
            "Finanzen",
            [[NR, "Haushaltsjahr", "Abgerufen (€)"], ["T-01", 2024, 30_000], ["T-01", 2025, 20_000]],
        ),
    )
    report = importer.run(path)
    assert report.written, report.as_text()
    return importer


def delivery(tmp_path, *rows: dict[str, object]):
    """A delivery of a few columns: Nr., Maßnahme and whatever the rows name."""
    return measures_file(tmp_path / "zulieferung.xlsx", *rows)


def test_amounts_equal_to_the_computed_ones_are_stored_as_computed(stored, measures) -> None:
    t01, t02 = measures.get("T-01"), measures.get("T-02")

    assert entered_amounts(funding_input(t01)) == {}
    assert t01.foerderquote == 90  # a rate given in the file is kept as given
    assert entered_amounts(funding_input(t02)) == {"bundesmittel": Decimal("80000")}
    shown = compute(funding_input(t02))
    assert (shown.bundesmittel, shown.eigenanteil) == (Decimal(80_000), Decimal(20_000))


def test_a_delivery_of_new_costs_recomputes_the_computed_amounts(stored, measures, tmp_path) -> None:
    report = stored.run(delivery(tmp_path, {NR: "T-01", TITEL: "Testmaßnahme", "Gesamtkosten (€)": 200_000}))

    assert report.written, report.as_text()
    assert report.changed[0].changes == [Change("Gesamtkosten", "100.000,00 €", "200.000,00 €")]
    shown = compute(funding_input(measures.get("T-01")))
    figures = (shown.foerderfaehig, shown.bundesmittel, shown.eigenanteil, shown.abgerufen)
    assert figures == tuple(Decimal(n) for n in (200_000, 180_000, 20_000, 50_000))


def test_an_entered_amount_that_no_longer_fits_is_an_error_naming_the_files_columns(
    stored, measures, tmp_path
) -> None:
    before = measures.get("T-02")
    path = delivery(tmp_path, {NR: "T-02", TITEL: "Testmaßnahme", "Kosten": 50_000})

    report = stored.run(path)

    assert not report.written
    assert measures.get("T-02") == before
    (error,) = report.errors
    assert (error.cell, error.header, error.value) == ("Maßnahmen!C6", "Kosten", "50.000,00 €")
    assert error.message == (
        "Die Bundesmittel (80.000,00 €) übersteigen 90 % der förderfähigen Kosten (45.000,00 €). "
        "Bundesmittel und Drittmittel (80.000,00 €) übersteigen die Gesamtkosten (50.000,00 €). "
        "In der Datenbank fest eingetragen (die Datei hat dafür keine Spalte): Bundesmittel 80.000,00 €. "
        "Dieser Betrag passt nicht zu „Kosten“ aus der Datei. Bitte in der Datei die Spalte "
        "„Bundesmittel (€)“ ergänzen – mit dem richtigen Betrag, oder leer, dann wird er berechnet – "
        "oder in der Maßnahme „Neu berechnen“ wählen."
    )


def test_an_empty_cell_of_the_entered_amount_brings_it_back_to_computed(stored, measures, tmp_path) -> None:
    path = delivery(tmp_path, {NR: "T-02", TITEL: "Testmaßnahme", "Kosten": 50_000, "Bundesmittel (€)": None})

    report = stored.run(path)

    assert report.written, report.as_text()
    assert report.changed[0].changes == [
        Change("Gesamtkosten", "100.000,00 €", "50.000,00 €"),
        Change("Bundesmittel", "80.000,00 €", None),
    ]
    t02 = measures.get("T-02")
    assert entered_amounts(funding_input(t02)) == {}
    assert compute(funding_input(t02)).bundesmittel == 45_000


def test_a_file_amount_equal_to_the_new_computed_value_replaces_the_entered_one(
    stored, measures, tmp_path
) -> None:
    path = delivery(tmp_path, {NR: "T-02", TITEL: "Testmaßnahme", "Bundesmittel (€)": "90.000,00 €"})

    report = stored.run(path)

    assert report.written, report.as_text()
    assert measures.get("T-02").bundesmittel is None
    assert report.changed[0].changes == [Change("Bundesmittel", "80.000,00 €", None)]


def test_an_entered_amount_the_file_repeats_stays_entered(stored, measures, tmp_path) -> None:
    path = delivery(tmp_path, {NR: "T-02", TITEL: "Testmaßnahme", "Bundesmittel (€)": 80_000, "Ampel": "rot"})

    report = stored.run(path)

    assert report.written, report.as_text()
    assert [c.feld for c in report.changed[0].changes] == ["Ampel"]
    assert measures.get("T-02").bundesmittel == 80_000


def test_an_entered_eigenanteil_of_an_older_program_that_no_longer_fits_names_gesamtkosten(
    database, stored, measures, tmp_path
) -> None:
    # Before 0002 an older program kept 10.000 € as entered; this program never stores it so.
    with database.write_session() as session:
        session.execute(update(Massnahme).where(Massnahme.nr == "T-01").values(eigenanteil=Decimal(10_000)))
    path = save(
        tmp_path / "zulieferung.xlsx",
        Sheet("Maßnahmen", table({NR: "T-01", TITEL: "Testmaßnahme", "Gesamtkosten (€)": 200_000})),
    )

    report = stored.run(path)

    (error,) = report.errors
    assert (error.cell, error.header) == ("Maßnahmen!C2", "Gesamtkosten (€)")
    assert error.message.startswith(
        "Der Eigenanteil (10.000,00 €) passt nicht: Gesamtkosten − Bundesmittel − Drittmittel ergibt "
        "20.000,00 €. In der Datenbank fest eingetragen (die Datei hat dafür keine Spalte): Eigenanteil "
        "10.000,00 €. Dieser Betrag passt nicht zu „Gesamtkosten (€)“ aus der Datei. Bitte in der Datei "
        "die Spalte „Eigenanteil (€)“ ergänzen"
    )
    assert measures.get("T-01").gesamtkosten == 100_000
