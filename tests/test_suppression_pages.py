"""Small-cell suppression on the Voices, Sessions, Compare, Rules and Evidence pages (AppTest).

The public audience with FINDINGS_MIN_CELL=3: a count resting on fewer than 3 people (and its
partner) is blanked by findings/privacy.py before a page sees it; these tests check that each
page then draws it as a labelled gap, never as a number (neither in the figure nor in its data
table), keeps hidden rows out of its sentences and rankings, and says so once when the whole view
is too small. Expected cells come from the protected query results themselves (findings.db +
findings.privacy), so the checks follow the data rather than hand-copied numbers.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from apptest import BUNDLED, figures, numbers, open_app, opened, quotes, texts
from conftest import params
from streamlit.testing.v1 import AppTest

from findings import charts, privacy, stats
from findings.db import Database

K = 3
TOO_FEW = "too few to show in a public view"
RESEARCH_ONLY = "shown only in research deployments"
APOLOGY = "could not be shown"


@pytest.fixture(scope="module")
def sample(sample):
    """The bundled sample's database alone (conftest.py opens it)."""
    return sample[0]


def protected(db: Database, name: str, k: int = K, **extra) -> pd.DataFrame:
    selected = {key: value for key, value in extra.items() if key in ("discipline", "session", "stance")}
    others = {key: value for key, value in extra.items() if key not in selected}
    frame = db.run(name, {**params(**selected), **others})
    return privacy.public_view(name, frame, k, db.cell_keys, others).drop(
        columns=privacy.PERTURBED, errors="ignore"
    )


def page(monkeypatch, data_dir, name: str, *, k: int = K, research: bool = False, **query) -> AppTest:
    monkeypatch.setenv("FINDINGS_MIN_CELL", str(k))
    if research:
        monkeypatch.setenv("FINDINGS_AUDIENCE", "research")
    at = open_app(monkeypatch, data_dir, f"views/{name}.py", **query)
    assert not at.exception, [e.value for e in at.exception]
    assert not any(APOLOGY in e.value or "pu s'afficher" in e.value for e in at.error)
    return at


def tables(at: AppTest) -> list[pd.DataFrame]:
    return [frame.value for frame in opened(at).dataframe]


