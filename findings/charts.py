"""Chart builders: pure functions from a small DataFrame to a Plotly figure.

One template and one colour scale per dimension, so a theme group or a discipline has the same
colour on every page. Builders never call Streamlit and never query; pages hand them the result
of a named query.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from findings.i18n import fmt_int, fmt_pct, t

# Okabe & Ito's colour-blind-safe palette (without its yellow and black, which read poorly on
# white), then Paul Tol's muted scheme for dimensions with more values.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#AA4499", "#882255",
)
INK = "#1f2933"
MUTED = "#52606d"
GRID = "#e4e7eb"
FONT = "Source Sans, sans-serif"  # Streamlit serves this font itself: no web font is fetched

TEMPLATE_NAME = "findings"
pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=16, color=INK),
        title=dict(font=dict(size=20), x=0, xanchor="left"),
        colorway=list(PALETTE),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        xaxis=dict(gridcolor=GRID, zerolinecolor=GRID, automargin=True, title=dict(font=dict(size=15, color=MUTED))),
        yaxis=dict(gridcolor=GRID, zerolinecolor=GRID, automargin=True, title=dict(font=dict(size=15, color=MUTED))),
        hoverlabel=dict(font=dict(family=FONT, size=15)),
        legend=dict(font=dict(size=15)),
        margin=dict(l=10, r=20, t=30, b=10),
    )
)


#: Stances keep these colours everywhere (orange-red for risk, green for opportunity, grey for mixed).
STANCE_COLOURS = {"risk": "#D55E00", "opportunity": "#009E73", "mixed": "#8C8C8C"}


def colour_map(values: Sequence[str]) -> dict[str, str]:
    """Stable colours for one dimension: pass every value in its fixed order (not a filtered
    subset), so each value keeps its colour whatever the filters show."""
    return {value: PALETTE[i % len(PALETTE)] for i, value in enumerate(values)}


def theme_group_reach(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars: share of the filtered participants who voiced each theme group.

    Expects the columns of `queries/theme_group_reach.sql`, in codebook order.
    """
    colours = colour_map(list(frame["theme_group"]))
    total = int(frame["participants"].iloc[0]) if len(frame) else 0
    shares = frame["share_reached"].fillna(0.0)
    text = [
        f"{fmt_pct(s, lang)}  ({fmt_int(n, lang)})"
        for s, n in zip(shares, frame["participants_reached"], strict=True)
    ]
    hover = [
        f"<b>{label}</b><br>{t('hover.reached', lang, n=fmt_int(n, lang), total=fmt_int(total, lang))}"
        f"<br>{t('hover.excerpts', lang, n=fmt_int(e, lang))}"
        for label, n, e in zip(
            frame["theme_group_label"], frame["participants_reached"], frame["excerpts"], strict=True
        )
    ]
    figure = go.Figure(
        go.Bar(
            x=shares,
            y=frame["theme_group_label"],
            orientation="h",
            marker_color=[colours[g] for g in frame["theme_group"]],
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hoverinfo="text",
        )
    )
    figure.update_layout(
        template=TEMPLATE_NAME,
        height=90 + 70 * max(len(frame), 1),
        showlegend=False,
        xaxis=dict(
            title=t("axis.share_reached", lang),
            range=[0, 1.18],  # room for the outside labels
            tickformat=".0%",
            tickvals=[0, 0.25, 0.5, 0.75, 1],
            ticktext=[fmt_pct(v, lang) for v in (0, 0.25, 0.5, 0.75, 1)],
        ),
        yaxis=dict(autorange="reversed", title=None, ticksuffix="  "),
        separators=", " if lang == "fr" else ".,",
    )
    return figure


# === themes page charts ===


# === voices page charts ===


# === sessions page charts ===


# === evidence page charts ===


# === compare page charts ===


# === rules page charts ===


# === archive page charts ===
