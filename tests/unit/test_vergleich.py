"""Comparing two snapshots (pure): new, dropped out with the reason, changed fields old → new in German,
effective amounts, and sums per Innovationsfeld that agree with the council annexes of both sides."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.records import MassnahmeData, MeilensteinData
from gera_desktop.domain.rules import effective_amounts
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.domain.stand import FrozenMeasure, Snapshot
from gera_desktop.domain.vergleich import Art, Comparison, Row
from gera_desktop.excel.anlage import AnlageOptions, build_anlage
from gera_desktop.services.vergleich import compare
from tests.records import measure, with_children

COMPUTED = dict.fromkeys(
    ("foerderfaehig", "foerderquote", "bundesmittel", "drittmittel", "eigenanteil", "abgerufen")
)


def snapshot(name: str, records: list[MassnahmeData], rate: int = 90) -> Snapshot:
    """A snapshot of the records with their effective amounts under the programme rate ``rate``."""
    settings = ProgrammEinstellungen(foerderquote=Decimal(rate))
    measures = tuple(FrozenMeasure(r, effective_amounts(r, settings.foerderquote)) for r in records)
    return Snapshot(name, datetime(2021, 12, 14, 9, 30), settings, measures)


def umwelt(nr: str, kosten: str, **changes: object) -> MassnahmeData:
    """A measure in Umwelt whose funding amounts are all computed."""
    values: dict[str, object] = {
        "innovationsfeld": Innovationsfeld.UMWELT,
        "status": Umsetzungsstand.IN_UMSETZUNG,
        "gesamtkosten": Decimal(kosten),
        **COMPUTED,
        **changes,
    }
    return measure(nr, **values)


def side_a() -> list[MassnahmeData]:
    return [
        with_children(measure("P-01")),  # Wirtschaft, entered amounts, unchanged
        umwelt("UM-06", "420000.00", titel="Sensorik für Hochwasserprävention"),
        umwelt("UM-07", "100000.00"),  # deleted since
        umwelt("UM-08", "200000.00", innovationsfeld=Innovationsfeld.ENERGIE),  # refused since
        umwelt("UM-09", "50000.00"),  # aborted since
        umwelt("UM-11", "1000000.00", status=Umsetzungsstand.ABGELEHNT),  # refused already
    ]


def side_b() -> list[MassnahmeData]:
    a = {r.nr: r for r in side_a()}
    return [
        a["P-01"],
        replace(
            a["UM-06"], gesamtkosten=Decimal("450000.00"), bemerkung="Mehrkosten", stand=date(2024, 5, 15)
        ),
        replace(a["UM-08"], status=Umsetzungsstand.ABGELEHNT),
        replace(a["UM-09"], status=Umsetzungsstand.ABGEBROCHEN),
        replace(a["UM-11"], titel="Forschungsinstitut"),
        umwelt("UM-14", "120000.00", status=Umsetzungsstand.GEPLANT),
    ]


def comparison() -> Comparison:
    return compare(snapshot("Vorlage Stadtrat 14.12.2021", side_a()), snapshot("heute", side_b()))


def row(result: Comparison, nr: str) -> Row:
    return next(r for r in result.rows if r.nr == nr)


# --- what happened to each measure -------------------------------------------------------------------


def test_new_dropped_out_changed_and_unchanged_measures_in_the_order_of_their_nr() -> None:
    result = comparison()

    assert [(r.nr, r.art, r.grund) for r in result.rows] == [
        ("P-01", Art.UNVERAENDERT, None),
        ("UM-06", Art.GEAENDERT, None),
        ("UM-07", Art.ENTFALLEN, "gelöscht"),
        ("UM-08", Art.ENTFALLEN, "abgelehnt"),
        ("UM-09", Art.ENTFALLEN, "abgebrochen"),
        ("UM-11", Art.GEAENDERT, None),
        ("UM-14", Art.NEU, None),
    ]
    assert [r.nr for r in result.of(Art.NEU)] == ["UM-14"]
    assert [r.summary() for r in result.rows[2:5]] == [
        "entfallen (gelöscht)",
        "entfallen (abgelehnt)",
        "entfallen (abgebrochen)",
    ]


def test_every_changed_field_old_to_new_as_the_audit_log_shows_it() -> None:
    um06 = row(comparison(), "UM-06")

    assert [(c.feld, c.alt, c.neu) for c in um06.changes] == [
        ("Gesamtkosten", "420.000,00 €", "450.000,00 €"),
        ("davon förderfähig", "420.000,00 €", "450.000,00 €"),
        ("Bundesmittel", "378.000,00 €", "405.000,00 €"),
        ("Eigenanteil", "42.000,00 €", "45.000,00 €"),
        ("Bemerkungen", "Intern: Verlängerung geprüft", "Mehrkosten"),
    ]  # the Stand date, which the program sets on every change, is no change of its own
    assert (
        um06.summary() == "geändert: Gesamtkosten, davon förderfähig, Bundesmittel, Eigenanteil, Bemerkungen"
    )


def test_child_rows_and_extra_columns_are_named_as_in_the_audit_log() -> None:
    before = with_children(measure("P-01"))
    after = replace(
        before,
        meilensteine=[replace(before.meilensteine[0], termin=date(2021, 10, 1)), before.meilensteine[1]],
        zusatzspalten={"Priorität": "hoch"},
    )

    (result,) = compare(snapshot("A", [before]), snapshot("B", [after])).rows

    assert [(c.key, c.feld, c.alt, c.neu) for c in result.changes] == [
        ("zusatzspalten", "Zusatzspalte „Priorität“", None, "hoch"),
        ("meilensteine", "Meilenstein „Start Pilotbetrieb“: Termin", "01.09.2021", "01.10.2021"),
    ]
    assert result.summary() == "geändert: Zusatzspalte „Priorität“, Meilensteine"


def test_a_changed_programme_rate_shows_as_changed_effective_amounts() -> None:
    record = umwelt("UM-06", "420000.00")

    (result,) = compare(snapshot("A", [record], rate=90), snapshot("B", [record], rate=80)).rows

    assert [(c.feld, c.alt, c.neu) for c in result.changes] == [
        ("Förderquote", "90 %", "80 %"),
        ("Bundesmittel", "378.000,00 €", "336.000,00 €"),
        ("Eigenanteil", "42.000,00 €", "84.000,00 €"),
    ]
    assert result.a is not None
    assert result.b is not None
    assert (result.a["bundesmittel"], result.b["bundesmittel"]) == (
        Decimal("378000.00"),
        Decimal("336000.00"),
    )


def test_a_renumbered_measure_drops_out_under_its_old_number_and_is_new_under_its_new_one() -> None:
    old = umwelt("UM-06", "420000.00")

    result = compare(snapshot("A", [old]), snapshot("B", [replace(old, nr="UM-6a")]))

    assert [(r.nr, r.art) for r in result.rows] == [("UM-06", Art.ENTFALLEN), ("UM-6a", Art.NEU)]


# --- amounts and sums ---------------------------------------------------------------------------------


def test_amounts_are_given_where_a_measure_counts_in_that_sides_programme() -> None:
    result = comparison()

    assert row(result, "UM-07").a == {
        "gesamtkosten": Decimal("100000.00"),
        "bundesmittel": Decimal("90000.00"),
        "eigenanteil": Decimal("10000.00"),
        "abgerufen": Decimal("0"),
    }
    assert row(result, "UM-07").b is None
    assert row(result, "UM-08").b is None  # abgelehnt now
    assert row(result, "UM-11").a is None
    assert row(result, "UM-11").b is None
    assert not row(result, "UM-11").listed
    assert row(result, "UM-14").a is None


def test_sums_per_innovationsfeld_leave_out_measures_not_pursued_and_show_the_change() -> None:
    result = comparison()
    sums = result.by_feld[Innovationsfeld.UMWELT]

    assert (sums.a["gesamtkosten"], sums.b["gesamtkosten"]) == (Decimal("570000.00"), Decimal("570000.00"))
    assert (sums.count_a, sums.count_b) == (3, 2)
    energie = result.by_feld[Innovationsfeld.ENERGIE]
    assert (energie.a["bundesmittel"], energie.b["bundesmittel"], energie.delta("bundesmittel")) == (
        Decimal("180000.00"),
        Decimal(0),
        Decimal("-180000.00"),
    )
    assert energie.percent("bundesmittel") == Decimal(-100)
    assert result.by_feld[Innovationsfeld.MOBILITAET].percent("gesamtkosten") is None
    assert result.total.a["gesamtkosten"] == Decimal("822000.00")


def annex_subtotals(records: list[MassnahmeData], rate: int) -> dict[str, list[Decimal]]:
    """Innovationsfeld -> Gesamtkosten, Bundesmittel, Eigenanteil, Mittel abgerufen of its subtotal row in
    the council annex of ``records``."""
    options = AnlageOptions("82/2019", "1", "Betreff", date(2021, 12, 14))
    workbook, results = build_anlage(records, options, ProgrammEinstellungen(foerderquote=Decimal(rate)))
    found = {}
    for cells in workbook["Anlage"].iter_rows(min_row=6):
        label = str(cells[0].value or "")
        if label.startswith("Zwischensumme "):
            feld = label.removeprefix("Zwischensumme ").rsplit(" (", 1)[0]
            found[feld] = [Decimal(results["Anlage"][f"{letter}{cells[0].row}"]) for letter in "FGHJ"]
    return found


def test_the_sums_per_innovationsfeld_agree_with_the_annexes_of_both_sides() -> None:
    result = compare(snapshot("A", side_a(), rate=90), snapshot("B", side_b(), rate=80))
    keys = ("gesamtkosten", "bundesmittel", "eigenanteil", "abgerufen")

    for side, records, rate in (("a", side_a(), 90), ("b", side_b(), 80)):
        annex = annex_subtotals(records, rate)
        mine = {
            str(feld): [getattr(sums, side)[key] for key in keys]
            for feld, sums in result.by_feld.items()
            if getattr(sums, f"count_{side}")
        }
        assert mine == annex, side


def test_a_measure_moved_to_another_innovationsfeld_counts_in_each_sides_own_field() -> None:
    old = umwelt("UM-06", "420000.00")
    new = replace(old, innovationsfeld=Innovationsfeld.ENERGIE)

    result = compare(snapshot("A", [old]), snapshot("B", [new]))

    assert result.by_feld[Innovationsfeld.UMWELT].a["gesamtkosten"] == Decimal("420000.00")
    assert result.by_feld[Innovationsfeld.UMWELT].b["gesamtkosten"] == Decimal(0)
    assert result.by_feld[Innovationsfeld.ENERGIE].b["gesamtkosten"] == Decimal("420000.00")
    assert result.rows[0].innovationsfeld is Innovationsfeld.ENERGIE
    assert [c.feld for c in result.rows[0].changes] == ["Innovationsfeld"]


def test_identical_snapshots_show_no_change() -> None:
    records = [with_children(r) for r in side_a()]
    for record in records:
        record.meilensteine.append(MeilensteinData("Abnahme", date(2026, 3, 1)))

    result = compare(snapshot("A", records), snapshot("B", records))

    assert {r.art for r in result.rows} == {Art.UNVERAENDERT}
    assert all(r.summary() == "" for r in result.rows)
    assert all(sums.a == sums.b for sums in result.by_feld.values())
