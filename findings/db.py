"""The sandboxed DuckDB query layer.

One in-memory DuckDB connection per data directory and process, holding one view per contract
table over that directory's Parquet files, locked down so that it can read nothing else. Every
question asked of it is a named SQL file in `queries/`, run on its own cursor with its values
bound as `$parameters`; small results are cached by (query name, parameters).

SQL text is never built from values: view definitions are made through DuckDB's relational API
from the discovered file list (bound values), and the normalising casts are expressions named
by the contract.

DuckDB's `allowed_directories` lets a statement write inside the data directory as well as read
it, so the only SQL this connection ever runs is vetted: a named query must be exactly one
read-only SELECT, checked when the queries are loaded.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
from duckdb import ColumnExpression, ConstantExpression, sqltypes

from findings.contract import KIND_SQL_TYPE, TABLES, TableSource

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
MACROS_FILE = "_macros.sql"  # loaded at connect time; not a named query
RESULT_CACHE_SIZE = 512

_SQL_TYPES = {name: getattr(sqltypes, sql) for name, sql in KIND_SQL_TYPE.items()}
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_LINE_COMMENT = re.compile(r"--[^\n]*")
_STRING = re.compile(r"'(?:[^']|'')*'")


class QueryError(RuntimeError):
    """A query could not run: a programming error, or data that changed under the app."""


@dataclass(frozen=True)
class Query:
    name: str
    sql: str
    params: frozenset[str]
    header: dict[str, str]  # purpose, grain, params as written in the header comment


def _used_params(sql: str) -> frozenset[str]:
    code = _STRING.sub("''", _LINE_COMMENT.sub("", sql))
    return frozenset(_PARAM.findall(code))


def parse_header(sql: str) -> dict[str, str]:
    header: dict[str, str] = {}
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        key, sep, value = line[2:].strip().partition(":")
        if sep and key.strip().isidentifier():
            header[key.strip()] = value.strip()
    return header


def _check_read_only(name: str, sql: str) -> None:
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(f"queries/{name}.sql does not parse: {exc}") from exc
    kinds = [statement.type for statement in statements]
    if kinds != [duckdb.StatementType.SELECT]:
        found = ", ".join(kind.name for kind in kinds) or "nothing"
        raise QueryError(f"queries/{name}.sql must be exactly one SELECT statement (found: {found})")


def load_queries(folder: Path = QUERIES_DIR) -> dict[str, Query]:
    queries = {}
    for path in sorted(folder.glob("*.sql")):
        if path.name.startswith("_"):
            continue
        sql = path.read_text(encoding="utf-8")
        _check_read_only(path.stem, sql)
        queries[path.stem] = Query(path.stem, sql, _used_params(sql), parse_header(sql))
    return queries


def _freeze(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(value)
    return value


def _thaw(value):
    return list(value) if isinstance(value, tuple) else value


def _table_relation(con: duckdb.DuckDBPyConnection, source: TableSource | None, table):
    """A relation with exactly the contract's columns, normalised types and `_fr` siblings."""
    varchar = _SQL_TYPES["string"]
    if source is None:  # an absent optional table reads as empty, so queries need no branches
        base = con.sql("select 1 as _empty where false")
        present: set[str] = set()
    else:
        base = con.read_parquet(
            [str(f) for f in source.files],
            hive_partitioning=source.partitioned,
            union_by_name=True,
        )
        present = set(base.columns)
    exprs = []
    for col in table.columns:
        typed = _SQL_TYPES[col.kind]
        expr = ColumnExpression(col.name) if col.name in present else ConstantExpression(None)
        exprs.append(expr.cast(typed).alias(col.name))
    for name in table.french_columns:
        expr = ColumnExpression(name) if name in present else ConstantExpression(None)
        exprs.append(expr.cast(varchar).alias(name))
    return base.select(*exprs)


def connect(data_dir: Path, sources: Mapping[str, TableSource]) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with one view per contract table, able to read only data_dir.

    Tables absent from `sources` become empty views of the right shape.
    """
    data_dir = Path(data_dir).resolve()
    con = duckdb.connect(
        ":memory:",
        config={
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        },
    )
    try:
        con.execute("set allowed_directories = $dirs", {"dirs": [str(data_dir) + "/"]})
        for table in TABLES:
            _table_relation(con, sources.get(table.name), table).create_view(table.name)
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
        con.execute((QUERIES_DIR / MACROS_FILE).read_text(encoding="utf-8"))
    except Exception:
        con.close()
        raise
    return con


class Database:
    """Runs named queries against one data directory, caching their small results."""

    def __init__(
        self,
        data_dir: Path,
        sources: Mapping[str, TableSource],
        queries: Mapping[str, Query] | None = None,
        cache_size: int = RESULT_CACHE_SIZE,
    ):
        self.data_dir = Path(data_dir).resolve()
        self.present = frozenset(sources)
        self.queries = dict(queries) if queries is not None else load_queries()
        self._con = connect(self.data_dir, sources)
        self._cache: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def has(self, table: str) -> bool:
        return table in self.present

    def run(self, name: str, params: Mapping[str, object] | None = None) -> pd.DataFrame:
        """Run query `name`, binding the parameters it uses from `params` (others are ignored)."""
        try:
            query = self.queries[name]
        except KeyError:
            raise QueryError(f"no query named {name!r} in queries/") from None
        params = params or {}
        missing = sorted(query.params - params.keys())
        if missing:
            raise QueryError(f"query {name!r} needs parameters: {', '.join(missing)}")
        bound = tuple(sorted((k, _freeze(params[k])) for k in query.params))
        key = (name, bound)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit.copy()
        cursor = self._con.cursor()
        try:
            values = {k: _thaw(v) for k, v in bound}
            frame = cursor.execute(query.sql, values or None).fetchdf()
        except duckdb.Error as exc:
            raise QueryError(f"query {name!r} failed: {exc}") from exc
        finally:
            cursor.close()
        with self._lock:
            self._cache[key] = frame
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return frame.copy()

    def _raw_cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor past the named-query gate: for tests probing the engine's lockdown only."""
        return self._con.cursor()

    def close(self) -> None:
        self._con.close()
