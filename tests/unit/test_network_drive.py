"""A SQLite file on a network drive is opened read-only, with a message that recommends PostgreSQL.

The detection is a pure function, tested with a table of path forms: Windows UNC paths, mapped drive
letters (with a fake ``GetDriveTypeW``), and Linux paths against a fake ``/proc/self/mountinfo``. The
opening tests put ``tmp_path`` on a pretend network file system by replacing the mount table.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gera_desktop.__main__ import main
from gera_desktop.domain.enums import Innovationsfeld, Umsetzungsstand
from gera_desktop.domain.errors import DatabaseError, ReadOnlyError
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.persistence import location
from gera_desktop.persistence.location import DRIVE_REMOTE, filesystem_of, is_network_location
from gera_desktop.persistence.opening import open_database
from gera_desktop.services.backup import BackupService
from gera_desktop.services.importer import ImportService
from gera_desktop.services.massnahmen import MassnahmenService
from tests.conftest import EXAMPLES

DRIVE_FIXED, DRIVE_REMOVABLE, DRIVE_CDROM = 3, 2, 5
DRIVES = {"C:\\": DRIVE_FIXED, "E:\\": DRIVE_REMOVABLE, "Z:\\": DRIVE_REMOTE, "R:\\": DRIVE_CDROM}


def fake_drive_type(root: str) -> int:
    """``GetDriveTypeW`` of this pretend PC: C: disk, E: USB stick, R: DVD, Z: mapped share."""
    assert root in DRIVES, root
    return DRIVES[root]


@pytest.mark.parametrize(
    ("path", "network"),
    [
        (r"\\server\share\gera\massnahmen.sqlite", True),
        ("//server/share/gera/massnahmen.sqlite", True),
        (r"\\server/share\gemischt/db.sqlite", True),
        (r"\\10.0.0.5\daten$\db.sqlite", True),
        (r"\\fileserver\Freigabe mit Leerzeichen\Maßnahmen 2024.sqlite", True),
        (r"\\?\UNC\server\share\db.sqlite", True),
        (r"\\?\unc\server\share\db.sqlite", True),
        ("//?/UNC/server/share/db.sqlite", True),
        (r"\\.\UNC\server\share\db.sqlite", True),
        (r"Z:\Smart City\massnahmen.sqlite", True),
        ("z:/smart city/massnahmen.sqlite", True),
        (r"\\?\Z:\massnahmen.sqlite", True),
        (r"C:\Users\anna\AppData\Local\gera-desktop\gera-desktop.sqlite", False),
        ("c:/Users/anna/Eigene Dateien/db.sqlite", False),
        (r"\\?\C:\Users\anna\db.sqlite", False),
        (r"E:\Stick\db.sqlite", False),
        (r"R:\db.sqlite", False),
    ],
)
def test_windows_path_forms(path: str, network: bool) -> None:
    assert is_network_location(path, platform="win32", drive_type=fake_drive_type) is network


def test_a_mapped_drive_is_asked_for_by_its_root() -> None:
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return DRIVE_REMOTE

    assert is_network_location(r"y:\ordner\db.sqlite", platform="win32", drive_type=drive_type)
    assert asked == ["Y:\\"]


MOUNTINFO = "\n".join(
    [
        "22 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard",
        "30 22 0:27 / /tmp rw,nosuid,nodev - tmpfs tmpfs rw,size=1024k",
        "40 22 0:50 / /mnt/amt rw,relatime - nfs4 fileserver:/export/amt rw,vers=4.2",
        "41 40 0:51 / /mnt/amt/lokal rw,relatime - tmpfs tmpfs rw",
        "42 22 0:52 / /media/Gemeinsame\\040Daten rw,relatime - cifs //server/daten rw,vers=3.1.1",
        "43 22 0:53 / /home/anna/entfernt rw,nosuid shared:5 master:2 - fuse.sshfs anna@host:/srv rw",
        "44 22 0:54 / /srv/nfs rw - nfs server:/x rw,vers=3",
        "45 22 0:55 / /mnt/amtx rw - ext4 /dev/vdb rw",
        "46 22 0:56 / /mnt/c rw,noatime - 9p drvfs rw,aname=drvfs",
        "47 22 0:57 / /mnt/smb rw - smb3 //server/x rw",
        "48 22 0:58 / /afs rw - afs AFS rw",
        "49 22 0:59 / /mnt/ceph rw - ceph 10.0.0.1:/ rw",
        "50 22 0:60 / /mnt/gluster rw - fuse.glusterfs srv:/vol rw",
        "51 22 0:61 / /mnt/dav rw - davfs https://dav.example rw",
        "52 22 0:62 / /mnt/alt rw - nfs srv:/alt rw",
        "53 52 0:63 / /mnt/alt rw - ext4 /dev/vdc rw",
        "54 22 0:64 / /mnt/tab\\011und\\134strich rw - cifs //s/t rw",
        "55 22 0:65 / /mnt/alt-samba rw - smbfs //s/alt rw",
    ]
)


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("/home/anna/massnahmen.sqlite", False),
        ("/tmp/massnahmen.sqlite", False),
        ("/mnt/amt/massnahmen.sqlite", True),
        ("/mnt/amt", True),
        ("/mnt/amt/lokal/massnahmen.sqlite", False),
        ("/mnt/amtx/massnahmen.sqlite", False),
        ("/media/Gemeinsame Daten/Smart City/Maßnahmen 2024.sqlite", True),
        ("/media/Gemeinsame/massnahmen.sqlite", False),
        ("/home/anna/entfernt/db.sqlite", True),
        ("/srv/nfs/db.sqlite", True),
        ("/mnt/c/Users/anna/db.sqlite", True),
        ("/mnt/smb/db.sqlite", True),
        ("/afs/stadt/db.sqlite", True),
        ("/mnt/ceph/db.sqlite", True),
        ("/mnt/gluster/db.sqlite", True),
        ("/mnt/dav/db.sqlite", True),
        ("/mnt/alt/db.sqlite", False),
        ("/mnt/tab\tund\\strich/db.sqlite", True),
        ("/mnt/alt-samba/db.sqlite", True),
    ],
)
def test_linux_paths_by_their_file_system(path: str, network: bool) -> None:
    assert is_network_location(path, platform="linux", mountinfo=MOUNTINFO) is network


def test_the_longest_mount_point_decides() -> None:
    assert filesystem_of("/mnt/amt/lokal/x", MOUNTINFO) == "tmpfs"
    assert filesystem_of("/mnt/amt/x", MOUNTINFO) == "nfs4"
    assert filesystem_of("/home/anna/x", MOUNTINFO) == "ext4"


def test_without_a_mount_table_or_on_other_systems_nothing_is_a_network_path() -> None:
    assert not is_network_location("/mnt/amt/db.sqlite", platform="linux", mountinfo="")
    assert not is_network_location("/Volumes/share/db.sqlite", platform="darwin")


def test_the_real_mount_table_of_this_machine_is_read() -> None:
    table = location.read_mountinfo()
    if not location.MOUNTINFO.exists():
        pytest.skip("kein /proc/self/mountinfo")
    assert filesystem_of("/", table) is not None


# --- opening a database on a (pretend) network drive --------------------------------------------------


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "Freigabe"
    folder.mkdir()
    return folder


@pytest.fixture
def on_network(share: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """From now on the kernel says that ``share`` is a CIFS mount (the rest of the disk stays local)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("die Mount-Tabelle gibt es nur unter Linux")
    table = f"1 0 254:0 / / rw - ext4 /dev/vda rw\n2 1 0:90 / {share} rw - cifs //server/freigabe rw\n"
    monkeypatch.setattr(location, "read_mountinfo", lambda: table)
    return share


