"""Compare: two groups side by side, theme by theme, with honest intervals; then which themes
every discipline shares and which one discipline holds."""

import streamlit as st

from findings import charts, i18n, stats, words
from findings.app import frame, widgets

REST = stats.REST  # group B's special value: everyone outside group A
DIMENSIONS = ["discipline", "role", "session", "venue", "activity"]

# --- context --------------------------------------------------------------------------------
ctx = frame.context()
st.title(ctx.t("compare.title"), anchor=False)
widgets.scope_caption(ctx)

if widgets.no_people(ctx, "compare"):  # its groups are groups of people: no control, no chart
    frame.page_done()

# --- inputs (in the URL: dim, a, b) ---------------------------------------------------------
# only dimensions with two groups or more to compare (one session, one venue: not offered)
offered = [d for d in DIMENSIONS if len(ctx.labels.get(d, {})) >= 2] or DIMENSIONS
dim = widgets.choice(
    "dim",
    ctx.t("compare.dim"),
    offered,
    lambda d: ctx.t(f"filter.{d}"),
    "discipline" if "discipline" in offered else offered[0],
    help=ctx.t("compare.dim_help"),
)
labels = ctx.labels[dim]
values = list(labels)


def short_name(value: str) -> str:
    """A group as the legend and the widgets name it: its label, or 'Everyone else'."""
    if value == REST:
        return ctx.t("compare.rest_activity" if dim == "activity" else "compare.rest")
    return labels.get(value, value)


def who(value: str) -> str:
    """A group as a sentence names it, e.g. 'participants in Music'."""
    if value == REST:
        return ctx.t("compare.who.rest_activity" if dim == "activity" else "compare.who.rest")
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
reach = stats.with_intervals(ctx.run("compare_theme_reach", dim=dim, a=a, b=b)) if values else None
if widgets.too_few(ctx, head):  # fewer than k people (or who spoke): nothing here can be shown
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
            "compare.sentence",
            points,
            theme=f"**{words.md_escape(gap.theme_label)}**",
            first=words.md_escape(who(groups[ahead])),
            second=words.md_escape(who(groups[behind])),
            points=ctx.int(points),
            first_share=i18n.fmt_pct(gap[f"{ahead}_share"], ctx.lang),
            second_share=i18n.fmt_pct(gap[f"{behind}_share"], ctx.lang),
            verdict=ctx.t("compare.verdict.overlap" if gap.overlap else "compare.verdict.apart"),
        )
    )


def two_groups() -> None:
    if reach is None:
        st.info(ctx.t("compare.no_values"))
        return
    if head.participants == 0 or reach.empty:
        widgets.empty_state(ctx)
        return
    if words.blank(reach["a_participants"].iloc[0]) or words.blank(reach["b_participants"].iloc[0]):
        # a group of fewer than k people: its every share could point at someone, so nothing is compared
        message = ctx.t(
            "compare.suppressed",
            a=words.md_escape(short_name(a)),
            b=words.md_escape(short_name(b)),
            k=ctx.min_cell,
        )
        st.info(message, icon=":material/shield:")
        return
    n_a, n_b = int(reach["a_participants"].iloc[0]), int(reach["b_participants"].iloc[0])
    empty = [value for value, n in ((a, n_a), (b, n_b)) if n == 0]
    for value in empty:
        message = ctx.t("compare.empty_group", group=words.md_escape(short_name(value)))
        st.info(message, icon=":material/group_off:")
    if empty:
        return
    # suppressed themes last, in codebook order: where they sit must not hint at their difference
    ordered = stats.suppressed_last(reach, "difference", codebook)
    hidden = int(ordered["difference"].map(words.blank).sum())
    largest_gap_sentence(ordered, hidden)
    colours = ctx.colours(dim)
    figure = charts.compare_groups(
        ordered,
        ctx.lang,
        a_label=short_name(a),
        b_label=short_name(b),
        a_colour=colours.get(a, charts.PALETTE[0]),
        b_colour=charts.COMPARE_REST_COLOUR if b == REST else colours.get(b, charts.PALETTE[1]),
        min_cell=ctx.min_cell,
    )
    widgets.chart(figure, ordered, "compare-groups", ctx.lang)
    for value, n in ((a, n_a), (b, n_b)):
        if n < stats.SMALL_GROUP:
            st.caption(ctx.tn("compare.small", n, group=words.md_escape(short_name(value)), size=ctx.int(n)))
    if len(ordered) > hidden:  # with every theme suppressed, the line below says so instead
        st.caption(
            ctx.t(
                "compare.caption",
                a=words.md_escape(short_name(a)),
                n_a=ctx.int(n_a),
                b=words.md_escape(short_name(b)),
                n_b=ctx.int(n_b),
                apart=ctx.int((~ordered["overlap"]).sum()),
                themes=ctx.int(len(ordered) - hidden),
            )
        )
    if hidden:
        st.caption(ctx.tn("compare.suppressed_themes", hidden, count=ctx.int(hidden), k=ctx.min_cell))
    if dim == "activity":
        st.caption(ctx.t("compare.caption_activity"))


# --- shared vs distinctive ------------------------------------------------------------------
def shared_or_distinctive() -> None:
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
