"""The data contract as users were promised it: what `validate` rejects, in which words, and that
every good way of writing the same export set loads identically through the sandboxed views."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import fixture
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from conftest import every_param

from findings import db
from findings.contract import TABLES
from findings.validate import Problem, Report, validate

# --- helpers ------------------------------------------------------------------------------


def _replace(table: pa.Table, column: str, values, type_=None) -> pa.Table:
    """The table with one column's values replaced (same position, same name)."""
    i = table.schema.get_field_index(column)
    assert i >= 0, column
    return table.set_column(i, column, pa.array(values, type_ or table.schema.field(i).type))


def _edit(column: str, edit) -> list:
    return [edit(i, v) for i, v in enumerate(column)]


def _invalid(report: Report, where: str) -> Problem:
    """The report fails, with exactly one error, and that error is about `where`."""
    assert not report.ok
    assert report.summary().startswith("INVALID: ")
    lines = [str(p) for p in report.errors]
    assert [p.where for p in report.errors] == [where], lines
    return report.errors[0]


def _sql_string(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


TABLES_NOW = fixture.tables()


# --- tables and files ---------------------------------------------------------------------


@pytest.mark.parametrize("table", [t.name for t in TABLES if t.required])
def test_missing_required_table(tmp_path, table):
    problem = _invalid(validate(fixture.write(tmp_path, {table: None})), table)
    assert problem.message == f"table is missing (expected {table}.parquet or {table}/)"


def test_single_file_and_folder_both_present(tmp_path):
    fixture.write(tmp_path)
    (tmp_path / "themes").mkdir()
    shutil.copy(tmp_path / "themes.parquet", tmp_path / "themes" / "part-0.parquet")
    problem = _invalid(validate(tmp_path), "themes")
    assert "themes.parquet" in problem.message and "themes/" in problem.message
    assert "keep only one" in problem.message


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _text(path: Path) -> None:
    path.write_text("participant_id,session_id\nP1,S1\n", encoding="utf-8")


def _garble_pages(path: Path) -> None:
    """Keep the footer (so the schema reads) but overwrite the first data pages."""
    data = bytearray(path.read_bytes())
    data[4:300] = b"\xff" * 296
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (_empty, "is empty (0 bytes)"),
        (_truncate, "is truncated"),
        (_text, "is not a Parquet file"),
    ],
    ids=["empty", "truncated", "text-file"],
)
def test_unreadable_single_file_is_named(tmp_path, damage, why):
    fixture.write(tmp_path)
    damage(tmp_path / "participants.parquet")
    problem = _invalid(validate(tmp_path), "participants")
    assert problem.message.startswith(f"participants.parquet {why}"), problem.message


def _partitioned_codes(directory: Path, compression: str = "snappy") -> None:
    """theme_codes as theme_codes/session_id=<S>/part-0.parquet, the key only in the path."""
    codes = TABLES_NOW["theme_codes"]
    body = codes.drop_columns(["session_id"])
    for session in ("S1", "S2", "S3"):
        folder = directory / "theme_codes" / f"session_id={session}"
        folder.mkdir(parents=True)
        rows = body.filter(pc.equal(codes["session_id"], session))
        pq.write_table(rows, folder / "part-0.parquet", compression=compression)


@pytest.mark.parametrize(
    ("damage", "why"),
    [(_truncate, "is truncated"), (_empty, "is empty"), (_garble_pages, "is damaged")],
    ids=["truncated-part", "empty-part", "damaged-pages"],
)
def test_corrupt_part_in_partitioned_folder_names_its_relative_path(tmp_path, damage, why):
    fixture.write(tmp_path, {"theme_codes": None})
    _partitioned_codes(tmp_path, compression="none")
    damage(tmp_path / "theme_codes" / "session_id=S2" / "part-0.parquet")
    problem = _invalid(validate(tmp_path), "theme_codes")
    assert problem.message.startswith(f"theme_codes/session_id=S2/part-0.parquet {why}"), problem.message


def test_folder_without_parquet_parts(tmp_path):
    fixture.write(tmp_path, {"themes": None})
    (tmp_path / "themes" / "sub").mkdir(parents=True)
    (tmp_path / "themes" / "_SUCCESS").write_bytes(b"")
    (tmp_path / "themes" / "sub" / "readme.txt").write_text("not data", encoding="utf-8")
    problem = _invalid(validate(tmp_path), "themes")
    assert problem.message == "folder themes/ holds no Parquet part files"


