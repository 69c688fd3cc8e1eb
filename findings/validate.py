"""Checks an export set against the data contract and reports every problem in plain words.

Order of checks: the directory, each table's files (present, readable Parquet), each table's
columns (present, compatible types), then the content of the tables whose files and columns are
sound (not-null, unique keys, allowed values, references), run through the same locked-down
views the dashboard queries. One line per problem, each naming the table, column and file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from duckdb import ColumnExpression, ConstantExpression, FunctionExpression

from findings import db, version
from findings.contract import TABLES, TABLES_BY_NAME, Table, TableSource, discover, hive_keys

ERROR = "ERROR"
WARNING = "WARNING"
PACKAGE_FILE = "datapackage.json"


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
        for key in hive_keys(source, part):
            types.setdefault(key, []).append((pa.null(), part))
    found = ", ".join(sorted(types)) or "none"
    for col in table.columns:
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
    return sound


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
