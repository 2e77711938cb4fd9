"""The demo data: 25 measures of the example list with their children, only into an empty database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from gera_desktop.domain.funding import compute
from gera_desktop.domain.models import Aenderung, Beteiligung, Finanzjahr, Massnahme, Meilenstein
from gera_desktop.domain.rules import funding_input
from gera_desktop.persistence.database import Database
from gera_desktop.resources import demo_data, resource_path
from gera_desktop.services.demo import DemoRefusedError, load_demo
from gera_desktop.services.massnahmen import MassnahmenService


def count(db: Database, model: type) -> int:
    with db.read_session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_demo_file_ships_in_the_resources_folder():
    path = demo_data()
    assert path.is_file()
    assert path.parent.parent.name == "resources"


def test_bundle_location_is_used_when_frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert resource_path("demo", "x.json") == tmp_path / "resources" / "demo" / "x.json"


def test_demo_loads_25_measures_with_children(database: Database):
    assert load_demo(database, demo_data(), user="test") == 25
    assert count(database, Massnahme) == 25
    assert (count(database, Meilenstein), count(database, Finanzjahr), count(database, Beteiligung)) == (
        8,
        7,
        4,
    )
    um01 = MassnahmenService(database).get("UM-01")
    assert um01.titel == "Digitales Theater „√My“"
    assert [f.jahr for f in um01.finanzen] == [2023, 2024, 2025, 2026]
    assert um01.beteiligungen[0].format == "Workshop"
    # The demo's amounts are what the rules compute: stored as computed, they follow later changes.
    assert (um01.foerderfaehig, um01.bundesmittel, um01.drittmittel, um01.eigenanteil) == (None,) * 4
    shown = compute(funding_input(um01), Decimal(90))
    assert (shown.bundesmittel, shown.eigenanteil, shown.abgerufen) == (
        Decimal(405000),
        Decimal(45000),
        Decimal(233730),
    )
    assert um01.foerderquote == 90
    with database.read_session() as session:
        audit = list(session.execute(select(Aenderung.massnahme_nr, Aenderung.feld, Aenderung.quelle)))
    assert len(audit) == 25
    assert {(feld, quelle) for _, feld, quelle in audit} == {
        ("angelegt", "Import massnahmenliste-beispiel.json")
    }
    history = MassnahmenService(database).history("UM-01")
    assert ("Gesamtkosten", None, "450.000,00 €") in [(a.feld, a.alter_wert, a.neuer_wert) for a in history]


def test_demo_is_refused_the_second_time(database: Database):
    load_demo(database, demo_data(), user="test")
    with pytest.raises(DemoRefusedError, match="bereits 25 Maßnahme"):
        load_demo(database, demo_data(), user="test")
    assert count(database, Massnahme) == 25


def test_demo_is_refused_when_only_the_trash_holds_a_measure(database: Database):
    load_demo(database, demo_data(), user="test")
    service = MassnahmenService(database, user="test")
    for record in service.list():
        service.delete(record.nr, record.version)
    assert service.list() == []
    with pytest.raises(DemoRefusedError, match="Papierkorb"):
        load_demo(database, demo_data(), user="test")
