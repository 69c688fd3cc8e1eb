"""The look every chart shares, and the helpers several chart kinds use.

Every colour a chart draws is named here and nowhere else in the package: the one Plotly template,
the one palette, the one sequential scale, the colours that stay with one value of a dimension
(a stance, a media kind) and the neutral greys. The helpers below them turn data into inert label
text, counts into plottable floats, and draw the labelled gaps of small-cell suppression
(findings/privacy.py) the same way on bars and on heatmaps.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from findings.charts.draft import heatmap, scatter
from findings.i18n import fmt_bytes, fmt_int, fmt_pct, t, tn

# --- colours -------------------------------------------------------------------------------------

# Okabe & Ito's colour-blind-safe palette, by the names its authors give it (its yellow and black,
# which read poorly on white, left out)
BLUE = "#0072B2"
ORANGE = "#E69F00"
BLUISH_GREEN = "#009E73"
REDDISH_PURPLE = "#CC79A7"
SKY_BLUE = "#56B4E9"
VERMILLION = "#D55E00"

#: The one palette: Okabe & Ito, then Paul Tol's muted scheme for dimensions with more values.
PALETTE = (
    BLUE,
    ORANGE,
    BLUISH_GREEN,
    REDDISH_PURPLE,
    SKY_BLUE,
    VERMILLION,
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#AA4499",
    "#882255",
)

INK = "#1f2933"  # text, outlines, the baseline tick
MUTED = "#52606d"  # axis titles, the word "suppressed", dividers
GRID = "#e4e7eb"  # grid lines, a co-occurrence matrix's diagonal, the hatching of a suppressed segment
PAPER = "white"  # what a chart is drawn on: segment edges, text on dark bars
HALO = f"0 0 3px {PAPER}, 0 0 3px {PAPER}, 0 0 2px {PAPER}"  # a label's outline where it crosses colour
CLEAR = "rgba(0,0,0,0)"  # no fill at all: the chart's background, the outline of a selected bar
NEUTRAL = "#8C8C8C"  # a value that is no one value of its dimension: "mixed", "everyone else", unvoiced
SUPPRESSED_FILL = "#f5f7fa"  # a suppressed heatmap cell: paler than any value on the scales

#: Stances keep these colours everywhere (orange-red for risk, green for opportunity, grey for mixed).
STANCE_COLOURS = {"risk": VERMILLION, "opportunity": BLUISH_GREEN, "mixed": NEUTRAL}
STANCE_ORDER = ("risk", "mixed", "opportunity")  # mixed sits between the two poles
#: "Everyone else" on the Compare page is no one value, so it gets the neutral grey.
COMPARE_REST_COLOUR = NEUTRAL
#: A rule at the end of a flow is not a value of any coloured dimension.
RULE_NODE_COLOUR = MUTED
#: Media kinds keep these colours: slate tones, dark film, mid audio, light photos, apart by lightness
#: (so in greyscale too) and from every hue of the palette (a kind is no discipline or theme group).
KIND_COLOURS = {"video": "#2f3e4e", "audio": "#8a9cae", "photo": "#d3dbe3"}
#: ... and the text drawn on each, 4.5:1 or more (white on the dark one, ink on the lighter two)
KIND_TEXT = {"video": PAPER, "audio": INK, "photo": INK}

# The one sequential scale, for how much of something each cell holds (a share of people reached,
# a count of excerpts or codes): one hue, light to dark, so the order reads with any colour vision
# and in greyscale. ColorBrewer's Blues, whose wide range from near white to dark navy keeps
# neighbouring values apart.
SEQUENTIAL_SCALE = [[0.0, "#f3f7fb"], [0.5, "#6baed6"], [1.0, "#08306b"]]
# A co-occurrence matrix encodes another kind of quantity: how strongly two themes overlap, not how
# much one theme was voiced. It shares the Themes page with a prevalence heatmap, so it keeps its
# own hue (purple, light to dark) and is never read on the prevalence scale.
PAIR_SCALE = [[0.0, "#f6f4fa"], [0.5, "#9e9ac8"], [1.0, "#3f007d"]]


def colour_map(values: Sequence[str]) -> dict[str, str]:
    """Stable colours for one dimension: pass every value in its fixed order (not a filtered
    subset), so each value keeps its colour whatever the filters show."""
    return {value: PALETTE[i % len(PALETTE)] for i, value in enumerate(values)}


def _luminance(red: float, green: float, blue: float) -> float:
    """WCAG's relative luminance of a colour given as 0-1 channels."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_on(colour: str, alpha: float = 1.0) -> str:
    """INK or PAPER, whichever contrasts more with `colour` ('#rrggbb', drawn at `alpha` over the
    white page): the text on a coloured shape whose colour comes from the data's palette."""
    value = colour.lstrip("#")
    if len(value) != 6:  # a named colour (PAPER): the page itself
        return INK
    channels = [alpha * int(value[i : i + 2], 16) / 255 + (1 - alpha) for i in (0, 2, 4)]
    shape = _luminance(*channels)
    ink = _luminance(*(int(INK[i : i + 2], 16) / 255 for i in (1, 3, 5)))
    with_ink = (max(shape, ink) + 0.05) / (min(shape, ink) + 0.05)
    with_paper = 1.05 / (shape + 0.05)
    return INK if with_ink >= with_paper else PAPER


