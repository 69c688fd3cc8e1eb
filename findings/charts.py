"""Chart builders: pure functions from a small DataFrame to a Plotly figure.

One template and one colour scale per dimension, so a theme group or a discipline has the same
colour on every page. Builders never call Streamlit and never query; pages hand them the result
of a named query.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from findings.i18n import fmt_bytes, fmt_decimal, fmt_hours, fmt_int, fmt_pct, t, tn
from findings.privacy import DEFAULT_MIN_CELL

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


def plain(text) -> str:
    """Data text made inert for Plotly, which reads <b>, <a href=...> and the like in labels
    and hover text as markup: shown exactly as typed, never as a link or formatting."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def numbers(values) -> pd.Series:
    """Counts as floats for plotting: a suppressed count (pandas' NA) becomes NaN, which Plotly
    leaves undrawn (label it with `suppressed_label`)."""
    return pd.to_numeric(pd.Series(values), errors="coerce").astype(float)


def suppressed_label(lang: str) -> str:
    return t("cell.suppressed", lang)


def for_projector(figure: go.Figure, height: int) -> go.Figure:
    """The same figure with type readable across a meeting room, at a fixed height (cell and
    "suppressed" labels drawn at a fixed size grow too, so none is left small)."""
    figure.update_layout(font=dict(size=20), height=height, hoverlabel=dict(font=dict(size=18)))
    for trace in figure.data:
        font = getattr(trace, "textfont", None)
        if font is not None and font.size is not None and font.size < 18:
            font.size = 18
    return figure


def colour_map(values: Sequence[str]) -> dict[str, str]:
    """Stable colours for one dimension: pass every value in its fixed order (not a filtered
    subset), so each value keeps its colour whatever the filters show."""
    return {value: PALETTE[i % len(PALETTE)] for i, value in enumerate(values)}


def theme_group_reach(frame: pd.DataFrame, lang: str, *, min_cell: int = DEFAULT_MIN_CELL) -> go.Figure:
    """Horizontal bars: share of the filtered participants who voiced each theme group.

    Expects the columns of `queries/theme_group_reach.sql`, in codebook order. A group whose
    counts are suppressed for the audience (findings/privacy.py) gets no bar, only a grey
    "suppressed" label where the bar would start (hover: why, for `min_cell` people).
    """
    colours = colour_map(list(frame["theme_group"]))
    total = frame["participants"].iloc[0] if len(frame) else 0
    hidden = _suppressed_rows(frame, "share_reached")
    shares = numbers(frame["share_reached"]).fillna(0.0).mask(hidden.to_numpy())
    text = [
        "" if gone else f"{fmt_pct(s, lang)}  ({fmt_int(n, lang)})"
        for s, n, gone in zip(shares, frame["participants_reached"], hidden, strict=True)
    ]
    hover = [
        "" if gone else
        f"<b>{plain(label)}</b><br>{t('hover.reached', lang, n=fmt_int(n, lang), total=fmt_int(total, lang))}"
        f"<br>{t('hover.excerpts', lang, n=fmt_int(e, lang))}"
        for label, n, e, gone in zip(
            frame["theme_group_label"], frame["participants_reached"], frame["excerpts"], hidden, strict=True
        )
    ]
    labels = [plain(label) for label in frame["theme_group_label"]]
    figure = go.Figure(
        go.Bar(
            x=shares,
            y=labels,
            orientation="h",
            marker_color=[colours[g] for g in frame["theme_group"]],
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hoverinfo="text",
        )
    )
    if hidden.any():
        gaps = [label for label, gone in zip(labels, hidden, strict=True) if gone]
        figure.add_trace(_suppressed_marks(gaps, [f"<b>{label}</b>" for label in gaps], lang, min_cell))
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


THEME_MEASURE_COLUMNS = {
    "participants": "share_reached", "excerpts": "excerpts", "codes": "code_applications",
}
# one hue per scale, light to dark: the order reads the same with any colour vision
SHARE_SCALE = [[0.0, "#f3f7fb"], [0.5, "#6baed6"], [1.0, "#08306b"]]
PAIR_SCALE = [[0.0, "#f6f4fa"], [0.5, "#9e9ac8"], [1.0, "#3f007d"]]
STANCE_ORDER = ("risk", "mixed", "opportunity")  # mixed sits between the two poles




def _pct_axis(lang: str) -> dict:
    ticks = (0, 0.25, 0.5, 0.75, 1)
    return dict(tickvals=list(ticks), ticktext=[fmt_pct(v, lang) for v in ticks])


def _reached(n, total, share, lang: str) -> str:
    """'4 of 8 participants (50%)' for hover labels; a share resting on a suppressed count reads
    "suppressed" too (privacy blanks shares as NaN, which alone would read as undefined)."""
    counted = t("hover.reached", lang, n=fmt_int(n, lang), total=fmt_int(total, lang))
    if (n is pd.NA or total is pd.NA) and pd.isna(share):
        share = pd.NA
    return f"{counted} ({fmt_pct(share, lang)})"


def _separators(lang: str) -> str:
    return ", " if lang == "fr" else ".,"


SUPPRESSED_FILL = "#f5f7fa"  # a suppressed heatmap cell: paler than any value on the scales


def _suppressed_rows(frame: pd.DataFrame, column: str) -> pd.Series:
    """Rows whose `column` the audience may not see: blank in a frame findings/privacy.py
    protected (its `suppressed` column); a frame straight from a query has none."""
    if "suppressed" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame[column].isna() & frame["suppressed"].fillna(False).astype(bool)


def _suppressed_hover(lang: str, min_cell: int) -> str:
    """Why a cell is suppressed, wrapped for a hover label."""
    return "<br>".join(textwrap.wrap(t("cell.hover", lang, k=fmt_int(min_cell, lang)), 48))


