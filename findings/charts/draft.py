"""A figure being drawn, kept as plain data until it is done, then validated once.

Building a Plotly figure object by object (an empty go.Figure, then add_trace, update_layout,
update_xaxes, add_vline...) sends every step through Plotly's property machinery: each call
validates, copies and parses what it is given, and much of it again at the next call. A page
redraws its charts on every filter change, so the builders draw on a Draft instead: traces and the
layout are dicts, each step a cheap dict operation with the meaning of Plotly's own call, and
`figure()` hands the whole to go.Figure in one step, without Plotly's validation: the dicts are first
settled into what validation would have made of them (`settled`), so the figure's JSON is what a
validated figure's would be, and tests/test_chart_draft.py checks exactly that for every builder
against Plotly's own object-by-object calls, which validate every step. A figure drawn on every
filter change then costs a dict walk instead of a validator per property (on Themes, four figures:
about 13 ms of a rerun at 10M excerpts, benchmarks/RESULTS.md). What changes a figure afterwards
(the slides' for_projector, the deck export) goes through Plotly's objects as usual.

    draft = Draft()
    draft.add_trace(bar(x=values, y=labels, orientation="h", marker_color=BLUE))
    draft.update_layout(template=TEMPLATE_NAME, height=400, xaxis=dict(range=[0, 1]))
    return draft.figure()

What Plotly's calls mean, as kept here:
- a magic-underscore name is a path: `marker_line_color=c` is `marker=dict(line=dict(color=c))`,
  save for the few property names that hold an underscore of their own (`error_x`,
  `paper_bgcolor`...: UNDERSCORED);
- an update merges: a dict meets a dict key by key, a list of dicts (annotations, shapes) meets a
  list of dicts item by item, anything else replaces what was there;
- `add_vline` draws what Plotly's draws: a line from the bottom to the top of the plot area
  (`yref` "y domain") at `x`, and its annotation on the same references;
- what validation does to the dicts that these builders give (`settled`): a property set to None
  is left unset, a title given as text is `{"text": ...}`, a template named is the registered
  template itself, in full (Plotly.js knows no template by name), a Series is a NumPy array and a
  list holds plain values.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

#: The property names that hold an underscore of their own, so a magic-underscore path never splits
#: them (every such name in Plotly's validators; tests/test_chart_draft.py checks the list).
UNDERSCORED = (
    "error_x",
    "error_y",
    "error_z",
    "copy_ystyle",
    "copy_zstyle",
    "paper_bgcolor",
    "plot_bgcolor",
)


@functools.cache
def _path(key: str) -> tuple[str, ...]:
    """'marker_line_color' -> ('marker', 'line', 'color'); 'error_x_width' -> ('error_x', 'width')."""
    if "_" not in key:
        return (key,)
    for name in UNDERSCORED:
        key = key.replace(name, name.replace("_", "-"))
    return tuple(part.replace("-", "_") for part in key.split("_") if part)


def _expanded(value):
    """A value with the magic-underscore names of any dict in it made nested dicts."""
    if isinstance(value, Mapping):
        return expand(value)
    if isinstance(value, (list, tuple)) and value and all(isinstance(item, Mapping) for item in value):
        return [expand(item) for item in value]
    return value


def expand(props: Mapping) -> dict:
    """Properties as Plotly's nested dicts: magic-underscore names become paths, merged in order."""
    nested: dict = {}
    for key, value in props.items():
        *parents, name = _path(key)
        into = nested
        for parent in parents:
            if not isinstance(into.get(parent), dict):
                into[parent] = {}
            into = into[parent]
        merge(into, {name: _expanded(value)})
    return nested


def merge(target: dict, update: Mapping) -> dict:
    """Plotly's update, on dicts: `update` (already expanded) merged into `target` in place."""
    for key, value in update.items():
        present = target.get(key)
        if isinstance(value, Mapping) and isinstance(present, dict):
            merge(present, value)
        elif (
            isinstance(value, list)
            and isinstance(present, list)
            and present
            and all(isinstance(item, dict) for item in present)
            and all(isinstance(item, Mapping) for item in value)
        ):  # annotations, shapes: item by item, the longer list's extra items added
            for old, new in zip(present, value, strict=False):
                merge(old, new)
            present.extend(copy.deepcopy(value[len(present) :]))
        else:
            target[key] = value
    return target


# --- what validation makes of the dicts ---------------------------------------------------------


@functools.cache
def _template(name: str) -> dict:
    """A registered template as a figure's JSON carries it (registered once, at import)."""
    return pio.templates[name].to_plotly_json()


def _settled(props: Mapping) -> dict:
    """Properties as validation leaves them: None unset, a title given as text made {"text": ...};
    in nested dicts and in lists of dicts (annotations, shapes) too, never inside data arrays."""
    kept = {}
    for key, value in props.items():
        if value is None:
            continue
        if key == "title" and not isinstance(value, Mapping):
            value = {"text": value}
        elif isinstance(value, Mapping):
            value = _settled(value)
        elif isinstance(value, list) and value and all(isinstance(item, Mapping) for item in value):
            value = [_settled(item) for item in value]
        else:
            value = _data(value)
        kept[key] = value
    return kept


def _data(value):
    """A data array as validation stores it: a Series or an Index as a NumPy array, a list's items
    as plain values (an array within it as a list), so that `figure.data[0].x[0]` is its first."""
    if isinstance(value, (pd.Series, pd.Index)):
        return value.to_numpy()
    if isinstance(value, (list, tuple)):
        return [_item(item) for item in value]
    return value


