"""Checks an export set against the data contract and reports every problem in plain words.

Order of checks: the directory, each table's files (present, readable Parquet), each table's
columns (present, compatible types), then the content of the tables whose files and columns are
sound (not-null, unique keys, allowed values, references), run through the same locked-down
views the dashboard queries. One line per problem, each naming the table, column and file.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from duckdb import ColumnExpression, ConstantExpression, FunctionExpression

from findings import db, version
from findings.contract import TABLES, TABLES_BY_NAME, Table, TableSource, discover, hive_keys

ERROR = "ERROR"
WARNING = "WARNING"
PACKAGE_FILE = "datapackage.json"
#: The largest whole number the queries compute with (DuckDB's BIGINT, pandas' int64): a column's
#: values, and what the queries add up from them, must fit.
INT64_MAX = 2**63 - 1
EXAMPLES = 3  # values quoted in a problem line


@dataclass(frozen=True)
class Problem:
    level: str
    table: str
    column: str | None
    message: str

    @property
    def where(self) -> str:
        return f"{self.table}.{self.column}" if self.column else self.table

    def __str__(self) -> str:
        return f"{self.level} {self.where}: {self.message}"


@dataclass
class Report:
    data_dir: Path
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, TableSource] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)
    package: dict = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def half_written(self) -> bool:
        """A file does not match the hash datapackage.json lists for it (findings/version.py):
        a new version of the set is being written, or was changed after it was described."""
        return any(p.level == ERROR and p.table == PACKAGE_FILE for p in self.problems)

    def summary(self) -> str:
        n_err, n_warn = len(self.errors), len(self.warnings)
        plural = lambda n, word: f"{n:,} {word}{'' if n == 1 else 's'}"  # noqa: E731
        if self.ok:
            rows = sum(self.row_counts.values())
            return (
                f"OK: {self.data_dir} is a valid export set "
                f"({plural(len(self.sources), 'table')}, {plural(rows, 'row')}; "
                f"{plural(n_warn, 'warning')})"
            )
        return f"INVALID: {self.data_dir}: {plural(n_err, 'error')}, {plural(n_warn, 'warning')}"

    def add(self, level: str, table: str, column: str | None, message: str) -> None:
        self.problems.append(Problem(level, table, column, message))


def _rows(n: int) -> str:
    return f"{n:,} row{'' if n == 1 else 's'}"


def _example(value) -> str:
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


# --- files --------------------------------------------------------------------------------


def _shown_name(path: Path, root: Path) -> str:
    """A path relative to root as text, any bytes that are not UTF-8 shown escaped (\\xff)."""
    return os.fsencode(path.relative_to(root)).decode("utf-8", "backslashreplace")


def _readable_name(path: Path) -> bool:
    """Whether a path is text (UTF-8); a name that is not reads as lone surrogates in Python and
    can be neither shown nor handed to the Parquet readers."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_names(report: Report) -> bool:
    """Every file and folder name under the data folder must be readable text; False if not."""
    data_dir = report.data_dir
    bad = sorted(
        _shown_name(Path(root) / name, data_dir)
        for root, dirs, files in os.walk(data_dir)
        for name in (*dirs, *files)
        if not _readable_name(Path(name))
    )
    if bad:
        examples = ", ".join(f"'{name}'" for name in bad[:EXAMPLES])
        report.add(
            ERROR,
            "data",
            None,
            f"{len(bad):,} file name{'' if len(bad) == 1 else 's'} {'is' if len(bad) == 1 else 'are'} "
            f"not UTF-8 text (e.g. {examples}, undecodable bytes shown as \\x..); rename "
            f"{'it' if len(bad) == 1 else 'them'}",
        )
    return not bad


def _file_problem(path: Path) -> str | None:
    """Why a file is not readable Parquet, or None when its footer and schema read fine."""
    try:
        size = path.stat().st_size
        if size == 0:
            return "is empty (0 bytes)"
        with path.open("rb") as fh:
            head = fh.read(4)
            fh.seek(max(size - 4, 0))
            tail = fh.read(4)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if head != b"PAR1":
        return "is not a Parquet file"
    if size < 12 or tail != b"PAR1":
        return "is truncated (no Parquet footer)"
    try:
        pq.read_schema(path)
    except (pa.ArrowException, OSError, ValueError) as exc:
        return f"is damaged ({str(exc).splitlines()[0][:120]})"
    return None


