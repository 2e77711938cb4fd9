"""MassnahmenService on a real database: saving, lost updates, trash, audit log, filters, validation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import delete, func, select, update

from gera_desktop.domain.enums import Ampel, Innovationsfeld, Quelle, Umsetzungsstand
from gera_desktop.domain.errors import ConflictError, DuplicateError, NotFoundError, ValidationError
from gera_desktop.domain.funding import compute
from gera_desktop.domain.models import Aenderung, Massnahme, Meilenstein
from gera_desktop.domain.records import BeteiligungData, FinanzjahrData, MassnahmeData, MeilensteinData
from gera_desktop.domain.rules import funding_input
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services import massnahmen as massnahmen_module
from gera_desktop.services.audit import audit_rows, diff_records
from gera_desktop.services.massnahmen import MassnahmenFilter, MassnahmenService
from gera_desktop.services.settings import SettingsService


def sample(nr: str = "P-1", **changes: object) -> MassnahmeData:
    values: dict[str, object] = {
        "nr": nr,
        "titel": "City-App Gera",
        "innovationsfeld": Innovationsfeld.WIRTSCHAFT,
        "federfuehrung": "Amt für Digitalisierung",
        "beginn": date(2024, 1, 1),
        "ende": date(2025, 12, 31),
        "status": Umsetzungsstand.IN_UMSETZUNG,
        "gesamtkosten": Decimal("100000.00"),
    }
    values.update(changes)
    return MassnahmeData(**values)  # type: ignore[arg-type]


@pytest.fixture
def service(database):
    return MassnahmenService(database, user="anna")


def audit_of(service: MassnahmenService, nr: str) -> list[tuple[str, str | None, str | None]]:
    return [(a.feld, a.alter_wert, a.neuer_wert) for a in service.history(nr)]


# --- create and get ----------------------------------------------------------------------------------


def test_a_created_measure_reads_back_with_children_and_extra_columns(service) -> None:
    data = sample(
        kurzbeschreibung="  App für Bürgerinnen und Bürger ",
        zusatzspalten={"Priorität": "hoch", "Förderaufruf": 2021},
        meilensteine=[
            MeilensteinData("Livegang", date(2025, 6, 30)),
            MeilensteinData("Prototyp", date(2024, 6, 30)),
        ],
        finanzen=[
            FinanzjahrData(2024, plan=Decimal("40000.00")),
            FinanzjahrData(2025, plan=Decimal("60000.00")),
        ],
        beteiligungen=[BeteiligungData(date(2024, 3, 12), "Workshop", ort="Rathaus", teilnehmende=25)],
    )
    created = service.create(data)
    loaded = service.get("p-1")
    assert loaded == created
    assert service.list() == [loaded]
    assert loaded.kurzbeschreibung == "App für Bürgerinnen und Bürger"
    assert list(loaded.zusatzspalten) == ["Priorität", "Förderaufruf"]
    assert [m.bezeichnung for m in loaded.meilensteine] == ["Prototyp", "Livegang"]
    assert loaded.beteiligungen[0].teilnehmende == 25
    assert (loaded.version, loaded.geaendert_von, loaded.stand) == (1, "anna", date.today())
    assert data.kurzbeschreibung == "  App für Bürgerinnen und Bürger "


def test_get_of_an_unknown_number_says_so_in_german(service) -> None:
    with pytest.raises(NotFoundError) as caught:
        service.get("P-99")
    assert caught.value.message == "Eine Maßnahme mit der Nr. „P-99“ gibt es nicht."


def test_a_taken_number_is_refused_ignoring_case_and_spacing(service) -> None:
    service.create(sample("P-1"))
    with pytest.raises(DuplicateError) as caught:
        service.create(sample(" p-1 ", titel="Andere"))
    assert "„p-1“ ist schon vergeben (Maßnahme „City-App Gera“)" in caught.value.message
    assert service.count() == 1


def test_a_number_in_the_trash_is_taken_too_and_the_message_says_so(service) -> None:
    service.create(sample("P-1"))
    service.delete("P-1", 1)
    with pytest.raises(DuplicateError) as caught:
        service.create(sample("P-1"))
    assert "im Papierkorb" in caught.value.message


# --- update and lost updates -------------------------------------------------------------------------


def test_each_save_grows_the_version_by_one(service) -> None:
    record = service.create(sample())
    for expected, ampel in ((2, Ampel.GELB), (3, Ampel.ROT), (4, Ampel.GRUEN)):
        record = service.update(replace(record, ampel=ampel))
        assert record.version == expected
    assert service.get("P-1").ampel is Ampel.GRUEN


def test_lost_update_from_two_sessions_ends_in_a_conflict_naming_the_first_user(database) -> None:
    anna, ben = MassnahmenService(database, user="anna"), MassnahmenService(database, user="ben")
    anna.create(sample())
    annas_copy, bens_copy = anna.get("P-1"), ben.get("P-1")
    assert annas_copy.version == bens_copy.version == 1

    anna.update(replace(annas_copy, titel="Annas Titel"))
    with pytest.raises(ConflictError) as caught:
        ben.update(replace(bens_copy, titel="Bens Titel", ampel=Ampel.ROT))

    assert caught.value.changed_by == "anna"
    assert "von anna am" in caught.value.message
    assert "nicht gespeichert" in caught.value.message
    stored = ben.get("P-1")
    assert (stored.titel, stored.ampel, stored.version) == ("Annas Titel", None, 2)
    assert [f for f, _, _ in audit_of(ben, "P-1")].count("Maßnahme") == 2  # creation and Anna's change only


def test_a_save_racing_a_concurrent_commit_is_a_conflict_too(database, monkeypatch) -> None:
    """Between reading and writing, another writer commits: the versioned UPDATE finds no row."""
    anna = MassnahmenService(database, user="anna")
    anna.create(sample())
    bens_copy = MassnahmenService(database, user="ben").get("P-1")
    original = massnahmen_module._for_update

    def read_then_someone_else_writes(session, target):
        m = original(session, target)
        bump = update(Massnahme).where(Massnahme.id == m.id).values(version=m.version + 1)
        session.execute(bump.execution_options(synchronize_session=False))
        return m

    monkeypatch.setattr(massnahmen_module, "_for_update", read_then_someone_else_writes)
    with pytest.raises(ConflictError) as caught:
        MassnahmenService(database, user="ben").update(replace(bens_copy, titel="Bens Titel"))
    assert caught.value.changed_by == "anna"
    assert anna.get("P-1").titel == "City-App Gera"


def test_renaming_to_a_free_number_keeps_the_history(service) -> None:
    record = service.create(sample("P-1"))
    service.update(replace(record, nr="P-01"))
    with pytest.raises(NotFoundError):
        service.get("P-1")
    renamed = service.get("P-01")
    assert renamed.version == 2
    history = audit_of(service, "P-01")
    assert history[0] == ("Maßnahmen-Nr.", "P-1", "P-01")
    assert ("Maßnahme", None, "City-App Gera") in history


def test_renaming_to_a_taken_number_is_refused(service) -> None:
    service.create(sample("P-1"))
    second = service.create(sample("P-2"))
    with pytest.raises(DuplicateError):
        service.update(replace(second, nr="p-1"))
    assert service.get("P-2").version == 1


def test_children_are_updated_inserted_and_deleted_by_their_keys(service) -> None:
    record = service.create(
        sample(
            meilensteine=[
                MeilensteinData("Prototyp", date(2024, 6, 30)),
                MeilensteinData("Test", date(2024, 9, 1)),
            ],
            finanzen=[FinanzjahrData(2024, plan=Decimal("50000.00"))],
        )
    )
    record.meilensteine = [
        MeilensteinData("prototyp", date(2024, 7, 31)),
        MeilensteinData("Livegang", date(2025, 1, 1)),
    ]
    record.finanzen[0].ist = Decimal("12000.00")
    saved = service.update(record)
    assert [(m.bezeichnung, m.termin) for m in saved.meilensteine] == [
        ("prototyp", date(2024, 7, 31)),
        ("Livegang", date(2025, 1, 1)),
    ]
    assert service.get("P-1") == saved
    history = audit_of(service, "P-1")
    assert ("Meilenstein „prototyp“: Termin", "30.06.2024", "31.07.2024") in history
    assert ("Meilenstein „Test“", "Meilenstein: Test; Termin: 01.09.2024", None) in history
    assert ("Meilenstein „Livegang“", None, "Meilenstein: Livegang; Termin: 01.01.2025") in history
    assert ("Haushaltsjahr 2024: Ist", None, "12.000,00 €") in history


def test_a_measure_in_the_trash_cannot_be_saved(service) -> None:
    record = service.create(sample())
    service.delete("P-1", 1)
    with pytest.raises(NotFoundError) as caught:
        service.update(replace(record, titel="Neu"))
    assert "liegt im Papierkorb (gelöscht von anna am" in caught.value.message


# --- audit -------------------------------------------------------------------------------------------


def test_an_update_logs_exactly_the_changed_fields(service) -> None:
    record = service.create(sample(stand=date(2020, 1, 1)))
    service.update(
        replace(
            record, ampel=Ampel.GELB, gesamtkosten=Decimal("120000.00"), zusatzspalten={"Priorität": "hoch"}
        )
    )
    latest = [a for a in service.history("P-1") if a.zeitpunkt == service.history("P-1")[0].zeitpunkt]
    assert sorted((a.feld, a.alter_wert, a.neuer_wert) for a in latest) == [
        ("Ampel", None, "gelb"),
        ("Gesamtkosten", "100.000,00 €", "120.000,00 €"),
        ("Zusatzspalte „Priorität“", None, "hoch"),
    ]
    assert {(a.benutzer, a.quelle) for a in latest} == {("anna", "Bearbeitung")}


def test_a_new_measure_is_one_audit_row_that_the_history_shows_field_by_field(database, service) -> None:
    record = service.create(sample(meilensteine=[MeilensteinData("Prototyp", date(2024, 6, 30))]))

    with database.read_session() as session:
        stored = list(session.scalars(select(Aenderung)))
    assert [(a.massnahme_nr, a.feld, a.alter_wert, a.benutzer) for a in stored] == [
        ("P-1", "angelegt", None, "anna")
    ]
    assert audit_of(service, "P-1") == [tuple(change) for change in diff_records(None, record)]
    assert ("Meilenstein „Prototyp“", None, "Meilenstein: Prototyp; Termin: 30.06.2024") in audit_of(
        service, "P-1"
    )


def test_a_creation_logged_field_by_field_in_an_older_database_reads_as_before(database, service) -> None:
    record = service.create(sample())
    with database.write_session() as session:
        session.execute(delete(Aenderung))
        session.add_all(audit_rows(diff_records(None, record), "P-1", "alt", Quelle.BEARBEITUNG))
    service.update(replace(service.get("P-1"), ampel=Ampel.ROT))

    history = audit_of(service, "P-1")
    assert history[0] == ("Ampel", None, "rot")
    assert sorted(history[1:]) == sorted(tuple(change) for change in diff_records(None, record))


def test_delete_restore_and_purge_are_logged(database, service) -> None:
    service.create(sample())
    service.delete("P-1", 1)
    MassnahmenService(database, user="ben").restore("P-1")
    service.delete("P-1", None)
    service.purge("P-1")
    history = [(a.feld, a.alter_wert, a.neuer_wert, a.benutzer, a.quelle) for a in service.history("P-1")]
    assert history[:4] == [
        ("Maßnahme", "City-App Gera", "endgültig gelöscht", "anna", "Bearbeitung"),
        ("Maßnahme", "City-App Gera", "in den Papierkorb verschoben", "anna", "Bearbeitung"),
        ("Maßnahme", "in den Papierkorb verschoben", "wiederhergestellt", "ben", "Wiederherstellung"),
        ("Maßnahme", "City-App Gera", "in den Papierkorb verschoben", "anna", "Bearbeitung"),
    ]


# --- trash -------------------------------------------------------------------------------------------


def test_deleted_measures_wait_in_the_trash_and_come_back(service) -> None:
    service.create(sample("P-1", meilensteine=[MeilensteinData("Prototyp", date(2024, 6, 30))]))
    service.create(sample("P-2"))
    service.delete("P-1", 1)

    assert [r.nr for r in service.list()] == ["P-2"]
    assert service.count() == 1
    (entry,) = service.trash()
    assert (entry.nr, entry.titel, entry.geloescht_von) == ("P-1", "City-App Gera", "anna")
    assert entry.geloescht_am.date() == date.today()
    with pytest.raises(NotFoundError, match="Papierkorb"):
        service.get("P-1")

    restored = service.restore("P-1")
    assert restored.meilensteine == [MeilensteinData("Prototyp", date(2024, 6, 30))]
    assert service.trash() == []
    assert [r.nr for r in service.list()] == ["P-1", "P-2"]


def test_deleting_with_a_stale_version_is_a_conflict(database, service) -> None:
    record = service.create(sample())
    MassnahmenService(database, user="ben").update(replace(record, ampel=Ampel.ROT))
    with pytest.raises(ConflictError, match="von ben am"):
        service.delete("P-1", record.version)
    assert service.count() == 1


def test_purge_deletes_for_good_with_the_children(database, service) -> None:
    service.create(sample(meilensteine=[MeilensteinData("Prototyp", date(2024, 6, 30))]))
    with pytest.raises(NotFoundError, match="nicht im Papierkorb"):
        service.purge("P-1")
    service.delete("P-1", 1)
    service.purge("P-1")
    assert service.trash() == []
    with database.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Meilenstein)) == 0
    assert service.create(sample()).version == 1


# --- list and filters --------------------------------------------------------------------------------


@pytest.fixture
def three(service):
    service.create(sample("P-10", titel="Ökologischer Stadtwald", innovationsfeld=Innovationsfeld.UMWELT,
                          ampel=Ampel.GRUEN, beginn=date(2021, 1, 1), ende=date(2022, 6, 30)))  # fmt: skip
    service.create(sample("P-2", titel="Mobilitätsstationen", federfuehrung="Verkehrsamt",
                          innovationsfeld=Innovationsfeld.MOBILITAET, status=Umsetzungsstand.VERZOEGERT,
                          ampel=Ampel.ROT, beginn=date(2023, 1, 1), ende=date(2026, 12, 31)))  # fmt: skip
    service.create(sample("P-3", kurzbeschreibung="Sensoren messen die Luftqualität",
                          beginn=date(2025, 1, 1), ende=date(2027, 12, 31)))  # fmt: skip
    return service


def nrs(service, **criteria) -> list[str]:
    return [r.nr for r in service.list(MassnahmenFilter(**criteria))]


def test_list_is_in_natural_order_of_numbers(three) -> None:
    assert [r.nr for r in three.list()] == ["P-2", "P-3", "P-10"]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"text": "ökologisch"}, ["P-10"]),
        ({"text": "ÖKOLOGISCH"}, ["P-10"]),
        ({"text": "verkehrsamt"}, ["P-2"]),
        ({"text": "luftqualität"}, ["P-3"]),
        ({"text": "p-1"}, ["P-10"]),
        ({"innovationsfeld": Innovationsfeld.UMWELT}, ["P-10"]),
        ({"status": Umsetzungsstand.VERZOEGERT}, ["P-2"]),
        ({"ampel": Ampel.ROT}, ["P-2"]),
        ({"jahr_von": 2023}, ["P-2", "P-3"]),
        ({"jahr_bis": 2022}, ["P-10"]),
        ({"jahr_von": 2022, "jahr_bis": 2022}, ["P-10"]),
        ({"jahr_von": 2027, "jahr_bis": 2030}, ["P-3"]),
        ({"text": "app", "ampel": Ampel.GRUEN}, []),
    ],
)
def test_filters(three, criteria, expected) -> None:
    assert nrs(three, **criteria) == expected


def test_list_brings_the_children(service) -> None:
    service.create(sample(finanzen=[FinanzjahrData(2024, plan=Decimal("1.00"))]))
    (record,) = service.list()
    assert record.finanzen == [FinanzjahrData(2024, plan=Decimal("1.00"))]
    assert service.list(with_children=False)[0].finanzen == []


# --- validation --------------------------------------------------------------------------------------


def test_invalid_input_gets_one_german_message_per_field_and_nothing_is_written(service) -> None:
    data = sample(
        titel="  ",
        email="anna.gera.de",
        beginn=date(2024, 5, 1),
        ende=date(2024, 4, 1),
        bundesmittel=Decimal("95000.00"),
        telefon="0365\x07838",
        meilensteine=[MeilensteinData("Prototyp", None)],  # type: ignore[arg-type]
    )
    with pytest.raises(ValidationError) as caught:
        service.create(data)
    error = caught.value
    assert error.for_field("titel") == ["Maßnahme: Pflichtfeld – bitte ausfüllen."]
    assert error.for_field("ende") == ["Das Ende (01.04.2024) liegt vor dem Beginn (01.05.2024)."]
    assert "genau ein @" in error.for_field("email")[0]
    assert error.for_field("telefon")[0].startswith("Telefon: Der Text enthält unsichtbare Steuerzeichen")
    assert "90.000,00 €" in error.for_field("bundesmittel")[0]
    assert error.for_field("meilensteine[0].termin") == [
        "Meilenstein „Prototyp“: Termin: Pflichtfeld – bitte ausfüllen."
    ]
    assert service.count() == 0


def test_field_checks_come_from_the_column_spec(service) -> None:
    data = sample(
        titel="x" * 201, gesamtkosten=Decimal("-5.00"), foerderquote=Decimal("90.125"), federfuehrung=None
    )
    with pytest.raises(ValidationError) as caught:
        service.create(data)
    error = caught.value
    assert error.for_field("titel") == ["Maßnahme: Der Text ist zu lang (201 Zeichen, höchstens 200)."]
    assert error.for_field("gesamtkosten") == ["Gesamtkosten: Der Betrag darf nicht negativ sein."]
    assert error.for_field("foerderquote") == ["Förderquote: Bitte höchstens zwei Nachkommastellen angeben."]
    assert error.for_field("federfuehrung") == ["Federführung: Pflichtfeld – bitte ausfüllen."]


def test_the_programme_rate_from_the_settings_applies(database, service) -> None:
    SettingsService(database).save(ProgrammEinstellungen(foerderquote=Decimal(80)))
    with pytest.raises(ValidationError) as caught:
        service.create(sample(bundesmittel=Decimal("90000.00")))
    assert "80 % der förderfähigen Kosten (80.000,00 €)" in caught.value.for_field("bundesmittel")[0]
    assert service.create(sample(bundesmittel=Decimal("80000.00"))).version == 1


def test_amounts_equal_to_the_computed_ones_are_saved_as_computed_and_follow_the_costs(service) -> None:
    created = service.create(
        sample(
            foerderfaehig=Decimal("100000.00"),
            foerderquote=Decimal(90),
            bundesmittel=Decimal("90000.00"),
            drittmittel=Decimal("5000.00"),
            eigenanteil=Decimal("5000.01"),  # within 0,01 € of 100.000 − 90.000 − 5.000
            abgerufen=Decimal("0.00"),
        )
    )
    assert (created.foerderfaehig, created.bundesmittel, created.eigenanteil, created.abgerufen) == (
        None,
    ) * 4
    assert (created.foerderquote, created.drittmittel) == (Decimal(90), Decimal("5000.00"))
    assert ("Bundesmittel", None, "90.000,00 €") not in audit_of(service, "P-1")

    raised = service.update(replace(created, gesamtkosten=Decimal("200000.00")))

    shown = compute(funding_input(raised))
    assert (shown.bundesmittel, shown.eigenanteil) == (Decimal("180000.00"), Decimal("15000.00"))


def test_a_differing_amount_is_saved_as_entered(service) -> None:
    record = service.create(sample(bundesmittel=Decimal("75000.00"), eigenanteil=Decimal("25000.00")))
    assert (record.bundesmittel, record.eigenanteil) == (Decimal("75000.00"), None)


def test_an_invalid_update_changes_nothing(service) -> None:
    record = service.create(sample())
    with pytest.raises(ValidationError):
        service.update(replace(record, ende=date(2023, 1, 1), titel="Neu"))
    stored = service.get("P-1")
    assert (stored.titel, stored.version) == ("City-App Gera", 1)


def test_typed_text_is_tidied_before_saving(service) -> None:
    data = sample(" P-4 ", titel="  Sensorik  ", stadtteil="", ampel="gelb", art=None, beteiligung=None)
    saved = service.create(data)
    assert (saved.nr, saved.titel, saved.stadtteil, saved.ampel) == ("P-4", "Sensorik", None, Ampel.GELB)
    assert (saved.art.value, saved.beteiligung) == ("Umsetzungsmaßnahme", False)


def test_a_value_outside_the_list_names_the_allowed_ones(service) -> None:
    with pytest.raises(ValidationError) as caught:
        service.create(sample(ampel="blau"))
    assert caught.value.for_field("ampel") == [
        "Ampel: „blau“ ist kein zulässiger Wert. Erlaubt sind: grün, gelb, rot."
    ]


def test_extra_columns_must_hold_storable_text(service) -> None:
    bad = {"Notiz": "Zeile\x00", "Datum": date(2024, 1, 1), "Zahl": 3, "Mehrzeilig": "a\nb\tc"}
    with pytest.raises(ValidationError) as caught:
        service.create(sample(zusatzspalten=bad))
    messages = caught.value.for_field("zusatzspalten")
    assert len(messages) == 2
    assert messages[0].startswith("Zusatzspalte „Notiz“: Der Text enthält unsichtbare Steuerzeichen")
    assert messages[1].startswith("Zusatzspalte „Datum“: Der Wert „2024-01-01“ kann nicht gespeichert werden")


def test_windows_line_breaks_are_stored_as_line_feeds(service) -> None:
    """Excel turns CR into LF on the way back; storing LF keeps a liste round trip at zero changes."""
    created = service.create(sample(kurzbeschreibung="Erste Zeile\r\nZweite Zeile\rDritte"))
    assert created.kurzbeschreibung == "Erste Zeile\nZweite Zeile\nDritte"
    assert service.get("P-1").kurzbeschreibung == "Erste Zeile\nZweite Zeile\nDritte"
