"""The builders draw on findings/charts/draft.py's plain dicts and validate the figure once; what
they return must be what Plotly's own object-by-object calls would have built.

The oracle is Plotly itself: each builder is run twice on the same data, once as it is and once
with its Draft and trace helpers swapped for thin stand-ins that make the very same calls through
Plotly's objects (go.Figure().add_trace(go.Bar(...)), update_layout, add_vline, make_subplots...),
which is how the builders drew before. The two figures' JSON must be equal, for every builder, on
the fixture and on the bundled sample with small cells suppressed.
"""

from __future__ import annotations

import importlib
import json
import math
import pkgutil
from importlib import resources

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from conftest import params
from plotly.subplots import make_subplots
from test_chart_theme import DISCIPLINES, EXTRA, GROUPS, figures

from findings import charts, privacy, stats
from findings.charts import draft

OBJECTS = {
    "bar": go.Bar,
    "scatter": go.Scatter,
    "heatmap": go.Heatmap,
    "sankey": go.Sankey,
    "sunburst": go.Sunburst,
    "treemap": go.Treemap,
}


class ObjectDraft:
    """Draft's calls made through Plotly's objects: the figure built step by step."""

    def __init__(self, traces=None):
        self._figure = go.Figure(traces)

    @classmethod
    def columns(cls, widths, spacing):
        made = cls()
        made._figure = make_subplots(
            rows=1,
            cols=len(widths),
            shared_yaxes=True,
            column_widths=list(widths),
            horizontal_spacing=spacing,
        )
        return made

    @property
    def traces(self):
        return self._figure.data

    def add_trace(self, trace, *, col=None):
        self._figure.add_trace(trace, **({} if col is None else {"row": 1, "col": col}))
        return trace

    def update_layout(self, **props):
        self._figure.update_layout(**props)
        return self

    def update_xaxes(self, *, col=None, **props):
        self._figure.update_xaxes(**props, **({} if col is None else {"row": 1, "col": col}))
        return self

    def update_yaxes(self, *, col=None, **props):
        self._figure.update_yaxes(**props, **({} if col is None else {"row": 1, "col": col}))
        return self

    def add_shape(self, **props):
        self._figure.add_shape(**props)

    def add_annotation(self, **props):
        self._figure.add_annotation(**props)

    def add_vline(self, x, *, annotation=None, **props):
        self._figure.add_vline(x=x, annotation=annotation, **props)
        return self

    def figure(self):
        return self._figure


@pytest.fixture
def by_objects(monkeypatch):
    """Within the test, the builders draw through Plotly's objects instead of their Draft."""

    def swap():
        for info in pkgutil.iter_modules([str(next(iter(charts.__path__)))]):
            module = importlib.import_module(f"findings.charts.{info.name}")
            if module is draft:
                continue
            if hasattr(module, "Draft"):
                monkeypatch.setattr(module, "Draft", ObjectDraft)
            for name, kind in OBJECTS.items():
                if getattr(module, name, None) is getattr(draft, name):
                    monkeypatch.setattr(module, name, kind)

    return swap


def drawn(figure: go.Figure) -> dict:
    """A figure's JSON, read back. A property reset with None in an update is an empty object in
    Plotly's JSON when built step by step, and absent when built in one step: both draw the same
    (Plotly's default), so empty objects are left out of the comparison."""

    def prune(value):
        if isinstance(value, dict):
            kept = {key: prune(item) for key, item in value.items()}
            return {key: item for key, item in kept.items() if item != {}}
        if isinstance(value, list):
            return [prune(item) for item in value]
        return value

    return prune(json.loads(pio.to_json(figure)))


def public(database, name, k, **selected):
    """A query's result as the public sees it at threshold k (small cells suppressed)."""
    raw = database.run(name, {**params("en", **selected), **EXTRA})
    return privacy.public_view(name, raw, k, database.cell_keys).drop(
        columns=privacy.PERTURBED, errors="ignore"
    )


