"""Themes: which themes came up, how widely, among whom, in what spirit, and which together."""

import pandas as pd
import streamlit as st

from findings import charts, i18n, site, stats, words
from findings.app import frame, state, widgets
from findings.measures import MEASURE_COLUMNS

PREVALENCE_COLUMNS = [
    "theme_id",
    "theme_label",
    "theme_group_label",
    "participants_reached",
    "participants",
    "share_reached",
    "excerpts",
    "code_applications",
    "suppressed",
]
TIED_NAMED = 4  # more themes tied for the top are counted, not named
STRONGEST_PAIRS = 15  # with many themes, the pairs ranked under the grid

# --- context --------------------------------------------------------------------------------
ctx = frame.context()
st.title(ctx.t("themes.title"), anchor=False)
widgets.scope_caption(ctx)
widgets.report_button(ctx, "themes.report")
st.caption(ctx.t("themes.intro"))
head = ctx.run("headline").iloc[0]
prevalence = ctx.run("theme_prevalence")
by_discipline = ctx.run("theme_discipline_reach")
theme_labels = dict(zip(prevalence.theme_id, prevalence.theme_label, strict=True))

# --- inputs (kept in the URL: measure, theme; the theme list comes from the data above) -----
left, right = st.columns([3, 2], vertical_alignment="bottom")
with left:
    measure = widgets.measure(ctx)
with right:
    theme = widgets.choice(
        "theme",
        ctx.t("themes.pick"),
        ["", *theme_labels],
        lambda value: theme_labels.get(value) or ctx.t("themes.pick_none"),
        "",
        widget=st.selectbox,
        help=ctx.t("themes.pick_help"),
    )


# the theme x discipline cell whose excerpts are open (URL `cell`)
cell = widgets.picked_cell(ctx, ("discipline",), theme_labels)
# the pair of themes whose shared excerpts are open (URL `pair`)
pair = widgets.picked_pair(theme_labels)

# --- many themes: the most counted first (the co-occurrence grid always), or all on request ---
many = len(prevalence) > site.MANY_THEMES
top = widgets.most_counted(prevalence, MEASURE_COLUMNS[measure]) if many else set(prevalence.theme_id)
show_all = many and widgets.switch(
    "all", ctx.t("themes.show_all", n=ctx.int(len(prevalence))), help=ctx.t("themes.show_all_help")
)
kept = set(prevalence.theme_id) if show_all or not many else top | ({theme} if theme else set())
top_caption = ctx.t("themes.top_caption", top=ctx.int(site.TOP_THEMES), n=ctx.int(len(prevalence)))

st.subheader(ctx.t("common.theme_prevalence"), anchor=False)
if widgets.too_few(ctx, head):  # said once; the title, scope and choices above stay
    frame.page_done()
if widgets.nothing_counted(prevalence, "excerpts"):
    widgets.empty_state(ctx)
    frame.page_done()
hidden = prevalence.suppressed


# --- how widely each theme was voiced -------------------------------------------------------
def prevalence_sentence() -> None:
    """The most voiced theme(s) in the chosen measure, among those shown, and where the top one
    is most widespread."""
    column = MEASURE_COLUMNS[measure]
    shown = prevalence[prevalence[column].notna()]
    top_value = shown[column].max() if not shown.empty else 0
    leaders = shown[shown[column] == top_value] if top_value > 0 else shown.iloc[:0]
    if leaders.empty:  # e.g. nobody reached when only group-level passages are left
        return
    leader = leaders.iloc[0]
    named = words.listed([f"**{words.md_escape(label)}**" for label in leaders.theme_label], ctx.lang)
    if len(leaders) > TIED_NAMED:  # a wall of names says less than how many
        named = ctx.tn("themes.tied", len(leaders), count=ctx.int(len(leaders)))
    sentence = ctx.tn(
        f"themes.sentence.{measure}",
        len(leaders),
        themes=named,
        share=i18n.fmt_pct(leader.share_reached, ctx.lang),
        count=ctx.int(leader[column] if measure != "participants" else leader.participants_reached),
        total=ctx.int(leader.participants),
    )
    tops = by_discipline[
        (by_discipline.theme_id == leader.theme_id) & by_discipline.top_discipline.fillna(False)
    ]
    if len(leaders) == 1 and by_discipline.discipline.nunique() > 1 and not tops.empty:
        first = tops.iloc[0]
        sentence += ctx.tn(
            "themes.sentence.where",
            len(tops),
            disciplines=words.listed([words.md_escape(label) for label in tops.discipline_label], ctx.lang),
            count=ctx.int(first.participants_reached),
            total=ctx.int(first.participants),
            share=i18n.fmt_pct(first.share_reached, ctx.lang),
        )
    else:
        sentence += ctx.t("themes.sentence.end")
    if hidden.any():
        sentence += ctx.t("themes.sentence.shown_only")
    st.markdown(sentence)