def translucent(colour: str, alpha: float) -> str:
    """'#0072B2' -> 'rgba(0,114,178,alpha)': a colour see-through (flow links, treemap leaves)."""
    value = colour.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha})"


# --- the template --------------------------------------------------------------------------------

FONT = "Source Sans, sans-serif"  # Streamlit serves this font itself: no web font is fetched

TEMPLATE_NAME = "findings"
pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=16, color=INK),
        title=dict(font=dict(size=20), x=0, xanchor="left"),
        colorway=list(PALETTE),
        paper_bgcolor=CLEAR,
        plot_bgcolor=CLEAR,
        xaxis=dict(
            gridcolor=GRID, zerolinecolor=GRID, automargin=True, title=dict(font=dict(size=15, color=MUTED))
        ),
        yaxis=dict(
            gridcolor=GRID, zerolinecolor=GRID, automargin=True, title=dict(font=dict(size=15, color=MUTED))
        ),
        hoverlabel=dict(font=dict(family=FONT, size=15)),
        legend=dict(font=dict(size=15)),
        margin=dict(l=10, r=20, t=30, b=10),
        # a drag does nothing: an accidental one on a trackpad must not pan or zoom the chart
        # (a click still selects a bar, and the data sits in the table below each chart)
        dragmode=False,
    )
)

#: the one chart tool offered (save as an image): eight would each be a stop for the keyboard
CHART_CONFIG = {"displaylogo": False, "modeBarButtons": [["toImage"]]}


def for_projector(figure: go.Figure, height: int, width: int | None = None, scale: float = 1.0) -> go.Figure:
    """The figure again with type readable across a meeting room, at a fixed height, for a slide
    laid out at 1920x1080 and drawn at `scale` times that (findings/app/deck.py: the screen's size
    against 1920x1080); cell and "suppressed" labels drawn at a fixed size grow too, so none is
    left small. A copy that Plotly validates, as it does every later change to it (a builder's
    figure skips validation, findings/charts/draft.py; an update would not be settled)."""
    figure = go.Figure(figure)
    size = round(26 * scale)
    figure.update_layout(
        font=dict(size=size), height=round(height * scale), hoverlabel=dict(font=dict(size=round(22 * scale)))
    )
    if width is not None:
        figure.update_layout(width=round(width * scale), autosize=False)
    for trace in figure.data:
        font = getattr(trace, "textfont", None)
        if font is not None and font.size is not None and font.size < round(22 * scale):
            font.size = round(22 * scale)
    return figure


# --- text and numbers ----------------------------------------------------------------------------


