"""Overview: the big picture in a minute, every number following the filters."""

import streamlit as st

from findings import charts, i18n, words
from findings import package as datapackage
from findings.app import frame, widgets

ctx = frame.context()
package = ctx.report.package

# --- data ---------------------------------------------------------------------------------
head = ctx.run("headline").iloc[0]
groups = ctx.run("theme_group_reach")
rules = ctx.run("rules_list") if ctx.db.has("rules") else None
archive = ctx.run("archive_totals") if ctx.db.has("media") else None

# --- header -------------------------------------------------------------------------------
st.title(words.md_escape(datapackage.title(package, ctx.lang) or ctx.t("app.title")), anchor=False)
widgets.scope_caption(ctx)
widgets.report_button(ctx, "overview.report")
question = datapackage.question(package, ctx.lang)
if question:
    st.subheader(ctx.t("overview.question"), anchor=False)
    st.markdown(f"> *{words.md_escape(question)}*")

# --- headline numbers ---------------------------------------------------------------------
st.subheader(ctx.t("overview.numbers"), anchor=False)


def of_total(n, total) -> str | None:
    """'of 91' under a number the filters narrowed; none under a suppressed one (a blank beside
    its total says nothing more)."""
    return ctx.t("metric.of_total", total=ctx.int(total)) if not words.blank(n) and n != total else None


top_row, bottom_row = st.columns(3), st.columns(3)
top_row[0].metric(
    ctx.t("metric.participants"), ctx.fewer(head.participants),
    of_total(head.participants, head.participants_total),
    delta_color="off", delta_arrow="off", help=ctx.t("metric.participants_help"),
)
top_row[1].metric(ctx.t("metric.sessions"), ctx.int(head.sessions), of_total(head.sessions, head.sessions_total), delta_color="off", delta_arrow="off")
top_row[2].metric(ctx.t("metric.venues"), ctx.int(head.venues), of_total(head.venues, head.venues_total), delta_color="off", delta_arrow="off")
bottom_row[0].metric(
    ctx.t("metric.excerpts"), ctx.int(head.excerpts), of_total(head.excerpts, head.excerpts_total),
    delta_color="off", delta_arrow="off", help=ctx.t("metric.excerpts_help", codes=ctx.int(head.code_applications)),
)
bottom_row[1].metric(
    ctx.t("metric.themes"), ctx.int(head.themes_voiced), of_total(head.themes_voiced, head.themes_total),
    delta_color="off", delta_arrow="off", help=ctx.t("metric.themes_help"),
)
bottom_row[2].metric(
    ctx.t("metric.rules"), ctx.int(head.rules_total) if rules is not None else "–",
    help=ctx.t("metric.rules_help"),
)

# --- the archive --------------------------------------------------------------------------
st.subheader(ctx.t("overview.archive"), anchor=False)
if archive is None:
    st.info(ctx.t("archive.absent"))
else:
    by_kind = {row.kind: row for row in archive.itertuples(index=False)}
    cols = st.columns(3)
    for col, kind in zip(cols, ("audio", "photo", "video"), strict=True):
        row = by_kind.get(kind)
        if row is None:
            col.metric(ctx.t(f"archive.{kind}"), "–")
        elif kind == "photo":
            col.metric(ctx.t("archive.photo"), ctx.int(row.files), i18n.fmt_bytes(row.size_bytes, ctx.lang), delta_color="off", delta_arrow="off")
        else:
            col.metric(
                ctx.t(f"archive.{kind}"), i18n.fmt_hours(row.hours, ctx.lang),
                ctx.tn("archive.files_size", row.files, files=ctx.int(row.files), size=i18n.fmt_bytes(row.size_bytes, ctx.lang)),
                delta_color="off", delta_arrow="off",
            )
    st.caption(ctx.t("archive.caption"))

# --- the theme groups ---------------------------------------------------------------------
st.subheader(ctx.t("overview.groups" if len(groups) == 3 else "overview.groups_n"), anchor=False)
if widgets.too_few(ctx, head):
    pass  # said once; no breakdown of too few people
elif groups.empty or head.participants == 0:
    st.info(ctx.t("empty.filters"), icon=":material/filter_alt_off:")
else:
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
    widgets.chart(
        charts.theme_group_reach(groups, ctx.lang, min_cell=ctx.min_cell), groups, "overview-theme-groups", ctx.lang
    )
    st.caption(ctx.t("overview.groups_caption", total=ctx.int(head.participants)))

# --- the rules ----------------------------------------------------------------------------
st.subheader(ctx.t("overview.rules"), anchor=False)
if rules is None or rules.empty:
    st.info(ctx.t("overview.rules_absent"))
else:
    for rule in rules.itertuples(index=False):
        st.text(f"{rule.number}. {rule.title}")

# --- provenance ---------------------------------------------------------------------------
st.subheader(ctx.t("overview.provenance"), anchor=False)
if not package:
    st.caption(ctx.t("provenance.none"))
else:
    st.markdown(words.md_escape(datapackage.description(package, ctx.lang) or ""))
    status = ctx.t("provenance.illustrative" if datapackage.illustrative(package) else "provenance.real")
    rows = [
        (ctx.t("provenance.title"), datapackage.title(package, ctx.lang) or ""),
        (ctx.t("provenance.sources"), datapackage.sources(package)),
        (ctx.t("provenance.licence"), datapackage.licences(package)),
        (ctx.t("provenance.status"), status),
        (ctx.t("provenance.folder"), ctx.db.data_dir.name + "/"),
    ]
    widgets.fields(rows)
