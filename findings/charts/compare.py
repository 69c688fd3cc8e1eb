"""Comparison charts: groups set side by side, theme by theme.

compare_groups (two groups' shares with their intervals as a dumbbell, and the difference as
diverging bars) and discipline_spread (each theme's leading discipline against its baseline and a
threshold: shared or distinctive).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from findings.charts.draft import Draft, bar, scatter
from findings.charts.theme import (
    COMPARE_REST_COLOUR,
    INK,
    MUTED,
    PAPER,
    TEMPLATE_NAME,
    numbers,
    pct_axis,
    plain,
    separators,
    suppressed_hover,
    suppressed_label,
    suppressed_marks,
)
from findings.i18n import fmt_int, fmt_pct, t, tn
from findings.privacy import DEFAULT_MIN_CELL


def _signed_points(value: float) -> str:
    rounded = round(value)
    return f"+{rounded}" if rounded > 0 else ("0" if rounded == 0 else f"\u2212{-rounded}")


def compare_verdict(row, tests: int, lang: str, excerpts: bool = False, ahead: str = "a") -> str:
    """Whether a theme's gap is beyond chance, in words: Holm-adjusted for the `tests` themes
    compared (stats.with_intervals' `differs`), with the gap's 95% Newcombe interval in points, as
    A - B, or as B - A when `ahead` is "b" (a sentence that names B first). For passages (clustered
    by source, not independent) a gap beyond chance is hedged."""
    key = "compare.verdict.differs" if bool(row.differs) else "compare.verdict.chance"
    low, high = 100 * row.difference_low, 100 * row.difference_high
    if ahead == "b":
        low, high = -high, -low
    low, high = _signed_points(low), _signed_points(high)
    said = tn(key, tests, lang, count=fmt_int(tests, lang), low=low, high=high)
    if excerpts and bool(row.differs):
        said += t("compare.verdict.independent", lang)
    return said


def compare_groups(
    frame: pd.DataFrame,
    lang: str,
    *,
    a_label: str,
    b_label: str,
    a_colour: str,
    b_colour: str,
    min_cell: int = DEFAULT_MIN_CELL,
    excerpts: bool = False,
    tests: int | None = None,
) -> go.Figure:
    """Two groups, theme by theme: a dumbbell of each group's share of participants reached with
    its 95% Wilson interval (left), and the difference A - B in percentage points (right).

    Expects the columns of queries/compare_theme_reach.sql plus those stats.with_intervals adds,
    in the order to draw them (top to bottom); with `excerpts`, those of
    queries/compare_theme_excerpts.sql (each group's share of its excerpts, for a set without
    participants). The difference carries its 95% Newcombe interval and is faded where it may be
    chance once adjusted for every theme compared (`differs`, Holm; `tests` themes).
    A theme whose shares are suppressed for the audience (findings/privacy.py; `min_cell` is the
    deployment's k) gets no marker and no bar: the word "suppressed" stands in both panels.
    """
    rows = len(frame)
    tests = rows if tests is None else tests  # the themes compared (the chart may draw fewer)
    y = list(range(rows))
    themes = [plain(label) for label in frame["theme_label"]]
    part, whole = ("excerpts", "total") if excerpts else ("reached", "participants")
    hover_key = "compare.hover.group_excerpts" if excerpts else "compare.hover.group"
    axis_key = "compare.axis.share_excerpts" if excerpts else "compare.axis.share"
    draft = Draft.columns(widths=(0.62, 0.38), spacing=0.09)

    offsets = {"a": -0.16, "b": 0.16}  # A just above B on each row
    symbols = {"a": "circle", "b": "diamond"}  # shapes differ too, for greyscale and colour-blind readers
    for group, label, colour in (("a", a_label, a_colour), ("b", b_label, b_colour)):
        share = numbers(frame[f"{group}_share"])
        low, high = numbers(frame[f"{group}_low"]), numbers(frame[f"{group}_high"])
        sizes = frame[f"{group}_{whole}"].dropna()
        n = sizes.iloc[0] if len(sizes) else pd.NA
        hover = [
            f"<b>{theme}</b><br>"
            + t(
                hover_key,
                lang,
                group=plain(label),
                k=fmt_int(k, lang),
                n=fmt_int(n, lang),
                share=fmt_pct(s, lang),
                low=fmt_pct(lo, lang, 1),
                high=fmt_pct(hi, lang, 1),
            )
            for theme, k, s, lo, hi in zip(themes, frame[f"{group}_{part}"], share, low, high, strict=True)
        ]
        draft.add_trace(
            scatter(
                x=share,
                y=[i + offsets[group] for i in y],
                # a click on a group's marker names its theme and its group (the page opens its excerpts)
                customdata=[[theme, group] for theme in frame["theme_id"]],
                mode="markers",
                name=t(
                    "compare.legend",
                    lang,
                    letter=group.upper(),
                    group=plain(label),
                    n=fmt_int(n, lang),
                ),
                marker=dict(color=colour, size=14, symbol=symbols[group], line=dict(color=PAPER, width=1)),
                error_x=dict(
                    type="data",
                    symmetric=False,
                    array=list(high - share),
                    arrayminus=list(share - low),
                    color=colour,
                    thickness=2.5,
                    width=7,
                ),
                hovertext=hover,
                hoverinfo="text",
            ),
            col=1,
        )

    difference = 100 * numbers(frame["difference"])
    beyond = frame["differs"].fillna(False).astype(bool)
    low, high = 100 * numbers(frame["difference_low"]), 100 * numbers(frame["difference_high"])
    draft.add_trace(
        bar(
            x=difference,
            y=y,
            orientation="h",
            marker=dict(
                color=[a_colour if d > 0 else b_colour for d in difference],
                opacity=[1.0 if o else 0.35 for o in beyond],
            ),
            error_x=dict(
                type="data",
                symmetric=False,
                array=list(high - difference),
                arrayminus=list(difference - low),
                color=MUTED,
                thickness=1.5,
                width=5,
            ),
            text=["" if pd.isna(d) else _signed_points(d) for d in difference],
            textposition="none",  # written past the whisker instead (below), where it cannot cross it
            cliponaxis=False,
            hovertext=[
                f"<b>{theme}</b><br>"
                + t("compare.hover.difference", lang, points=_signed_points(d))
                + "<br>"
                + compare_verdict(row, tests, lang, excerpts)
                if not pd.isna(d)
                else ""
                for theme, d, row in zip(themes, difference, frame.itertuples(index=False), strict=True)
            ],
            hoverinfo="text",
            showlegend=False,
            width=0.55,
        ),
        col=2,
    )

    # each difference written just past the end of its interval, on the side it leans
    ends = [
        None if pd.isna(d) else (hi if d >= 0 else lo)
        for d, lo, hi in zip(difference, low, high, strict=True)
    ]
    draft.add_trace(
        scatter(
            x=ends,
            y=y,
            mode="text",
            text=["" if pd.isna(d) else _signed_points(d) for d in difference],
            textposition=["middle right" if d >= 0 else "middle left" for d in difference.fillna(0)],
            textfont=dict(color=INK),
            cliponaxis=False,
            hoverinfo="skip",
            showlegend=False,
            name="difference",
        ),
        col=2,
    )

    # the suppressed themes: the word where their markers and their bar would be
    hidden = [i for i, d in zip(y, difference, strict=True) if pd.isna(d)]
    if hidden:
        heads = [f"<b>{themes[i]}</b>" for i in hidden]
        for col in (1, 2):
            draft.add_trace(suppressed_marks(hidden, heads, lang, min_cell), col=col)

    shown = pd.concat([difference.abs(), low.abs(), high.abs()]).dropna()  # the intervals fit too
    reach = max(10.0, float(shown.max()) if len(shown) else 10.0)
    draft.update_layout(
        template=TEMPLATE_NAME,
        height=170 + 66 * max(rows, 1),
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom"),
        margin=dict(t=60),
        bargap=0.4,
        separators=separators(lang),
    )
    draft.update_yaxes(
        tickvals=y,
        ticktext=themes,
        range=[rows - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        ticksuffix="  ",
        col=1,
    )
    draft.update_yaxes(showgrid=False, zeroline=False, col=2)
    draft.update_xaxes(
        title=t(axis_key, lang),
        range=[-0.03, 1.03],
        **pct_axis(lang),
        col=1,
    )
    draft.update_xaxes(
        title=t("compare.axis.difference", lang),
        range=[-reach * 1.45, reach * 1.45],
        zeroline=True,
        zerolinecolor=MUTED,
        zerolinewidth=1.5,
        col=2,
    )
    return draft.figure()


_SPREAD_ORDER = {"distinctive": 0, "between": 1, "shared": 2, "unvoiced": 3}


def discipline_spread(
    frame: pd.DataFrame,
    lang: str,
    colours: dict[str, str],
    threshold: float,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
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
    word, why = suppressed_label(lang), suppressed_hover(lang, min_cell)
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
                "compare.spread.disciplines",
                lang,
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
            tied = int(row.top_tied) - 1
            others = fmt_int(tied, lang)
            text.append(
                tn("compare.spread.bar_tied", tied, lang, discipline=discipline, others=others, share=share)
            )
        else:
            text.append(t("compare.spread.bar", lang, discipline=discipline, share=share))
        if hidden:
            hover.append(f"<b>{theme}</b><br>{why}")
        elif voiced:
            hover.append(
                f"<b>{theme}</b><br>"
                + t(
                    "compare.spread.hover",
                    lang,
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

    draft = Draft()
    draft.add_trace(
        bar(
            x=ordered["_share"],
            y=y,
            orientation="h",
            marker_color=bar_colours,
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hoverinfo="text",
            showlegend=False,
            width=0.6,
            textfont=dict(color=text_colours),
        )
    )
    draft.add_trace(
        scatter(
            x=numbers(ordered["top_baseline"]),
            y=y,
            mode="markers",
            name=t("compare.spread.baseline", lang),
            marker=dict(symbol="line-ns-open", size=30, color=INK, line=dict(width=3, color=INK)),
            hoverinfo="skip",
        )
    )
    # the threshold: a dashed line, named by its own tick on the axis (clear of the legend and labels)
    draft.add_vline(x=threshold, line=dict(color=MUTED, dash="dash", width=1.5), layer="below")
    ticks_x = sorted({0, threshold, 1})  # few ticks, so the threshold's two-line label fits
    ticktext_x = [
        t("compare.spread.threshold", lang, share=fmt_pct(v, lang)) if v == threshold else fmt_pct(v, lang)
        for v in ticks_x
    ]
    draft.update_layout(
        template=TEMPLATE_NAME,
        height=150 + 78 * max(rows, 1),
        legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom"),
        margin=dict(t=70),
        separators=separators(lang),
        xaxis=dict(
            title=t("compare.spread.axis", lang),
            range=[0, 1.55],
            tickvals=ticks_x,
            ticktext=ticktext_x,
            tickangle=0,
        ),
        yaxis=dict(
            tickvals=y,
            ticktext=ticks,
            range=[rows - 0.5, -0.5],
            showgrid=False,
            zeroline=False,
            ticksuffix="  ",
        ),
    )
    return draft.figure()
