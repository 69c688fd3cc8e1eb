"""Small-cell suppression for the public audience on the Overview, Themes and Present pages and
in the standalone report: blanks labelled "suppressed", never a hidden number in a chart, a
table or the report's HTML; too small a view says so once; the research audience sees numbers.

Hand-checked on the fixture (see tests/fixture.py): the three musicians are P1, P2 and P5, so
under discipline=Music Friction rests on 2 of them (P1 P5), Simulation on 1, Roles on 2 and
Design on none: with k = 3 every theme's bar is suppressed. Partial suppression is taken from
the bundled sample, with the hidden rows computed here through findings.privacy.protect.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import numpy as np
import pytest
from apptest import BUNDLED, figure_specs, metrics, numbers, open_app, opened, quote_cards, texts
from conftest import bundled_values, params

from findings import i18n, privacy, report
from findings.app import widgets
from findings.app.context import PageContext
from findings.db import Database
from findings.filters import Filters
from findings.validate import validate

APOLOGY = "could not be shown"
FIXTURE_THEMES = ["T1", "T2", "T3", "T4"]


@pytest.fixture(autouse=True)
def _public_k3(monkeypatch):
    monkeypatch.setenv("FINDINGS_MIN_CELL", "3")
    monkeypatch.delenv("FINDINGS_AUDIENCE", raising=False)


#: the bundled sample's disciplines, to find a filter under which some cell is suppressed
DISCIPLINES = [
    "Research",
    "Music",
    "Film & TV",
    "Animation",
    "Visual arts",
    "Technology",
    "Digital storytelling",
]


def protected(database, name, k=3, **selected):
    """The raw result (its counts exact) and what the public sees of it, noise included."""
    raw = database.run(name, params("en", **selected))
    shown = privacy.public_view(name, raw, k, database.cell_keys).drop(
        columns=privacy.PERTURBED, errors="ignore"
    )
    return privacy.without_internal(raw), shown


# --- reading what a page sent ----------------------------------------------------------------


def numbers_or_none(array) -> list:
    return numbers(array, missing=None)


def bars_at(figure: dict, y) -> list:
    """Every bar value drawn on row `y` (all bar traces)."""
    return [
        x
        for trace in figure["data"]
        if trace["type"] == "bar"
        for x, at_y in zip(numbers_or_none(trace["x"]), numbers_or_none(trace["y"]), strict=True)
        if at_y == y
    ]


def marks(figure: dict) -> dict:
    """The "suppressed" label trace of a bar chart (the text scatter)."""
    (trace,) = [
        trace for trace in figure["data"] if trace["type"] == "scatter" and trace.get("mode") == "text"
    ]
    return trace


def errors(at) -> list[str]:
    return [e.value for e in at.exception] + [e.value for e in at.error if APOLOGY in e.value]


# --- Themes ----------------------------------------------------------------------------------


def test_themes_hand_checked_every_bar_suppressed(monkeypatch, fixture_dir):
    at = open_app(monkeypatch, fixture_dir, "views/themes.py", discipline="Music")
    assert not errors(at)
    shown = texts(at)
    assert "3 of 8 participants" in shown  # the headline stays
    assert "was voiced by" not in shown  # no sentence about a theme whose count is hidden
    # the prevalence chart is drawn with its small bars labelled; who voiced which theme, stance and
    # co-occurrence, all but empty, give way to one sentence each (issue #13: never a grid of "suppressed")
    assert len(figure_specs(at)) == 1
    too_little = [i.value for i in at.info if i.value.startswith("Too few people under these filters")]
    assert len(too_little) == 3
    prevalence = figure_specs(at)[0]
    assert all(bars_at(prevalence, theme) in ([], [None]) for theme in FIXTURE_THEMES)
    gap = marks(prevalence)
    assert numbers_or_none(gap["y"]) == FIXTURE_THEMES and gap["text"] == ["suppressed"] * 4
    assert "customdata" not in gap  # a click on a suppressed label selects nothing
    assert "fewer than 3 people" in gap["hovertext"][0]
    sent = json.dumps(figure_specs(at))
    assert "67%" not in sent and "2 of 3" not in sent  # Friction: 2 of 3 musicians, hidden
    table = opened(at).dataframe[0].value  # the prevalence chart's data table
    assert list(table.theme_id) == FIXTURE_THEMES
    assert table.participants_reached.isna().all() and table.suppressed.all()


def test_themes_partial_suppression_on_the_sample(monkeypatch, sample):
    database, _ = sample
    _raw, prevalence = protected(database, "theme_prevalence", discipline=["Research"])
    # the chart shows reach: a theme hidden only as a partner for code applications keeps its bar
    gone = prevalence.participants_reached.isna()
    hidden = list(prevalence.theme_id[gone])
    shown = prevalence[~gone]
    assert hidden and len(shown) and (prevalence.suppressed & ~gone).any()  # the cases this test is about
    at = open_app(monkeypatch, BUNDLED, "views/themes.py", discipline="Research")
    assert not errors(at)
    figure = figure_specs(at)[0]
    for theme in hidden:
        assert bars_at(figure, theme) in ([], [None])
    assert numbers_or_none(marks(figure)["y"]) == hidden
    for row in shown.itertuples():
        assert bars_at(figure, row.theme_id) == [pytest.approx(row.share_reached)]
    # the sentence names the widest shown theme and says the hidden ones are left out
    leader = shown.sort_values("share_reached", ascending=False).theme_label.iloc[0]
    sentence = next(
        m.value for m in at.markdown if "was voiced by" in m.value or "were each voiced" in m.value
    )
    assert leader in sentence.replace("\\", "") and "left out of this comparison" in sentence
    assert not any(label in sentence.replace("\\", "") for label in prevalence.theme_label[gone])
    # stance: each theme with a hidden segment is labelled at the end of its shown bar, and the
    # caption gives no total that would give a hidden one back
    _raw, stances = protected(database, "theme_stance_split", discipline=["Research"])
    if widgets.mostly_hidden(stances, "code_applications"):  # one sentence instead of the chart
        assert any("to show the stance taken on each theme" in i.value for i in at.info)
        return
    assert set(numbers_or_none(marks(figure_specs(at)[2])["y"])) == set(stances.theme_id[stances.suppressed])
    if stances.with_stance.isna().any():
        assert "No total is given here" in texts(at)


def test_a_suppressed_theme_lists_no_excerpts(monkeypatch, sample):
    database, _ = sample
    _raw, prevalence = protected(database, "theme_prevalence", discipline=["Research"])
    hidden = prevalence.theme_id[prevalence.suppressed].iloc[0]
    at = open_app(monkeypatch, BUNDLED, "views/themes.py", discipline="Research", theme=hidden)
    assert not errors(at)
    assert at.selectbox(key="page.theme").value == hidden
    assert "its excerpts are not listed here" in texts(at)
    assert "Showing" not in texts(at)  # no count line ...
    assert not quote_cards(at)  # ... and no list to count
    # a shown theme lists its quotable excerpts when its quotable and withheld parts each rest on
    # 3 people or more (tests/test_list_privacy.py tries the others)
    listed = [
        theme
        for theme in prevalence.theme_id[~prevalence.suppressed]
        if not privacy.blanked(
            privacy.protect(
                "excerpt_summary",
                database.run(
                    "excerpt_summary", {**params("en", discipline=["Research"]), "theme": [theme], "q": ""}
                ),
                3,
            ).listed.iloc[0]
        )
    ]
    assert listed
    at.selectbox(key="page.theme").set_value(listed[0]).run()
    assert quote_cards(at)


def test_heatmap_stance_and_pairs_mark_their_suppressed_cells(monkeypatch, sample):
    database, _ = sample
    _raw, by_discipline = protected(database, "theme_discipline_reach")
    assert by_discipline.suppressed.any() and not by_discipline.suppressed.all()
    at = open_app(monkeypatch, BUNDLED, "views/themes.py")
    assert not errors(at)
    _prevalence, heatmap, _stance, pairs = figure_specs(at)
    main, layer, targets = heatmap["data"]  # the cells, the suppressed layer, the click targets
    themes, disciplines = numbers_or_none(main["y"]), numbers_or_none(main["x"])
    # a suppressed cell has no click target (nothing to open, no hover that could say its number)
    clickable = set(zip(numbers_or_none(targets["y"]), numbers_or_none(targets["x"]), strict=True))
    hidden = {(row.theme_id, row.discipline) for row in by_discipline.itertuples() if row.suppressed}
    assert clickable and not clickable & hidden
    assert main["hoverinfo"] == "skip" and targets["marker"]["opacity"] == 0
    for row in by_discipline.itertuples():
        i, j = themes.index(row.theme_id), disciplines.index(row.discipline)
        if row.suppressed:
            assert main["z"][i][j] is None and main["text"][i][j] == "" and main["hovertext"][i][j] == ""
            assert layer["text"][i][j] == "suppressed" and "fewer than 3" in layer["hovertext"][i][j]
        else:
            assert main["z"][i][j] == pytest.approx(row.share_reached) and layer["z"][i][j] is None
    assert (main["zmin"], main["zmax"]) == (0, 1)
    # co-occurrence: the suppressed pairs are a grey layer, off the colour scale
    _raw, cooc = protected(database, "theme_cooccurrence")
    hidden_pairs = cooc[cooc.suppressed & ~cooc.same_theme]
    assert len(hidden_pairs)
    _diagonal, counts, grey, cells = pairs["data"]
    order = numbers_or_none(counts["y"])
    opening = {tuple(key) for key in cells["customdata"] if key}
    for row in hidden_pairs.itertuples():
        i, j = order.index(row.theme_a), order.index(row.theme_b)
        assert counts["z"][i][j] is None and grey["text"][i][j] == "suppressed"
        assert (row.theme_a, row.theme_b) not in opening  # a suppressed pair opens no excerpts
    assert opening  # the shown pairs do
    shown_pairs = cooc[~cooc.suppressed & ~cooc.same_theme]
    assert counts["zmax"] == max(1, int(shown_pairs.shared_excerpts.max()))


def test_too_few_people_says_so_once_and_draws_nothing(monkeypatch, fixture_dir):
    monkeypatch.setenv("FINDINGS_MIN_CELL", "1000")
    at = open_app(monkeypatch, fixture_dir, "views/themes.py", lang="fr")
    assert not errors(at)
    assert at.title[0].value == "Thèmes" and at.segmented_control(key="page.measure")
    assert [i.value for i in at.info if "moins de 1000" in i.value] and len(at.info) == 1
    assert not figure_specs(at) and not opened(at).dataframe


def test_research_audience_sees_the_numbers(monkeypatch, fixture_dir):
    monkeypatch.setenv("FINDINGS_AUDIENCE", "research")
    at = open_app(monkeypatch, fixture_dir, "views/themes.py", discipline="Music")
    assert not errors(at)
    assert "Friction and Roles were each voiced by 67% of the filtered participants (2 of 3)" in texts(at)
    assert "suppressed" not in json.dumps(figure_specs(at))


def test_french_labels(monkeypatch, fixture_dir):
    at = open_app(monkeypatch, fixture_dir, "views/themes.py", discipline="Music", lang="fr")
    assert not errors(at)
    assert marks(figure_specs(at)[0])["text"] == ["masqué"] * 4


# --- Overview --------------------------------------------------------------------------------


def test_overview_small_view(monkeypatch, fixture_dir):
    at = open_app(monkeypatch, fixture_dir, discipline="Technology")  # P4 alone
    assert not errors(at)
    numbers = metrics(at)
    assert numbers["Participants"] == "fewer than 3" and numbers["Sessions"] == "suppressed"
    participants = next(m for m in at.metric if m.label == "Participants")
    assert not participants.proto.delta  # no "of 8" beside a blank
    assert [i for i in at.info if "fewer than 3 people" in i.value]
    assert not figure_specs(at)


def test_overview_groups_all_suppressed_on_the_fixture(monkeypatch, fixture_dir):
    # Natures 5 people, Industry 2, Way forward 2: the two small ones are hidden; Natures is their
    # partner for code applications only, so its reach still shows
    at = open_app(monkeypatch, fixture_dir)
    assert not errors(at)
    assert metrics(at)["Participants"] == "8"  # everyone: exact
    (figure,) = figure_specs(at)
    reach = numbers_or_none(figure["data"][0]["x"])
    # Natures' 5 of 8 is shown with its cell key's noise, the same number wherever it appears
    checked = validate(fixture_dir)
    database = Database(fixture_dir, checked.sources)
    try:
        _raw, shown = protected(database, "theme_group_reach")
    finally:
        database.close()
    natures = shown.iloc[0]
    assert reach[0] == pytest.approx(natures.share_reached) and reach[1:] == [None, None]
    assert natures.share_reached == pytest.approx(natures.participants_reached / 8)
    assert marks(figure)["text"] == ["suppressed"] * 2
    pct = i18n.fmt_pct(natures.share_reached, "en")
    reached = natures.participants_reached
    said = f"The theme group Natures was voiced by {pct} of the filtered participants ({reached} of 8)"
    assert f"{said}, the most of any group" in texts(at)
    assert "of the 8 participants the filters keep" in texts(at)  # the headline, not a sum


def test_overview_everything_suppressed_in_french(monkeypatch, fixture_dir):
    monkeypatch.setenv("FINDINGS_MIN_CELL", "1000")
    at = open_app(monkeypatch, fixture_dir, lang="fr")
    assert not errors(at)
    assert metrics(at)["Participants"] == "moins de 1000" and metrics(at)["Extraits codés"] == "masqué"
    assert not any(m.proto.delta for m in at.metric if m.value in ("masqué", "moins de 1000"))


# --- Present ---------------------------------------------------------------------------------


def with_story(source, tmp_path, story: dict):
    """A copy of an export set with this story.json beside it."""
    import json
    import shutil

    folder = shutil.copytree(source, tmp_path / "with-story")
    (folder / "story.json").write_text(json.dumps(story), encoding="utf-8")
    return folder


def test_present_suppressed_rule_and_heatmap(monkeypatch, sample, tmp_path):
    database, _ = sample
    discipline, rules = next(
        (d, rules)
        for d in bundled_values("discipline")
        for _raw, rules in [protected(database, "rule_evidence", discipline=[d])]
        if rules.suppressed.any() and not rules.suppressed.all()
    )
    position = int(np.flatnonzero(rules.suppressed.to_numpy())[0])
    # the sidebar's filters never reach the slides: the rule slide carries the filter in the story
    story = {
        "slides": [
            {
                "type": "rule",
                "rule": int(rules.number.iloc[position]),
                "filters": {"discipline": [discipline]},
            }
        ]
    }
    at = open_app(monkeypatch, with_story(BUNDLED, tmp_path, story), "views/present.py")
    assert not errors(at)
    (metric,) = at.metric
    assert metric.value == "suppressed" and "fewer than 3" in metric.proto.delta
    assert " of 8" not in texts(at) + metric.proto.delta
    at = open_app(monkeypatch, BUNDLED, "views/present.py", slide="4")
    assert not errors(at)
    main, layer = figure_specs(at)[0]["data"]
    assert "suppressed" in {cell for row in layer["text"] for cell in row}
    assert layer["textfont"]["size"] >= 18 and main["textfont"]["size"] >= 18  # projector type


def test_present_too_few_even_for_a_research_server(monkeypatch, fixture_dir):
    monkeypatch.setenv("FINDINGS_AUDIENCE", "research")  # slides stay public
    monkeypatch.setenv("FINDINGS_MIN_CELL", "1000")
    at = open_app(monkeypatch, fixture_dir, "views/present.py", slide="3")
    assert not errors(at)
    assert [i for i in at.info if "fewer than 1000" in i.value] and not figure_specs(at)
    at = open_app(monkeypatch, fixture_dir, "views/present.py", slide="2")
    assert metrics(at)["Participants"] == "fewer than 1000"


# --- the report ------------------------------------------------------------------------------


def report_figures(page: str) -> list[dict]:
    """The figures the report's HTML draws (the data handed to Plotly.newPlot)."""
    decoder, found = json.JSONDecoder(), []
    for match in re.finditer(r"Plotly\.newPlot\(\s*", page):
        _id, end = decoder.raw_decode(page, match.end())
        data, _end = decoder.raw_decode(page, re.compile(r"\s*,\s*").match(page, end).end())
        found.append({"data": data})
    return found


