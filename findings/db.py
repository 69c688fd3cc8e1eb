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

Memory is bounded: every connection (the validator's too) gets `MEMORY_LIMIT` of working memory
and `THREADS` threads; past the limit DuckDB spills to a folder of its own inside a private (0700)
temporary folder of this process, removed when the connection closes. (DuckDB adds that folder to
`allowed_directories`; it holds nothing but the connection's own spills.)
A Database also builds the excerpt patterns once when it opens (`queries/_patterns.sql`): the
small in-memory tables the counting queries read instead of every code row.

A Database holds one version of the export set (findings/version.py): every table but the codes
is read into memory when it opens, and the code files it reads at query time are stamped then.
Each query checks the stamp before it runs and again before its result is kept or returned; once
those files have been rewritten or replaced, the Database raises `DataChanged` instead of mixing
new excerpt text with the consent and patterns it holds from the old version.
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Collection, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
from duckdb import ColumnExpression, ConstantExpression, sqltypes

from findings import prebuilt, privacy, version
from findings.contract import KIND_SQL_TYPE, TABLES, TableSource

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
PATTERNS_FILE = "_patterns.sql"  # run once when a Database opens, then MACROS_FILE; not named queries
MACROS_FILE = "_macros.sql"
WORD_TEXTS_FILE = "_word_texts.sql"  # after MACROS_FILE (it reads readable_by), with the patterns
#: how far down the Words page's order (packed._word_order) the texts are kept with the patterns
#: (queries/_word_texts.sql): a group of the page is read from them whenever its first passages
#: lie among these, i.e. unless it holds under about WORDS_PER_GROUP / WORD_TEXT_RANKS of the
#: excerpts (1.25% of them at 200,000); about 30 MB of words at most, compressed in memory
WORD_TEXT_RANKS = 200_000
RESULT_CACHE_SIZE = 512
#: parameters a caller may leave out: the fewest people a count of places (sessions, venues,
#: disciplines, themes) rests on is 1, exact, unless the public audience's context raises it
QUERY_DEFAULTS = {"min_people": 1, "all_themes": False, "stop": [], "per_group": 2500}
#: DuckDB's working memory per connection (its default is 80% of the machine): with the app's own
#: Python this keeps the server under 1 GiB at 10 million excerpts; larger work spills to disk.
MEMORY_LIMIT = "400MB"
THREADS = max(1, min(os.cpu_count() or 1, 4))

_SQL_TYPES = {name: getattr(sqltypes, sql) for name, sql in KIND_SQL_TYPE.items()}
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_LINE_COMMENT = re.compile(r"--[^\n]*")
_STRING = re.compile(r"'(?:[^']|'')*'")


class QueryError(RuntimeError):
    """A query could not run: a programming error, or data that changed under the app."""


class DataChanged(QueryError):
    """The export set's files changed since this Database opened them: it refuses to read the new
    files beside the old version it holds in memory. Open the set again to see the new version."""

    def __init__(self, data_dir: Path):
        super().__init__(f"the export set in {data_dir.name or data_dir} changed since it was opened")


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


def _bound(query: Query, params: Mapping[str, object]) -> tuple:
    """The values a query uses, hashable and in a fixed order: with its name, its result's key."""
    return tuple(sorted((k, _freeze(params[k])) for k in query.params))


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


_spill_root: Path | None = None
_spill_lock = threading.Lock()


def _spill_dir() -> Path:
    """A fresh path for one connection's spill files, inside a private (0700) folder of this
    process that is removed at exit. DuckDB creates it on the first spill and removes it on close."""
    global _spill_root
    with _spill_lock:
        if _spill_root is None:
            _spill_root = Path(tempfile.mkdtemp(prefix="findings-duckdb-"))
            atexit.register(shutil.rmtree, _spill_root, True)
    return _spill_root / uuid.uuid4().hex


def connect(
    data_dir: Path,
    sources: Mapping[str, TableSource],
    in_memory: Collection[str] = (),
    also_readable: Collection[Path] = (),
) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with one view per contract table, able to read only data_dir (and
    the folders in `also_readable`: a Database's own pattern cache folder), its memory and threads
    bounded and its configuration locked.

    Tables absent from `sources` become empty views of the right shape. The tables named in
    `in_memory` are read once into memory tables of the same name and shape instead.
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
        con.execute("set enable_progress_bar = false")  # no bar drawn on a terminal by a long build
        readable = [data_dir, *(Path(folder).resolve() for folder in also_readable)]
        con.execute("set allowed_directories = $dirs", {"dirs": [str(folder) + "/" for folder in readable]})
        con.execute("set memory_limit = $limit", {"limit": MEMORY_LIMIT})
        con.execute("set threads = $threads", {"threads": THREADS})
        con.execute("set temp_directory = $spill", {"spill": str(_spill_dir())})
        con.execute("set global parquet_metadata_cache = true")  # footers read once, not per query
        for table in TABLES:
            relation = _table_relation(con, sources.get(table.name), table)
            if table.name in in_memory:
                relation.create(table.name)
            else:
                relation.create_view(table.name)
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
    except Exception:
        con.close()
        raise
    return con


def _pooled_interval(frame: pd.DataFrame) -> pd.DataFrame:
    """theme_agreement: the pooled alpha's bootstrap interval (`alpha_low`, `alpha_high`), drawn
    from the distinct passage tallies the query returns to resample (`resample`, then dropped)."""
    from findings import agreement

    bounds = [
        (float("nan"), float("nan"))
        if tallies is None or tallies is pd.NA
        else agreement.resampled_interval(tallies)
        for tallies in frame["resample"]
    ]
    at = frame.columns.get_loc("resample")
    frame = frame.drop(columns="resample")
    frame.insert(at, "alpha_high", [high for _, high in bounds])
    frame.insert(at, "alpha_low", [low for low, _ in bounds])
    return frame


#: What is done to a query's result before it is cached, where SQL is the wrong tool: drawing the
#: bootstrap interval of intercoder agreement from a few hundred distinct tallies.
FINISHED = {"theme_agreement": _pooled_interval}


class Database:
    """Runs named queries against one data directory, caching their small results."""

    def __init__(
        self,
        data_dir: Path,
        sources: Mapping[str, TableSource],
        queries: Mapping[str, Query] | None = None,
        cache_size: int = RESULT_CACHE_SIZE,
        store: prebuilt.Store | None = None,
    ):
        self.data_dir = Path(data_dir).resolve()
        self.present = frozenset(sources)
        #: the files the public never receives, from which the cell keys' secret is derived when
        #: the deployment sets none (findings/privacy.py secret)
        self._private_files = tuple(sources["participants"].files) if "participants" in sources else ()
        self.queries = dict(queries) if queries is not None else load_queries()
        # every table but the codes is small: read once, not on every query
        small = [table.name for table in TABLES if table.name != "theme_codes"]
        #: the files read at query time, stamped before anything is read (findings/version.py)
        self.files = tuple(f for name, src in sources.items() if name not in small for f in src.files)
        #: every file of the set as it was opened, for whoever copies files beside query results
        self.opened = version.stamp(f for src in sources.values() for f in src.files)
        self._stamp = version.stamp(self.files)
        # the pattern cache folder of this version is read by DuckDB itself (findings/prebuilt.py)
        cache = [store.folder] if store is not None else []
        self._con = connect(self.data_dir, sources, in_memory=small, also_readable=cache)
        start = time.perf_counter()
        try:
            #: whether the excerpt patterns were read from a build of this version (findings/prebuilt.py)
            self.prebuilt = store is not None and store.load(self._con)
            if not self.prebuilt:
                self._con.execute((QUERIES_DIR / PATTERNS_FILE).read_text(encoding="utf-8"))
            self._con.execute(
                (QUERIES_DIR / MACROS_FILE).read_text(encoding="utf-8")
            )  # they read the patterns
            if not self.prebuilt:
                self._con.execute(
                    (QUERIES_DIR / WORD_TEXTS_FILE).read_text(encoding="utf-8"), {"ranks": WORD_TEXT_RANKS}
                )
                self._con.execute("checkpoint packed")  # compressed as the other packed tables
            # the excerpt patterns, built or read (a benchmark figure)
            self.build_seconds = time.perf_counter() - start
            if not self.unchanged():  # rewritten while the patterns were built: not one version
                raise DataChanged(self.data_dir)
        except Exception:
            self._con.close()
            raise
        self._store = store
        self._cache: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        #: the queries running now, by (name, values): whoever asks for one waits for its result
        self._running: dict[tuple, threading.Event] = {}
        self._slots = threading.BoundedSemaphore(THREADS)
        #: the threads that run the queries a page will ask for while its frame is drawn (start)
        self._ahead = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="findings-query")

    def keep_patterns(self) -> bool:
        """Save the excerpt patterns this Database built to its store, for the next process that
        opens this version (findings/prebuilt.py). Call it once the caller knows the files it
        hashed for the store's key are the files opened; True when they are kept."""
        if self._store is None:
            return False
        if self.prebuilt:
            return True
        if not self.unchanged():
            return False
        cursor = self._con.cursor()
        try:
            return self._store.save(cursor)
        finally:
            cursor.close()

    def has(self, table: str) -> bool:
        return table in self.present

    def current(self) -> bool:
        """Whether the files read at query time are still the version this Database opened."""
        return version.stamp(self.files) == self._stamp

    def unchanged(self) -> bool:
        """Whether every file of the set is still the version this Database opened."""
        return self.current() and version.stamp(path for path, *_ in self.opened) == self.opened

    def check(self) -> None:
        """Raise DataChanged unless the files read at query time are the version opened."""
        if not self.current():
            raise DataChanged(self.data_dir)

    def _query(self, name: str, params: Mapping[str, object]) -> Query:
        try:
            query = self.queries[name]
        except KeyError:
            raise QueryError(f"no query named {name!r} in queries/") from None
        missing = sorted(query.params - params.keys())
        if missing:
            raise QueryError(f"query {name!r} needs parameters: {', '.join(missing)}")
        return query

    def run(self, name: str, params: Mapping[str, object] | None = None) -> pd.DataFrame:
        """Run query `name`, binding the parameters it uses from `params` (others are ignored)."""
        params = {**QUERY_DEFAULTS, **(params or {})}
        query = self._query(name, params)
        bound = _bound(query, params)
        key = (name, bound)
        self.check()
        # one run of a query at a time for the same values: viewers who ask for it while it runs (a
        # room opening a shared link asks for the same first page at once) wait for its result
        # instead of each running it again; if it fails, the next of them runs it
        while True:
            with self._lock:
                hit = self._cache.get(key)
                if hit is not None:
                    self._cache.move_to_end(key)
                    return hit.copy()
                running = self._running.get(key)
                if running is None:
                    running = self._running[key] = threading.Event()
                    break
            running.wait()
        try:
            cursor = self._con.cursor()
            try:
                values = {k: _thaw(v) for k, v in bound}
                with self._slots:
                    frame = cursor.execute(query.sql, values or None).fetchdf()
            except duckdb.Error as exc:
                raise QueryError(f"query {name!r} failed: {exc}") from exc
            finally:
                cursor.close()
            self.check()  # the files were the version opened all through the query
            if name in FINISHED:
                frame = FINISHED[name](frame)
            with self._lock:
                self._cache[key] = frame
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
            return frame.copy()
        finally:
            with self._lock:
                del self._running[key]
            running.set()

    def start(self, name: str, params: Mapping[str, object] | None = None) -> Future | None:
        """Start running query `name` on a thread of its own and return at once: a later `run` with
        the same values waits for that run's result instead of running it again (or finds it
        cached). A page's frame starts the queries the page will run, so that they count while the
        frame's widgets are drawn. What goes wrong is left to the later `run` to raise, where the
        page handles it; nothing is started for a query already cached or running. The Future
        returned (None when nothing was started) lets its caller cancel the run while it still
        waits for a thread: a viewer's next change supersedes the queries started for the last."""
        params = {**QUERY_DEFAULTS, **(params or {})}
        query = self._query(name, params)
        key = (name, _bound(query, params))
        with self._lock:
            if key in self._cache or key in self._running:
                return None
        try:
            return self._ahead.submit(self._run_quietly, name, params)
        except RuntimeError:  # closed: the later run says so
            return None

    def _run_quietly(self, name: str, params: Mapping[str, object]) -> None:
        try:
            self.run(name, params)
        except QueryError:  # the page's own run raises it again, where it is shown
            pass

    def stream(
        self, name: str, params: Mapping[str, object] | None = None, batch_rows: int = 65_536
    ) -> Iterator[pa.RecordBatch]:
        """Run query `name` uncached and yield its result as Arrow record batches, for results too
        big to hold as one DataFrame (e.g. `excerpts_export` over millions of excerpts): write them
        to a file as they come (pyarrow.csv.CSVWriter, pyarrow.parquet.ParquetWriter)."""
        params = {**QUERY_DEFAULTS, **(params or {})}
        query = self._query(name, params)
        values = {k: params[k] for k in query.params}
        self.check()
        cursor = self._con.cursor()
        try:
            reader = cursor.sql(query.sql, params=values or None).to_arrow_reader(batch_rows)
            for batch in reader:
                self.check()  # a batch is handed on only while the files are the version opened
                yield batch
        except duckdb.Error as exc:
            raise QueryError(f"query {name!r} failed: {exc}") from exc
        finally:
            cursor.close()

    @functools.cached_property
    def cell_keys(self) -> privacy.CellKeys:
        """What the public counts' noise depends on for this export set (findings/privacy.py)."""
        cursor = self._con.cursor()
        try:
            everyone, excerpts, codes = cursor.execute(
                "select participants_total, excerpts_total, code_applications_total from _totals"
            ).fetchone()
        finally:
            cursor.close()
        return privacy.CellKeys(privacy.secret(self._private_files), everyone, excerpts, codes)

    @functools.cached_property
    def people(self) -> bool:
        """Whether the set records participants at all. Most QDA projects code passages in documents
        and record none: their pages count and compare excerpts and sessions instead, and with no
        person behind any count the public's small-cell protection has nobody to protect."""
        return (self.cell_keys.everyone or 0) > 0

    @functools.cached_property
    def themes_repeat(self) -> bool:
        """Whether any excerpt carries one theme more than once (two stances, two coders). If none
        does, a theme's code applications are its excerpts under any filter: the two measures
        would draw the same chart, so only one is offered."""
        cursor = self._con.cursor()
        try:
            (repeat,) = cursor.execute("select themes_repeat from _totals").fetchone()
        finally:
            cursor.close()
        return bool(repeat)

    def _raw_cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor past the named-query gate: for tests probing the engine's lockdown only."""
        return self._con.cursor()

    def close(self) -> None:
        self._ahead.shutdown(wait=False, cancel_futures=True)
        self._con.close()