def theme_bars(shown, key: str) -> None:
    """Themes as bars in the chosen measure; clicking one opens its excerpts (the URL's `theme`)."""
    figure = charts.theme_prevalence(
        shown,
        measure,
        ctx.colours("theme_group"),
        ctx.lang,
        selected=theme or None,
        filtered=bool(ctx.filters.active),
        min_cell=ctx.min_cell,
    )
    # The chart's key follows the selected theme, so a new chart (without a stale highlight) is
    # drawn whenever the theme changes, however it was chosen (bar, list or link).
    event = widgets.chart(
        figure, shown[PREVALENCE_COLUMNS], f"{key}-{theme or 'none'}", ctx.lang, selectable=True
    )
    picked = widgets.clicked(event)
    if picked and picked != theme:
        state.set_value("theme", picked)
        st.rerun()


def prevalence_chart() -> None:
    theme_bars(prevalence[prevalence.theme_id.isin(kept)], "themes-prevalence")
    total = {"participants": head.participants, "excerpts": head.excerpts, "codes": head.code_applications}[
        measure
    ]
    scope = words.md_escape(words.filters_said(ctx.filters, ctx.labels, ctx.lang))  # data values: text
    st.caption(ctx.t(f"themes.caption.{measure}", total=ctx.int(total), scope=scope))
    if many and not show_all:
        st.caption(top_caption)


# --- many themes in several groups: each group folded, opened on request --------------------
def by_group() -> None:
    """One folded section per theme group, named with its themes and its count in the measure;
    opened, it draws the group's every theme (a click opens a theme's excerpts) and offers to
    narrow every page to that group."""
    names = prevalence.drop_duplicates("theme_group")[["theme_group", "theme_group_label"]]
    if not many or show_all or len(names) < 2:
        return
    st.subheader(ctx.t("themes.groups_title"), anchor=False)
    st.caption(ctx.t("themes.groups_intro", groups=ctx.int(len(names))))
    groups = ctx.run("theme_group_reach").set_index("theme_group")
    # a count in the title: participants reached as a number (the chart's share would round to 0 or 1)
    column = "participants_reached" if measure == "participants" else MEASURE_COLUMNS[measure]
    for group, label in names.itertuples(index=False):
        themes = prevalence[prevalence.theme_group == group]
        value = groups[column].get(group) if group in groups.index else 0
        count = ctx.t("cell.suppressed") if words.blank(value) else ctx.int(value)
        title = ctx.tn(
            "themes.group_line", len(themes), group=words.md_escape(label), themes=ctx.int(len(themes))
        )
        title += f" · {ctx.t(f'measure.{measure}')}: {count}"
        with st.expander(title, key=f"themes-group.{group}", on_change="rerun") as box:
            if not box.open:
                continue
            theme_bars(themes, f"themes-group-{group}")
            st.button(
                ctx.t("themes.group_only", group=label),
                key=f"themes-group-only.{group}",
                icon=":material/filter_alt:",
                on_click=state.set_filter,
                args=("theme_group", [group]),
            )


# --- the excerpts behind the selected theme -------------------------------------------------
def picked_excerpts() -> None:
    if not theme:
        st.caption(ctx.t("themes.pick_hint"))
        return
    st.subheader(ctx.t("themes.excerpts_title", theme=words.md_escape(theme_labels[theme])), anchor=False)
    if hidden[prevalence.theme_id == theme].any():
        # the list's length (and its count line) would be the suppressed number of excerpts
        st.info(ctx.t("themes.excerpts_suppressed", k=ctx.min_cell), icon=":material/shield:")
        return
    widgets.excerpt_panel(ctx, theme=[theme], key="themes-excerpts")


# --- who voiced which theme -----------------------------------------------------------------
def by_disciplines() -> None:
    if widgets.no_people(ctx, "themes"):  # said in one line, with no heading over nothing
        return
    st.subheader(ctx.t("common.themes_by_discipline"), anchor=False)
    if widgets.nothing_counted(by_discipline, "participants_reached"):
        widgets.empty_state(ctx)
        return
    if widgets.mostly_hidden(by_discipline, "participants_reached"):
        widgets.too_little(ctx, ctx.t("themes.by_discipline_what"))
        return
    shown = by_discipline[by_discipline.theme_id.isin(kept)]
    figure = charts.theme_discipline_heatmap(shown, ctx.lang, min_cell=ctx.min_cell, clickable=True)
    key = f"themes-by-discipline-{'-'.join(cell) if cell else 'none'}"
    event = widgets.chart(figure, shown, key, ctx.lang, selectable=True, wide=True)
    widgets.open_cell(event, "discipline", cell)
    st.caption(ctx.t("themes.by_discipline_caption") + " " + ctx.t("excerpts.cell_hint"))
    rows = shown[(shown.discipline == cell[1]) & (shown.theme_id == cell[2])] if cell else shown.iloc[:0]
    if not rows.empty:
        row = rows.iloc[0]
        widgets.cell_excerpts(ctx, cell, row.theme_label, row.discipline_label, key="themes-cell")
    if many and not show_all:
        st.caption(top_caption)


