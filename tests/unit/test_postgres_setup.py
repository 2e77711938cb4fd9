"""The README's PostgreSQL setup, done on the test server: roles, grants, password file, service file.

The SQL statements are read from the README's section "Gemeinsame Nutzung mit PostgreSQL" and run with
unique names. The test server trusts every local connection, so the roles made here get a
``scram-sha-256`` line of their own at the top of ``pg_hba.conf`` (restored afterwards): they really
need their password, and the program gets it only from the standard PostgreSQL password file
(``PGPASSFILE``) – never from the URL.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

from gera_desktop.__main__ import main
from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.errors import DatabaseError
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.massnahmen import MassnahmenService
from tests.conftest import POSTGRES_ENV

pytestmark = pytest.mark.postgres
ADMIN_PASSWORD = "Admin-Geheim-1"
PERSON_PASSWORD = "Muster-Geheim-2"
MAX_RELOAD_CHECKS = 500


@dataclass(frozen=True)
class Setup:
    """The server and the names of what the IT set up on it."""

    host: str
    port: int
    database: str
    admin: str
    group: str
    person: str

    def url(self, user: str) -> str:
        return f"postgresql+psycopg://{user}@{self.host}:{self.port}/{self.database}"

    def pgpass(self, folder: Path, *, person_password: str = PERSON_PASSWORD) -> Path:
        """A password file as IT hands it out: one line per role, readable by its owner only."""
        path = folder / "pgpass.conf"
        lines = [
            f"{self.host}:{self.port}:{self.database}:{self.admin}:{ADMIN_PASSWORD}",
            f"{self.host}:{self.port}:{self.database}:{self.person}:{person_password}",
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        path.chmod(0o600)
        return path


def superuser(admin_url: URL) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(
        host=admin_url.host,
        port=admin_url.port,
        user=admin_url.username,
        dbname=admin_url.database,
        autocommit=True,
    )


README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## Gemeinsame Nutzung mit PostgreSQL"


def readme_sql(s: Setup) -> list[list[str]]:
    """The statements of each SQL block of the README's section, with this test's names and passwords."""
    text = README.read_text(encoding="utf-8").split(SECTION, 1)[1].split("\n## ", 1)[0]
    names = {"gera_admin": s.admin, "gera_nutzer": s.group, "mmuster": s.person, "smartcity": s.database}
    blocks = []
    for block in re.findall(r"```sql\n(.*?)```", text, flags=re.DOTALL):
        lines = [line.split("--", 1)[0].strip() for line in block.splitlines()]
        sql = " ".join(line for line in lines if line)
        sql = re.sub(r"\b(" + "|".join(names) + r")\b", lambda m: names[m.group(1)], sql)
        statements = [part.strip() for part in sql.split(";") if part.strip()]
        blocks.append([_with_password(statement, s) for statement in statements])
    return blocks


def _with_password(statement: str, s: Setup) -> str:
    password = ADMIN_PASSWORD if f"ROLE {s.admin} " in statement else PERSON_PASSWORD
    return statement.replace("PASSWORD '…'", f"PASSWORD '{password}'")


def it_creates_roles_and_database(connection: psycopg.Connection[tuple[object, ...]], s: Setup) -> None:
    """README, step 1 (as the server's administrator)."""
    for statement in readme_sql(s)[0]:
        connection.execute(statement.encode())


def it_grants_the_tables(s: Setup) -> None:
    """README, step 3 (as the owning role, in the new database, after the program made the tables)."""
    with psycopg.connect(host=s.host, port=s.port, user=s.admin, dbname=s.database, autocommit=True) as owner:
        for statement in readme_sql(s)[1]:
            owner.execute(statement.encode())


def test_the_readme_has_the_two_sql_steps() -> None:
    s = Setup("h", 1, "db_x", "admin_x", "gruppe_x", "person_x")
    create, grant = readme_sql(s)
    assert create[0] == f"CREATE ROLE admin_x LOGIN PASSWORD '{ADMIN_PASSWORD}'"
    assert f"CREATE ROLE person_x LOGIN PASSWORD '{PERSON_PASSWORD}' IN ROLE gruppe_x" in create
    assert all("gruppe_x" in statement for statement in grant)


@contextmanager
def require_passwords(connection: psycopg.Connection[tuple[object, ...]], s: Setup) -> Iterator[None]:
    """Put ``scram-sha-256`` lines for our roles on top of ``pg_hba.conf`` while the tests run."""
    hba = Path(str(connection.execute(b"SHOW hba_file").fetchone()[0]))  # type: ignore[index]
    if not os.access(hba, os.R_OK | os.W_OK):
        pytest.skip(f"{hba} ist nicht beschreibbar (entfernter Server?)")
    original = hba.read_bytes()
    ours = "".join(
        f"host all {role} {net} scram-sha-256\n"
        for role in (s.admin, s.person)
        for net in ("127.0.0.1/32", "::1/128")
    )
    hba.write_bytes(ours.encode() + original)
    try:
        connection.execute(b"SELECT pg_reload_conf()")
        wait_until_password_needed(s)
        yield
    finally:
        hba.write_bytes(original)
        connection.execute(b"SELECT pg_reload_conf()")


def wait_until_password_needed(s: Setup) -> None:
    """The server reloads its rules asynchronously: try until a connection without password fails."""
    for _ in range(MAX_RELOAD_CHECKS):
        try:
            psycopg.connect(host=s.host, port=s.port, user=s.person, dbname="postgres", passfile="").close()
        except psycopg.OperationalError:
            return
    raise AssertionError("pg_hba.conf wurde nicht neu geladen")


@pytest.fixture(scope="module")
def setup() -> Iterator[Setup]:
    admin_url = os.environ.get(POSTGRES_ENV)
    if not admin_url:
        pytest.skip(f"{POSTGRES_ENV} ist nicht gesetzt")
    url = make_url(admin_url)
    suffix = uuid4().hex[:8]
    s = Setup(
        url.host or "127.0.0.1",
        url.port or 5432,
        f"smartcity_{suffix}",
        f"gera_admin_{suffix}",
        f"gera_nutzer_{suffix}",
        f"mmuster_{suffix}",
    )
    with superuser(url) as connection:
        it_creates_roles_and_database(connection, s)
        try:
            with require_passwords(connection, s):
                yield s
        finally:
            connection.execute(
                b"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (s.database,)
            )
            connection.execute(f"DROP DATABASE IF EXISTS {s.database}".encode())
            for role in (s.person, s.group, s.admin):
                connection.execute(f"DROP ROLE IF EXISTS {role}".encode())


@pytest.fixture(scope="module")
def ready(setup: Setup, tmp_path_factory: pytest.TempPathFactory) -> Setup:
    """README, step 2: IT runs ``check`` once as the owning role, which creates the tables."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PGPASSFILE", str(setup.pgpass(tmp_path_factory.mktemp("it"))))
        assert main(["check", "--db", setup.url(setup.admin)]) == 0
        it_grants_the_tables(setup)
    return setup


def sample(nr: str) -> MassnahmeData:
    return MassnahmeData(
        nr=nr,
        titel="Gemeinsame Datenbank",
        innovationsfeld=Innovationsfeld.WIRTSCHAFT,
        federfuehrung="Amt für Zentrale Steuerung",
        beginn=date(2024, 1, 1),
        ende=date(2025, 12, 31),
        status=Umsetzungsstand.GEPLANT,
        gesamtkosten=Decimal("1000.00"),
    )


def test_a_colleague_works_with_the_password_from_the_password_file(ready, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PGPASSFILE", str(ready.pgpass(tmp_path)))

    db = open_database(ready.url(ready.person))
    try:
        service = MassnahmenService(db, user="mmuster")
        service.create(sample("PG-1"))
        assert [m.nr for m in service.list()] == ["PG-1"]
        assert PERSON_PASSWORD not in db.display_name
    finally:
        db.dispose()


def test_a_service_file_names_server_database_and_user(ready, tmp_path, monkeypatch) -> None:
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[gera]\nhost={ready.host}\nport={ready.port}\ndbname={ready.database}\nuser={ready.person}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    monkeypatch.setenv("PGPASSFILE", str(ready.pgpass(tmp_path)))

    db = open_database("postgresql+psycopg://?service=gera")
    try:
        MassnahmenService(db, user="mmuster").create(sample("PG-2"))
        assert "PG-2" in [m.nr for m in MassnahmenService(db).list()]
    finally:
        db.dispose()


@pytest.mark.parametrize("password_file", ["keine", "falsches Passwort"])
def test_without_the_right_password_the_database_is_not_reachable(
    ready, tmp_path, monkeypatch, password_file
) -> None:
    if password_file == "keine":
        monkeypatch.setenv("PGPASSFILE", str(tmp_path / "gibt-es-nicht"))
    else:
        monkeypatch.setenv("PGPASSFILE", str(ready.pgpass(tmp_path, person_password="Falsch-9")))

    with pytest.raises(DatabaseError) as refused:
        open_database(ready.url(ready.person))

    assert "nicht erreichbar" in refused.value.message
    assert "Falsch-9" not in refused.value.message


def test_colleagues_cannot_change_the_tables_only_their_content(ready) -> None:
    """Why IT runs the first start (and each new version's first start) as the owning role."""
    with psycopg.connect(
        host=ready.host, port=ready.port, user=ready.admin, dbname=ready.database, password=ADMIN_PASSWORD
    ) as owner:
        row = owner.execute(
            b"SELECT has_schema_privilege(%s, 'public', 'CREATE'), "
            b"has_table_privilege(%s, 'massnahme', 'INSERT, UPDATE, DELETE')",
            (ready.person, ready.person),
        ).fetchone()
    assert row == (False, True)
