"""The Compare page's chart builders: traces, values, colours and labels."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from findings import charts, stats
from findings.i18n import NNBSP

MUSIC, REST = "#CC79A7", charts.COMPARE_REST_COLOUR


def comparison() -> pd.DataFrame:
    """The fixture's Music (n = 3) vs everyone else (n = 5), as the query returns it."""
    return stats.with_intervals(
        pd.DataFrame(
            {
                "theme_id": ["T3", "T1", "T2", "T4"],
                "theme_label": ["Roles", "Friction", "Simulation", "Design <b>&</b>"],
                "a_reached": [2, 2, 1, 0],
                "a_participants": [3, 3, 3, 3],
                "a_share": [2 / 3, 2 / 3, 1 / 3, 0.0],
                "b_reached": [0, 2, 1, 2],
                "b_participants": [5, 5, 5, 5],
                "b_share": [0.0, 0.4, 0.2, 0.4],
                "difference": [2 / 3, 2 / 3 - 0.4, 1 / 3 - 0.2, -0.4],
            }
        )
    )


def dumbbell(frame=None, lang="en") -> go.Figure:
    return charts.compare_groups(
        comparison() if frame is None else frame,
        lang,
        a_label="Music",
        b_label="Everyone else",
        a_colour=MUSIC,
        b_colour=REST,
    )


def test_dumbbell_shows_each_group_with_its_interval():
    figure = dumbbell()
    a, b, bars, written = figure.data
    assert (a.type, b.type, bars.type, written.mode) == ("scatter", "scatter", "bar", "text")
    assert a.name == "A: Music (n = 3)" and b.name == "B: Everyone else (n = 5)"  # sizes in the legend
    assert list(a.x) == pytest.approx([2 / 3, 2 / 3, 1 / 3, 0])
    assert list(b.x) == pytest.approx([0, 0.4, 0.2, 0.4])
    # whiskers reach the Wilson bounds: 2 of 3 -> [0.2077, 0.9385]; 0 of 5 -> [0, 0.4345]
    assert a.error_x.array[0] == pytest.approx(0.9385 - 2 / 3, abs=1e-4)
    assert a.error_x.arrayminus[0] == pytest.approx(2 / 3 - 0.2077, abs=1e-4)
    assert b.error_x.arrayminus[0] == pytest.approx(0.0) and b.error_x.array[0] == pytest.approx(
        0.4345, abs=1e-4
    )
    assert a.marker.color == MUSIC and b.marker.color == REST and a.marker.symbol != b.marker.symbol
    # A sits just above B on each theme's row, rows in the given (sorted) order
    assert list(a.y) == pytest.approx([-0.16, 0.84, 1.84, 2.84]) and list(b.y) == pytest.approx(
        [0.16, 1.16, 2.16, 3.16]
    )


def test_dumbbell_difference_bars_in_points():
    bars = dumbbell().data[2]
    assert list(bars.x) == pytest.approx([200 / 3, 80 / 3, 40 / 3, -40])
    assert list(bars.text) == ["+67", "+27", "+13", "\u221240"]
    assert list(bars.marker.color) == [MUSIC, MUSIC, MUSIC, REST]  # the side that voiced it more
    # 2 of 3 against 0 of 5: p = 0.035 alone, 0.14 once Holm adjusts for 4 themes: faded
    assert list(bars.marker.opacity) == [0.35] * 4  # no gap is beyond chance once adjusted
    assert "may be chance once adjusted for 4 comparisons" in bars.hovertext[0]
    # its 95% Newcombe interval, +3 to +94 points, excludes 0: only the adjustment says "chance"
    assert "+3 to +94 points" in bars.hovertext[0]
    # each difference is written just past its interval's end, on its side, never across the whisker
    written = dumbbell().data[3]
    assert list(written.text) == ["+67", "+27", "+13", "\u221240"] and bars.textposition == "none"
    assert written.x[0] == pytest.approx(93.85, abs=0.01) and written.textposition[0] == "middle right"
    assert written.textposition[3] == "middle left" and written.x[3] < -40
    assert bars.error_x.array[0] == pytest.approx(93.85 - 200 / 3, abs=0.01)
    assert bars.error_x.arrayminus[0] == pytest.approx(200 / 3 - 3.46, abs=0.01)