def build(checked, audience="public", k=3, lang="en", **selected) -> str:
    database = Database(BUNDLED, checked.sources)
    try:
        ctx = PageContext(database, checked, Filters.of(**selected), lang, {}, audience, k)
        return report.build(ctx, "filters", dt.date(2026, 1, 2))
    finally:
        database.close()


def test_report_never_carries_a_hidden_value(sample):
    database, checked = sample
    raw, prevalence = protected(database, "theme_prevalence", discipline=["Research"])
    hidden = prevalence.participants_reached.isna()  # what the report's theme chart shows
    page = build(checked, discipline=["Research"])
    _groups, themes = report_figures(page)
    for theme, label, n in zip(
        raw.theme_id[hidden], raw.theme_label[hidden], raw.participants_reached[hidden], strict=True
    ):
        assert bars_at(themes, theme) in ([], [None])
        # no trace says anything about it but "suppressed"
        about = [h for trace in themes["data"] for h in trace.get("hovertext") or [] if label in h]
        assert about and all("suppressed" in h and f"{n} of" not in h for h in about)
    assert "suppressed" in marks(themes)["text"]
    assert "Counts of fewer than 3 people (as protected against comparing views) are suppressed" in page
    research = build(checked, audience="research", discipline=["Research"])
    assert "suppressed" not in json.dumps(report_figures(research))


def test_report_of_too_few_people(sample):
    _database, checked = sample
    page = build(checked, k=1000, lang="fr")
    assert not report_figures(page)
    assert "<b>moins de 1000</b>" in page and "Élargissez les filtres" in page
