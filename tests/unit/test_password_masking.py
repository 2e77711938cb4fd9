"""A PostgreSQL password never shows: not as ``user:password@host``, not as ``?password=`` / ``&password=``
(any case, URL-encoded), not in a libpq connection string – in no message of the command line, no name
of the database, and no file of the support package."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from gera_desktop import config
from gera_desktop.__main__ import main
from gera_desktop.domain.masking import mask_passwords, masked_url
from gera_desktop.persistence.database import Database, make_engine
from gera_desktop.services.about import database_location
from gera_desktop.services.support import write_support_package

SECRET = "Geheim-42"
UNREACHABLE = "127.0.0.1:1"
"""A local port nobody listens on: the connection is refused at once."""
BASE = "postgresql+psycopg://anna"
URL_FORMS = [
    pytest.param(BASE + ":{pw}@{host}/smartcity", id="benutzer-passwort"),
    pytest.param(BASE + "@{host}/smartcity?password={pw}", id="query-password"),
    pytest.param(BASE + "@{host}/smartcity?sslmode=prefer&password={pw}", id="und-password"),
    pytest.param(BASE + "@{host}/smartcity?PassWord={pw}%21%40&sslmode=prefer", id="kodiert"),
    pytest.param(BASE + ":{pw}@{host}/smartcity?password={pw}", id="beides"),
]


def url_of(form: str, host: str = "server:5432") -> str:
    return form.format(pw=SECRET, host=host)


@pytest.mark.parametrize("form", URL_FORMS)
def test_every_url_form_is_masked_and_the_rest_kept(form: str) -> None:
    shown = mask_passwords(url_of(form))

    assert SECRET not in shown
    assert "***" in shown
    assert shown.startswith("postgresql+psycopg://anna")
    assert "server:5432/smartcity" in shown
    assert "sslmode=prefer" in shown if "sslmode" in form else True


@pytest.mark.parametrize(
    "text",
    [
        f"host=server user=anna password={SECRET} dbname=smartcity",
        f"host=server password='{SECRET} mit Leerzeichen' user=anna",
        f"weiter=postgresql%3A%2F%2Fanna%40server%2Fdb%3Fpassword%3D{SECRET}",
        f"Verbindung zu postgresql://:{SECRET}@server/db fehlgeschlagen",
    ],
)
def test_connection_strings_in_text_are_masked(text: str) -> None:
    assert SECRET not in mask_passwords(text)


def test_a_sqlite_path_with_at_signs_is_left_alone() -> None:
    assert mask_passwords("sqlite:////daten/team@gera/massnahmen.sqlite") == (
        "sqlite:////daten/team@gera/massnahmen.sqlite"
    )


@pytest.mark.parametrize("form", URL_FORMS)
def test_the_database_is_named_without_its_password(form: str) -> None:
    url = url_of(form)
    db = Database(url, make_engine(url))  # not connected
    try:
        names = [db.display_name, database_location(db), masked_url(url)]
    finally:
        db.dispose()

    assert not [name for name in names if SECRET in name]
    assert all("server:5432/smartcity" in name for name in names)


@pytest.mark.parametrize("form", URL_FORMS)
def test_an_unreachable_server_is_reported_without_the_password(
    form: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "--db", url_of(form, host=UNREACHABLE)])

    out, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("Fehler: Die Datenbank ")
    assert SECRET not in out + err


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["check", "--db", f"postgresql+psycopg://anna@server:kein-port/db?password={SECRET}"]),
        pytest.param(["check", "--db", f"postgresql+psycopg://anna:{SECRET}@server:kein-port/db"]),
        pytest.param(["--dbx", f"postgresql+psycopg://anna@server/db?password={SECRET}", "check"]),
    ],
    ids=["kaputte-url-query", "kaputte-url-benutzer", "falsche-option"],
)
def test_a_wrong_database_argument_is_refused_in_german_without_the_password(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(argv)

    out, err = capsys.readouterr()
    assert code in (1, 2)
    assert "Fehler: " in err
    assert "Traceback" not in err
    assert SECRET not in out + err


def test_the_support_package_masks_query_passwords_everywhere(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(config.DB_ENV, f"postgresql+psycopg://anna@server/smartcity?password={SECRET}")
    log = config.paths().log_dir / "gera-desktop.log"
    log.parent.mkdir(parents=True)
    log.write_text(
        "INFO gestartet mit postgresql+psycopg://anna@server/smartcity?sslmode=require&PASSWORD="
        f"{SECRET}%21\nWARNING libpq: host=server password={SECRET} user=anna\n",
        encoding="utf-8",
    )
    database.read_only_reason = f"nicht erreichbar: postgresql://anna@server/db?password={SECRET}"

    target = write_support_package(tmp_path / "support.zip", database, now=datetime(2025, 3, 14))

    with zipfile.ZipFile(target) as archive:
        texts = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    assert [name for name, text in texts.items() if SECRET in text] == []
    assert "sslmode=require&PASSWORD=***" in texts["protokoll/gera-desktop.log"]
    assert "?password=***" in texts["info.txt"]


def test_the_command_line_keeps_the_password_out_of_an_unexpected_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug whose message quotes the URL: the traceback is printed, the password is not."""

    def broken(_args: object) -> int:
        raise RuntimeError(f"kaputt bei postgresql://anna@server/db?password={SECRET}")

    monkeypatch.setattr("gera_desktop.cli.run_command", broken)

    code = main(["check"])

    err = capsys.readouterr().err
    assert code == 1
    assert "RuntimeError: kaputt bei postgresql://anna@server/db?password=***" in err
    assert SECRET not in err
