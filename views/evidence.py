"""Evidence: the coded excerpts themselves, searched, paged, and downloadable in full.

Excerpt text is data: it is shown as plain text (or, where a search found it, as Markdown with every
character escaped and the matches highlighted: words.quote_markdown), and only through queries that
apply the consent rule, so withheld quotes count but are never shown or searched.
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

# with two themes or more: excerpts carrying any of them, or (URL `all_themes`) every one of them
all_themes = False
if len(themes) > 1:
    all_themes = widgets.switch(
        "all_themes", ctx.t("evidence.all_themes"), help=ctx.t("evidence.all_themes_help")
    )

summary = ctx.run("excerpt_summary", theme=themes, all_themes=all_themes, q=q).iloc[0]
# A list is a count: for the public its rows (quotable ones only) come only when the count of
# what it holds may be shown (findings/privacy.py public_passages), and paging follows that count.
counted = not words.blank(summary.excerpts)
total = int(summary.excerpts) if counted else None
listing = not words.blank(summary.listed)
listed = int(summary.listed) if listing else 0
pages = max(1, math.ceil(listed / PAGE_SIZE))

# A new search, theme choice or filter starts again at page 1; a link's own page number stands.
scope = (ctx.filters.params(), q, themes, all_themes)
if st.session_state.get("evidence.scope", scope) != scope:
    state.set_value("page", 1)
st.session_state["evidence.scope"] = scope
page = min(widgets.number_value("page", 1), pages)
offset = (page - 1) * PAGE_SIZE
rows = (
    ctx.run("excerpts", theme=themes, all_themes=all_themes, q=q, limit=PAGE_SIZE, offset=offset)
    if listed
    else None
)
state.write("page", page, 1)


def export() -> pd.DataFrame:
    """Every excerpt the list holds (not just this page), withheld text left empty by the query."""
    return ctx.run("excerpts_export", theme=themes, all_themes=all_themes, q=q)


# Built only when a download button is clicked (Streamlit runs these on another thread).
def export_csv() -> bytes:
    return downloads.csv_bytes(export())


def export_parquet() -> bytes:
    return downloads.parquet_bytes(export())


if total == 0:
    if q or themes:
        st.info(ctx.t("evidence.no_match"), icon=":material/search_off:")
    else:
        widgets.empty_state(ctx)
    frame.page_done()
if not counted:  # fewer than k people behind the matches: one sentence, no list, no download
    st.info(ctx.t("excerpts.not_counted", k=ctx.min_cell), icon=":material/shield:")
    frame.page_done()


# --- how many match, and the downloads ------------------------------------------------------
def matches() -> None:
    sentence = [f"**{ctx.tn('evidence.matches', total, count=ctx.int(total))}**"]
    if listing:  # otherwise how many are withheld is blank: with the matches it gives the list's length
        withheld = int(summary.withheld)
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
    st.caption(ctx.tn("evidence.download_caption", listed, count=ctx.int(listed)))
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
    """Previous / page number / next, and which excerpts this page shows, of how many."""
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
            st.text(ctx.t("evidence.page_of", pages=ctx.int(pages)))
        st.button(
            ctx.t("evidence.next"),
            key=f"evidence.next.{where}",
            icon=":material/chevron_right:",
            icon_position="right",
            disabled=page >= pages,
            on_click=state.set_value,
            args=("page", page + 1),
        )
        st.caption(ctx.t("evidence.range", first=ctx.int(first), last=ctx.int(last), total=ctx.int(listed)))


matches()
if not listed:  # the public list is held back (or nothing in it is quotable): say so, once
    widgets.not_listed(ctx, listing)
    frame.page_done()
download_buttons()
pager("top")
for row in rows.itertuples(index=False):
    widgets.quote_card(ctx, row, search=q, with_id="participant_id" in rows.columns)
pager("bottom")
