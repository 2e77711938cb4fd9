"""Programme settings: defaults, round trip through the database, German validation messages."""

from decimal import Decimal

import pytest

from gera_desktop.domain.errors import ValidationError
from gera_desktop.domain.settings import ProgrammEinstellungen
from gera_desktop.services.settings import SettingsService


def test_a_new_database_has_the_gera_defaults(database) -> None:
    settings = SettingsService(database).load()
    assert settings == ProgrammEinstellungen(Decimal(90), None, "Smart City Programmbüro der Stadt Gera")


def test_settings_round_trip(database) -> None:
    service = SettingsService(database)
    chosen = ProgrammEinstellungen(Decimal("87.5"), Decimal("15000000.00"), "Programmbüro Gera")
    service.save(chosen)
    assert SettingsService(database).load() == chosen


def test_clearing_the_envelope_is_stored(database) -> None:
    service = SettingsService(database)
    service.save(ProgrammEinstellungen(foerdervolumen=Decimal("1000.00")))
    service.save(ProgrammEinstellungen(foerdervolumen=None))
    assert service.load().foerdervolumen is None


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        (ProgrammEinstellungen(foerderquote=Decimal("100.5")), "foerderquote"),
        (ProgrammEinstellungen(foerderquote=Decimal(-1)), "foerderquote"),
        (ProgrammEinstellungen(foerdervolumen=Decimal("-0.01")), "foerdervolumen"),
        (ProgrammEinstellungen(programmbuero="  "), "programmbuero"),
    ],
)
def test_invalid_settings_are_refused_and_nothing_is_stored(database, settings, field) -> None:
    service = SettingsService(database)
    with pytest.raises(ValidationError) as caught:
        service.save(settings)
    assert [p.field for p in caught.value.problems] == [field]
    assert "Die Angaben sind nicht vollständig" in caught.value.message
    assert service.load() == ProgrammEinstellungen()


def test_the_quote_message_is_german(database) -> None:
    with pytest.raises(ValidationError) as caught:
        SettingsService(database).save(ProgrammEinstellungen(foerderquote=Decimal(120)))
    assert caught.value.for_field("foerderquote") == [
        "Die Förderquote muss zwischen 0 % und 100 % liegen (höchstens zwei Nachkommastellen)."
    ]
