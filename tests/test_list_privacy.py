"""Lists never reveal a protected count (issue 11, point 2), tried as an adversary would.

A list is a count: its length, its paging and its download tell how many rows it holds. So for
the public audience a list of excerpts holds quotable passages only (a withheld one counts but is
no row), and holds anything only when how many it holds may be shown; a withheld count rests on
k people like any other count; no public quote carries its speaker's pseudonymous id. The
research audience keeps every row and the id.
"""

from __future__ import annotations

import io
import json
import re
import shutil

import pandas as pd
import pytest
from apptest import BUNDLED, open_app, quote_cards, texts
from conftest import bundled_values

from findings import privacy, site
from findings.app.context import PageContext
from findings.filters import Filters

K = 3
NOT_COUNTED = "so in this public view they are neither counted nor listed"
NOT_LISTED = "no excerpt is listed or offered for download"
PARTICIPANT_ID = re.compile(r"\bP\d{3}\b")  # the sample's pseudonymous ids: P001 ...


def context(sample, audience: str = "public", **selected) -> PageContext:
    database, report = sample
    return PageContext(database, report, Filters.of(**selected), "en", {}, audience, K)


def evidence(monkeypatch, k: int = K, research: bool = False, **query):
    monkeypatch.setenv("FINDINGS_MIN_CELL", str(k))
    if research:
        monkeypatch.setenv("FINDINGS_AUDIENCE", "research")
    at = open_app(monkeypatch, BUNDLED, "views/evidence.py", **query)
    assert not at.exception and not at.error
    return at


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), keep_default_na=False, dtype=str)


# --- the scanner: every session x discipline and session x role cell of the sample ------------


def cells(sample) -> list[dict]:
    database, _report = sample
    options = database.run("participant_list", {**Filters.of().params(), "lang": "en"})
    sessions = sorted(options.session_id.unique())
    return [
        {"session": [session], dim: [value]}
        for dim in ("discipline", "role")
        for session in sessions
        for value in sorted(options[dim].unique())
    ]


def test_no_public_list_holds_a_count_resting_on_fewer_than_k_people(sample):
    database, _report = sample
    attacked = 0
    for selected in cells(sample):
        ctx = context(sample, **selected)
        query = {**ctx.filters.params(), "lang": "en", "theme": [], "q": "", "audience": "public"}
        raw = database.run("excerpt_summary", query).iloc[0]
        exported = ctx.run("excerpts_export", theme=[], q="")
        first = ctx.run("excerpts", theme=[], q="", limit=site.EVIDENCE_PAGE_SIZE, offset=0)
        shown = ctx.run("excerpt_summary", theme=[], q="").iloc[0]
        for frame in (exported, first):
            assert "participant_id" not in frame.columns, selected
            assert not frame.withheld.any(), selected  # a withheld passage is never a public row
        small = raw.participants < K or (raw.quotable and raw.quotable_participants < K)
        small = small or (raw.withheld and raw.withheld_participants < K)
        attacked += bool(small and raw.quotable)
        if small:
            assert exported.empty and first.empty, f"{selected}: a list of a protected count"
            assert privacy.blanked(shown.listed)
        else:
            assert len(exported) == raw.quotable == shown.listed, selected
            assert len(first) == min(site.EVIDENCE_PAGE_SIZE, raw.quotable)
    assert attacked >= 10  # the sample holds the attack: small cells with quotable words


def test_a_rule_quote_list_never_reveals_a_size_below_k(sample):
    for selected in [{}, {"discipline": ["Research"]}, {"role": ["Composer"]}, {"session": ["S1"]}]:
        ctx = context(sample, **selected)
        for rule in ctx.run("rule_evidence").itertuples(index=False):
            quotes = ctx.run(
                "excerpts", theme=list(rule.theme_ids), q="", limit=site.EXCERPTS_PER_RULE, offset=0
            )
            if privacy.blanked(rule.excerpts):
                assert quotes.empty, (selected, rule.rule_id)
            assert quotes.empty or len(quotes) >= min(K, site.EXCERPTS_PER_RULE), (selected, rule.rule_id)
            assert "participant_id" not in quotes.columns and not quotes.withheld.any()


def test_research_lists_every_passage_with_its_speaker(sample):
    ctx = context(sample, "research", session=["S3"], discipline=["Research"])
    exported = ctx.run("excerpts_export", theme=[], q="")
    assert len(exported) == 30 and exported.withheld.all() and exported.excerpt.isna().all()
    assert exported.participant_id.nunique() == 1


# --- the Evidence page ---------------------------------------------------------------------------