def _suppressed_marks(y: list, heads: list[str], lang: str, min_cell: int, x=0.0) -> go.Scatter:
    """The labelled gap of suppressed bars: the grey word "suppressed" where each bar would start
    (at `x`, one value or one per bar), its hover giving `heads` (HTML) and why. No customdata,
    so a click on it selects nothing."""
    xs = list(x) if isinstance(x, (list, tuple)) else [x] * len(y)
    why = _suppressed_hover(lang, min_cell)
    return go.Scatter(
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


def _suppressed_cells(hidden: list[list[bool]], heads: list[list[str]], x: list, y: list, lang: str,
                      min_cell: int, *, gap: int = 2) -> go.Heatmap:
    """A heatmap layer over the suppressed cells only: pale grey, the word "suppressed", the hover
    saying why; the cells' values never reach it (nor the colour scale)."""
    why = _suppressed_hover(lang, min_cell)
    label = suppressed_label(lang)
    return go.Heatmap(
        z=[[1 if gone else None for gone in row] for row in hidden],
        x=x,
        y=y,
        zmin=0,
        zmax=1,
        colorscale=[[0, SUPPRESSED_FILL], [1, SUPPRESSED_FILL]],
        showscale=False,
        text=[[label if gone else "" for gone in row] for row in hidden],
        texttemplate="%{text}",
        textfont=dict(size=13, color=MUTED),
        hovertext=[[f"{head}<br>{why}" if gone else "" for gone, head in zip(row, head_row, strict=True)]
                   for row, head_row in zip(hidden, heads, strict=True)],
        hoverinfo="text",
        hoverongaps=False,
        xgap=gap,
        ygap=gap,
        name=label,
    )


def theme_prevalence(
    frame: pd.DataFrame,
    measure: str,
    group_colours: dict[str, str],
    lang: str,
    *,
    selected: str | None = None,
    filtered: bool = False,
    min_cell: int = DEFAULT_MIN_CELL,
) -> go.Figure:
    """Horizontal bars, one per theme in codebook order, one colour (and legend entry) per theme group.

    Expects the columns of `queries/theme_prevalence.sql`. `measure` is "participants" (share of the
    filtered participants reached), "excerpts" or "codes" (code applications). Each bar carries its
    theme id in customdata so a click can select it; the `selected` theme's bar is outlined. A theme
    whose counts are suppressed for the audience gets no bar (so nothing to click), only a grey
    "suppressed" label; the axis is scaled on the shown bars alone.
    """
    column = THEME_MEASURE_COLUMNS[measure]
    hidden = _suppressed_rows(frame, column)
    values = numbers(frame[column]).fillna(0.0).mask(hidden.to_numpy())
    total = frame["participants"].iloc[0] if len(frame) else 0
    figure = go.Figure()
    for group, rows in frame.groupby("theme_group", sort=False):
        shown = values.loc[rows.index]
        gone = hidden.loc[rows.index]
        if measure == "participants":
            text = [
                "" if g else f"{fmt_pct(s, lang)}  ({fmt_int(n, lang)})"
                for s, n, g in zip(shown, rows["participants_reached"], gone, strict=True)
            ]
        else:
            text = ["" if g else fmt_int(v, lang) for v, g in zip(shown, gone, strict=True)]
        hover = [
            "" if g else
            f"<b>{plain(row.theme_label)}</b><br>{plain(row.theme_group_label)}"
            f"<br>{_reached(row.participants_reached, total, row.share_reached, lang)}"
            f"<br>{t('hover.excerpts', lang, n=fmt_int(row.excerpts, lang))}"
            f"<br>{t('themes.hover_codes', lang, n=fmt_int(row.code_applications, lang))}"
            for row, g in zip(rows.itertuples(index=False), gone, strict=True)
        ]
        figure.add_trace(
            go.Bar(
                x=shown,
                y=rows["theme_id"],
                orientation="h",
                name=plain(rows["theme_group_label"].iloc[0]),
                marker_color=group_colours.get(group, PALETTE[0]),
                customdata=rows["theme_id"],
                text=text,
                textposition="outside",
                cliponaxis=False,
                hovertext=hover,
                hoverinfo="text",
            )
        )
    if hidden.any():
        figure.add_trace(_suppressed_marks(
            list(frame["theme_id"][hidden]), [f"<b>{plain(label)}</b>" for label in frame["theme_label"][hidden]],
            lang, min_cell,
        ))
    if selected in set(frame["theme_id"][~hidden]):
        # the selected theme: an outline drawn over its bar (its own trace, so the legend stays plain)
        figure.add_trace(
            go.Bar(
                x=[values[frame["theme_id"] == selected].iloc[0]],
                y=[selected],
                orientation="h",
                marker=dict(color="rgba(0,0,0,0)", line=dict(color=INK, width=4)),
                customdata=[selected],
                showlegend=False,
                hoverinfo="skip",
                name="selected",
            )
        )
    axis = t(f"axis.{measure}", lang)
    top = values.max() if values.notna().any() else 0.0
    if measure == "participants":
        xaxis = dict(range=[0, 1.2], **_pct_axis(lang))
    else:
        xaxis = dict(range=[0, max(float(top), 1) * 1.2], tickformat=",d")
    labels = [
        f"<b>{plain(label)}</b>" if theme == selected else plain(label)
        for theme, label in zip(frame["theme_id"], frame["theme_label"], strict=True)
    ]
    figure.update_layout(
        template=TEMPLATE_NAME,
        height=170 + 46 * max(len(frame), 1),
        margin=dict(t=75),  # the legend sits below the modebar, which appears on hover
        barmode="overlay",  # one bar per row: the groups are separate traces only for their colour
        bargap=0.25,
        clickmode="event+select",
        legend=dict(orientation="h", yanchor="bottom", y=1.01, x=0, xanchor="left", title=None),
        xaxis=dict(title=t("themes.axis_filtered", lang, axis=axis) if filtered else axis, **xaxis),
        yaxis=dict(
            autorange="reversed",
            title=None,
            ticklabelstandoff=8,
            categoryorder="array",
            categoryarray=list(frame["theme_id"]),
            tickvals=list(frame["theme_id"]),
            ticktext=labels,
        ),
        separators=_separators(lang),
    )
    return figure


def theme_discipline_heatmap(frame: pd.DataFrame, lang: str, *, min_cell: int = DEFAULT_MIN_CELL) -> go.Figure:
    """Themes (rows, codebook order) by disciplines (columns): the share of each discipline's filtered
    participants who voiced the theme, written in the cell, n of N on hover. A cell suppressed for
    the audience is left off the colour scale and drawn pale grey with the word "suppressed".

    Expects the columns of `queries/theme_discipline_reach.sql`.
    """
    themes = list(dict.fromkeys(frame["theme_id"]))
    theme_labels = dict(zip(frame["theme_id"], frame["theme_label"], strict=True))
    disciplines = list(dict.fromkeys(frame["discipline"]))
    discipline_labels = dict(zip(frame["discipline"], frame["discipline_label"], strict=True))
    gone = dict(zip(zip(frame["theme_id"], frame["discipline"]), _suppressed_rows(frame, "share_reached"), strict=True))
    cells = {(row.theme_id, row.discipline): row for row in frame.itertuples(index=False)}
    z, text, hover, hidden, names = [], [], [], [], []
    for theme in themes:
        z_row, text_row, hover_row, hidden_row, name_row = [], [], [], [], []
        for discipline in disciplines:
            cell = cells[(theme, discipline)]
            name = f"<b>{plain(theme_labels[theme])}</b><br>{plain(discipline_labels[discipline])}"
            hidden_row.append(bool(gone[(theme, discipline)]))
            name_row.append(name)
            if hidden_row[-1]:
                z_row.append(None)
                text_row.append("")
                hover_row.append("")
                continue
            z_row.append(None if pd.isna(cell.share_reached) else float(cell.share_reached))
            text_row.append(fmt_pct(cell.share_reached, lang))
            hover_row.append(
                f"{name}<br>{_reached(cell.participants_reached, cell.participants, cell.share_reached, lang)}"
            )
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
        hidden.append(hidden_row)
        names.append(name_row)
    traces = [
        go.Heatmap(
            z=z,
            x=disciplines,
            y=themes,
            zmin=0,
            zmax=1,
            colorscale=SHARE_SCALE,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=15),
            hovertext=hover,
            hoverinfo="text",
            hoverongaps=False,
            xgap=2,
            ygap=2,
            colorbar=dict(title=dict(text=t("themes.share", lang)), thickness=14, **_pct_axis(lang)),
        )
    ]
    if any(any(row) for row in hidden):
        traces.append(_suppressed_cells(hidden, names, disciplines, themes, lang, min_cell))
    figure = go.Figure(traces)
    figure.update_layout(
        template=TEMPLATE_NAME,
        height=170 + 52 * max(len(themes), 1),
        xaxis=dict(
            side="top",
            tickvals=disciplines,
            ticktext=[plain(discipline_labels[d]) for d in disciplines],
            showgrid=False,
            title=None,
        ),
        yaxis=dict(
            autorange="reversed",
            tickvals=themes,
            ticktext=[plain(theme_labels[theme]) for theme in themes],
            ticklabelstandoff=8,
            showgrid=False,
            title=None,
        ),
        separators=_separators(lang),
    )
    return figure


