"""Presenter mode: the findings as full-screen slides, public rules always applied."""

import streamlit as st

from findings import charts, deck_export, i18n, slides, words
from findings import package as datapackage
from findings.app import deck as deck_keys
from findings.app import frame, state, widgets
from findings.filters import Filters
from findings.story import Slide, StoryError, default_story, load_story, rule_quote

# --- context --------------------------------------------------------------------------------
ctx = frame.context(public_only=True)  # whatever the deployment's audience, slides are public
package = ctx.report.package
# a deck is the same talk whatever was left in the sidebar: the exploration filters never apply,
# only a slide's own filters from story.json (said on that slide)
deck = ctx.narrowed(Filters.of())
rules = deck.run("rule_evidence") if ctx.db.has("rules") else None
numbers = [int(n) for n in rules.number] if rules is not None else []
try:
    story = load_story(ctx.db.data_dir, numbers, people=ctx.people)
    story_error = None
except StoryError as exc:
    story, story_error = default_story(numbers, people=ctx.people), str(exc)

# --- inputs: which slide (URL `slide`) ------------------------------------------------------
total = len(story)
asked = st.query_params.get("slide")
current = min(max(int(widgets.number_value("slide", 1, at_most=total)), 1), total)
state.write("slide", current, 1)
slide: Slide = story[current - 1]
notes_view = st.query_params.get("notes") == "1"  # the presenter view, in a second window
# clicker keys in the browser; no sidebar or toolbar over the slides
deck_keys.keys(current, total, follower=notes_view)
here = ctx.narrowed(Filters.of(**slide.filters))
head = here.run("headline").iloc[0]
PROJECTOR = {"displayModeBar": False}

if story_error:
    st.error(ctx.t("present.story_invalid", error=story_error), icon=":material/error:")


def slide_title(s: Slide) -> str:
    """A slide's heading as the presenter view lists it (its own, or its type's)."""
    if s.heading(ctx.lang):
        return s.heading(ctx.lang)
    if s.type == "rule" and rules is not None:
        titles = dict(zip(rules.number.astype(int), rules.title, strict=True))
        return ctx.t("common.rule_number", number=ctx.int(s.rule)) + " · " + str(titles.get(int(s.rule), ""))
    return ctx.t(f"present.type.{s.type}")


if notes_view:
    st.caption(ctx.t("present.notes_intro"))
    st.subheader(
        words.md_escape(ctx.t("present.notes_now", n=current, total=total, title=slide_title(slide))),
        anchor=False,
    )
    said = slide.speaker_notes(ctx.lang)
    if said:
        st.text(said)
    else:
        st.caption(ctx.t("present.no_notes"))
    if current < total:
        st.caption(words.md_escape(ctx.t("present.notes_next", title=slide_title(story[current]))))
    st.stop()
if asked is not None and not (asked.isdigit() and 1 <= int(asked) <= total):
    # on the slide itself: the sidebar, where other ignored values are said, stays closed
    # a URL value is data: shown as text, never as Markdown
    said = words.md_escape(ctx.t("present.no_such_slide", slide=asked[:20], total=total))
    st.warning(said, icon=":material/info:")

# navigation first, so it stays on screen whatever the slide holds
back, where, save, forward = st.columns([1, 4, 1, 1], vertical_alignment="center")
save.download_button(
    ctx.t("present.save"),
    data=lambda: deck_export.build(ctx, story).encode("utf-8"),
    file_name=deck_export.filename(ctx.lang),
    mime="text/html",
    key="present.save",
    on_click="ignore",
    help=ctx.t("present.save_help"),
    width="stretch",
)
back.button(
    ctx.t("present.previous"),
    disabled=current == 1,
    on_click=state.set_value,
    args=("slide", current - 1),
    width="stretch",
)
forward.button(
    ctx.t("present.next"),
    disabled=current == total,
    on_click=state.set_value,
    args=("slide", current + 1),
    width="stretch",
)
where.caption(
    ctx.t("present.counter", n=current, total=total)
    + ("  ·  " + ctx.t("present.sidebar_ignored") if ctx.filters.active else "")
    + "  ·  "
    + ctx.t("present.keys")
)
if slide.filters:  # in the slide's own type, not a footnote: the audience must see it
    st.subheader(
        words.md_escape(
            ctx.t("present.filtered_slide", filters=words.filter_pairs(here.filters, ctx.labels, ctx.lang))
        ),
        anchor=False,
    )


def heading(default_key: str, **values) -> str:
    return slide.heading(ctx.lang) or ctx.t(default_key, **values)


# --- one slide of each type -----------------------------------------------------------------
def title_slide() -> None:
    title = slide.heading(ctx.lang) or datapackage.shown_title(package, ctx.lang, ctx.report.data_dir)
    st.title(words.md_escape(title), anchor=False)
    question = datapackage.question(package, ctx.lang)
    if question:
        st.header(words.md_escape(question), anchor=False)
    st.subheader(slides.title_line(ctx, head), anchor=False)


