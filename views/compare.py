"""Compare: two groups side by side, theme by theme, with honest intervals; then which themes
every discipline shares and which one discipline holds. In a set without participants the groups
are groups of passages (by session or source, venue, activity) and each counts its excerpts."""

import streamlit as st

from findings import charts, i18n, site, stats, words
from findings.app import frame, widgets

REST = stats.REST  # group B's special value: everyone outside group A
DIMENSIONS = ["discipline", "role", "session", "venue", "activity"]

# --- context --------------------------------------------------------------------------------
ctx = frame.context()
st.title(ctx.t("compare.title"), anchor=False)
widgets.scope_caption(ctx)

# people are compared by who voiced a theme; a set without participants by its passages
PART, WHOLE = ("reached", "participants") if ctx.people else ("excerpts", "total")
#: the messages worded for groups of passages, in place of those for groups of people
PASSAGE_KEYS = {
    "compare.sentence": "compare.sentence_excerpts",
    "compare.empty_group": "compare.empty_group_excerpts",
    "compare.small": "compare.small_excerpts",
    "compare.caption": "compare.caption_excerpts",
}


def worded(key: str) -> str:
    """The message `key`, or its passages' wording when the set records no participants."""
    return key if ctx.people else PASSAGE_KEYS[key]


# --- inputs (in the URL: dim, a, b) ---------------------------------------------------------
# only dimensions with two groups or more to compare (one session, one venue: not offered)
offered = [d for d in DIMENSIONS if len(ctx.labels.get(d, {})) >= 2]
if not offered:  # e.g. one session, one venue, no activity: the sentence says so, once
    st.info(ctx.t("compare.nothing_to_compare"), icon=":material/compare_arrows:")
    frame.page_done()
# the default compares along a dimension the sidebar leaves two groups or more of (with Music
# alone kept, "Music against everyone else" would compare Music with nobody)
splittable = [d for d in offered if len(ctx.filters.active.get(d, ())) != 1]
default_dim = next((d for d in ("discipline", *offered) if d in splittable), offered[0])
dim = widgets.choice(
    "dim",
    ctx.t("compare.dim"),
    offered,
    lambda d: ctx.t(f"filter.{d}"),
    default_dim,
    help=ctx.t("compare.dim_help" if ctx.people else "compare.dim_help_excerpts"),
)
labels = ctx.labels[dim]
values = list(labels)


def short_name(value: str) -> str:
    """A group as the legend and the widgets name it: its label, or 'Everyone else'."""
    if value == REST and not ctx.people:
        return ctx.t("compare.rest_passages")
    if value == REST:
        return ctx.t("compare.rest_activity" if dim == "activity" else "compare.rest")
    return labels.get(value, value)


def who(value: str) -> str:
    """A group as a sentence names it, e.g. 'participants in Music' (or 'the passages of Interview 2')."""
    if value == REST and not ctx.people:
        return ctx.t("compare.who_passages.rest")
    if value == REST:
        return ctx.t("compare.who.rest_activity" if dim == "activity" else "compare.who.rest")
    if not ctx.people:
        return ctx.t(f"compare.who_passages.{dim}", value=labels.get(value, value))
    return ctx.t(f"compare.who.{dim}", value=labels.get(value, value))


a = b = None
if values:
    left, right = st.columns(2)
    # group A starts on what the sidebar keeps of this dimension, not on a group it has emptied
    kept = ctx.filters.active.get(dim, ())
    first = next((value for value in values if value in kept), values[0])
    with left:
        a = widgets.choice("a", ctx.t("compare.a"), values, short_name, first, widget=st.selectbox)
    with right:
        others = [REST, *(v for v in values if v != a)]
        b = widgets.choice("b", ctx.t("compare.b"), others, short_name, REST, widget=st.selectbox)

head = ctx.run("headline").iloc[0]
spread = ctx.run("theme_discipline_spread", distinctive_share=stats.DISTINCTIVE_SHARE)
codebook = list(spread["theme_id"])  # the neutral order suppressed themes are listed in
# the group x theme whose excerpts are open (URL `cell`): a click on a group's marker
cell = widgets.picked_cell(ctx, (dim,), set(codebook)) if values else None

reach = None
if values and ctx.people:
    reach = stats.with_intervals(ctx.run("compare_theme_reach", dim=dim, a=a, b=b))
