"""The import report a user reads: one error per missing required column, "Probelauf" for a dry run,
short lists of sheet names, and the plausibility warnings (fraction rates, hidden rows and columns, a
file older than the database) in the report and on the command line."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

from gera_desktop.__main__ import main
from gera_desktop.domain.formatting import format_date
from gera_desktop.persistence.database import Database
from gera_desktop.services.importer import ImportService
from gera_desktop.services.massnahmen import MassnahmenService
from tests.workbooks import TITLE_BLOCK, Sheet, measure, measures_file, save, table

KOSTEN = "Gesamtkosten (€)"


def stored(importer: ImportService, tmp_path: Path, *nrs: str) -> None:
    """The database holds these measures, changed just now."""
    assert importer.run(measures_file(tmp_path / "vorher.xlsx", *(measure(nr) for nr in nrs))).written


def changed_at(database: Database, nr: str) -> datetime:
    when = MassnahmenService(database).get(nr).geaendert_am
    assert when is not None
    return when


def titled(path: Path, title: list[list[object]], *records: dict[str, object]) -> Path:
    return save(path, Sheet("Maßnahmen", [*title, [], *table(*records)]))


def milestone(nr: str) -> dict[str, object]:
    """A milestone row without its Termin."""
    return {"Maßnahmen-Nr.": nr, "Meilenstein": "Start", "Bemerkung": "–"}


def set_mtime(path: Path, when: datetime) -> Path:
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path


# --- a missing required column ------------------------------------------------------------------------


def test_a_missing_required_column_is_one_error_naming_its_rows(importer, database, tmp_path) -> None:
    stored(importer, tmp_path, "T-03")
    records = [measure(f"T-{n:02}") for n in range(1, 75)]
    for record in records:
        del record["Federführung"]
    report = importer.run(measures_file(tmp_path / "ohne.xlsx", *records), dry_run=True)
    assert [(e.sheet, e.cell, e.message) for e in report.errors] == [
        (
            "Maßnahmen",
            "",
            "Im Blatt „Maßnahmen“ fehlt die Pflichtspalte „Federführung“; neue Maßnahmen brauchen sie – "
            "betroffen: Zeilen 6–7, 9–79.",
        )
    ]
    text = report.as_text()
    assert "Pflichtfeld" not in text
    assert text.count("Federführung") == 1
    assert MassnahmenService(database).count() == 1


def test_a_child_sheet_without_a_required_column_is_one_error_too(importer, database, tmp_path) -> None:
    milestones = Sheet(
        "Meilensteine",
        table(*(milestone(f"T-0{n}") for n in range(1, 5))),
    )
    measures = Sheet("Maßnahmen", table(*(measure(f"T-0{n}") for n in range(1, 5))))
    report = importer.run(save(tmp_path / "l.xlsx", measures, milestones))
    assert [(e.sheet, e.cell, e.message) for e in report.errors] == [
        (
            "Meilensteine",
            "",
            "Im Blatt „Meilensteine“ fehlt die Pflichtspalte „Termin“ – betroffen: Zeilen 2–5.",
        )
    ]
    assert MassnahmenService(database).count() == 0


def test_an_existing_measure_keeps_its_value_of_a_missing_column(importer, database, tmp_path) -> None:
    stored(importer, tmp_path, "T-01")
    update = measure("T-01", **{KOSTEN: 120_000})
    del update["Federführung"]
    report = importer.run(measures_file(tmp_path / "neu.xlsx", update))
    assert report.errors == []
    assert MassnahmenService(database).get("T-01").federfuehrung == "Umweltamt"


# --- headings and short lists --------------------------------------------------------------------------


def test_a_dry_run_is_headed_probelauf_also_with_errors(importer, tmp_path) -> None:
    path = measures_file(tmp_path / "fehler.xlsx", measure("T-01", **{KOSTEN: "ca. 50.000"}))
    dry = importer.run(path, dry_run=True).as_text().splitlines()[0]
    real = importer.run(path).as_text().splitlines()[0]
    assert dry == "Probelauf fehler.xlsx: Die Datei enthält 1 Fehler. Es wurde nichts gespeichert."
    assert real == "Import fehler.xlsx: Die Datei enthält 1 Fehler. Es wurde nichts gespeichert."


def test_sheet_names_are_listed_short(importer, tmp_path) -> None:
    notes = [Sheet(f"Notiz {n}", [["frei"]]) for n in range(1, 18)]
    path = save(tmp_path / "l.xlsx", Sheet("Maßnahmen", table(measure())), *notes)
    text = importer.run(path, dry_run=True).as_text()
    assert "Nicht eingelesene Blätter: Notiz 1, Notiz 2, Notiz 3, Notiz 4, Notiz 5 und 12 weitere" in text
    without = save(tmp_path / "ohne.xlsx", *notes)
    error = importer.run(without, dry_run=True).errors[0]
    assert error.message.startswith("Die Datei hat kein Blatt mit den Maßnahmen.")
    assert error.value == "Notiz 1, Notiz 2, Notiz 3, Notiz 4, Notiz 5 und 12 weitere"


def test_extra_column_headers_are_quoted_short(importer, tmp_path) -> None:
    long_header = "Interne Notiz " + "x" * 200
    extras = {long_header: "a", **{f"Eigene Spalte {n}": "b" for n in range(1, 13)}}
    text = importer.run(measures_file(tmp_path / "l.xlsx", measure(**extras)), dry_run=True).as_text()
    line = next(line for line in text.splitlines() if line.startswith("Übernommene Zusatzspalten"))
    assert "„Interne Notiz xxx" in line
    assert long_header not in line
    assert line.endswith("und 3 weitere")


# --- warnings: rates and hidden parts -------------------------------------------------------------------


def test_rate_and_hidden_warnings_reach_the_report_with_their_place(importer, database, tmp_path) -> None:
    records = [measure(f"T-0{n}", **{"Förderquote (%)": 0.9 if n == 2 else 90}) for n in range(1, 5)]
    sheet = Sheet("Maßnahmen", [*TITLE_BLOCK, *table(*records)], hidden_rows=[8, 9])
    report = importer.run(save(tmp_path / "l.xlsx", sheet))
    assert report.written
    lines = report.as_text().splitlines()
    assert lines[lines.index("Warnungen (2):") + 1 :] == [
        "  Maßnahmen!I7 (Förderquote (%)): 0,9 – gemeint 90 %? Die Zelle ist nicht als Prozent formatiert; "
        "eingelesen wird 0,9 %. Sind 90 % gemeint, bitte 90 % eintragen. – gefunden: „0,9“",
        "  Maßnahmen: Zeilen 8–9 ausgeblendet – sie werden trotzdem eingelesen.",
    ]
    assert str(MassnahmenService(database).get("T-02").foerderquote) == "0.90"


# --- a file older than the database ---------------------------------------------------------------------


def test_a_file_whose_stand_is_before_a_change_warns_at_the_stand(importer, database, tmp_path) -> None:
    stored(importer, tmp_path, "T-01", "T-02")
    path = measures_file(tmp_path / "alt.xlsx", measure("T-01", **{KOSTEN: 120_000}), measure("T-02"))
    report = importer.run(path, dry_run=True)
    day = format_date(changed_at(database, "T-01").date())
    assert [(w.sheet, w.cell, w.message) for w in report.warnings] == [
        (
            "Maßnahmen",
            "Maßnahmen!A3",
            f"Die Datei ist älter als die letzte Änderung der Maßnahme T-01 in der Datenbank (geändert am "
            f"{day}; Stand der Datei: 30.06.2024) – sie würde neuere Angaben überschreiben. Bitte prüfen "
            "Sie, ob die Datei aktuell ist.",
        )
    ]
    assert "Maßnahmen!A3: Die Datei ist älter als die letzte Änderung der Maßnahme T-01" in report.as_text()
    assert importer.run(path).written, "a warning does not stop the import"


def test_many_newer_measures_are_named_short(importer, database, tmp_path) -> None:
    nrs = [f"T-0{n}" for n in range(1, 9)]
    stored(importer, tmp_path, *nrs)
    path = measures_file(tmp_path / "alt.xlsx", *(measure(nr, **{KOSTEN: 90_000}) for nr in nrs))
    (warning,) = importer.run(path, dry_run=True).warnings
    latest = format_date(max(changed_at(database, nr) for nr in nrs).date())
    assert (
        "die letzten Änderungen der Maßnahmen T-01, T-02, T-03, T-04, T-05 und 3 weitere in der Datenbank "
        f"(zuletzt geändert am {latest}; Stand der Datei: 30.06.2024)"
    ) in warning.message


def test_only_measures_the_file_would_change_count(importer, tmp_path) -> None:
    stored(importer, tmp_path, "T-01")
    same = measures_file(tmp_path / "gleich.xlsx", measure("T-01"), measure("T-02"))
    assert importer.run(same, dry_run=True).warnings == []


def test_a_stand_of_today_is_not_older(importer, tmp_path) -> None:
    stored(importer, tmp_path, "T-01")
    today = f"Stand: {format_date(date.today())}"
    path = titled(tmp_path / "heute.xlsx", [["Maßnahmenliste"], [today]], measure("T-01", **{KOSTEN: 1}))
    assert importer.run(path, dry_run=True).warnings == []


def test_without_a_stand_the_modification_time_counts(importer, database, tmp_path) -> None:
    path = titled(tmp_path / "ohne-stand.xlsx", [["Maßnahmenliste"]], measure("T-01", **{KOSTEN: 1}))
    stored(importer, tmp_path, "T-01")
    change = changed_at(database, "T-01")
    saved = set_mtime(path, change - timedelta(minutes=30))
    (warning,) = importer.run(saved, dry_run=True).warnings
    assert (warning.sheet, warning.cell) == ("", "")
    assert (
        f"(geändert am {change:%d.%m.%Y um %H:%M Uhr}; Datei gespeichert am "
        f"{change - timedelta(minutes=30):%d.%m.%Y um %H:%M Uhr})"
    ) in warning.message
    set_mtime(path, change + timedelta(minutes=1))
    assert importer.run(path, dry_run=True).warnings == []


# --- the command line ------------------------------------------------------------------------------------


def test_the_command_line_shows_probelauf_and_the_warnings(tmp_path, capsys) -> None:
    db = f"sqlite:///{tmp_path / 'live.sqlite'}"
    first = measures_file(tmp_path / "erst.xlsx", measure("T-01"))
    assert main(["import", str(first), "--db", db]) == 0
    capsys.readouterr()
    rows = [*TITLE_BLOCK, *table(measure("T-01", **{KOSTEN: 5}), measure("T-02", Beginn="31.02.2024"))]
    path = save(tmp_path / "zweit.xlsx", Sheet("Maßnahmen", rows, hidden_columns=["H"]))

    assert main(["import", str(path), "--dry-run", "--db", db]) == 1

    out = capsys.readouterr().out
    assert out.startswith("Probelauf zweit.xlsx: Die Datei enthält 1 Fehler.")
    assert "Maßnahmen!A3: Die Datei ist älter als die letzte Änderung der Maßnahme T-01" in out
    assert (
        "Maßnahmen: Spalte H (Gesamtkosten (€)) ausgeblendet – ihre Werte werden trotzdem eingelesen." in out
    )
    assert "Maßnahmen!E7 (Beginn):" in out