def _item(value):
    if isinstance(value, (pd.Series, pd.Index, np.ndarray, list, tuple)):
        return [_item(item) for item in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def settled(traces: list[dict], layout: Mapping) -> dict:
    """A figure's traces and layout as Plotly's validation would leave them (the module's docstring)."""
    kept = _settled(layout)
    if isinstance(kept.get("template"), str):
        kept["template"] = copy.deepcopy(_template(kept["template"]))
    return {"data": [_settled(trace) for trace in traces], "layout": kept}


# --- traces --------------------------------------------------------------------------------------


def trace(kind: str, **props) -> dict:
    """A trace of Plotly type `kind` as a dict: {"type": kind, ...props, nested}."""
    return {"type": kind, **expand(props)}


#: one per Plotly trace type the charts draw
bar = functools.partial(trace, "bar")
scatter = functools.partial(trace, "scatter")
heatmap = functools.partial(trace, "heatmap")
sankey = functools.partial(trace, "sankey")
sunburst = functools.partial(trace, "sunburst")
treemap = functools.partial(trace, "treemap")


# --- the figure ----------------------------------------------------------------------------------


@functools.cache
def _columns_layout(widths: tuple[float, ...], spacing: float) -> dict:
    """The axes of a row of subplots sharing their y axis, as Plotly's make_subplots lays them out
    (asked once per shape; its template is left out, the builder names its own)."""
    layout = make_subplots(
        rows=1, cols=len(widths), shared_yaxes=True, column_widths=list(widths), horizontal_spacing=spacing
    ).to_plotly_json()["layout"]
    layout.pop("template", None)
    return layout


def _axis_id(letter: str, col: int) -> str:
    return letter if col == 1 else f"{letter}{col}"


class Draft:
    """A figure being drawn: its traces and its layout as plain dicts (see the module's docstring)."""

    def __init__(self, traces: list[dict] | None = None) -> None:
        self.traces: list[dict] = list(traces or [])
        self.layout: dict = {}
        self._columns = 0  # subplots side by side (0: one plot)

    @classmethod
    def columns(cls, widths: tuple[float, ...], spacing: float) -> Draft:
        """Subplots side by side on one shared y axis, `widths` their shares of the width and
        `spacing` the gap between two (make_subplots' column_widths and horizontal_spacing)."""
        draft = cls()
        draft.layout = copy.deepcopy(_columns_layout(tuple(widths), spacing))
        draft._columns = len(widths)
        return draft

    def add_trace(self, trace: dict, *, col: int | None = None) -> dict:
        """Add a trace (on subplot column `col` of a Draft.columns); returns it, to change later."""
        if col is not None:
            self._column(col)
            trace["xaxis"], trace["yaxis"] = _axis_id("x", col), _axis_id("y", col)
        self.traces.append(trace)
        return trace

    def update_layout(self, **props) -> Draft:
        merge(self.layout, expand(props))
        return self

    def update_xaxes(self, *, col: int | None = None, **props) -> Draft:
        """Update the x axis of column `col`, or (no `col`) every x axis."""
        return self._update_axes("x", col, props)

    def update_yaxes(self, *, col: int | None = None, **props) -> Draft:
        """Update the y axis of column `col`, or (no `col`) every y axis."""
        return self._update_axes("y", col, props)

    def add_shape(self, **props) -> dict:
        shape = expand(props)
        self.layout.setdefault("shapes", []).append(shape)
        return shape

    def add_annotation(self, **props) -> dict:
        annotation = expand(props)
        self.layout.setdefault("annotations", []).append(annotation)
        return annotation

    def add_vline(self, x, *, annotation: Mapping | None = None, **props) -> Draft:
        """A vertical line across the whole plot's height at `x`, as Plotly's add_vline draws it on
        a figure of one plot: a shape from the bottom (0) to the top (1) of the y axis' domain, and
        its annotation (if any) on the line's references, placed by default at its top right."""
        if self._columns:
            raise NotImplementedError("add_vline draws on a figure of one plot")
        shape = {"type": "line", "x0": x, "x1": x, "y0": 0, "y1": 1, **expand(props)}
        shape.setdefault("xref", "x")
        yref = f"{shape.get('yref', 'y')} domain"
        shape["yref"] = yref
        self.layout.setdefault("shapes", []).append(shape)
        if annotation is not None:
            note = expand(annotation)
            for key, value in (("x", x), ("y", 1), ("xanchor", "left"), ("yanchor", "top")):
                if note.get(key) is None:
                    note[key] = value
            note.setdefault("xref", "x")
            note["yref"] = yref  # Plotly sets the line's own, whatever the annotation said
            self.layout.setdefault("annotations", []).append(note)
        return self

    def figure(self) -> go.Figure:
        """The figure drawn: one go.Figure of the settled dicts, not validated again (the module's
        docstring says why, and which test holds it to what validation would make)."""
        return go.Figure(settled(self.traces, self.layout), _validate=False)

    def _column(self, col: int) -> None:
        if not 1 <= col <= max(self._columns, 1):
            raise IndexError(f"no subplot column {col}")

    def _update_axes(self, letter: str, col: int | None, props: dict) -> Draft:
        if col is None:
            names = [f"{letter}axis"] + [f"{letter}axis{c}" for c in range(2, self._columns + 1)]
        else:
            self._column(col)
            names = [f"{letter}axis{'' if col == 1 else col}"]
        update = expand(props)
        for name in names:
            merge(self.layout.setdefault(name, {}), copy.deepcopy(update) if len(names) > 1 else update)
        return self