def theme_stance_split(frame: pd.DataFrame, lang: str, *, min_cell: int = DEFAULT_MIN_CELL) -> go.Figure:
    """Stacked horizontal bars: each theme's code applications by stance (risk, mixed, opportunity).

    Expects the columns of `queries/theme_stance_split.sql`. Segments suppressed for the audience
    are left out of the stack (their width would give them away); a grey "suppressed" at the end of
    the theme's shown bar says so, its hover naming the stances.
    """
    themes = list(dict.fromkeys(frame["theme_id"]))
    theme_labels = dict(zip(frame["theme_id"], frame["theme_label"], strict=True))
    hidden = _suppressed_rows(frame, "code_applications")
    counts = numbers(frame["code_applications"]).mask(hidden.to_numpy())
    figure = go.Figure()
    for stance in STANCE_ORDER:
        rows = frame[frame["stance"] == stance]
        if rows.empty:
            continue
        name = t(f"stance.{stance}", lang)
        gone = hidden.loc[rows.index]
        figure.add_trace(
            go.Bar(
                x=counts.loc[rows.index],
                y=rows["theme_id"],
                orientation="h",
                name=name,
                marker_color=STANCE_COLOURS[stance],
                text=["" if g or not n else fmt_int(n, lang) for n, g in zip(rows["code_applications"], gone, strict=True)],
                textposition="inside",
                insidetextanchor="middle",
                textfont=dict(color="white", size=15),
                hovertext=[
                    "" if g else
                    f"<b>{plain(row.theme_label)}</b><br>{name}: "
                    + t("themes.stance_hover", lang, n=fmt_int(row.code_applications, lang),
                        total=fmt_int(row.with_stance, lang), share=fmt_pct(row.share, lang))
                    for row, g in zip(rows.itertuples(index=False), gone, strict=True)
                ],
                hoverinfo="text",
            )
        )
    ends = counts.fillna(0).groupby(frame["theme_id"], sort=False).sum()
    top = float(ends.max()) if len(ends) else 0.0
    marked = [theme for theme in themes if hidden[frame["theme_id"] == theme].any()]
    if marked:
        stances = {
            theme: ", ".join(
                t(f"stance.{s}", lang) for s in frame["stance"][hidden & (frame["theme_id"] == theme)]
            )
            for theme in marked
        }
        figure.add_trace(_suppressed_marks(
            marked, [f"<b>{plain(theme_labels[theme])}</b><br>{stances[theme]}" for theme in marked],
            lang, min_cell, x=[float(ends[theme]) for theme in marked],
        ))
    xaxis = dict(title=t("axis.codes", lang), tickformat=",d")
    if marked:  # room after the longest bar for its "suppressed" label
        xaxis["range"] = [0, max(top, 1) * 1.3]
    figure.update_layout(
        template=TEMPLATE_NAME,
        barmode="stack",
        uniformtext=dict(minsize=13, mode="hide"),  # a count too small to read is left to the hover
        height=170 + 46 * max(len(themes), 1),
        margin=dict(t=75),  # the legend sits below the modebar, which appears on hover
        legend=dict(orientation="h", yanchor="bottom", y=1.01, x=0, xanchor="left", traceorder="normal"),
        xaxis=xaxis,
        yaxis=dict(
            autorange="reversed",
            tickvals=themes,
            ticktext=[plain(theme_labels[theme]) for theme in themes],
            ticklabelstandoff=8,
            title=None,
        ),
        separators=_separators(lang),
    )
    return figure


def theme_cooccurrence(frame: pd.DataFrame, mode: str, lang: str, *, min_cell: int = DEFAULT_MIN_CELL) -> go.Figure:
    """A theme-by-theme matrix of excerpts shared by two themes, as a count or (mode "jaccard") as
    |A∩B| / |A∪B| over excerpts. The diagonal, a theme with itself, is drawn grey and kept out of
    the colour scale (it would dwarf every pair); its hover gives the theme's own excerpt count.
    A pair suppressed for the audience is left off the colour scale and drawn pale grey with the
    word "suppressed".

    Expects the columns of `queries/theme_cooccurrence.sql`.
    """
    themes = list(dict.fromkeys(frame["theme_a"]))
    labels = dict(zip(frame["theme_a"], frame["theme_a_label"], strict=True))
    gone = dict(zip(zip(frame["theme_a"], frame["theme_b"]), _suppressed_rows(frame, "shared_excerpts"), strict=True))
    cells = {(row.theme_a, row.theme_b): row for row in frame.itertuples(index=False)}
    z, text, hover, diagonal, diagonal_hover, hidden, names = [], [], [], [], [], [], []
    for a in themes:
        z_row, text_row, hover_row, diag_row, diag_hover_row, hidden_row, name_row = [], [], [], [], [], [], []
        for b in themes:
            cell = cells[(a, b)]
            head = f"<b>{plain(labels[a])}</b><br><b>{plain(labels[b])}</b>"
            hidden_row.append(a != b and bool(gone[(a, b)]))
            name_row.append(head)
            if a == b:
                z_row.append(None)
                text_row.append("")
                hover_row.append("")
                diag_row.append(0)
                own = t("themes.cooc_hover.diagonal", lang, n=fmt_int(cell.excerpts_a, lang))
                diag_hover_row.append(f"<b>{plain(labels[a])}</b><br>{own}")
                continue
            diag_row.append(None)
            diag_hover_row.append("")
            if hidden_row[-1]:
                z_row.append(None)
                text_row.append("")
                hover_row.append("")
            elif mode == "jaccard":
                value = None if pd.isna(cell.jaccard) else float(cell.jaccard)
                shown = "–" if value is None else fmt_decimal(value, lang, 2)
                z_row.append(value)
                text_row.append(shown)
                hover_row.append(head + "<br>" + t(
                    "themes.cooc_hover.jaccard", lang, value=shown,
                    n=fmt_int(cell.shared_excerpts, lang), either=fmt_int(cell.either_excerpts, lang),
                ))
            else:
                z_row.append(int(cell.shared_excerpts))
                text_row.append(fmt_int(cell.shared_excerpts, lang))
                shared = t("themes.cooc_hover.count", lang, n=fmt_int(cell.shared_excerpts, lang))
                hover_row.append(head + "<br>" + shared)
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
        diagonal.append(diag_row)
        diagonal_hover.append(diag_hover_row)
        hidden.append(hidden_row)
        names.append(name_row)
    pairs = [v for row in z for v in row if v is not None]
    top = max(pairs, default=0)
    if mode == "jaccard":
        zmax = max(top, 0.05)
        colorbar = dict(title=dict(text="Jaccard"), thickness=14, tickformat=".2f")
    else:
        zmax = max(top, 1)
        colorbar = dict(title=dict(text=t("themes.cooc.count", lang)), thickness=14, tickformat=",d")
    traces = [
        go.Heatmap(
            z=diagonal, x=themes, y=themes, zmin=0, zmax=1,
            colorscale=[[0, GRID], [1, GRID]], showscale=False,
            hovertext=diagonal_hover, hoverinfo="text", hoverongaps=False, xgap=2, ygap=2,
        ),
        go.Heatmap(
            z=z, x=themes, y=themes, zmin=0, zmax=zmax, colorscale=PAIR_SCALE,
            text=text, texttemplate="%{text}", textfont=dict(size=15),
            hovertext=hover, hoverinfo="text", hoverongaps=False, xgap=2, ygap=2, colorbar=colorbar,
        ),
    ]
    if any(any(row) for row in hidden):
        traces.append(_suppressed_cells(hidden, names, themes, themes, lang, min_cell))
    figure = go.Figure(traces)
    ticktext = [plain(labels[theme]) for theme in themes]
    figure.update_layout(
        template=TEMPLATE_NAME,
        height=260 + 52 * max(len(themes), 1),
        xaxis=dict(tickvals=themes, ticktext=ticktext, tickangle=-35, showgrid=False, title=None),
        yaxis=dict(
            autorange="reversed", tickvals=themes, ticktext=ticktext, ticklabelstandoff=8,
            showgrid=False, title=None,
        ),
        separators=_separators(lang),
    )
    return figure


