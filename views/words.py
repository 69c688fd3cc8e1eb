"""Words: the words and two-word phrases that set one group's excerpts apart from another's, ranked
by the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn
2008), and a chosen word in the lines it was said in (keyword in context).

Only text the audience may read is counted (consent), and a term fewer than k people used is never
shown (queries/group_terms.sql, findings/privacy.py): a word list cannot quote anyone."""

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from findings import charts, distinctive, filters, site, stats, words
from findings.app import frame, widgets

REST = stats.REST
DIMENSIONS = ["discipline", "role", "session", "venue", "activity", "theme"]
SHOWN = 15  # terms drawn for each group
KWIC_LINES = 40

# --- context --------------------------------------------------------------------------------
ctx = frame.context()
st.title(ctx.t("words.title"), anchor=False)
scope = st.container()  # filled once the terms are started: the headline it waits for runs meanwhile
st.caption(ctx.t("words.intro"))

# the codebook's themes and their labels, whatever the filters (the counts are not read here), so
# a filter change does not run it again
theme_options = ctx.run("theme_options", **{dimension: [] for dimension in filters.DIMENSIONS})
theme_labels = dict(zip(theme_options["theme_id"], theme_options["label"], strict=True))
choices = {**{d: ctx.labels.get(d, {}) for d in DIMENSIONS[:-1]}, "theme": theme_labels}
offered = [d for d in DIMENSIONS if len(choices[d]) >= 2]
if not offered:
    with scope:
        widgets.scope_caption(ctx)
    st.info(ctx.t("compare.nothing_to_compare"), icon=":material/text_fields:")
    frame.page_done()

# --- inputs (in the URL: dim, a, b, term) ---------------------------------------------------
splittable = [d for d in offered if len(ctx.filters.active.get(d, ())) != 1]
dim = widgets.choice(
    "dim",
    ctx.t("words.dim"),
    offered,
    lambda d: ctx.t(f"filter.{d}") if d != "theme" else ctx.t("words.theme"),
    next((d for d in ("discipline", *offered) if d in splittable), offered[0]),
    help=ctx.t("words.dim_help"),
)
labels = choices[dim]
values = list(labels)
kept = ctx.filters.active.get(dim, ())


def name(value: str) -> str:
    return ctx.t("words.rest") if value == REST else labels.get(value, value)


left, right = st.columns(2)
with left:
    a = widgets.choice(
        "a",
        ctx.t("compare.a"),
        values,
        name,
        next((v for v in values if v in kept), values[0]),
        widget=st.selectbox,
    )
with right:
    b = widgets.choice(
        "b", ctx.t("compare.b"), [REST, *(v for v in values if v != a)], name, REST, widget=st.selectbox
    )

chosen = dict(dim=dim, a=a, b=b, stop=sorted(distinctive.STOP_WORDS), per_group=site.WORDS_PER_GROUP)
ctx.start("group_terms", **chosen)  # the longest query of the page, counting while the scope is said
with scope:
    widgets.scope_caption(ctx)
terms = ctx.run("group_terms", **chosen)
shown = terms[[not words.blank(c) for c in terms["count_a"]]]
hidden = len(terms) - len(shown)


# --- the words that set the groups apart ------------------------------------------------------
def ranked():
    if shown.empty or (shown["count_a"].sum() == 0 or shown["count_b"].sum() == 0):
        return None
    scores = distinctive.log_odds(
        dict(zip(shown["term"], shown["count_a"].astype(int), strict=True)),
        dict(zip(shown["term"], shown["count_b"].astype(int), strict=True)),
    )
    return scores


def distinctive_words() -> list[str]:
    st.subheader(ctx.t("words.distinctive"), anchor=False)
    scores = ranked()
    if scores is None:
        if hidden:
            widgets.too_little(ctx, ctx.t("words.what"))
        elif terms.empty:  # no readable words at all (none recorded, or none quotable here)
            st.info(ctx.t("words.no_text"), icon=":material/text_fields:")
        else:  # one group has no word: nothing to set apart
            st.info(ctx.t("words.none_apart"), icon=":material/text_fields:")
        return []
    top = scores.head(SHOWN)
    bottom = scores.tail(SHOWN).iloc[::-1]
    drawn = pd.concat([top[top["z"] > 0], bottom[bottom["z"] < 0]])
    if drawn.empty:
        st.info(ctx.t("words.none_apart"))
        return []
    colours = ctx.colours(dim) if dim != "theme" else {}
    figure = charts.distinctive_terms(
        drawn,
        ctx.lang,
        a_label=name(a),
        b_label=name(b),
        a_colour=colours.get(a, charts.PALETTE[0]),
        b_colour=charts.COMPARE_REST_COLOUR if b == REST else colours.get(b, charts.PALETTE[1]),
    )
    widgets.chart(figure, drawn[["term", "count_a", "count_b", "delta", "z"]], "words-distinctive", ctx.lang)
    st.caption(ctx.t("words.caption", k=ctx.min_cell, cap=ctx.int(site.WORDS_PER_GROUP)))
    if hidden and ctx.protected:
        st.caption(ctx.tn("words.hidden", hidden, count=ctx.int(hidden), k=ctx.min_cell))
    return list(drawn.sort_values("z", ascending=False)["term"])


# --- a word in the lines it was said in ------------------------------------------------------
def in_context(candidates: list[str]) -> None:
    if not candidates:
        return
    st.subheader(ctx.t("words.kwic"), anchor=False)
    term = widgets.choice(
        "term",
        ctx.t("words.term"),
        ["", *candidates],
        lambda v: v or ctx.t("words.term_none"),
        "",
        widget=st.selectbox,
    )
    if not term:
        st.caption(ctx.t("words.kwic_hint"))
        return
    summary = ctx.run("excerpt_summary", theme=[], q=term).iloc[0]
    if words.blank(summary.listed) or words.blank(summary.excerpts):
        widgets.not_listed(ctx, listing=not words.blank(summary.listed))
        return
    listed = ctx.run("excerpts", theme=[], q=term, limit=site.PANEL_POOL, offset=0)
    filters = {d: list(v) for d, v in ctx.filters.params().items() if v}
    lines = []
    for row in listed.itertuples(index=False):
        if row.withheld or not isinstance(row.excerpt, str):
            continue
        for left_words, match, right_words in distinctive.kwic(row.excerpt, term, lang="en"):
            # the line's own words find its excerpt in Evidence
            found = " ".join([match, *right_words.split()[:3]]).strip(" .,;:!?")
            lines.append(
                {
                    ctx.t("words.col.before"): f"{'…' if left_words else ''}{left_words}",
                    ctx.t("words.col.word"): match,
                    ctx.t("words.col.after"): f"{right_words}{'…' if right_words else ''}",
                    ctx.t("words.col.open"): "evidence?" + urlencode({**filters, "q": found}, doseq=True),
                }
            )
    if not lines:
        st.caption(ctx.t("words.kwic_none"))
        return
    st.caption(ctx.tn("words.kwic_count", len(lines), count=ctx.int(len(lines)), term=term))
    st.dataframe(
        pd.DataFrame(lines[:KWIC_LINES]),
        hide_index=True,
        width="stretch",
        key="words.kwic",
        column_config={
            ctx.t("words.col.before"): st.column_config.TextColumn(alignment="right"),
            ctx.t("words.col.open"): st.column_config.LinkColumn(display_text=ctx.t("words.open")),
        },
    )
    widgets.evidence_link(ctx, ctx.filters, {"q": term}, ctx.t("words.see_all"))


in_context(distinctive_words())
