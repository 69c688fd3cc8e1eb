"""Bar charts of magnitude: one bar per item (or per item and kind), its length the amount.

theme_group_reach and theme_prevalence (horizontal, a share of people or a count per theme group
or theme) and archive_session_bars (grouped columns, one per media kind in each session).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from findings.charts.draft import Draft, bar, scatter
from findings.charts.theme import (
    CLEAR,
    INK,
    KIND_COLOURS,
    MUTED,
    NO_SESSION,
    PALETTE,
    TEMPLATE_NAME,
    colour_map,
    count_axis,
    files_size,
    numbers,
    pct_axis,
    plain,
    reached,
    separators,
    suppressed_marks,
    suppressed_rows,
    wrap_label,
)
from findings.i18n import fmt_bytes, fmt_decimal, fmt_hours, fmt_int, fmt_pct, t, tn
from findings.measures import MEASURE_COLUMNS
from findings.privacy import DEFAULT_MIN_CELL


def theme_group_reach(
    frame: pd.DataFrame, lang: str, *, min_cell: int = DEFAULT_MIN_CELL, excerpts_total: int | None = None
) -> go.Figure:
    """Horizontal bars: share of the filtered participants who voiced each theme group; with
    `excerpts_total` (a set that records no participants), share of the filtered excerpts coded in it.

    Expects the columns of `queries/theme_group_reach.sql`, in codebook order. A group whose
    counts are suppressed for the audience (findings/privacy.py) gets no bar, only a grey
    "suppressed" label where the bar would start (hover: why, for `min_cell` people).
    """
    colours = colour_map(list(frame["theme_group"]))
    by_excerpts = excerpts_total is not None
    total = excerpts_total if by_excerpts else (frame["participants"].iloc[0] if len(frame) else 0)
    counts = frame["excerpts"] if by_excerpts else frame["participants_reached"]
    hidden = suppressed_rows(frame, "excerpts" if by_excerpts else "share_reached")
    if by_excerpts:
        shares = (numbers(frame["excerpts"]) / max(int(total or 0), 1)).fillna(0.0).mask(hidden.to_numpy())
    else:
        shares = numbers(frame["share_reached"]).fillna(0.0).mask(hidden.to_numpy())
    text = [
        "" if gone else f"{fmt_pct(s, lang)}  ({fmt_int(n, lang)})"
        for s, n, gone in zip(shares, counts, hidden, strict=True)
    ]
    reached = [
        ""
        if by_excerpts
        else t("hover.reached", lang, n=fmt_int(n, lang), total=fmt_int(total, lang)) + "<br>"
        for n in frame["participants_reached"]
    ]
    hover = [
        ""
        if gone
        else f"<b>{plain(label)}</b><br>{first}{tn('hover.excerpts', e, lang, count=fmt_int(e, lang))}"
        for label, first, e, gone in zip(
            frame["theme_group_label"], reached, frame["excerpts"], hidden, strict=True
        )
    ]
    # a group's name on lines of a few words: on a phone a long one would push its bar off the chart
    labels = [wrap_label(plain(label), 24) for label in frame["theme_group_label"]]
    draft = Draft()
    draft.add_trace(
        bar(
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
        draft.add_trace(suppressed_marks(gaps, [f"<b>{label}</b>" for label in gaps], lang, min_cell))
    draft.update_layout(
        template=TEMPLATE_NAME,
        height=90 + 70 * max(len(frame), 1),
        showlegend=False,
        xaxis=dict(
            title=t("axis.share_excerpts" if by_excerpts else "axis.share_reached", lang),
            range=[0, 1.18],  # room for the outside labels
            tickformat=".0%",
            **pct_axis(lang),
        ),
        yaxis=dict(autorange="reversed", title=None, ticksuffix="  "),
        separators=separators(lang),
    )
    return draft.figure()


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
    column = MEASURE_COLUMNS[measure]
    hidden = suppressed_rows(frame, column)
    values = numbers(frame[column]).fillna(0.0).mask(hidden.to_numpy())
    total = frame["participants"].iloc[0] if len(frame) else 0
    draft = Draft()
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
            ""
            if g
            else f"<b>{plain(row.theme_label)}</b><br>{plain(row.theme_group_label)}"
            # where the codebook is a tree, the theme's place in it
            + (f"<br>{plain(row.theme_path)}" if isinstance(getattr(row, "theme_path", None), str) else "")
            # with nobody in the view (a set that records no participants), no "0 of 0" line
            + (f"<br>{reached(row.participants_reached, total, row.share_reached, lang)}" if total else "")
            + f"<br>{tn('hover.excerpts', row.excerpts, lang, count=fmt_int(row.excerpts, lang))}"
            f"<br>{t('themes.hover_codes', lang, n=fmt_int(row.code_applications, lang))}"
            for row, g in zip(rows.itertuples(index=False), gone, strict=True)
        ]
        draft.add_trace(
            bar(
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
        draft.add_trace(
            suppressed_marks(
                list(frame["theme_id"][hidden]),
                [f"<b>{plain(label)}</b>" for label in frame["theme_label"][hidden]],
                lang,
                min_cell,
            )
        )
    if selected in set(frame["theme_id"][~hidden]):
        # the selected theme: an outline drawn over its bar (its own trace, so the legend stays plain)
        draft.add_trace(
            bar(
                x=[values[frame["theme_id"] == selected].iloc[0]],
                y=[selected],
                orientation="h",
                marker=dict(color=CLEAR, line=dict(color=INK, width=4)),
                customdata=[selected],
                showlegend=False,
                hoverinfo="skip",
                name="selected",
            )
        )
    axis = t(f"axis.{measure}", lang)
    title = t("themes.axis_filtered", lang, axis=axis) if filtered else axis
    top = values.max() if values.notna().any() else 0.0
    if measure == "participants":
        # room past a full bar for its "94%  (15)": a phone's plot is a few hundred pixels wide
        xaxis = dict(range=[0, 1.35], **pct_axis(lang))
    else:
        xaxis = dict(range=[0, max(float(top), 1) * 1.2], **count_axis(float(top)))
    # a theme's name on lines of a few words: on a phone a long one would leave its bar no room
    labels = [
        f"<b>{wrap_label(plain(label), 22)}</b>" if theme == selected else wrap_label(plain(label), 22)
        for theme, label in zip(frame["theme_id"], frame["theme_label"], strict=True)
    ]
    draft.update_layout(
        template=TEMPLATE_NAME,
        height=170 + 46 * max(len(frame), 1),
        margin=dict(t=75),  # the legend sits below the modebar, which appears on hover
        barmode="overlay",  # one bar per row: the groups are separate traces only for their colour
        bargap=0.25,
        clickmode="event+select",
        legend=dict(orientation="h", yanchor="bottom", y=1.01, x=0, xanchor="left", title=None),
        # on lines of a few words: on a phone the plot is narrower than a one-line title
        xaxis=dict(title=wrap_label(title, 34), **xaxis),
        yaxis=dict(
            autorange="reversed",
            title=None,
            ticklabelstandoff=8,
            categoryorder="array",
            categoryarray=list(frame["theme_id"]),
            tickvals=list(frame["theme_id"]),
            ticktext=labels,
        ),
        separators=separators(lang),
    )
    return draft.figure()


_ARCHIVE_VALUES = {"hours": "hours", "bytes": "size_bytes", "files": "files"}


def _archive_amount(unit: str, value, lang: str) -> str:
    if unit == "hours":
        return fmt_hours(value, lang)
    if unit == "bytes":
        return fmt_bytes(value, lang)
    return fmt_int(value, lang)


def _decade(value: float) -> int:
    """The power of ten at or below a positive value (1.5e9 -> 9)."""
    power = 0
    value = max(float(value), 1.0)
    while value >= 10:
        value /= 10
        power += 1
    return power


def archive_session_bars(frame: pd.DataFrame, unit: str, lang: str, *, missing_label: str) -> go.Figure:
    """Grouped bars: per session (x, in the frame's order), one bar per media kind, in `unit`
    ("hours", "bytes" on a log axis, or "files"). Expects the columns of
    `queries/archive_by_session.sql`; files with no session form a column named `missing_label`."""
    value_column = _ARCHIVE_VALUES[unit]
    keys = [NO_SESSION if pd.isna(s) else s for s in frame["session_id"]]
    names = dict(
        zip(keys, [missing_label if pd.isna(n) else plain(n) for n in frame["session"]], strict=True)
    )
    sessions = list(dict.fromkeys(keys))
    draft = Draft()
    for kind in ("audio", "photo", "video"):
        rows = [(k, r) for k, r in zip(keys, frame.itertuples(index=False), strict=True) if r.kind == kind]
        rows = [(k, r) for k, r in rows if not pd.isna(getattr(r, value_column))]
        if not rows:
            continue
        values = [float(getattr(r, value_column)) for _, r in rows]
        draft.add_trace(
            bar(
                name=t(f"archive.{kind}", lang),
                x=[sessions.index(k) for k, _ in rows],
                y=values,
                marker_color=KIND_COLOURS[kind],
                text=[_archive_amount(unit, v, lang) for v in values],
                textposition="outside",
                cliponaxis=False,
                hovertext=[
                    f"<b>{names[k]}</b> · {t(f'archive.{kind}', lang)}"
                    f"<br>{files_size(r.files, r.size_bytes, lang)}"
                    + (
                        ""
                        if pd.isna(r.hours)
                        else f"<br>{t('archive.hover_hours', lang, hours=fmt_hours(r.hours, lang))}"
                    )
                    for k, r in rows
                ],
                hoverinfo="text",
            )
        )
    top = max((max(trace["y"]) for trace in draft.traces), default=1)
    if unit == "bytes":
        low = min((min(trace["y"]) for trace in draft.traces), default=1)
        first, last = _decade(low), _decade(top) + 1
        ticks = [10.0**p for p in range(first, last + 1)]
        yaxis = dict(
            type="log",
            range=[first, last + 0.3],
            tickvals=ticks,
            ticktext=[fmt_bytes(v, lang) for v in ticks],
        )
    else:
        yaxis = dict(range=[0, top * 1.18], tickformat=",")  # room for the labels above the bars
    draft.update_layout(
        template=TEMPLATE_NAME,
        barmode="group",
        height=460,
        xaxis=dict(
            title=None,
            tickmode="array",
            tickvals=list(range(len(sessions))),
            ticktext=[wrap_label(names[k]) for k in sessions],
        ),
        yaxis=dict(title=t(f"archive.axis.{unit}", lang), **yaxis),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
        separators=separators(lang),
    )
    return draft.figure()


def saturation_curve(units: pd.DataFrame, themes: int, lang: str) -> go.Figure:
    """Thematic saturation: for each unit (session or source) in the order it took place, a bar of
    the themes first heard there and the running count of distinct themes as a line, against the
    `themes` in all. Expects the `units` frame of findings.saturation (`unit` holding each unit's
    label)."""
    labels = [wrap_label(plain(label), 18) for label in units["unit"]]
    x = list(range(len(units)))
    draft = Draft(
        [
            bar(
                x=x,
                y=list(units["new"]),
                name=t("sessions.saturation.new", lang),
                marker_color=PALETTE[0],
                text=[f"+{fmt_int(n, lang)}" if n else "0" for n in units["new"]],
                textposition="outside",
                cliponaxis=False,
                hovertext=[
                    t(
                        "sessions.saturation.hover",
                        lang,
                        unit=plain(u),
                        new=fmt_int(n, lang),
                        total=fmt_int(c, lang),
                    )
                    for u, n, c in zip(units["unit"], units["new"], units["cumulative"], strict=True)
                ],
                hoverinfo="text",
            ),
            scatter(
                x=x,
                y=list(units["cumulative"]),
                name=t("sessions.saturation.cumulative", lang),
                mode="lines+markers",
                line=dict(color=INK, width=2, shape="hv"),
                marker=dict(color=INK, size=8),
                hoverinfo="skip",
            ),
        ]
    )
    draft.update_layout(
        template=TEMPLATE_NAME,
        height=380,
        legend=dict(orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom"),
        xaxis=dict(tickvals=x, ticktext=labels, showgrid=False, title=None),
        yaxis=dict(
            title=t("sessions.saturation.axis", lang), range=[0, max(themes, 1) * 1.15], tickformat=",d"
        ),
        separators=separators(lang),
    )
    return draft.figure()


def agreement_bars(
    frame: pd.DataFrame, lang: str, *, reliable: float, tentative: float, min_cell: int = DEFAULT_MIN_CELL
) -> go.Figure:
    """Krippendorff's alpha per theme as horizontal bars from 0 (negative: below chance) against
    the two conventional lines, `tentative` and `reliable` (Krippendorff 2004: conclusions drawn
    tentatively from 0.667, reliably from 0.8). Bars at or above `reliable` are solid; below it,
    faded. A theme nobody applied says so where its bar would be; a suppressed one, "suppressed".

    Expects the theme rows of queries/theme_agreement.sql, in codebook order."""
    labels = [wrap_label(plain(label), 22) for label in frame["theme_label"]]
    hidden = suppressed_rows(frame, "alpha")
    alpha = numbers(frame["alpha"]).mask(hidden.to_numpy())
    unused = [not gone and pd.isna(a) for a, gone in zip(alpha, hidden, strict=True)]
    text = ["" if pd.isna(a) else fmt_decimal(a, lang, 2) for a in alpha]
    hover = [
        ""
        if pd.isna(a)
        else f"<b>{plain(label)}</b><br>"
        + t(
            "agreement.hover",
            lang,
            alpha=fmt_decimal(a, lang, 2),
            kappa="–" if pd.isna(k) else fmt_decimal(k, lang, 2),
            agree=fmt_pct(p, lang),
            n=fmt_int(n, lang),
        )
        for label, a, k, p, n in zip(
            frame["theme_label"],
            alpha,
            numbers(frame["kappa"]),
            numbers(frame["percent_agreement"]),
            frame["passages"],
            strict=True,
        )
    ]
    draft = Draft()
    draft.add_trace(
        bar(
            x=alpha,
            y=labels,
            orientation="h",
            marker=dict(
                color=PALETTE[0],
                opacity=[1.0 if not pd.isna(a) and a >= reliable else 0.45 for a in alpha],
            ),
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hoverinfo="text",
            showlegend=False,
        )
    )
    if hidden.any():
        rows = [y for y, gone in zip(labels, hidden, strict=True) if gone]
        heads = [
            f"<b>{plain(label)}</b>" for label, gone in zip(frame["theme_label"], hidden, strict=True) if gone
        ]
        draft.add_trace(suppressed_marks(rows, heads, lang, min_cell))
    if any(unused):
        draft.add_trace(
            scatter(
                x=[0.0] * sum(unused),
                y=[y for y, u in zip(labels, unused, strict=True) if u],
                mode="text",
                text=[t("agreement.unused", lang)] * sum(unused),
                textposition="middle right",
                textfont=dict(color=MUTED),
                hoverinfo="skip",
                showlegend=False,
                name="unused",
            )
        )
    # the two lines' names above the bars (not over the first one), ending at their line (so the
    # right one stays on a phone's screen), one above the other so close lines do not collide
    for value, key, shift in (
        (tentative, "agreement.tentative_line", 0),
        (reliable, "agreement.reliable_line", 18),
    ):
        draft.add_vline(
            x=value,
            line=dict(color=MUTED, width=1.5, dash="dot"),
            annotation=dict(
                text=t(key, lang, value=fmt_decimal(value, lang, 3)),
                font=dict(color=MUTED),
                x=value,
                xref="x",
                xanchor="right",
                y=1.0,
                yref="paper",
                yanchor="bottom",
                yshift=shift,
                showarrow=False,
            ),
        )
    low = min(0.0, float(alpha.min()) if alpha.notna().any() else 0.0)
    draft.update_layout(
        template=TEMPLATE_NAME,
        height=160 + 46 * max(len(frame), 1),
        margin=dict(t=70),
        xaxis=dict(
            # on two lines, or a phone cuts it
            title=wrap_label(t("agreement.axis", lang), 34),
            range=[low - 0.05, 1.12],
            zeroline=True,
            zerolinecolor=MUTED,
        ),
        yaxis=dict(autorange="reversed", showgrid=False, title=None, ticksuffix="  "),
        separators=separators(lang),
    )
    return draft.figure()


def distinctive_terms(
    frame: pd.DataFrame, lang: str, *, a_label: str, b_label: str, a_colour: str, b_colour: str
) -> go.Figure:
    """The words that set two groups apart: one bar per term, its z-score of the weighted log-odds
    ratio (Monroe, Colaresi and Quinn 2008) to the right for group A, to the left for group B,
    strongest at the top of each side. Expects findings.distinctive.log_odds' columns, cut to
    the terms to draw."""
    ordered = frame.sort_values("z", ascending=False, kind="stable")
    z = list(ordered["z"])
    labels = [plain(term) for term in ordered["term"]]
    hover = [
        f"<b>{plain(term)}</b><br>"
        + t(
            "words.hover",
            lang,
            z=fmt_decimal(value, lang, 1),
            a=fmt_int(ca, lang),
            b=fmt_int(cb, lang),
            a_label=plain(a_label),
            b_label=plain(b_label),
        )
        for term, value, ca, cb in zip(
            ordered["term"], z, ordered["count_a"], ordered["count_b"], strict=True
        )
    ]
    draft = Draft()
    draft.add_trace(
        bar(
            x=z,
            y=labels,
            orientation="h",
            marker_color=[a_colour if value > 0 else b_colour for value in z],
            text=[fmt_decimal(value, lang, 1) for value in z],
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hoverinfo="text",
            showlegend=False,
        )
    )
    reach = max([abs(value) for value in z] + [2.0])
    draft.update_layout(
        template=TEMPLATE_NAME,
        height=150 + 28 * max(len(ordered), 1),
        xaxis=dict(
            title=t("words.axis", lang, a=plain(a_label), b=plain(b_label)),
            range=[-reach * 1.25, reach * 1.25],
            zeroline=True,
            zerolinecolor=MUTED,
        ),
        yaxis=dict(autorange="reversed", showgrid=False, title=None, ticksuffix="  ", type="category"),
        separators=separators(lang),
    )
    return draft.figure()
