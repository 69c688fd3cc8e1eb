"""The Themes page's chart builders: traces, values and labels, on the fixture's query results."""

from __future__ import annotations

import math

import pytest
from conftest import params

from findings import charts
from findings.i18n import NNBSP

GROUP_COLOURS = charts.colour_map(["Natures", "Industry", "Way forward"])


def frame(db, name, lang="en", **selected):
    return db.run(name, params(lang, **selected))


def test_prevalence_bars_grouped_and_coloured_by_theme_group(db):
    figure = charts.theme_prevalence(frame(db, "theme_prevalence"), "participants", GROUP_COLOURS, "en")
    assert [trace.name for trace in figure.data] == ["Natures", "Industry", "Way forward"]
    natures, industry, way = figure.data
    assert list(natures.y) == ["T1", "T2"] and list(natures.x) == pytest.approx([0.5, 0.25])
    assert list(natures.customdata) == ["T1", "T2"]  # a click hands back the theme id
    assert natures.marker.color == GROUP_COLOURS["Natures"] != industry.marker.color
    assert list(natures.text) == ["50%  (4)", "25%  (2)"]
    assert way.marker.color == GROUP_COLOURS["Way forward"]
    assert list(figure.layout.yaxis.categoryarray) == ["T1", "T2", "T3", "T4"]  # codebook order
    assert list(figure.layout.yaxis.ticktext) == ["Friction", "Simulation", "Roles", "Design"]
    # on lines of a few words, so that a phone's narrow plot does not cut it
    assert figure.layout.xaxis.title.text == "Share of filtered participants who<br>voiced it"
    assert len(figure.data) == 3  # nothing selected: no outline
    assert (
        "4 of 8 participants (50%)" in natures.hovertext[0] and "Code applications: 5" in natures.hovertext[0]
    )


@pytest.mark.parametrize(
    ("measure", "values", "title"),
    [("excerpts", [5, 2, 2, 3], "Coded excerpts"), ("codes", [5, 2, 2, 3], "Code applications")],
)
def test_prevalence_counts_in_the_chosen_measure(db, measure, values, title):
    figure = charts.theme_prevalence(
        frame(db, "theme_prevalence"), measure, GROUP_COLOURS, "en", filtered=True
    )
    assert [v for trace in figure.data for v in trace.x] == values
    assert figure.layout.xaxis.title.text.replace("<br>", " ") == f"{title} (filters applied)"
    assert [t for trace in figure.data for t in trace.text] == [str(v) for v in values]


def test_prevalence_outlines_the_selected_theme_and_speaks_french(db):
    figure = charts.theme_prevalence(
        frame(db, "theme_prevalence", "fr"), "participants", GROUP_COLOURS, "fr", selected="T3"
    )
    *groups, outline = figure.data
    assert len(groups) == 3 and not outline.showlegend  # the legend keeps the three groups only
    assert list(outline.y) == ["T3"] and list(outline.x) == [0.25] and outline.marker.line.width == 4
    assert list(outline.customdata) == ["T3"]
    assert "<b>Rôles</b>" in figure.layout.yaxis.ticktext
    assert (
        figure.layout.xaxis.title.text.replace("<br>", " ") == "Part des participants filtrés l'ayant exprimé"
    )
    assert figure.data[0].text[0] == f"50{NNBSP}%  (4)"
    assert [trace.name for trace in groups] == ["Natures", "Industrie", "Voie à suivre"]


def test_data_text_is_inert_in_chart_labels(db):
    data = frame(db, "theme_prevalence")
    data.loc[0, "theme_label"] = "<a href='http://example.com'>x</a>"
    figure = charts.theme_prevalence(data, "participants", GROUP_COLOURS, "en")
    assert "<a" not in figure.layout.yaxis.ticktext[0] and "&lt;a" in figure.layout.yaxis.ticktext[0]


def test_discipline_heatmap_cells(db):
    figure = charts.theme_discipline_heatmap(frame(db, "theme_discipline_reach"), "en")
    (heat,) = figure.data
    assert list(heat.x) == ["Film & TV", "Music", "Technology", "Visual arts"]
    assert list(heat.y) == ["T1", "T2", "T3", "T4"]
    assert heat.z[0] == pytest.approx([2 / 3, 2 / 3, 0, 0])
    assert heat.z[1][3] == 1 and heat.text[1][3] == "100%"
    assert "1 of 1 participants (100%)" in heat.hovertext[1][3]  # n of N on hover
    assert (heat.zmin, heat.zmax) == (0, 1)
    assert list(figure.layout.xaxis.ticktext) == ["Film &amp; TV", "Music", "Technology", "Visual arts"]


def test_stance_split_stacks_code_applications_in_stance_colours(db):
    figure = charts.theme_stance_split(frame(db, "theme_stance_split"), "en")
    assert figure.layout.barmode == "stack"
    assert [trace.name for trace in figure.data] == ["Risk", "Mixed", "Opportunity"]
    assert [trace.marker.color for trace in figure.data] == [
        charts.STANCE_COLOURS["risk"],
        charts.STANCE_COLOURS["mixed"],
        charts.STANCE_COLOURS["opportunity"],
    ]
    risk, mixed, opportunity = figure.data
    assert (
        list(risk.x) == [4, 0, 1, 0] and list(mixed.x) == [0, 1, 1, 0] and list(opportunity.x) == [1, 0, 0, 3]
    )
    assert list(risk.text) == ["4", "", "1", ""]  # no label on an empty segment
    assert figure.layout.xaxis.title.text == "Code applications"
    assert "4 of 5 code applications with a stance (80%)" in risk.hovertext[0]