# --- columns and types --------------------------------------------------------------------


def test_missing_required_column_lists_the_columns_found(tmp_path):
    themes = TABLES_NOW["themes"].drop_columns(["label"])
    problem = _invalid(validate(fixture.write(tmp_path, {"themes": themes})), "themes.label")
    assert problem.message == (
        "required column is missing (found: description, label_fr, theme_group, theme_group_fr, theme_id)"
    )


def _rules_with_a_text_number_part(directory: Path) -> None:
    rules = TABLES_NOW["rules"]
    (directory / "rules").mkdir()
    pq.write_table(rules.slice(0, 1), directory / "rules" / "part-0.parquet")
    second = _replace(rules.slice(1, 1), "number", ["2"], pa.string())
    pq.write_table(second, directory / "rules" / "part-1.parquet")


@pytest.mark.parametrize(
    ("overrides", "extra", "where", "message"),
    [
        (
            {"participants": _replace(TABLES_NOW["participants"], "session_id", range(8), pa.int64())},
            None,
            "participants.session_id",
            "has type int64 in participants.parquet; expected text (string)",
        ),
        (
            {"sessions": _replace(TABLES_NOW["sessions"], "date", ["2025-01-10", "x", None], pa.string())},
            None,
            "sessions.date",
            "has type string in sessions.parquet; expected a date (date or timestamp)",
        ),
        (
            {"media": _replace(TABLES_NOW["media"], "size_bytes", [1.5, 2.0, 3.0, 4.0, 5.0], pa.float64())},
            None,
            "media.size_bytes",
            "has type double in media.parquet; expected a whole number (integer)",
        ),
        (
            {"rules": None},
            _rules_with_a_text_number_part,
            "rules.number",
            "has type string in rules/part-1.parquet; expected a whole number (integer)",
        ),
    ],
    ids=["int-for-text", "text-for-date", "float-for-integer", "one-part-of-a-folder"],
)
def test_incompatible_type_names_the_file(tmp_path, overrides, extra, where, message):
    fixture.write(tmp_path, overrides)
    if extra:
        extra(tmp_path)
    problem = _invalid(validate(tmp_path), where)
    assert problem.message == message


def test_repeated_column_name_is_an_error_not_a_crash(tmp_path):
    participants = TABLES_NOW["participants"]
    i = participants.schema.get_field_index("role_fr")
    twice = participants.set_column(i, "role", pa.array([None] * 8, pa.string()))
    problem = _invalid(validate(fixture.write(tmp_path, {"participants": twice})), "participants.role")
    assert problem.message == "appears more than once in participants.parquet; keep only one"


# --- content ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "column", "rows", "count"),
    [
        ("participants", "role", {0, 5}, "2 rows"),
        ("themes", "label", {3}, "1 row"),
        ("theme_codes", "excerpt_id", {0, 1, 2}, "3 rows"),
    ],
)
def test_null_in_not_null_column_counts_rows(tmp_path, table, column, rows, count):
    values = _edit(TABLES_NOW[table][column].to_pylist(), lambda i, v: None if i in rows else v)
    overrides = {table: _replace(TABLES_NOW[table], column, values)}
    problem = _invalid(validate(fixture.write(tmp_path, overrides)), f"{table}.{column}")
    assert problem.message == f"{count} with no value (must not be empty)"


@pytest.mark.parametrize(
    ("table", "column", "index", "value"),
    [
        ("participants", "participant_id", 7, "P7"),  # P8 has no codes, so nothing dangles
        ("theme_codes", "code_id", 11, "C11"),
    ],
)
def test_duplicate_key_gives_an_example(tmp_path, table, column, index, value):
    values = _edit(TABLES_NOW[table][column].to_pylist(), lambda i, v: value if i == index else v)
    overrides = {table: _replace(TABLES_NOW[table], column, values)}
    problem = _invalid(validate(fixture.write(tmp_path, overrides)), f"{table}.{column}")
    assert problem.message == f"1 value used more than once (must be unique; e.g. '{value}')"