def suppressed_figures(database, k: int = 6) -> dict[str, go.Figure]:
    """The builders on the bundled sample with small cells suppressed, in their other modes too."""

    def run(name):
        return public(database, name, k)

    prevalence, media = run("theme_prevalence"), run("archive_by_session")
    selected = prevalence["theme_id"].dropna().iloc[0]
    compared = stats.with_intervals(run("compare_theme_reach"))
    agreement = pd.DataFrame(
        {
            "theme_label": ["Friction", "Roles", "Unused", "Hidden"],
            "alpha": [0.82, -0.1, None, None],
            "kappa": [0.8, None, None, None],
            "percent_agreement": [0.9, 0.4, None, None],
            "passages": [10, 10, 0, 2],
            "suppressed": [False, False, False, True],
        }
    )
    found = {
        "theme_group_reach": charts.theme_group_reach(run("theme_group_reach"), "fr", min_cell=k),
        "theme_group_reach excerpts": charts.theme_group_reach(
            run("theme_group_reach"), "en", min_cell=k, excerpts_total=40
        ),
        "archive_session_bars bytes": charts.archive_session_bars(media, "bytes", "en", missing_label="-"),
        "archive_session_bars files": charts.archive_session_bars(media, "files", "fr", missing_label="-"),
        "theme_discipline_heatmap": charts.theme_discipline_heatmap(
            run("theme_discipline_reach"), "en", min_cell=k, clickable=True
        ),
        "theme_heatmap sessions": charts.theme_heatmap(
            run("session_theme_matrix"), "session_id", "session", "participants", "en", clickable=True
        ),
        "theme_heatmap activities": charts.theme_heatmap(
            run("activity_theme_matrix"),
            "activity",
            "activity_label",
            "codes",
            "fr",
            min_cell=k,
            clickable=True,
        ),
        "theme_cooccurrence jaccard": charts.theme_cooccurrence(
            run("theme_cooccurrence"), "jaccard", "en", min_cell=k, clickable=True
        ),
        "theme_cooccurrence count": charts.theme_cooccurrence(run("theme_cooccurrence"), "count", "fr"),
        "strongest_pairs jaccard": charts.strongest_pairs(
            stats.strongest_pairs(run("theme_cooccurrence"), "jaccard", 5), "jaccard", "en"
        ),
        "theme_stance_split": charts.theme_stance_split(run("theme_stance_split"), "en", min_cell=k),
        "session_composition": charts.session_composition(
            run("session_composition"), DISCIPLINES, "Discipline", "fr", min_cell=k
        ),
        "discipline_role_sunburst": charts.discipline_role_sunburst(
            run("discipline_roles"), DISCIPLINES, "en"
        ),
        "archive_treemap": charts.archive_treemap(media, "fr", missing_label="-"),
        "agreement_bars": charts.agreement_bars(agreement, "fr", reliable=0.8, tentative=0.667, min_cell=k),
        "compare_groups": charts.compare_groups(
            compared,
            "en",
            a_label="Music",
            b_label="Everyone else",
            a_colour=DISCIPLINES["Music"],
            b_colour=charts.COMPARE_REST_COLOUR,
            min_cell=k,
            tests=12,
        ),
        "discipline_spread": charts.discipline_spread(
            run("theme_discipline_spread"), "fr", DISCIPLINES, 0.4, min_cell=k
        ),
        "rule_flow_sankey": charts.rule_flow_sankey(run("rule_flows"), "excerpts", DISCIPLINES, GROUPS, "en"),
    }
    for measure in ("participants", "excerpts", "codes"):
        found[f"theme_prevalence {measure}"] = charts.theme_prevalence(
            prevalence, measure, GROUPS, "en", selected=selected, filtered=True, min_cell=k
        )
    found["for_projector"] = charts.for_projector(
        charts.theme_discipline_heatmap(run("theme_discipline_reach"), "en", min_cell=k), 560, 1600, 0.75
    )
    return found


def test_every_builder_draws_what_plotly_s_own_calls_draw_on_the_fixture(db, by_objects):
    in_one_step = figures(db)
    by_objects()
    step_by_step = figures(db)
    assert set(in_one_step) == set(step_by_step)
    for name, figure in in_one_step.items():
        assert isinstance(figure, go.Figure), name
        assert drawn(figure) == drawn(step_by_step[name]), name


def test_every_builder_draws_what_plotly_s_own_calls_draw_with_cells_suppressed(sample, by_objects):
    database, _ = sample
    in_one_step = suppressed_figures(database)
    by_objects()
    step_by_step = suppressed_figures(database)
    hidden = 0
    for name, figure in in_one_step.items():
        assert drawn(figure) == drawn(step_by_step[name]), name
        hidden += any(
            trace.name == charts.suppressed_label(lang) for trace in figure.data for lang in ("en", "fr")
        )
    assert hidden >= 5  # the suppressed layers were drawn, not only the plain charts


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


def test_a_drawn_figure_is_settled_as_validation_would_leave_it():
    made = draft.Draft()
    made.add_trace(draft.bar(x=[1, 2], y=["a", None], name=None, marker_color="red"))
    counts = pd.Series([3.0, float("nan")], index=[5, 6])  # a slice of a result keeps its row labels
    made.add_trace(draft.bar(x=counts, y=["a", "b"], customdata=[(np.int64(7), "T1"), (np.int64(8), "T2")]))
    made.update_layout(template=charts.TEMPLATE_NAME, xaxis_title="Share", legend=dict(title=None))
    made.update_layout(annotations=[dict(text="a", font=None)])
    figure = made.figure()
    assert drawn(figure) == drawn(go.Figure({"data": made.traces, "layout": made.layout}))
    shown = figure.to_dict()
    assert shown["data"][0]["y"] == ["a", None]  # a gap in the data stays a gap
    assert shown["layout"]["xaxis"]["title"] == {"text": "Share"}
    assert isinstance(shown["layout"]["template"], dict)  # Plotly.js knows no template by name
    assert figure.data[1].x[0] == 3.0 and math.isnan(figure.data[1].x[1])  # read by position
    assert figure.data[1].customdata[1] == [8, "T2"] and type(figure.data[1].customdata[1][0]) is int


def test_a_change_after_drawing_is_validated_as_plotly_validates_it():
    # the slides and the deck export change a builder's figure: a width reset with None is unset,
    # not sent as null, and a misspelt property is refused
    made = draft.Draft()
    made.add_trace(draft.bar(x=[1], y=["a"]))
    made.update_layout(template=charts.TEMPLATE_NAME, width=300)
    projected = charts.for_projector(made.figure(), height=400, width=800)
    projected.update_layout(autosize=True, width=None)
    assert "width" not in projected.to_dict()["layout"]
    with pytest.raises(ValueError):
        projected.update_layout(heigth=10)
