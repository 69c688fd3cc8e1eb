"""The Themes page under Streamlit's AppTest (no browser): URL state, filters, language."""

from __future__ import annotations

import json

import fixture
from apptest import BUNDLED, figures, numbers, open_app, quote_cards, texts, url
from streamlit.testing.v1 import AppTest

PAGE = "views/themes.py"


def app(monkeypatch, data_dir, **query):
    return open_app(monkeypatch, data_dir, PAGE, **query)


def excerpt_tables(at: AppTest):
    """The excerpt panel's cards, if one is open: a list of (text, caption)."""
    cards = quote_cards(at)
    return [cards] if cards else []


def test_themes_on_the_fixture(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir)
    assert not at.exception
    shown = texts(at)
    assert at.title[0].value == "Themes"
    assert "8 of 8 participants · 10 of 10 excerpts" in shown
    # the computed sentence: Friction reaches 4 of 8; Film & TV and Music tie at 2 of 3
    assert (
        "The theme Friction was voiced by 50% of the filtered participants (4 of 8), the most of any theme; "
        "it is most widespread in Film & TV and Music (67% of participants in each)."
    ) in shown
    assert "as a share of the 8 participants the filters keep" in shown
    assert "11 with a stance under the filters. Left out: code applications without a stance (1)." in shown
    assert len(figures(at)) == 4  # prevalence, discipline heatmap, stance split, co-occurrence
    bars = figures(at)[0]
    assert bars["layout"]["xaxis"]["title"]["text"] == "Share of filtered participants who<br>voiced it"
    # the two heatmaps are wider than a phone: a line (shown on phones only) says they scroll
    assert shown.count("Swipe sideways to see every column.") == 2
    assert "Click a bar" in shown and not excerpt_tables(at)  # nothing selected yet


def test_a_link_with_a_theme_opens_its_excerpts(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, theme="T1")
    assert not at.exception
    assert at.selectbox(key="page.theme").value == "T1"
    assert "Excerpts coded “Friction”" in texts(at)
    (table,) = excerpt_tables(at)
    assert len(table) == 5  # E1 E2 E4 E6 E10
    assert "Showing 5 of 5 excerpts" in texts(at)
    outline = figures(at)[0].data[-1]
    assert list(outline.y) == ["T1"] and outline.marker.line.width == 4  # the selected bar is outlined
    assert url(at, "theme") == ["T1"]


def test_the_selectbox_chooses_and_clears_the_theme(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir)
    at.selectbox(key="page.theme").set_value("T3").run()
    assert not at.exception
    assert url(at, "theme") == ["T3"]
    assert len(excerpt_tables(at)[0]) == 1  # E6 (E3 is withheld: it counts but the public list leaves it out)
    assert "Showing 1 of 2 excerpts (1 of them withheld for consent" in texts(at)
    at.selectbox(key="page.theme").set_value("").run()
    assert "theme" not in at.query_params and not excerpt_tables(at)


def test_measure_in_the_url_switches_axis_caption_and_sentence(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, measure="excerpts")
    assert not at.exception
    assert at.segmented_control(key="page.measure").value == "excerpts"
    bars = figures(at)[0]
    assert bars["layout"]["xaxis"]["title"]["text"] == "Coded excerpts"
    assert [x for trace in bars.data for x in numbers(trace.x)] == [5, 2, 2, 3]
    assert (
        "Of all themes, the theme Friction was coded on the most excerpts (5); it is most widespread in "
        "Film & TV and Music" in texts(at)
    )
    assert "out of 10 excerpts under the filters" in texts(at)
    # no excerpt carries a theme twice here: code applications would be the excerpts, so not offered
    assert "Code applications" not in at.segmented_control(key="page.measure").options