def sample(nr: str = "NW-1") -> MassnahmeData:
    return MassnahmeData(
        nr=nr,
        titel="Glasfaser für Schulen",
        innovationsfeld=Innovationsfeld.MOBILITAET,
        federfuehrung="Amt für Stadtentwicklung",
        beginn=date(2024, 1, 1),
        ende=date(2025, 12, 31),
        status=Umsetzungsstand.GEPLANT,
        gesamtkosten=Decimal("80000.00"),
    )


@pytest.fixture
def network_file(share: Path) -> Path:
    """A database with one measure, created while the folder was still local."""
    path = share / "massnahmen.sqlite"
    db = open_database(f"sqlite:///{path}")
    MassnahmenService(db, user="anna").create(sample())
    db.dispose()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_file_on_a_share_opens_read_only_and_says_to_use_postgresql(network_file, on_network) -> None:
    before, names = digest(network_file), files_in(on_network)

    db = open_database(f"sqlite:///{network_file}")
    try:
        assert db.read_only
        reason = db.read_only_reason or ""
        assert "Netzlaufwerk" in reason
        assert "PostgreSQL" in reason
        assert "nur zum Lesen" in reason
        service = MassnahmenService(db, user="bernd")
        assert [m.nr for m in service.list()] == ["NW-1"]
        with pytest.raises(ReadOnlyError) as refused:
            service.create(sample("NW-2"))
        assert refused.value.message == reason
    finally:
        db.dispose()
    assert digest(network_file) == before
    assert files_in(on_network) == names