@pytest.mark.parametrize(
    ("table", "column", "rows", "value", "message"),
    [
        (
            "theme_codes",
            "theme_id",
            {0},
            "T9",
            "1 row refers to a theme_id missing from themes (e.g. 'T9')",
        ),
        (
            "participants",
            "session_id",
            {6, 7},
            "S9",
            "2 rows refer to a session_id missing from sessions (e.g. 'S9')",
        ),
        (
            "theme_codes",
            "participant_id",
            {2},
            "P99",
            "1 row refers to a participant_id missing from participants (e.g. 'P99')",
        ),
        (
            "rule_themes",
            "rule_id",
            {0},
            "R7",
            "1 row refers to a rule_id missing from rules (e.g. 'R7')",
        ),
    ],
)
def test_dangling_reference_gives_an_example(tmp_path, table, column, rows, value, message):
    values = _edit(TABLES_NOW[table][column].to_pylist(), lambda i, v: value if i in rows else v)
    overrides = {table: _replace(TABLES_NOW[table], column, values)}
    problem = _invalid(validate(fixture.write(tmp_path, overrides)), f"{table}.{column}")
    assert problem.message == message


@pytest.mark.parametrize(
    ("table", "column", "rows", "value", "line"),
    [
        (
            "participants",
            "quote_consent",
            {3},
            "yes please",
            "ERROR participants.quote_consent: 1 row has a value outside public/research/none "
            "(e.g. 'yes please')",
        ),
        (
            "theme_codes",
            "stance",
            {0, 4},
            "neutral",
            "ERROR theme_codes.stance: 2 rows have a value outside risk/opportunity/mixed (e.g. 'neutral')",
        ),
        (
            "media",
            "kind",
            {4},
            "podcast",
            "ERROR media.kind: 1 row has a value outside audio/photo/video (e.g. 'podcast')",
        ),
    ],
)
def test_value_outside_the_allowed_set(tmp_path, table, column, rows, value, line):
    values = _edit(TABLES_NOW[table][column].to_pylist(), lambda i, v: value if i in rows else v)
    overrides = {table: _replace(TABLES_NOW[table], column, values)}
    problem = _invalid(validate(fixture.write(tmp_path, overrides)), f"{table}.{column}")
    assert str(problem) == line


# --- warnings and optional tables: still valid --------------------------------------------


def test_invalid_datapackage_json_is_only_a_warning(tmp_path):
    fixture.write(tmp_path)
    (tmp_path / "datapackage.json").write_text('{"name": "tiny", ', encoding="utf-8")
    report = validate(tmp_path)
    assert report.ok, [str(p) for p in report.problems]
    assert [(p.level, p.where) for p in report.problems] == [("WARNING", "datapackage.json")]
    assert "not valid JSON" in report.problems[0].message
    assert report.package == {}
    assert report.summary().startswith("OK: ") and report.summary().endswith("1 warning)")


@pytest.mark.parametrize("absent", [("media",), ("rule_themes",), ("rules", "rule_themes")])
def test_optional_table_absent_is_fine(tmp_path, absent):
    report = validate(fixture.write(tmp_path, dict.fromkeys(absent)))
    assert report.ok and report.problems == [], [str(p) for p in report.problems]
    assert set(report.sources) == {t.name for t in TABLES} - set(absent)
    tables = len(TABLES) - len(absent)
    assert report.summary().startswith(f"OK: {tmp_path.resolve()} is a valid export set ({tables} tables")


# --- good inputs load identically ---------------------------------------------------------


def _write_with_duckdb(source: Path, target: Path) -> None:
    """(b) every table re-written by DuckDB's own Parquet writer."""
    target.mkdir()
    con = duckdb.connect()
    try:
        for path in sorted(source.glob("*.parquet")):
            con.execute(
                f"copy (select * from read_parquet({_sql_string(path)})) "
                f"to {_sql_string(target / path.name)} (format parquet)"
            )
    finally:
        con.close()


