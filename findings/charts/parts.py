"""Part-to-whole charts: what each whole is made of.

Stacked bars, one whole per row: theme_stance_split (a theme's code applications by stance) and
session_composition (a session's people by discipline or role). Nested shapes, one whole in
levels: discipline_role_sunburst (people: disciplines, then their roles) and archive_treemap
(bytes stored: media kind, then session). A suppressed part is never drawn at its size: it is
left out of the stack or the rings, and named where it would be.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from findings.charts.draft import Draft, bar, scatter, sunburst, treemap
from findings.charts.theme import (
    FONT,
    GRID,
    INK,
    KIND_COLOURS,
    KIND_TEXT,
    MUTED,
    NO_SESSION,
    PALETTE,
    PAPER,
    STANCE_COLOURS,
    STANCE_ORDER,
    TEMPLATE_NAME,
    count_axis,
    files_size,
    numbers,
    plain,
    separators,
    suppressed_hover,
    suppressed_label,
    suppressed_marks,
    suppressed_rows,
    text_on,
    wrap_label,
)
from findings.i18n import fmt_bytes, fmt_int, fmt_pct, t, tn
from findings.privacy import DEFAULT_MIN_CELL


def theme_stance_split(frame: pd.DataFrame, lang: str, *, min_cell: int = DEFAULT_MIN_CELL) -> go.Figure:
    """Stacked horizontal bars: each theme's code applications by stance (risk, mixed, opportunity).

    Expects the columns of `queries/theme_stance_split.sql`. Segments suppressed for the audience
    are left out of the stack (their width would give them away); a grey "suppressed" at the end of
    the theme's shown bar says so, its hover naming the stances.
    """
    # a theme none of whose code applications carries a stance has no bar to split: left out
    frame = frame[~(numbers(frame["with_stance"]) == 0).to_numpy()]
    themes = list(dict.fromkeys(frame["theme_id"]))
    theme_labels = dict(zip(frame["theme_id"], frame["theme_label"], strict=True))
    hidden = suppressed_rows(frame, "code_applications")
    counts = numbers(frame["code_applications"]).mask(hidden.to_numpy())
    draft = Draft()
    for stance in STANCE_ORDER:
        rows = frame[frame["stance"] == stance]
        if rows.empty:
            continue
        name = t(f"stance.{stance}", lang)
        gone = hidden.loc[rows.index]
        draft.add_trace(
            bar(
                x=counts.loc[rows.index],
                y=rows["theme_id"],
                orientation="h",
                name=name,
                marker_color=STANCE_COLOURS[stance],
                text=[
                    "" if g or not n else fmt_int(n, lang)
                    for n, g in zip(rows["code_applications"], gone, strict=True)
                ],
                textposition="inside",
                insidetextanchor="middle",
                textfont=dict(color=PAPER, size=15),
                hovertext=[
                    ""
                    if g
                    else f"<b>{plain(row.theme_label)}</b><br>"
                    + t(
                        "common.named",
                        lang,
                        name=name,
                        value=t(
                            "themes.stance_hover",
                            lang,
                            n=fmt_int(row.code_applications, lang),
                            total=fmt_int(row.with_stance, lang),
                            share=fmt_pct(row.share, lang),
                        ),
                    )
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
        draft.add_trace(
            suppressed_marks(
                marked,
                [f"<b>{plain(theme_labels[theme])}</b><br>{stances[theme]}" for theme in marked],
                lang,
                min_cell,
                x=[float(ends[theme]) for theme in marked],
            )
        )
    xaxis = dict(title=t("axis.codes", lang), **count_axis(top))
    if marked:  # room after the longest bar for its "suppressed" label
        xaxis["range"] = [0, max(top, 1) * 1.3]
    draft.update_layout(
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
            ticktext=[wrap_label(plain(theme_labels[theme]), 22) for theme in themes],
            ticklabelstandoff=8,
            title=None,
        ),
        separators=separators(lang),
    )
    return draft.figure()


def session_composition(
    frame: pd.DataFrame,
    colours: dict[str, str],
    legend_title: str,
    lang: str,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
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
    draft = Draft()
    for value in order:
        rows = frame[(frame["value"] == value) & frame["_n"].notna()]
        if rows.empty:  # suppressed in every session: named in the sessions' gaps
            continue
        label = plain(rows["label"].iloc[0])
        draft.add_trace(
            bar(
                name=label,
                x=rows["participants"],
                y=[names[s] for s in rows["session_id"]],
                orientation="h",
                marker_color=colours.get(value, PALETTE[-1]),
                marker_line=dict(color=PAPER, width=1),
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
    word, why = suppressed_label(lang), suppressed_hover(lang, min_cell)
    gaps, gap_names, gap_hover = [], [], []
    for s in sessions:
        rows = frame[frame["session_id"] == s]
        hidden = sorted(plain(label) for label in rows.loc[rows["_n"].isna(), "label"])
        if hidden and not pd.isna(totals[s]):
            gaps.append(totals[s] - rows["_n"].sum())
            gap_names.append(names[s])
            gap_hover.append(
                f"<b>{names[s]}</b><br>{t('common.named', lang, name=word, value=', '.join(hidden))}<br>"
                + why
            )
    if gaps:
        draft.add_trace(
            bar(
                name=word,
                x=gaps,
                y=gap_names,
                orientation="h",
                marker=dict(
                    color=PAPER,
                    line=dict(color=MUTED, width=1),
                    pattern=dict(shape="/", fgcolor=GRID, bgcolor=PAPER, size=8, solidity=0.5),
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
        draft.add_trace(
            scatter(
                x=[0] * len(sessions),
                y=[names[s] for s in sessions],
                mode="markers",
                opacity=0,
                hoverinfo="skip",
                showlegend=False,
            )
        )
    widest = max(known, default=0)
    draft.update_layout(
        template=TEMPLATE_NAME,
        barmode="stack",
        height=170 + 62 * max(len(sessions), 1),
        margin=dict(t=75),  # the legend sits below the modebar, which appears on hover
        # above the bars, not beside them: on a phone a legend at the side left the bars a sliver
        legend=dict(
            title=dict(text=plain(legend_title), side="top left"),
            orientation="h",
            yanchor="bottom",
            y=1.01,
            x=0,
            xanchor="left",
            traceorder="normal",
        ),
        uniformtext=dict(minsize=13, mode="hide"),  # a count that does not fit its segment is left out
        xaxis=dict(
            title=t("voices.axis_people", lang),
            range=[0, max(widest, 1) * 1.1],
            rangemode="tozero",
            showticklabels=bool(known),  # no scale to read when every session's size is suppressed
        ),
        yaxis=dict(
            title=None,
            type="category",
            categoryorder="array",
            categoryarray=[names[s] for s in sessions],
            autorange="reversed",
            # a long session name ("Assembly 3 · Bradbury Building") on two lines: on a phone one
            # line took more than the margin Plotly will give it, and lost its start
            tickvals=[names[s] for s in sessions],
            ticktext=[wrap_label(names[s], 20) for s in sessions],
            ticksuffix="  ",
        ),
        annotations=[
            dict(
                x=totals[s],
                y=names[s],
                text=f"<b>{fmt_int(totals[s], lang)}</b>",
                showarrow=False,
                xanchor="left",
                xshift=6,
                font=dict(size=15, color=INK),
            )
            if not pd.isna(totals[s])
            else dict(  # the session's own size is suppressed: no bar, the word where it would start
                x=0,
                y=names[s],
                text=word,
                showarrow=False,
                xanchor="left",
                xshift=6,
                font=dict(size=15, color=MUTED),
                hovertext=f"<b>{names[s]}</b><br>{why}",
            )
            for s in sessions
        ],
        separators=separators(lang),
    )
    return draft.figure()


#: how opaque the outer ring's wedges (the roles) are drawn, so the inner ring reads as their owner
LEAF_OPACITY = 0.6


def discipline_role_sunburst(frame: pd.DataFrame, colours: dict[str, str], lang: str) -> go.Figure:
    """A sunburst of the filtered participants (people): disciplines inside, their roles outside.

    Expects the columns of `queries/discipline_roles.sql`; a role keeps its discipline's colour
    (lighter, as a leaf), so the same discipline has the same colour as on every other chart.

    Sizes suppressed for the audience (findings/privacy.py) are not drawn (a wedge cannot be
    sized by a blank; the page names them). The rings then hang from a centre holding all the
    filtered participants, so the drawn wedges keep their true share and what is hidden stays an
    empty gap, never a wedge sized by the hidden sum. A wedge is never drawn smaller than the wedges
    it holds (the public's noisy counts can say so), or Plotly would draw nothing.
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
    texts = [f"{wrap_label(plain(x), 14)}<br>{fmt_int(n, lang)}" for x, n in zip(labels, values, strict=True)]
    hovers = [hover(label, n) for label, n in zip(labels, values, strict=True)]
    sector_colours = [colours.get(d, PALETTE[-1]) for d in owners]
    # the wedges' sizes: the public's counts carry noise (privacy.perturb), so a discipline's roles
    # can add up to more than the discipline, and Plotly then draws no ring at all; such a wedge is
    # drawn as large as its roles, its number (text, hover) still the one published
    sizes = list(values)
    inner = len(disciplines)
    for i, discipline in enumerate(disciplines["discipline"]):
        held = sum(v for v, d in zip(values[inner:], roles["discipline"], strict=True) if d == discipline)
        sizes[i] = max(sizes[i], held)
    if hidden:  # a centre of everyone, so the hidden part is a gap in the rings
        root = "all"
        ids, parents = [root, *ids], ["", *(p or root for p in parents)]
        labels, values = ["", *labels], [int(total), *values]
        sizes = [max(int(total), sum(sizes[:inner])), *sizes]
        everyone = tn("common.participants", int(total), lang, count=fmt_int(total, lang))
        texts = [wrap_label(everyone, 14), *texts]
        hovers = [everyone, *hovers]
        sector_colours = [PAPER, *sector_colours]
    # a ring's text in ink or white, whichever reads on its wedge (Plotly's own choice left ink on
    # the darkest inner wedges); the outer ring's leaves are drawn at LEAF_OPACITY
    leaves = set(ids) - set(parents)
    text_colours = [
        text_on(c, LEAF_OPACITY if i in leaves else 1.0) for i, c in zip(ids, sector_colours, strict=True)
    ]
    draft = Draft()
    draft.add_trace(
        sunburst(
            ids=ids,
            labels=[wrap_label(plain(x), 14) for x in labels],
            parents=parents,
            values=sizes,
            branchvalues="total",
            marker=dict(colors=sector_colours, line=dict(color=PAPER, width=2)),
            leaf=dict(opacity=LEAF_OPACITY),
            textfont=dict(color=text_colours),
            text=texts,
            texttemplate="%{text}",
            insidetextorientation="horizontal",
            hovertext=hovers,
            hoverinfo="text",
            sort=False,
        )
    )
    draft.update_layout(
        template=TEMPLATE_NAME,
        height=620,
        margin=dict(l=10, r=10, t=10, b=10),
        uniformtext=dict(minsize=12, mode="hide"),
        separators=separators(lang),
    )
    return draft.figure()


def archive_treemap(frame: pd.DataFrame, lang: str, *, missing_label: str) -> go.Figure:
    """Where the bytes are: one treemap per media kind (film, then audio, then photos), stacked,
    each headed by the kind and its total and tiled by session. Each kind fills its own band, so a
    kind of a few gigabytes reads as well as one of terabytes (one shared treemap would be one
    block of film); the kinds' totals are compared in their headers. Expects
    `queries/archive_by_session.sql`."""
    kinds = [kind for kind in ("video", "audio", "photo") if not frame[frame["kind"] == kind].empty]
    band, gap = 1 / max(len(kinds), 1), 0.04
    traces = []
    for i, kind in enumerate(kinds):
        rows = frame[frame["kind"] == kind]
        kind_name = t(f"archive.{kind}", lang)
        total, files = int(rows["size_bytes"].sum()), int(rows["files"].sum())
        # the header names the kind and its total (a root's own text is not drawn)
        header = f"{kind_name} · {fmt_bytes(total, lang)}"
        ids, labels, parents, values, text, hover = [kind], [header], [""], [total], [], []
        text.append(fmt_bytes(total, lang))
        hover.append(f"<b>{kind_name}</b><br>{files_size(files, total, lang)}")
        for row in rows.itertuples(index=False):
            key = NO_SESSION if pd.isna(row.session_id) else row.session_id
            name = missing_label if pd.isna(row.session) else plain(row.session)
            ids.append(f"{kind}/{key}")
            labels.append(
                name.replace(" · ", "<br>")
            )  # "Assembly 2 · Hearst Estate" on two lines: narrow blocks
            parents.append(kind)
            values.append(int(row.size_bytes))
            text.append(fmt_bytes(row.size_bytes, lang))
            hover.append(f"<b>{name}</b> · {kind_name}<br>{files_size(row.files, row.size_bytes, lang)}")
        top = 1 - i * band
        traces.append(
            treemap(
                ids=ids,
                labels=labels,
                parents=parents,
                values=values,
                branchvalues="total",
                text=text,
                texttemplate="%{label}<br>%{text}",
                textfont=dict(family=FONT, size=15, color=KIND_TEXT[kind]),
                marker=dict(colors=[KIND_COLOURS[kind]] * len(ids), line=dict(color=PAPER, width=2)),
                hovertext=hover,
                hoverinfo="text",
                sort=True,
                tiling=dict(pad=2),
                pathbar=dict(visible=False),
                domain=dict(x=[0, 1], y=[max(0.0, top - band + gap / 2), top - gap / 2]),
                name=kind_name,
            )
        )
    draft = Draft(traces)
    draft.update_layout(
        template=TEMPLATE_NAME, height=60 + 190 * max(len(kinds), 1), margin=dict(l=0, r=0, t=10, b=0)
    )
    return draft.figure()