def test_a_suppressed_count_lists_nothing_pages_nothing_and_offers_no_download(monkeypatch, sample):
    # one Film & TV participant in S1 with 11 quotable excerpts: once paged "Excerpts 1-11"
    for query in ({}, {"page": "2"}, {"theme": "friction-matters"}):
        at = evidence(monkeypatch, session="S1", discipline="Film & TV", **query)
        said = texts(at)
        assert said.count(NOT_COUNTED) == 1
        assert "Excerpts 1" not in said and "excerpts match" not in said and "Page" not in said
        assert not at.get("download_button") and not at.number_input and not at.text
    quotes = context(sample, "research", session=["S1"], discipline=["Film & TV"]).run(
        "excerpts_export", theme=[], q=""
    )
    assert len(quotes) == 11  # what research sees there, and the public does not


def test_withheld_passages_are_never_rows(monkeypatch):
    # S3's one Research participant refused quotation: 30 "Quote withheld" rows once
    at = evidence(monkeypatch, k=0, session="S3", discipline="Research")
    said = texts(at)
    assert "30 excerpts match; 30 are withheld for consent" in said
    assert "None of these excerpts may be quoted to this audience, so none is listed." in said
    assert "Quote withheld" not in said and not at.get("download_button")
    at = evidence(monkeypatch, k=0, research=True, session="S3", discipline="Research")
    assert [t.value for t in at.text].count("Quote withheld (consent)") == 25  # research: a page of 30


def test_a_withheld_count_resting_on_one_person_is_suppressed_with_the_list(monkeypatch):
    # /evidence?role=Composer once said "5 are withheld for consent": one person's
    at = evidence(monkeypatch, role="Composer")
    said = texts(at)
    assert "111 excerpts match" in said and "withheld for consent;" not in said
    assert "are withheld for consent" not in said and "is withheld for consent" not in said
    assert said.count(NOT_LISTED) == 1 and not at.get("download_button") and not at.text
    at = evidence(monkeypatch, research=True, role="Composer")
    assert "111 excerpts match; 5 are withheld for consent" in texts(at)


def test_public_pages_and_downloads_name_no_participant(monkeypatch, downloads):  # noqa: F811
    at = evidence(monkeypatch)
    assert "Excerpts 1–25 of 1,112" in texts(at)
    spoken = [str(e.value) for e in (*at.caption, *at.markdown)]
    assert not PARTICIPANT_ID.search(" ".join(spoken))
    exported = read_csv(downloads["excerpts.csv"]())
    assert len(exported) == 1112 and "participant_id" not in exported.columns
    assert not exported.withheld.eq("True").any()
    assert not PARTICIPANT_ID.search(downloads["excerpts.csv"]().decode("utf-8"))


def test_research_keeps_the_id_and_the_withheld_rows(monkeypatch, downloads):  # noqa: F811
    at = evidence(monkeypatch, research=True)
    assert PARTICIPANT_ID.search(" ".join(str(e.value) for e in at.caption))
    exported = read_csv(downloads["excerpts.csv"]())
    assert len(exported) == 1500 and exported.withheld.eq("True").any()  # consent none: no text
    spoken = exported.participant_id.ne("")  # group-level passages have no speaker
    assert spoken.any() and exported.participant_id[spoken].str.fullmatch(r"P\d{3}").all()


# --- Rules, Themes and Present -------------------------------------------------------------------


def test_a_suppressed_rule_offers_no_quotes(monkeypatch, sample):
    rules = context(sample, discipline=["Research"], stance=["opportunity"]).run("rule_evidence")
    hidden = rules.excerpts.map(privacy.blanked)
    offered = rules[~hidden & rules.excerpts.fillna(0).gt(0) & rules.theme_ids.map(len).gt(0)]
    assert hidden.any() and len(offered)
    monkeypatch.setenv("FINDINGS_MIN_CELL", str(K))
    at = open_app(monkeypatch, BUNDLED, "views/rules.py", discipline="Research", stance="opportunity")
    assert not at.exception and not at.error
    assert len(at.toggle) == len(offered)
    assert not [t for t in at.toggle if t.label == "Read some of its excerpts"]


def test_the_themes_panel_holds_its_list_when_a_part_is_small(monkeypatch, sample):
    ctx = context(sample, role=["Composer"])
    prevalence = ctx.run("theme_prevalence")
    held = None
    for theme in prevalence[~prevalence.suppressed].theme_id:
        summary = ctx.run("excerpt_summary", theme=[theme], q="").iloc[0]
        if not privacy.blanked(summary.excerpts) and privacy.blanked(summary.listed):
            held = theme
            break
    assert held is not None
    monkeypatch.setenv("FINDINGS_MIN_CELL", str(K))
    at = open_app(monkeypatch, BUNDLED, "views/themes.py", role="Composer", theme=held)
    assert not at.exception and not at.error
    assert texts(at).count(NOT_LISTED) == 1
    assert not quote_cards(at)


