"""Permalinks: every page's whole view comes back from its URL.

For each page, a view with filters, a language and the page's own choices is opened, then the
URL the app wrote is opened again in a fresh session: the two must say and draw the same.
Unknown or malformed values are ignored with a notice, never an error.
"""

from __future__ import annotations

import pytest
from apptest import open_app, opened, texts

VIEWS = {  # choices other than each page's defaults (the URL leaves defaults out)
    "overview": {},
    "themes": {"measure": "excerpts", "theme": "T1", "pairs": "jaccard"},
    "voices": {"by": "role"},
    "sessions": {"measure": "excerpts"},
    "evidence": {"q": "words", "theme": ["T1", "T2"]},
    "compare": {"dim": "role", "a": "Director", "b": "Musician"},
    "rules": {"flow": "excerpts"},
    "archive": {"unit": "files"},
    "present": {"slide": "3"},
    "data": {},
}


def view(at) -> tuple:
    """What a reader gets: the words and every chart as sent."""
    charts = tuple(element.proto.spec for element in at.get("plotly_chart"))
    return texts(at), charts


@pytest.mark.parametrize("page", list(VIEWS))
def test_the_url_reproduces_the_view(monkeypatch, fixture_dir, page):
    query = {"discipline": ["Music", "Film & TV"], "lang": "fr", **VIEWS[page]}
    first = open_app(monkeypatch, fixture_dir, f"views/{page}.py", **query)
    assert not first.exception and not first.error
    link = {key: first.query_params[key] for key in first.query_params}
    for key, value in VIEWS[page].items():  # the page kept its own choices in the URL
        assert link.get(key) == value, (page, key, link.get(key))
    again = open_app(monkeypatch, fixture_dir, f"views/{page}.py", **link)
    assert not again.exception and not again.error
    assert view(again) == view(first)
    assert {key: again.query_params[key] for key in again.query_params} == link


@pytest.mark.parametrize("page", list(VIEWS))
def test_malformed_values_are_ignored_with_a_notice(monkeypatch, fixture_dir, page):
    query = {
        "discipline": ["Music", "Nobody's discipline"],
        "lang": "xx",
        **{key: "%%bogus" for key in VIEWS[page]},
    }
    at = open_app(monkeypatch, fixture_dir, f"views/{page}.py", **query)
    assert not at.exception and not at.error
    assert "Nobody's discipline" in texts(at)  # named in the ignored-values notice


@pytest.mark.parametrize(
    ("page", "query", "k"),
    [
        ("evidence", {"q": "no such words anywhere"}, "0"),  # nothing matches: the page ends early
        ("themes", {}, "1000"),  # too few people for a public view: the page ends early
        ("voices", {}, "1000"),
    ],
)
def test_a_page_that_ends_early_still_offers_its_link(monkeypatch, fixture_dir, page, query, k):
    monkeypatch.setenv("FINDINGS_MIN_CELL", k)
    at = open_app(monkeypatch, fixture_dir, f"views/{page}.py", **query)
    assert not at.exception and not at.error
    assert at.info  # the page said why it ends there
    links = [c.value for c in opened(at).sidebar.code]
    assert links and all(f"{key}=" in links[0] for key in query)
