"""A chart's text alternative: what it draws and its most prominent value, in a sentence.

Screen readers cannot read a Plotly figure, so each chart carries a short sentence (WCAG 2.2,
1.1.1 Non-text Content) read from the figure itself, so that it can never disagree with what is
drawn: the kind of chart and how many items it holds, what its axes measure, and its largest item
with the value the chart shows for it. Suppressed items are not drawn, so they are never named.
The table under each chart gives every value.
"""

from __future__ import annotations

import html
import math
import re

import plotly.graph_objects as go

from findings.i18n import fmt_decimal, t, tn

_TAG = re.compile(r"<[^>]+>")


def _clean(value) -> str:
    """Plotly text as a reader reads it: tags dropped (a <br> is a space), entities decoded."""
    return " ".join(html.unescape(_TAG.sub(" ", str(value))).split()) if value is not None else ""


def _list(values) -> list:
    """A trace's array (a list, a tuple or a numpy array in Plotly's hands) as a list; None: []."""
    return [] if values is None else list(values)


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _ticks(axis) -> dict:
    """An axis's category labels by value, where the chart names its categories with tick text."""
    if axis is None or axis.tickvals is None or axis.ticktext is None:
        return {}
    return {value: _clean(text) for value, text in zip(axis.tickvals, axis.ticktext, strict=False)}


def _axis(figure: go.Figure, name: str | None, kind: str):
    """The layout axis a trace is drawn on ('x2' -> layout.xaxis2)."""
    return figure.layout[f"{kind}axis{(name or kind)[1:]}"]


def _axis_title(axis) -> str:
    return _clean(axis.title.text) if axis is not None and axis.title is not None and axis.title.text else ""


def _shown(text, number: float, lang: str) -> str:
    """The value as the chart prints it (its label), else the number."""
    said = _clean(text) if text is not None else ""
    return said or fmt_decimal(number, lang, 0 if float(number).is_integer() else 2)


def _bars(figure: go.Figure, lang: str) -> str | None:
    items, what = [], ""
    bars = [trace for trace in figure.data if trace.type == "bar"]
    for trace in bars:
        # several bars to a category (stacked or grouped) are told apart by their trace's name
        name = _clean(trace.name) if trace.name and len(bars) > 1 else ""
        horizontal = trace.orientation == "h"
        values, categories = (trace.x, trace.y) if horizontal else (trace.y, trace.x)
        value_axis = _axis(figure, trace.xaxis if horizontal else trace.yaxis, "x" if horizontal else "y")
        what = _axis_title(value_axis) or what
        kind = "y" if horizontal else "x"
        # a panel sharing its categories with the first (shared axes) names them on the first axis
        names = _ticks(_axis(figure, trace.yaxis if horizontal else trace.xaxis, kind)) or _ticks(
            _axis(figure, None, kind)
        )
        values, categories = _list(values), _list(categories)
        texts = _list(trace.text) if not isinstance(trace.text, str) else []
        texts += [None] * (len(values) - len(texts))
        for value, category, text in zip(values, categories, texts, strict=False):
            number = _number(value)
            if number is None:
                continue
            label = _clean(names.get(category, category))
            if name:
                label = f"{label} · {name}"
            items.append((abs(number), label, _shown(text, number, lang)))
    if not items:
        return None
    _, label, value = max(items, key=lambda item: item[0])
    said = tn("chart.alt.bars", len(items), lang, count=len(items), label=label, value=value)
    return f"{said} {t('chart.alt.measure', lang, what=what)}" if what else said


def _heatmap(figure: go.Figure, lang: str) -> str | None:
    best = None
    rows = columns = 0
    for trace in figure.data:
        if trace.type != "heatmap" or trace.z is None:
            continue
        rows, columns = max(rows, len(_list(trace.y))), max(columns, len(_list(trace.x)))
        texts = _list(trace.text)
        for i, row in enumerate(_list(trace.z)):
            for j, value in enumerate(_list(row)):
                number = _number(value)
                text = _list(texts[i])[j] if i < len(texts) else None
                if number is None or not _clean(text):  # a grey layer or a blank cell shows no value
                    continue
                if best is None or number > best[0]:
                    best = (number, trace.y[i], trace.x[j], _shown(text, number, lang))
    if best is None:
        return None
    _, row, column, value = best
    row = _clean(_ticks(figure.layout.yaxis).get(row, row))
    column = _clean(_ticks(figure.layout.xaxis).get(column, column))
    return t("chart.alt.grid", lang, rows=rows, columns=columns, row=row, column=column, value=value)


def _flow(figure: go.Figure, lang: str) -> str | None:
    (trace,) = [d for d in figure.data if d.type == "sankey"]
    values = _list(trace.link.value)
    if not values:
        return None
    widest = max(range(len(values)), key=lambda i: values[i])
    said = _list(trace.link.customdata)  # each link's hover: "source → target: amount"
    if widest < len(said):
        link = _clean(said[widest])
    else:
        labels = _list(trace.node.label)
        source, target = labels[_list(trace.link.source)[widest]], labels[_list(trace.link.target)[widest]]
        link = f"{_clean(source)} → {_clean(target)}, {fmt_decimal(values[widest], lang, 0)}"
    return tn("chart.alt.flow", len(values), lang, count=len(values), link=link)


def _blocks(figure: go.Figure, lang: str) -> str | None:
    leaves = []
    for trace in figure.data:
        if trace.type not in ("treemap", "sunburst"):
            continue
        parents, ids = set(_list(trace.parents)), _list(trace.ids)
        texts = _list(trace.text) if not isinstance(trace.text, str) else []
        for i, (value, label) in enumerate(zip(_list(trace.values), _list(trace.labels), strict=False)):
            if _number(value) is not None and (not ids or ids[i] not in parents):
                leaves.append((_number(value), label, texts[i] if i < len(texts) else None))
    if not leaves:
        return None
    number, label, text = max(leaves, key=lambda leaf: leaf[0])
    # a block's text that repeats its label is not its value
    value = _shown(None if text is None or _clean(label) in _clean(text) else text, number, lang)
    return tn("chart.alt.blocks", len(leaves), lang, count=len(leaves), label=_clean(label), value=value)


def alt_text(figure: go.Figure, lang: str) -> str:
    """One or two sentences a screen reader reads for `figure`, in `lang`."""
    kinds = {trace.type for trace in figure.data}
    said = None
    if "sankey" in kinds:
        said = _flow(figure, lang)
    elif kinds & {"treemap", "sunburst"}:
        said = _blocks(figure, lang)
    elif "heatmap" in kinds:
        said = _heatmap(figure, lang)
    elif "bar" in kinds:
        said = _bars(figure, lang)
    return (said or t("chart.alt.empty", lang)) + " " + t("chart.alt.table", lang)