def test_a_suppressed_rule_slide_quotes_nobody(monkeypatch, sample, tmp_path):
    discipline, rules = next(
        (d, rules)
        for d in bundled_values("discipline")
        for rules in [context(sample, discipline=[d]).run("rule_evidence")]
        if rules.suppressed.any()
    )
    position = int(rules.suppressed.to_numpy().nonzero()[0][0])
    monkeypatch.setenv("FINDINGS_MIN_CELL", str(K))
    # the sidebar's filters never reach the slides: the rule slide carries the filter in the story
    folder = shutil.copytree(BUNDLED, tmp_path / "with-story")
    rule = int(rules.number.iloc[position])
    story = {"slides": [{"type": "rule", "rule": rule, "filters": {"discipline": [discipline]}}]}
    (folder / "story.json").write_text(json.dumps(story), encoding="utf-8")
    at = open_app(monkeypatch, folder, "views/present.py")
    assert not at.exception
    assert not [t for t in at.text if t.value.startswith("“")]


# --- a heatmap cell's excerpts, opened by a click or a link -------------------------------------


def test_a_cell_opened_by_a_link_lists_no_more_than_evidence_would(monkeypatch, sample):
    """The attack: a crafted `cell=` link on a discipline x theme cell whose list the public view
    holds back (its quotable or withheld part rests on fewer than k people). The cell panel must
    list nothing and count nothing Evidence, under the same filters, would not."""
    database, _report = sample
    themes = database.run("theme_options", {**Filters.of().params(), "lang": "en", "min_people": K})
    held = None
    for discipline in sorted(bundled_values("discipline")):
        for theme in themes.theme_id:
            ctx = context(sample, discipline=[discipline])
            summary = ctx.run("excerpt_summary", theme=[theme], q="").iloc[0]
            if privacy.blanked(summary.listed) or privacy.blanked(summary.excerpts):
                held = (discipline, theme, privacy.blanked(summary.excerpts))
                break
        if held:
            break
    assert held is not None, "the sample has no held-back discipline x theme list to try"
    discipline, theme, uncounted = held
    monkeypatch.setenv("FINDINGS_MIN_CELL", str(K))
    at = open_app(monkeypatch, BUNDLED, "views/themes.py", cell=["discipline", discipline, theme])
    assert not at.exception
    assert not quote_cards(at)  # no list, so no length
    assert "Showing" not in texts(at)  # ... and no count line
    assert "The excerpts behind" in texts(at)  # the panel is open ...
    assert (NOT_COUNTED if uncounted else NOT_LISTED) in texts(at)  # ... and says why it lists nothing


def test_a_pair_opened_by_a_link_lists_no_more_than_the_grid_shows(monkeypatch, sample):
    """The attack: a crafted `pair=` link on two themes whose shared count the public grid suppresses
    (under a filter that leaves few people), or whose list it holds back. The pair panel must list
    and count nothing the grid and Evidence would not."""
    tried = 0
    for role in sorted(bundled_values("role")):
        ctx = context(sample, role=[role])
        grid = ctx.run("theme_cooccurrence")
        pairs = grid[grid.theme_a < grid.theme_b]
        for row in pairs.itertuples(index=False):
            summary = ctx.run(
                "excerpt_summary", theme=[row.theme_a, row.theme_b], all_themes=True, q=""
            ).iloc[0]
            suppressed = privacy.blanked(row.shared_excerpts)
            held = privacy.blanked(summary.listed) or privacy.blanked(summary.excerpts)
            if not (suppressed or held) or (suppressed and row.shared_excerpts is None):
                continue
            monkeypatch.setenv("FINDINGS_MIN_CELL", str(K))
            at = open_app(monkeypatch, BUNDLED, "views/themes.py", role=role, pair=[row.theme_a, row.theme_b])
            assert not at.exception
            assert not quote_cards(at) and "Showing" not in texts(at)  # no list, no count line
            if suppressed:  # the grid shows no count: the link opens nothing
                assert "The excerpts where" not in texts(at)
            elif "The excerpts where" in texts(at):  # (a grid too hidden to draw opens nothing)
                assert NOT_COUNTED in texts(at) or NOT_LISTED in texts(at)  # and says why it lists nothing
            tried += 1
            if tried >= 6:
                return
    assert tried, "the sample has no suppressed or held-back pair to try"


# --- the research pages: a word list, intercoder agreement ------------------------------------


