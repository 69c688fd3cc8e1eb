"""`import tables`: CSV folders and Excel workbooks, typed by the contract, errors by row number."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import fixture
import pyarrow as pa
import pytest
from conftest import params

from findings.db import Database
from findings.importers import ImportFailed
from findings.importers.output import write_export_set
from findings.importers.tables import convert_value, import_tables

CONTRACT_TABLES = ("sessions", "participants", "themes", "theme_codes", "rules", "rule_themes", "media")


def fixture_rows(name: str) -> tuple[list[str], list[list]]:
    table = fixture.tables()[name]
    return table.column_names, [list(row.values()) for row in table.to_pylist()]


def write_csvs(folder: Path, changes=None, delimiter=",", drop=()) -> Path:
    """The tiny fixture as <table>.csv files; `changes[(table, row, column)] = value` edits a cell,
    `row` counted as a spreadsheet does (the header is row 1)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in CONTRACT_TABLES:
        if name in drop:
            continue
        header, rows = fixture_rows(name)
        for (table, row, column), value in (changes or {}).items():
            if table == name:
                rows[row - 2][header.index(column)] = value
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, delimiter=delimiter)
            writer.writerow(header)
            writer.writerows([["" if v is None else v for v in row] for row in rows])
    return folder


def errors(source: Path) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        import_tables(source)
    return caught.value.lines


def test_csv_folder_round_trip_gives_the_fixture_numbers(tmp_path):
    converted = import_tables(write_csvs(tmp_path / "csv", delimiter=";"))  # a European Excel's CSV
    report = write_export_set(converted.tables, converted.package, tmp_path / "out")
    assert report.ok, [str(p) for p in report.problems]
    assert converted.tables["sessions"].schema.field("date").type == "date32[day]"
    assert converted.tables["media"].schema.field("size_bytes").type == "int64"
    db = Database(tmp_path / "out", report.sources)
    try:
        head = db.run("headline", params()).iloc[0]
        assert (head.participants, head.excerpts, head.code_applications, head.rules_total) == (8, 10, 12, 2)
    finally:
        db.close()
    assert converted.package["sources"] == [{"title": "csv"}] and converted.package["illustrative"] is False
    assert "read participants.csv: 8 rows" in converted.summary


def test_values_that_do_not_convert_are_reported_with_their_row(tmp_path):
    source = write_csvs(
        tmp_path / "csv",
        {
            ("sessions", 2, "date"): "10/01/2025",
            ("sessions", 3, "duration_minutes"): "three hours",
            ("participants", 4, "quote_consent"): "yes please",
            ("participants", 5, "participant_id"): "P1",
            ("participants", 7, "session_id"): "S9",
            ("participants", 8, "discipline"): "",
            ("media", 3, "duration_s"): "long",
        },
    )
    lines = errors(source)
    assert lines == [
        "ERROR sessions.csv row 2, column date: '10/01/2025' is not a date (write it as YYYY-MM-DD)",
        "ERROR sessions.csv row 3, column duration_minutes: 'three hours' is not a whole number",
        "ERROR participants.csv row 4, column quote_consent: 'yes please' is not one of public, research, "
        "none",
        "ERROR participants.csv row 8, column discipline: is empty, but a value is required",
        "ERROR participants.csv row 5, column participant_id: 'P1' is already used in row 2 (must be unique)",
        "ERROR media.csv row 3, column duration_s: 'long' is not a number",
        "ERROR participants.csv row 7, column session_id: 'S9' is not a session_id in sessions.csv",
        # P4's row now says P1, so P4's passage refers to no one
        "ERROR theme_codes.csv row 7, column participant_id: 'P4' is not a participant_id in "
        "participants.csv",
    ]


def test_missing_tables_and_columns(tmp_path):
    source = write_csvs(tmp_path / "csv", drop=("theme_codes",))
    header, rows = fixture_rows("themes")
    with (source / "themes.csv").open("w", newline="") as fh:
        csv.writer(fh).writerows(
            [
                [h for h in header if h != "label"],
                *([v for h, v in zip(header, r, strict=True) if h != "label"] for r in rows),
            ]
        )
    lines = errors(source)
    assert lines[0].startswith(
        "ERROR csv/ has no table theme_codes (needed: sessions, participants, themes, theme_codes"
    )
    assert lines[1].startswith(
        "ERROR themes.csv, column label: required column is missing (found: theme_id, label_fr"
    )


