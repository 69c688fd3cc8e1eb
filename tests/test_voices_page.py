"""The Voices page under AppTest: the sentence, the URL choice, filters, French, the table."""

from __future__ import annotations

import json

from apptest import BUNDLED, open_app, texts, url
from streamlit.testing.v1 import AppTest

PAGE = "views/voices.py"


def app(monkeypatch, data_dir, *, research: bool = False, **query):
    """The page; the participant table is there only for the research audience (see
    tests/test_suppression_pages.py for the public view without it)."""
    if research:
        monkeypatch.setenv("FINDINGS_AUDIENCE", "research")
    return open_app(monkeypatch, data_dir, PAGE, **query)


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def table(at: AppTest):
    """The participants table: the last table on the page (the charts' data tables come first)."""
    return at.dataframe[-1].value


def test_on_the_fixture(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, research=True)
    assert not at.exception and not at.error
    assert "8 participants in 3 sessions; the largest group is Film & TV (3 people, 38%)." in texts(at)
    assert "Counted: people" in texts(at)
    assert "7 of 8 have at least one" in texts(at)  # P8 never speaks
    session_bars, sunburst = charts(at)
    assert [t["name"] for t in session_bars["data"]] == [
        "Film &amp; TV",
        "Music",
        "Technology",
        "Visual arts",
    ]
    assert sunburst["data"][0]["type"] == "sunburst"
    people = table(at)
    assert list(people.participant_id) == [f"P{i}" for i in range(1, 9)]
    assert list(people.excerpts) == [2, 1, 1, 1, 1, 1, 2, 0]


def test_on_the_bundled_sample(monkeypatch):
    at = app(monkeypatch, BUNDLED, research=True)
    assert not at.exception and not at.error
    assert "91 participants in 5 sessions; the largest group is Film & TV (19 people, 21%)." in texts(at)
    assert len(table(at)) == 91


def test_a_link_reproduces_the_split_by_role(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, by="role", session=["S1", "S3"])
    assert not at.exception
    assert at.segmented_control(key="page.by").value == "role"
    assert url(at, "by") == ["role"] and url(at, "session") == ["S1", "S3"]
    session_bars = charts(at)[0]
    assert [t["name"] for t in session_bars["data"]] == ["Composer", "Director", "Musician", "Producer"]
    assert session_bars["layout"]["legend"]["title"]["text"] == "Role"
    # back to disciplines: the URL drops the default
    at.segmented_control(key="page.by").set_value("discipline").run()
    assert "by" not in at.query_params
    assert [t["name"] for t in charts(at)[0]["data"]] == ["Film &amp; TV", "Music"]


def test_filters_change_the_numbers(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, research=True, discipline="Music")
    assert "3 participants in 2 sessions, all from Music." in texts(at)
    assert list(table(at).participant_id) == ["P1", "P2", "P5"]
    # a code-level filter keeps the people and changes their excerpt counts
    at.pills(key="filter.discipline").set_value([]).run()
    at.pills(key="filter.stance").set_value(["risk"]).run()
    assert "8 participants in 3 sessions" in texts(at)
    assert list(table(at).excerpts) == [1, 1, 1, 0, 1, 0, 1, 0]
    assert "5 of 8 have at least one" in texts(at)


def test_nothing_left_says_so(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, discipline="Music", session="S3")
    assert not at.exception
    assert "Nothing matches these filters" in texts(at)
    assert not at.get("plotly_chart")


def test_french(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, research=True, lang="fr")
    shown = texts(at)
    assert "Les voix : qui a participé" in shown
    assert (
        "8 participants dans 3 sessions ; le groupe le plus nombreux est Cinéma et télévision "
        "(3 personnes, 38\u202f%)."
    ) in shown
    assert "Compté : des personnes" in shown
    assert list(table(at).role)[:2] == ["Musicien·ne", "Compositeur·rice"]
    assert charts(at)[0]["layout"]["xaxis"]["title"]["text"] == "Participants (personnes)"


def test_sessions_all_too_small_to_show_say_so_instead_of_a_chart_of_blanks(monkeypatch):
    monkeypatch.setenv("FINDINGS_MIN_CELL", "3")  # the public's protection, as deployed
    at = app(monkeypatch, BUNDLED, role=["Director"])  # every session's directors fewer than k
    assert not at.exception and not at.error
    assert "Too few people under these filters to show who came to each session" in texts(at)
    assert all(c["data"][0]["type"] == "sunburst" for c in charts(at))  # no chart of blanks
    at = app(monkeypatch, BUNDLED)  # unfiltered: the chart
    assert "to show who came to each session" not in texts(at)
    assert any(c["data"][0]["type"] == "bar" for c in charts(at))
