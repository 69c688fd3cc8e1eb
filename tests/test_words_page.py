"""The Words page: distinctive words between two groups, a word in context, the public view's
protection (no word fewer than k people used), French."""

from __future__ import annotations

import re

import pandas as pd
from apptest import BUNDLED, figures, open_app, texts, url

from findings import distinctive

PAGE = "views/words.py"


def test_distinctive_words_of_a_discipline_against_the_rest(monkeypatch):
    at = open_app(monkeypatch, BUNDLED, PAGE, dim="discipline", a="Music")
    assert not at.exception
    (figure,) = figures(at)
    bars = figure.data[0]
    assert len(bars.y) >= 10
    assert not {term for term in bars.y} & distinctive.STOP_WORDS  # stop words never ranked
    z = list(bars.x)
    assert z == sorted(z, reverse=True) and z[0] > 0 and z[-1] < 0  # A's words first, B's last
    assert "Words that set two groups apart" in texts(at)


def test_a_word_in_context(monkeypatch):
    at = open_app(monkeypatch, BUNDLED, PAGE, dim="discipline", a="Music")
    term = figures(at)[0].data[0].y[0]
    at = open_app(monkeypatch, BUNDLED, PAGE, dim="discipline", a="Music", term=term)
    assert not at.exception and url(at, "term") == [term]
    lines = at.dataframe[-1].value
    assert len(lines) and all(word.lower() == term for word in lines["Word"])
    # each line opens its excerpt: Evidence searched for the line's own words finds it
    link = lines["Excerpt"].iloc[0]
    assert link.startswith("evidence?") and "q=" in link and "discipline" not in link
    assert any("q=" in link.proto.query_string for link in at.get("page_link"))
    from urllib.parse import parse_qs, urlsplit

    (found,) = parse_qs(urlsplit(link).query)["q"]
    evidence = open_app(monkeypatch, BUNDLED, "views/evidence.py", q=found)
    assert re.search(r"\d+ excerpts? match", texts(evidence))  # the line's excerpt is there


def test_no_word_rests_on_fewer_than_k_people(monkeypatch, sample):
    """The attack: a rare word (a name, a place) said by one or two people would quote them. In the
    public view every term drawn was used by at least k people."""
    from conftest import params

    database, _report = sample
    monkeypatch.setenv("FINDINGS_MIN_CELL", "3")
    at = open_app(monkeypatch, BUNDLED, PAGE, dim="session", a="S1")
    assert not at.exception
    drawn = set(figures(at)[0].data[0].y)
    raw = database.run(
        "group_terms",
        {**params(), "dim": "session", "a": "S1", "b": "__rest__", "stop": sorted(distinctive.STOP_WORDS)},
    )
    rare = set(raw.loc[raw["speakers"] < 3, "term"])
    assert rare and not drawn & rare
    assert "fewer than 3 people are left out" in texts(at)


def test_french(monkeypatch):
    at = open_app(monkeypatch, BUNDLED, PAGE, lang="fr", dim="theme", a="friction-matters")
    assert not at.exception
    said = texts(at)
    assert "Les mots qui distinguent deux groupes" in said and "Tous les autres extraits" in said


def test_a_large_group_is_read_from_a_fixed_share_of_its_passages(sample):
    """At most `per_group` passages a group are read, always the same ones (by a hash of their ids)."""
    from conftest import params

    database, _report = sample
    values = {**params(), "audience": "research", "dim": "discipline", "a": "Music", "b": "__rest__"}
    whole = database.run("group_terms", {**values, "per_group": 100_000})
    few = database.run("group_terms", {**values, "per_group": 20})
    again = database.run("group_terms", {**values, "per_group": 20})
    assert few.equals(again)
    assert few["count_a"].sum() < whole["count_a"].sum() and few["count_b"].sum() < whole["count_b"].sum()
    assert set(few["term"]) <= set(whole["term"])
    # the very passages the reference picks: each group's first 20 by a hash of their ids
    from benchmarks import reference
    from findings.distinctive import STOP_WORDS

    tables = reference.load(BUNDLED)
    f = {}
    expected = reference.group_terms(
        tables,
        f,
        reference.kept_participants(tables, f),
        reference.kept_codes(tables, f),
        a="Music",
        stop=STOP_WORDS,
        audience="research",
        per_group=20,
    )
    chosen = database.run("group_terms", {**values, "per_group": 20, "stop": sorted(STOP_WORDS)})
    columns = ["term", "count_a", "count_b", "speakers"]
    pd.testing.assert_frame_equal(chosen[columns], expected[columns], check_dtype=False)