def test_optional_columns_may_be_left_out(tmp_path):
    source = write_csvs(tmp_path / "csv")
    header, rows = fixture_rows("theme_codes")
    keep = [i for i, h in enumerate(header) if h not in ("stance", "activity", "activity_fr")]
    with (source / "theme_codes.csv").open("w", newline="") as fh:
        csv.writer(fh).writerows([[header[i] for i in keep], *([r[i] for i in keep] for r in rows)])
    converted = import_tables(source)
    assert converted.tables["theme_codes"].column("stance").null_count == 12
    assert "read theme_codes.csv: 12 rows (activity, stance left empty: not in the file)" in converted.summary


def write_workbook(path: Path, changes=None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name in CONTRACT_TABLES:
        sheet = book.create_sheet(name)
        header, rows = fixture_rows(name)
        sheet.append(header)
        for row in rows:
            sheet.append([dt.datetime.combine(v, dt.time()) if isinstance(v, dt.date) else v for v in row])
        for (table, row, column), value in (changes or {}).items():
            if table == name:
                sheet.cell(row=row, column=header.index(column) + 1).value = value
    book.create_sheet("notes").append(["anything"])
    book.save(path)
    return path


def test_excel_workbook_with_a_sheet_per_table(tmp_path):
    converted = import_tables(write_workbook(tmp_path / "book.xlsx"))
    assert converted.tables["sessions"].column("date").to_pylist() == [
        dt.date(2025, 1, 10),
        dt.date(2025, 1, 11),
        None,
    ]
    assert converted.tables["sessions"].column("duration_minutes").to_pylist() == [360, 300, None]
    assert "ignored (not a table of the contract): notes" in converted.summary
    report = write_export_set(converted.tables, converted.package, tmp_path / "out")
    assert report.ok, [str(p) for p in report.problems]


def test_excel_errors_name_the_sheet_and_row(tmp_path):
    book = write_workbook(
        tmp_path / "book.xlsx",
        {("sessions", 3, "duration_minutes"): "three hours", ("participants", 5, "role"): None},
    )
    assert errors(book) == [
        "ERROR book.xlsx, sheet sessions row 3, column duration_minutes: 'three hours' is not a whole number",
        "ERROR book.xlsx, sheet participants row 5, column role: is empty, but a value is required",
    ]


def test_nothing_is_written_when_the_tables_fail(tmp_path):
    out = tmp_path / "out"
    source = write_csvs(tmp_path / "csv", {("participants", 7, "session_id"): "S9"})
    with pytest.raises(ImportFailed):
        converted = import_tables(source)
        write_export_set(converted.tables, converted.package, out)
    assert not out.exists()


def test_the_validator_has_the_last_word_and_a_failed_write_leaves_nothing(tmp_path):
    tables = fixture.tables()
    consent = tables["participants"]["quote_consent"].to_pylist()
    consent[0] = "maybe"
    i = tables["participants"].schema.get_field_index("quote_consent")
    tables["participants"] = tables["participants"].set_column(i, "quote_consent", pa.array(consent))
    out = tmp_path / "out"
    with pytest.raises(ImportFailed) as caught:
        write_export_set(tables, {"title": "t"}, out)
    assert caught.value.lines[0].startswith("ERROR participants.quote_consent: 1 row has a value outside")
    assert caught.value.lines[-1].startswith("INVALID: the imported tables break the data contract")
    assert not out.exists()


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("12", "integer", 12),
        ("12.0", "integer", 12),
        (12.0, "integer", 12),
        (" 7 ", "integer", 7),
        ("1.5", "number", 1.5),
        (3, "number", 3.0),
        ("2025-01-10", "date", dt.date(2025, 1, 10)),
        ("2025-01-10T09:30:00", "date", dt.date(2025, 1, 10)),
        (dt.datetime(2025, 1, 10, 9), "date", dt.date(2025, 1, 10)),
        (7.0, "string", "7"),
        ("  Music ", "string", "Music"),
        ("", "integer", None),
        ("   ", "string", None),
    ],
)
def test_values_convert_to_their_kind(value, kind, expected):
    assert convert_value(value, kind) == expected


@pytest.mark.parametrize(
    ("value", "kind", "says"),
    [
        ("1.5", "integer", "is not a whole number"),
        (True, "integer", "is not a whole number"),
        ("nan", "number", "is not a finite number"),
        ("2025-02-30", "date", "is not a date"),
        ("soon", "date", "is not a date"),
    ],
)
def test_values_that_do_not_convert(value, kind, says):
    with pytest.raises(ValueError, match=says):
        convert_value(value, kind)