def test_code_applications_are_offered_where_a_passage_carries_a_theme_twice(monkeypatch, tmp_path):
    at = app(monkeypatch, fixture.write(tmp_path, {"theme_codes": fixture.with_a_repeated_code()}))
    assert not at.exception
    assert "Code applications" in at.segmented_control(key="page.measure").options
    at.segmented_control(key="page.measure").set_value("codes").run()
    assert url(at, "measure") == ["codes"]
    assert figures(at)[0]["layout"]["xaxis"]["title"]["text"] == "Code applications"
    assert "Of all themes, the theme Friction was applied most often (code applications: 6)" in texts(at)
    at.segmented_control(key="page.measure").set_value("excerpts").run()
    assert "Of all themes, the theme Friction was coded on the most excerpts (5)" in texts(at)


def test_a_link_asking_for_code_applications_where_they_equal_excerpts(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, measure="codes")
    assert not at.exception
    assert at.segmented_control(key="page.measure").value == "participants"  # the default, not a copy
    assert "measure" not in at.query_params


def test_filters_change_the_numbers(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, discipline="Music")
    assert not at.exception
    shown = texts(at)
    # Friction (P1 P5) and Roles (P2 P5) tie at 2 of 3 musicians; one discipline: no "where" clause
    assert (
        "Friction and Roles were each voiced by 67% of the filtered participants (2 of 3), the most of any "
        "theme." in shown
    )
    assert "Filters: Discipline: Music." in shown
    bars = figures(at)[0]
    assert (
        bars["layout"]["xaxis"]["title"]["text"].replace("<br>", " ")
        == "Share of filtered participants who voiced it (filters applied)"
    )
    heat = figures(at)[1]["data"][0]
    assert list(heat.x) == ["Music"]


def test_cooccurrence_switch_is_bound_to_the_url(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, pairs="jaccard")
    assert not at.exception
    assert at.segmented_control(key="page.pairs").value == "jaccard"
    assert "Jaccard similarity = excerpts carrying both themes" in texts(at)
    pairs = figures(at)[3]["data"][1]
    assert pairs["text"][0][1] == "0.17"  # Friction & Simulation: 1 shared of 6
    at.segmented_control(key="page.pairs").set_value("count").run()
    assert "pairs" not in at.query_params  # the default is left out of the link
    assert figures(at)[3]["data"][1]["text"][0][1] == "1"


def test_french(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, lang="fr", theme="T3")
    assert not at.exception
    shown = texts(at)
    assert at.title[0].value == "Thèmes"
    assert (
        "Le thème Friction a été exprimé par 50\u202f% des participants filtrés (4 sur 8), "
        "plus que tout autre thème "
        "; "
        "c'est en Cinéma et télévision et Musique qu'il est le plus répandu (67\u202f% des participants "
        "dans chacune)."
    ) in shown
    assert "Extraits codés « Rôles »" in shown
    assert "Qui a exprimé quel thème" in shown
    assert figures(at)[2]["data"][0]["name"] == "Risque"


def test_nothing_left_shows_the_empty_state(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, discipline="Music", session="S3")
    assert not at.exception
    assert "Nothing matches these filters" in texts(at)
    assert not figures(at)


def test_unknown_theme_in_the_link_is_ignored(monkeypatch, fixture_dir):
    at = app(monkeypatch, fixture_dir, theme="T9")
    assert not at.exception
    assert at.selectbox(key="page.theme").value == ""
    assert not excerpt_tables(at)


def test_themes_on_the_bundled_sample(monkeypatch):
    at = app(monkeypatch, BUNDLED, measure="excerpts", pairs="jaccard", theme="friction-matters")
    assert not at.exception
    assert "Excerpts coded “Friction matters”" in texts(at)
    assert len(figures(at)) == 4
    assert "91 of 91 participants" in texts(at)


def test_only_group_level_passages_reach_nobody(monkeypatch, tmp_path):
    import fixture
    import pyarrow.compute as pc

    codes = fixture.tables()["theme_codes"]
    group_only = codes.filter(pc.is_null(codes["participant_id"]))  # E7, Design, at S2
    at = app(monkeypatch, fixture.write(tmp_path, {"theme_codes": group_only}))
    assert not at.exception
    shown = texts(at)
    assert "was voiced by" not in shown  # no sentence about a 0% "most voiced" theme
    assert "Nothing matches these filters" in shown  # the heatmap: no discipline reached
    assert "No excerpt carries two of these themes" in shown
    at.segmented_control(key="page.measure").set_value("excerpts").run()
    assert "Of all themes, the theme Design was coded on the most excerpts (1)." in texts(at)


