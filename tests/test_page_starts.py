"""The frame starts the queries a page will run as it begins (site.Page.starts, PageContext.start),
so that they count while the sidebar is drawn. A started query the page does not then run with the
same values would be work for nobody: each page is opened here, its filters changed, and every query
started for it must be one the page itself runs with exactly those values, on its own thread."""

from __future__ import annotations

import threading

import pytest
from apptest import open_app

from findings import db as db_module
from findings import site

STARTED = [page for page in site.PAGES if page.starts]
#: queries a page starts itself (PageContext.start) once its own choices are known
PAGE_OWN_STARTS = {"words": {"group_terms"}}


@pytest.fixture
def calls(monkeypatch):
    """Every Database.run: (query name, its values, whether a started thread ran it); `opened` holds
    the Databases asked."""
    made = []
    run = db_module.Database.run

    def recorded(self, name, params=None):
        opened.add(self)
        query = self._query(name, {**db_module.QUERY_DEFAULTS, **(params or {})})
        values = {**db_module.QUERY_DEFAULTS, **(params or {})}
        key = (name, tuple(sorted((k, repr(values[k])) for k in query.params)))
        made.append((key, threading.current_thread().name.startswith("findings-query")))
        return run(self, name, params)

    monkeypatch.setattr(db_module.Database, "run", recorded)
    return made


opened: set = set()


@pytest.mark.parametrize("page", STARTED, ids=[page.name for page in STARTED])
def test_every_query_started_for_a_page_is_one_the_page_runs(monkeypatch, fixture_dir, calls, page):
    at = open_app(monkeypatch, fixture_dir, page.file)
    assert not at.exception, at.exception
    for chosen in (["Music"], []):  # a filter change, then back: the started runs follow the filters
        for database in opened:  # as if the values were new: nothing cached, everything started
            database._cache.clear()
        calls.clear()
        at.pills(key="filter.discipline").set_value(chosen).run()
        assert not at.exception, at.exception
        started = {key for key, ahead in calls if ahead}
        asked = {key for key, ahead in calls if not ahead}
        # the frame's starts, and those a page starts itself once its choices are known
        expected = set(page.starts) | PAGE_OWN_STARTS.get(page.name, set())
        assert {name for name, _values in started} == expected, page.name
        assert dict(started)["headline"][1] == ("discipline", repr(chosen))
        assert started <= asked, f"{page.name} started what it did not run: {started - asked}"


def test_pages_without_filters_start_nothing():
    assert all(not page.starts for page in site.PAGES if not page.filtered)


def test_a_viewer_s_next_change_cancels_the_runs_started_for_the_last_one(monkeypatch, fixture_dir):
    """A viewer clicking through filters interrupts rerun after rerun: what was started for a rerun
    and still waits for a thread is dropped when the next begins, not run for nobody."""
    from concurrent.futures import Future

    made: list[Future] = []
    start = db_module.Database.start

    def recorded(self, name, params=None):
        for database in opened:
            database._cache.clear()
        self._cache.clear()
        future = start(self, name, params)
        if future is not None:
            made.append(future)
        return future

    cancelled: list[Future] = []
    monkeypatch.setattr(Future, "cancel", lambda self: cancelled.append(self) or True)
    monkeypatch.setattr(db_module.Database, "start", recorded)
    page = next(page for page in site.PAGES if page.name == "themes")
    at = open_app(monkeypatch, fixture_dir, page.file)
    assert not at.exception, at.exception
    made.clear()
    at.pills(key="filter.discipline").set_value(["Music"]).run()
    last = list(made)
    assert len(last) == len(page.starts)
    made.clear()
    cancelled.clear()
    at.pills(key="filter.discipline").set_value(["Film & TV"]).run()
    assert not at.exception, at.exception
    assert len(made) == len(page.starts)
    assert cancelled == last  # the last rerun's starts, each asked to stop, and none of this one's