def _write_partitioned(target: Path) -> None:
    """(c) theme_codes as hive partitions, with a marker file, a checksum and a nested part."""
    fixture.write(target, {"theme_codes": None})
    _partitioned_codes(target)
    folder = target / "theme_codes"
    (folder / "_SUCCESS").write_bytes(b"")
    (folder / "session_id=S1" / ".part-0.parquet.crc").write_bytes(b"\x00crc")
    # move the second half of S2's rows into a part one folder deeper, its columns in another order
    s2 = folder / "session_id=S2" / "part-0.parquet"
    rows = pq.read_table(s2)
    half = rows.num_rows // 2
    pq.write_table(rows.slice(0, half), s2)
    (folder / "session_id=S2" / "nested").mkdir()
    rest = rows.slice(half).select(rows.column_names[::-1])
    pq.write_table(rest, folder / "session_id=S2" / "nested" / "part-1.parquet")


def _write_typed_partitions(target: Path) -> None:
    """(c') hive keys that are not text: sessions by date (null as Hive's default partition), rules
    by number; the key is only in the path, so its type comes from the folder name."""
    fixture.write(target, {"sessions": None, "rules": None})
    sessions, rules = TABLES_NOW["sessions"], TABLES_NOW["rules"]
    for i, key in enumerate(["date=2025-01-10", "date=2025-01-11", "date=__HIVE_DEFAULT_PARTITION__"]):
        (target / "sessions" / key).mkdir(parents=True)
        pq.write_table(sessions.slice(i, 1).drop_columns(["date"]), target / "sessions" / key / "p.parquet")
    for i in range(rules.num_rows):
        folder = target / "rules" / f"number={i + 1}"
        folder.mkdir(parents=True)
        pq.write_table(rules.slice(i, 1).drop_columns(["number"]), folder / "p.parquet")


def _widen(table: pa.Table, name: str) -> pa.Table:
    """(d) other encodings of the same values, plus columns the contract does not know."""
    columns, fields = [], []
    for i, fld in enumerate(table.schema):
        col = table.column(i)
        if pa.types.is_string(fld.type):
            # alternate between dictionary-encoded and large strings
            col = col.dictionary_encode() if i % 2 == 0 else col.cast(pa.large_string())
        elif pa.types.is_date(fld.type):
            col = col.cast(pa.timestamp("ms"))
        elif pa.types.is_integer(fld.type):
            small = {"duration_minutes": pa.uint16(), "number": pa.int8(), "size_bytes": pa.uint64()}
            col = col.cast(small[fld.name])
        columns.append(col)
        fields.append(pa.field(fld.name, col.type))
    n = table.num_rows
    columns += [pa.array(range(n), pa.int16()), pa.array([f"{name} note"] * n, pa.large_string())]
    fields += [pa.field("export_row", pa.int16()), pa.field("notes", pa.large_string())]
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))