def test_stance_split_keeps_only_filtered_stances(db):
    figure = charts.theme_stance_split(frame(db, "theme_stance_split", "fr", stance=["risk"]), "fr")
    assert [trace.name for trace in figure.data] == ["Risque"]


def test_cooccurrence_counts_with_a_blank_diagonal(db):
    figure = charts.theme_cooccurrence(frame(db, "theme_cooccurrence"), "count", "en")
    diagonal, pairs = figure.data
    assert pairs.z[0] == [None, 1, 1, 0]
    assert [pairs.z[i][i] for i in range(4)] == [None] * 4  # kept out of the colour scale
    assert [diagonal.z[i][i] for i in range(4)] == [0] * 4 and diagonal.z[0][1] is None
    assert "Excerpts carrying this theme: 5" in diagonal.hovertext[0][0]
    assert pairs.zmax == 1 and pairs.text[1][0] == "1"
    assert "Excerpts carrying both: 1" in pairs.hovertext[0][1]


def test_cooccurrence_jaccard(db):
    figure = charts.theme_cooccurrence(frame(db, "theme_cooccurrence", discipline=["Music"]), "jaccard", "fr")
    pairs = figure.data[1]
    assert pairs.z[0][1] == pytest.approx(1 / 3) and pairs.z[0][2] == pytest.approx(1 / 4)
    assert pairs.text[0][1] == "0,33"
    assert pairs.z[3][3] is None  # Design: no excerpt among musicians, and the diagonal anyway
    assert pairs.zmax == pytest.approx(1 / 3)
    assert "1 des 3 extraits" in pairs.hovertext[0][1]
    assert not any(v is not None and math.isnan(v) for row in pairs.z for v in row)


# --- suppressed cells (the public audience's blanks, see findings/privacy.py) ----------------


def blanked(data, rows, columns):
    """`data` as findings.privacy.protect leaves it when `rows` are suppressed: counts NA, shares NaN."""
    data = data.assign(suppressed=False)
    for column in columns:
        data[column] = data[column].astype("Int64" if data[column].dtype.kind == "i" else float)
        data.loc[rows, column] = None
    data.loc[rows, "suppressed"] = True
    return data


def test_prevalence_leaves_a_labelled_gap_for_a_suppressed_theme(db):
    data = blanked(
        frame(db, "theme_prevalence"),
        [0],
        ["participants_reached", "share_reached", "excerpts", "code_applications"],
    )
    for measure in ("participants", "excerpts"):
        figure = charts.theme_prevalence(data, measure, GROUP_COLOURS, "en", selected="T1", min_cell=5)
        natures = figure.data[0]
        assert math.isnan(natures.x[0]) and natures.text[0] == "" and natures.hovertext[0] == ""
        gap = figure.data[-1]  # no outline for a bar that is not drawn
        assert gap.type == "scatter" and list(gap.y) == ["T1"] and list(gap.text) == ["suppressed"]
        assert gap.customdata is None and "fewer than 5 people" in gap.hovertext[0]
    assert figure.layout.xaxis.range == (0, 3 * 1.2)  # scaled on the shown bars (Design: 3)


def test_heatmap_and_pairs_draw_suppressed_cells_grey_and_off_the_scale(db):
    data = blanked(frame(db, "theme_discipline_reach"), [0], ["participants_reached", "share_reached"])
    main, layer = charts.theme_discipline_heatmap(data, "fr").data
    assert main.z[0][0] is None and main.text[0][0] == "" and layer.text[0][0] == "masqué"
    assert layer.z[0][1] is None and main.z[0][1] == pytest.approx(2 / 3) and (main.zmin, main.zmax) == (0, 1)
    pairs = frame(db, "theme_cooccurrence")
    top = pairs.index[(pairs.theme_a == "T1") & (pairs.theme_b == "T2")]
    data = blanked(pairs, top, ["shared_excerpts", "either_excerpts", "jaccard"])
    _diagonal, counts, grey = charts.theme_cooccurrence(data, "jaccard", "en").data
    assert counts.z[0][1] is None and grey.text[0][1] == "suppressed" and grey.text[1][0] == ""
    assert counts.zmax == pytest.approx(1 / 6)  # Friction & Roles: the largest pair still shown


def test_stance_split_labels_hidden_segments_at_the_end_of_the_bar(db):
    data = frame(db, "theme_stance_split")
    opportunity = data.index[(data.theme_id == "T1") & (data.stance == "opportunity")]
    data = blanked(data, opportunity, ["code_applications", "participants", "share"])
    figure = charts.theme_stance_split(data, "en")
    _risk, _mixed, shown_opportunity, gap = figure.data
    assert math.isnan(shown_opportunity.x[0]) and shown_opportunity.text[0] == ""
    assert list(gap.y) == ["T1"] and list(gap.x) == [4] and "Opportunity" in gap.hovertext[0]
    assert figure.layout.xaxis.range[1] > 4  # room for the label


def test_for_projector_grows_fixed_size_cell_labels(db):
    data = blanked(frame(db, "theme_discipline_reach"), [0], ["participants_reached", "share_reached"])
    figure = charts.for_projector(charts.theme_discipline_heatmap(data, "en"), height=400)
    assert figure.layout.font.size == 26 and all(trace.textfont.size >= 22 for trace in figure.data)
    assert figure.layout.height == 400
    # on a 1280x720 screen the deck reports a scale of 2/3: the same slide, drawn smaller
    small = charts.for_projector(charts.theme_discipline_heatmap(data, "en"), height=400, scale=2 / 3)
    assert small.layout.height == 267 and small.layout.font.size == 17
    assert all(trace.textfont.size >= 15 for trace in small.data)