def test_filters_that_leave_too_little_get_one_sentence_not_a_grid_of_suppressed(monkeypatch):
    """Public, k = 3, on the bundled sample: under Music most theme pairs rest on fewer than three
    people, so the co-occurrence matrix gives way to one sentence; unfiltered it is drawn."""
    monkeypatch.setenv("FINDINGS_MIN_CELL", "3")
    said = "Too few people under these filters to show which themes come up together"
    music = open_app(monkeypatch, BUNDLED, PAGE, discipline="Music")
    assert not music.exception and any(said in i.value for i in music.info)
    everyone = open_app(monkeypatch, BUNDLED, PAGE)
    assert not any(said in i.value for i in everyone.info)
    assert not any("Too few people" in i.value for i in everyone.info)


def test_small_counts_get_one_tick_per_whole_number():
    from findings.charts.theme import count_axis

    assert count_axis(1)["dtick"] == 1 and count_axis(8)["dtick"] == 1
    assert "dtick" not in count_axis(40)  # Plotly's own steps for larger counts


def test_the_data_behind_a_chart_reads_in_the_page_language():
    """Column names in words (French in French), shares as percentages, ids with a label beside
    them left out; the CSV keeps the data's own names."""
    import pandas as pd

    from findings.app.widgets import readable_columns

    frame = pd.DataFrame(
        {
            "theme_id": ["T1"],
            "theme_label": ["Friction"],
            "participants_reached": [3],
            "share_reached": [0.375],
            "suppressed": [False],
            "theme_order": [1],
        }
    )
    shown, config = readable_columns(frame, "fr")
    assert shown == ["theme_label", "participants_reached", "share_reached", "suppressed"]
    labels = {c: config[c]["label"] for c in shown}
    assert labels == {
        "theme_label": "Thème",
        "participants_reached": "Participants atteints",
        "share_reached": "Part atteinte",
        "suppressed": "Masqué",
    }
    assert config["share_reached"]["type_config"]["format"] == "percent"


def test_charts_offer_one_tool_and_do_not_move_on_a_drag(monkeypatch, fixture_dir):
    """Eight toolbar buttons per chart were eight keyboard stops, and a drag panned the chart."""
    at = open_app(monkeypatch, fixture_dir, PAGE)
    configs = [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]
    assert configs and all(c.get("modeBarButtons") == [["toImage"]] for c in configs)
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert all(spec["layout"]["template"]["layout"]["dragmode"] is False for spec in specs)


def test_a_theme_by_discipline_cell_opens_its_excerpts(monkeypatch):
    at = app(monkeypatch, BUNDLED, cell=["discipline", "Music", "friction-matters"])
    assert not at.exception
    assert "The excerpts behind Friction matters · Music" in texts(at)
    listed = quote_cards(at)
    assert len(listed) > 0 and all(
        caption.split(":material/person:")[1].split("\u2003")[0].endswith("· Music") for _, caption in listed
    )
    assert all("Friction matters" in caption.split("\u2003")[0] for _, caption in listed)
    link = at.get("page_link")[0].proto
    assert link.page.endswith("evidence") or "evidence" in link.page
    # a cell the page does not draw (an unknown discipline) opens nothing and leaves the URL
    other = app(monkeypatch, BUNDLED, cell=["discipline", "Nobody", "friction-matters"])
    assert "The excerpts behind" not in texts(other) and "cell" not in other.query_params


def test_the_excerpt_panel_puts_words_first_and_withheld_quotes_last(monkeypatch):
    monkeypatch.setenv("FINDINGS_AUDIENCE", "research")
    at = app(monkeypatch, BUNDLED, cell=["discipline", "Research", "resistance-redesign"])
    (listed,) = excerpt_tables(at)
    rank = [
        2 if e == "Quote withheld (consent)" else 1 if e == "(no text recorded)" else 0 for e, _ in listed
    ]
    assert 0 in rank and 2 in rank  # the research audience lists both
    assert rank == sorted(rank)


