"""Rules: the rules for AI distilled from the findings, and the evidence behind each under the filters."""

import pandas as pd
import streamlit as st

from findings import charts, i18n, site, words
from findings import package as datapackage
from findings.app import document, frame, widgets
from findings.filters import Filters

EXCERPTS_PER_RULE = site.EXCERPTS_PER_RULE
QUOTE_STRETCHES = 6  # the few quotes are chosen from this many stretches along its public list,
QUOTE_STRETCH = site.RULE_QUOTE_POOL // QUOTE_STRETCHES  # ... each this long

# --- context --------------------------------------------------------------------------------
ctx = frame.context()
st.title(ctx.t("nav.rules"), anchor=False)
widgets.scope_caption(ctx)
if not ctx.db.has("rules"):
    st.info(ctx.t("rules.absent"))
    frame.page_done()

# --- inputs ---------------------------------------------------------------------------------
# a set that records no participants: its flows are of excerpts only (no choice to offer)
flow = (
    widgets.choice(
        "flow",
        ctx.t("rules.flow_label"),
        ["participants", "excerpts"],
        lambda m: ctx.t(f"measure.{m}"),
        "participants",
        help=ctx.t("rules.flow_help"),
    )
    if ctx.people
    else "excerpts"
)
head = ctx.run("headline").iloc[0]
rules = ctx.run("rule_evidence")
flows = ctx.run("rule_flows")
if rules.empty:  # a rules table with no rows: nothing to show, and no filter to blame
    st.info(ctx.t("rules.none"))
    frame.page_done()

if datapackage.illustrative(ctx.report.package):
    st.caption(ctx.t("rules.illustrative"))
if not ctx.db.has("rule_themes"):
    st.info(ctx.t("rules.unlinked"))
few = widgets.too_few(ctx, head)  # fewer than k people (or who spoke): the rules, but no evidence


# --- which rule rests on the widest evidence ------------------------------------------------
def widest_sentence() -> None:
    shown = rules[~rules["participants_reached"].map(words.blank).astype(bool)]  # suppressed: never ranks
    widest = shown.sort_values("participants_reached", ascending=False, kind="stable").head(1)
    if few or widest.empty or not widest.participants_reached.iloc[0] > 0:
        return
    top = widest.iloc[0]
    st.markdown(
        ctx.t(
            "rules.sentence",
            number=ctx.int(top.number),
            title=f"**{words.md_escape(top.title)}**",
            n=ctx.int(top.participants_reached),
            total=ctx.int(top.participants),
            share=i18n.fmt_pct(top.share_reached, ctx.lang),
        )
    )


