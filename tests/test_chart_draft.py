"""findings/charts/draft.py: a figure drawn as plain dicts means what Plotly's own calls mean."""

from __future__ import annotations

import json
from importlib import resources

from findings.charts import draft

# --- the draft's own meaning ---------------------------------------------------------------------


def test_magic_underscores_become_nested_dicts_but_plotly_s_own_underscored_names_stay():
    assert draft.bar(marker_color="red", marker_line=dict(width=1), error_x_width=3) == {
        "type": "bar",
        "marker": {"color": "red", "line": {"width": 1}},
        "error_x": {"width": 3},
    }
    layout = draft.Draft().update_layout(
        paper_bgcolor="white", xaxis_title_text="x", xaxis=dict(range=[0, 1])
    )
    assert layout.layout == {"paper_bgcolor": "white", "xaxis": {"title": {"text": "x"}, "range": [0, 1]}}


def test_the_underscored_names_are_every_one_in_plotly_s_validators():
    # Plotly's validators, by dotted path: a property whose own name holds an underscore
    tree = json.loads(resources.files("plotly").joinpath("validators", "_validators.json").read_text("utf-8"))
    assert set(draft.UNDERSCORED) == {
        path.rsplit(".", 1)[-1] for path in tree if "_" in path.rsplit(".", 1)[-1]
    }


def test_an_update_merges_dicts_and_replaces_everything_else():
    made = draft.Draft().update_layout(legend=dict(x=0, font=dict(size=12)), height=100)
    made.update_layout(legend=dict(font=dict(color="red")), height=200, margin=None)
    assert made.layout == {
        "legend": {"x": 0, "font": {"size": 12, "color": "red"}},
        "height": 200,
        "margin": None,
    }
    made.update_layout(annotations=[dict(text="a")])
    made.update_layout(annotations=[dict(x=1), dict(text="b")])  # item by item, as Plotly's update
    assert made.layout["annotations"] == [{"text": "a", "x": 1}, {"text": "b"}]
