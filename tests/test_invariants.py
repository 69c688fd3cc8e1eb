"""The invariants consent relies on, each refused by the validator with one line naming where.

An excerpt has one speaker (or none); a partition folder never overrides a file's column; every
file name is text; the numbers fit what the queries compute; and a download carries the contract's
columns only, never a column the contract does not know.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import fixture
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from findings.app import inventory
from findings.contract import TABLES_BY_NAME
from findings.validate import INT64_MAX, validate

CODES = fixture.tables()["theme_codes"]
MEDIA = fixture.tables()["media"]


def _lines(directory: Path) -> list[str]:
    return [str(p) for p in validate(directory).problems]


def _with_speakers(speakers: dict[int, str | None]) -> pa.Table:
    """theme_codes with the speaker of some code rows (by position) changed."""
    ids = CODES["participant_id"].to_pylist()
    for row, speaker in speakers.items():
        ids[row] = speaker
    return CODES.set_column(CODES.schema.get_field_index("participant_id"), "participant_id", pa.array(ids))


def test_the_fixture_holds_every_invariant(fixture_dir):
    assert _lines(fixture_dir) == []  # E1 and E6 each have two rows and one speaker


# --- one excerpt, one speaker ----------------------------------------------------------------


@pytest.mark.parametrize(
    "speakers",
    [
        {7: "P4"},  # E6: P5 (public) and P4 (none): P4's words would follow P5's consent
        {7: "P6"},  # E6: two participants
        {7: None},  # E6: P5 and the group
    ],
    ids=["public-and-none", "two-participants", "participant-and-group"],
)
def test_an_excerpt_with_two_speakers_is_refused(tmp_path, speakers):
    fixture.write(tmp_path, {"theme_codes": _with_speakers(speakers)})
    assert _lines(tmp_path) == [
        "ERROR theme_codes.excerpt_id: 1 excerpt_id value has rows with different participant_id values "
        "(e.g. 'E6'); every row of one excerpt_id must have the same participant_id, or all none"
    ]


def test_excerpts_with_two_speakers_are_counted_and_a_few_named(tmp_path):
    # E1 (rows 0, 1), E6 (rows 6, 7), and every excerpt_id folded into one of four ids
    excerpts = [f"X{i % 4}" for i in range(CODES.num_rows)]
    codes = CODES.set_column(CODES.schema.get_field_index("excerpt_id"), "excerpt_id", pa.array(excerpts))
    fixture.write(tmp_path, {"theme_codes": codes})
    assert _lines(tmp_path) == [
        "ERROR theme_codes.excerpt_id: 4 excerpt_id values have rows with different participant_id values "
        "(e.g. 'X0', 'X1', 'X2'); every row of one excerpt_id must have the same participant_id, or all none"
    ]


# --- partition folders --------------------------------------------------------------------------


def _partition(directory: Path, key: str, *, keep_column: bool) -> None:
    """theme_codes as theme_codes/<key>=<value>/part-0.parquet, the column kept in the files or not."""
    fixture.write(directory, {"theme_codes": None})
    for value in sorted(set(CODES[key].to_pylist()) - {None}):
        rows = CODES.filter(pc.equal(CODES[key], value))
        folder = directory / "theme_codes" / f"{key}={value}"
        folder.mkdir(parents=True)
        pq.write_table(rows if keep_column else rows.drop_columns([key]), folder / "part-0.parquet")


def test_a_partition_folder_that_shadows_a_column_is_refused_naming_it(tmp_path):
    fixture.write(tmp_path, {"theme_codes": None})
    # P4's (consent none) passage filed under a folder that names P1 (public)
    folder = tmp_path / "theme_codes" / "participant_id=P1"
    folder.mkdir(parents=True)
    pq.write_table(CODES, folder / "part-0.parquet")
    assert _lines(tmp_path) == [
        "ERROR theme_codes.participant_id: the folder theme_codes/participant_id=P1/ would override the "
        "participant_id column of theme_codes/participant_id=P1/part-0.parquet; a partition folder may "
        "only name a column the files do not hold (rename the folder or drop the column from the files)"
    ]


def test_a_partition_key_that_is_only_in_the_folder_names_stays_allowed(tmp_path):
    _partition(tmp_path, "session_id", keep_column=False)  # the sample's own layout
    assert _lines(tmp_path) == []


def test_a_partition_key_also_in_the_files_is_refused_once_per_column(tmp_path):
    _partition(tmp_path, "session_id", keep_column=True)
    lines = _lines(tmp_path)
    assert len(lines) == 1
    assert lines[0].startswith(
        "ERROR theme_codes.session_id: the folder theme_codes/session_id=S1/ would override the session_id "
        "column of theme_codes/session_id=S1/part-0.parquet"
    )


# --- file names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "shown"),
    [((), r"\xff.parquet"), (("theme_codes",), r"theme_codes/\xff\xfe.parquet")],
    ids=["beside-the-tables", "in-a-table-folder"],
)
def test_a_file_name_that_is_not_text_is_refused_escaped(tmp_path, where, shown):
    fixture.write(tmp_path, {"theme_codes": None} if where else None)
    if where:
        (tmp_path / "theme_codes").mkdir()
        pq.write_table(CODES, tmp_path / "theme_codes" / "part-0.parquet")
    name = b"\xff\xfe.parquet" if where else b"\xff.parquet"
    folder = os.fsencode(tmp_path.joinpath(*where))
    with open(os.path.join(folder, name), "wb") as fh:
        pq.write_table(CODES, fh)
    assert _lines(tmp_path) == [
        f"ERROR data: 1 file name is not UTF-8 text (e.g. '{shown}', undecodable bytes shown as \\x..); "
        "rename it"
    ]


# --- numbers the queries compute with ---------------------------------------------------------


def _media(column: str, values: list, kind: pa.DataType) -> pa.Table:
    return MEDIA.set_column(MEDIA.schema.get_field_index(column), column, pa.array(values, kind))


def test_sizes_whose_total_overflows_are_refused_naming_the_largest(tmp_path):
    sizes = [INT64_MAX - 10, 4, 4, 1, 2]  # each fits; the total (what Archive adds up) does not
    fixture.write(tmp_path, {"media": _media("size_bytes", sizes, pa.int64())})
    assert _lines(tmp_path) == [
        "ERROR media.size_bytes: values add up to 9,223,372,036,854,775,808, beyond the largest whole "
        "number the queries total (9,223,372,036,854,775,807; the largest value is "
        "9,223,372,036,854,775,797)"
    ]


def test_sizes_whose_total_just_fits_are_valid(tmp_path):
    fixture.write(tmp_path, {"media": _media("size_bytes", [INT64_MAX - 8, 4, 2, 1, 1], pa.int64())})
    assert _lines(tmp_path) == []


def test_an_unsigned_value_beyond_the_signed_range_is_refused_naming_the_file(tmp_path):
    sizes = [2**64 - 1, 1, 1, 1, 1]
    fixture.write(tmp_path, {"media": _media("size_bytes", sizes, pa.uint64())})
    assert _lines(tmp_path) == [
        "ERROR media.size_bytes: has the value 18446744073709551615 in media.parquet, beyond the largest "
        "whole number the queries use (9,223,372,036,854,775,807)"
    ]


@pytest.mark.parametrize(
    ("durations", "largest"),
    [([1e308, 1e308, None, None, 1.0], "1e+308"), ([float("inf"), 1.0, None, None, 1.0], "inf")],
    ids=["total-overflows", "infinite"],
)
def test_durations_that_cannot_be_totalled_are_refused(tmp_path, durations, largest):
    fixture.write(tmp_path, {"media": _media("duration_s", durations, pa.float64())})
    assert _lines(tmp_path) == [
        f"ERROR media.duration_s: values add up to more than the queries can total (the largest value "
        f"is {largest})"
    ]


# --- downloads carry the contract's columns only ----------------------------------------------

SECRET = "Words of P4 that nobody may read."


def _with_extras(table: pa.Table) -> pa.Table:
    n = table.num_rows
    return table.append_column("notes", pa.array([SECRET] * n)).append_column("label_de", pa.array(["x"] * n))


@pytest.mark.parametrize(
    "leave_out", [("participants", "theme_codes"), ()], ids=["public-codebook", "whole-set"]
)
def test_a_download_holds_only_the_contract_columns(tmp_path, leave_out):
    data = {name: _with_extras(table) for name, table in fixture.tables().items()}
    fixture.write(tmp_path / "set", data)
    report = validate(tmp_path / "set")
    assert report.ok
    with zipfile.ZipFile(io.BytesIO(inventory.export_zip(report, leave_out=leave_out))) as archive:
        tables = {
            Path(name).stem: pq.read_table(io.BytesIO(archive.read(name)))
            for name in archive.namelist()
            if name.endswith(".parquet")
        }
        archive.extractall(tmp_path / "unzipped")
    assert set(tables) == set(fixture.tables()) - set(leave_out)
    for name, table in tables.items():
        assert table.column_names == [
            c for c in TABLES_BY_NAME[name].defined_columns if c in fixture.tables()[name].column_names
        ], name
        assert table.num_rows == fixture.tables()[name].num_rows
    # and the zip is an export set of its own, its datapackage.json describing what it holds
    assert [str(p) for p in validate(tmp_path / "unzipped").errors if p.table not in leave_out] == []


def test_a_download_lists_the_hash_of_each_file_it_holds_when_the_package_did(tmp_path):
    folder = fixture.write(tmp_path / "set")
    listed = [
        {
            "name": name,
            "path": f"{name}.parquet",
            "hash": "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest(),
        }
        for name in fixture.tables()
        for path in [folder / f"{name}.parquet"]
    ]
    (folder / "datapackage.json").write_text(json.dumps({**fixture.PACKAGE, "resources": listed}), "utf-8")
    report = validate(folder)
    with zipfile.ZipFile(io.BytesIO(inventory.export_zip(report, leave_out=["theme_codes"]))) as archive:
        package = json.loads(archive.read("datapackage.json"))
        files = {name: archive.read(name) for name in archive.namelist() if name.endswith(".parquet")}
    assert {r["path"]: r["hash"] for r in package["resources"]} == {
        name: "sha256:" + hashlib.sha256(data).hexdigest() for name, data in files.items()
    }
    assert "theme_codes.parquet" not in files and len(files) == len(fixture.tables()) - 1