def _damaged_part(source: TableSource) -> Path | None:
    """The first file whose pages do not read, when a table's footers looked sound."""
    for part in source.files:
        try:
            with pq.ParquetFile(part) as reader:
                for _ in reader.iter_batches():
                    pass
        except (pa.ArrowException, OSError, ValueError):
            return part
    return None


# --- columns and types --------------------------------------------------------------------


def _base_type(t: pa.DataType) -> pa.DataType:
    return t.value_type if pa.types.is_dictionary(t) else t


def _compatible(kind: str, t: pa.DataType) -> bool:
    t = _base_type(t)
    if pa.types.is_null(t):
        return True
    if kind == "string":
        return pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)
    if kind == "integer":
        return pa.types.is_integer(t)
    if kind == "number":
        return pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t)
    if kind == "date":
        return pa.types.is_date(t) or pa.types.is_timestamp(t)
    raise ValueError(kind)


_KIND_WORDS = {
    "string": "text (string)",
    "integer": "a whole number (integer)",
    "number": "a number",
    "date": "a date (date or timestamp)",
}


def _check_columns(report: Report, table: Table, source: TableSource) -> bool:
    """Check one table's columns across its files; True when its view can be built."""
    data_dir = report.data_dir
    types: dict[str, list[tuple[pa.DataType, Path]]] = {}
    shadowed: set[str] = set()
    sound = True
    for part in source.files:
        schema = pq.read_schema(part)
        for fld in schema:  # by field, not by name: a file may repeat a column name
            types.setdefault(fld.name, []).append((fld.type, part))
        for col in table.columns:
            if len(schema.get_all_field_indices(col.name)) > 1:
                where = part.relative_to(data_dir).as_posix()
                report.add(ERROR, table.name, col.name, f"appears more than once in {where}; keep only one")
                sound = False
        # a hive key is text in a folder name, which the view casts to the contract's type
        for key, value in hive_keys(source, part).items():
            types.setdefault(key, []).append((pa.null(), part))
            if key in table.defined_columns and key in schema.names and key not in shadowed:
                # the reader would take the folder's value over the file's column, silently
                shadowed.add(key)
                folder = _folder_of(part, source, f"{key}={value}").relative_to(data_dir).as_posix()
                where = part.relative_to(data_dir).as_posix()
                report.add(
                    ERROR,
                    table.name,
                    key,
                    f"the folder {folder}/ would override the {key} column of {where}; a partition "
                    "folder may only name a column the files do not hold (rename the folder or drop "
                    "the column from the files)",
                )
                sound = False
    found = ", ".join(sorted(types)) or "none"
    for col in table.columns:
        if col.name not in types and col.optional:
            continue  # left out: it reads as empty
        if col.name not in types:
            report.add(ERROR, table.name, col.name, f"required column is missing (found: {found})")
            sound = False
            continue
        for arrow_type, part in types[col.name]:
            if not _compatible(col.kind, arrow_type):
                where = part.relative_to(data_dir).as_posix()
                report.add(
                    ERROR,
                    table.name,
                    col.name,
                    f"has type {arrow_type} in {where}; expected {_KIND_WORDS[col.kind]}",
                )
                sound = False
                break
            too_big = _beyond_int64(part, col.name, arrow_type) if col.kind == "integer" else None
            if too_big is not None:
                where = part.relative_to(data_dir).as_posix()
                report.add(
                    ERROR,
                    table.name,
                    col.name,
                    f"has the value {too_big} in {where}, beyond the largest whole number the "
                    f"queries use ({INT64_MAX:,})",
                )
                sound = False
                break
    return sound


def _folder_of(part: Path, source: TableSource, piece: str) -> Path:
    """The folder named `piece` on the way from a table folder to one of its parts."""
    folder = source.path
    for name in part.relative_to(source.path).parts[:-1]:
        folder = folder / name
        if name == piece:
            return folder
    return folder