def test_a_panel_shows_a_few_cards_of_its_words_first(monkeypatch):
    """A theme with hundreds of excerpts opens a few cards, none withheld while readable ones remain,
    and says how many there are in all."""
    from findings import site

    monkeypatch.setenv("FINDINGS_AUDIENCE", "research")
    at = app(monkeypatch, BUNDLED, theme="friction-matters")
    (listed,) = excerpt_tables(at)
    assert len(listed) == site.PANEL_QUOTES
    assert not [text for text, _ in listed if text == "Quote withheld (consent)"]
    assert f"Showing {site.PANEL_QUOTES} of " in texts(at)


def test_a_cooccurrence_cell_opens_the_excerpts_both_themes_share(monkeypatch):
    """A pair's cell (URL `pair`, as a click sets it) opens the excerpts coded with both themes: as
    many as the cell counts, each carrying both, with a link to Evidence that lists exactly them."""
    from urllib.parse import parse_qs

    pair = ["friction-matters", "simulation-experience"]
    at = app(monkeypatch, BUNDLED, pair=pair)
    assert not at.exception
    said = texts(at)
    assert "The excerpts where Friction matters and Simulation ≠ experience come up together" in said
    grid = figures(at)[-1]
    targets = [trace for trace in grid.data if trace.name == "cells"]
    assert len(targets) == 1 and [pair[0], pair[1]] in [list(p) for p in targets[0].customdata if p]
    assert not [p for p in targets[0].customdata if p and p[0] == p[1]]  # the diagonal opens nothing
    (point,) = [
        text
        for text, p in zip(targets[0].hovertext, targets[0].customdata, strict=True)
        if p and list(p) == pair
    ]
    shared = point.rsplit(": ", 1)[1]
    assert f"Showing 10 of {shared} excerpts" in said
    cards = quote_cards(at)
    assert len(cards) == 10
    assert all("Friction matters" in caption and "Simulation ≠ experience" in caption for _, caption in cards)
    (link,) = [link.proto for link in at.get("page_link") if "evidence" in link.proto.page]
    assert parse_qs(link.query_string) == {"theme": pair, "all_themes": ["1"]}
    evidence = open_app(monkeypatch, BUNDLED, "views/evidence.py", theme=pair, all_themes="1")
    assert f"{shared} excerpts match" in texts(evidence)
    at.button(key="themes-pair.close").click().run()
    assert "pair" not in at.query_params and "The excerpts where" not in texts(at)
    for odd in ([pair[0], pair[0]], [pair[0], "no-such-theme"], pair[:1]):
        other = app(monkeypatch, BUNDLED, pair=odd)
        assert "The excerpts where" not in texts(other) and "pair" not in other.query_params


def test_chart_data_tables_name_coded_values_in_the_ui_language():
    """A stance, a kind of recording or a flow's stage reads as the chart says it; the raw group
    name (English only) and a value beside its label are left out of the table."""
    import pandas as pd

    from findings.app.widgets import readable_columns, readable_values

    frame = pd.DataFrame(
        {
            "stance": ["risk", None],
            "kind": ["video", "audio"],
            "stage": ["theme_rule", "discipline_theme"],
            "theme_group": ["The way forward", "The way forward"],
            "value": ["Music", "Film & TV"],
            "label": ["Musique", "Cinéma et télévision"],
        }
    )
    shown = readable_values(frame, "fr")
    assert list(shown["stance"])[:1] == ["Risque"] and list(shown["kind"]) == ["Film", "Audio"]
    assert list(shown["stage"]) == ["Thème → règle", "Discipline → thème"]
    assert list(frame["stance"])[:1] == ["risk"]  # the CSV keeps the codes
    columns, _config = readable_columns(frame, "fr")
    assert "theme_group" not in columns and "value" not in columns and "label" in columns
