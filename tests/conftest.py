"""Shared fixtures: the tiny hand-checked export set, a database over it, filter parameters."""

from __future__ import annotations

import duckdb
import fixture
import pytest
from apptest import BUNDLED

from findings.db import Database
from findings.filters import Filters
from findings.validate import validate


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory):
    return fixture.write(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="module")
def sample():
    """The bundled sample (91 participants) opened as the app opens it: (database, report)."""
    report = validate(BUNDLED)
    database = Database(BUNDLED, report.sources)
    yield database, report
    database.close()


def bundled_values(column: str) -> list[str]:
    """The distinct values of a participant column in the bundled sample (its disciplines, roles)."""
    path = BUNDLED / "participants.parquet"
    rows = duckdb.execute(f"select distinct {column} from read_parquet(?) order by 1", [str(path)]).fetchall()
    return [value for (value,) in rows if value is not None]


@pytest.fixture(scope="session")
def db(fixture_dir):
    report = validate(fixture_dir)
    assert report.ok, [str(p) for p in report.problems]
    database = Database(fixture_dir, report.sources)
    yield database
    database.close()


#: A plain value for each non-filter query parameter, for tests that run every query.
EXAMPLE_VALUES = {
    "lang": "en",
    "q": "",
    "limit": 1000,
    "offset": 0,
    "audience": "public",
    "dim": "discipline",
    "a": "Music",
    "b": "__rest__",
    "distinctive_share": 0.5,
    "by": "discipline",
    "min_people": 1,
    "all_themes": False,
    "per_group": 2500,
}


def every_param(query, lang: str = "en") -> dict:
    """Parameters to run any named query unfiltered: lists for filters, plain examples otherwise."""
    values = {**EXAMPLE_VALUES, "lang": lang}
    return {name: values.get(name, []) for name in query.params}


def params(lang: str = "en", **selected) -> dict:
    """Every named query's parameters: the filters (empty unless given) and the language."""
    return {**Filters.of(**selected).params(), "lang": lang, "audience": "public"}


@pytest.fixture(scope="session")
def pattern_cache(tmp_path_factory):
    """One pattern cache folder for the whole run (findings/prebuilt.py), never the user's own."""
    return tmp_path_factory.mktemp("pattern-cache")


@pytest.fixture(autouse=True)
def _patterns_kept_in_the_run_s_own_cache(monkeypatch, pattern_cache):
    monkeypatch.setenv("FINDINGS_CACHE_DIR", str(pattern_cache))


@pytest.fixture(autouse=True)
def _suppression_off_unless_a_test_turns_it_on(monkeypatch):
    """The page and report tests check hand-counted numbers on a fixture of a few people, where
    the public audience's small-cell suppression (findings/privacy.py) would blank most of them.
    So it is off by default here; tests/test_privacy.py and each page's suppression tests set
    FINDINGS_MIN_CELL themselves."""
    monkeypatch.setenv("FINDINGS_MIN_CELL", "0")


@pytest.fixture
def downloads(monkeypatch):
    """The download buttons' deferred data makers, by file name (called as a click would)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    captured = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        captured[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return captured


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by Playwright, one per test module (tests/browser.py says how)."""
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