def _beyond_int64(part: Path, column: str, arrow_type: pa.DataType) -> int | None:
    """The largest value of an unsigned 64-bit column when it does not fit a signed one."""
    if _base_type(arrow_type) != pa.uint64():
        return None
    values = pq.read_table(part, columns=[column]).column(0)
    if pa.types.is_dictionary(values.type):
        values = values.cast(pa.uint64())
    largest = pc.max(values).as_py()
    return largest if largest is not None and largest > INT64_MAX else None


# --- content ------------------------------------------------------------------------------
# The checks are generic over the contract, so they are built with DuckDB's relational API:
# a contract column is picked by an expression and aliased `v`, values are constants, and the
# only SQL text left is fixed (`count(*)`, `v = p`). No table, column or value is pasted in.

_COUNT = "count(*)"
_COUNT_EXAMPLE = "count(*), min(v)"


def _one(relation) -> tuple:
    return relation.fetchall()[0]


def _check_content(report: Report, cur: duckdb.DuckDBPyConnection, table: Table, valid: set[str]):
    rows = cur.table(table.name)
    report.row_counts[table.name] = _one(rows.aggregate(_COUNT))[0]
    if report.row_counts[table.name] == 0 and table.required:
        report.add(WARNING, table.name, None, "has no rows")
    for col in table.columns:
        values = rows.select(ColumnExpression(col.name).alias("v"))
        present = values.filter(ColumnExpression("v").isnotnull())
        if not col.nullable:
            n = _one(values.filter(ColumnExpression("v").isnull()).aggregate(_COUNT))[0]
            if n:
                report.add(ERROR, table.name, col.name, f"{_rows(n)} with no value (must not be empty)")
        if col.unique:
            repeated = present.aggregate("v, count(*) as n", "v").filter("n > 1")
            n, example = _one(repeated.aggregate(_COUNT_EXAMPLE))
            if n:
                report.add(
                    ERROR,
                    table.name,
                    col.name,
                    f"{n:,} value{'' if n == 1 else 's'} used more than once "
                    f"(must be unique; e.g. {_example(example)})",
                )
        if col.allowed:
            allowed = FunctionExpression(
                "list_contains", ConstantExpression(list(col.allowed)), ColumnExpression("v")
            )
            n, example = _one(present.filter(~allowed).aggregate(_COUNT_EXAMPLE))
            if n:
                report.add(
                    ERROR,
                    table.name,
                    col.name,
                    f"{_rows(n)} {'has' if n == 1 else 'have'} a value outside "
                    f"{'/'.join(col.allowed)} (e.g. {_example(example)})",
                )
        if col.references and col.references[0] in valid:
            parent, parent_col = col.references
            keys = cur.table(parent).select(ColumnExpression(parent_col).alias("p"))
            n, example = _one(present.join(keys, "v = p", how="anti").aggregate(_COUNT_EXAMPLE))
            if n:
                report.add(
                    ERROR,
                    table.name,
                    col.name,
                    f"{_rows(n)} {'refers' if n == 1 else 'refer'} to a {parent_col} "
                    f"missing from {parent} (e.g. {_example(example)})",
                )
        for other in col.determines:
            _check_determines(report, rows, table, col.name, other)
        if col.summed:
            _check_total(report, present, table, col)


def _check_determines(report: Report, rows, table: Table, column: str, other: str) -> None:
    """Rows sharing a value of `column` agree on `other`, a null being a value of its own: one
    excerpt, one speaker (or none), since the speaker's consent decides who reads it."""
    pairs = rows.select(ColumnExpression(column).alias("v"), ColumnExpression(other).alias("w"))
    mixed = (
        pairs.filter(ColumnExpression("v").isnotnull())
        .aggregate("v, count(distinct w) as named, count(*) filter (where w is null) as unnamed", "v")
        .filter("named > 1 or (named = 1 and unnamed > 0)")
    )
    n = _one(mixed.aggregate(_COUNT))[0]
    if n:
        examples = ", ".join(_example(v) for (v,) in mixed.select("v").order("v").limit(EXAMPLES).fetchall())
        report.add(
            ERROR,
            table.name,
            column,
            f"{n:,} {column} value{'' if n == 1 else 's'} {'has' if n == 1 else 'have'} rows with "
            f"different {other} values (e.g. {examples}); every row of one {column} must have the same "
            f"{other}, or all none",
        )