def blank(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


# --- Voices -------------------------------------------------------------------------------


def test_voices_public_lists_nobody_and_leaves_small_cells_undrawn(monkeypatch, fixture_dir, db):
    at = page(monkeypatch, fixture_dir, "voices")
    shown = texts(at)
    assert RESEARCH_ONLY in shown
    assert not any("participant_id" in table.columns for table in tables(at))  # no table, no download
    # the fixture: Technology and Visual arts have one person each, every role fewer than 3; the
    # hidden cells must hold at least 2k = 6 people together, so Film & TV (3) and Music (3) go too
    mix = protected(db, "discipline_roles")
    hidden = set(mix.loc[mix["discipline_participants"].map(blank), "discipline"])
    assert hidden == {"Film & TV", "Music", "Technology", "Visual arts"}
    # every session of the fixture has fewer than k people: the page says so instead of a chart
    # holding nothing but the word (its drawing of a view in part suppressed is checked below)
    frame = protected(db, "session_composition", by="discipline")
    assert frame["session_participants"].map(blank).all()
    assert "Too few people under these filters to show who came to each session" in shown
    (sunburst,) = figures(at)
    (ring,) = sunburst.data
    assert not {f"d/{d}" for d in hidden} & set(ring.ids)
    assert not any(i.startswith("r/") for i in ring.ids)  # every role is suppressed
    assert ring.ids[0] == "all" and ring.values[0] == 8  # the centre holds everyone: the rest is a gap
    assert "Not drawn, as suppressed" in shown and "Film & TV, Music, Technology, Visual arts" in shown
    # the session bars: only counts the protected frame shows are drawn; the rest is a labelled gap
    # (the fixture's sessions with one shown, as a larger view would have)
    frame = frame.assign(session_participants=frame["session_participants"].astype("Int64"))
    frame.loc[frame["session_id"] == frame["session_id"].iloc[0], "session_participants"] = 3
    sessions_figure = charts.session_composition(frame, {}, "Discipline", "en", min_cell=K)
    drawn = {
        (trace.name.replace("&amp;", "&"), y): x
        for trace in sessions_figure.data
        if trace.type == "bar" and trace.name != "suppressed"
        for y, x in zip(trace.y, trace.x, strict=True)
    }
    names = dict(zip(frame["session_id"], frame["session"], strict=True))
    for row in frame.itertuples():
        key = (row.label, names[row.session_id])
        assert (key in drawn) == (not blank(row.participants))
        if not blank(row.participants):
            assert drawn[key] == row.participants
    words = [a.text for a in sessions_figure.layout.annotations]
    totals = dict(zip(frame["session"], frame["session_participants"], strict=False))
    assert words.count("suppressed") == sum(blank(v) for v in totals.values()) > 0


def test_voices_research_lists_everyone_and_suppresses_nothing(monkeypatch, fixture_dir):
    at = page(monkeypatch, fixture_dir, "voices", research=True)
    assert RESEARCH_ONLY not in texts(at)
    assert list(tables(at)[-1]["participant_id"]) == [f"P{i}" for i in range(1, 9)]
    (ring,) = figures(at)[1].data
    assert "d/Technology" in ring.ids and "r/Film & TV/Producer" in ring.ids
    assert "suppressed" not in texts(at)


# --- too few ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["voices", "sessions", "compare", "rules"])
def test_a_view_too_small_says_so_once_and_draws_nothing(monkeypatch, fixture_dir, name):
    at = page(monkeypatch, fixture_dir, name, k=1000)
    assert sum(TOO_FEW in i.value for i in at.info) == 1
    assert not at.get("plotly_chart")
    assert at.title  # the title and the scope caption stay


# --- Sessions -----------------------------------------------------------------------------


def test_sessions_heatmaps_grey_out_suppressed_cells(monkeypatch, sample):
    # S2: half its activity cells suppressed (in S1 most are, and a sentence says so instead)
    at = page(monkeypatch, BUNDLED, "sessions", session="S2")
    activity_figure = figures(at)[0]
    frame = protected(sample, "activity_theme_matrix", session=["S2"])
    assert frame["suppressed"].any() and not frame["suppressed"].all()
    main, grey, targets = activity_figure.data  # the cells, the suppressed layer, the click targets
    assert grey.texttemplate == "%{text}" and "suppressed" in {t for row in grey.text for t in row}
    # a hidden cell has no click target (nothing to open, no hover of its own)
    clickable = set(zip(numbers(targets.y), numbers(targets.x), strict=True))
    # each hidden cell: no colour and no number in the main trace, the word in the grey one
    columns = list(dict.fromkeys(None if pd.isna(a) else a for a in frame["activity"]))
    themes = list(dict.fromkeys(frame["theme_id"]))
    for row in frame.itertuples():
        i, j = themes.index(row.theme_id), columns.index(None if pd.isna(row.activity) else row.activity)
        if blank(row.share_reached):
            assert main.z[i][j] is None and main.text[i][j] == "" and grey.text[i][j] == "suppressed"
            assert (i, j) not in clickable
            assert "fewer than 3 people" in grey.hovertext[i][j]
        else:
            assert main.z[i][j] == pytest.approx(row.share_reached) and grey.text[i][j] == ""
    # the colour scale runs over the shown cells only
    assert main.zmax == pytest.approx(frame["share_reached"].max())
    # the data table keeps the blanks and says which rows are suppressed
    table = tables(at)[0]
    assert table["participants_reached"].isna().sum() == frame["participants_reached"].map(blank).sum()
    assert "suppressed" in table.columns and table["suppressed"].any()
    # the sentence names the largest shown cell of a recorded activity
    recorded = frame[~frame["share_reached"].map(blank) & frame["activity"].notna()]
    top = recorded.sort_values("share_reached", ascending=False, kind="stable").iloc[0]
    assert f"{top.activity_label} surfaced {top.theme_label} for the most participants" in texts(at)
    # the card: suppressed disciplines named apart, alphabetically
    roster = protected(sample, "session_roster", session=["S2"]).iloc[0]
    pairs = zip(roster.discipline_labels, roster.discipline_participants, strict=True)
    hidden = sorted(label for label, n in pairs if blank(n))
    assert hidden and f"suppressed: {', '.join(hidden)}" in texts(at)


def test_sessions_in_french_say_masque(monkeypatch):
    at = page(monkeypatch, BUNDLED, "sessions", session="S2", lang="fr")
    assert "masqués : " in texts(at)
    assert "masqué" in {t for row in figures(at)[0].data[1].text for t in row}


# --- Compare ------------------------------------------------------------------------------


def test_compare_puts_suppressed_themes_last_in_codebook_order(monkeypatch, sample):
    at = page(monkeypatch, BUNDLED, "compare", stance="mixed")  # Animation (8 people) vs everyone else
    reach = protected(
        sample, "compare_theme_reach", stance=["mixed"], dim="discipline", a="Animation", b="__rest__"
    )
    hidden = reach[reach["difference"].map(blank)]
    assert 0 < len(hidden) < len(reach)
    figure = figures(at)[0]
    codebook = list(tables(at)[1]["theme_id"])  # the spread table is in codebook order
    labels = dict(zip(reach["theme_id"], reach["theme_label"], strict=True))
    expected_tail = [labels[t] for t in codebook if t in set(hidden["theme_id"])]
    ticks = list(figure.layout.yaxis.ticktext)
    assert ticks[-len(hidden) :] == expected_tail
    # no marker, no bar for them: the word stands in both panels
    a_markers, _b_markers, bars = figure.data[:3]
    rows = range(len(ticks) - len(hidden), len(ticks))
    assert all(math.isnan(numbers(a_markers.x)[i]) and math.isnan(numbers(bars.x)[i]) for i in rows)
    assert not any(math.isnan(v) for v in numbers(bars.x)[: len(ticks) - len(hidden)])
    words = [t for t in figure.data if t.type == "scatter" and t.mode == "text" and t.name != "difference"]
    assert len(words) == 2 and all(list(w.text) == ["suppressed"] * len(hidden) for w in words)
    # the intervals skip the blank rows and the caption counts them out
    table = tables(at)[0]
    assert table.loc[table["difference"].isna(), ["a_low", "b_high"]].isna().all().all()
    assert f"{len(hidden)} themes are suppressed" in texts(at)
    assert f"for the {len(reach)} themes compared" in texts(at)
    assert "shown themes that differ beyond chance: " in texts(
        at
    ) and f" of {len(reach) - len(hidden)})" in texts(at)


def test_compare_with_a_small_group_suppresses_the_whole_comparison(monkeypatch, fixture_dir):
    at = page(monkeypatch, fixture_dir, "compare", a="Technology")  # one person
    assert "Technology or Everyone else has fewer than 3 participants" in texts(at)
    assert all("difference" not in table.columns for table in tables(at))


def test_compare_research_shows_every_theme(monkeypatch):
    at = page(monkeypatch, BUNDLED, "compare", research=True, stance="mixed")
    table = tables(at)[0]
    assert table["difference"].notna().all() and "themes are suppressed" not in texts(at)


def test_the_spread_chart_labels_suppressed_themes(monkeypatch, sample):
    at = page(monkeypatch, BUNDLED, "compare", session="S1")
    spread = protected(
        sample, "theme_discipline_spread", session=["S1"], distinctive_share=stats.DISTINCTIVE_SHARE
    )
    hidden = spread[spread["spread"].isna()]
    assert len(hidden)
    bars = figures(at)[-1].data[0]
    assert list(bars.text[-len(hidden) :]) == ["suppressed"] * len(hidden)
    assert f"{len(hidden)} themes are suppressed" in texts(at)
    # the sentence's most concentrated theme is a shown one
    assert all(f"most concentrated is {label}" not in texts(at) for label in hidden["theme_label"])


# --- Rules --------------------------------------------------------------------------------


def test_rules_leave_suppressed_links_out_of_the_flow(monkeypatch, sample):
    at = page(monkeypatch, BUNDLED, "rules", session="S1")
    flows = protected(sample, "rule_flows", session=["S1"])
    hidden = flows["participants_reached"].map(blank)
    assert hidden.sum() > 1
    (sankey,) = figures(at)[0].data
    shown = flows[~hidden & (flows["participants_reached"].fillna(0) > 0)]
    assert len(sankey.link.value) == len(shown)
    assert sorted(sankey.link.value) == sorted(shown["participants_reached"].astype(int))
    assert f"{int(hidden.sum())} links rest on fewer than 3 participants" in texts(at)
    table = tables(at)[0]
    assert table["participants_reached"].isna().sum() == hidden.sum() and table["suppressed"].any()


def test_a_suppressed_link_of_the_flow_cannot_be_opened(monkeypatch, sample):
    """The attack: a crafted `link=` on a link the flow leaves out (it rests on fewer than k people).
    It is not offered in the list, and the link opens nothing; a drawn one opens its excerpts."""
    flows = protected(sample, "rule_flows", session=["S1"])
    hidden = flows[flows["participants_reached"].map(blank).astype(bool)]
    drawn = flows[
        ~flows["participants_reached"].map(blank).astype(bool) & (flows["participants_reached"] > 0)
    ]
    assert len(hidden) and len(drawn)
    for row in hidden.head(4).itertuples(index=False):
        at = page(monkeypatch, BUNDLED, "rules", session="S1", link=[row.source, row.target])
        assert "The excerpts behind" not in texts(at) and "link" not in at.query_params
        offered = at.selectbox(key="page.link").options
        assert not [o for o in offered if o.startswith(f"{row.source_label} → {row.target_label}:")]
    row = drawn.iloc[0]
    at = page(monkeypatch, BUNDLED, "rules", session="S1", link=[row.source, row.target])
    assert f"The excerpts behind {row.source_label} → {row.target_label}" in texts(at)


def test_rules_with_suppressed_evidence_say_so(monkeypatch, sample):
    rules = protected(sample, "rule_evidence", discipline=["Research"], stance=["opportunity"])
    hidden = rules["participants_reached"].map(blank)
    assert hidden.any() and not hidden.all()
    at = page(monkeypatch, BUNDLED, "rules", discipline="Research", stance="opportunity")
    shown = texts(at)
    assert shown.count("Its evidence is suppressed under these filters") == hidden.sum()
    widest = rules[~hidden].sort_values("participants_reached", ascending=False, kind="stable").iloc[0]
    assert f"Rule {widest.number}, {widest.title}, has the widest support" in shown


# --- Evidence -----------------------------------------------------------------------------


def test_evidence_suppresses_the_count_and_lists_nothing(monkeypatch, sample):
    summary = protected(sample, "excerpt_summary", theme=[], q="hollow", audience="public").iloc[0]
    assert blank(summary.excerpts) and blank(summary.listed)  # its matches come from fewer than 3 people
    at = page(monkeypatch, BUNDLED, "evidence", q="hollow")
    shown = texts(at)
    assert "so in this public view they are neither counted nor listed" in shown
    assert "excerpts match" not in shown and "Excerpts 1" not in shown
    assert not [t.value for t in at.text if "hollow" in t.value] and not at.get("download_button")


def test_evidence_research_counts(monkeypatch):
    at = page(monkeypatch, BUNDLED, "evidence", research=True, q="hollow")
    assert "2 excerpts match" in texts(at)
    assert len([quote for quote in quotes(at) if "hollow" in quote.lower()]) == 2


def test_evidence_too_small_lists_nothing(monkeypatch, fixture_dir):
    at = page(monkeypatch, fixture_dir, "evidence", k=1000)
    assert "come from fewer than 1000 people" in texts(at)
    assert not at.text and not at.get("download_button")


def test_rules_with_every_link_suppressed_draw_no_flow(monkeypatch, sample):
    # in S1, mixed stance: 17 people spoke, but no theme reached more than 9 of them
    flows = protected(sample, "rule_flows", k=10, session=["S1"], stance=["mixed"])
    assert flows["participants_reached"].map(blank).all()
    at = page(monkeypatch, BUNDLED, "rules", k=10, session="S1", stance="mixed")
    assert "the flow is suppressed in this public view" in texts(at)
    assert not at.get("plotly_chart")