# --- in what spirit -------------------------------------------------------------------------
def in_what_spirit() -> None:
    st.subheader(ctx.t("themes.stance"), anchor=False)
    # each theme's total with a stance is shown or suppressed as a whole; the overall total is
    # said only when every theme's is shown (else it would give a suppressed one back by subtraction)
    stances = ctx.run("theme_stance_split")
    theme_totals = stances.drop_duplicates("theme_id").with_stance
    total_shown = not theme_totals.isna().any() and not words.blank(head.code_applications)
    if total_shown and int(theme_totals.sum()) == 0:
        st.info(ctx.t("themes.no_stance"))
        return
    if widgets.mostly_hidden(stances, "code_applications"):
        widgets.too_little(ctx, ctx.t("themes.stance_what"))
        return
    shown = stances[stances.theme_id.isin(kept)]
    figure = charts.theme_stance_split(shown, ctx.lang, min_cell=ctx.min_cell)
    widgets.chart(figure, shown, "themes-stance", ctx.lang)
    if not total_shown:
        st.caption(ctx.t("themes.stance_caption_suppressed"))
        return
    with_stance = int(theme_totals.sum())
    none = int(head.code_applications) - with_stance
    st.caption(ctx.t("themes.stance_caption", n=ctx.int(with_stance), none=ctx.int(none)))


# --- which themes come up together ----------------------------------------------------------
def together() -> None:
    st.subheader(ctx.t("themes.cooc"), anchor=False)
    mode = widgets.choice(
        "pairs",
        ctx.t("common.show"),
        ["count", "jaccard"],
        lambda value: ctx.t(f"themes.cooc.{value}"),
        "count",
        help=ctx.t("themes.cooc_help"),
    )
    pairs = ctx.run("theme_cooccurrence")
    off_diagonal = pairs[~pairs.same_theme]
    if widgets.nothing_counted(off_diagonal, "shared_excerpts"):
        st.info(ctx.t("themes.no_pairs"))
        return
    if widgets.mostly_hidden(off_diagonal, "shared_excerpts"):
        widgets.too_little(ctx, ctx.t("themes.cooc_what"))
        return
    # a grid of every pair of hundreds of themes is unreadable: the most counted themes' pairs
    shown = pairs[pairs.theme_a.isin(top) & pairs.theme_b.isin(top)]
    figure = charts.theme_cooccurrence(shown, mode, ctx.lang, min_cell=ctx.min_cell, clickable=True)
    key = f"themes-cooccurrence-{'-'.join(pair) if pair else 'none'}"
    event = widgets.chart(figure, shown, key, ctx.lang, selectable=True, wide=True)
    widgets.open_pair(event, pair)
    st.caption(ctx.t(f"themes.cooc_caption.{mode}") + " " + ctx.t("excerpts.cell_hint"))
    # a pair opens only when the grid shows its count (not the diagonal, not a suppressed pair)
    open_rows = shown[(shown.theme_a == pair[0]) & (shown.theme_b == pair[1])] if pair else shown.iloc[:0]
    if not open_rows.empty and not words.blank(open_rows.iloc[0].shared_excerpts):
        widgets.pair_excerpts(ctx, pair, theme_labels, key="themes-pair")
    if many:
        st.caption(ctx.t("themes.cooc_top", top=ctx.int(site.TOP_THEMES), n=ctx.int(len(prevalence))))
        strongest_pairs(pairs, mode)


def strongest_pairs(pairs: pd.DataFrame, mode: str) -> None:
    """Among every pair of hundreds of themes (not only the grid's), those that come up together most."""
    column = "jaccard" if mode == "jaccard" else "shared_excerpts"
    ranked = stats.strongest_pairs(pairs, column, STRONGEST_PAIRS)
    if ranked.empty:
        return
    title = ctx.tn(
        "themes.pairs_title", len(ranked), top=ctx.int(len(ranked)), total=ctx.int(len(prevalence))
    )
    st.markdown(f"**{title}**")
    figure = charts.strongest_pairs(ranked, mode, ctx.lang)
    widgets.chart(figure, ranked, "themes-strongest-pairs", ctx.lang)
    st.caption(ctx.t("themes.pairs_caption"))


prevalence_sentence()
prevalence_chart()
by_group()
picked_excerpts()
by_disciplines()
in_what_spirit()
together()