def _check_total(report: Report, present, table: Table, col) -> None:
    """A summed column's total fits the type the queries add it up in: BIGINT for whole numbers,
    a finite DOUBLE for the others. The total of the values' sizes is checked, so every subtotal
    a filter or a page makes (pandas' too) fits as well."""
    if col.kind == "integer":
        total, largest = _one(present.aggregate("sum(abs(v::hugeint)), max(abs(v::hugeint))"))
        if total is not None and total > INT64_MAX:
            report.add(
                ERROR,
                table.name,
                col.name,
                f"values add up to {total:,}, beyond the largest whole number the queries total "
                f"({INT64_MAX:,}; the largest value is {largest:,})",
            )
        return
    total, largest = _one(present.filter("not isnan(v)").aggregate("sum(abs(v)), max(abs(v))"))
    if total is not None and not math.isfinite(total):
        report.add(
            ERROR,
            table.name,
            col.name,
            f"values add up to more than the queries can total (the largest value is {largest:g})",
        )


def _check_package(report: Report) -> None:
    path = report.data_dir / PACKAGE_FILE
    if not path.is_file():
        return
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.add(WARNING, PACKAGE_FILE, None, f"is not valid JSON ({exc}); ignored")
        return
    if not isinstance(package, dict):
        report.add(WARNING, PACKAGE_FILE, None, "is not a JSON object; ignored")
        return
    if "illustrative" in package and not isinstance(package["illustrative"], bool):
        report.add(WARNING, PACKAGE_FILE, "illustrative", "should be true or false; read as true")
        package["illustrative"] = True
    report.package = package


def validate(data_dir: Path) -> Report:
    """Check one data directory; never raises for bad data, only reports."""
    data_dir = Path(data_dir).resolve()
    report = Report(data_dir)
    if not data_dir.is_dir():
        report.add(ERROR, "data", None, f"{data_dir} is not a directory")
        return report
    _check_package(report)
    if not _check_names(report):  # a name that is not text can be neither shown nor read
        return report
    sources, problems = discover(data_dir)
    for table_name, message in problems:
        report.add(ERROR, table_name, None, message)
    for message in version.mismatches(data_dir, report.package, sources):  # one version, or nothing
        report.add(ERROR, PACKAGE_FILE, None, message)
    if report.half_written:
        return report
    for table in TABLES:
        if table.name not in sources and table.required and not any(p[0] == table.name for p in problems):
            report.add(
                ERROR, table.name, None, f"table is missing (expected {table.name}.parquet or {table.name}/)"
            )
    readable: dict[str, TableSource] = {}
    for name, source in sources.items():
        bad = [(part, _file_problem(part)) for part in source.files]
        bad = [(part, why) for part, why in bad if why]
        for part, why in bad:
            report.add(ERROR, name, None, f"{part.relative_to(data_dir).as_posix()} {why}")
        if not bad:
            readable[name] = source
    report.sources = dict(sources)
    valid = {name for name, src in readable.items() if _check_columns(report, TABLES_BY_NAME[name], src)}
    if not valid:
        return report
    try:
        con = db.connect(data_dir, {name: readable[name] for name in valid})
    except duckdb.Error as exc:
        report.add(ERROR, "data", None, f"could not open the tables: {str(exc).splitlines()[0]}")
        return report
    try:
        for table in TABLES:
            if table.name not in valid:
                continue
            cur = con.cursor()
            try:
                _check_content(report, cur, table, valid)
            except duckdb.Error as exc:
                why = str(exc).splitlines()[0][:200]
                part = _damaged_part(readable[table.name])
                if part is not None:  # a sound footer over damaged pages: name the file
                    why = f"{part.relative_to(data_dir).as_posix()} is damaged ({why})"
                else:
                    why = f"could not be read: {why}"
                report.add(ERROR, table.name, None, why)
            finally:
                cur.close()
    finally:
        con.close()
    if "rule_themes" in sources and "rules" not in sources:
        report.add(WARNING, "rule_themes", None, "is present but rules is not; ignored")
    return report