# === voices page charts ===




def _wrapped(text: str, width: int = 14) -> str:
    """A label broken onto lines of about `width` characters, at spaces."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def session_composition(
    frame: pd.DataFrame, colours: dict[str, str], legend_title: str, lang: str, *, min_cell: int = DEFAULT_MIN_CELL
) -> go.Figure:
    """Stacked horizontal bars: the filtered participants (people) of each session, one segment per
    discipline or role, the session's total at the bar's end.

    Expects the columns of `queries/session_composition.sql` (sessions in date order); `colours`
    maps every raw value of the dimension to its colour (its order is the legend order).

    Counts suppressed for the audience (findings/privacy.py) are not drawn: what they leave of a
    session whose total is shown is one hatched "suppressed" segment naming them in its hover (the
    total minus the drawn segments, which the total beside it gives anyway); a session whose total
    is suppressed too gets no bar, only the word. `min_cell` is the deployment's k, for the hover.
    """
    sessions = list(dict.fromkeys(frame["session_id"]))
    names = dict(zip(frame["session_id"], frame["session"].map(plain), strict=False))
    totals = dict(zip(frame["session_id"], numbers(frame["session_participants"]), strict=False))
    frame = frame.assign(_n=numbers(frame["participants"]).to_numpy())
    present = set(frame["value"])
    order = [v for v in colours if v in present] + sorted(present - set(colours))
    figure = go.Figure()
    for value in order:
        rows = frame[(frame["value"] == value) & frame["_n"].notna()]
        if rows.empty:  # suppressed in every session: named in the sessions' gaps
            continue
        label = plain(rows["label"].iloc[0])
        figure.add_trace(
            go.Bar(
                name=label,
                x=rows["participants"],
                y=[names[s] for s in rows["session_id"]],
                orientation="h",
                marker_color=colours.get(value, PALETTE[-1]),
                marker_line=dict(color="white", width=1),
                text=[fmt_int(n, lang) for n in rows["participants"]],
                textposition="inside",
                insidetextanchor="middle",
                customdata=list(zip(rows["session_id"], rows["value"], strict=True)),
                hovertext=[
                    f"<b>{label}</b><br>{names[s]}<br>"
                    + t("voices.hover_segment", lang, n=fmt_int(n, lang), total=fmt_int(totals[s], lang))
                    for s, n in zip(rows["session_id"], rows["participants"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    word, why = suppressed_label(lang), _suppressed_hover(lang, min_cell)
    gaps, gap_names, gap_hover = [], [], []
    for s in sessions:
        rows = frame[frame["session_id"] == s]
        hidden = sorted(plain(label) for label in rows.loc[rows["_n"].isna(), "label"])
        if hidden and not pd.isna(totals[s]):
            gaps.append(totals[s] - rows["_n"].sum())
            gap_names.append(names[s])
            gap_hover.append(f"<b>{names[s]}</b><br>{word}: {', '.join(hidden)}<br>" + why)
    if gaps:
        figure.add_trace(
            go.Bar(
                name=word,
                x=gaps,
                y=gap_names,
                orientation="h",
                marker=dict(
                    color="white", line=dict(color=MUTED, width=1),
                    pattern=dict(shape="/", fgcolor=GRID, bgcolor="white", size=8, solidity=0.5),
                ),
                text=[word] * len(gaps),
                textposition="inside",
                insidetextanchor="middle",
                textfont=dict(color=MUTED),
                hovertext=gap_hover,
                hoverinfo="text",
            )
        )
    known = [v for v in totals.values() if not pd.isna(v)]
    if len(known) < len(sessions):  # a session with no bar still needs its row on the axis
        figure.add_trace(
            go.Scatter(
                x=[0] * len(sessions), y=[names[s] for s in sessions], mode="markers", opacity=0,
                hoverinfo="skip", showlegend=False,
            )
        )
    widest = max(known, default=0)
    figure.update_layout(
        template=TEMPLATE_NAME,
        barmode="stack",
        height=140 + 62 * max(len(sessions), 1),
        legend=dict(title=dict(text=plain(legend_title)), traceorder="normal"),
        uniformtext=dict(minsize=13, mode="hide"),  # a count that does not fit its segment is left out
        xaxis=dict(
            title=t("voices.axis_people", lang), range=[0, max(widest, 1) * 1.1], rangemode="tozero",
            showticklabels=bool(known),  # no scale to read when every session's size is suppressed
        ),
        yaxis=dict(
            title=None, type="category", categoryorder="array", categoryarray=[names[s] for s in sessions],
            autorange="reversed", ticksuffix="  ",
        ),
        annotations=[
            dict(
                x=totals[s], y=names[s], text=f"<b>{fmt_int(totals[s], lang)}</b>", showarrow=False,
                xanchor="left", xshift=6, font=dict(size=15, color=INK),
            )
            if not pd.isna(totals[s])
            else dict(  # the session's own size is suppressed: no bar, the word where it would start
                x=0, y=names[s], text=word, showarrow=False, xanchor="left", xshift=6,
                font=dict(size=15, color=MUTED), hovertext=f"<b>{names[s]}</b><br>{why}",
            )
            for s in sessions
        ],
        separators=", " if lang == "fr" else ".,",
    )
    return figure


def discipline_role_sunburst(frame: pd.DataFrame, colours: dict[str, str], lang: str) -> go.Figure:
    """A sunburst of the filtered participants (people): disciplines inside, their roles outside.

    Expects the columns of `queries/discipline_roles.sql`; a role keeps its discipline's colour
    (lighter, as a leaf), so the same discipline has the same colour as on every other chart.

    Sizes suppressed for the audience (findings/privacy.py) are not drawn (a wedge cannot be
    sized by a blank; the page names them). The rings then hang from a centre holding all the
    filtered participants, so the drawn wedges keep their true share and what is hidden stays an
    empty gap, never a wedge sized by the hidden sum.
    """
    total = numbers(frame["total_participants"]).iloc[0] if len(frame) else 0.0
    sized = numbers(frame["discipline_participants"]).notna().to_numpy()
    disciplines = frame[sized].drop_duplicates("discipline")
    counted = numbers(frame["participants"]).notna().to_numpy()
    roles = frame[counted & frame["discipline"].isin(disciplines["discipline"]).to_numpy()]
    hidden = len(disciplines) < frame["discipline"].nunique() or len(roles) < len(frame)
    if pd.isna(total):  # the whole view is too small: share of what is drawn
        total = float(numbers(disciplines["discipline_participants"]).sum())

    def hover(label, n):
        share = fmt_pct(n / total, lang) if total else "–"
        return f"<b>{plain(label)}</b><br>" + t("voices.hover_ring", lang, n=fmt_int(n, lang), share=share)

    # the inner ring (one slice per discipline), then the outer ring (its roles)
    ids = [f"d/{d}" for d in disciplines["discipline"]] + [
        f"r/{d}/{r}" for d, r in zip(roles["discipline"], roles["role"], strict=True)
    ]
    labels = [*disciplines["discipline_label"], *roles["role_label"]]
    values = [int(n) for n in (*disciplines["discipline_participants"], *roles["participants"])]
    owners = [*disciplines["discipline"], *roles["discipline"]]
    parents = [""] * len(disciplines) + [f"d/{d}" for d in roles["discipline"]]
    texts = [f"{_wrapped(plain(x))}<br>{fmt_int(n, lang)}" for x, n in zip(labels, values, strict=True)]
    hovers = [hover(label, n) for label, n in zip(labels, values, strict=True)]
    sector_colours = [colours.get(d, PALETTE[-1]) for d in owners]
    if hidden:  # a centre of everyone, so the hidden part is a gap in the rings
        root = "all"
        ids, parents = [root, *ids], ["", *(p or root for p in parents)]
        labels, values = ["", *labels], [int(total), *values]
        everyone = tn("voices.people", int(total), lang, count=fmt_int(total, lang))
        texts = [_wrapped(everyone), *texts]
        hovers = [everyone, *hovers]
        sector_colours = ["white", *sector_colours]
    figure = go.Figure(
        go.Sunburst(
            ids=ids,
            labels=[_wrapped(plain(x)) for x in labels],
            parents=parents,
            values=values,
            branchvalues="total",
            marker=dict(colors=sector_colours, line=dict(color="white", width=2)),
            leaf=dict(opacity=0.6),
            text=texts,
            texttemplate="%{text}",
            insidetextorientation="horizontal",
            hovertext=hovers,
            hoverinfo="text",
            sort=False,
        )
    )
    figure.update_layout(
        template=TEMPLATE_NAME,
        height=620,
        margin=dict(l=10, r=10, t=10, b=10),
        uniformtext=dict(minsize=12, mode="hide"),
        separators=", " if lang == "fr" else ".,",
    )
    return figure


# === sessions page charts ===


#: One blue, from paper white to Okabe & Ito's blue: the order of cells reads in greyscale too.
HEAT_SCALE = [[0.0, "#f4f8fb"], [0.5, "#7fb3d8"], [1.0, "#0b4f86"]]
_HEAT_VALUES = {"participants": "share_reached", "excerpts": "excerpts", "codes": "code_applications"}


def wrap_label(label: object, width: int = 18) -> str:
    """A long axis label broken onto several lines (Plotly's <br>), so it is never clipped."""
    text = str(label)
    return "<br>".join(textwrap.wrap(text, width)) or text


def theme_heatmap(
    frame: pd.DataFrame,
    column: str,
    column_label: str,
    measure: str,
    lang: str,
    *,
    missing_label: str = "–",
    min_cell: int = DEFAULT_MIN_CELL,
) -> go.Figure:
    """Themes (rows, codebook order) by sessions or activities (columns, in the frame's order).

    Expects the columns of `queries/session_theme_matrix.sql` or `activity_theme_matrix.sql`:
    `column` names the id column (e.g. "session_id", "activity"; a null id is its own column,
    labelled `missing_label`) and `column_label` its display text. Cells count `measure`
    ("participants": share reached, "excerpts", "codes"); the hover gives all three counts.

    A cell whose value is suppressed for the audience (findings/privacy.py; `min_cell` is the
    deployment's k) has no colour and no number: it is drawn light grey, says "suppressed", and
    its hover says why; the colour scale runs over the shown cells only.
    """
    keys = [None if pd.isna(k) else k for k in frame[column]]
    names = [missing_label if pd.isna(n) else str(n) for n in frame[column_label]]
    columns = list(dict.fromkeys(keys))
    column_names = dict(zip(keys, names, strict=True))
    themes = list(dict.fromkeys(frame["theme_id"]))
    theme_names = dict(zip(frame["theme_id"], frame["theme_label"], strict=True))
    rows = frame.itertuples(index=False)
    cells = {(k, th): row for k, th, row in zip(keys, frame["theme_id"], rows, strict=True)}
    value_column = _HEAT_VALUES[measure]

    z, text, hover = [], [], []
    hidden, places = [], []  # the suppressed cells, drawn apart in grey (_suppressed_cells)
    for theme in themes:
        z_row, text_row, hover_row, hidden_row, place_row = [], [], [], [], []
        for key in columns:
            cell = cells[(key, theme)]
            value = getattr(cell, value_column)
            value = None if pd.isna(value) else float(value)
            place = f"<b>{plain(column_names[key])}</b><br>{plain(theme_names[theme])}"
            hidden_row.append(value is None and bool(getattr(cell, "suppressed", False)))
            place_row.append(place)
            if hidden_row[-1]:
                z_row.append(None)
                text_row.append("")
                hover_row.append("")
                continue
            z_row.append(value)
            if measure == "participants":
                text_row.append(fmt_pct(value, lang))
            else:
                text_row.append(fmt_int(value, lang))
            reached = t(
                "hover.reached", lang, n=fmt_int(cell.participants_reached, lang), total=fmt_int(cell.participants, lang)
            )
            hover_row.append(
                f"{place}<br>{reached}"
                f"<br>{t('hover.excerpts', lang, n=fmt_int(cell.excerpts, lang))}"
                f"<br>{t('sessions.hover_codes', lang, n=fmt_int(cell.code_applications, lang))}"
            )
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
        hidden.append(hidden_row)
        places.append(place_row)

    present = [v for row in z for v in row if v is not None]
    top = max(present, default=0) or 1
    x, y = list(range(len(columns))), list(range(len(themes)))  # positions, so two equal labels never merge
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=15),
            hovertext=hover,
            hoverinfo="text",
            hoverongaps=False,
            colorscale=HEAT_SCALE,
            zmin=0,
            zmax=top,
            showscale=False,  # every cell carries its number; the caption says what it counts
            xgap=3,
            ygap=3,
        )
    )
    if any(any(row) for row in hidden):
        figure.add_trace(_suppressed_cells(hidden, places, x, y, lang, min_cell, gap=3))
    figure.update_layout(
        template=TEMPLATE_NAME,
        height=110 + 56 * max(len(themes), 1),
        xaxis=dict(
            side="top", title=None, showgrid=False, zeroline=False, ticks="", tickfont=dict(size=15),
            tickmode="array",
            tickvals=x,
            ticktext=[wrap_label(column_names[k]) for k in columns],
        ),
        yaxis=dict(
            autorange="reversed", title=None, showgrid=False, zeroline=False, ticks="", ticksuffix="  ",
            tickfont=dict(size=15),
            tickmode="array", tickvals=y, ticktext=[theme_names[th] for th in themes],
        ),
        separators=", " if lang == "fr" else ".,",
    )
    return figure


