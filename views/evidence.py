"""Evidence: the coded excerpts themselves, searched, paged, and downloadable in full.

Excerpt text is data: it is shown with st.text only (never Markdown or HTML), and only through
queries that apply the consent rule, so withheld quotes count but are never shown or searched.
"""

import math

import pandas as pd
import streamlit as st

from findings import downloads, site, words
from findings.app import frame, state, widgets

PAGE_SIZE = site.EVIDENCE_PAGE_SIZE

# --- context --------------------------------------------------------------------------------
ctx = frame.context()
st.title(ctx.t("evidence.title"), anchor=False)
widgets.scope_caption(ctx)

# --- inputs -------------------------------------------------------------------------------
# search text (URL `q`), themes (URL `theme`, repeated) and the page number (URL `page`)
theme_options = ctx.run("theme_options")
theme_label = dict(zip(theme_options["theme_id"], theme_options["label"], strict=True))
theme_count = dict(zip(theme_options["theme_id"], theme_options["excerpts"], strict=True))

search_column, theme_column = st.columns(2, vertical_alignment="bottom")
with search_column:
    q = widgets.text_value(
        "q",
        ctx.t("evidence.search"),
        placeholder=ctx.t("evidence.search_placeholder"),
        help=ctx.t("evidence.search_help"),
        icon=":material/search:",
    )
with theme_column:
    themes = widgets.multi_choice(
        "theme",
        ctx.t("common.themes"),
        list(theme_options["theme_id"]),
        lambda theme: ctx.t("evidence.theme_option", label=theme_label[theme], n=ctx.int(theme_count[theme])),
        placeholder=ctx.t("evidence.themes_placeholder"),
        help=ctx.t("evidence.themes_help"),
    )

summary = ctx.run("excerpt_summary", theme=themes, q=q).iloc[0]
# The count is suppressed for the public when the matches come from fewer than k people; the
# quotes still show (consent governs them, not cell size), paged without a total.
counted = not words.blank(summary.excerpts)
total = int(summary.excerpts) if counted else None
pages = max(1, math.ceil(total / PAGE_SIZE)) if counted else None

# A new search, theme choice or filter starts again at page 1; a link's own page number stands.
scope = (ctx.filters.params(), q, themes)
if st.session_state.get("evidence.scope", scope) != scope:
    state.set_value("page", 1)
st.session_state["evidence.scope"] = scope
page = widgets.number_value("page", 1)
page = min(page, pages) if counted else page


def page_rows(number: int) -> pd.DataFrame:
    """This page's excerpts; with no total to page by, one more tells whether a next page exists."""
    extra = 0 if counted else 1
    return ctx.run("excerpts", theme=themes, q=q, limit=PAGE_SIZE + extra, offset=(number - 1) * PAGE_SIZE)


rows = page_rows(page)
if not counted and rows.empty and page > 1:  # a link past the last page: back to the first
    page = 1
    rows = page_rows(page)
more = len(rows) > PAGE_SIZE if not counted else page < pages
rows = rows.head(PAGE_SIZE)
state.write("page", page, 1)


def export() -> pd.DataFrame:
    """Every matching excerpt (not just this page), withheld text left empty by the query."""
    return ctx.run("excerpts_export", theme=themes, q=q)


# Built only when a download button is clicked (Streamlit runs these on another thread).
def export_csv() -> bytes:
    return downloads.csv_bytes(export())


def export_parquet() -> bytes:
    return downloads.parquet_bytes(export())


if total == 0 or (not counted and rows.empty):
    if q or themes:
        st.info(ctx.t("evidence.no_match"), icon=":material/search_off:")
    else:
        widgets.empty_state(ctx)
    frame.page_done()