def _write_widened(target: Path) -> None:
    fixture.write(target, {name: _widen(t, name) for name, t in fixture.tables().items()})


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in a canonical order; list cells (e.g. theme tags) become tuples so they sort."""
    frame = frame.map(lambda v: tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else v)
    return frame.sort_values(list(frame.columns), na_position="last").reset_index(drop=True)


def _load(directory: Path) -> tuple[Report, dict[str, pd.DataFrame]]:
    """Validate, then read every view and run every named query (filters empty), per language."""
    report = validate(directory)
    assert report.ok and report.errors == [], [str(p) for p in report.problems]
    frames: dict[str, pd.DataFrame] = {}
    database = db.Database(directory, report.sources)
    try:
        cur = database._raw_cursor()
        for table in TABLES:
            frames[f"view {table.name}"] = cur.execute(f'select * from "{table.name}"').fetchdf()
        cur.close()
        for name, query in database.queries.items():
            for lang in ("en", "fr"):
                frames[f"query {name} ({lang})"] = database.run(name, every_param(query, lang))
    finally:
        database.close()
    return report, frames


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """(a) the fixture written by pyarrow as single files."""
    directory = fixture.write(tmp_path_factory.mktemp("pyarrow"))
    report, frames = _load(directory)
    # the comparison is only worth something if the baseline holds the fixture's data
    assert report.row_counts == {name: t.num_rows for name, t in fixture.tables().items()}
    headline = frames["query headline (en)"].iloc[0]
    assert (headline["participants_total"], headline["code_applications_total"]) == (8, 12)
    assert len(frames["view theme_codes"]) == 12
    assert frames["query rules_list (fr)"]["title"].tolist()[0] == "Concevoir pour le processus"
    return directory, frames


@pytest.mark.parametrize(
    "variant", ["duckdb-copy", "hive-partitioned", "hive-typed-keys", "wide-types-extra-columns"]
)
def test_good_inputs_load_identically(tmp_path, baseline, variant):
    base_dir, expected = baseline
    target = tmp_path / variant
    if variant == "duckdb-copy":
        _write_with_duckdb(base_dir, target)
    elif variant == "hive-partitioned":
        _write_partitioned(target)
    elif variant == "hive-typed-keys":
        _write_typed_partitions(target)
    else:
        _write_widened(target)
    report, frames = _load(target)
    assert report.problems == []
    partitioned = {name for name, source in report.sources.items() if source.partitioned}
    assert partitioned == {"hive-partitioned": {"theme_codes"}, "hive-typed-keys": {"sessions", "rules"}}.get(
        variant, set()
    )
    if variant == "hive-partitioned":
        source = report.sources["theme_codes"]
        assert [f.relative_to(target / "theme_codes").as_posix() for f in source.files] == [
            "session_id=S1/part-0.parquet",
            "session_id=S2/nested/part-1.parquet",
            "session_id=S2/part-0.parquet",
            "session_id=S3/part-0.parquet",
        ]
    if variant == "wide-types-extra-columns":
        schema = pq.read_schema(target / "sessions.parquet")
        assert pa.types.is_dictionary(schema.field("session_id").type)
        assert schema.field("date").type == pa.timestamp("ms")
    assert frames.keys() == expected.keys()
    for key in expected:
        pd.testing.assert_frame_equal(
            _sorted(frames[key]), _sorted(expected[key]), check_dtype=False, obj=f"{variant}: {key}"
        )


# --- the sandbox --------------------------------------------------------------------------


@pytest.fixture
def sandboxed(tmp_path):
    data = fixture.write(tmp_path / "data")
    report = validate(data)
    database = db.Database(data, report.sources)
    cur = database._raw_cursor()
    yield data, cur
    cur.close()
    database.close()


def test_sandbox_reads_only_its_data_directory(tmp_path, sandboxed):
    data, cur = sandboxed
    inside = cur.execute(f"select count(*) from read_parquet({_sql_string(data / 'themes.parquet')})")
    assert inside.fetchone() == (4,)  # the same call works inside, so the refusals below are the sandbox
    outside = fixture.write(tmp_path / "elsewhere") / "themes.parquet"
    for path in (outside, data / ".." / "elsewhere" / "themes.parquet"):
        with pytest.raises(duckdb.Error):
            cur.execute(f"select * from read_parquet({_sql_string(path)})").fetchall()


@pytest.mark.parametrize(
    "sql",
    [
        "set enable_external_access = true",
        "set allowed_directories = ['/']",
        "set lock_configuration = false",
        "install httpfs",
        "load httpfs",
    ],
)
def test_sandbox_cannot_be_reconfigured_or_extended(sandboxed, sql):
    _, cur = sandboxed
    with pytest.raises(duckdb.Error):
        cur.execute(sql)


def test_sandbox_cannot_copy_to_a_file_outside_its_data_directory(tmp_path, sandboxed):
    _, cur = sandboxed
    target = tmp_path / "out.csv"
    with pytest.raises(duckdb.Error):
        cur.execute(f"copy (select 1 as x) to {_sql_string(target)}")
    assert not target.exists()


@pytest.mark.parametrize(
    "sql",
    [
        "copy (select 1 as x) to 'themes.parquet' (format parquet)",
        "attach 'x.db' as x",
        "select 1; copy (select 1) to 'out.csv'",
        "create table t as select 1",
        "",
    ],
)
def test_named_queries_may_only_read(tmp_path, sql):
    """The engine lets writes through inside its data directory, so only a lone SELECT may run."""
    from findings.db import QueryError, load_queries

    (tmp_path / "sneaky.sql").write_text(sql, encoding="utf-8")
    with pytest.raises(QueryError, match="sneaky.sql"):
        load_queries(tmp_path)
    (tmp_path / "sneaky.sql").write_text("-- fine\nselect 1 as x", encoding="utf-8")
    assert set(load_queries(tmp_path)) == {"sneaky"}