# === evidence page charts ===


# === compare page charts ===

COMPARE_REST_COLOUR = "#8C8C8C"  # "everyone else" is no one value, so it gets neutral grey




def _compare_pct_ticks(lang: str) -> dict:
    ticks = [0, 0.25, 0.5, 0.75, 1]
    return dict(tickvals=ticks, ticktext=[fmt_pct(v, lang) for v in ticks])


def _signed_points(value: float) -> str:
    rounded = round(value)
    return f"+{rounded}" if rounded > 0 else ("0" if rounded == 0 else f"\u2212{-rounded}")


def compare_groups(
    frame: pd.DataFrame,
    lang: str,
    *,
    a_label: str,
    b_label: str,
    a_colour: str,
    b_colour: str,
    min_cell: int = DEFAULT_MIN_CELL,
) -> go.Figure:
    """Two groups, theme by theme: a dumbbell of each group's share of participants reached with
    its 95% Wilson interval (left), and the difference A - B in percentage points (right).

    Expects the columns of queries/compare_theme_reach.sql plus those stats.with_intervals adds,
    in the order to draw them (top to bottom). Differences whose intervals overlap are faded.
    A theme whose shares are suppressed for the audience (findings/privacy.py; `min_cell` is the
    deployment's k) gets no marker and no bar: the word "suppressed" stands in both panels.
    """
    from plotly.subplots import make_subplots

    rows = len(frame)
    y = list(range(rows))
    themes = [plain(label) for label in frame["theme_label"]]
    figure = make_subplots(
        rows=1, cols=2, shared_yaxes=True, column_widths=[0.62, 0.38], horizontal_spacing=0.09,
    )

    offsets = {"a": -0.16, "b": 0.16}  # A just above B on each row
    symbols = {"a": "circle", "b": "diamond"}  # shapes differ too, for greyscale and colour-blind readers
    for group, label, colour in (("a", a_label, a_colour), ("b", b_label, b_colour)):
        share = numbers(frame[f"{group}_share"])
        low, high = numbers(frame[f"{group}_low"]), numbers(frame[f"{group}_high"])
        sizes = frame[f"{group}_participants"].dropna()
        n = sizes.iloc[0] if len(sizes) else pd.NA
        hover = [
            f"<b>{theme}</b><br>"
            + t(
                "compare.hover.group", lang,
                group=plain(label), k=fmt_int(k, lang), n=fmt_int(n, lang),
                share=fmt_pct(s, lang), low=fmt_pct(lo, lang, 1), high=fmt_pct(hi, lang, 1),
            )
            for theme, k, s, lo, hi in zip(themes, frame[f"{group}_reached"], share, low, high, strict=True)
        ]
        figure.add_trace(
            go.Scatter(
                x=share,
                y=[i + offsets[group] for i in y],
                mode="markers",
                name=t(
                    "compare.legend", lang, letter=group.upper(), group=plain(label), n=fmt_int(n, lang),
                ),
                marker=dict(color=colour, size=14, symbol=symbols[group], line=dict(color="white", width=1)),
                error_x=dict(
                    type="data", symmetric=False, array=list(high - share), arrayminus=list(share - low),
                    color=colour, thickness=2.5, width=7,
                ),
                hovertext=hover,
                hoverinfo="text",
            ),
            row=1, col=1,
        )

    difference = 100 * numbers(frame["difference"])
    overlap = frame["overlap"].fillna(True)
    figure.add_trace(
        go.Bar(
            x=difference,
            y=y,
            orientation="h",
            marker=dict(
                color=[a_colour if d > 0 else b_colour for d in difference],
                opacity=[0.35 if o else 1.0 for o in overlap],
            ),
            text=["" if pd.isna(d) else _signed_points(d) for d in difference],
            textposition="outside",
            cliponaxis=False,
            hovertext=[
                f"<b>{theme}</b><br>"
                + t("compare.hover.difference", lang, points=_signed_points(d))
                + "<br>"
                + t("compare.verdict.overlap" if o else "compare.verdict.apart", lang)
                if not pd.isna(d)
                else ""
                for theme, d, o in zip(themes, difference, overlap, strict=True)
            ],
            hoverinfo="text",
            showlegend=False,
            width=0.55,
        ),
        row=1, col=2,
    )

    # the suppressed themes: the word where their markers and their bar would be
    hidden = [i for i, d in zip(y, difference, strict=True) if pd.isna(d)]
    if hidden:
        heads = [f"<b>{themes[i]}</b>" for i in hidden]
        for col in (1, 2):
            figure.add_trace(_suppressed_marks(hidden, heads, lang, min_cell), row=1, col=col)

    shown = difference.abs().dropna()
    reach = max(10.0, float(shown.max()) if len(shown) else 10.0)
    figure.update_layout(
        template=TEMPLATE_NAME,
        height=170 + 66 * max(rows, 1),
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom"),
        margin=dict(t=60),
        bargap=0.4,
        separators=", " if lang == "fr" else ".,",
    )
    figure.update_yaxes(
        tickvals=y, ticktext=themes, range=[rows - 0.5, -0.5], showgrid=False, zeroline=False,
        ticksuffix="  ", row=1, col=1,
    )
    figure.update_yaxes(showgrid=False, zeroline=False, row=1, col=2)
    figure.update_xaxes(
        title=t("compare.axis.share", lang), range=[-0.03, 1.03], **_compare_pct_ticks(lang), row=1, col=1,
    )
    figure.update_xaxes(
        title=t("compare.axis.difference", lang), range=[-reach * 1.35, reach * 1.35],
        zeroline=True, zerolinecolor=MUTED, zerolinewidth=1.5, row=1, col=2,
    )
    return figure