def wrap_label(label: object, width: int = 18) -> str:
    """A label broken onto lines of about `width` characters (Plotly's <br>), so it is never
    clipped: at spaces only, a word longer than a line keeps a line of its own."""
    text = str(label)
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def plain(text) -> str:
    """Data text made inert for Plotly, which reads <b>, <a href=...> and the like in labels
    and hover text as markup: shown exactly as typed, never as a link or formatting."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def numbers(values) -> pd.Series:
    """Counts as floats for plotting: a suppressed count (pandas' NA) becomes NaN, which Plotly
    leaves undrawn (label it with `suppressed_label`)."""
    return pd.to_numeric(pd.Series(values), errors="coerce").astype(float)


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for the UI language."""
    return ", " if lang == "fr" else ".,"


def count_axis(top: float) -> dict:
    """An axis of whole counts: with a small largest value, one tick per whole number (Plotly's own
    ticks would fall between them, and read "0 0 0 1 1 1" once rounded)."""
    axis = dict(tickformat=",d", rangemode="tozero")
    if top <= 8:
        axis["dtick"] = 1
    return axis


def pct_axis(lang: str) -> dict:
    """Ticks at quarters of 0-100%, written in the UI language."""
    ticks = (0, 0.25, 0.5, 0.75, 1)
    return dict(tickvals=list(ticks), ticktext=[fmt_pct(v, lang) for v in ticks])


def reached(n, total, share, lang: str) -> str:
    """'4 of 8 participants (50%)' for hover labels; a share resting on a suppressed count reads
    "suppressed" too (privacy blanks shares as NaN, which alone would read as undefined)."""
    counted = t("hover.reached", lang, n=fmt_int(n, lang), total=fmt_int(total, lang))
    if (n is pd.NA or total is pd.NA) and pd.isna(share):
        share = pd.NA
    return f"{counted} ({fmt_pct(share, lang)})"


#: The key of media files with no session (never a session id in practice).
NO_SESSION = "\u2205"


def files_size(files, size_bytes, lang: str) -> str:
    """'3 files · 2 GB' in the UI language (one file reads '1 file')."""
    return tn(
        "archive.files_size", int(files), lang, files=fmt_int(files, lang), size=fmt_bytes(size_bytes, lang)
    )


# --- small-cell suppression ----------------------------------------------------------------------


def suppressed_label(lang: str) -> str:
    return t("cell.suppressed", lang)


def suppressed_rows(frame: pd.DataFrame, column: str) -> pd.Series:
    """Rows whose `column` the audience may not see: blank in a frame findings/privacy.py
    protected (its `suppressed` column); a frame straight from a query has none."""
    if "suppressed" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame[column].isna() & frame["suppressed"].fillna(False).astype(bool)


def suppressed_hover(lang: str, min_cell: int) -> str:
    """Why a cell is suppressed, wrapped for a hover label."""
    return wrap_label(t("cell.hover", lang, k=fmt_int(min_cell, lang)), 48)


def suppressed_marks(y: list, heads: list[str], lang: str, min_cell: int, x=0.0) -> dict:
    """The labelled gap of suppressed bars: the grey word "suppressed" where each bar would start
    (at `x`, one value or one per bar), its hover giving `heads` (HTML) and why. No customdata,
    so a click on it selects nothing."""
    xs = list(x) if isinstance(x, (list, tuple)) else [x] * len(y)
    why = suppressed_hover(lang, min_cell)
    return scatter(
        x=xs,
        y=y,
        mode="text",
        text=[suppressed_label(lang)] * len(y),
        textposition="middle right",
        textfont=dict(color=MUTED),
        hovertext=[f"{head}<br>{why}" for head in heads],
        hoverinfo="text",
        cliponaxis=False,
        showlegend=False,
        name=suppressed_label(lang),
    )


def suppressed_cells(
    hidden: list[list[bool]],
    heads: list[list[str]],
    x: list,
    y: list,
    lang: str,
    min_cell: int,
    *,
    gap: int = 2,
) -> dict:
    """A heatmap layer over the suppressed cells only: pale grey, the word "suppressed", the hover
    saying why; the cells' values never reach it (nor the colour scale)."""
    why = suppressed_hover(lang, min_cell)
    label = suppressed_label(lang)
    return heatmap(
        z=[[1 if gone else None for gone in row] for row in hidden],
        x=x,
        y=y,
        zmin=0,
        zmax=1,
        colorscale=[[0, SUPPRESSED_FILL], [1, SUPPRESSED_FILL]],
        showscale=False,
        text=[[label if gone else "" for gone in row] for row in hidden],
        texttemplate="%{text}",
        # a grid of many columns is drawn at a phone's 680 px with cells narrower than the word
        textfont=dict(size=13 if len(x) <= 6 else 11, color=MUTED),
        hovertext=[
            [f"{head}<br>{why}" if gone else "" for gone, head in zip(row, head_row, strict=True)]
            for row, head_row in zip(hidden, heads, strict=True)
        ],
        hoverinfo="text",
        hoverongaps=False,
        xgap=gap,
        ygap=gap,
        name=label,
    )


def cell_targets(x: list, y: list, hover: list[list[str]], keys: list[list[object]]) -> dict:
    """Click targets over a heatmap's cells: Streamlit reports no click on a heatmap, so each cell
    that can open its excerpts gets an invisible square marker at its centre, carrying the cell's
    hover and, as `customdata`, its key (None: it opens nothing, e.g. passages with no activity; a
    suppressed cell, whose hover is its own layer's, gets no marker). The heatmap under it then takes
    no hover of its own (hoverinfo "skip")."""
    points = [
        (column, row, text, key)
        for row, hover_row, key_row in zip(y, hover, keys, strict=True)
        for column, text, key in zip(x, hover_row, key_row, strict=True)
        if key is not None or text  # a cell that opens nothing keeps its hover
    ]
    return scatter(
        x=[p[0] for p in points],
        y=[p[1] for p in points],
        mode="markers",
        marker=dict(size=30, symbol="square", opacity=0),
        hovertext=[p[2] for p in points],
        hoverinfo="text",
        customdata=[None if p[3] is None else list(p[3]) for p in points],
        showlegend=False,
        name="cells",
    )
