"""Presenter mode: the findings as full-screen slides, public rules always applied."""

import streamlit as st

from findings import charts, i18n, words
from findings import package as datapackage
from findings.app import frame, state, widgets
from findings.filters import Filters
from findings.story import Slide, StoryError, default_story, load_story

# --- inputs -------------------------------------------------------------------------------
ctx = frame.context(public_only=True)  # whatever the deployment's audience, slides are public
rules = ctx.run("rule_evidence") if ctx.db.has("rules") else None
numbers = [int(n) for n in rules.number] if rules is not None else []
try:
    story = load_story(ctx.db.data_dir, numbers)
    story_error = None
except StoryError as exc:
    story, story_error = default_story(numbers), str(exc)

total = len(story)
current = widgets.number_value("slide", 1, at_most=total)
current = min(max(int(current), 1), total)
state.write("slide", current, 1)
slide: Slide = story[current - 1]
here = ctx.narrowed(Filters.of(**slide.filters)) if slide.filters else ctx

# --- data ---------------------------------------------------------------------------------
head = here.run("headline").iloc[0]
package = ctx.report.package


def heading(default_key: str, **values) -> str:
    return slide.heading(ctx.lang) or ctx.t(default_key, **values)


# --- layout: one slide --------------------------------------------------------------------
if story_error:
    st.error(ctx.t("present.story_invalid", error=story_error), icon=":material/error:")

# navigation first, so it stays on screen whatever the slide holds
back, where, forward = st.columns([1, 4, 1], vertical_alignment="center")
back.button(
    ctx.t("present.previous"), icon=":material/arrow_back:", shortcut="Left", disabled=current == 1,
    on_click=state.set_value, args=("slide", current - 1), width="stretch",
)
forward.button(
    ctx.t("present.next"), icon=":material/arrow_forward:", shortcut="Right", disabled=current == total,
    on_click=state.set_value, args=("slide", current + 1), width="stretch",
)
where.caption(
    ctx.t("present.counter", n=current, total=total)
    + ("  ·  " + ctx.t("present.filtered") if slide.filters else "")
    + "  ·  " + ctx.t("present.keys")
)

if slide.type == "title":
    st.title(words.md_escape(slide.heading(ctx.lang) or datapackage.title(package, ctx.lang) or ctx.t("app.title")), anchor=False)
    question = datapackage.question(package, ctx.lang)
    if question:
        st.header(words.md_escape(question), anchor=False)
    st.subheader(
        ctx.t("present.title_line", participants=ctx.int(head.participants_total), sessions=ctx.int(head.sessions_total)),
        anchor=False,
    )

elif slide.type == "numbers":
    st.title(heading("overview.numbers"), anchor=False)
    cols = st.columns(3)
    cols[0].metric(ctx.t("metric.participants"), ctx.fewer(head.participants))
    cols[1].metric(ctx.t("metric.sessions"), ctx.int(head.sessions))
    cols[2].metric(ctx.t("metric.venues"), ctx.int(head.venues))
    cols = st.columns(3)
    cols[0].metric(ctx.t("metric.excerpts"), ctx.int(head.excerpts))
    cols[1].metric(ctx.t("metric.themes"), ctx.int(head.themes_voiced))
    cols[2].metric(ctx.t("metric.rules"), ctx.int(head.rules_total) if rules is not None else "–")
    if ctx.db.has("media"):
        archive = here.run("archive_totals").set_index("kind")
        parts = []
        for kind in ("audio", "video"):
            if kind in archive.index:
                parts.append(f"{ctx.t('archive.' + kind)}: {i18n.fmt_hours(archive.loc[kind, 'hours'], ctx.lang)} ({i18n.fmt_bytes(archive.loc[kind, 'size_bytes'], ctx.lang)})")
        if "photo" in archive.index:
            parts.append(f"{ctx.t('archive.photo')}: {ctx.int(archive.loc['photo', 'files'])} ({i18n.fmt_bytes(archive.loc['photo', 'size_bytes'], ctx.lang)})")
        st.subheader(" · ".join(parts), anchor=False)

elif slide.type == "groups":
    groups = here.run("theme_group_reach")
    st.title(heading("overview.groups" if len(groups) == 3 else "overview.groups_n"), anchor=False)
    if widgets.too_few(here, head):
        pass  # said once, in place of the chart
    elif groups.empty or head.participants == 0:
        widgets.empty_state(here)
    else:
        figure = charts.theme_group_reach(groups, ctx.lang, min_cell=ctx.min_cell)
        st.plotly_chart(charts.for_projector(figure, height=350), theme=None, config={"displayModeBar": False}, key="slide-groups")
        st.caption(ctx.t("overview.groups_caption", total=ctx.int(head.participants)))

elif slide.type == "themes_by_discipline":
    st.title(heading("present.by_discipline"), anchor=False)
    by_discipline = here.run("theme_discipline_reach")
    if widgets.too_few(here, head):
        pass  # said once, in place of the chart
    elif by_discipline.empty:
        widgets.empty_state(here)
    else:
        figure = charts.theme_discipline_heatmap(by_discipline, ctx.lang, min_cell=ctx.min_cell)
        height = min(460, 130 + 34 * by_discipline.theme_id.nunique())  # fits under the title at 1280x720
        st.plotly_chart(charts.for_projector(figure, height=height), theme=None, config={"displayModeBar": False}, key="slide-heatmap")

elif slide.type == "rule":
    rule = here.run("rule_evidence").set_index("number").loc[slide.rule]  # under the slide's filters
    st.caption(ctx.t("present.rule_number", number=ctx.int(slide.rule)))
    st.title(words.md_escape(slide.heading(ctx.lang) or rule.title), anchor=False)
    if isinstance(rule.summary, str) and rule.summary:
        st.subheader(words.md_escape(rule.summary), anchor=False)
    if len(rule.theme_labels):
        st.markdown(words.md_escape(ctx.t("present.rule_themes", themes=", ".join(rule.theme_labels))))
        if words.blank(rule.participants_reached):  # suppressed: no share, no n of N, no excerpt count
            st.metric(
                ctx.t("present.rule_reach"), ctx.t("cell.suppressed"),
                ctx.t("themes.rule_evidence_suppressed", k=ctx.min_cell), delta_color="off", delta_arrow="off",
            )
        else:
            st.metric(
                ctx.t("present.rule_reach"),
                i18n.fmt_pct(rule.share_reached, ctx.lang),
                ctx.t("present.rule_evidence", n=ctx.int(rule.participants_reached), total=ctx.int(rule.participants), excerpts=ctx.int(rule.excerpts)),
                delta_color="off", delta_arrow="off",
            )
        quotes = here.run("excerpts", theme=list(rule.theme_ids), q="", limit=40, offset=0)
        for text in [t for t in quotes.excerpt if isinstance(t, str) and t][:1]:
            with st.container(border=True):
                st.text(f"“{text}”")

else:  # closing
    st.title(heading("present.closing"), anchor=False)
    if rules is not None and not rules.empty:
        halves = st.columns(2)
        for i, rule in enumerate(rules.itertuples(index=False)):
            halves[i * 2 // len(rules)].text(f"{rule.number}. {rule.title}")
    sources = datapackage.sources(package)
    if sources:
        st.caption(words.md_escape(ctx.t("present.source", sources=sources)))