_SPREAD_ORDER = {"distinctive": 0, "between": 1, "shared": 2, "unvoiced": 3}


def discipline_spread(
    frame: pd.DataFrame, lang: str, colours: dict[str, str], threshold: float, *, min_cell: int = DEFAULT_MIN_CELL
) -> go.Figure:
    """Shared vs distinctive: per theme, the top discipline's share of the participants who voiced
    it (bar, in that discipline's colour, named on the bar), its share of all filtered participants
    (black tick), the class and how many disciplines voiced it (under the theme's name).

    Expects the columns of queries/theme_discipline_spread.sql; draws distinctive themes first,
    then in between, shared and unvoiced, each by falling top share. A theme whose class is
    suppressed for the audience (findings/privacy.py; `min_cell` is the deployment's k) comes last,
    in codebook order, with no bar: the word "suppressed" stands where its label would be.
    """
    ordered = frame.assign(
        _class=frame["spread"].map(_SPREAD_ORDER).fillna(len(_SPREAD_ORDER)),
        _share=numbers(frame["top_share"]).fillna(0.0).to_numpy(),
    ).sort_values(["_class", "_share"], ascending=[True, False], kind="stable")
    rows = len(ordered)
    y = list(range(rows))
    total = ordered["disciplines"].iloc[0] if rows else 0
    word, why = suppressed_label(lang), _suppressed_hover(lang, min_cell)
    ticks, text, hover, bar_colours, text_colours = [], [], [], [], []
    for row in ordered.itertuples(index=False):
        theme = plain(row.theme_label)
        hidden = pd.isna(row.spread)
        voiced = not hidden and row.spread != "unvoiced"
        discipline = plain(row.top_discipline_label) if voiced else ""
        if hidden and pd.isna(row.disciplines_voiced):
            detail = word
        else:
            detail = t(
                "compare.spread.disciplines", lang,
                class_=word if hidden else t(f"compare.spread.{row.spread}", lang),
                k=fmt_int(row.disciplines_voiced, lang),
                n=fmt_int(total, lang),
            )
        ticks.append(f"{theme}<br><span style='font-size:13px;color:{MUTED}'>{detail}</span>")
        share = fmt_pct(row.top_share, lang)
        if hidden:
            text.append(word)
        elif not voiced:
            text.append("")
        elif row.top_tied > 1:
            others = fmt_int(row.top_tied - 1, lang)
            text.append(t("compare.spread.bar_tied", lang, discipline=discipline, others=others, share=share))
        else:
            text.append(t("compare.spread.bar", lang, discipline=discipline, share=share))
        if hidden:
            hover.append(f"<b>{theme}</b><br>{why}")
        elif voiced:
            hover.append(
                f"<b>{theme}</b><br>"
                + t(
                    "compare.spread.hover", lang,
                    discipline=discipline,
                    k=fmt_int(row.top_reached, lang),
                    n=fmt_int(row.participants_reached, lang),
                    share=share,
                    baseline=fmt_pct(row.top_baseline, lang),
                    d=fmt_int(row.disciplines_voiced, lang),
                    total=fmt_int(total, lang),
                )
            )
        else:
            hover.append(f"<b>{theme}</b><br>" + t("compare.spread.unvoiced", lang))
        colour = colours.get(row.top_discipline, COMPARE_REST_COLOUR) if voiced else COMPARE_REST_COLOUR
        bar_colours.append(colour)
        text_colours.append(MUTED if hidden else INK)

    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=ordered["_share"], y=y, orientation="h", marker_color=bar_colours, text=text,
            textposition="outside", cliponaxis=False, hovertext=hover, hoverinfo="text", showlegend=False,
            width=0.6, textfont=dict(color=text_colours),
        )
    )
    figure.add_trace(
        go.Scatter(
            x=numbers(ordered["top_baseline"]), y=y, mode="markers", name=t("compare.spread.baseline", lang),
            marker=dict(symbol="line-ns-open", size=30, color=INK, line=dict(width=3, color=INK)),
            hoverinfo="skip",
        )
    )
    # the threshold: a dashed line, named by its own tick on the axis (clear of the legend and labels)
    figure.add_vline(x=threshold, line=dict(color=MUTED, dash="dash", width=1.5), layer="below")
    ticks_x = sorted({0, threshold, 1})  # few ticks, so the threshold's two-line label fits
    ticktext_x = [
        t("compare.spread.threshold", lang, share=fmt_pct(v, lang)) if v == threshold else fmt_pct(v, lang)
        for v in ticks_x
    ]
    figure.update_layout(
        template=TEMPLATE_NAME,
        height=150 + 78 * max(rows, 1),
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom"),
        margin=dict(t=70),
        separators=", " if lang == "fr" else ".,",
        xaxis=dict(
            title=t("compare.spread.axis", lang), range=[0, 1.55], tickvals=ticks_x, ticktext=ticktext_x, tickangle=0,
        ),
        yaxis=dict(
            tickvals=y, ticktext=ticks, range=[rows - 0.5, -0.5], showgrid=False, zeroline=False, ticksuffix="  ",
        ),
    )
    return figure


