"""Overview: the big picture in a minute, every number following the filters."""

import streamlit as st

from findings import charts, i18n, site, words
from findings import package as datapackage
from findings.app import frame, widgets

# --- context --------------------------------------------------------------------------------
ctx = frame.context()
package = ctx.report.package
head = ctx.run("headline").iloc[0]
groups = ctx.run("theme_group_reach")
rules = ctx.run("rules_list") if ctx.db.has("rules") else None
archive = ctx.run("archive_totals") if ctx.db.has("media") else None

st.title(words.md_escape(datapackage.shown_title(package, ctx.lang, ctx.report.data_dir)), anchor=False)
widgets.scope_caption(ctx)
widgets.report_button(ctx, "overview.report")


# --- the question ---------------------------------------------------------------------------
def the_question() -> None:
    question = datapackage.question(package, ctx.lang)
    if not question:
        return
    st.subheader(ctx.t("overview.question"), anchor=False)
    st.markdown(f"> *{words.md_escape(question)}*")


# --- the headline numbers -------------------------------------------------------------------
def of_total(n, total) -> str | None:
    """'of 91' under a number the filters narrowed; none under a suppressed one (a blank beside
    its total says nothing more)."""
    return ctx.t("metric.of_total", total=ctx.int(total)) if not words.blank(n) and n != total else None


def the_numbers() -> None:
    st.subheader(ctx.t("overview.numbers"), anchor=False)
    # in public, a session or venue counts where min_cell of the filtered people were (docs/privacy.md)
    places_help = ctx.t("metric.places_help_public", k=ctx.min_cell) if ctx.protected else None
    top_row, bottom_row = st.columns(3), st.columns(3)
    # no participants recorded: the passages are the unit, and their code applications stand first
    if ctx.people:
        label, help_key, shown = (
            "metric.participants",
            "metric.participants_help",
            ctx.fewer(head.participants),
        )
        counted, total = head.participants, head.participants_total
    else:
        label, help_key, shown = "measure.codes", "metric.no_people_help", ctx.int(head.code_applications)
        counted, total = head.code_applications, head.code_applications_total
    widgets.metric(top_row[0], ctx.t(label), shown, of_total(counted, total), help=ctx.t(help_key))
    widgets.metric(
        top_row[1],
        ctx.t("metric.sessions"),
        ctx.int(head.sessions),
        of_total(head.sessions, head.sessions_total),
        help=places_help,
    )
    widgets.metric(
        top_row[2],
        ctx.t("metric.venues"),
        ctx.int(head.venues),
        of_total(head.venues, head.venues_total),
        help=places_help,
    )
    widgets.metric(
        bottom_row[0],
        ctx.t("common.coded_excerpts"),
        ctx.int(head.excerpts),
        of_total(head.excerpts, head.excerpts_total),
        help=ctx.t("metric.excerpts_help", codes=ctx.int(head.code_applications)),
    )
    widgets.metric(
        bottom_row[1],
        ctx.t("metric.themes"),
        ctx.int(head.themes_voiced),
        of_total(head.themes_voiced, head.themes_total),
        help=ctx.t("metric.themes_help_public", k=ctx.min_cell)
        if ctx.protected
        else ctx.t("metric.themes_help"),
    )
    bottom_row[2].metric(
        ctx.t("metric.rules"),
        ctx.int(head.rules_total) if rules is not None else "–",
        help=ctx.t("metric.rules_help"),
    )


# --- the archive ----------------------------------------------------------------------------
def the_archive() -> None:
    st.subheader(ctx.t("overview.archive"), anchor=False)
    if archive is None:
        st.info(ctx.t("archive.absent"))
        return
    widgets.archive_metrics(ctx, archive, ("audio", "photo", "video"))
    st.caption(ctx.t("archive.caption"))


# --- the theme groups -----------------------------------------------------------------------
def the_groups() -> None:
    st.subheader(ctx.t("overview.groups" if len(groups) == 3 else "overview.groups_n"), anchor=False)
    if widgets.too_few(ctx, head):  # said once; no breakdown of too few people
        return
    if not ctx.people:
        groups_by_excerpts()
        return
    if groups.empty or head.participants == 0:
        widgets.empty_state(ctx)
        return
    # the sentence names the widest-reaching group among those shown (suppressed ones are the
    # smallest, so they cannot be wider)
    shown = groups[groups.share_reached.notna()]
    if not shown.empty:
        top = shown.sort_values("share_reached", ascending=False, kind="stable").iloc[0]
        st.markdown(
            ctx.t(
                "overview.groups_sentence",
                group=f"**{words.md_escape(top.theme_group_label)}**",
                share=i18n.fmt_pct(top.share_reached, ctx.lang),
                n=ctx.int(top.participants_reached),
                total=ctx.int(top.participants),
            )
        )
    figure = charts.theme_group_reach(groups, ctx.lang, min_cell=ctx.min_cell)
    widgets.chart(figure, groups, "overview-theme-groups", ctx.lang)
    st.caption(ctx.t("overview.groups_caption", total=ctx.int(head.participants)))


def groups_by_excerpts() -> None:
    """A set that records no participants: each group's share of the filtered excerpts."""
    if groups.empty or head.excerpts == 0:
        widgets.empty_state(ctx)
        return
    top = groups.sort_values("excerpts", ascending=False, kind="stable").iloc[0]
    st.markdown(
        ctx.t(
            "overview.groups_sentence_excerpts",
            group=f"**{words.md_escape(top.theme_group_label)}**",
            share=i18n.fmt_pct(top.excerpts / head.excerpts, ctx.lang),
            n=ctx.int(top.excerpts),
            total=ctx.int(head.excerpts),
        )
    )
    figure = charts.theme_group_reach(groups, ctx.lang, min_cell=ctx.min_cell, excerpts_total=head.excerpts)
    widgets.chart(figure, groups, "overview-theme-groups", ctx.lang)
    st.caption(ctx.t("overview.groups_caption_excerpts", total=ctx.int(head.excerpts)))


# --- the rules ------------------------------------------------------------------------------
def the_rules() -> None:
    st.subheader(ctx.t("overview.rules"), anchor=False)
    if rules is None or rules.empty:
        st.info(ctx.t("overview.rules_absent"))
        return
    # each rule opens its card on the Rules page, with the evidence behind it
    rules_page = next(page for page in site.PAGES if page.name == "rules")
    for rule in rules.itertuples(index=False):
        st.page_link(
            rules_page.file,
            label=words.md_escape(f"{rule.number}. {rule.title}"),
            icon=rules_page.icon,
            query_params={"rule": rule.rule_id, **{d: list(v) for d, v in ctx.filters.params().items() if v}},
        )


# --- provenance -----------------------------------------------------------------------------
def provenance() -> None:
    st.subheader(ctx.t("overview.provenance"), anchor=False)
    if not package:
        st.caption(ctx.t("provenance.none"))
        return
    st.markdown(words.md_escape(datapackage.description(package, ctx.lang) or ""))
    status = ctx.t("provenance.illustrative" if datapackage.illustrative(package) else "provenance.real")
    widgets.fields(
        [
            (ctx.t("provenance.title"), datapackage.title(package, ctx.lang) or ""),
            (ctx.t("provenance.sources"), datapackage.sources(package)),
            (ctx.t("provenance.licence"), datapackage.licences(package)),
            (ctx.t("provenance.status"), status),
            (ctx.t("provenance.folder"), ctx.db.data_dir.name + "/"),
        ]
    )


the_numbers()  # first: on a phone the first screen shows them
the_question()
the_archive()
the_groups()
the_rules()
provenance()