def test_dumbbell_bars_stay_solid_where_the_gap_is_beyond_chance():
    reached = [60, 2, 2, 0]  # of 60, against 0, 2, 1, 2 of 5
    frame = stats.with_intervals(
        comparison().assign(a_reached=reached, a_participants=60, a_share=[k / 60 for k in reached])
    )
    # 2 of 60 against 1 of 5: pooled 3/65, z = -0.1667 / 0.0977 = -1.707, p = 0.088 (the smallest
    # p-value of the others, 0.001, times 4 is still below 0.05): the only gap that may be chance
    figure = dumbbell(frame)
    assert list(figure.data[2].marker.opacity) == [1.0, 1.0, 0.35, 1.0]
    assert "beyond chance after adjusting for 4 comparisons" in figure.data[2].hovertext[0]


def test_dumbbell_layout_labels_and_escaping():
    figure = dumbbell()
    assert list(figure.layout.yaxis.ticktext) == [
        "Roles",
        "Friction",
        "Simulation",
        "Design &lt;b&gt;&amp;&lt;/b&gt;",
    ]
    assert figure.layout.yaxis.range == (3.5, -0.5)  # first row on top
    assert "participants who voiced it" in figure.layout.xaxis.title.text
    assert "percentage points" in figure.layout.xaxis2.title.text
    assert figure.layout.height == 170 + 66 * 4
    assert list(figure.layout.xaxis.ticktext) == ["0%", "25%", "50%", "75%", "100%"]


def test_dumbbell_in_french():
    figure = dumbbell(lang="fr")
    assert figure.data[0].name == "A : Music (n = 3)"
    assert figure.layout.xaxis.ticktext[2] == f"50{NNBSP}%"
    assert "points de pourcentage" in figure.layout.xaxis2.title.text
    assert "intervalle à 95" in figure.data[0].hovertext[0]


def spread_frame() -> pd.DataFrame:
    """The fixture under session=S1 (see test_compare_queries.py)."""
    return pd.DataFrame(
        {
            "theme_id": ["T1", "T2", "T3", "T4"],
            "theme_label": ["Friction", "Simulation", "Roles", "Design"],
            "participants_reached": [2, 1, 1, 0],
            "disciplines_voiced": [2, 1, 1, 0],
            "disciplines": [2, 2, 2, 2],
            "top_discipline": ["Film & TV", "Music", "Music", None],
            "top_discipline_label": ["Film & TV", "Music", "Music", None],
            "top_reached": [1, 1, 1, 0],
            "top_tied": [2, 1, 1, 0],
            "top_share": [0.5, 1.0, 1.0, None],
            "top_baseline": [1 / 3, 2 / 3, 2 / 3, None],
            "spread": ["shared", "distinctive", "distinctive", "unvoiced"],
        }
    )


COLOURS = {"Film & TV": "#E69F00", "Music": MUSIC}


def test_spread_orders_classes_and_names_the_top_discipline():
    figure = charts.discipline_spread(spread_frame(), "en", COLOURS, 0.5)
    bars, ticks = figure.data
    # distinctive first, then shared, then unvoiced
    labels = list(figure.layout.yaxis.ticktext)
    assert [label.split("<br>")[0] for label in labels] == ["Simulation", "Roles", "Friction", "Design"]
    assert "distinctive · 1 of 2 disciplines" in labels[0] and "shared · 2 of 2 disciplines" in labels[2]
    assert "not voiced · 0 of 2 disciplines" in labels[3]
    assert list(bars.x) == pytest.approx([1.0, 1.0, 0.5, 0.0])
    assert list(bars.marker.color) == [MUSIC, MUSIC, "#E69F00", REST]
    # data text is made inert for Plotly's little HTML (it shows "Film & TV")
    assert list(bars.text) == ["Music 100%", "Music 100%", "Film &amp; TV and 1 more, 50% each", ""]
    assert list(ticks.x)[:3] == pytest.approx([2 / 3, 2 / 3, 1 / 3])  # each top discipline's size
    assert ticks.name == "Top discipline's share of all filtered participants"


def test_spread_marks_the_threshold():
    figure = charts.discipline_spread(spread_frame(), "fr", COLOURS, 0.6)
    (line,) = figure.layout.shapes
    assert line.x0 == line.x1 == 0.6 and line.line.dash == "dash"
    assert list(figure.layout.xaxis.tickvals) == [0, 0.6, 1]
    assert figure.layout.xaxis.ticktext[1] == f"60{NNBSP}%<br>(distinctif au-delà)"
    assert "commun · 2 disciplines sur 2" in figure.layout.yaxis.ticktext[2]
