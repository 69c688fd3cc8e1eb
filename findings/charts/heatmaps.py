"""Heatmaps: a grid of rows by columns, each cell's colour and written value the amount.

theme_discipline_heatmap (themes by disciplines, share reached) and theme_heatmap (themes by
sessions or activities, in any measure) on the one sequential scale; theme_cooccurrence (theme by
theme, excerpts shared) on the pair scale, since it encodes overlap rather than prevalence, with
strongest_pairs (its pairs ranked, as bars in the pair hue) for when the grid holds only some themes.
Suppressed cells are a grey layer of their own (theme.suppressed_cells), off every scale.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from findings.charts.draft import Draft, bar, heatmap
from findings.charts.theme import (
    GRID,
    PAIR_SCALE,
    SEQUENTIAL_SCALE,
    TEMPLATE_NAME,
    cell_targets,
    count_axis,
    pct_axis,
    plain,
    reached,
    separators,
    suppressed_cells,
    suppressed_rows,
    wrap_label,
)
from findings.i18n import fmt_decimal, fmt_int, fmt_pct, t, tn
from findings.measures import MEASURE_COLUMNS
from findings.privacy import DEFAULT_MIN_CELL


def theme_discipline_heatmap(
    frame: pd.DataFrame, lang: str, *, min_cell: int = DEFAULT_MIN_CELL, clickable: bool = False
) -> go.Figure:
    """Themes (rows, codebook order) by disciplines (columns): the share of each discipline's filtered
    participants who voiced the theme, written in the cell, n of N on hover. A cell suppressed for
    the audience is left off the colour scale and drawn pale grey with the word "suppressed".

    Expects the columns of `queries/theme_discipline_reach.sql`. With `clickable`, a click on a
    shown cell selects it: its point's customdata is [theme_id, discipline].
    """
    themes = list(dict.fromkeys(frame["theme_id"]))
    theme_labels = dict(zip(frame["theme_id"], frame["theme_label"], strict=True))
    disciplines = list(dict.fromkeys(frame["discipline"]))
    discipline_labels = dict(zip(frame["discipline"], frame["discipline_label"], strict=True))
    gone = dict(
        zip(
            zip(frame["theme_id"], frame["discipline"], strict=True),
            suppressed_rows(frame, "share_reached"),
            strict=True,
        )
    )
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
                f"{name}<br>{reached(cell.participants_reached, cell.participants, cell.share_reached, lang)}"
            )
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
        hidden.append(hidden_row)
        names.append(name_row)
    traces = [
        heatmap(
            z=z,
            x=disciplines,
            y=themes,
            zmin=0,
            zmax=1,
            colorscale=SEQUENTIAL_SCALE,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=15),
            hovertext=hover,
            hoverinfo="text",
            hoverongaps=False,
            xgap=2,
            ygap=2,
            colorbar=dict(title=dict(text=t("themes.share", lang)), thickness=14, **pct_axis(lang)),
        )
    ]
    if any(any(row) for row in hidden):
        traces.append(suppressed_cells(hidden, names, disciplines, themes, lang, min_cell))
    if clickable:
        traces[0]["hoverinfo"] = "skip"
        keys = [
            [None if gone else (theme, discipline) for discipline, gone in zip(disciplines, row, strict=True)]
            for theme, row in zip(themes, hidden, strict=True)
        ]
        traces.append(cell_targets(disciplines, themes, hover, keys))
    draft = Draft(traces)
    draft.update_layout(
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
        separators=separators(lang),
    )
    return draft.figure()


def theme_cooccurrence(
    frame: pd.DataFrame, mode: str, lang: str, *, min_cell: int = DEFAULT_MIN_CELL, clickable: bool = False
) -> go.Figure:
    """A theme-by-theme matrix of excerpts shared by two themes, as a count or (mode "jaccard") as
    |A∩B| / |A∪B| over excerpts. The diagonal, a theme with itself, is drawn grey and kept out of
    the colour scale (it would dwarf every pair); its hover gives the theme's own excerpt count.
    A pair suppressed for the audience is left off the colour scale and drawn pale grey with the
    word "suppressed". With `clickable`, a click on a shown pair's cell selects it (its
    customdata: the two theme ids); the diagonal and suppressed pairs open nothing.

    Expects the columns of `queries/theme_cooccurrence.sql`.
    """
    themes = list(dict.fromkeys(frame["theme_a"]))
    labels = dict(zip(frame["theme_a"], frame["theme_a_label"], strict=True))
    gone = dict(
        zip(
            zip(frame["theme_a"], frame["theme_b"], strict=True),
            suppressed_rows(frame, "shared_excerpts"),
            strict=True,
        )
    )
    cells = {(row.theme_a, row.theme_b): row for row in frame.itertuples(index=False)}
    z, text, hover, diagonal, diagonal_hover, hidden, names = [], [], [], [], [], [], []
    for a in themes:
        z_row, text_row, hover_row, diag_row, diag_hover_row, hidden_row, name_row = (
            [],
            [],
            [],
            [],
            [],
            [],
            [],
        )
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
                hover_row.append(
                    head
                    + "<br>"
                    + t(
                        "themes.cooc_hover.jaccard",
                        lang,
                        value=shown,
                        n=fmt_int(cell.shared_excerpts, lang),
                        either=fmt_int(cell.either_excerpts, lang),
                    )
                )
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
        heatmap(
            z=diagonal,
            x=themes,
            y=themes,
            zmin=0,
            zmax=1,
            colorscale=[[0, GRID], [1, GRID]],
            showscale=False,
            hovertext=diagonal_hover,
            hoverinfo="text",
            hoverongaps=False,
            xgap=2,
            ygap=2,
        ),
        heatmap(
            z=z,
            x=themes,
            y=themes,
            zmin=0,
            zmax=zmax,
            colorscale=PAIR_SCALE,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=15),
            hovertext=hover,
            hoverinfo="text",
            hoverongaps=False,
            xgap=2,
            ygap=2,
            colorbar=colorbar,
        ),
    ]
    if any(any(row) for row in hidden):
        traces.append(suppressed_cells(hidden, names, themes, themes, lang, min_cell))
    if clickable:
        traces[1]["hoverinfo"] = "skip"
        keys = [
            [
                (a, b) if a != b and not gone and value else None
                for b, gone, value in zip(themes, row, values, strict=True)
            ]
            for a, row, values in zip(themes, hidden, z, strict=True)
        ]
        traces.append(cell_targets(themes, themes, hover, keys))
    draft = Draft(traces)
    ticktext = [plain(labels[theme]) for theme in themes]
    draft.update_layout(
        template=TEMPLATE_NAME,
        height=260 + 52 * max(len(themes), 1),
        xaxis=dict(tickvals=themes, ticktext=ticktext, tickangle=-35, showgrid=False, title=None),
        yaxis=dict(
            autorange="reversed",
            tickvals=themes,
            ticktext=ticktext,
            ticklabelstandoff=8,
            showgrid=False,
            title=None,
        ),
        separators=separators(lang),
    )
    return draft.figure()


def theme_heatmap(
    frame: pd.DataFrame,
    column: str,
    column_label: str,
    measure: str,
    lang: str,
    *,
    missing_label: str = "–",
    min_cell: int = DEFAULT_MIN_CELL,
    clickable: bool = False,
) -> go.Figure:
    """Themes (rows, codebook order) by sessions or activities (columns, in the frame's order).

    Expects the columns of `queries/session_theme_matrix.sql` or `activity_theme_matrix.sql`:
    `column` names the id column (e.g. "session_id", "activity"; a null id is its own column,
    labelled `missing_label`) and `column_label` its display text. Cells count `measure`
    ("participants": share reached, "excerpts", "codes"); the hover gives all three counts.

    A cell whose value is suppressed for the audience (findings/privacy.py; `min_cell` is the
    deployment's k) has no colour and no number: it is drawn light grey, says "suppressed", and
    its hover says why; the colour scale runs over the shown cells only.

    With `clickable`, a click on a shown cell of a recorded session or activity selects it: its
    point's customdata is [theme_id, the column's id].
    """
    keys = [None if pd.isna(k) else k for k in frame[column]]
    names = [missing_label if pd.isna(n) else str(n) for n in frame[column_label]]
    columns = list(dict.fromkeys(keys))
    column_names = dict(zip(keys, names, strict=True))
    themes = list(dict.fromkeys(frame["theme_id"]))
    theme_names = dict(zip(frame["theme_id"], frame["theme_label"], strict=True))
    rows = frame.itertuples(index=False)
    cells = {(k, th): row for k, th, row in zip(keys, frame["theme_id"], rows, strict=True)}
    value_column = MEASURE_COLUMNS[measure]

    z, text, hover = [], [], []
    hidden, places = [], []  # the suppressed cells, drawn apart in grey (suppressed_cells)
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
            counted = (  # with nobody in the view (no participants recorded), no "0 of 0" line
                "<br>"
                + t(
                    "hover.reached",
                    lang,
                    n=fmt_int(cell.participants_reached, lang),
                    total=fmt_int(cell.participants, lang),
                )
                if not pd.isna(cell.participants) and cell.participants
                else ""
            )
            hover_row.append(
                f"{place}{counted}"
                f"<br>{tn('hover.excerpts', cell.excerpts, lang, count=fmt_int(cell.excerpts, lang))}"
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
    draft = Draft()
    draft.add_trace(
        heatmap(
            z=z,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=15),
            hovertext=hover,
            hoverinfo="text",
            hoverongaps=False,
            colorscale=SEQUENTIAL_SCALE,
            zmin=0,
            zmax=top,
            showscale=False,  # every cell carries its number; the caption says what it counts
            xgap=3,
            ygap=3,
        )
    )
    if any(any(row) for row in hidden):
        draft.add_trace(suppressed_cells(hidden, places, x, y, lang, min_cell, gap=3))
    if clickable:
        draft.traces[0]["hoverinfo"] = "skip"
        targets = [
            [None if gone or key is None else (theme, key) for key, gone in zip(columns, row, strict=True)]
            for theme, row in zip(themes, hidden, strict=True)
        ]
        # a cell of passages with no activity recorded has no value to filter by: it opens nothing
        draft.add_trace(cell_targets(x, y, hover, targets))
    draft.update_layout(
        template=TEMPLATE_NAME,
        height=110 + 56 * max(len(themes), 1),
        xaxis=dict(
            side="top",
            title=None,
            showgrid=False,
            zeroline=False,
            ticks="",
            tickfont=dict(size=15),
            tickmode="array",
            tickvals=x,
            ticktext=[wrap_label(plain(column_names[k])) for k in columns],
        ),
        yaxis=dict(
            autorange="reversed",
            title=None,
            showgrid=False,
            zeroline=False,
            ticks="",
            ticksuffix="  ",
            tickfont=dict(size=15),
            tickmode="array",
            tickvals=y,
            ticktext=[plain(theme_names[th]) for th in themes],
        ),
        separators=separators(lang),
    )
    return draft.figure()


def strongest_pairs(frame: pd.DataFrame, mode: str, lang: str) -> go.Figure:
    """The pairs of themes that come up together most, ranked (a list where a grid of hundreds of
    themes would be unreadable): one bar per pair, shared excerpts or (mode "jaccard") Jaccard
    similarity, in the co-occurrence grid's own hue.

    Expects rows of `queries/theme_cooccurrence.sql` already chosen and ordered (stats.strongest_pairs):
    each unordered pair once, none suppressed.
    """
    names = [
        f"{plain(a)} + {plain(b)}"
        for a, b in zip(frame["theme_a_label"], frame["theme_b_label"], strict=True)
    ]
    if mode == "jaccard":
        values = [float(v) for v in frame["jaccard"]]
        text = [fmt_decimal(v, lang, 2) for v in values]
        said = [
            t("themes.cooc_hover.jaccard", lang, value=shown, n=fmt_int(n, lang), either=fmt_int(e, lang))
            for shown, n, e in zip(text, frame["shared_excerpts"], frame["either_excerpts"], strict=True)
        ]
    else:
        values = [int(v) for v in frame["shared_excerpts"]]
        text = [fmt_int(v, lang) for v in values]
        said = [t("themes.cooc_hover.count", lang, n=shown) for shown in text]
    draft = Draft()
    draft.add_trace(
        bar(
            x=values,
            y=[wrap_label(name, 40) for name in names],
            orientation="h",
            marker_color=PAIR_SCALE[-1][1],
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"<b>{name}</b><br>{line}" for name, line in zip(names, said, strict=True)],
            hoverinfo="text",
        )
    )
    top = max(values, default=0)
    axis = (
        dict(tickformat=".2f", range=[0, 1.1])
        if mode == "jaccard"
        else dict(range=[0, top * 1.15 or 1], **count_axis(top))
    )
    draft.update_layout(
        template=TEMPLATE_NAME,
        height=90 + 44 * max(len(frame), 1),
        showlegend=False,
        xaxis=dict(title=t(f"themes.cooc.{mode}", lang), **axis),
        yaxis=dict(autorange="reversed", title=None, ticksuffix="  "),
        separators=separators(lang),
    )
    return draft.figure()