elif values:  # groups of passages
    reach = stats.with_intervals(ctx.run("compare_theme_excerpts", dim=dim, a=a, b=b), PART, WHOLE)
if ctx.people and widgets.too_few(ctx, head):  # fewer than k people (or who spoke): nothing can be shown
    frame.page_done()


# --- the two groups, theme by theme ---------------------------------------------------------
def largest_gap_sentence(reach, hidden: int) -> None:
    """Where the two groups differ most, among the themes shown (said only when there is a gap)."""
    gap = stats.largest_gap(reach)
    if gap is None and hidden:  # every theme is suppressed: the chart and its caption say so
        return
    if gap is None or stats.points(gap.a_share, gap.b_share) == 0:
        st.markdown(ctx.t("compare.no_gap"))
        return
    groups = {"a": a, "b": b}
    ahead, behind = ("a", "b") if gap.difference > 0 else ("b", "a")
    points = abs(stats.points(gap.a_share, gap.b_share))
    st.markdown(
        ctx.tn(
            worded("compare.sentence"),
            points,
            theme=f"**{words.md_escape(gap.theme_label)}**",
            first=words.md_escape(who(groups[ahead])),
            second=words.md_escape(who(groups[behind])),
            points=ctx.int(points),
            first_share=i18n.fmt_pct(gap[f"{ahead}_share"], ctx.lang),
            second_share=i18n.fmt_pct(gap[f"{behind}_share"], ctx.lang),
            verdict=charts.compare_verdict(gap, len(reach), ctx.lang, excerpts=not ctx.people, ahead=ahead),
        )
    )


def two_groups() -> None:
    if reach is None:
        st.info(ctx.t("compare.no_values"))
        return
    if (head.participants == 0 if ctx.people else head.excerpts == 0) or reach.empty:
        widgets.empty_state(ctx)
        return
    if words.blank(reach[f"a_{WHOLE}"].iloc[0]) or words.blank(reach[f"b_{WHOLE}"].iloc[0]):
        # a group of fewer than k people: its every share could point at someone, so nothing is compared
        message = ctx.t(
            "compare.suppressed",
            a=words.md_escape(short_name(a)),
            b=words.md_escape(short_name(b)),
            k=ctx.min_cell,
        )
        st.info(message, icon=":material/shield:")
        return
    n_a, n_b = int(reach[f"a_{WHOLE}"].iloc[0]), int(reach[f"b_{WHOLE}"].iloc[0])
    empty = [value for value, n in ((a, n_a), (b, n_b)) if n == 0]
    for value in empty:
        message = ctx.t(worded("compare.empty_group"), group=words.md_escape(short_name(value)))
        st.info(message, icon=":material/group_off:")
    if empty:
        return
    # suppressed themes last, in codebook order: where they sit must not hint at their difference
    ordered = stats.suppressed_last(reach, "difference", codebook)
    hidden = int(ordered["difference"].map(words.blank).sum())
    largest_gap_sentence(ordered, hidden)
    everything = ordered
    if len(ordered) > site.MANY_THEMES and not widgets.switch(
        "all_gaps", ctx.t("themes.show_all", n=ctx.int(len(ordered))), help=ctx.t("compare.show_all_help")
    ):
        # the largest shown differences, in their order (a suppressed one is never ranked, nor drawn)
        gaps = ordered["difference"].map(lambda d: None if words.blank(d) else abs(d)).astype(float)
        ordered = ordered.loc[gaps.dropna().nlargest(site.TOP_THEMES, keep="first").index]
        if ordered.empty:  # every theme suppressed: the line below says so
            st.caption(ctx.tn("compare.suppressed_themes", hidden, count=ctx.int(hidden), k=ctx.min_cell))
            return
        ordered = ordered.sort_values("difference", ascending=False, kind="stable")
        st.caption(ctx.t("compare.top_caption", top=ctx.int(len(ordered)), n=ctx.int(len(everything))))
    colours = ctx.colours(dim)
    figure = charts.compare_groups(
        ordered,
        ctx.lang,
        a_label=short_name(a),
        b_label=short_name(b),
        a_colour=colours.get(a, charts.PALETTE[0]),
        b_colour=charts.COMPARE_REST_COLOUR if b == REST else colours.get(b, charts.PALETTE[1]),
        min_cell=ctx.min_cell,
        excerpts=not ctx.people,
        tests=len(everything),
    )
    key = f"compare-groups-{'-'.join(cell) if cell else 'none'}"
    event = widgets.chart(figure, ordered, key, ctx.lang, selectable=True)
    picked = widgets.clicked(event)
    # a group's marker opens that group's excerpts of the theme; "everyone else" is no filter value
    if picked and {"a": a, "b": b}[picked[1]] not in (None, REST):
        widgets.open_cell_of(dim, {"a": a, "b": b}[picked[1]], picked[0], cell)
    st.caption(ctx.t("compare.click_hint"))
    for value, n in ((a, n_a), (b, n_b)):
        if n < stats.SMALL_GROUP:
            group = words.md_escape(short_name(value))
            st.caption(ctx.tn(worded("compare.small"), n, group=group, size=ctx.int(n)))
    if len(everything) > hidden:  # with every theme suppressed, the line below says so instead
        st.caption(
            ctx.t(
                worded("compare.caption"),
                a=words.md_escape(short_name(a)),
                n_a=ctx.int(n_a),
                b=words.md_escape(short_name(b)),
                n_b=ctx.int(n_b),
                apart=ctx.int(everything["differs"].fillna(False).astype(bool).sum()),
                themes=ctx.int(len(everything) - hidden),
                tests=ctx.int(len(everything)),
            )
        )
    if hidden:
        st.caption(ctx.tn("compare.suppressed_themes", hidden, count=ctx.int(hidden), k=ctx.min_cell))
    if dim == "activity" and ctx.people:
        st.caption(ctx.t("compare.caption_activity"))
    if cell is not None:
        theme_label = dict(zip(everything.theme_id, everything.theme_label, strict=True)).get(cell[2])
        if theme_label is not None and not words.blank(
            everything.set_index("theme_id").difference.get(cell[2])
        ):
            widgets.cell_excerpts(ctx, cell, theme_label, short_name(cell[1]), key="compare-cell")