def recorded(kind: str, archive) -> str:
    size = i18n.fmt_bytes(archive.loc[kind, "size_bytes"], ctx.lang)
    if kind == "photo":
        return ctx.t(
            "common.named",
            name=ctx.t("archive.photo"),
            value=f"{ctx.int(archive.loc['photo', 'files'])} ({size})",
        )
    hours = i18n.fmt_hours(archive.loc[kind, "hours"], ctx.lang)
    return ctx.t("common.named", name=ctx.t("archive." + kind), value=f"{hours} ({size})")


def numbers_slide() -> None:
    st.title(words.md_escape(heading("overview.numbers")), anchor=False)
    cells = slides.number_cells(ctx, head, rules is not None)
    for row in (cells[:3], cells[3:]):
        for column, (label, value) in zip(st.columns(3), row, strict=True):
            column.metric(label, value)
    if not ctx.db.has("media"):
        return
    archive = here.run("archive_totals").set_index("kind")
    parts = [recorded(kind, archive) for kind in ("audio", "video", "photo") if kind in archive.index]
    st.subheader(" · ".join(parts), anchor=False)


def groups_slide() -> None:
    groups = here.run("theme_group_reach")
    st.title(
        words.md_escape(heading("overview.groups" if len(groups) == 3 else "overview.groups_n")), anchor=False
    )
    if widgets.too_few(here, head):  # said once, in place of the chart
        return
    if slides.nothing_to_chart(ctx, groups, head):
        widgets.empty_state(here)
        return
    by_excerpts = None if ctx.people else head.excerpts
    figure = charts.theme_group_reach(groups, ctx.lang, min_cell=ctx.min_cell, excerpts_total=by_excerpts)
    st.plotly_chart(
        charts.for_projector(figure, height=560, scale=deck_keys.scale()),
        theme=None,
        config=PROJECTOR,
        key="slide-groups",
    )
    st.caption(slides.groups_caption(ctx, head))


def themes_by_discipline_slide() -> None:
    st.title(words.md_escape(heading("common.themes_by_discipline")), anchor=False)
    by_discipline = here.run("theme_discipline_reach")
    if widgets.no_people(here, "themes") or widgets.too_few(here, head):  # said once, in place of the chart
        return
    if by_discipline.empty:
        widgets.empty_state(here)
        return
    figure = charts.theme_discipline_heatmap(by_discipline, ctx.lang, min_cell=ctx.min_cell)
    height = min(700, 200 + 60 * by_discipline.theme_id.nunique())  # fits under the title on a 16:9 slide
    st.plotly_chart(
        charts.for_projector(figure, height=height, scale=deck_keys.scale()),
        theme=None,
        config=PROJECTOR,
        key="slide-heatmap",
    )


def rule_slide() -> None:
    rule = here.run("rule_evidence").set_index("number").loc[slide.rule]  # under the slide's filters
    st.caption(ctx.t("common.rule_number", number=ctx.int(slide.rule)))
    st.title(words.md_escape(slide.heading(ctx.lang) or rule.title), anchor=False)
    if isinstance(rule.summary, str) and rule.summary:
        st.subheader(words.md_escape(rule.summary), anchor=False)
    if not len(rule.theme_labels):
        return
    st.markdown(words.md_escape(ctx.t("present.rule_themes", themes=", ".join(rule.theme_labels))))
    # the evidence beside its words: the share who voiced the rule's themes, and one consented quote
    number, words_ = st.columns([1, 2], gap="large", vertical_alignment="center")
    reach = slides.rule_reach(here, rule, head)
    if reach is None:  # suppressed: no share, no n of N, no excerpt count
        note = ctx.t("themes.rule_evidence_suppressed", k=ctx.min_cell)
        widgets.metric(number, ctx.t("present.rule_reach"), ctx.t("cell.suppressed"), note)
    else:
        share, counted, evidence = reach
        widgets.metric(number, counted, share, evidence)
    quotes = here.run("excerpts", theme=list(rule.theme_ids), q="", limit=40, offset=0)
    said = [t for t in quotes.excerpt if isinstance(t, str) and t.strip()]
    if said:  # rules that share themes would show the same first quote: each takes its own turn
        with words_.container(border=True):
            st.text(f"“{rule_quote(said, slide.rule)}”")


def closing_slide() -> None:
    st.title(words.md_escape(heading("present.closing")), anchor=False)
    if rules is not None and not rules.empty:
        halves = st.columns(2)
        for i, rule in enumerate(rules.itertuples(index=False)):
            halves[i * 2 // len(rules)].text(f"{rule.number}. {rule.title}")
    sources = datapackage.sources(package)
    if sources:
        st.caption(words.md_escape(ctx.t("present.source", sources=sources)))


SLIDES = {
    "title": title_slide,
    "numbers": numbers_slide,
    "groups": groups_slide,
    "themes_by_discipline": themes_by_discipline_slide,
    "rule": rule_slide,
    "closing": closing_slide,
}
SLIDES[slide.type]()
