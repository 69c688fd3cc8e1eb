"""Many viewers asking at once (findings/db.py Database.run): a query already running for the same
values is waited for, not run again, and no more queries run at once than DuckDB has threads."""

from __future__ import annotations

import threading
import time

import pytest
from conftest import params

from findings import db as db_module
from findings.db import Database, QueryError
from findings.validate import validate


class _Watched:
    """Stands in for a Database's DuckDB connection: each query is held a little while it runs, and
    the queries run, and the most running at once, are counted."""

    def __init__(self, con, hold_s: float = 0.2, fail_first: bool = False):
        self._con = con
        self._hold_s = hold_s
        self._fail_first = fail_first
        self._lock = threading.Lock()
        self.runs: list[str] = []
        self.now = 0
        self.most = 0

    def cursor(self):
        return _WatchedCursor(self, self._con.cursor())

    def close(self):
        self._con.close()


class _WatchedCursor:
    def __init__(self, watched: _Watched, cursor):
        self._watched = watched
        self._cursor = cursor

    def execute(self, sql, values=None):
        watched = self._watched
        with watched._lock:
            watched.runs.append(sql)
            watched.now += 1
            watched.most = max(watched.most, watched.now)
            fail = watched._fail_first and len(watched.runs) == 1
        try:
            time.sleep(watched._hold_s)
            if fail:
                raise db_module.duckdb.Error("the first run fails")
            self._cursor.execute(sql, values)
        finally:
            with watched._lock:
                watched.now -= 1
        return self

    def fetchdf(self):
        return self._cursor.fetchdf()

    def close(self):
        self._cursor.close()


@pytest.fixture
def database(fixture_dir):
    report = validate(fixture_dir)
    opened = Database(fixture_dir, report.sources)
    yield opened
    opened.close()


def _at_once(count: int, work) -> list:
    """Run work(i) on `count` threads started together; each one's result or exception."""
    results: list = [None] * count
    start = threading.Barrier(count)

    def one(i):
        start.wait()
        try:
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 -- the test looks at what each caller got
            results[i] = exc

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
        assert not thread.is_alive(), "a caller never got its answer"
    return results


def test_viewers_asking_for_the_same_query_at_once_share_one_run(database):
    watched = database._con = _Watched(database._con)
    frames = _at_once(6, lambda _i: database.run("theme_prevalence", params()))
    assert len(watched.runs) == 1
    assert all(frame.equals(frames[0]) for frame in frames)
    frames[0].loc[0, "theme_id"] = "changed by its caller"  # each caller gets its own copy
    assert not frames[1].equals(frames[0])
    assert database._running == {}


def test_other_values_are_other_runs(database):
    watched = database._con = _Watched(database._con, hold_s=0.05)
    _at_once(4, lambda i: database.run("theme_prevalence", params(stance=[("risk", "mixed")[i % 2]])))
    assert len(watched.runs) == 2


def test_a_failed_run_is_said_and_the_next_viewer_runs_it_again(database):
    watched = database._con = _Watched(database._con, fail_first=True)
    results = _at_once(3, lambda _i: database.run("headline", params()))
    failed = [r for r in results if isinstance(r, QueryError)]
    assert len(failed) == 1 and "the first run fails" in str(failed[0])
    assert len(watched.runs) == 2  # the failure, then one run for those who waited
    assert database._running == {}


def test_no_more_queries_run_at_once_than_duckdb_has_threads(database):
    watched = database._con = _Watched(database._con, hold_s=0.1)
    names = ["headline", "theme_prevalence", "theme_stance_split", "theme_discipline_reach", "session_roster"]
    _at_once(len(names), lambda i: database.run(names[i], params()))
    assert len(watched.runs) == len(names)
    assert watched.most == min(db_module.THREADS, len(names))


def test_a_started_query_is_run_once_for_the_page_that_asks_for_it(database):
    watched = database._con = _Watched(database._con, hold_s=0.3)
    began = time.perf_counter()
    database.start("theme_prevalence", params())
    assert time.perf_counter() - began < 0.2  # it returns at once, the query still running
    frame = database.run("theme_prevalence", params())  # waits for the started run's result
    assert len(watched.runs) == 1
    assert frame.equals(database.run("theme_prevalence", params()))
    database.start("theme_prevalence", params())  # cached: nothing more runs
    time.sleep(0.1)
    assert len(watched.runs) == 1


def test_a_started_query_that_fails_is_said_by_the_page_s_own_run(database):
    watched = database._con = _Watched(database._con, hold_s=0.05, fail_first=True)
    database.start("headline", params())
    for _ in range(100):  # the started run fails on its thread, saying nothing there
        if watched.runs and not database._running:
            break
        time.sleep(0.01)
    frame = database.run("headline", params())  # runs it again, and would raise its own failure
    assert len(watched.runs) == 2 and len(frame) == 1
    with pytest.raises(QueryError, match="no query named"):
        database.start("no_such_query", params())


def test_a_started_query_still_waiting_for_a_thread_can_be_cancelled(database):
    watched = database._con = _Watched(database._con, hold_s=0.3)
    names = ["headline", "theme_prevalence", "theme_stance_split", "session_roster"]
    futures = [database.start(name, params()) for name in names]
    assert all(future is not None for future in futures)
    # the threads take the first queries; the others wait, and cancelled they never run
    waiting = futures[db_module.THREADS :]
    assert waiting and all(future.cancel() for future in waiting)
    for future in futures[: db_module.THREADS]:
        future.result(timeout=10)
    time.sleep(0.1)
    assert len(watched.runs) == db_module.THREADS
    assert database._running == {}
    # a cancelled start leaves nothing behind: the page's own run runs the query
    assert len(database.run(names[-1], params())) > 0
    assert len(watched.runs) == db_module.THREADS + 1
    assert database.start(names[0], params()) is None  # cached: nothing started