def test_an_import_into_a_file_on_a_share_is_refused_but_a_dry_run_works(network_file, on_network) -> None:
    before = digest(network_file)
    db = open_database(f"sqlite:///{network_file}")
    try:
        importer = ImportService(db, user="bernd")
        with pytest.raises(ReadOnlyError, match="Netzlaufwerk"):
            importer.run(EXAMPLES / "massnahmenliste-2024-06.xlsx")
        report = importer.run(EXAMPLES / "massnahmenliste-2024-06.xlsx", dry_run=True)
        assert len(report.new) == 25
    finally:
        db.dispose()
    assert digest(network_file) == before


def test_no_database_is_created_on_a_share(on_network) -> None:
    target = on_network / "Neu" / "massnahmen.sqlite"

    with pytest.raises(DatabaseError) as refused:
        open_database(f"sqlite:///{target}")

    assert "Netzlaufwerk" in refused.value.message
    assert "PostgreSQL" in refused.value.message
    assert "nichts angelegt" in refused.value.message
    assert not target.parent.exists()


def test_a_restore_onto_a_file_on_a_share_is_refused(network_file, on_network, tmp_path) -> None:
    local = tmp_path / "lokal.sqlite"
    db = open_database(f"sqlite:///{local}")
    backup = BackupService(db).create(tmp_path / "sicherung.sqlite").path
    db.dispose()
    before = digest(network_file)

    shared = open_database(f"sqlite:///{network_file}")
    try:
        with pytest.raises(ReadOnlyError, match="Netzlaufwerk"):
            BackupService(shared).restore(backup)
    finally:
        shared.dispose()
    assert digest(network_file) == before


def test_the_command_line_refuses_to_write_and_names_the_way_out(network_file, on_network, capsys) -> None:
    before = digest(network_file)
    book = str(EXAMPLES / "massnahmenliste-2024-06.xlsx")

    assert main(["import", book, "--db", str(network_file)]) == 1
    refused = capsys.readouterr().err
    assert main(["check", "--db", str(network_file)]) == 0
    checked = capsys.readouterr()

    assert "Netzlaufwerk" in refused
    assert "PostgreSQL" in refused
    assert "in Ordnung" in checked.out
    assert "Netzlaufwerk" in checked.err
    assert digest(network_file) == before


def test_a_local_file_is_opened_for_writing_as_before(network_file, monkeypatch) -> None:
    table = "1 0 254:0 / / rw - ext4 /dev/vda rw\n"
    monkeypatch.setattr(location, "read_mountinfo", lambda: table)
    db = open_database(f"sqlite:///{network_file}")
    try:
        assert not db.read_only
        MassnahmenService(db, user="anna").create(sample("NW-2"))
    finally:
        db.dispose()


def test_a_file_on_a_share_that_would_need_a_migration_is_refused(on_network) -> None:
    target = on_network / "alt.sqlite"
    connection = sqlite3.connect(target)
    connection.execute("PRAGMA user_version = 1")  # a SQLite file without our tables yet
    connection.close()
    before = digest(target)

    with pytest.raises(DatabaseError) as refused:
        open_database(f"sqlite:///{target}")

    assert "Netzlaufwerk" in refused.value.message
    assert "auf den eigenen Rechner kopieren" in refused.value.message
    assert digest(target) == before