# --- how many match, and the downloads ------------------------------------------------------
def matches() -> None:
    if not counted:
        st.markdown(ctx.t("evidence.matches_suppressed", k=ctx.min_cell))
        st.caption(ctx.t("evidence.counted"))
        return
    withheld = int(summary.withheld)
    sentence = [f"**{ctx.tn('evidence.matches', total, count=ctx.int(total))}**"]
    if withheld:
        sentence.append(ctx.tn("evidence.withheld_some", withheld, count=ctx.int(withheld)))
    else:
        sentence.append(ctx.t("evidence.withheld_none"))
    if not words.blank(summary.top_activity) and not words.blank(summary.top_activity_excerpts):
        activity = f"**{words.md_escape(summary.top_activity)}**"
        sentence.append(
            ctx.t("evidence.top_activity", activity=activity, n=ctx.int(summary.top_activity_excerpts))
        )
    st.markdown(ctx.t("scope.separator").join(sentence) + ".")
    st.caption(ctx.t("evidence.counted"))


def download_buttons() -> None:
    if counted:
        st.caption(ctx.tn("evidence.download_caption", total, count=ctx.int(total)))
    else:
        st.caption(ctx.t("evidence.download_caption_uncounted"))
    with st.container(horizontal=True):
        st.download_button(
            ctx.t("evidence.download_csv"),
            data=export_csv,
            file_name="excerpts.csv",
            mime="text/csv",
            key="evidence.csv",
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            ctx.t("evidence.download_parquet"),
            data=export_parquet,
            file_name="excerpts.parquet",
            mime="application/vnd.apache.parquet",
            key="evidence.parquet",
            icon=":material/download:",
            on_click="ignore",
        )


# --- the excerpts, a page at a time ---------------------------------------------------------
def pager(where: str) -> None:
    """Previous / page number / next, and which excerpts this page shows (of how many, when
    that count may be shown)."""
    first = (page - 1) * PAGE_SIZE + 1
    last = first + len(rows) - 1
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button(
            ctx.t("evidence.previous"),
            key=f"evidence.previous.{where}",
            icon=":material/chevron_left:",
            disabled=page <= 1,
            on_click=state.set_value,
            args=("page", page - 1),
        )
        if where == "top":
            st.session_state["evidence.page_number"] = page
            st.number_input(
                ctx.t("evidence.page"),
                min_value=1,
                max_value=pages,
                step=1,
                key="evidence.page_number",
                label_visibility="collapsed",
                width=110,
                on_change=lambda: state.set_value("page", int(st.session_state["evidence.page_number"])),
            )
            if counted:
                st.text(ctx.t("evidence.page_of", pages=ctx.int(pages)))
        st.button(
            ctx.t("evidence.next"),
            key=f"evidence.next.{where}",
            icon=":material/chevron_right:",
            icon_position="right",
            disabled=not more,
            on_click=state.set_value,
            args=("page", page + 1),
        )
        if counted:
            st.caption(
                ctx.t("evidence.range", first=ctx.int(first), last=ctx.int(last), total=ctx.int(total))
            )
        else:
            st.caption(ctx.t("evidence.range_uncounted", first=ctx.int(first), last=ctx.int(last)))


def plain(value) -> str:
    return "–" if value is None or pd.isna(value) else words.md_escape(value)


def excerpt_card(row) -> None:
    """One excerpt as plain text, and where it comes from (a withheld one says neither)."""
    with st.container(border=True):
        if row.withheld:
            st.text(ctx.t("excerpts.withheld"), help=ctx.t("evidence.withheld_why"))
        elif pd.isna(row.excerpt):
            st.text(ctx.t("common.no_text"))
        else:
            st.text(row.excerpt)
        if row.withheld:  # who said what they did not let us show is not shown either
            speaker = "–"
        elif pd.isna(row.participant_id):  # a group-level passage: no speaker, role or discipline
            speaker = words.md_escape(ctx.t("excerpts.group"))
        else:
            speaker = f"{plain(row.participant_id)} · {plain(row.role)} · {plain(row.discipline)}"
        st.caption(
            f":material/sell: {words.md_escape(', '.join(row.themes))}"
            f"\u2003:material/event: {plain(row.session)}"
            f"\u2003:material/person: {speaker}"
            f"\u2003:material/forum: {plain(row.activity)}"
            f"\u2003:material/tag: {plain(row.excerpt_id)}"
        )


matches()
download_buttons()
pager("top")
for row in rows.itertuples(index=False):
    excerpt_card(row)
pager("bottom")