# === rules page charts ===

RULE_NODE_COLOUR = "#52606d"


def _translucent(colour: str, alpha: float) -> str:
    """'#0072B2' -> 'rgba(0,114,178,alpha)' (links drawn in their source's colour, see-through)."""
    value = colour.lstrip("#")
    red, green, blue = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha})"


def rule_flow_sankey(
    frame: pd.DataFrame,
    measure: str,
    discipline_colours: dict[str, str],
    group_colours: dict[str, str],
    lang: str,
) -> go.Figure:
    """Discipline -> theme -> rule flows, link widths in `measure` ("participants" or "excerpts").

    Expects the columns of `queries/rule_flows.sql` (one row per link, stages "discipline_theme"
    and "theme_rule"). Disciplines keep their colour, themes take their theme group's colour,
    rules are grey; links carry their source's colour. A link suppressed for the audience
    (findings/privacy.py) is left out of the flow (the page says how many); node sizes follow
    the links drawn.
    """
    value_column = {"participants": "participants_reached", "excerpts": "excerpts"}[measure]
    links = frame[(numbers(frame[value_column]) > 0).to_numpy()]
    nodes: dict[tuple[str, str], int] = {}
    labels, colours = [], []

    def node(kind: str, key: str, label: str, colour: str) -> int:
        if (kind, key) not in nodes:
            nodes[(kind, key)] = len(labels)
            labels.append(str(label))
            colours.append(colour)
        return nodes[(kind, key)]

    sources, targets, values, link_colours, link_hover = [], [], [], [], []
    for row in links.itertuples(index=False):
        theme_colour = group_colours.get(row.theme_group, MUTED)
        if row.stage == "discipline_theme":
            source_colour = discipline_colours.get(row.source, MUTED)
            source = node("discipline", row.source, row.source_label, source_colour)
            target = node("theme", row.target, row.target_label, theme_colour)
        else:
            source_colour = theme_colour
            source = node("theme", row.source, row.source_label, theme_colour)
            target = node("rule", row.target, row.target_label, RULE_NODE_COLOUR)
        value = int(getattr(row, value_column))
        sources.append(source)
        targets.append(target)
        values.append(value)
        link_colours.append(_translucent(source_colour, 0.35))
        amount = t(f"rules.unit.{measure}", lang, n=fmt_int(value, lang))
        link_hover.append(
            t("rules.hover_link", lang, source=row.source_label, target=row.target_label, value=amount)
        )

    stages = {kind: sum(1 for k, _ in nodes if k == kind) for kind in ("discipline", "theme", "rule")}
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            node=dict(
                label=[
                    wrap_label(label, 30) if kind == "rule" else label
                    for (kind, _), label in zip(nodes, labels, strict=True)
                ],
                color=colours,
                pad=28,  # room between small nodes for their (two-line) labels
                thickness=18,
                line=dict(width=0),
                hovertemplate="%{label}<extra></extra>",
            ),
            link=dict(
                source=sources,
                target=targets,
                value=values,
                color=link_colours,
                customdata=link_hover,
                hovertemplate="%{customdata}<extra></extra>",
            ),
            textfont=dict(family=FONT, size=15, color=INK),
        )
    )
    figure.update_layout(
        template=TEMPLATE_NAME,
        height=max(420, 120 + 80 * max(stages.values(), default=1)),  # room for two-line rule titles
        margin=dict(l=10, r=10, t=20, b=10),
    )
    return figure