def test_a_word_one_or_two_people_used_is_never_drawn(monkeypatch, sample):
    """The attack: a narrow view (one session's Technology people against the rest) where noise
    lifts a word's speakers to k though one person said it; its words would rebuild their sentence.
    Every word drawn, in the chart and its picker, was used by k people or more, exactly."""
    from findings import distinctive

    database, _report = sample
    monkeypatch.setenv("FINDINGS_MIN_CELL", str(K))
    query = {"session": "S1", "dim": "discipline", "a": "Technology"}
    at = open_app(monkeypatch, BUNDLED, "views/words.py", **query)
    assert not at.exception
    raw = database.run(
        "group_terms",
        {
            **Filters.of(session=["S1"]).params(),
            "lang": "en",
            "audience": "public",
            "dim": "discipline",
            "a": "Technology",
            "b": "__rest__",
            "stop": sorted(distinctive.STOP_WORDS),
            "per_group": site.WORDS_PER_GROUP,
        },
    )
    exact = dict(zip(raw["term"], raw["speakers"], strict=True))
    from apptest import figures

    drawn = [term for figure in figures(at) for trace in figure.data for term in (trace.y or ())]
    assert drawn, "the view draws some words"
    assert all(exact[term] >= K for term in drawn), [t for t in drawn if exact[t] < K]
    offered = [o for s in at.selectbox if s.key == "page.term" for o in s.options]
    assert all(exact.get(term, K) >= K for term in offered)


@pytest.mark.parametrize(
    "query", [{"session": "S5", "role": "Animator"}, {"discipline": "Animation"}, {"role": "Composer"}]
)
def test_agreement_never_rests_on_fewer_than_k_people(monkeypatch, sample, query):
    """The attack: agreement under filters that leave two people. The page says too few and shows
    nothing, or shows only themes whose passages rest on k people or more, exactly."""
    database, _report = sample
    monkeypatch.setenv("FINDINGS_MIN_CELL", str(K))
    at = open_app(monkeypatch, BUNDLED, "views/agreement.py", **query)
    assert not at.exception
    selected = {dim: [value] for dim, value in query.items()}
    raw = database.run("theme_agreement", {**Filters.of(**selected).params(), "lang": "en"})
    from apptest import figure_specs, numbers

    shown = [spec["data"][0] for spec in figure_specs(at)]
    if not shown:
        return  # too few, said in one sentence
    people = dict(zip(raw["theme_label"], raw["participants"], strict=True))
    bars = shown[0]
    drawn = [
        (label, alpha) for label, alpha in zip(bars["y"], numbers(bars["x"]), strict=True) if alpha == alpha
    ]
    assert all(people[label.replace("<br>", " ")] >= K for label, _alpha in drawn), drawn
    pooled = raw.iloc[-1]
    said = texts(at)
    if pooled.passage_participants < K:
        assert "passages were read by" not in said


def test_a_matrix_row_says_of_each_theme_what_evidence_says_of_it(sample):
    """The attack: two views of one cell. A quote matrix row reads each theme's counts and list at
    once (cell_summaries, cell_quotes); Evidence, one theme at a time (excerpt_summary, excerpts).
    Under every session x discipline and session x role cell, in the public view, they blank and
    perturb alike, and a theme gets a quote only where Evidence would list its passages, from them."""
    from findings import quote_matrix

    themes = sorted(context(sample).run("theme_options")["theme_id"])
    compared = quoted = 0
    for selected in [
        *cells(sample)[::3],
        {"activity": ["Blindfolded deep listening"], "venue": ["Hearst Estate"]},
    ]:
        ctx = context(sample, **selected)
        row = ctx.run("cell_summaries", theme=themes).set_index("theme_id")
        quotes = quote_matrix.group_quotes(ctx, themes)
        pools = ctx.run("cell_quotes", theme=themes, limit=quote_matrix.QUOTE_POOL)  # asked ungated
        for theme in themes:
            alone = ctx.run("excerpt_summary", theme=[theme], q="").iloc[0]
            for column in ("excerpts", "participants", "withheld", "quotable", "listed"):
                both = (row.at[theme, column], alone[column])
                assert privacy.blanked(both[0]) == privacy.blanked(both[1]), (selected, theme, column)
                assert privacy.blanked(both[0]) or both[0] == both[1], (selected, theme, column)
            compared += 1
            if privacy.blanked(alone.listed) or not alone.listed:  # nothing of a list Evidence hides
                assert theme not in set(pools.theme_id), (selected, theme)
            if theme in quotes:
                quoted += 1
                assert not privacy.blanked(alone.listed) and alone.listed, (selected, theme)
                listed = ctx.run("excerpts", theme=[theme], q="", limit=quote_matrix.QUOTE_POOL, offset=0)
                assert quotes[theme].excerpt_id in set(listed.excerpt_id), (selected, theme)
    assert compared > 100 and quoted >= 5