# --- each rule and its evidence -------------------------------------------------------------
def quotes(rule, label: str) -> None:
    """A few of the rule's excerpts, as their speakers' consent allows, fetched only when asked
    for: eight rules' excerpts on every filter change cost more than the rest of the page. The
    public is shown quotable ones only, and none when how many there are may not be shown."""
    if not st.toggle(label, key=f"rules.quotes.{rule.rule_id}"):
        return
    # a few readable quotes, varied across sessions and rules: the list is in reading order (session
    # by session), so they are chosen from short stretches spread along the whole of it
    theme = list(rule.theme_ids)
    pages = [ctx.run("excerpts", theme=theme, q="", limit=QUOTE_STRETCH, offset=0)]
    total = 0 if pages[0].empty or words.blank(pages[0]["total"].iloc[0]) else int(pages[0]["total"].iloc[0])
    for offset in sorted({i * total // QUOTE_STRETCHES for i in range(1, QUOTE_STRETCHES)}):
        if offset >= QUOTE_STRETCH:  # past what the first stretch holds
            pages.append(ctx.run("excerpts", theme=theme, q="", limit=QUOTE_STRETCH, offset=offset))
    listed = pd.concat(pages, ignore_index=True).drop_duplicates("excerpt_id") if total else pages[0]
    sample = words.varied_quotes(listed, EXCERPTS_PER_RULE, rule.rule_id) if not listed.empty else listed
    if sample.empty:
        summary = ctx.run("excerpt_summary", theme=list(rule.theme_ids), q="").iloc[0]
        if words.blank(summary.listed):  # the list's length would tell a protected count
            st.caption(ctx.t("excerpts.not_listed", k=ctx.min_cell))
        else:
            st.caption(ctx.t("rules.no_quotes"))
    for quote in sample.itertuples(index=False):
        st.text(widgets.quote_text(ctx, quote.excerpt, quote.withheld))
        speaker = ", ".join(part for part in (quote.role, quote.discipline) if isinstance(part, str))
        who = (
            "–" if quote.withheld else speaker or ctx.t("excerpts.group")
        )  # a withheld quote does not say who
        st.caption(words.md_escape(ctx.t("rules.excerpt_meta", session=quote.session, who=who)))
    if not listed.empty:  # every one of them, under the same filters, in Evidence
        linked = {dim: list(values) for dim, values in ctx.filters.params().items() if values}
        st.page_link(
            next(page.file for page in site.PAGES if page.name == "evidence"),
            label=ctx.t("rules.see_all"),
            icon=":material/format_quote:",
            query_params={**linked, "theme": list(rule.theme_ids)},
        )


def evidence(rule) -> None:
    """How widely the rule's themes were voiced under the filters, then a few of its quotes."""
    if words.blank(rule.excerpts):  # and no quotes: how many a list holds would be the count
        st.caption(ctx.t("rules.evidence_suppressed", k=ctx.min_cell))
        return
    if rule.excerpts == 0:
        st.caption(ctx.t("rules.no_evidence"))
        return
    shown = ctx.int(min(EXCERPTS_PER_RULE, int(rule.excerpts)))
    read = ctx.tn("rules.read", int(rule.excerpts), shown=shown, total=ctx.int(rule.excerpts))
    if not ctx.people:  # no participants recorded: the rule's share of the filtered excerpts
        share = int(rule.excerpts) / max(int(head.excerpts), 1)
        st.progress(min(share, 1.0))
        sessions = ctx.tn("common.sessions", int(rule.sessions_reached), count=ctx.int(rule.sessions_reached))
        excerpts = ctx.tn("rules.n_excerpts", int(rule.excerpts), count=ctx.int(rule.excerpts))
        pct = i18n.fmt_pct(share, ctx.lang)
        st.text(ctx.t("rules.evidence_places", excerpts=excerpts, share=pct, sessions=sessions))
        quotes(rule, read)
        return
    st.progress(min(float(0 if words.blank(rule.share_reached) else rule.share_reached), 1.0))
    # where its voices are: the sessions and disciplines holding any (public: at least k) of them;
    # a count of none is left unsaid ("in 0 disciplines" when only group-level passages reach it)
    places = [
        ctx.tn(key, int(n), count=ctx.int(n))
        for key, n in (
            ("common.sessions", rule.sessions_reached),
            ("rules.n_disciplines", rule.disciplines_reached),
        )
        if not words.blank(n) and int(n) > 0
    ]
    key = "rules.evidence_public" if ctx.protected else "rules.evidence"
    st.text(
        ctx.t(
            key if places else "rules.evidence_public_thin",
            k=ctx.min_cell,
            reached=ctx.int(rule.participants_reached),
            total=ctx.int(rule.participants),
            share=i18n.fmt_pct(rule.share_reached, ctx.lang),
            places=words.listed(places, ctx.lang),
            excerpts=ctx.tn("rules.n_excerpts", int(rule.excerpts), count=ctx.int(rule.excerpts)),
        )
    )
    quotes(rule, read)


def cards() -> None:
    st.subheader(ctx.t("rules.cards"), anchor=False)
    # a link to one rule (URL `rule`, e.g. from the Overview's list) brings its card into view
    focus = widgets.picked_one("rule", set(rules.rule_id))
    keys = [f"rule-card-{i}" for i in range(len(rules))]
    for i, rule in enumerate(widgets.card_grid(list(rules.itertuples(index=False)), 2, keys)):
        if rule.rule_id == focus:
            document.reveal(keys[i], rule.rule_id)
        st.caption(ctx.t("common.rule_number", number=ctx.int(rule.number)))
        st.markdown(f"**{words.md_escape(rule.title)}**")
        if isinstance(rule.summary, str) and rule.summary:
            st.text(rule.summary)
        if not len(rule.theme_labels):
            st.caption(ctx.t("rules.no_themes"))
            continue
        st.caption(words.md_escape(ctx.t("rules.themes", themes=", ".join(rule.theme_labels))))
        if not few:
            evidence(rule)


# --- from disciplines through themes to rules -----------------------------------------------
def flow_chart() -> None:
    st.subheader(ctx.t("rules.flow_title" if ctx.people else "rules.flow_title_places"), anchor=False)
    if few:  # said once above
        return
    flow_column = "participants_reached" if flow == "participants" else "excerpts"
    hidden_links = int(flows[flow_column].map(words.blank).sum())  # suppressed: left out of the flow
    if flows.empty or (flows[flow_column].sum() == 0 and not hidden_links):
        widgets.empty_state(ctx)
        return
    if flows[flow_column].sum() == 0:  # every link suppressed: no flow to draw
        st.info(ctx.t("rules.flow_all_suppressed", k=ctx.min_cell), icon=":material/shield:")
        return
    figure = charts.rule_flow_sankey(
        flows, flow, ctx.colours("discipline"), ctx.colours("theme_group"), ctx.lang
    )
    columns = ["stage", "source_label", "target_label", "participants_reached", "excerpts", "suppressed"]
    widgets.chart(figure, flows[columns], "rules-flow", ctx.lang)
    st.caption(ctx.t(f"rules.flow_caption.{flow}") if ctx.people else ctx.t("rules.flow_caption_places"))
    if hidden_links:
        st.caption(ctx.tn("rules.flow_suppressed", hidden_links, count=ctx.int(hidden_links), k=ctx.min_cell))
    link_excerpts(flow_column)


def link_excerpts(flow_column: str) -> None:
    """A flow's links cannot be clicked (Streamlit reports no click on a Sankey): a list of the links
    drawn opens the excerpts behind one (URL `link`), as a click on a heatmap cell does."""
    drawn = flows[[not words.blank(v) and v > 0 for v in flows[flow_column]]]
    rows = {(row.source, row.target): row for row in drawn.itertuples(index=False)}
    link = widgets.picked_two(widgets.LINK, lambda pair: pair in rows)
    unit = f"rules.unit.{flow}"
    options = {
        pair: ctx.t(
            "rules.hover_link",
            source=row.source_label,
            target=row.target_label,
            value=ctx.t(unit, n=ctx.int(getattr(row, flow_column))),
        )
        for pair, row in rows.items()
    }
    widgets.pick_from_list(
        widgets.LINK,
        ctx.t("rules.link_pick"),
        options,
        link,
        placeholder=ctx.t("rules.link_placeholder"),
        help=ctx.t("rules.link_help"),
    )
    if link is None:
        return
    row = rows[link]
    title = ctx.t("excerpts.link_title", source=row.source_label, target=row.target_label)
    if row.stage == "discipline_theme":  # the theme's excerpts spoken by the discipline's participants
        narrowed = ctx.narrowed(Filters.of(**{**ctx.filters.params(), "discipline": [row.source]}))
        widgets.quote_panel(
            narrowed, title, [row.target], close=widgets.LINK, key="rules-link", token="|".join(link)
        )
    else:  # a theme -> rule link carries all of the theme's excerpts under the filters
        widgets.quote_panel(
            ctx, title, [row.source], close=widgets.LINK, key="rules-link", token="|".join(link)
        )


widest_sentence()
cards()
flow_chart()