# === archive page charts ===


#: Media kinds keep these colours (Okabe & Ito: blue audio, orange photos, purple film).
KIND_COLOURS = {"audio": "#0072B2", "photo": "#E69F00", "video": "#CC79A7"}
_ARCHIVE_VALUES = {"hours": "hours", "bytes": "size_bytes", "files": "files"}
_NO_SESSION = "\u2205"  # the key of files with no session (never a session id in practice)


def _archive_amount(unit: str, value, lang: str) -> str:
    if unit == "hours":
        return fmt_hours(value, lang)
    if unit == "bytes":
        return fmt_bytes(value, lang)
    return fmt_int(value, lang)


def archive_session_bars(frame: pd.DataFrame, unit: str, lang: str, *, missing_label: str) -> go.Figure:
    """Grouped bars: per session (x, in the frame's order), one bar per media kind, in `unit`
    ("hours", "bytes" on a log axis, or "files"). Expects the columns of
    `queries/archive_by_session.sql`; files with no session form a column named `missing_label`."""
    value_column = _ARCHIVE_VALUES[unit]
    keys = [_NO_SESSION if pd.isna(s) else s for s in frame["session_id"]]
    names = dict(zip(keys, [missing_label if pd.isna(n) else str(n) for n in frame["session"]], strict=True))
    sessions = list(dict.fromkeys(keys))
    figure = go.Figure()
    for kind in ("audio", "photo", "video"):
        rows = [(k, r) for k, r in zip(keys, frame.itertuples(index=False), strict=True) if r.kind == kind]
        rows = [(k, r) for k, r in rows if not pd.isna(getattr(r, value_column))]
        if not rows:
            continue
        values = [float(getattr(r, value_column)) for _, r in rows]
        figure.add_trace(
            go.Bar(
                name=t(f"archive.{kind}", lang),
                x=[sessions.index(k) for k, _ in rows],
                y=values,
                marker_color=KIND_COLOURS[kind],
                text=[_archive_amount(unit, v, lang) for v in values],
                textposition="outside",
                cliponaxis=False,
                hovertext=[
                    f"<b>{names[k]}</b> · {t(f'archive.{kind}', lang)}"
                    f"<br>{_files_size(r.files, r.size_bytes, lang)}"
                    + ("" if pd.isna(r.hours) else f"<br>{t('archive.hover_hours', lang, hours=fmt_hours(r.hours, lang))}")
                    for k, r in rows
                ],
                hoverinfo="text",
            )
        )
    top = max((max(trace.y) for trace in figure.data), default=1)
    if unit == "bytes":
        low = min((min(trace.y) for trace in figure.data), default=1)
        first, last = _decade(low), _decade(top) + 1
        ticks = [10.0 ** p for p in range(first, last + 1)]
        yaxis = dict(
            type="log",
            range=[first, last + 0.3],
            tickvals=ticks,
            ticktext=[fmt_bytes(v, lang) for v in ticks],
        )
    else:
        yaxis = dict(range=[0, top * 1.18], tickformat=",")  # room for the labels above the bars
    figure.update_layout(
        template=TEMPLATE_NAME,
        barmode="group",
        height=460,
        xaxis=dict(
            title=None, tickmode="array", tickvals=list(range(len(sessions))),
            ticktext=[wrap_label(names[k]) for k in sessions],
        ),
        yaxis=dict(title=t(f"archive.axis.{unit}", lang), **yaxis),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        separators=", " if lang == "fr" else ".,",
    )
    return figure


def _decade(value: float) -> int:
    """The power of ten at or below a positive value (1.5e9 -> 9)."""
    power = 0
    value = max(float(value), 1.0)
    while value >= 10:
        value /= 10
        power += 1
    return power


def _files_size(files, size_bytes, lang: str) -> str:
    """'3 files · 2 GB' in the UI language (one file reads '1 file')."""
    return tn(
        "archive.files_size", int(files), lang, files=fmt_int(files, lang), size=fmt_bytes(size_bytes, lang)
    )


def archive_treemap(frame: pd.DataFrame, lang: str, *, missing_label: str) -> go.Figure:
    """Treemap of bytes stored: media kind, then session. Expects `queries/archive_by_session.sql`."""
    ids, labels, parents, values, text, colours, hover = [], [], [], [], [], [], []
    for kind in ("video", "audio", "photo"):
        rows = frame[frame["kind"] == kind]
        if rows.empty:
            continue
        kind_name = t(f"archive.{kind}", lang)
        total, files = int(rows["size_bytes"].sum()), int(rows["files"].sum())
        ids.append(kind)
        labels.append(kind_name)
        parents.append("")
        values.append(total)
        text.append(fmt_bytes(total, lang))
        colours.append(KIND_COLOURS[kind])
        hover.append(f"<b>{kind_name}</b><br>{_files_size(files, total, lang)}")
        for row in rows.itertuples(index=False):
            key = _NO_SESSION if pd.isna(row.session_id) else row.session_id
            name = missing_label if pd.isna(row.session) else str(row.session)
            ids.append(f"{kind}/{key}")
            labels.append(name)
            parents.append(kind)
            values.append(int(row.size_bytes))
            text.append(fmt_bytes(row.size_bytes, lang))
            colours.append(_translucent(KIND_COLOURS[kind], 0.7))
            hover.append(f"<b>{name}</b> · {kind_name}<br>{_files_size(row.files, row.size_bytes, lang)}")
    figure = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="total",
            text=text,
            texttemplate="%{label}<br>%{text}",
            textfont=dict(family=FONT, size=16),
            marker=dict(colors=colours, line=dict(color="#ffffff", width=2)),
            hovertext=hover,
            hoverinfo="text",
            sort=True,
            tiling=dict(pad=2),
            pathbar=dict(visible=False),
        )
    )
    figure.update_layout(template=TEMPLATE_NAME, height=480, margin=dict(l=0, r=0, t=10, b=0))
    return figure
