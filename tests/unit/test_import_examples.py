"""The two example workbooks written by LibreOffice import with the values they hold (issue 3, point 7).

The expected values below were read off the files by hand (cell by cell), not taken from the reader.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gera_desktop.domain.enums import Ampel, Freigabe, Innovationsfeld, Projektart, Umsetzungsstand
from gera_desktop.domain.funding import Funding, compute, entered_amounts
from gera_desktop.domain.records import BeteiligungData, FinanzjahrData, MassnahmeData, MeilensteinData
from gera_desktop.domain.rules import funding_input
from gera_desktop.excel.parsed import TotalRow
from gera_desktop.services.audit import Change
from tests.conftest import EXAMPLES
from tests.workbooks import Sheet, save, table

LISTE = EXAMPLES / "massnahmenliste-2024-06.xlsx"
UMWELTAMT = EXAMPLES / "zulieferung-umweltamt.xlsx"
NRS = [f"P-{i:02d}" for i in range(1, 15)] + [f"UM-{i:02d}" for i in range(1, 12)]


def effective(record: MassnahmeData) -> Funding:
    """The figures every view shows (spec section 8), at the programme rate of 90 %."""
    return compute(funding_input(record), Decimal(90))


def test_the_list_imports_25_measures_with_their_values(importer, measures) -> None:
    report = importer.run(LISTE)

    assert report.ok
    assert report.written
    assert report.new == NRS
    assert (report.changed, report.unchanged, report.not_in_file) == ([], [], 0)
    assert [m.nr for m in measures.list()] == NRS
    p01 = measures.get("P-01")
    assert (p01.titel, p01.art, p01.innovationsfeld) == (
        "Bürger-Serviceportal und digitale Bürgerdienste",
        Projektart.PILOT,
        Innovationsfeld.WIRTSCHAFT,
    )
    assert (p01.federfuehrung, p01.ansprechpartner, p01.telefon, p01.email) == (
        "Amt für Zentrale Steuerung",
        "A. Muster",
        "0365 838-1200",
        "muster@smartcity.example",
    )
    assert (p01.beginn, p01.ende, p01.status) == (
        date(2021, 2, 1),
        date(2022, 6, 30),
        Umsetzungsstand.ABGESCHLOSSEN,
    )
    assert (p01.gesamtkosten, p01.foerderquote) == (Decimal("52000"), Decimal("90"))
    # The file's amounts are what the rules compute: stored as computed, they show the same figures.
    assert entered_amounts(funding_input(p01)) == {}
    shown = effective(p01)
    assert (shown.bundesmittel, shown.drittmittel, shown.eigenanteil) == (
        Decimal("46800"),
        Decimal("0"),
        Decimal("5200"),
    )
    assert (p01.beteiligung, p01.freigabe, p01.ampel, p01.fortschritt) == (
        False,
        Freigabe.NICHT_EINGEREICHT,
        None,
        None,
    )


def test_implementation_measures_keep_resolution_approval_and_partners(importer, measures) -> None:
    importer.run(LISTE)

    um01 = measures.get("UM-01")
    assert um01.titel == "Digitales Theater „√My“"
    assert (um01.art, um01.status, um01.ampel, um01.fortschritt) == (
        Projektart.UMSETZUNG,
        Umsetzungsstand.IN_UMSETZUNG,
        Ampel.GRUEN,
        Decimal("70"),
    )
    assert (um01.drucksache, um01.beschlussdatum, um01.freigabe, um01.beteiligung) == (
        "82/2019 7. Ergänzung",
        date(2021, 12, 14),
        Freigabe.FREIGEGEBEN,
        True,
    )
    assert measures.get("UM-04").status is Umsetzungsstand.VERZOEGERT
    assert measures.get("UM-08").partner == "TAG Wohnen; GIIZ Zwickau"
    um11 = measures.get("UM-11")
    assert (um11.status, um11.freigabe, um11.gesamtkosten) == (
        Umsetzungsstand.ABGELEHNT,
        Freigabe.ABGELEHNT,
        Decimal("1000000"),
    )


def test_milestones_budget_years_and_participation_events_are_imported(importer, measures) -> None:
    importer.run(LISTE)

    um01 = measures.get("UM-01")
    assert um01.meilensteine == [
        MeilensteinData("Premiere erste Episode", date(2023, 6, 15), date(2023, 6, 15)),
        MeilensteinData("Abschluss dritte Spielzeit", date(2026, 6, 30)),
    ]
    assert um01.finanzen == [
        FinanzjahrData(2023, Decimal("120000"), Decimal("118500"), Decimal("106650")),
        FinanzjahrData(2024, Decimal("150000"), Decimal("141200"), Decimal("127080")),
        FinanzjahrData(2025, Decimal("120000"), Decimal("0"), Decimal("0")),
        FinanzjahrData(2026, Decimal("60000"), Decimal("0"), Decimal("0")),
    ]
    assert um01.beteiligungen == [
        BeteiligungData(
            date(2023, 4, 20), "Workshop", "Theater Gera, Bühnenhaus", 25, "Themen der ersten Episode gewählt"
        )
    ]
    assert [b.ort for b in measures.get("UM-05").beteiligungen] == ["Rathaus, Ratssaal", "KuK Gera"]
    assert measures.get("UM-03").beteiligungen[0].teilnehmende == 212
    all_measures = measures.list()
    assert sum(len(m.meilensteine) for m in all_measures) == 8
    assert sum(len(m.finanzen) for m in all_measures) == 7
    assert sum(len(m.beteiligungen) for m in all_measures) == 4


def test_the_umweltamt_delivery_updates_um06_and_adds_um14(importer, measures) -> None:
    importer.run(LISTE)

    report = importer.run(UMWELTAMT)

    assert report.ok
    assert report.written
    assert report.new == ["UM-14"]
    assert [c.nr for c in report.changed] == ["UM-06"]
    assert report.changed[0].changes == [
        Change("Gesamtkosten", "420.000,00 €", "450.000,00 €"),
        Change("Bemerkungen", None, "Mehrkosten durch zusätzliche Pegel"),
        Change("Zusatzspalte „Interne Notiz“", None, "mit FD Tiefbau abgestimmt"),
    ]
    assert (report.unchanged, report.not_in_file) == ([], 24)
    assert report.total_rows == [TotalRow("Projekte", 8, "Summe")]
    assert report.extra_columns == ["Interne Notiz"]
    assert "UM-06 · Gesamtkosten: 420.000,00 € → 450.000,00 €" in report.as_text()
    assert "Projekte Zeile 8 („Summe“)" in report.as_text()


def test_um06_keeps_the_fields_the_delivery_has_no_column_for(importer, measures) -> None:
    importer.run(LISTE)
    importer.run(UMWELTAMT)

    um06 = measures.get("UM-06")
    assert (um06.gesamtkosten, um06.bundesmittel, um06.eigenanteil) == (Decimal("450000"), None, None)
    assert (effective(um06).bundesmittel, effective(um06).eigenanteil) == (
        Decimal("405000"),
        Decimal("45000"),
    )
    assert (um06.foerderquote, um06.telefon, um06.ampel, um06.drucksache) == (
        Decimal("90"),
        "0365 838-1219",
        Ampel.GELB,
        "82/2019 7. Ergänzung",
    )
    assert [m.bezeichnung for m in um06.meilensteine] == ["Pegelsensoren Weiße Elster installiert"]
    assert um06.zusatzspalten == {"Interne Notiz": "mit FD Tiefbau abgestimmt"}
    assert um06.version == 2


def test_um14_is_created_with_the_file_values_and_defaults(importer, measures) -> None:
    importer.run(LISTE)
    importer.run(UMWELTAMT)

    um14 = measures.get("UM-14")
    assert (um14.titel, um14.innovationsfeld, um14.federfuehrung, um14.status) == (
        "Klimaanpassung: digitales Baumkataster",
        Innovationsfeld.UMWELT,
        "Umweltamt",
        Umsetzungsstand.GEPLANT,
    )
    assert (um14.beginn, um14.ende) == (date(2024, 9, 1), date(2026, 6, 30))
    assert (um14.gesamtkosten, um14.bundesmittel, um14.eigenanteil) == (Decimal("120000"), None, None)
    assert (effective(um14).bundesmittel, effective(um14).eigenanteil) == (
        Decimal("108000"),
        Decimal("12000"),
    )
    assert (um14.art, um14.freigabe, um14.beteiligung, um14.foerderquote) == (
        Projektart.UMSETZUNG,
        Freigabe.NICHT_EINGEREICHT,
        False,
        None,
    )
    assert um14.zusatzspalten == {"Interne Notiz": "Idee aus AG Umwelt"}
    assert um14.stand == date.today()


def test_the_measures_not_in_the_delivery_stay_untouched(importer, measures) -> None:
    importer.run(LISTE)
    before = {m.nr: m for m in measures.list()}

    importer.run(UMWELTAMT)

    after = {m.nr: m for m in measures.list()}
    assert sorted(after) == sorted([*before, "UM-14"])
    assert all(after[nr] == before[nr] for nr in before if nr != "UM-06")


def test_a_delivery_that_raises_only_um04s_costs_imports_and_recomputes(importer, measures, tmp_path) -> None:
    importer.run(LISTE)
    row = {"Maßnahmen-Nr.": "UM-04", "Maßnahme": measures.get("UM-04").titel, "Gesamtkosten (€)": 700_000}
    delivery = save(tmp_path / "zulieferung-um04.xlsx", Sheet("Maßnahmen", table(row)))

    report = importer.run(delivery)

    assert report.ok, report.as_text()
    assert report.written
    assert [(c.nr, c.changes) for c in report.changed] == [
        ("UM-04", [Change("Gesamtkosten", "600.000,00 €", "700.000,00 €")])
    ]
    um04 = measures.get("UM-04")
    shown = effective(um04)
    assert (shown.gesamtkosten, shown.bundesmittel, shown.eigenanteil, shown.abgerufen) == (
        Decimal("700000"),
        Decimal("630000"),
        Decimal("70000"),
        Decimal("157500"),
    )
    assert entered_amounts(funding_input(um04)) == {}