# --- shared vs distinctive ------------------------------------------------------------------
def shared_or_distinctive() -> None:
    if not ctx.people:  # disciplines are people's: the notice says so once, under its heading
        st.subheader(ctx.t("compare.spread.title"), anchor=False)
        widgets.no_people(ctx, "compare")
        return
    st.subheader(ctx.t("compare.spread.title"), anchor=False)
    disciplines = int(spread["disciplines"].iloc[0]) if len(spread) else 0
    if head.participants == 0 or spread.empty:
        widgets.empty_state(ctx)
        return
    if disciplines < 2:
        st.info(ctx.t("compare.spread.too_few_disciplines"))
        return
    threshold = i18n.fmt_pct(stats.DISTINCTIVE_SHARE, ctx.lang)
    st.caption(ctx.t("compare.spread.rule", share=threshold, n=ctx.int(disciplines)))
    summary = stats.spread_summary(spread)
    hidden_classes = int(spread["spread"].isna().sum())  # suppressed for the audience
    if summary is None and not hidden_classes:
        widgets.empty_state(ctx)
        return
    if summary is not None:
        top = summary["top"]
        st.markdown(
            ctx.t(
                "compare.spread.sentence",
                shared=ctx.int(summary["shared"]),
                themes=ctx.int(summary["themes"]),
                distinctive=ctx.int(summary["distinctive"]),
                theme=f"**{words.md_escape(top.theme_label)}**",
                discipline=words.md_escape(top.top_discipline_label),
                share=i18n.fmt_pct(top.top_share, ctx.lang),
                k=ctx.int(top.top_reached),
                n=ctx.int(top.participants_reached),
            )
        )
    figure = charts.discipline_spread(
        spread, ctx.lang, ctx.colours("discipline"), stats.DISTINCTIVE_SHARE, min_cell=ctx.min_cell
    )
    widgets.chart(figure, spread, "compare-spread", ctx.lang)
    st.caption(ctx.t("compare.spread.caption"))
    if hidden_classes:
        st.caption(
            ctx.tn("compare.spread.suppressed", hidden_classes, count=ctx.int(hidden_classes), k=ctx.min_cell)
        )


two_groups()
shared_or_distinctive()
